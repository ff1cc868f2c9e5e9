"""Validate the graph against the SHACL shapes: choose the engine, fall back when it refuses.

pySHACL is the reference engine; :mod:`govkg.fastshacl` compiles the shapes to SPARQL on the
pyoxigraph store and refuses any shape it cannot check exactly. Both return the
:class:`govkg.findings.Finding` records of :mod:`govkg.findings`, so they can be compared
finding for finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from govkg.findings import Finding, Report, findings_from_results_graph
from govkg.store import Source

__all__ = ["Finding", "Report", "check_syntax", "rdflib_graph", "shapes_graph", "validate_graph",
           "validate_pyshacl"]


def check_syntax(sources: Sequence[Source]) -> None:
    """InputError naming file, line and column of the first syntax error (pyoxigraph's
    parser words positions precisely and is fast; rdflib's messages often lose them)."""
    import pyoxigraph as ox

    from govkg.store import reading

    for source in sources:
        with reading(source):
            for _ in ox.parse(source.data, format=source.format, base_iri="https://w3id.org/govkg/id/"):
                pass


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


def shapes_graph(pattern: str = "integrity"):
    """The bundled SHACL shapes whose file name contains ``pattern``, as an rdflib Graph."""
    import rdflib

    from govkg import resources

    graph = rdflib.Graph()
    for item in resources.shape_files(pattern):
        graph.parse(data=item.read_bytes(), format="turtle")
    return graph


def user_shapes(paths, graph=None):
    """The user's shape files (``--shapes``) added to ``graph`` (a new rdflib Graph if None)."""
    import rdflib

    from govkg.store import user_sources

    graph = rdflib.Graph() if graph is None else graph
    files = user_sources(paths)
    if files:
        graph += rdflib_graph(files)
    return graph


def ontology_sources() -> list[Source]:
    """The bundled ontology alone (what ``--no-bundled`` leaves out with the data)."""
    from govkg import resources

    return [Source(f"govkg:{item.name}", item.read_bytes()) for item in resources.ontology_files()]


def validate_pyshacl(data_graph, shapes, allow_warnings: bool = False, focus=()) -> Report:
    """Validate with pySHACL (the reference engine); shape results are joined with labels."""
    import pyshacl
    import rdflib

    from govkg.rdflib_sparql import sparql_parsed_once

    with sparql_parsed_once():  # each SPARQL text parsed once, not once per focus node
        _, results, _ = pyshacl.validate(
            data_graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
            focus_nodes=[rdflib.URIRef(f) for f in focus] or None)
    # pySHACL copies the shapes into its report graph only partly; name shapes from the shapes graph.
    merged = results + shapes
    findings = findings_from_results_graph(merged, data_graph)
    return Report(findings=findings, engine="pyshacl", allow_warnings=allow_warnings)


def _focus_iri(text: str) -> str:
    """A --focus value checked as an absolute IRI before any work (both engines would fail on it
    later with a bare ValueError)."""
    import pyoxigraph as ox

    from govkg.errors import InputError

    try:
        return ox.NamedNode(text).value
    except ValueError as exc:
        raise InputError(f"--focus {text!r}: not an absolute IRI ({exc})") from None


def validate_graph(extra=(), engine: str = "auto", shape_pattern: str | None = "integrity", progress=None,
                   allow_warnings: bool = False, shape_files=(), bundled: bool = True, focus=()) -> Report:
    """Validate the bundled graph (unless ``bundled`` is false) plus ``extra`` files.

    Shapes: the bundled files whose name contains ``shape_pattern`` (None: none) plus the
    user's ``shape_files``. ``focus``: IRIs to limit validation to (each still only checked
    by the shapes that target it).

    ``fast`` runs the compiled engine and lets its refusal (:class:`UnsupportedShape`, an
    InputError naming the shape and the feature) reach the user; ``auto`` runs it too (it checks
    a shape exactly or refuses it, and is 20× faster than pySHACL on the bundled graph alone),
    and when it refuses validates with pySHACL, saying why in ``Report.notices``.
    """
    from govkg.errors import InputError
    from govkg.store import bundled_sources, user_sources

    sources = (bundled_sources() if bundled else []) + user_sources(extra)
    if not sources:
        raise InputError("nothing to validate: --no-bundled needs at least one --data file")
    shapes = shapes_graph(shape_pattern) if shape_pattern is not None else None
    if shape_pattern is not None and len(shapes) == 0:
        raise InputError(f"no bundled shape file name contains {shape_pattern!r}")
    shapes = user_shapes(shape_files, shapes)
    if len(shapes) == 0:
        raise InputError("no shapes to validate against: the --shapes files are empty")
    focus = [_focus_iri(iri) for iri in focus]
    notices = []
    if engine in ("fast", "auto"):
        from govkg import fastshacl

        try:  # the shapes are compiled before the data is loaded: most refusals cost nothing
            report = fastshacl.validate_sources(sources, shapes, progress=progress, focus=focus)
        except fastshacl.UnsupportedShape as exc:
            if engine == "fast":
                raise InputError(f"--engine fast cannot check this: {exc}") from None
            notices.append(f"validating with pySHACL: the fast engine cannot check {exc}")
        else:
            report.allow_warnings = allow_warnings
            report.shapes = shapes
            return report
    report = validate_pyshacl(rdflib_graph(sources), shapes, allow_warnings=allow_warnings, focus=focus)
    report.notices.extend(notices)
    report.shapes = shapes
    return report


def report_bytes(report: Report, name: str) -> bytes:
    """The standard sh:ValidationReport graph of ``report`` in the RDF format of the file name
    ``name`` (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf`` …; InputError for another suffix)."""
    import pyoxigraph as ox

    from govkg.findings import SH, report_graph
    from govkg.store import rdf_format

    fmt = rdf_format(name)
    triples = report_graph(report)
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        triples = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    prefixes = {"sh": SH, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                "xsd": "http://www.w3.org/2001/XMLSchema#"} if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes) if prefixes else ox.serialize(triples, format=fmt)
