"""Validate the graph against the SHACL shapes and return findings as plain data.

pySHACL is the reference engine. Findings are read off its results graph into
:class:`Finding` records that carry the focus node's label, so reports are readable without
knowing IRIs. Other engines (see :mod:`govkg.fastshacl`) return the same records, so the two
can be compared finding for finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from govkg.store import Source

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
    conforms: bool
    findings: list[Finding]
    engine: str

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


def check_syntax(sources: Sequence[Source]) -> None:
    """InputError naming file, line and column of the first syntax error (pyoxigraph's
    parser words positions precisely and is fast; rdflib's messages often lose them)."""
    import pyoxigraph as ox

    from govkg.store import parse_error

    for source in sources:
        try:
            for _ in ox.parse(source.data, format=source.format, base_iri="https://w3id.org/govkg/id/"):
                pass
        except SyntaxError as exc:
            raise parse_error(source, exc) from None


def rdflib_graph(sources: Sequence[Source]):
    """Parse sources into one rdflib Graph (InputError with file/line/column on bad syntax)."""
    import pyoxigraph as ox
    import rdflib

    from govkg.errors import InputError

    check_syntax(sources)
    formats = {ox.RdfFormat.TURTLE: "turtle", ox.RdfFormat.N_TRIPLES: "nt", ox.RdfFormat.N_QUADS: "nquads",
               ox.RdfFormat.TRIG: "trig", ox.RdfFormat.JSON_LD: "json-ld", ox.RdfFormat.RDF_XML: "xml"}
    graph = rdflib.Graph()
    for source in sources:
        try:
            graph.parse(data=source.data, format=formats[source.format], publicID="https://w3id.org/govkg/id/")
        except Exception as exc:  # rdflib raises many types; each is a bad input here
            raise InputError(f"{source.name}: not valid {source.format.name}: {_first_line(exc)}") from None
    return graph


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


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
    import rdflib

    inverse = graph.value(path, rdflib.URIRef(SH + "inversePath"))
    return f"^{inverse}" if inverse is not None else str(path)


def _shape_id(results, shape) -> str:
    """A property shape that is a blank node is named by its parent node shape and path."""
    import rdflib

    if isinstance(shape, rdflib.URIRef):
        return str(shape)
    parent = results.value(None, rdflib.URIRef(SH + "property"), shape)
    path = results.value(shape, rdflib.URIRef(SH + "path"))
    if parent is not None and path is not None:
        return f"{parent}/{path}"
    if parent is None:
        parent = results.value(None, rdflib.URIRef(SH + "sparql"), shape)
        if parent is not None:
            return f"{parent}/sparql"
    return "_:shape"


def shapes_graph(pattern: str = "integrity"):
    """The bundled SHACL shapes whose file name contains ``pattern``, as an rdflib Graph."""
    import rdflib

    from govkg import resources

    graph = rdflib.Graph()
    for item in resources.shape_files(pattern):
        graph.parse(data=item.read_bytes(), format="turtle")
    return graph


def validate_pyshacl(data_graph, shapes) -> Report:
    """Validate with pySHACL (the reference engine); shape results are joined with labels."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(
        data_graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    # pySHACL copies the shapes into its report graph only partly; name shapes from the shapes graph.
    merged = results + shapes
    findings = findings_from_results_graph(merged, data_graph)
    return Report(conforms=not any(f.severity == "Violation" for f in findings), findings=findings, engine="pyshacl")


#: above this many bytes of input, ``--engine auto`` uses the fast engine
AUTO_FAST_BYTES = 5_000_000


def validate_graph(extra=(), engine: str = "auto", shape_pattern: str = "integrity", progress=None) -> Report:
    """Validate the bundled graph plus ``extra`` files with the chosen engine."""
    from govkg.errors import InputError
    from govkg.store import bundled_sources, user_sources

    sources = bundled_sources() + user_sources(extra)
    shapes = shapes_graph(shape_pattern)
    if len(shapes) == 0:
        raise InputError(f"no bundled shape file name contains {shape_pattern!r}")
    size = sum(len(s.data) for s in sources)
    if engine == "fast" or (engine == "auto" and size > AUTO_FAST_BYTES):
        from govkg import fastshacl

        return fastshacl.validate_sources(sources, shapes, progress=progress)
    return validate_pyshacl(rdflib_graph(sources), shapes)
