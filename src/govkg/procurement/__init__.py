"""Government purchase of services (政府购买服务): records, their RDF, the rule check, eligibility.

Reading records (:mod:`.records`) needs only the vocabulary of categories, content types, modes and
methods (:mod:`.vocab`); the check (:mod:`.checker`) turns records into RDF (:mod:`.to_rdf`) and
validates them against ``shapes/procurement.ttl`` with pyshacl. rdflib and pyshacl are imported
inside functions, so importing this package is cheap.
"""

from __future__ import annotations

__all__ = ["check_file", "eligibility"]


def check_file(path):
    """Read a CSV or JSON file of purchase records and check it; returns a :class:`.checker.Report`."""
    from govkg.procurement.checker import check_path

    return check_path(path)


def eligibility(category: str):
    """What a category may do (purchase, provide), with the articles that say so."""
    from govkg.procurement.eligibility import eligibility as _eligibility

    return _eligibility(category)
