"""``govkg validate`` on the user's own data and shapes: --shapes, --no-bundled, --focus,
--allow-warnings, and sh:conforms as SHACL defines it (false as soon as there is any result)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run

HERE = Path(__file__).parent / "data" / "validate"
SHAPES = HERE / "people-shapes.ttl"


def report(runner, *args):
    result = run(runner, "validate", "--no-bundled", "--shapes", SHAPES, "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_own_shapes_on_own_data(runner, engine):
    code, payload = report(runner, "--engine", engine, "--data", HERE / "people.ttl")
    assert code == 1 and payload["conforms"] is False and payload["engine"] == engine
    found = {(r["focus"].rsplit("/", 1)[-1], r["path"].rsplit("/", 1)[-1], r["severity"]) for r in payload["results"]}
    assert found == {("ann", "email", "Warning"), ("bob", "email", "Warning"), ("bob", "name", "Violation")}


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_warnings_alone_do_not_conform_unless_allowed(runner, engine):
    code, payload = report(runner, "--engine", engine, "--data", HERE / "people-ann.ttl")
    assert code == 1 and payload["conforms"] is False and payload["violations"] == 0
    code, payload = report(runner, "--engine", engine, "--data", HERE / "people-ann.ttl", "--allow-warnings")
    assert code == 0 and payload["conforms"] is True and len(payload["results"]) == 1


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_focus_limits_to_one_node(runner, engine):
    code, payload = report(runner, "--engine", engine, "--data", HERE / "people.ttl", "--focus", "https://example.org/ann")
    assert {r["focus"] for r in payload["results"]} == {"https://example.org/ann"}
    code, payload = report(runner, "--engine", engine, "--data", HERE / "people.ttl", "--focus", "https://example.org/bob",
                           "--allow-warnings")
    assert code == 1 and {r["focus"] for r in payload["results"]} == {"https://example.org/bob"}


def test_own_shapes_replace_the_bundled_ones(runner):
    """With --shapes the bundled integrity shapes are not applied (unless --bundled-shapes)."""
    only_mine = run(runner, "validate", "--engine", "fast", "--shapes", SHAPES, "--format", "json",
                    "--data", Path(__file__).parent / "data" / "shapes" / "invalid_zh_label.ttl")
    assert only_mine.exit_code == 0, only_mine.output
    both = run(runner, "validate", "--engine", "fast", "--shapes", SHAPES, "--bundled-shapes", "integrity",
               "--format", "json", "--data", Path(__file__).parent / "data" / "shapes" / "invalid_zh_label.ttl")
    assert both.exit_code == 1
    assert any(r["shape"].endswith("#ZhLabelShape") for r in json.loads(both.stdout)["results"])


def test_no_bundled_without_data_is_an_error(runner):
    result = run(runner, "validate", "--no-bundled")
    assert result.exit_code == 2 and "--data" in result.output and "Traceback" not in result.output


def test_unreadable_shapes_file_is_an_error(runner, tmp_path):
    bad = tmp_path / "bad-shapes.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> sh:targetClass .\n", encoding="utf-8")
    result = run(runner, "validate", "--no-bundled", "--data", HERE / "people.ttl", "--shapes", bad)
    assert result.exit_code == 2 and str(bad) in result.output and "line 2" in result.output
