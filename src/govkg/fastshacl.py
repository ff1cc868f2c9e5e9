"""The fast validation engine: SHACL shapes compiled to SPARQL and run on the pyoxigraph store.

Each constraint of each shape becomes one SELECT that returns only the violations (focus node,
and value node where SHACL reports one), evaluated by Oxigraph over the cached store — so a
second validation of an unchanged graph parses nothing, and the cost of a constraint grows with
the number of its focus nodes, in Rust. Results are the same :class:`govkg.validation.Finding`
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

import pyoxigraph as ox

from govkg.store import Source, open_sources
from govkg.errors import InputError
from govkg.findings import SKOS_PREF, Finding, Report

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE_PATH = f"<{RDF}type>/<{RDFS}subClassOf>*"

#: XSD datatypes whose lexical forms Oxigraph can check by casting (ill-formed -> error)
CASTABLE = {XSD + t for t in ("date", "dateTime", "time", "integer", "decimal", "double", "float", "boolean",
                              "string", "duration", "dayTimeDuration", "yearMonthDuration")}
#: constraint parameters that are read together with another one (not constraints themselves)
AUXILIARY = {"path", "severity", "message", "name", "description", "order", "group", "deactivated", "flags",
             "qualifiedMinCount", "qualifiedMaxCount", "qualifiedValueShapesDisjoint", "targetClass",
             "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "sparql", "declare", "prefixes",
             "defaultValue", "labelTemplate", "target"}


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


class Compiler:
    def __init__(self, shapes: Shapes, store: ox.Store | None = None, focus=()):
        self.g = shapes
        self.focus_nodes = [("uri", iri) for iri in focus]
        self.store = store
        self._closure: dict = {}
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
        return "{ SELECT DISTINCT ?this WHERE { " + only + "{ " + " UNION ".join(parts) + " } } }"

    # ---- paths

    def path_sparql(self, path) -> str:
        if path[0] == "uri":
            return _sparql_term(path)
        if path[0] != "bnode":
            raise UnsupportedShape("a literal cannot be a path")
        inv = self.g.value(path, SH + "inversePath")
        if inv is not None:
            return f"^({self.path_sparql(inv)})"
        for pred, op in (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?")):
            inner = self.g.value(path, SH + pred)
            if inner is not None:
                return f"({self.path_sparql(inner)}){op}"
        alt = self.g.value(path, SH + "alternativePath")
        if alt is not None:
            return "(" + "|".join(self.path_sparql(p) for p in self.g.list_items(alt)) + ")"
        if self.g.value(path, RDF + "first") is not None:
            return "(" + "/".join(self.path_sparql(p) for p in self.g.list_items(path)) + ")"
        raise UnsupportedShape("unknown path form")

    def path_text(self, path) -> str:
        """Finding.path as the reference engine writes it: the IRI, or ^IRI for an inverse."""
        if path[0] == "uri":
            return path[1]
        inv = self.g.value(path, SH + "inversePath")
        if inv is not None and inv[0] == "uri":
            return f"^{inv[1]}"
        return path[1]

    # ---- ids, messages, severity

    def shape_id(self, shape, parent=None) -> str:
        if shape[0] == "uri":
            return shape[1]
        parents = [parent] if parent is not None else self.g.subjects(SH + "property", shape)
        path = self.g.value(shape, SH + "path")
        if parents and path is not None:
            return f"{parents[0][1]}/{path[1]}"
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
        if self.g.objects(shape, SH + "property") or self.g.objects(shape, SH + "sparql"):
            raise UnsupportedShape("nested shape with property or SPARQL constraints")
        tests = []
        for pred, objs in self.g.triples.get(shape, {}).items():
            if not pred.startswith(SH):
                continue
            name = pred[len(SH):]
            if name in AUXILIARY:
                continue
            for obj in objs:
                tests.append(self.component(shape, name, obj, v, depth))
        return "(" + " && ".join(f"COALESCE({t}, false)" for t in tests) + ")" if tests else "true"

    def component(self, shape, name: str, obj, v: str, depth: int) -> str:
        """One value-node constraint component as a SPARQL boolean over ``v`` (true = conforms)."""
        if name == "class":
            return f"EXISTS {{ {self.typed(v, [obj])} }}"
        if name == "datatype":
            dt = obj[1]
            if dt == RDF + "langString":
                return f"(isLiteral({v}) && lang({v}) != \"\")"
            test = f"(isLiteral({v}) && datatype({v}) = <{dt}>"
            if dt in CASTABLE and dt != XSD + "string":
                test += f" && COALESCE(isLiteral(<{dt}>(STR({v}))), false)"
            if dt == RDFS + "Literal":
                test = f"(isLiteral({v})"
            return test + ")"
        if name == "nodeKind":
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
            options = ", ".join(f'"{lang}"' for lang in langs)
            return (f"(isLiteral({v}) && lang({v}) != \"\" && (LCASE(lang({v})) IN ({options}) || "
                    f"LCASE(IF(CONTAINS(lang({v}), \"-\"), STRBEFORE(lang({v}), \"-\"), lang({v}))) IN ({options})))")
        if name == "pattern":
            flags = self.g.value(shape, SH + "flags")
            flag_text = f", {_sparql_term(('literal', _lex(flags), None, None))}" if flags else ""
            pattern = _sparql_term(("literal", _lex(obj), None, None))
            return f"(!isBlank({v}) && REGEX(STR({v}), {pattern}{flag_text}))"
        if name in ("minLength", "maxLength"):
            op = ">=" if name == "minLength" else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(_lex(obj))})"
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
        raise UnsupportedShape(f"sh:{name}")

    # ---- compiling a shape

    def compile(self) -> list[Check]:
        for shape in self.node_shapes():
            focus = self.focus_pattern(shape)
            if focus is None or self.g.value(shape, SH + "deactivated") == ("literal", "true", None, XSD + "boolean"):
                continue
            path = self.g.value(shape, SH + "path")
            if path is not None:  # a property shape with its own targets
                self.property_shape(shape, focus, None)
                continue
            self.value_checks(shape, focus, value_pattern="BIND(?this AS ?value)", path=None, parent_msg=())
            for prop in self.g.objects(shape, SH + "property"):
                if self.g.value(prop, SH + "deactivated") == ("literal", "true", None, XSD + "boolean"):
                    continue
                self.property_shape(prop, focus, shape)
            for sparql in self.g.objects(shape, SH + "sparql"):
                self.sparql_check(shape, sparql, focus, path=None)
        return self.checks

    def property_shape(self, prop, focus: str, parent) -> None:
        path = self.g.value(prop, SH + "path")
        if path is None:
            raise UnsupportedShape("a property shape without sh:path")
        p = self.path_sparql(path)
        shape_id = self.shape_id(prop, parent)
        path_text = self.path_text(path)
        sev = self.severity(prop)
        msgs = self.messages(prop)
        props = self.g.triples.get(prop, {})

        def add(query, value=True):
            self.checks.append(Check(shape_id, path_text, sev, msgs, query))

        def cardinality(min_key: str, max_key: str, test: str | None = None) -> None:
            """min/max count checks over the values of ``p`` (those passing ``test``, if given)."""
            values = f"?this {p} ?_v" + (f" FILTER({test})" if test else "")
            for obj in props.get(min_key, []):
                n = int(_lex(obj))
                if n == 1:
                    add(f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {values} }} }}")
                elif n > 1:
                    add(f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {values} }} }} "
                        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {n})")
            for obj in props.get(max_key, []):
                n = int(_lex(obj))
                add(f"SELECT ?this WHERE {{ {focus} {values} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > {n})")

        cardinality(SH + "minCount", SH + "maxCount")
        for qvs in props.get(SH + "qualifiedValueShape", []):
            if self.g.value(prop, SH + "qualifiedValueShapesDisjoint") == ("literal", "true", None, XSD + "boolean"):
                raise UnsupportedShape("sh:qualifiedValueShapesDisjoint")
            cardinality(SH + "qualifiedMinCount", SH + "qualifiedMaxCount", self.conforms(qvs, "?_v"))
        for obj in props.get(SH + "uniqueLang", []):
            if _lex(obj) in ("true", "1"):
                add(f"SELECT DISTINCT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?_a) AS ?_n) WHERE {{ {focus} "
                    f"?this {p} ?_a FILTER(isLiteral(?_a) && lang(?_a) != \"\") }} GROUP BY ?this (LCASE(lang(?_a))) }} "
                    f"FILTER(?_n > 1) }}")
        for obj in props.get(SH + "equals", []):
            q = _sparql_term(obj)
            add(f"SELECT ?this ?value WHERE {{ {focus} {{ ?this {p} ?value FILTER NOT EXISTS {{ ?this {q} ?value }} }} "
                f"UNION {{ ?this {q} ?value FILTER NOT EXISTS {{ ?this {p} ?value }} }} }}")
        for obj in props.get(SH + "disjoint", []):
            add(f"SELECT ?this ?value WHERE {{ {focus} ?this {p} ?value . ?this {_sparql_term(obj)} ?value }}")
        for name, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
            for obj in props.get(SH + name, []):
                # as pySHACL: IRIs compare as strings; a pair that cannot be compared is a violation
                cmp = (f"IF(isIRI(?value) && isIRI(?_w), STR(?value) {op} STR(?_w), "
                       f"IF(isIRI(?value) || isIRI(?_w), false, ?value {op} ?_w))")
                add(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {p} ?value . ?this {_sparql_term(obj)} ?_w "
                    f"FILTER(!COALESCE({cmp}, false)) }}")
        self.value_checks(prop, focus, value_pattern=f"?this {p} ?value .", path=path_text, shape_id=shape_id)
        for sparql in props.get(SH + "sparql", []):
            self.sparql_check(prop, sparql, focus, path=path, shape_id=shape_id)

    def value_checks(self, shape, focus: str, value_pattern: str, path, shape_id=None, parent_msg=()) -> None:
        """Components checked value node by value node: one query each, returning the failures."""
        shape_id = shape_id or self.shape_id(shape)
        for pred, objs in self.g.triples.get(shape, {}).items():
            if not pred.startswith(SH):
                continue
            name = pred[len(SH):]
            if name in AUXILIARY or name in ("minCount", "maxCount", "qualifiedValueShape", "uniqueLang", "equals",
                                             "disjoint", "lessThan", "lessThanOrEquals"):
                continue
            if name == "closed":
                raise UnsupportedShape("sh:closed")
            for obj in objs:
                if name == "class":  # an anti-join: instances of the class are listed once, not per value
                    self.checks.append(Check(
                        shape_id, path, self.severity(shape), self.messages(shape),
                        f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {value_pattern} "
                        f"MINUS {{ {self.typed('?value', [obj])} }} }}"))
                    continue
                if name == "hasValue":  # not per value: no value node is the term (reported without sh:value)
                    self.checks.append(Check(
                        shape_id, path, self.severity(shape), self.messages(shape),
                        f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {value_pattern} "
                        f"FILTER(sameTerm(?value, {_sparql_term(obj)})) }} }}"))
                    continue
                test = self.component(shape, name, obj, "?value", 0)
                self.checks.append(Check(
                    shape_id, path, self.severity(shape), self.messages(shape),
                    f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {value_pattern} FILTER(!COALESCE({test}, false)) }}"))

    def sparql_check(self, shape, constraint, focus: str, path=None, shape_id=None) -> None:
        if self.g.value(constraint, SH + "deactivated") == ("literal", "true", None, XSD + "boolean"):
            return
        select = self.g.value(constraint, SH + "select")
        if select is None:
            raise UnsupportedShape("SPARQL constraint without sh:select (ASK-based components)")
        prefixes = {}
        for holder in self.g.objects(constraint, SH + "prefixes"):
            for decl in self.g.objects(holder, SH + "declare"):
                prefixes[_lex(self.g.value(decl, SH + "prefix"))] = _lex(self.g.value(decl, SH + "namespace"))
        text = _lex(select)
        if path is not None:
            text = text.replace("$PATH", self.path_sparql(path))
        text = re.sub(r"\$this\b", "?this", text)
        text = _not_exists_to_minus(text)
        text = _insert_focus(text, focus)
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
        msgs = self.messages(constraint, shape)
        self.checks.append(Check(
            shape_id or self.shape_id(shape), self.path_text(path) if path is not None else None,
            self.severity(shape), msgs, prologue + text, value_is_focus=path is None,
            template=any("{" in m for m in msgs.values())))


_NOT_EXISTS = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{([^{}]*)\}", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def _not_exists_to_minus(query: str) -> str:
    """``FILTER NOT EXISTS { P }`` as ``MINUS { P }`` where the two provably agree.

    Oxigraph evaluates NOT EXISTS once per solution, scanning P from its most selective
    constant pattern (e.g. every gk:DutyAssignment for every duty: quadratic), while MINUS is
    one hash anti-join. They agree when P is a plain group of triple patterns (no FILTER,
    OPTIONAL, nested group, ...) sharing at least one variable with the rest of the query.
    """
    def swap(match):
        body = match.group(1)
        if re.search(r"\b(FILTER|BIND|VALUES|OPTIONAL|GRAPH|SERVICE|MINUS|UNION|EXISTS)\b", body, re.IGNORECASE):
            return match.group(0)
        if any(ch in body for ch in "\"'<"):  # literals and IRIs: keep the check simple and safe
            if "\"" in body or "'" in body:
                return match.group(0)
        rest = query[:match.start()] + query[match.end():]
        if not set(_VARIABLE.findall(body)) & set(_VARIABLE.findall(rest)):
            return match.group(0)
        return "MINUS {" + body + "}"

    return _NOT_EXISTS.sub(swap, query)


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


# ------------------------------------------------------------------ running


def compile_shapes(shapes_graph, store: ox.Store | None = None, focus=()) -> list[Check]:
    """The checks for a shapes graph (rdflib Graph or pyoxigraph Store); with ``store``,
    class tests use that data's subclass closure; ``focus``: IRIs to limit the focus nodes to."""
    return Compiler(Shapes(shapes_graph), store, focus=focus).compile()


def _text(term) -> str | None:
    return None if term is None else term.value


def run_checks(store: ox.Store, checks: Sequence[Check], progress: Callable[[int], None] | None = None) -> list[Finding]:
    """Run every compiled check; the queries run on a thread pool (pyoxigraph releases the
    GIL while it evaluates, so on 2 cores validation takes about half the time), and the rows
    are read back in check order so the findings do not depend on scheduling."""
    from concurrent.futures import ThreadPoolExecutor

    def rows_of(check: Check) -> list:
        rows = [row for row in store.query(check.query) if row["this"] is not None]
        if progress:
            progress(1)
        return rows

    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(rows_of, checks))
    raw = []
    for check, rows in zip(checks, answers):
        for row in rows:
            focus = row["this"]
            value = _get(row, "value")
            if value is None and check.value_is_focus:
                value = focus
            path = check.path
            if _get(row, "path") is not None:
                path = _get(row, "path").value
            message, message_zh = check.messages.get(None) or check.messages.get("en"), check.messages.get("zh")
            if check.template:
                message = _fill(message, row)
                message_zh = _fill(message_zh, row)
            raw.append((focus, check, path, value, message or _default_message(check), message_zh))
    labels = _labels(store, {r[0] for r in raw})
    return sorted({Finding(focus=focus.value, shape=check.shape_id, path=path, value=_text(value),
                           severity=check.severity, message=message, message_zh=message_zh,
                           focus_label=labels.get(focus))
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
        term = _get(row, match.group(1))
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


def validate_store(store: ox.Store, shapes_graph, progress=None, size: int = 0) -> Report:
    """Validate an already loaded store (``size``: bytes it was loaded from, for the progress bar)."""
    checks = compile_shapes(shapes_graph, store)
    findings = run_checks(store, checks, _check_progress(progress, size, len(checks)))
    return Report(findings=findings, engine="fast")


def validate_sources(sources: Sequence[Source], shapes_graph, progress=None, focus=()) -> Report:
    """Validate these sources (loaded through the on-disk store cache) against the shapes.

    ``progress``, when given, is a factory as for :func:`govkg.store.open_sources`: called once
    for the load and once for the checks, each with the sources' byte count.
    """
    checks = compile_shapes(shapes_graph, focus=focus)  # before loading: an unsupported shape fails fast
    store = open_sources(sources, progress_factory=progress)
    checks = compile_shapes(shapes_graph, store, focus=focus)
    size = sum(s.size for s in sources)
    findings = run_checks(store, checks, _check_progress(progress, size, len(checks)))
    return Report(findings=findings, engine="fast")
