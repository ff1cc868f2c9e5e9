"""``govkg validate --report FILE``: the standard sh:ValidationReport graph, from either engine,
agrees with the report pySHACL itself writes, and is written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pyshacl
import pytest
import rdflib

from govkg.findings import _path_text
from tests.conftest import run

HERE = Path(__file__).parent / "data" / "validate"
DATA, SHAPES = HERE / "report-data.ttl", HERE / "report-shapes.ttl"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def result_keys(graph: rdflib.Graph) -> set:
    """(focus, path, component, severity) of every sh:ValidationResult; a path that is not an
    IRI is compared by its SPARQL text, so blank-node paths of two graphs can be compared."""
    keys = set()
    for result in graph.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = graph.value(result, SH.resultPath)
        keys.add((graph.value(result, SH.focusNode), None if path is None else _path_text(graph, path),
                  graph.value(result, SH.sourceConstraintComponent), graph.value(result, SH.resultSeverity)))
    return keys


@pytest.fixture(scope="module")
def pyshacl_report() -> rdflib.Graph:
    """pySHACL's own results graph on the fixture (the reference)."""
    data, shapes = rdflib.Graph().parse(DATA), rdflib.Graph().parse(SHAPES)
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    return results


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_report_agrees_with_pyshacls_own(runner, tmp_path, engine, pyshacl_report):
    target = tmp_path / "report.ttl"
    result = run(runner, "validate", "--no-bundled", "--data", DATA, "--shapes", SHAPES, "--engine", engine,
                 "--format", "json", "--report", target)
    assert result.exit_code == 1, result.output
    ours = rdflib.Graph().parse(target, format="turtle")
    expected = result_keys(pyshacl_report)
    assert len(expected) > 20  # the fixture breaks many kinds of constraint
    assert result_keys(ours) == expected
    report = ours.value(None, rdflib.RDF.type, SH.ValidationReport, any=False)
    assert ours.value(report, SH.conforms) == rdflib.Literal(False)
    assert len(set(ours.objects(report, SH.result))) == len(json.loads(result.stdout)["results"])
    for node in ours.objects(report, SH.result):  # what SHACL requires of every result
        for required in (SH.focusNode, SH.resultSeverity, SH.sourceShape, SH.sourceConstraintComponent):
            assert ours.value(node, required) is not None, (node, required)
    # values keep their RDF term: a typed literal stays typed, an IRI stays an IRI
    values = set(ours.objects(None, SH.value))
    assert rdflib.Literal("2005-01-01", datatype=rdflib.XSD.date) in values
    assert rdflib.URIRef("https://example.org/notALiteral") in values


def test_both_engines_write_the_same_report_but_messages(runner, tmp_path):
    files = {}
    for engine in ("fast", "pyshacl"):
        files[engine] = tmp_path / f"{engine}.ttl"
        run(runner, "validate", "--no-bundled", "--data", DATA, "--shapes", SHAPES, "--engine", engine,
            "--report", files[engine])

    def without_messages(path):
        return [line for line in path.read_text(encoding="utf-8").splitlines() if "sh:resultMessage" not in line]

    assert without_messages(files["fast"]) == without_messages(files["pyshacl"])


def test_conforming_report_and_other_formats(runner, tmp_path):
    target, clean = tmp_path / "report.nt", tmp_path / "clean.ttl"
    clean.write_text('<https://example.org/p> a <https://example.org/Person> ; <https://example.org/name> "P" .\n',
                     encoding="utf-8")
    result = run(runner, "validate", "--no-bundled", "--data", clean, "--shapes", SHAPES,
                 "--engine", "fast", "--report", target)
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(target, format="nt")
    assert set(graph.objects(None, SH.conforms)) == {rdflib.Literal(True)}
    assert not set(graph.subjects(rdflib.RDF.type, SH.ValidationResult))


def test_bad_report_target_is_refused_before_validating(runner, tmp_path):
    for target, words in ((tmp_path / "missing" / "r.ttl", "does not exist"), (tmp_path / "r.yaml", "extension"),
                          (tmp_path, "directory")):
        result = run(runner, "validate", "--no-bundled", "--data", DATA, "--shapes", SHAPES, "--report", target)
        assert result.exit_code == 2 and "--report" in result.output and words in result.output, result.output
        assert "Traceback" not in result.output


def test_failed_validation_leaves_an_existing_report(runner, tmp_path):
    """A refusal (exit 2) after the target was checked writes nothing: the old report stays."""
    target = tmp_path / "report.ttl"
    target.write_text("old\n", encoding="utf-8")
    refused = tmp_path / "refused-shapes.ttl"
    refused.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                       "<urn:S> sh:targetNode <urn:x> ; sh:sparql [ sh:select \"SELECT $this WHERE "
                       "{ SERVICE <http://127.0.0.1:9/> { $this ?p ?o } }\" ] .\n", encoding="utf-8")
    result = run(runner, "validate", "--no-bundled", "--data", DATA, "--shapes", refused, "--engine", "fast",
                 "--report", target)
    assert result.exit_code == 2, result.output
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(tmp_path.iterdir()) == sorted([target, refused])  # no temporary file left
