"""Validation findings and reports, engine-independent: what both engines return.

pySHACL's results graph is read into :class:`Finding` records here, and a :class:`Report` is
written back out as the standard ``sh:ValidationReport`` graph. Neither engine module imports
the other; :mod:`govkg.validation` chooses between them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SH = "http://www.w3.org/ns/shacl#"
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
        found.append(Finding(
            focus=str(focus),
            shape=_shape_id(results, shape),
            path=_text(path) if isinstance(path, rdflib.URIRef) else (_path_text(results, path) if path else None),
            value=_text(results.value(result, sh.value)),
            severity=str(results.value(result, sh.resultSeverity)).rsplit("#", 1)[-1],
            message=messages.get("en") or messages.get(None) or next(iter(messages.values()), ""),
            message_zh=messages.get("zh"),
            focus_label=_label(data_graph, focus),
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
