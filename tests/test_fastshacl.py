"""The fast engine (shapes compiled to SPARQL on pyoxigraph) against pySHACL, fixture by fixture.

Every ``tests/data/shapes/invalid_*.ttl`` is a small self-contained fragment that, on the
ontology (and equally on top of the bundled graph), must make exactly the shapes named in its
``# expect:`` lines fire (so a test cannot pass for the wrong reason); ``valid_*.ttl`` must add
nothing. The fast engine must report the findings pySHACL reports: pySHACL's are recorded once
(``tests/pyshacl_record.py``; re-run live for an entry whose inputs changed since), and pySHACL
also runs live once per shape family here.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tests import pyshacl_record
from tests.conftest import run

SHAPES_DIR = pyshacl_record.SHAPES_DIR
INVALID = sorted(SHAPES_DIR.glob("invalid_*.ttl"))
VALID = sorted(SHAPES_DIR.glob("valid_*.ttl"))


def expected(path: Path) -> set[tuple[str, str | None]]:
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect: http"):
            shape, shape_path = line[len("# expect: "):].split()
            found.add((shape, None if shape_path == "-" else shape_path))
    return found


@pytest.fixture(scope="module")
def shapes():
    from govkg.validation import shapes_graph

    return shapes_graph()


def reference(name: str):
    """pySHACL's findings for a record entry (live, with a warning, if the record is stale)."""
    found, live_because = pyshacl_record.reference_findings(name)
    if live_because:
        warnings.warn(f"{live_because}: pySHACL ran live; regenerate with `python -m tests.pyshacl_record`")
    return found


def fast_findings(shapes, name: str):
    from govkg import fastshacl

    return fastshacl.validate_sources(pyshacl_record.sources_of(name), shapes).findings


def test_fixtures_exist():
    assert len(INVALID) >= 20 and VALID
    for path in INVALID:
        assert expected(path), f"{path.name} has no '# expect:' line"
    assert [p.name for p in pyshacl_record.fixtures()] == [p.name for p in INVALID + VALID]


def test_engines_agree_on_bundled_graph(shapes):
    ref = {f.key() for f in reference(pyshacl_record.BUNDLED)}
    fast = {f.key() for f in fast_findings(shapes, pyshacl_record.BUNDLED)}
    assert fast == ref, f"only pyshacl: {ref - fast}; only fast: {fast - ref}"


@pytest.mark.parametrize("fixture", INVALID + VALID, ids=lambda p: p.stem)
def test_engines_agree_and_right_shape_fires(shapes, fixture):
    ref = reference(fixture.name)
    fast = fast_findings(shapes, fixture.name)
    ref_keys = {f.key() for f in ref}
    fast_keys = {f.key() for f in fast}
    assert fast_keys == ref_keys, f"only pyshacl: {ref_keys - fast_keys}; only fast: {fast_keys - ref_keys}"
    assert {(f.shape, f.path) for f in fast} == expected(fixture)
    if fixture.name.startswith("invalid_"):
        assert all(f.focus.startswith("https://w3id.org/govkg/id/") for f in fast)
        assert all(f.message and f.message_zh for f in fast), "messages in both languages"


def test_labels_and_messages_match_reference(shapes):
    name = "invalid_transfer_ends.ttl"
    ref = {f.key(): f for f in reference(name)}
    fast = fast_findings(shapes, name)
    assert fast
    for finding in fast:
        assert finding.focus_label == ref[finding.key()].focus_label
        assert "{?value}" not in finding.message and finding.value in finding.message  # template filled


def test_fixtures_fire_the_same_on_top_of_the_bundled_graph(shapes):
    """The fixtures are judged on the ontology alone; on the bundled graph they fire the same."""
    from govkg import fastshacl
    from govkg.store import bundled_sources, user_sources

    names = ["invalid_transfer_ends.ttl", "invalid_zh_label.ttl", "valid_edge_cases.ttl"]
    for name in names:
        alone = {f.key() for f in fast_findings(shapes, name)}
        on_bundled = fastshacl.validate_sources(bundled_sources() + user_sources([SHAPES_DIR / name]), shapes)
        assert {f.key() for f in on_bundled.findings} == alone, name


#: one small graph per shape family, validated by both engines live whatever the record says:
#: SHACL Core property constraints, qualified and logical shapes, and SHACL-SPARQL constraints
FAMILIES = {
    "core": ["invalid_assignment_datatype.ttl", "invalid_assignment_dates.ttl", "invalid_duty_text_count.ttl",
             "invalid_institution_managed_by.ttl", "invalid_one_label_per_language.ttl",
             "invalid_source_quote.ttl", "invalid_transfer_same_body.ttl", "invalid_duty_text_language.ttl"],
    "qualified and logical": ["invalid_zh_label.ttl", "invalid_assignment_holder.ttl",
                              "invalid_canonical_chinese_label.ttl", "valid_edge_cases.ttl"],
    "sparql": ["invalid_duty_unassigned.ttl", "invalid_transfer_ends.ttl", "invalid_transfer_starts.ttl",
               "invalid_transfer_date.ttl"],
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_live_pyshacl_cross_check(shapes, family):
    """Both engines live on the ontology plus a family's fixtures, each under its own name
    (so the record cannot drift from what pySHACL says without this failing)."""
    from govkg import fastshacl
    from govkg.store import Source
    from govkg.validation import rdflib_graph, validate_pyshacl

    sources = pyshacl_record.ontology_sources() + [
        Source(name, (SHAPES_DIR / name).read_bytes().replace(b"fixture-", f"fixture{i}-".encode()))
        for i, name in enumerate(FAMILIES[family])]
    ref = {f.key(): f for f in validate_pyshacl(rdflib_graph(sources), shapes).findings}
    fast = {f.key(): f for f in fastshacl.validate_sources(sources, shapes).findings}
    assert fast.keys() == ref.keys(), f"only pyshacl: {ref.keys() - fast.keys()}; only fast: {fast.keys() - ref.keys()}"
    assert all(fast[k].focus_label == ref[k].focus_label for k in ref)
    fired = {f.shape for f in ref.values()}
    want = {shape for name in FAMILIES[family] for shape, _ in expected(SHAPES_DIR / name)}
    assert fired == want


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_cli_exit_codes(runner, engine):
    """On the fixture alone (--no-bundled; pySHACL takes long on the bundled graph, and the fast
    engine's agreement there is checked above)."""
    bad = run(runner, "validate", "--no-bundled", "--engine", engine, "--data", SHAPES_DIR / "invalid_transfer_date.ttl")
    assert bad.exit_code == 1, bad.output
    assert "TransferDateShape" in bad.output
    good = run(runner, "validate", "--no-bundled", "--engine", engine, "--data", SHAPES_DIR / "valid_fixture.ttl")
    assert good.exit_code == 0, good.output


def test_cli_fixture_on_the_bundled_graph(runner):
    bad = run(runner, "validate", "--engine", "fast", "--data", SHAPES_DIR / "invalid_transfer_date.ttl")
    assert bad.exit_code == 1, bad.output
    assert "TransferDateShape" in bad.output


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_cli_malformed_turtle(runner, engine):
    path = SHAPES_DIR / "malformed.ttl"
    result = run(runner, "validate", "--engine", engine, "--data", path)
    assert result.exit_code == 2
    assert str(path) in result.output
    assert "Traceback" not in result.output
    assert "line 14" in result.output and "column" in result.output, result.output


def test_json_report(runner):
    import json

    result = run(runner, "validate", "--engine", "fast", "--format", "json",
                 "--data", SHAPES_DIR / "invalid_source_quote.ttl")
    payload = json.loads(result.output)
    assert payload["engine"] == "fast" and payload["conforms"] is False
    assert any(r["shape"].endswith("SourcePassageShape/https://w3id.org/govkg/def#quote") for r in payload["results"])


def test_unsupported_shape_is_refused():
    import pyoxigraph as ox

    from govkg import fastshacl

    shapes = ox.Store()
    shapes.load(b"""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:property [ sh:path <urn:q> ] ] .""",
        format=ox.RdfFormat.TURTLE)
    with pytest.raises(fastshacl.UnsupportedShape):
        fastshacl.compile_shapes(shapes)
