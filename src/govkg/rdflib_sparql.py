"""rdflib's SPARQL parser, once per query text while pySHACL validates.

pySHACL hands rdflib the same SPARQL string for every focus node of a SPARQL-based constraint
(``$this`` as a binding) and rdflib parses it each time; its pyparsing grammar costs ~0.1 s a
parse. Checking 17 procurement records took 21 s, 20 of them parsing the same 15 queries 255 times.
A parsed and translated query is what rdflib's own ``prepareQuery`` returns for reuse, so
evaluation is unchanged — both engines' findings stay equal (tests/test_procurement_engines.py,
the validation tests).
"""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def sparql_parsed_once():
    """Within the block, ``Graph.query(text)`` parses and translates each distinct text once."""
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    prepared: dict = {}

    def query(self, query, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(query, str):
            key = (query, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in prepared:
                prepared[key] = processor.translateQuery(processor.parseQuery(query), base, initNs or {})
            query = prepared[key]
        return original(self, query, initBindings or {}, initNs or {}, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


__all__ = ["sparql_parsed_once"]
