"""The fast engine (shapes compiled to SPARQL on pyoxigraph) against pySHACL, fixture by fixture.

Every ``tests/data/shapes/invalid_*.ttl`` is a small fragment that, added to the bundled graph,
must make exactly the shapes named in its ``# expect:`` lines fire (so a test cannot pass for the
wrong reason); ``valid_*.ttl`` must add nothing. Both engines must report the same findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run

SHAPES_DIR = Path(__file__).parent / "data" / "shapes"
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


@pytest.fixture(scope="module")
def baseline(shapes):
    """Findings on the bundled graph alone (reference engine); fixtures are judged on top of it."""
    from govkg.store import bundled_sources
    from govkg.validation import rdflib_graph, validate_pyshacl

    return {f.key() for f in validate_pyshacl(rdflib_graph(bundled_sources()), shapes).findings}


def both_engines(shapes, fixture: Path | None):
    from govkg import fastshacl
    from govkg.store import bundled_sources, user_sources
    from govkg.validation import rdflib_graph, validate_pyshacl

    sources = bundled_sources() + (user_sources([fixture]) if fixture else [])
    return validate_pyshacl(rdflib_graph(sources), shapes), fastshacl.validate_sources(sources, shapes)


def test_fixtures_exist():
    assert len(INVALID) >= 20 and VALID
    for path in INVALID:
        assert expected(path), f"{path.name} has no '# expect:' line"


def test_engines_agree_on_bundled_graph(shapes, baseline):
    reference, fast = both_engines(shapes, None)
    assert {f.key() for f in fast.findings} == {f.key() for f in reference.findings} == baseline
    assert fast.conforms == reference.conforms


@pytest.mark.parametrize("fixture", INVALID + VALID, ids=lambda p: p.stem)
def test_engines_agree_and_right_shape_fires(shapes, baseline, fixture):
    reference, fast = both_engines(shapes, fixture)
    ref_keys = {f.key() for f in reference.findings}
    fast_keys = {f.key() for f in fast.findings}
    assert fast_keys == ref_keys, f"only pyshacl: {ref_keys - fast_keys}; only fast: {fast_keys - ref_keys}"
    new = [f for f in fast.findings if f.key() not in baseline]
    assert {(f.shape, f.path) for f in new} == expected(fixture)
    if fixture.name.startswith("invalid_"):
        assert not fast.conforms and not reference.conforms
        assert all(f.focus.startswith("https://w3id.org/govkg/id/") for f in new)
        assert all(f.message and f.message_zh for f in new), "messages in both languages"


def test_labels_and_messages_match_reference(shapes):
    reference, fast = both_engines(shapes, SHAPES_DIR / "invalid_transfer_ends.ttl")
    ref = {f.key(): f for f in reference.findings}
    for finding in fast.findings:
        assert finding.focus_label == ref[finding.key()].focus_label
        assert "{?value}" not in finding.message and finding.value in finding.message  # template filled


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_cli_exit_codes(runner, engine):
    bad = run(runner, "validate", "--engine", engine, "--data", SHAPES_DIR / "invalid_transfer_date.ttl")
    assert bad.exit_code == 1, bad.output
    assert "TransferDateShape" in bad.output
    good = run(runner, "validate", "--engine", engine, "--data", SHAPES_DIR / "valid_fixture.ttl")
    assert good.exit_code == 0, good.output


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
        <urn:s> sh:targetClass <urn:C> ; sh:closed true .""", format=ox.RdfFormat.TURTLE)
    with pytest.raises(fastshacl.UnsupportedShape):
        fastshacl.compile_shapes(shapes)
