"""Validation findings and reports, engine-independent: what both engines return.

pySHACL's results graph is read into :class:`Finding` records here, and a :class:`Report` is
written back out as the standard ``sh:ValidationReport`` graph (:func:`report_graph`). Neither
engine module imports the other; :mod:`govkg.validation` chooses between them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"


@dataclass(frozen=True, order=True)
class Finding:
    """One validation result, engine-independent."""

    focus: str
    shape: str
    path: str | None
    value: str | None
    severity: str  # Violation | Warning | Info
    message: str
    message_zh: str | None = None
    focus_label: str | None = None
    #: the IRI of the sh:sourceConstraintComponent that produced the result
    component: str | None = None
    #: focus and value as RDF terms in N-Triples syntax (``<iri>``, ``"5"^^<…#int>``, ``_:b``),
    #: for the report graph; ``focus``/``value`` above are their plain text
    focus_term: str | None = field(default=None, compare=False)
    value_term: str | None = field(default=None, compare=False)

    def key(self) -> tuple:
        """What two engines must agree on (messages may be worded differently)."""
        return (self.focus, self.shape, self.path or "", self.value or "", self.severity)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    """``conforms`` is SHACL's: true only when there is no result at all, whatever its severity
    (``allow_warnings`` relaxes that to "no sh:Violation", as pySHACL's option of that name)."""

    findings: list[Finding]
    engine: str
    allow_warnings: bool = False
    notices: list[str] = field(default_factory=list)
    #: the shapes validated against (an rdflib Graph), so the report graph can name blank-node
    #: shapes and copy complex paths
    shapes: object = field(default=None, repr=False, compare=False)

    @property
    def conforms(self) -> bool:
        if self.allow_warnings:
            return not any(f.severity == "Violation" for f in self.findings)
        return not self.findings

    @property
    def violations(self) -> int:
        return sum(1 for f in self.findings if f.severity == "Violation")

    def to_json(self) -> dict:
        return {
            "conforms": self.conforms,
            "engine": self.engine,
            "violations": self.violations,
            "results": [f.to_json() for f in self.findings],
        }


def _label(graph, node) -> str | None:
    import rdflib

    labels = {lit.language: str(lit) for lit in graph.objects(node, rdflib.URIRef(SKOS_PREF))}
    return labels.get("zh") or labels.get("en") or (next(iter(labels.values())) if labels else None)


def _text(term) -> str | None:
    if term is None:
        return None
    return str(term)


def nt_term(term) -> str | None:
    """An rdflib term in N-Triples syntax (written by pyoxigraph, so escaped as N-Triples)."""
    import pyoxigraph as ox
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return str(ox.NamedNode(str(term)))
    if isinstance(term, rdflib.BNode):
        return str(ox.BlankNode(str(term)))
    if term.language:
        return str(ox.Literal(str(term), language=term.language))
    return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD_STRING))))


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def findings_from_results_graph(results, data_graph) -> list[Finding]:
    """Turn a SHACL validation report graph into sorted Findings."""
    import rdflib

    sh = rdflib.Namespace(SH)
    found = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        shape = results.value(result, sh.sourceShape)
        messages = {m.language: str(m) for m in results.objects(result, sh.resultMessage)}
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        component = results.value(result, sh.sourceConstraintComponent)
        found.append(Finding(
            focus=str(focus),
            shape=_shape_id(results, shape),
            path=_text(path) if isinstance(path, rdflib.URIRef) else (_path_text(results, path) if path else None),
            value=_text(value),
            severity=str(results.value(result, sh.resultSeverity)).rsplit("#", 1)[-1],
            message=messages.get("en") or messages.get(None) or next(iter(messages.values()), ""),
            message_zh=messages.get("zh"),
            focus_label=_label(data_graph, focus),
            component=_text(component),
            focus_term=nt_term(focus),
            value_term=nt_term(value),
        ))
    return sorted(set(found), key=Finding.key)


def _path_text(graph, path) -> str:
    """An IRI path as the IRI, an inverse of one as ^IRI, any other path in SPARQL syntax
    (the same text :mod:`govkg.fastshacl` writes, so both engines name it alike)."""
    import rdflib

    inverse = graph.value(path, rdflib.URIRef(SH + "inversePath"))
    if isinstance(inverse, rdflib.URIRef):
        return f"^{inverse}"
    if isinstance(path, rdflib.URIRef):
        return str(path)
    return sparql_path(graph, path)


def sparql_path(graph, path) -> str:
    import rdflib
    from rdflib.collection import Collection

    if isinstance(path, rdflib.URIRef):
        return f"<{path}>"
    sh = rdflib.Namespace(SH)
    inner = graph.value(path, sh.inversePath)
    if inner is not None:
        return f"^({sparql_path(graph, inner)})"
    for pred, op in ((sh.zeroOrMorePath, "*"), (sh.oneOrMorePath, "+"), (sh.zeroOrOnePath, "?")):
        inner = graph.value(path, pred)
        if inner is not None:
            return f"({sparql_path(graph, inner)}){op}"
    alt = graph.value(path, sh.alternativePath)
    if alt is not None:
        return "(" + "|".join(sparql_path(graph, p) for p in Collection(graph, alt)) + ")"
    if graph.value(path, rdflib.RDF.first) is not None:
        return "(" + "/".join(sparql_path(graph, p) for p in Collection(graph, path)) + ")"
    return str(path)


def _shape_id(results, shape) -> str:
    """A property shape that is a blank node is named by its parent node shape and path."""
    import rdflib

    if isinstance(shape, rdflib.URIRef):
        return str(shape)
    parent = results.value(None, rdflib.URIRef(SH + "property"), shape)
    path = results.value(shape, rdflib.URIRef(SH + "path"))
    if parent is not None and path is not None:
        return f"{parent}/{_path_text(results, path)}"
    if parent is None:
        parent = results.value(None, rdflib.URIRef(SH + "sparql"), shape)
        if parent is not None:
            return f"{parent}/sparql"
    return "_:shape"


# ------------------------------------------------------------------ the standard report graph


def report_graph(report: Report) -> list:
    """The report as SHACL's ``sh:ValidationReport`` graph (pyoxigraph triples, in a fixed
    order with fixed blank-node labels, so the same findings always give the same file).

    Each result carries sh:focusNode, sh:resultPath (copied from the shapes when it is not one
    IRI), sh:value, sh:resultSeverity, sh:sourceShape (a blank-node property shape is written
    as a blank node with its sh:path, linked from its parent by sh:property),
    sh:sourceConstraintComponent and sh:resultMessage (zh tagged, the other untagged).
    """
    import pyoxigraph as ox

    def iri(name: str) -> ox.NamedNode:
        return ox.NamedNode(name)

    sh = lambda local: iri(SH + local)  # noqa: E731
    copier = _ShapeCopier(report.shapes)
    root = ox.BlankNode("report")
    out = [ox.Triple(root, iri(RDF_TYPE), sh("ValidationReport")),
           ox.Triple(root, sh("conforms"), ox.Literal(report.conforms))]
    results: list = []
    ordered = sorted(report.findings, key=lambda f: (f.key(), f.component or ""))
    for number, finding in enumerate(ordered, 1):
        result = ox.BlankNode(f"r{number}")
        out.append(ox.Triple(root, sh("result"), result))
        results += [ox.Triple(result, iri(RDF_TYPE), sh("ValidationResult")),
                    ox.Triple(result, sh("focusNode"), _parse_term(finding.focus_term) if finding.focus_term
                              else iri(finding.focus))]
        if finding.path:
            results += copier.path(result, finding.path)
        if finding.value_term:
            results.append(ox.Triple(result, sh("value"), _parse_term(finding.value_term)))
        results.append(ox.Triple(result, sh("resultSeverity"), sh(finding.severity)))
        results += copier.shape(result, finding.shape)
        if finding.component:
            results.append(ox.Triple(result, sh("sourceConstraintComponent"), iri(finding.component)))
        if finding.message:
            results.append(ox.Triple(result, sh("resultMessage"), ox.Literal(finding.message)))
        if finding.message_zh:
            results.append(ox.Triple(result, sh("resultMessage"), ox.Literal(finding.message_zh, language="zh")))
    out += results
    return out + copier.extra


def _parse_term(text: str):
    """An N-Triples term back to a pyoxigraph term."""
    import pyoxigraph as ox

    triple = next(iter(ox.parse(f"<urn:s> <urn:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES)))
    return triple.object


class _ShapeCopier:
    """What the report needs from the shapes graph: complex paths and blank-node shapes,
    copied once each under fixed labels (found through the same names the findings use)."""

    def __init__(self, shapes):
        import rdflib

        self.shapes = shapes if shapes is not None else rdflib.Graph()
        self.extra: list = []
        self.paths: dict[str, object] = {}
        self.shape_nodes: dict[str, object] = {}
        self.labels = 0
        self.copies: dict = {}  # shapes-graph blank node -> its copy
        self._path_index = None
        self._shape_index = None

    def _indexes(self):
        import rdflib

        if self._path_index is None:
            path_pred, prop_pred = rdflib.URIRef(SH + "path"), rdflib.URIRef(SH + "property")
            self._path_index = {_path_text(self.shapes, o): o for o in set(self.shapes.objects(None, path_pred))}
            self._shape_index = {_shape_id(self.shapes, o): o for o in set(self.shapes.objects(None, prop_pred))
                                 if isinstance(o, rdflib.BNode)}
        return self._path_index, self._shape_index

    def path(self, result, text: str) -> list:
        import pyoxigraph as ox

        if text not in self.paths:
            node = self._indexes()[0].get(text)
            if node is not None:
                self.paths[text] = self._copy_path(node)
            elif text.startswith("^"):
                inverse = self._blank("p")
                self.extra.append(ox.Triple(inverse, ox.NamedNode(SH + "inversePath"), ox.NamedNode(text[1:])))
                self.paths[text] = inverse
            else:  # a property met by sh:closed, or an IRI path
                self.paths[text] = ox.NamedNode(text)
        return [ox.Triple(result, ox.NamedNode(SH + "resultPath"), self.paths[text])]

    def _copy_path(self, node):
        """The path node as pyoxigraph terms; blank nodes relabelled ``_:pN`` in walk order."""
        import pyoxigraph as ox
        import rdflib

        if isinstance(node, rdflib.URIRef):
            return ox.NamedNode(str(node))
        if node in self.copies:
            return self.copies[node]
        copy = self.copies[node] = self._blank("p")
        first, rest = rdflib.RDF.first, rdflib.RDF.rest
        if self.shapes.value(node, first) is not None:  # a sequence (an RDF list)
            self.extra.append(ox.Triple(copy, ox.NamedNode(str(first)), self._copy_path(self.shapes.value(node, first))))
            tail = self.shapes.value(node, rest)
            self.extra.append(ox.Triple(copy, ox.NamedNode(str(rest)), ox.NamedNode(str(rdflib.RDF.nil))
                                        if tail == rdflib.RDF.nil else self._copy_path(tail)))
            return copy
        for local in ("inversePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath", "alternativePath"):
            inner = self.shapes.value(node, rdflib.URIRef(SH + local))
            if inner is not None:
                self.extra.append(ox.Triple(copy, ox.NamedNode(SH + local), self._copy_path(inner)))
        return copy

    def shape(self, result, shape_id: str) -> list:
        """sh:sourceShape: the IRI of a named shape; a blank-node property shape (named
        ``parent/path`` in findings) as a blank node with its path, linked from its parent."""
        import pyoxigraph as ox
        import rdflib

        found = self.shape_nodes.get(shape_id)
        if found is None:
            node = self._indexes()[1].get(shape_id)
            if node is None and (rdflib.URIRef(shape_id), None, None) in self.shapes:
                found = ox.NamedNode(shape_id)
            else:  # a blank-node shape (or one the shapes graph does not name)
                found = self._blank("s")
                parent = self.shapes.value(None, rdflib.URIRef(SH + "property"), node) if node is not None else None
                if isinstance(parent, rdflib.URIRef):
                    self.extra.append(ox.Triple(ox.NamedNode(str(parent)), ox.NamedNode(SH + "property"), found))
                path = self.shapes.value(node, rdflib.URIRef(SH + "path")) if node is not None else None
                if path is not None:
                    self.extra.append(ox.Triple(found, ox.NamedNode(SH + "path"), self._copy_path(path)))
            self.shape_nodes[shape_id] = found
        return [ox.Triple(result, ox.NamedNode(SH + "sourceShape"), found)]

    def _blank(self, stem: str):
        import pyoxigraph as ox

        self.labels += 1
        return ox.BlankNode(f"{stem}{self.labels}")
