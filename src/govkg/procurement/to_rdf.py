"""Turn :class:`~govkg.procurement.records.Record` objects into RDF in the procurement ontology.

Each record becomes a ``gk:PurchaseProject`` (``dcterms:identifier`` = the record id); each party
name becomes one ``gk:ProcurementParty`` shared by every record that names it, so that a body
acting as purchaser in one record and provider in another is one node (rule R03).
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date, timedelta
from urllib.parse import quote

from govkg.namespaces import GK, PREFIXES

PROC = PREFIXES["proc"]
RECORD_BASE = PROC + "record/"
PARTY_BASE = PROC + "party/"
DCTERMS_ID = "http://purl.org/dc/terms/identifier"


def record_iri(record_id: str) -> str:
    return RECORD_BASE + quote(record_id, safe="")


def party_key(name: str) -> str:
    """Names that differ only in width, spacing or case are the same party."""
    text = unicodedata.normalize("NFKC", name)
    return " ".join(text.split()).casefold()


def party_iri(name: str) -> str:
    return PARTY_BASE + hashlib.sha1(party_key(name).encode("utf-8")).hexdigest()[:16]


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def records_to_graph(records, graph=None):
    """Add the records to ``graph`` (a new rdflib Graph if None) and return it."""
    from rdflib import RDF, XSD, Graph, Literal, URIRef

    from govkg.namespaces import bind_prefixes

    g = graph if graph is not None else Graph()
    bind_prefixes(g)
    gk = lambda local: URIRef(GK + local)  # noqa: E731
    for rec in records:
        node = URIRef(record_iri(rec.id))
        g.add((node, RDF.type, gk("PurchaseProject")))
        g.add((node, URIRef(DCTERMS_ID), Literal(rec.id)))
        for prop, name in [("purchaser", rec.purchaser)] + [("provider", p) for p in rec.providers]:
            party = URIRef(party_iri(name))
            g.add((party, RDF.type, gk("ProcurementParty")))
            g.add((party, gk("partyName"), Literal(unicodedata.normalize("NFKC", name).strip())))
            g.add((node, gk(prop), party))
        g.add((node, gk("purchaserCategory"), URIRef(rec.purchaser_type)))
        g.add((node, gk("providerCategory"), URIRef(rec.provider_type)))
        if rec.service:
            g.add((node, gk("serviceName"), Literal(rec.service)))
        g.add((node, gk("contentType"), URIRef(rec.content_type)))
        g.add((node, gk("purchaseMode"), URIRef(rec.mode)))
        if rec.method:
            g.add((node, gk("procurementMethod"), URIRef(rec.method)))
        if rec.method_text:
            g.add((node, gk("methodText"), Literal(rec.method_text)))
        g.add((node, gk("termStart"), Literal(rec.start_date, datatype=XSD.date)))
        g.add((node, gk("termEnd"), Literal(rec.end_date, datatype=XSD.date)))
        g.add((node, gk("oneYearLimit"), Literal(add_years(rec.start_date, 1), datatype=XSD.date)))
        g.add((node, gk("threeYearLimit"), Literal(add_years(rec.start_date, 3), datatype=XSD.date)))
        for prop, value in (("budgeted", rec.budgeted), ("stableContinuous", rec.continuous),
                            ("subcontractApproved", rec.subcontract_approved)):
            if value is not None:
                g.add((node, gk(prop), Literal(value)))
        g.add((node, gk("subcontracting"), URIRef(rec.subcontract)))
        if rec.amount is not None:
            g.add((node, gk("contractAmount"), Literal(rec.amount, datatype=XSD.decimal)))
    return g


__all__ = ["records_to_graph", "record_iri", "party_iri", "add_years", "timedelta"]
