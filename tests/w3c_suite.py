"""A manifest-driven runner for the W3C SHACL test suite (tests/data/w3c-shacl, see its README).

Each test names a data graph and a shapes graph and expects either a validation report or
``sht:Failure`` (the processor must refuse the shapes). A run passes when the engine's
``sh:conforms`` and its results — compared as (focus node, result path, value, severity), blank
nodes as ``_:``, the way pySHACL's own runner is lenient about blank node identity, severities
by local name, as a set: govkg's findings merge results that differ only in which constraint
fired — equal the expected report's, or, for a failure test, when the engine refuses.
Expected literals are read as written (rdflib would otherwise rewrite "none"^^xsd:boolean).

    python -m tests.w3c_suite            # pass counts per engine, and every test that fails
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

SUITE = Path(__file__).parent / "data" / "w3c-shacl"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SHT = "http://www.w3.org/ns/shacl-test#"
SH = "http://www.w3.org/ns/shacl#"
FAILURE = "failure"


@dataclass(frozen=True)
class Case:
    id: str  # path of the test file inside the suite, then #name
    label: str
    data: Path
    shapes: Path
    expected: object  # FAILURE, or (conforms, frozenset of result keys)


def _graph(path: Path, as_written: bool = False):
    import rdflib
    import rdflib.term

    saved = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = not as_written
    try:
        return rdflib.Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
    finally:
        rdflib.NORMALIZE_LITERALS = saved


def _key(term, graph=None) -> str | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.BNode):
        inverse = graph.value(term, rdflib.URIRef(SH + "inversePath")) if graph is not None else None
        if isinstance(inverse, rdflib.URIRef):
            return f"^{inverse}"
        return "_:"
    return str(term)


def _report_keys(graph, report) -> tuple[bool, frozenset]:
    """(conforms, results) of a sh:ValidationReport node in ``graph``."""
    import rdflib

    sh = rdflib.Namespace(SH)
    conforms = graph.value(report, sh.conforms)
    results = set()
    for result in graph.objects(report, sh.result):
        results.add((_key(graph.value(result, sh.focusNode)), _key(graph.value(result, sh.resultPath), graph),
                     _key(graph.value(result, sh.value)), str(graph.value(result, sh.resultSeverity)).rsplit("#", 1)[-1]))
    return (conforms is not None and str(conforms) == "true"), frozenset(results)


def cases() -> list[Case]:
    """Every test of every manifest reachable from the suite's top manifest."""
    import rdflib

    found = []
    todo = [SUITE / "manifest.ttl"]
    seen = set()
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        graph = _graph(path, as_written=True)
        base = path.resolve().as_uri()
        for include in graph.objects(rdflib.URIRef(base), rdflib.URIRef(MF + "include")):
            todo.append(Path(rdflib.URIRef(include).replace("file://", "")))
        for manifest in graph.subjects(rdflib.RDF.type, rdflib.URIRef(MF + "Manifest")):
            for entries in graph.objects(manifest, rdflib.URIRef(MF + "entries")):
                for test in rdflib.collection.Collection(graph, entries):
                    found.append(_case(graph, path, test))
    return sorted(found, key=lambda c: c.id)


def _case(graph, path: Path, test) -> Case:
    import rdflib

    action = graph.value(test, rdflib.URIRef(MF + "action"))
    result = graph.value(test, rdflib.URIRef(MF + "result"))

    def file_of(pred):
        iri = str(graph.value(action, rdflib.URIRef(SHT + pred)))
        return Path(iri.replace("file://", "").split("#")[0])

    if result == rdflib.URIRef(SHT + "Failure"):
        expected = FAILURE
    else:
        expected = _report_keys(graph, result)
    name = str(test).rsplit("/", 1)[-1]
    return Case(id=f"{path.parent.relative_to(SUITE).as_posix()}/{name}",
                label=str(graph.value(test, rdflib.RDFS.label) or name),
                data=file_of("dataGraph"), shapes=file_of("shapesGraph"), expected=expected)


def run_pyshacl(case: Case):
    """pySHACL's outcome: FAILURE when it refuses, else (conforms, result keys)."""
    import pyshacl
    import rdflib

    try:
        conforms, results, _ = pyshacl.validate(_graph(case.data), shacl_graph=_graph(case.shapes),
                                                inference="none", advanced=True)
    except Exception:  # pySHACL signals unusable shapes with several exception types
        return FAILURE
    if not isinstance(results, rdflib.Graph):  # pySHACL's ValidationFailure
        return FAILURE
    report = next(results.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationReport")))
    return _report_keys(results, report)


def run_fast(case: Case):
    """The fast engine's outcome: FAILURE when it refuses (UnsupportedShape), else as above."""
    import pyoxigraph as ox

    from govkg import fastshacl

    store = ox.Store()
    store.load(path=str(case.data), format=ox.RdfFormat.TURTLE, base_iri=case.data.resolve().as_uri())
    try:
        report = fastshacl.validate_store(store, _graph(case.shapes))
    except fastshacl.UnsupportedShape:
        return FAILURE
    blanks = {q.subject.value for q in store if isinstance(q.subject, ox.BlankNode)} | {
        q.object.value for q in store if isinstance(q.object, ox.BlankNode)}

    def norm(text):
        return "_:" if text in blanks else text

    results = {(norm(f.focus), f.path if f.path is None or f.path.startswith(("^", "http", "urn:", "file:")) else "_:",
                norm(f.value), f.severity) for f in report.findings}
    return (not report.findings), frozenset(results)


def passes(case: Case, outcome) -> bool:
    return outcome == case.expected


def main() -> int:
    import logging

    logging.disable(logging.CRITICAL)  # rdflib logs every ill-formed literal the suite holds on purpose
    all_cases = cases()
    for name, runner in (("pyshacl", run_pyshacl), ("fast", run_fast)):
        failed = [c.id for c in all_cases if not passes(c, runner(c))]
        print(f"{name}: {len(all_cases) - len(failed)}/{len(all_cases)} pass", file=sys.stderr)
        for test in failed:
            print(f"  fails: {test}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
