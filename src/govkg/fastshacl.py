"""The fast validation engine: SHACL shapes compiled to SPARQL and run on the pyoxigraph store.

Each constraint of each shape becomes a SELECT that returns only the violations (focus node,
and value node where SHACL reports one), evaluated by Oxigraph over the cached store — so a
second validation of an unchanged graph parses nothing. On large data a property shape's
candidates come from one scan of its predicate and only they are asked whether they are focus
nodes (no lookup per focus node); checks scanning a predicate alike share one query
(:meth:`Compiler.finish`). Results are the same :class:`govkg.validation.Finding`
records the reference engine (pySHACL) produces — same focus, shape id, path, value and
severity — which ``tests/test_fastshacl.py`` checks on every fixture.

Why not a Rust SHACL library: on our shapes (measured, see docs/performance.md) shacl-rust
reports hundreds of false qualifiedValueShape violations, pyrudof and pyshacl-turbo re-parse the
data on every run and name shapes differently; compiling to SPARQL reuses the cached store.

Supported (what ``shapes/*.ttl`` use, and the rest of SHACL Core's value constraints):
targets (targetClass with rdfs:subClassOf*, targetNode, targetSubjectsOf, targetObjectsOf,
implicit class targets); property paths (IRI, inverse, sequence, alternative, zero-or-more,
one-or-more, zero-or-one); minCount, maxCount, qualifiedValueShape with qualifiedMin/MaxCount,
class, datatype (with well-formedness of castable XSD types), nodeKind, in, hasValue,
languageIn, uniqueLang, pattern/flags, minLength, maxLength, min/maxInclusive/Exclusive,
not, or, and, xone (of shapes made of these), equals, disjoint, lessThan, lessThanOrEquals,
and SPARQL-based constraints (sh:select with sh:prefixes, $this/$PATH, {?var} in messages).
A shape using anything else raises :class:`UnsupportedShape`, and ``--engine auto`` falls back
to pySHACL rather than silently skip it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from govkg.store import Source, open_sources
from govkg.errors import InputError
from govkg.findings import SKOS_PREF, Finding, Report

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE_PATH = f"<{RDF}type>/<{RDFS}subClassOf>*"
TRUE = ("literal", "true", None, XSD + "boolean")

#: the store rewrites literals of these datatypes into xsd:integer / xsd:dateTime (see _AsWritten)
DERIVED = {XSD + t for t in ("long", "int", "short", "byte", "nonNegativeInteger", "positiveInteger",
                             "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                             "unsignedShort", "unsignedByte", "dateTimeStamp")}
#: ... and keeps literals of these in canonical lexical form ("05" -> "5", "1" -> "true")
CANONICALISED = {XSD + t for t in ("integer", "decimal", "float", "double", "boolean", "dateTime")}
WELL_FORMED_FN = "urn:govkg:fn:wellFormed"

# What the engine checks exactly: a whitelist of SHACL's parameters, by the kind of shape that
# carries them. Anything else in the sh: namespace (or a parameter of a SPARQL-based constraint
# component) makes the engine refuse the shape: it never skips what it does not understand.
NON_VALIDATING = {"name", "description", "order", "group", "message", "severity", "deactivated",
                  "defaultValue", "flags", "prefixes", "declare", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"}
VALUE_COMPONENTS = {"class", "datatype", "nodeKind", "in", "hasValue", "languageIn", "pattern", "minLength",
                    "maxLength", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "not", "and",
                    "or", "xone", "node"}
NODE_SHAPE = NON_VALIDATING | VALUE_COMPONENTS | {"closed", "ignoredProperties", "equals", "disjoint",
                                                 "property", "sparql"}
PROPERTY_SHAPE = NON_VALIDATING | VALUE_COMPONENTS | {
    "path", "minCount", "maxCount", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint",
    "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "sparql"}
#: shapes inside sh:node / sh:not / sh:and / sh:or / sh:xone / sh:qualifiedValueShape
NESTED_SHAPE = NON_VALIDATING | VALUE_COMPONENTS | {"property"}
#: property shapes of those (checked as one boolean per value node)
NESTED_PROPERTY = NON_VALIDATING | VALUE_COMPONENTS | {"path", "minCount", "maxCount"}
#: components whose answer depends on the lexical form or term identity of a literal
LEXICAL = {"in", "hasValue", "pattern", "minLength", "maxLength"}
#: a shape's checks on an IRI path are answered from a scan of the predicate (Compiler.finish)
#: when it has at least this many focus nodes and at least 1/SCAN_RATIO as many as the
#: predicate has triples; else from a lookup per focus node (both exact: a matter of speed —
#: 1,200 departments among 300,000 other labelled nodes took 4.7 s scanned, 0.16 s looked up)
SCAN_MIN_FOCUS = 1000
SCAN_RATIO = 4
#: variables SHACL pre-binds; a query may not assign them
PRE_BOUND = {"this", "shapesGraph", "currentShape", "value", "PATH"}


class UnsupportedShape(InputError):
    """A shape uses a SHACL feature this engine does not check exactly (use pySHACL).

    The message names the shape and the feature; ``--engine fast`` shows it and exits 2."""


# ------------------------------------------------------------------ reading the shapes graph


class Shapes:
    """Read-only access to a shapes graph given as rdflib Graph or pyoxigraph Store."""

    def __init__(self, graph):
        self.triples: dict = {}
        self.rev: dict = {}
        for s, p, o in _iter_triples(graph):
            self.triples.setdefault(s, {}).setdefault(p, []).append(o)
            self.rev.setdefault(o, {}).setdefault(p, []).append(s)

    def objects(self, node, pred: str) -> list:
        return self.triples.get(node, {}).get(pred, [])

    def value(self, node, pred: str):
        found = self.objects(node, pred)
        return found[0] if found else None

    def subjects(self, pred: str, obj) -> list:
        return self.rev.get(obj, {}).get(pred, [])

    def list_items(self, node) -> list:
        items = []
        while node is not None and node != ("uri", RDF + "nil"):
            items.append(self.value(node, RDF + "first"))
            node = self.value(node, RDF + "rest")
        return items


def _iter_triples(graph):
    """(s, p, o) with each term as a hashable tuple: ('uri', iri) / ('bnode', id) / ('literal', lex, lang, dt)."""
    if isinstance(graph, ox.Store):
        for q in graph.quads_for_pattern(None, None, None):
            yield _ox_key(q.subject), q.predicate.value, _ox_key(q.object)
        return
    import rdflib

    for s, p, o in graph:
        yield _rdflib_key(s, rdflib), str(p), _rdflib_key(o, rdflib)


def _rdflib_key(term, rdflib):
    if isinstance(term, rdflib.URIRef):
        return ("uri", str(term))
    if isinstance(term, rdflib.BNode):
        return ("bnode", str(term))
    return ("literal", str(term), term.language, str(term.datatype) if term.datatype else None)


def _ox_key(term):
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    return ("literal", term.value, term.language, None if term.language else term.datatype.value)


def _sparql_term(key) -> str:
    if key[0] == "uri":
        return str(ox.NamedNode(key[1]))
    if key[0] == "literal":
        _, lex, lang, dt = key
        if lang:
            return str(ox.Literal(lex, language=lang))
        return str(ox.Literal(lex, datatype=ox.NamedNode(dt or XSD + "string")))
    raise UnsupportedShape("blank nodes cannot appear as constants in shapes")


def _lex(key) -> str:
    return key[1]


def _stored_form(key):
    """The literal as pyoxigraph's store keeps it (canonical lexical form and datatype)."""
    scratch = ox.Store()
    scratch.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), _term(key)))
    return _ox_key(next(iter(scratch)).object)


def _count(obj, shape, compiler) -> int:
    """A count parameter (sh:minCount ...) as a non-negative integer, or a refusal."""
    if obj[0] != "literal" or not re.fullmatch(r"\+?\d+", obj[1]):
        raise UnsupportedShape(f"shape {compiler.name(shape)}: a count that is not a non-negative integer: {obj[1]}")
    return int(obj[1])


# ------------------------------------------------------------------ compiled checks


@dataclass
class Check:
    """One SELECT returning violations: ?this, optionally ?value (and ?path for SPARQL shapes)."""

    shape_id: str
    path: str | None  # Finding.path
    severity: str
    messages: dict
    query: str
    value_is_focus: bool = False  # SPARQL constraint on a node shape: sh:value = focus
    property_path: str | None = None
    template: bool = False  # messages contain {?var}
    vars_in_messages: list = field(default_factory=list)
    #: rows carry ?_ok; a row whose value the store may have rewritten is judged here (sh:datatype)
    datatype: str | None = None
    predicate: str | None = None  # the IRI path of the values, when it is one
    #: rows carry ?_amb: true when the value is a literal the store keeps canonical (refuse then)
    lexical: str | None = None
    #: run once per focus node with ?this substituted (SHACL pre-binding) instead of as one join
    per_focus: str | None = None  # the focus group, then
    substitutions: dict = field(default_factory=dict)
    #: the sh:sourceConstraintComponent of its results
    component: str | None = None
    #: the query without the rows a datatype check keeps only to re-judge them as written
    #: (integers and date-times): used when no source wrote a datatype the store rewrites
    plain_query: str | None = None
    #: found from the values first: (kind, columns, candidates, binds) — see Compiler.finish —
    #: with ``membership``, the shape's focus nodes as a test on a bound ?this; its rows carry
    #: ``member_var``, whether ?this is one of them (checks with the same scan share its query)
    scan: tuple | None = None
    plain_scan: tuple | None = None
    membership: str | None = None
    member_var: str | None = None
    #: a "group" scan: the column of this check's condition
    flag: str | None = None
    #: a second scan whose rows are results too (the focus nodes without any value, for a
    #: qualified minimum count answered by a "group" scan of the subjects with values)
    extra_scan: tuple | None = None
    extra_query: str | None = None
    extra_member_var: str | None = None

    @property
    def scoped(self) -> bool:
        return self.scan is not None


def component(parameter: str) -> str:
    """The constraint component of a SHACL parameter (sh:minCount -> sh:MinCountConstraintComponent)."""
    if parameter == "sparql":
        return SH + "SPARQLConstraintComponent"
    return f"{SH}{parameter[0].upper()}{parameter[1:]}ConstraintComponent"


class Compiler:
    def __init__(self, shapes: Shapes, store: ox.Store | None = None, focus=()):
        self.g = shapes
        self.focus_nodes = [("uri", iri) for iri in focus]
        # parameters of SPARQL-based constraint components declared in the shapes graph
        self.component_params = {}
        components = {s for s, props in self.g.triples.items() if SH + "parameter" in props}
        for component in components:  # typed sh:ConstraintComponent, or a subclass of it: any
            for param in self.g.objects(component, SH + "parameter"):
                for path in self.g.objects(param, SH + "path"):
                    if path[0] == "uri":
                        self.component_params[path[1]] = component
        self.store = store
        self._closure: dict = {}
        #: focus group -> the same focus nodes as a test on a bound ?this (for EXISTS), when
        #: finding candidates from the values first pays (not for --focus or sh:targetNode alone)
        self.membership: dict = {}
        self._focus_estimate: dict = {}
        self._predicate_counts: dict = {}
        self._sizes: dict | None = None
        self.checks: list[Check] = []
        self._counter = 0

    def typed(self, var: str, classes) -> str:
        """A group matching ``var`` when it is an instance of one of ``classes`` (rdfs:subClassOf*).

        With a store at hand the subclass closure is computed once (a handful of IRIs) and the
        group is a plain rdf:type lookup, much cheaper than the property path per node.
        """
        if self.store is None:
            values = " ".join(_sparql_term(c) for c in classes)
            return f"VALUES ?_class {{ {values} }} {var} {TYPE_PATH} ?_class ."
        closure = set()
        for c in classes:
            if c not in self._closure:
                rows = self.store.query(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}subClassOf>* {_sparql_term(c)} }}")
                self._closure[c] = {_sparql_term(_ox_key(r["c"])) for r in rows} | {_sparql_term(c)}
            closure |= self._closure[c]
        if len(closure) == 1:
            return f"{var} <{RDF}type> {next(iter(closure))} ."
        self._counter += 1
        return f"VALUES ?_c{self._counter} {{ {' '.join(sorted(closure))} }} {var} <{RDF}type> ?_c{self._counter} ."

    def require(self, shape, allowed: set, kind: str) -> None:
        """UnsupportedShape naming the shape and the first parameter outside ``allowed``."""
        for pred in self.g.triples.get(shape, {}):
            if pred.startswith(SH) and pred[len(SH):] not in allowed:
                raise UnsupportedShape(f"shape {self.name(shape)}: sh:{pred[len(SH):]} on a {kind}")
            if pred in self.component_params:
                raise UnsupportedShape(f"shape {self.name(shape)}: <{pred}>, a parameter of the SPARQL-based "
                                       f"constraint component {self.name(self.component_params[pred])}")

    def name(self, node) -> str:
        if node[0] == "uri":
            return f"<{node[1]}>"
        parents = self.g.subjects(SH + "property", node)
        path = self.g.value(node, SH + "path")
        if parents and path is not None and path[0] == "uri":
            return f"{self.name(parents[0])}/<{path[1]}>"
        return "a blank-node shape" + (f" of {self.name(parents[0])}" if parents else "")

    def var(self, stem: str = "v") -> str:
        self._counter += 1
        return f"?_{stem}{self._counter}"

    # ---- shapes and targets

    def node_shapes(self) -> list:
        """Every shape with a target (explicit, or implicit: a shape that is also an rdfs:Class)."""
        found = set()
        for pred in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target"):
            found.update(s for s, props in self.g.triples.items() if SH + pred in props)
        classes = set(self.g.subjects(RDF + "type", ("uri", RDFS + "Class")))
        for cls in (SH + "NodeShape", SH + "PropertyShape"):
            found.update(s for s in self.g.subjects(RDF + "type", ("uri", cls)) if s in classes)
        return sorted(found)

    def focus_pattern(self, shape) -> str | None:
        """A group binding ?this to each focus node of a shape (DISTINCT), or None if untargeted."""
        parts = []
        classes = [c for c in self.g.objects(shape, SH + "targetClass")]
        if shape in self.g.subjects(RDF + "type", ("uri", RDFS + "Class")):
            classes.append(shape)
        if classes:
            parts.append(f"{{ {self.typed('?this', classes)} }}")
        nodes = self.g.objects(shape, SH + "targetNode")
        for node in nodes:
            if node[0] == "literal" and not node[2] and (node[3] or "") in CANONICALISED | DERIVED:
                kept = _stored_form(node)
                if kept != node:
                    raise UnsupportedShape(f"shape {self.name(shape)}: sh:targetNode {_sparql_term(node)} "
                                           f"(the store keeps it as {_sparql_term(kept)})")
        if nodes:
            parts.append("{ VALUES ?this { " + " ".join(_sparql_term(n) for n in nodes) + " } }")
        for p in self.g.objects(shape, SH + "targetSubjectsOf"):
            parts.append(f"{{ ?this {_sparql_term(p)} [] . }}")
        for p in self.g.objects(shape, SH + "targetObjectsOf"):
            parts.append(f"{{ [] {_sparql_term(p)} ?this . }}")
        if self.g.objects(shape, SH + "target"):
            raise UnsupportedShape("SHACL-AF sh:target")
        if not parts:
            return None
        only = ""
        if self.focus_nodes:
            only = "VALUES ?this { " + " ".join(_sparql_term(n) for n in self.focus_nodes) + " } "
        group = "{ SELECT DISTINCT ?this WHERE { " + only + "{ " + " UNION ".join(parts) + " } } }"
        if self.store is not None and not self.focus_nodes and (
                classes or self.g.objects(shape, SH + "targetSubjectsOf") or self.g.objects(shape, SH + "targetObjectsOf")):
            self.membership[group] = "{ " + " UNION ".join(parts) + " }"
            # about how many focus nodes (no more than this): instances of the classes, subjects
            # and objects of the properties — read from counts made once per compilation
            self._focus_estimate[group] = len(nodes) + sum(
                self._class_sizes().get(term, 0) for term in self._closure_terms(classes)) + sum(
                self._triples(p) for pred in ("targetSubjectsOf", "targetObjectsOf")
                for p in self.g.objects(shape, SH + pred))
        return group

    def scan_pays(self, focus: str, path) -> bool:
        """Whether to answer checks of ``path`` on these focus nodes from a scan of its triples:
        a scannable path, and (about) at least SCAN_MIN_FOCUS focus nodes and 1/SCAN_RATIO as
        many as the path has triples. Only speed depends on it: both forms give the same rows."""
        if focus not in self.membership or not self.scannable(path):
            return False
        triples = sum(self._triples(p) for p in self.path_predicates(path))
        return self._focus_estimate[focus] >= max(SCAN_MIN_FOCUS, triples / SCAN_RATIO)

    def _class_sizes(self) -> dict:
        """Instances per class (rdf:type triples per object), one grouped scan of rdf:type."""
        if self._sizes is None:
            rows = self.store.query(f"SELECT ?c (COUNT(*) AS ?n) WHERE {{ ?s <{RDF}type> ?c }} GROUP BY ?c")
            self._sizes = {str(r["c"]): int(r["n"].value) for r in rows}
        return self._sizes

    def _closure_terms(self, classes) -> set:
        """The classes and their subclasses, as SPARQL terms (computed by :meth:`typed`)."""
        self.typed("?this", classes)
        return set().union(*(self._closure[c] for c in classes)) if classes else set()

    def _triples(self, predicate) -> int:
        if predicate not in self._predicate_counts:
            rows = self.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s {_sparql_term(predicate)} ?o }}")
            self._predicate_counts[predicate] = int(next(iter(rows))["n"].value)
        return self._predicate_counts[predicate]

    def path_predicates(self, path) -> list:
        """The IRIs of a scannable path (an IRI, its inverse, alternatives of those)."""
        if path[0] == "uri":
            return [path]
        if self.g.value(path, SH + "inversePath") is not None:
            return [self.g.value(path, SH + "inversePath")]
        return [p for item in self.list_path_items(self.g.value(path, SH + "alternativePath"))
                for p in self.path_predicates(item)]

    # ---- paths

    def path_sparql(self, path, depth: int = 0) -> str:
        """A SHACL property path as a SPARQL path; a path node of more than one kind, or with
        anything else on it, is refused (SHACL calls it ill-formed)."""
        if depth > 20:
            raise UnsupportedShape("a property path nested too deeply (recursive?)")
        if path[0] == "uri":
            return _sparql_term(path)
        if path[0] != "bnode":
            raise UnsupportedShape("a literal cannot be a path")
        preds = set(self.g.triples.get(path, {}))
        if preds == {RDF + "first", RDF + "rest"}:
            items = self.list_path_items(path)
            if len(items) < 2:
                raise UnsupportedShape("a sequence path needs at least two members")
            return "(" + "/".join(self.path_sparql(p, depth + 1) for p in items) + ")"
        if len(preds) != 1 or len(self.g.objects(path, next(iter(preds)))) != 1:
            raise UnsupportedShape(f"an ill-formed property path (a node with {', '.join(sorted(preds))})")
        pred = next(iter(preds))
        inner = self.g.value(path, pred)
        if pred == SH + "inversePath":
            return f"^({self.path_sparql(inner, depth + 1)})"
        for name, op in (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?")):
            if pred == SH + name:
                return f"({self.path_sparql(inner, depth + 1)}){op}"
        if pred == SH + "alternativePath":
            items = self.list_path_items(inner)
            if len(items) < 2:
                raise UnsupportedShape("an alternative path needs at least two members")
            return "(" + "|".join(self.path_sparql(p, depth + 1) for p in items) + ")"
        raise UnsupportedShape(f"an unknown property path form <{pred}>")

    def scannable(self, path) -> bool:
        """Whether the triples of a path can be scanned with neither end bound, in time linear
        in the data: an IRI, its inverse, alternatives of those (a path path_sparql accepted)."""
        if path[0] == "uri":
            return True
        preds = set(self.g.triples.get(path, {}))
        if preds == {SH + "inversePath"}:
            return self.g.value(path, SH + "inversePath")[0] == "uri"
        if preds == {SH + "alternativePath"}:
            return all(self.scannable(p) for p in self.list_path_items(self.g.value(path, SH + "alternativePath")))
        return False

    def pair(self, first: str, first_path, second: str, second_path) -> str:
        """Two triple patterns on ?this, the one of the predicate with fewer triples first
        (Oxigraph joins in the written order: the other is looked up per row of the first)."""
        if self.store is not None and first_path[0] == "uri" and second_path[0] == "uri":
            sizes = []
            for path in (first_path, second_path):
                rows = self.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s {_sparql_term(path)} ?o }}")
                sizes.append(int(next(iter(rows))["n"].value))
            if sizes[1] < sizes[0]:
                return f"{second} . {first} ."
        return f"{first} . {second} ."

    def list_path_items(self, node) -> list:
        """The members of a well-formed RDF list (each list node: one rdf:first, one rdf:rest)."""
        items, seen = [], set()
        while node != ("uri", RDF + "nil"):
            if node is None or node in seen or set(self.g.triples.get(node, {})) != {RDF + "first", RDF + "rest"} \
                    or len(self.g.objects(node, RDF + "first")) != 1 or len(self.g.objects(node, RDF + "rest")) != 1:
                raise UnsupportedShape("an ill-formed RDF list in a property path")
            seen.add(node)
            items.append(self.g.value(node, RDF + "first"))
            node = self.g.value(node, RDF + "rest")
        return items

    def path_text(self, path) -> str:
        """Finding.path as the reference engine writes it: the IRI, or ^IRI for an inverse."""
        if path[0] == "uri":
            return path[1]
        inv = self.g.value(path, SH + "inversePath")
        if inv is not None and inv[0] == "uri":
            return f"^{inv[1]}"
        return self.path_sparql(path)  # as govkg.findings names it

    # ---- ids, messages, severity

    def shape_id(self, shape, parent=None) -> str:
        if shape[0] == "uri":
            return shape[1]
        parents = [parent] if parent is not None else self.g.subjects(SH + "property", shape)
        path = self.g.value(shape, SH + "path")
        if parents and path is not None:
            return f"{parents[0][1]}/{self.path_text(path)}"
        return "_:shape"

    def severity(self, shape) -> str:
        sev = self.g.value(shape, SH + "severity")
        return sev[1].rsplit("#", 1)[-1] if sev else "Violation"

    def messages(self, *nodes) -> dict:
        for node in nodes:
            found = {m[2]: m[1] for m in self.g.objects(node, SH + "message") if m[0] == "literal"}
            if found:
                return found
        return {}

    # ---- value conformance as a SPARQL expression

    def conforms(self, shape, v: str, depth: int = 0) -> str:
        """A SPARQL boolean expression: node ``v`` conforms to the (path-less) shape."""
        if depth > 8:
            raise UnsupportedShape("shapes nested too deeply (recursive?)")
        self.require(shape, NESTED_SHAPE, "shape used inside sh:node, sh:not, sh:and, sh:or, sh:xone or "
                                          "sh:qualifiedValueShape")
        if self.g.value(shape, SH + "deactivated") == TRUE:
            return "true"
        tests = [self.property_conforms(prop, v, depth) for prop in self.g.objects(shape, SH + "property")]
        for pred, objs in self.g.triples.get(shape, {}).items():
            if not pred.startswith(SH) or pred[len(SH):] not in VALUE_COMPONENTS:
                continue
            name = pred[len(SH):]
            for obj in objs:
                tests.append(self.component(shape, name, obj, v, depth))
        return "(" + " && ".join(f"COALESCE({t}, false)" for t in tests) + ")" if tests else "true"

    def property_conforms(self, prop, v: str, depth: int) -> str:
        """A SPARQL boolean: node ``v`` conforms to a property shape of a nested shape."""
        self.require(prop, NESTED_PROPERTY, "property shape inside sh:node, sh:not, sh:and, sh:or, sh:xone or "
                                            "sh:qualifiedValueShape")
        if self.g.value(prop, SH + "deactivated") == TRUE:
            return "true"
        path = self.g.value(prop, SH + "path")
        if path is None:
            raise UnsupportedShape(f"shape {self.name(prop)}: a property shape without sh:path")
        p = self.path_sparql(path)
        parts = []
        for pred, objs in self.g.triples.get(prop, {}).items():
            name = pred[len(SH):] if pred.startswith(SH) else None
            for obj in objs:
                if name in ("minCount", "maxCount"):
                    n = _count(obj, prop, self)
                    if n > 3:
                        raise UnsupportedShape(f"shape {self.name(prop)}: sh:{name} {n} inside a nested shape")
                    k = n if name == "minCount" else n + 1
                    if k == 0:
                        continue
                    xs = [self.var("n") for _ in range(k)]
                    distinct = " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(xs) for b in xs[i + 1:])
                    group = " ".join(f"{v} {p} {x} ." for x in xs) + (f" FILTER({distinct})" if distinct else "")
                    parts.append(f"{'' if name == 'minCount' else '!'}EXISTS {{ {group} }}")
                elif name == "hasValue":
                    parts.append(f"EXISTS {{ {v} {p} {_sparql_term(obj)} }}")
                elif name in VALUE_COMPONENTS:
                    x = self.var("x")
                    test = self.component(prop, name, obj, x, depth + 1)
                    parts.append(f"NOT EXISTS {{ {v} {p} {x} FILTER(!COALESCE({test}, false)) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def component(self, shape, name: str, obj, v: str, depth: int) -> str:
        """One value-node constraint component as a SPARQL boolean over ``v`` (true = conforms)."""
        if name == "class":
            return f"EXISTS {{ {self.typed(v, [obj])} }}"
        if name == "datatype":
            if obj[0] != "uri":
                raise UnsupportedShape(f"shape {self.name(shape)}: sh:datatype is not an IRI")
            dt = obj[1]
            if dt == RDF + "langString":
                return f"(isLiteral({v}) && lang({v}) != \"\")"
            # the datatype as stored, and the lexical form well-formed for it (govkg.xsd_lexical)
            return (f"(isLiteral({v}) && lang({v}) = \"\" && datatype({v}) = <{dt}> && "
                    f"<{WELL_FORMED_FN}>({v}))")
        if name == "nodeKind":
            if obj[0] != "uri" or obj[1].rsplit("#", 1)[-1] not in ("IRI", "BlankNode", "Literal", "BlankNodeOrIRI",
                                                                    "BlankNodeOrLiteral", "IRIOrLiteral"):
                raise UnsupportedShape(f"shape {self.name(shape)}: sh:nodeKind {obj[1]}")
            kinds = {"IRI": "isIRI({v})", "BlankNode": "isBlank({v})", "Literal": "isLiteral({v})",
                     "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))", "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
                     "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))"}
            return kinds[obj[1].rsplit("#", 1)[-1]].format(v=v)
        if name == "in":
            items = self.g.list_items(obj)
            return "(" + " || ".join(f"sameTerm({v}, {_sparql_term(i)})" for i in items) + ")" if items else "false"
        if name == "hasValue":
            return f"sameTerm({v}, {_sparql_term(obj)})"
        if name == "languageIn":
            langs = [_lex(i).lower() for i in self.g.list_items(obj)]
            if "*" in langs:
                return f"(isLiteral({v}) && lang({v}) != \"\")"
            if langs and all(re.fullmatch(r"[a-z0-9]+", lang) for lang in langs):
                # a range of one subtag: the tag (case-insensitively) or its first subtag is the
                # range — what langMatches says, reading the value once (lang of a non-literal
                # is an error, false where every component test is read: COALESCE(…, false))
                return "(" + " || ".join(f'langMatches(lang({v}), "{lang}")' for lang in langs) + ")"
            options = ", ".join(f'"{lang}"' for lang in langs)
            return (f"(isLiteral({v}) && lang({v}) != \"\" && (LCASE(lang({v})) IN ({options}) || "
                    f"LCASE(IF(CONTAINS(lang({v}), \"-\"), STRBEFORE(lang({v}), \"-\"), lang({v}))) IN ({options})))")
        if name == "pattern":
            flags = self.g.value(shape, SH + "flags")
            flag_text = f", {_sparql_term(('literal', _lex(flags), None, None))}" if flags else ""
            pattern = _sparql_term(("literal", _lex(obj), None, None))
            return f"REGEX(STR({v}), {pattern}{flag_text})"  # STR of a blank node: an error, false
        if name in ("minLength", "maxLength"):
            op = ">=" if name == "minLength" else "<="
            return f"(STRLEN(STR({v})) {op} {int(_lex(obj))})"  # blank node: an error, false
        if name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            op = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}[name]
            return f"({v} {op} {_sparql_term(obj)})"
        if name == "not":
            return f"!{self.conforms(obj, v, depth + 1)}"
        if name == "and":
            return "(" + " && ".join(self.conforms(s, v, depth + 1) for s in self.g.list_items(obj)) + ")"
        if name == "or":
            return "(" + " || ".join(self.conforms(s, v, depth + 1) for s in self.g.list_items(obj)) + ")"
        if name == "xone":
            parts = [f"IF({self.conforms(s, v, depth + 1)}, 1, 0)" for s in self.g.list_items(obj)]
            return "((" + " + ".join(parts) + ") = 1)"
        if name == "node":
            return self.conforms(obj, v, depth + 1)
        raise UnsupportedShape(f"shape {self.name(shape)}: sh:{name}")

    # ---- compiling a shape

    def compile(self) -> list[Check]:
        for shape in self.node_shapes():
            focus = self.focus_pattern(shape)
            if focus is None or self.g.value(shape, SH + "deactivated") == TRUE:
                continue
            path = self.g.value(shape, SH + "path")
            if path is not None:  # a property shape with its own targets
                self.property_shape(shape, focus, None)
                continue
            self_sparql = {"select"} if shape in self.g.objects(shape, SH + "sparql") else set()
            self.require(shape, NODE_SHAPE | self_sparql, "node shape")
            self.value_checks(shape, focus, value_pattern="BIND(?this AS ?value)", path=None, parent_msg=())
            self.node_pair_checks(shape, focus)
            props = self.g.objects(shape, SH + "property")
            for prop in props:
                if self.g.value(prop, SH + "deactivated") == TRUE:
                    continue
                self.property_shape(prop, focus, shape)
            if self.g.value(shape, SH + "closed") == TRUE:
                self.closed_check(shape, focus, props)
            elif self.g.value(shape, SH + "closed") not in (None, ("literal", "false", None, XSD + "boolean")):
                raise UnsupportedShape(f"shape {self.name(shape)}: sh:closed is not a boolean")
            for sparql in self.g.objects(shape, SH + "sparql"):
                self.sparql_check(shape, sparql, focus, path=None)
        self.finish()
        return self.checks

    def finish(self) -> None:
        """The queries of the checks found from the values (``Check.scan``). Checks with the
        same scan — shapes with different targets checking the same predicate alike — share
        one query, with one membership column (?_m1 …) per distinct set of focus nodes:

        ``scan``: the candidate rows, then ``binds`` and the columns, each ?_mN true when ?this
        is a focus node of that set (asked of the candidates only);
        ``minus``: the focus nodes of all the sets (one UNION) without a value meeting the
        pattern (MINUS: only ?this is shared, bound in every row), each told its sets.
        A check's rows are those of its column (:func:`_rows`): exactly its own query's."""
        for query_field, scan_field, member_field in (("query", "scan", "member_var"),
                                                      ("plain_query", "plain_scan", "member_var"),
                                                      ("extra_query", "extra_scan", "extra_member_var")):
            groups: dict = {}
            for check in self.checks:
                scan = getattr(check, scan_field)
                if scan is not None:  # a group scan: one query for all the conditions on the path
                    groups.setdefault(scan[:3] if scan[0] == "group" else scan, []).append(check)
            for key, members in groups.items():
                kind, columns, candidates = key[:3]
                sets = list(dict.fromkeys(c.membership for c in members))
                names = {m: f"_m{i + 1}" for i, m in enumerate(sets)}
                # each row told its sets, and kept only if in one (so that the values of nodes
                # that are no focus node never reach Python, however many fail)
                flags = " ".join(f"BIND(EXISTS {m} AS ?{names[m]})" for m in sets) + \
                    f" FILTER({' || '.join('?' + n for n in names.values())})"
                listed = " ".join("?" + n for n in names.values())
                conditions = {}
                if kind == "scan":
                    query = f"SELECT {columns} {listed} WHERE {{ {{ {candidates} }} {key[3]} {flags} }}"
                elif kind == "minus":
                    query = (f"SELECT ?this {listed} WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(sets)} }} }} "
                             f"MINUS {{ {candidates} }} {flags} }}")
                else:  # group: the subjects with values, each condition an aggregate over them
                    conditions = {c: f"_g{i + 1}" for i, c in enumerate(dict.fromkeys(m.scan[3] for m in members))}
                    aggregates = " ".join(f"({c} AS ?{v})" for c, v in conditions.items())
                    columns_g = " ".join("?" + v for v in conditions.values())
                    query = (f"SELECT ?this {columns_g} {listed} WHERE {{ {{ SELECT ?this {columns_g} WHERE {{ "
                             f"{{ SELECT ?this {aggregates} WHERE {{ ?this {candidates} ?_v "
                             f"BIND(LCASE(lang(?_v)) AS ?_l) }} GROUP BY ?this }} "
                             f"FILTER({' || '.join('?' + v for v in conditions.values())}) }} }} {flags} }}")
                for check in members:
                    setattr(check, query_field, query)
                    setattr(check, member_field, names[check.membership])
                    if conditions:
                        check.flag = conditions[check.scan[3]]

    def node_pair_checks(self, shape, focus: str) -> None:
        """sh:equals / sh:disjoint on a node shape: the value node is the focus node itself."""
        sid, sev, msgs = self.shape_id(shape), self.severity(shape), self.messages(shape)
        for obj in self.g.objects(shape, SH + "equals"):
            q = _sparql_term(obj)
            self.checks.append(Check(sid, None, sev, msgs,
                f"SELECT ?this ?value WHERE {{ {focus} ?this {q} ?value FILTER(!sameTerm(?value, ?this)) }}",
                component=component("equals")))
            self.checks.append(Check(sid, None, sev, msgs,
                f"SELECT ?this ?value WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {q} ?this }} BIND(?this AS ?value) }}",
                component=component("equals")))
        for obj in self.g.objects(shape, SH + "disjoint"):
            q = _sparql_term(obj)
            self.checks.append(Check(sid, None, sev, msgs,
                f"SELECT ?this ?value WHERE {{ {focus} ?this {q} ?this . BIND(?this AS ?value) }}",
                component=component("disjoint")))

    def closed_check(self, shape, focus: str, props) -> None:
        """sh:closed: every triple of the focus node uses a property of the shape's sh:property
        paths (IRIs) or of sh:ignoredProperties; each other triple is a result (path, value)."""
        allowed = set()
        for prop in props:
            path = self.g.value(prop, SH + "path")
            if path is not None and path[0] == "uri":
                allowed.add(path)
        for ignored in self.g.objects(shape, SH + "ignoredProperties"):
            allowed.update(i for i in self.g.list_items(ignored) if i is not None and i[0] == "uri")
        not_in = f"FILTER(?path NOT IN ({', '.join(_sparql_term(a) for a in sorted(allowed))}))" if allowed else ""
        self.checks.append(Check(self.shape_id(shape), None, self.severity(shape), self.messages(shape),
                                 f"SELECT ?this ?path ?value WHERE {{ {focus} ?this ?path ?value {not_in} }}",
                                 component=component("closed")))

    def property_shape(self, prop, focus: str, parent) -> None:
        path = self.g.value(prop, SH + "path")
        if path is None:
            raise UnsupportedShape(f"shape {self.name(prop)}: a property shape without sh:path")
        self.require(prop, PROPERTY_SHAPE | ({"select"} if prop in self.g.objects(prop, SH + "sparql") else set()),
                     "property shape")
        p = self.path_sparql(path)
        shape_id = self.shape_id(prop, parent)
        path_text = self.path_text(path)
        sev = self.severity(prop)
        msgs = self.messages(prop)
        props = self.g.triples.get(prop, {})

        # An IRI path (or ^IRI, or alternatives of those) on a shape with class (or subjects-of/objects-of) targets: candidates are
        # found from the predicate's triples alone (an index scan), and only they are asked
        # whether ?this is a focus node — instead of joining every focus node with its values
        # (a lookup per focus node). Same rows: a row of the scan is a result iff ?this is a
        # focus node (its ?_mN column). See Compiler.finish.
        member = self.membership[focus] if self.scan_pays(focus, path) else None

        def add(query, parameter: str, scan: tuple | None = None):
            self.checks.append(Check(shape_id, path_text, sev, msgs, query, component=component(parameter),
                                     scan=scan, membership=member if scan else None))

        def cardinality(min_key: str, max_key: str, test: str | None = None) -> None:
            """min/max count checks over the values of ``p`` (those passing ``test``, if given)."""
            values = f"?this {p} ?_v" + (f" FILTER({test})" if test else "")
            for obj in props.get(min_key, []):
                n = _count(obj, prop, self)
                if n == 1 and member is not None:  # one anti-join, shared by shapes with other targets
                    add("", min_key[len(SH):], ("minus", "?this", values, ""))
                elif n == 1:  # a few focus nodes: a lookup each
                    add(f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {values} }} }}", min_key[len(SH):])
                elif n > 1:
                    add(f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {values} }} }} "
                        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {n})", min_key[len(SH):])
            for obj in props.get(max_key, []):
                n = _count(obj, prop, self)
                if member is not None:
                    add("", max_key[len(SH):], ("scan", "?this", f"SELECT ?this WHERE {{ {values} }} GROUP BY ?this "
                                                                 f"HAVING (COUNT(DISTINCT ?_v) > {n})", ""))
                else:
                    add(f"SELECT ?this WHERE {{ {focus} {values} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > {n})",
                        max_key[len(SH):])

        cardinality(SH + "minCount", SH + "maxCount")
        # conditions on the language tags of an IRI path's values: one group per subject with
        # values, the tags read once (?_l = LCASE(lang(?_v)), unbound for a non-literal)
        grouped = member is not None and path[0] == "uri"
        for qvs in props.get(SH + "qualifiedValueShape", []):
            ranges = self.language_ranges(qvs)
            if grouped and ranges and self.g.value(prop, SH + "qualifiedValueShapesDisjoint") != TRUE:
                # sh:languageIn of one-subtag ranges, as langMatches: the tag or its first subtag
                matches = " || ".join(f'?_l = "{r}" || STRSTARTS(?_l, "{r}-")' for r in ranges)
                number = f"SUM(IF(COALESCE({matches}, false), 1, 0))"
                for obj in props.get(SH + "qualifiedMinCount", []):
                    n = _count(obj, prop, self)
                    if n > 0:  # and the focus nodes with no value at all
                        self.checks.append(Check(
                            shape_id, path_text, sev, msgs, "", component=component("qualifiedMinCount"),
                            scan=("group", "?this", p, f"{number} < {n}"), membership=member,
                            extra_scan=("minus", "?this", f"?this {p} ?_v", "")))
                for obj in props.get(SH + "qualifiedMaxCount", []):
                    add("", "qualifiedMaxCount", ("group", "?this", p, f"{number} > {_count(obj, prop, self)}"))
                continue
            test = self.conforms(qvs, "?_v")
            if self.g.value(prop, SH + "qualifiedValueShapesDisjoint") == TRUE:
                # value nodes that also conform to a sibling's qualified shape do not count
                siblings = [q for parent in self.g.subjects(SH + "property", prop)
                            for other in self.g.objects(parent, SH + "property") if other != prop
                            for q in self.g.objects(other, SH + "qualifiedValueShape")]
                test = " && ".join([test] + [f"!{self.conforms(q, '?_v')}" for q in siblings])
            cardinality(SH + "qualifiedMinCount", SH + "qualifiedMaxCount", test)
        for obj in props.get(SH + "uniqueLang", []):
            if _lex(obj) in ("true", "1") and grouped:
                # two values share a language iff the tagged values outnumber their languages
                # ("" stands for the untagged values, and is subtracted when there are any)
                tagged = 'COALESCE(?_l != "", false)'
                add("", "uniqueLang", ("group", "?this", p, f'(SUM(IF({tagged}, 1, 0)) > COUNT(DISTINCT IF({tagged}, ?_l, "")) '
                                                            f"- IF(SUM(IF({tagged}, 0, 1)) > 0, 1, 0))"))
            elif _lex(obj) in ("true", "1") and member is not None:
                # LCASE(lang) is unbound for a non-literal, "" for a literal without a language
                add("", "uniqueLang", ("scan", "?this", f"SELECT DISTINCT ?this WHERE {{ {{ SELECT ?this "
                                                         f"(COUNT(DISTINCT ?_a) AS ?_n) WHERE {{ ?this {p} ?_a "
                                                         f"BIND(LCASE(lang(?_a)) AS ?_l) FILTER(?_l != \"\") }} "
                                                         f"GROUP BY ?this ?_l }} FILTER(?_n > 1) }}", ""))
            elif _lex(obj) in ("true", "1"):
                add(f"SELECT DISTINCT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?_a) AS ?_n) WHERE {{ {focus} "
                    f"?this {p} ?_a FILTER(isLiteral(?_a) && lang(?_a) != \"\") }} GROUP BY ?this (LCASE(lang(?_a))) }} "
                    f"FILTER(?_n > 1) }}", "uniqueLang")
        for obj in props.get(SH + "equals", []):
            q = _sparql_term(obj)
            add(f"SELECT ?this ?value WHERE {{ {focus} {{ ?this {p} ?value FILTER NOT EXISTS {{ ?this {q} ?value }} }} "
                f"UNION {{ ?this {q} ?value FILTER NOT EXISTS {{ ?this {p} ?value }} }} }}", "equals")
        for obj in props.get(SH + "disjoint", []):
            pair = self.pair(f"?this {p} ?value", path, f"?this {_sparql_term(obj)} ?value", obj)
            if member is not None:
                add("", "disjoint", ("scan", "?this ?value", f"SELECT DISTINCT ?this ?value WHERE {{ {pair} }}", ""))
            else:
                add(f"SELECT ?this ?value WHERE {{ {focus} ?this {p} ?value . ?this {_sparql_term(obj)} ?value }}",
                    "disjoint")
        for name, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
            for obj in props.get(SH + name, []):
                # as pySHACL: IRIs compare as strings; a pair that cannot be compared is a violation
                cmp = (f"IF(isIRI(?value) && isIRI(?_w), STR(?value) {op} STR(?_w), "
                       f"IF(isIRI(?value) || isIRI(?_w), false, ?value {op} ?_w))")
                if member is not None:
                    pair = self.pair(f"?this {p} ?value", path, f"?this {_sparql_term(obj)} ?_w", obj)
                    add("", name, ("scan", "?this ?value", f"SELECT DISTINCT ?this ?value WHERE {{ {pair} "
                                                          f"FILTER(!COALESCE({cmp}, false)) }}", ""))
                    continue
                add(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {p} ?value . ?this {_sparql_term(obj)} ?_w "
                    f"FILTER(!COALESCE({cmp}, false)) }}", name)
        self.value_checks(prop, focus, value_pattern=f"?this {p} ?value .", path=path_text, shape_id=shape_id,
                          member=member)
        for sparql in props.get(SH + "sparql", []):
            self.sparql_check(prop, sparql, focus, path=path, shape_id=shape_id)

    def value_checks(self, shape, focus: str, value_pattern: str, path, shape_id=None, parent_msg=(),
                     member: str | None = None) -> None:
        """Components checked value node by value node: one query each, returning the failures
        (``member``: the focus nodes as a test on ?this — then the values are scanned first)."""

        def failing(condition: str, binds: str = "", columns: str = "?this ?value") -> dict:
            """The value nodes meeting ``condition`` (then ``binds`` evaluated on those rows
            only): keyword arguments of a Check, its query or its scan."""
            if member is not None:
                return {"query": "", "membership": member,
                        "scan": ("scan", columns, f"SELECT DISTINCT ?this ?value WHERE {{ {value_pattern} {condition} }}",
                                 binds)}
            return {"query": f"SELECT {columns} WHERE {{ {{ SELECT DISTINCT ?this ?value WHERE {{ {focus} "
                             f"{value_pattern} {condition} }} }} {binds} }}"}

        shape_id = shape_id or self.shape_id(shape)
        sev, msgs = self.severity(shape), self.messages(shape)
        path_node = self.g.value(shape, SH + "path")
        predicate = path_node[1] if path_node is not None and path_node[0] == "uri" else None
        for pred, objs in self.g.triples.get(shape, {}).items():
            if not pred.startswith(SH) or pred[len(SH):] not in VALUE_COMPONENTS:
                continue
            name = pred[len(SH):]
            for obj in objs:
                classes = [obj] if name == "class" else self.class_alternatives(obj) if name == "or" else None
                if classes:  # an anti-join: instances of the classes are listed once, not per value
                    self.checks.append(Check(
                        shape_id, path, sev, msgs, **failing(f"MINUS {{ {self.typed('?value', classes)} }}"),
                        component=component(name)))
                    continue
                if name == "hasValue":  # not per value: no value node is the term (reported without sh:value)
                    self.checks.append(Check(
                        shape_id, path, sev, msgs,
                        f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {value_pattern} "
                        f"FILTER(sameTerm(?value, {_sparql_term(obj)})) }} }}", component=component(name)))
                    if obj[0] == "literal" and (obj[3] or "") in CANONICALISED:
                        self.checks.append(Check(  # values the store may have rewritten: refuse if any
                            shape_id, path, sev, msgs,
                            f"SELECT DISTINCT ?this ?value (true AS ?_ok) WHERE {{ {focus} {value_pattern} "
                            f"FILTER(isLiteral(?value) && datatype(?value) = <{obj[3]}>) }}", lexical="hasValue",
                            component=component(name)))
                    continue
                test = self.component(shape, name, obj, "?value", 0)
                # the rows failing the test, and those the store may have rewritten (judged by
                # _judge); ?_ok, the test's answer, is computed on those rows only
                ok = f"BIND(COALESCE({test}, false) AS ?_ok)"
                columns = "?this ?value ?_ok"
                if name == "datatype":
                    plain = failing(f"FILTER(!COALESCE({test}, false))", ok, columns)
                    self.checks.append(Check(
                        shape_id, path, sev, msgs,
                        **failing(f"FILTER(!COALESCE({test}, false){_stored_as('?value', (XSD + 'integer', XSD + 'dateTime'))})",
                                  ok, columns),
                        datatype=obj[1], predicate=predicate, component=component(name),
                        plain_query=plain["query"], plain_scan=plain.get("scan")))
                    continue
                lexical = name if name in LEXICAL or self.reaches(obj, LEXICAL) else None
                if name in ("not", "and", "or", "xone", "node") and self.reaches(obj, ("datatype",)):
                    lexical = lexical or "datatype inside " + name
                amb = _stored_as("?value", CANONICALISED) if lexical else ""
                self.checks.append(Check(
                    shape_id, path, sev, msgs, **failing(f"FILTER(!COALESCE({test}, false){amb})", ok, columns),
                    lexical=lexical, component=component(name)))

    def language_ranges(self, shape) -> list | None:
        """The ranges of a shape saying sh:languageIn and nothing else, when each is one subtag
        ([a-z0-9]+, lowercased), else None."""
        if set(self.g.triples.get(shape, {})) != {SH + "languageIn"} or len(self.g.objects(shape, SH + "languageIn")) != 1:
            return None
        items = self.g.list_items(self.g.value(shape, SH + "languageIn"))
        ranges = [i[1].lower() for i in items if i is not None and i[0] == "literal"]
        if not ranges or len(ranges) != len(items) or not all(re.fullmatch(r"[a-z0-9]+", r) for r in ranges):
            return None
        return ranges

    def class_alternatives(self, members) -> list | None:
        """The classes of an sh:or list whose every member is a shape saying sh:class C and
        nothing else (``sh:or ( [ sh:class A ] [ sh:class B ] )``): a value conforms iff it is
        an instance of one of them (rdfs:subClassOf*), as sh:class of all the classes at once.
        None for any other list (checked member by member, as in :meth:`conforms`)."""
        classes = []
        for member in self.g.list_items(members):
            if member is None or member[0] == "literal" or set(self.g.triples.get(member, {})) != {SH + "class"} \
                    or len(self.g.objects(member, SH + "class")) != 1:
                return None
            classes.append(self.g.value(member, SH + "class"))
        return classes or None

    def reaches(self, obj, names, depth: int = 0) -> bool:
        """Whether a logical/node constraint reaches one of the components ``names`` (e.g.
        sh:not [ sh:pattern … ]: lexical; sh:or ( [ sh:datatype … ] ): judged on the stored form)."""
        if depth > 8 or obj is None:
            return False
        nodes = [obj] + ([i for i in self.g.list_items(obj)] if self.g.value(obj, RDF + "first") is not None else [])
        for node in nodes:
            for pred, objs in self.g.triples.get(node, {}).items():
                name = pred[len(SH):] if pred.startswith(SH) else None
                if name in names:
                    return True
                if name in ("not", "and", "or", "xone", "node", "property") and any(
                        self.reaches(o, names, depth + 1) for o in objs):
                    return True
        return False

    def sparql_check(self, shape, constraint, focus: str, path=None, shape_id=None) -> None:
        """A SPARQL-based constraint (sh:sparql / sh:select) with SHACL's pre-binding.

        ``$this`` is pre-bound to each focus node: when the query only uses it where a join
        with the focus nodes means the same (see :func:`_join_is_prebinding`) the query runs
        once, joined; otherwise once per focus node with ``$this`` substituted by Oxigraph
        (SEP-0007 substitution, never text). ``$currentShape`` is substituted the same way;
        ``$shapesGraph`` is refused (the engine queries the data store alone), and so are the
        constructs SHACL-SPARQL forbids (MINUS, VALUES, SERVICE, assigning a pre-bound variable,
        a sub-query that does not project ``$this``): they are never run.
        """
        if self.g.value(constraint, SH + "deactivated") == TRUE:
            return
        who = f"shape {self.name(shape)}"
        for pred in self.g.triples.get(constraint, {}):
            if constraint != shape and pred.startswith(SH) and pred[len(SH):] not in (
                    "select", "prefixes", "message", "deactivated", "severity"):
                raise UnsupportedShape(f"{who}: sh:{pred[len(SH):]} on a SPARQL constraint")
        select = self.g.value(constraint, SH + "select")
        if select is None or select[0] != "literal":
            raise UnsupportedShape(f"{who}: a SPARQL constraint without sh:select")
        prefixes = {}
        holders, todo = [], list(self.g.objects(constraint, SH + "prefixes"))
        while todo:  # the declaring nodes and what they owl:imports
            holder = todo.pop()
            if holder not in holders:
                holders.append(holder)
                todo.extend(self.g.objects(holder, "http://www.w3.org/2002/07/owl#imports"))
        for holder in holders:
            for decl in self.g.objects(holder, SH + "declare"):
                prefix, namespace = self.g.value(decl, SH + "prefix"), self.g.value(decl, SH + "namespace")
                if prefix is None or namespace is None:
                    raise UnsupportedShape(f"{who}: an sh:declare without sh:prefix and sh:namespace")
                prefixes[_lex(prefix)] = _lex(namespace)
        text = _lex(select)
        if path is not None:  # $PATH is substituted as text, as the SHACL spec says
            text = re.sub(r"\$PATH\b", lambda _: self.path_sparql(path), text)
        problem = _forbidden(text)
        if problem:
            raise UnsupportedShape(f"{who}: its SPARQL query uses {problem}, which SHACL-SPARQL forbids")
        subs = {}
        if _uses_var(text, "currentShape"):
            if shape[0] != "uri":
                raise UnsupportedShape(f"{who}: $currentShape of a blank-node shape")
            text = _substitute(text, "currentShape", _sparql_term(shape))
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
        msgs = self.messages(constraint, shape)
        check = Check(
            shape_id or self.shape_id(shape), self.path_text(path) if path is not None else None,
            self.severity(constraint) if self.g.value(constraint, SH + "severity") else self.severity(shape),
            msgs, "", value_is_focus=path is None, template=any("{" in m for m in msgs.values()),
            substitutions=subs, component=component("sparql"))
        if _join_is_prebinding(text):
            check.query = prologue + _insert_focus(_not_exists_to_minus(text), focus)
        else:
            check.query = prologue + text
            check.per_focus = f"SELECT ?this WHERE {{ {focus} }}"
        try:  # syntax errors now, as a refusal naming the shape, not half-way through the run
            probe = check.query if check.per_focus is None else _substitute(check.query, "this", "<urn:x>")
            ox.Store().query(probe, custom_functions=_FUNCTIONS)
        except SyntaxError as exc:
            raise UnsupportedShape(f"{who}: its SPARQL query does not parse: {str(exc).splitlines()[0]}") from None
        self.checks.append(check)


_KEYWORDS_FORBIDDEN = {"MINUS": "MINUS", "VALUES": "VALUES", "SERVICE": "SERVICE (a federated query)"}


_ANALYSIS_TOKENS = re.compile(
    r'(?P<comment>\#[^\n]*)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\s]*>)'
    r'|(?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFD]+)'
    r'|(?P<pname>(?:[A-Za-z\u00C0-\uFFFD][\w.\-\u00B7\u00C0-\uFFFD]*)?:(?:[\w\-.:%\u00B7\u00C0-\uFFFD]|\\.)*)'
    r'|(?P<word>[A-Za-z_][A-Za-z0-9_]*)'
    r'|(?P<brace>\{)'
    r'|(?P<space>\s+)'
    r'|(?P<other>.)',
    re.DOTALL,
)


def _tokens(query: str) -> list:
    """(kind, text) of the query's significant tokens: variables as ('var', name), prefixed
    names as one 'pname' token (so ``proc:content-auxiliary-service`` holds no SERVICE keyword),
    keywords and functions as 'word'; comments and strings are opaque."""
    out = []
    for match in _ANALYSIS_TOKENS.finditer(query):
        kind = match.lastgroup
        if kind in ("comment", "space"):
            continue
        text = match.group()
        out.append(("var", text[1:]) if kind == "var" else (kind, text))
    return out


def _substitute(query: str, name: str, constant: str) -> str:
    """SHACL pre-binding of ``?name`` to ``constant`` (an IRI or literal in SPARQL syntax), by
    the definition: every occurrence replaced by the value, wherever it is — inner groups,
    sub-queries, FILTER, BIND. In a projection it becomes ``(constant AS ?name)`` and
    ``bound(?name)`` becomes ``true``; comments and strings are left alone."""
    from govkg.sparql import _significant

    raw = [(k, t, pos) for k, t, pos in _significant(query) if k != "comment"]
    edits = []  # (start, end, replacement)
    in_projection = False
    selects = 0
    for i, (kind, text, pos) in enumerate(raw):
        if kind == "word" and text.upper() == "SELECT":
            in_projection = True
            selects += 1
        elif kind == "brace" or (kind == "word" and text.upper() in ("WHERE", "FROM")):
            in_projection = False
        if kind == "other" and text in "?$" and i + 1 < len(raw) and raw[i + 1][:2] == ("word", name) \
                and raw[i + 1][2] == pos + 1:
            end = raw[i + 1][2] + len(name)
            before = [t for _, t, _ in raw[max(0, i - 2):i]]
            after = raw[i + 2][1] if i + 2 < len(raw) else ""
            if len(before) == 2 and before[0].upper() == "BOUND" and before[1] == "(" and after == ")":
                edits.append((raw[i - 2][2], raw[i + 2][2] + 1, "(true)"))
            elif in_projection:  # a sub-query's copy is renamed: the outer projection binds ?name
                alias = name if selects == 1 else f"_{name}_{selects}"
                edits.append((pos, end, f"({constant} AS ?{alias})"))
            else:
                edits.append((pos, end, constant))
    for start, end, replacement in reversed(edits):
        query = query[:start] + replacement + query[end:]
    return query


def _uses_var(query: str, name: str) -> bool:
    return ("var", name) in _tokens(query)


def _forbidden(query: str) -> str | None:
    """What SHACL-SPARQL forbids in a constraint's query, if it has any (SHACL 5.3.1)."""
    toks = _tokens(query)
    if ("var", "shapesGraph") in toks:
        return "$shapesGraph (this engine validates the data graph alone)"
    selects = 0
    for i, (kind, text) in enumerate(toks):
        word = text.upper() if kind == "word" else None
        if word in _KEYWORDS_FORBIDDEN:
            return _KEYWORDS_FORBIDDEN[word]
        if word == "AS" and i + 1 < len(toks) and toks[i + 1][0] == "var" and toks[i + 1][1] in PRE_BOUND:
            return f"AS ?{toks[i + 1][1]} (assigning a pre-bound variable)"
        if word == "SELECT":
            selects += 1
            if selects > 1:  # a sub-query must project $this (and may not use SELECT *)
                projection = []
                for kind2, text2 in toks[i + 1:]:
                    if kind2 == "brace" or (kind2 == "word" and text2.upper() in ("WHERE", "FROM")):
                        break
                    projection.append((kind2, text2))
                if ("other", "*") in projection:
                    return "SELECT * in a sub-query"
                if ("var", "this") not in projection and ("var", "this") in toks:
                    return "a sub-query that does not project $this"
    return None


#: words after which a join with the focus nodes may differ from pre-binding
_NOT_JOINABLE = {"GROUP", "HAVING", "LIMIT", "OFFSET", "ORDER", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE",
                 "GROUP_CONCAT", "OPTIONAL", "UNION", "GRAPH"}


def _join_is_prebinding(query: str) -> bool:
    """Whether joining the query with the focus nodes (?this) gives what pre-binding gives.

    True when the query has no sub-query, aggregate, solution modifier, OPTIONAL, UNION or
    GRAPH, and ``$this`` occurs only in the outermost group (triple patterns, FILTER and BIND
    expressions there) or in the body of a FILTER [NOT] EXISTS there (EXISTS sees the solution's
    bindings). Then every use sees ``?this`` bound by the focus group put first. Anywhere else —
    an inner group's FILTER, a sub-query — it would be unbound, so the query runs per focus node.
    """
    toks = _tokens(query)
    words = [t.upper() for k, t in toks if k == "word"]
    if words.count("SELECT") > 1 or set(words) & _NOT_JOINABLE:
        return False
    depth, exists_next = 0, False
    for i, (kind, text) in enumerate(toks):
        if kind == "word" and text.upper() == "EXISTS":
            exists_next = True
            continue
        if kind == "brace":
            depth += 1
            if depth >= 2 and not (depth == 2 and exists_next) and _uses_this_later(toks, i):
                return False
            exists_next = False
        elif kind == "other" and text == "}":
            depth -= 1
    return True


def _uses_this_later(toks, start: int) -> bool:
    """Whether ?this occurs inside the group opened at ``start``."""
    depth = 0
    for kind, text in toks[start:]:
        if kind == "brace":
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
            if depth == 0:
                return False
        elif (kind, text) == ("var", "this"):
            return True
    return False


_FILTER_NOT_EXISTS = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{([^{}]*)\}", re.IGNORECASE)


def _stored_as(var: str, datatypes) -> str:
    """A FILTER disjunct: ``var`` is a literal of one of ``datatypes`` (its language read first:
    the label of a language-tagged literal, most values, is read once, not once per datatype)."""
    listed = ", ".join(f"<{d}>" for d in sorted(datatypes))
    return f" || (COALESCE(lang({var}) = \"\", false) && datatype({var}) IN ({listed}))"


def _not_exists_to_minus(query: str) -> str:
    """Top-level ``FILTER NOT EXISTS { P }`` moved to the end of its group as ``MINUS { P }``
    where the two provably agree (the compiled query only: user queries may not use MINUS).

    Oxigraph evaluates NOT EXISTS once per solution, scanning P from its most selective
    constant pattern (e.g. every gk:DutyAssignment for every duty: quadratic), while MINUS is
    one hash anti-join. They agree when P is a plain group of triple patterns (no FILTER,
    literal, nested group ...) and every variable P shares with the rest of the query is bound
    in every solution: bound by a triple pattern of the outermost group, in a query with no
    OPTIONAL, UNION, BIND or nested group there — or ?this, bound by the focus group.

    Only where it pays: when every triple pattern of P mentions a shared (bound) variable,
    NOT EXISTS is an index lookup per solution, cheaper than MINUS building all of P.
    """
    where = query.find("{")
    end = query.rfind("}")
    if where < 0 or end < where:
        return query
    body = query[where + 1:end]
    matches = list(_FILTER_NOT_EXISTS.finditer(body))
    if not matches:
        return query
    rest = _FILTER_NOT_EXISTS.sub(" ", body)
    rest_toks = _tokens(rest)
    if any(k == "word" and t.upper() in ("OPTIONAL", "UNION", "BIND", "GRAPH", "SELECT", "EXISTS", "MINUS", "VALUES")
           for k, t in rest_toks):
        return query
    # variables bound by triple patterns: those outside any parenthesis, at the outermost level,
    # the focus group (a sub-select binding ?this) aside
    bound, depth, parens = {"this"}, 0, 0
    for kind, text in rest_toks:
        if kind == "brace":
            depth += 1
        elif text == "}":
            depth -= 1
        elif text == "(":
            parens += 1
        elif text == ")":
            parens -= 1
        elif kind == "var" and depth == 0 and parens == 0:
            bound.add(text)
    moved = []
    kept = body
    for match in reversed(matches):
        inner = match.group(1)
        if re.search(r"[\"'(]|\b(FILTER|BIND|VALUES|OPTIONAL|GRAPH|SERVICE|MINUS|UNION|EXISTS|SELECT)\b", inner,
                     re.IGNORECASE):
            continue
        inner_vars = {t for k, t in _tokens(inner) if k == "var"}
        others = {t for k, t in rest_toks if k == "var"} | {t for m in matches if m is not match
                                                         for k, t in _tokens(m.group(1)) if k == "var"}
        shared = inner_vars & others
        if not shared or not shared <= bound or not (_has_unanchored_pattern(inner, shared)
                                                      or _constant_predicates_and_objects(inner)):
            continue
        kept = kept[:match.start()] + " " + kept[match.end():]
        moved.append("MINUS {" + inner + "}")
    return query[:where + 1] + kept + " " + " ".join(reversed(moved)) + " " + query[end:]


def _has_unanchored_pattern(group: str, anchors: set) -> bool:
    """Whether some triple pattern of a plain group (``s p o`` with ``;`` and ``,``) mentions
    none of the ``anchors`` variables (unknown syntax counts as yes: the rewrite then applies)."""
    patterns = _triple_patterns(group)
    if not patterns:
        return True
    return any(not any(kind == "var" and name in anchors for kind, name in pattern) for pattern in patterns)


def _constant_predicates_and_objects(group: str) -> bool:
    """Whether every triple pattern of a plain group has a constant predicate and object
    (``$this gk:notStated gk:holder``): as MINUS, Oxigraph reads just the triples of those
    (predicate, object) pairs once — usually few — instead of a lookup per solution."""
    patterns = _triple_patterns(group)
    return bool(patterns) and all(p[1][0] != "var" and p[2][0] != "var" for p in patterns)


def _triple_patterns(group: str) -> list | None:
    """The (kind, text) triples of a plain group (``s p o`` with ``;`` and ``,``), or None for
    anything else."""
    terms: list = []
    patterns: list = []
    for kind, text in _tokens(group):
        if kind == "other" and text in ".;,":
            if len(terms) >= 3:
                patterns.append(terms[:3])
            terms = [] if text == "." else terms[:1] if text == ";" else terms[:2]
        elif kind in ("var", "iri", "pname", "word"):
            terms.append((kind, text))
        else:
            return None
    if len(terms) >= 3:
        patterns.append(terms[:3])
    return patterns


def _insert_focus(query: str, focus: str) -> str:
    """The focus-node group put first in the query's outermost WHERE group."""
    from govkg.sparql import _significant

    after_select = False
    for kind, text, start in _significant(query):
        if kind == "word" and text.upper() == "SELECT":
            after_select = True
        elif kind == "brace" and after_select:
            return query[: start + 1] + " " + focus + " " + query[start + 1:]
    raise UnsupportedShape("SPARQL constraint without a WHERE group")


def _well_formed(term):
    """Custom SPARQL function: is the literal's lexical form valid for its datatype?"""
    if not isinstance(term, ox.Literal):
        return _FALSE
    return _FALSE if _lexically_ill_formed(term.value, term.datatype.value) else _TRUE


@lru_cache(maxsize=65536)
def _lexically_ill_formed(lexical: str, datatype: str) -> bool:
    """Memoised: a large graph repeats the same few thousand dates and numbers, and each call
    here holds the GIL the query threads share."""
    from govkg.xsd_lexical import well_formed

    return well_formed(lexical, datatype) is False


_TRUE = ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))
_FALSE = ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))
_FUNCTIONS = {ox.NamedNode(WELL_FORMED_FN): _well_formed}


# ------------------------------------------------------------------ running


def compile_shapes(shapes_graph, store: ox.Store | None = None, focus=()) -> list[Check]:
    """The checks for a shapes graph (rdflib Graph or pyoxigraph Store); with ``store``,
    class tests use that data's subclass closure; ``focus``: IRIs to limit the focus nodes to."""
    return Compiler(Shapes(shapes_graph), store, focus=focus).compile()


def _text(term) -> str | None:
    return None if term is None else term.value


class AsWritten:
    """Literals as the sources wrote them where the store rewrote their datatype.

    pyoxigraph's store keeps "5"^^xsd:int as "5"^^xsd:integer (and xsd:dateTimeStamp as
    xsd:dateTime), so a datatype check on the store alone would call "5"^^xsd:int an
    xsd:integer. ``entries`` maps (subject, predicate IRI, stored literal) to the literals
    written there; only sources that mention a derived datatype are parsed for it.
    """

    def __init__(self, entries: dict | None = None):
        self.entries = entries or {}

    def written(self, subject, predicate: str | None, stored):
        return self.entries.get((subject, predicate, stored))


#: a mention of a derived datatype's name after "#", ":", "%23" (and, more than needed, "%"):
#: one character class first, so the scan skips to those characters (3× faster than an
#: alternation of prefixes on the 5M-triple graph)
_DERIVED_NAMES = re.compile(
    rb"[#:%](?:23)?(?:long|int|short|byte|nonNegativeInteger|positiveInteger|nonPositiveInteger|negativeInteger"
    rb"|unsignedLong|unsignedInt|unsignedShort|unsignedByte|dateTimeStamp)(?![A-Za-z0-9_-])")
#: a \u or \U escape (which could spell any of those): looked for only where a backslash is
_ESCAPE = re.compile(rb"\\[uU]")


def _mentions(data: bytes) -> bool:
    return _DERIVED_NAMES.search(data) is not None or (b"\\" in data and _ESCAPE.search(data) is not None)


def _mentions_derived(source: Source) -> bool:
    """A cheap byte scan: could this source write a literal with a derived datatype?"""
    if source.path is None:
        return _mentions(source.data)
    tail = b""
    with open(source.path, "rb") as handle:
        while chunk := handle.read(1 << 24):
            if _mentions(tail + chunk):
                return True
            tail = chunk[-64:]
    return False


def as_written(sources: Sequence[Source]) -> AsWritten:
    """The literals of ``sources`` whose datatype the store rewrites (UnsupportedShape when the
    rewriting merges two written literals into one, or the literal hangs off a blank node: then
    the store's triples cannot be matched back to what was written)."""
    from govkg.store import reading

    written: dict = {}
    direct: set = set()
    for source in sources:
        if not _mentions_derived(source):
            continue
        with reading(source):
            if source.path is not None:
                triples = ox.parse(path=str(source.path), format=source.format, base_iri="https://w3id.org/govkg/id/")
            else:
                triples = ox.parse(source.data, format=source.format, base_iri="https://w3id.org/govkg/id/")
            for t in triples:
                obj = t.object
                if not isinstance(obj, ox.Literal) or obj.language:
                    continue
                dt = obj.datatype.value
                if dt in DERIVED:
                    if isinstance(t.subject, ox.BlankNode):
                        raise UnsupportedShape(f"{source.name}: a {dt.rsplit('#', 1)[-1]} literal on a blank node "
                                               "(the store rewrites its datatype and it cannot be traced back)")
                    written.setdefault((t.subject, t.predicate.value), []).append(obj)
                elif dt in (XSD + "integer", XSD + "dateTime"):
                    direct.add((t.subject, t.predicate.value, obj.value))
    if not written:
        return AsWritten()
    scratch = ox.Store()  # the store's own rewriting, applied to each written literal
    keys = list(written.items())
    for i, ((subject, predicate), literals) in enumerate(keys):
        for j, lit in enumerate(literals):
            scratch.add(ox.Quad(ox.NamedNode(f"urn:k:{i}:{j}"), ox.NamedNode("urn:p"), lit))
    stored = {q.subject.value: q.object for q in scratch}
    entries: dict = {}
    for i, ((subject, predicate), literals) in enumerate(keys):
        for j, lit in enumerate(literals):
            canonical = stored[f"urn:k:{i}:{j}"]
            entries.setdefault((subject, predicate, canonical), []).append(lit)
    for (subject, predicate, canonical), lits in entries.items():
        if len(lits) > 1 or (subject, predicate, canonical.value) in direct and canonical.datatype.value in (
                XSD + "integer", XSD + "dateTime"):
            raise UnsupportedShape(f"<{subject.value}> <{predicate}>: the store merges the literals "
                                   f"{', '.join(str(x) for x in lits)} into one {canonical}")
    return AsWritten(entries)


def _term(key):
    """A shapes-graph term as a pyoxigraph term (for substitutions)."""
    if key[0] == "uri":
        return ox.NamedNode(key[1])
    if key[0] == "bnode":
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9]", "", key[1]) or "b")
    return ox.Literal(key[1], language=key[2]) if key[2] else ox.Literal(key[1], datatype=ox.NamedNode(key[3] or XSD + "string"))


def _rows(store: ox.Store, check: Check, plain: bool = False) -> list[dict]:
    """The check's solutions as dicts, pre-binding ?this per focus node where the check asks
    (``plain``: its query without the rows kept only to be re-judged as written)."""
    subs = {ox.Variable(k): _term(v) for k, v in check.substitutions.items()}
    query = check.plain_query if plain and check.plain_query else check.query

    def solutions(bindings):
        answer = store.query(query, substitutions=bindings or None, custom_functions=_FUNCTIONS)
        names = [v.value for v in answer.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in answer]

    if check.scoped:
        extra = _solutions(store, check.extra_query) if check.extra_query else None
        return _focus_rows(check, solutions(subs), extra)
    if check.per_focus is None:
        return [row for row in solutions(subs) if "this" in row]
    out = []
    for focus_row in store.query(check.per_focus):
        node = focus_row["this"]
        if isinstance(node, ox.BlankNode):
            raise UnsupportedShape(f"shape {check.shape_id}: its SPARQL query needs $this pre-bound to a blank node, "
                                   "which a query cannot name")
        answer = store.query(_substitute(check.query, "this", str(node)), custom_functions=_FUNCTIONS)
        names = [v.value for v in answer.variables]
        for row in answer:
            found = {n: row[n] for n in names if row[n] is not None}
            found["this"] = node
            out.append(found)
    return out


def _focus_rows(check: Check, rows: list[dict], extra: list[dict] | None = None) -> list[dict]:
    """A scan's rows whose ?this is a focus node of the check's shape (its ?_mN column) — and,
    of a group scan, whose condition holds (its ?_gN column) — without those columns: the rows
    of the check's own focus-joined query; with ``extra``, the rows of its extra scan too."""
    def true(row, name):
        return row.get(name) is not None and row[name].value == "true"

    out = [{n: t for n, t in row.items() if not n.startswith(("_m", "_g"))} for row in rows
           if "this" in row and true(row, check.member_var) and (check.flag is None or true(row, check.flag))]
    if extra is not None:
        out += [{"this": row["this"]} for row in extra if "this" in row and true(row, check.extra_member_var)]
    return out


def _solutions(store: ox.Store, query: str) -> list[dict]:
    answer = store.query(query, custom_functions=_FUNCTIONS)
    names = [v.value for v in answer.variables]
    return [{n: row[n] for n in names if row[n] is not None} for row in answer]


def _judge(check: Check, rows: list[dict], written: AsWritten | None) -> list[dict]:
    """The rows that are results: a datatype check's rows re-judged on the literal as written,
    a lexical check refused when it met a literal the store keeps in canonical form."""
    if check.datatype is None and check.lexical is None:
        return rows
    from govkg.xsd_lexical import well_formed

    out = []
    for row in rows:
        value = row.get("value")
        ok = row.get("_ok")
        ok = ok is not None and ok.value == "true"
        literal = isinstance(value, ox.Literal) and not value.language
        if check.lexical is not None:
            if literal and value.datatype.value in CANONICALISED and written is not None:
                raise UnsupportedShape(
                    f"shape {check.shape_id}: sh:{check.lexical} on {value} — the store keeps "
                    f"{value.datatype.value.rsplit('#', 1)[-1]} literals in canonical form, not as written")
            if not ok:
                out.append(row)
            continue
        rewritten = literal and value.datatype.value in (XSD + "integer", XSD + "dateTime")
        lits = written.written(row["this"], check.predicate, value) if (written is not None and rewritten) else None
        if lits is None and rewritten and written is not None and written.entries and check.predicate is None:
            raise UnsupportedShape(f"shape {check.shape_id}: sh:datatype over a path other than one property, "
                                   "on data with literals whose datatype the store rewrites")
        if lits is None:
            if not ok:
                out.append(row)
            continue
        for lit in lits:  # as written: the datatype, and the lexical form well-formed for it
            if lit.datatype.value != check.datatype or well_formed(lit.value, lit.datatype.value) is False:
                out.append({**row, "value": lit})
    return out


def run_checks(store: ox.Store, checks: Sequence[Check], progress: Callable[[int], None] | None = None,
               written: AsWritten | None = None) -> list[Finding]:
    """Run every compiled check; the queries run on a thread pool (pyoxigraph releases the
    GIL while it evaluates, so on 2 cores validation takes about half the time), and the rows
    are read back in check order so the findings do not depend on scheduling.

    ``written``: the literals as the sources wrote them (:func:`as_written`); None when the
    caller built the store from terms it knows are canonical (the store is then trusted).
    """
    from concurrent.futures import ThreadPoolExecutor

    # without a literal whose datatype the store rewrote, a datatype check's integer and
    # date-time rows are judged by the stored form alone (_judge): its query need not list them
    plain = written is None or not written.entries

    def query_of(check: Check) -> str:
        return check.plain_query if plain and check.plain_query else check.query

    scans = list(dict.fromkeys([query_of(c) for c in checks if c.scoped] +
                               [c.extra_query for c in checks if c.extra_query]))  # shared: each run once
    # SPARQL-based constraints first: they are the longest (a join per focus node, the user's
    # query), and a long query started last leaves the other worker idle at the end
    own = [c for c in checks if not c.scoped]
    jobs = [c for c in own if c.component == SH + "SPARQLConstraintComponent"] + scans + \
        [c for c in own if c.component != SH + "SPARQLConstraintComponent"]

    def run(job) -> list:
        if isinstance(job, str):
            return _solutions(store, job)
        rows = _judge(job, _rows(store, job, plain), written)
        if progress:
            progress(1)
        return rows

    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(run, jobs))
    by_scan = {job: done[i] for i, job in enumerate(jobs) if isinstance(job, str)}
    answered = {id(job): done[i] for i, job in enumerate(jobs) if not isinstance(job, str)}
    answers = []
    for check in checks:
        if check.scoped:
            extra = by_scan[check.extra_query] if check.extra_query else None
            answers.append(_judge(check, _focus_rows(check, by_scan[query_of(check)], extra), written))
            if progress:
                progress(1)
        else:
            answers.append(answered[id(check)])
    raw = []
    for check, rows in zip(checks, answers):
        for row in rows:
            focus = row["this"]
            value = row.get("value")
            if value is None and check.value_is_focus:
                value = focus
            path = check.path
            if row.get("path") is not None:
                path = row["path"].value
            message, message_zh = check.messages.get(None) or check.messages.get("en"), check.messages.get("zh")
            if check.template:
                message = _fill(message, row)
                message_zh = _fill(message_zh, row)
            raw.append((focus, check, path, value, message or _default_message(check), message_zh))
    labels = _labels(store, {r[0] for r in raw})
    return sorted({Finding(focus=focus.value, shape=check.shape_id, path=path, value=_text(value),
                           severity=check.severity, message=message, message_zh=message_zh,
                           focus_label=labels.get(focus), component=check.component,
                           focus_term=str(focus), value_term=None if value is None else str(value))
                   for focus, check, path, value, message, message_zh in raw}, key=Finding.key)


def _get(row, name: str):
    try:
        return row[name]
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _fill(message: str | None, row) -> str | None:
    if not message:
        return message

    def sub(match):
        term = row.get(match.group(1))
        return term.value if term is not None else match.group(0)

    return re.sub(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}", sub, message)


def _default_message(check: Check) -> str:
    return f"Value does not conform to {check.shape_id}"


def _labels(store: ox.Store, nodes) -> dict:
    """zh label, else en, else any skos:prefLabel — as the reference engine shows."""
    out = {}
    nodes = [n for n in nodes if isinstance(n, ox.NamedNode)]
    for i in range(0, len(nodes), 500):
        chunk = nodes[i:i + 500]
        query = ("SELECT ?n ?l WHERE { VALUES ?n { " + " ".join(str(n) for n in chunk) + " } "
                 f"?n <{SKOS_PREF}> ?l }}")
        found: dict = {}
        for row in store.query(query):
            found.setdefault(row["n"], {})[row["l"].language] = row["l"].value
        for node, by_lang in found.items():
            out[node] = by_lang.get("zh") or by_lang.get("en") or next(iter(by_lang.values()))
    return out


def _check_progress(progress, total_bytes: int, checks: int):
    """Checks advance a byte-weighted bar (so the one-second/size threshold of the bar holds)."""
    if not progress or not checks:
        return None
    advance = progress(total_bytes)
    if advance is None:
        return None
    step = max(1, total_bytes // checks)
    return lambda n: advance(step * n)


def validate_store(store: ox.Store, shapes_graph, progress=None, size: int = 0, sources=None) -> Report:
    """Validate an already loaded store (``size``: bytes it was loaded from, for the progress bar;
    ``sources``: what it was loaded from, so datatype checks see literals as written — without
    them the store is trusted to hold canonical terms)."""
    checks = compile_shapes(shapes_graph, store)
    written = as_written(sources) if sources is not None else None
    findings = run_checks(store, checks, _check_progress(progress, size, len(checks)), written=written)
    return Report(findings=findings, engine="fast")


def validate_sources(sources: Sequence[Source], shapes_graph, progress=None, focus=()) -> Report:
    """Validate these sources (loaded through the on-disk store cache) against the shapes.

    ``progress``, when given, is a factory as for :func:`govkg.store.open_sources`: called once
    for the load and once for the checks, each with the sources' byte count.
    """
    checks = compile_shapes(shapes_graph, focus=focus)  # before loading: an unsupported shape fails fast
    written = as_written(sources)
    store = open_sources(sources, progress_factory=progress)
    checks = compile_shapes(shapes_graph, store, focus=focus)
    size = sum(s.size for s in sources)
    findings = run_checks(store, checks, _check_progress(progress, size, len(checks)), written=written)
    return Report(findings=findings, engine="fast")
