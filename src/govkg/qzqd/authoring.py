"""The import's one way of making triples: the authoring builder's ``node`` and term helpers.

:class:`GraphWriter` is ``govkg.authoring.builder.Builder``'s ``node(subject, types,
prefix__local=values)`` over one graph, and its ``zh/en/lit/date`` literals — until the builder
is on main the same few lines are kept here (the API is the builder's, so the switch is an import).
"""

from __future__ import annotations

from datetime import date as _date


class GraphWriter:
    def __init__(self, graph=None):
        from rdflib import Graph

        from govkg.namespaces import bind_prefixes

        self.graph = graph if graph is not None else Graph()
        bind_prefixes(self.graph)
        self.graph.bind("ptype", "https://w3id.org/govkg/id/power-type/")

    # literals, as the builder's zh() en() lit() date()
    @staticmethod
    def zh(text: str):
        from rdflib import Literal

        return Literal(text, lang="zh")

    @staticmethod
    def en(text: str):
        from rdflib import Literal

        return Literal(text, lang="en")

    @staticmethod
    def lit(text: str):
        from rdflib import Literal

        return Literal(text)

    @staticmethod
    def date(day):
        from rdflib import XSD, Literal

        return Literal(day.isoformat() if isinstance(day, _date) else str(day), datatype=XSD.date)

    def term(self, value):
        from rdflib import Literal, URIRef

        from govkg.errors import GovkgError
        from govkg.namespaces import PREFIXES

        if isinstance(value, (URIRef, Literal)):
            return value
        if value.startswith(("http://", "https://", "urn:")):
            return URIRef(value)
        prefix, sep, local = value.partition(":")
        if not sep or prefix not in PREFIXES:
            raise GovkgError(f"not a CURIE with a known prefix: {value!r}")
        return URIRef(PREFIXES[prefix] + local)

    def node(self, subject, types=(), **props):
        """Add a resource: ``types`` (CURIEs) and ``props`` as ``prefix__local=[values]``."""
        from rdflib import RDF

        s = self.term(subject)
        add = self.graph.add
        for t in (types,) if isinstance(types, str) else types:
            add((s, RDF.type, self.term(t)))
        for key, values in props.items():
            if values is None:
                continue
            p = self.term(key.replace("__", ":", 1))
            if not isinstance(values, (list, tuple, set, frozenset)):
                values = [values]
            for v in values:
                if v is not None:
                    add((s, p, self.term(v)))
        return s
