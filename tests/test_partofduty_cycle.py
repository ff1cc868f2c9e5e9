"""The gk:partOfDuty cycle shape: a duty may not be (transitively) part of itself.

Both engines must flag exactly the duties on the cycle — not a duty that merely points into it —
and the bundled graph, whose 2-cycle was removed, must not fire the shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHAPE = "https://w3id.org/govkg/shapes/integrity#PartOfDutyAcyclicShape"
CYCLE = """@prefix gk: <https://w3id.org/govkg/def#> .
@prefix duty: <https://w3id.org/govkg/id/duty/> .
duty:a gk:partOfDuty duty:b .
duty:b gk:partOfDuty duty:a .
duty:c gk:partOfDuty duty:a .
duty:d gk:partOfDuty duty:e .
"""


def _validate(*args: str) -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, "-m", "govkg", "validate", "--format", "json", *args],
                          capture_output=True, text=True, timeout=600)
    return proc.returncode, json.loads(proc.stdout)


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_cycle_is_flagged_on_exactly_its_duties(tmp_path, engine):
    data = tmp_path / "cycle.ttl"
    data.write_text(CYCLE, encoding="utf-8")
    code, report = _validate("--no-bundled", "--data", str(data),
                             "--shapes", str(ROOT / "shapes" / "integrity.ttl"), "--engine", engine)
    flagged = sorted(r["focus"].rsplit("/", 1)[-1] for r in report["results"] if r["shape"] == SHAPE)
    assert code == 1
    assert flagged == ["a", "b"]


def test_bundled_graph_has_no_cycle():
    code, report = _validate("--engine", "fast")
    assert not [r for r in report["results"] if r["shape"] == SHAPE]
