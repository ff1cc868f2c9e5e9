"""The builder's fast output: triples as pyoxigraph terms in a set, written as sorted Turtle.

Why: an rdflib ``Graph`` costs tens of microseconds a triple to fill and its Turtle serialiser as
much again to write — an import of a 10,000-row 权责清单 (~250,000 triples) spent 25 s there.
Here a triple is three pyoxigraph terms (built in Rust, hashable) in a Python set, and the Turtle
is pyoxigraph's serialiser over the triples *sorted* (subject, ``rdf:type`` first, predicate,
object), which groups each subject's statements with ``;`` and ``,``.  Same triples in, same bytes
out, whatever order the rows came in: the builder's deterministic-output rule.

The values a row gives are read by the same rules as :func:`govkg.authoring.builder.term`: a str is
a CURIE or full IRI, ``bool``/``int`` are typed literals, rdflib terms are converted, anything
else is refused.  The bundled build keeps rdflib graphs (its tables and checks read them back);
importers ask for this output with ``Builder(fast=True)``.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from govkg.errors import GovkgError
from govkg.namespaces import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = PREFIXES["xsd"]
_IRI_START = ("http://", "https://", "urn:")


class TripleSet:
    """An output of the builder: ``add((s, p, o))``, ``len()``, ``serialize(format="turtle")``."""

    def __init__(self, prefixes: dict[str, str] | None = None):
        self.prefixes = dict(PREFIXES if prefixes is None else prefixes)
        self._by_subject: dict = {}  # subject -> {(predicate, object)}: sorted per subject when written
        self._iris: dict[str, ox.NamedNode] = {}  # CURIE or IRI -> its node (rows repeat them)
        self._datatypes: dict[str, ox.NamedNode] = {}
        self._keys: dict[str, ox.NamedNode] = {}  # "skos__prefLabel" -> its predicate

    def bind(self, prefix: str, namespace: str) -> None:
        self.prefixes[prefix] = str(namespace)

    # -- filling
    def add(self, triple) -> None:
        s, p, o = triple
        s = self.term(s)
        pairs = self._by_subject.get(s)
        if pairs is None:
            pairs = self._by_subject[s] = set()
        pairs.add((self.term(p), self.term(o)))

    def node(self, subject, types, props: dict):
        """``Builder.node`` in one pass: ``types`` and ``props`` (``prefix__local`` keys)."""
        term = self.term
        s = term(subject)
        pairs = self._by_subject.get(s)
        if pairs is None:
            pairs = self._by_subject[s] = set()
        add = pairs.add
        if types:
            rdf_type = term("rdf:type")
            for t in (types,) if isinstance(types, str) else types:
                add((rdf_type, term(t)))
        for key, values in props.items():
            p = self._keys.get(key)
            if p is None:
                p = self._keys[key] = term(key.replace("__", ":", 1))
            if values is None:
                continue
            if not isinstance(values, (list, tuple, set, frozenset)):
                add((p, term(values)))
                continue
            for v in values:
                if v is not None:
                    add((p, term(v)))

    def term(self, value):
        if type(value) is str:  # noqa: E721 — the common case first, and not rdflib's str subclasses
            node = self._iris.get(value)
            return node if node is not None else self._iri(value)
        return self._other(value)

    def _iri(self, text: str) -> ox.NamedNode:
        from govkg.authoring.builder import AuthoringError

        if text.startswith(_IRI_START):
            full = text
        else:
            prefix, sep, local = text.partition(":")
            if not sep or prefix not in PREFIXES:
                raise AuthoringError(f"not a CURIE with a known prefix: {text!r}")
            full = PREFIXES[prefix] + local
        try:
            node = self._iris[text] = ox.NamedNode(full)
        except ValueError as exc:
            raise AuthoringError(f"not an IRI: {full!r} ({exc})") from None
        return node

    # -- literals made directly (what the builder's zh()/en()/lit()/date() give in fast mode)
    @staticmethod
    def zh(text: str) -> ox.Literal:
        return ox.Literal(text, language="zh")

    @staticmethod
    def en(text: str) -> ox.Literal:
        return ox.Literal(text, language="en")

    @staticmethod
    def lit(text: str) -> ox.Literal:
        return ox.Literal(text)

    def typed(self, text: str, datatype: str) -> ox.Literal:
        return ox.Literal(text, datatype=self._datatype(datatype))

    def _other(self, value):
        kind = type(value)
        if kind is ox.Literal or kind is ox.NamedNode or kind is ox.BlankNode:
            return value
        from govkg.authoring.builder import AuthoringError

        if isinstance(value, Literal):
            if value.language:
                return ox.Literal(str(value), language=value.language)
            if value.datatype is not None:
                return ox.Literal(str(value), datatype=self._datatype(str(value.datatype)))
            return ox.Literal(str(value))
        if isinstance(value, URIRef):
            return self.term(str(value))
        if isinstance(value, BNode):
            return ox.BlankNode(str(value))
        if isinstance(value, bool):
            return ox.Literal("true" if value else "false", datatype=self._datatype(XSD + "boolean"))
        if isinstance(value, int):
            return ox.Literal(str(value), datatype=self._datatype(XSD + "integer"))
        if isinstance(value, str):  # a str subclass that is not an rdflib term
            return self.term(str(value))
        raise AuthoringError(f"cannot use {value!r} as an RDF term (wrap literals with zh()/en()/lit()/date())")

    def _datatype(self, iri: str) -> ox.NamedNode:
        node = self._datatypes.get(iri)
        if node is None:
            node = self._datatypes[iri] = ox.NamedNode(iri)
        return node

    # -- reading
    def __len__(self) -> int:
        return sum(map(len, self._by_subject.values()))

    def __iter__(self):
        for s, pairs in self._by_subject.items():
            for p, o in pairs:
                yield (s, p, o)

    def sorted(self) -> list[ox.Triple]:
        """The triples in the one order Turtle is written in: subjects by IRI (blank nodes last),
        then ``rdf:type`` first, predicates by IRI, objects by their N-Triples form."""
        pkeys: dict = {}

        def pkey(p):
            k = pkeys.get(p)
            if k is None:
                k = pkeys[p] = (p.value != RDF_TYPE, p.value)
            return k

        Triple = ox.Triple
        out = []
        for s in sorted(self._by_subject, key=lambda s: (type(s) is ox.BlankNode, s.value)):
            pairs = self._by_subject[s]
            if len(pairs) > 1:
                pairs = sorted(pairs, key=lambda po: (pkey(po[0]), str(po[1])))
            out.extend(Triple(s, p, o) for p, o in pairs)
        return out

    def serialize(self, format: str = "turtle") -> str:
        if format != "turtle":
            raise GovkgError(f"the builder's fast output writes Turtle only, not {format!r}")
        text = ox.serialize(self.sorted(), format=ox.RdfFormat.TURTLE, prefixes=self.prefixes).decode("utf-8")
        # the prefix lines in one order of ours (pyoxigraph's follows its own map)
        body = text.split("\n")
        start = next((i for i, line in enumerate(body) if not line.startswith("@prefix ")), len(body))
        head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(self.prefixes.items()))
        return head + "\n".join(body[start:])


__all__ = ["TripleSet"]
