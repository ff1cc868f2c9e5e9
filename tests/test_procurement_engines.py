"""``check-procurement``'s two engines: the fast one (rules compiled to SPARQL on pyoxigraph, the
default) and pySHACL (the reference) give the same findings, field for field and in the same order.

Judged on every record file shipped with the project, on every rule test case, and on ~2,000
records generated from the violations example. Timings are printed by ``-s``, never asserted.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from govkg.procurement.checker import check_records
from govkg.procurement.records import read_bytes, read_path
from tests.procurement_record import _summary, reference_report

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p for folder in (ROOT / "examples" / "procurement", ROOT / "tests" / "data" / "procurement")
    for p in folder.iterdir() if p.suffix.lower() in (".csv", ".json")
)


def readable(path: Path):
    from govkg.errors import InputError

    try:
        return read_path(path)
    except InputError:
        return None


def assert_same(records, label: str, live: bool = False):
    """The fast engine's report equals pySHACL's: recorded (tests/procurement_record.py) unless
    ``live``; returns the fast engine's report."""
    start = time.perf_counter()
    fast = check_records(records, engine="fast")
    took = time.perf_counter() - start
    reference = _summary(check_records(records, engine="pyshacl")) if live else reference_report(label, records)
    got = _summary(fast)
    ref, found = reference["report"]["violations"], got["report"]["violations"]
    only_ref = [f for f in ref if f not in found]
    only_fast = [f for f in found if f not in ref]
    assert found == ref, f"only pyshacl: {only_ref}; only fast: {only_fast}"
    assert got == reference
    print(f"\n{label}: {len(records)} records, {len(ref)} findings; fast {took:.2f} s"
          f"{' (pyshacl live)' if live else ''}")
    return fast


def generated(base, copies: int, shared_parties: bool = False):
    """``copies`` copies of the records, ids made unique; party names too unless ``shared_parties``
    (then a body is purchaser in one copy's record and provider in every other copy's: R03 across copies)."""
    out = []
    for k in range(copies):
        for rec in base:
            changes = {"id": f"{rec.id}-{k:04d}"}
            if not shared_parties:
                changes.update(purchaser=f"{rec.purchaser}（{k}）", providers=[f"{p}（{k}）" for p in rec.providers])
            out.append(dataclasses.replace(rec, **changes))
    return out


def test_every_record_file_is_found():
    names = {p.name for p in FILES}
    assert {"conforming.csv", "violations.csv", "violations.json", "violations_gbk.csv"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_engines_agree_on_record_files(path):
    records = readable(path)
    assert records is not None, f"{path.name} does not read as records"
    report = assert_same(records, f"{path.parent.name}/{path.name}")
    if path.name.startswith("violations"):
        assert report.findings and not report.conforms


def test_engines_agree_on_every_rule_test_case():
    """The breaking and passing records of tests/test_procurement_rules.py, all in one file
    (so R03 also meets parties named in other records)."""
    from tests.test_procurement_rules import BASE, CASES, csv_bytes

    rows = []
    for rule, breaking, passing, _severity in CASES:
        rows.append({**BASE, **breaking, "id": f"{rule}-{len(rows)}-break"})
        rows.append({**BASE, **passing, "id": f"{rule}-{len(rows)}-pass"})
    report = assert_same(read_bytes(csv_bytes(*rows), "cases.csv"), "rule cases")
    assert {f.rule for f in report.findings} >= {c[0] for c in CASES}


def test_missing_budget_flag_is_a_finding_on_both_engines():
    """sh:hasValue on a property shape: an absent value breaks it as much as a wrong one."""
    from tests.test_procurement_rules import BASE, csv_bytes

    rows = [{**BASE, "id": "no-flag", "budgeted": ""}, {**BASE, "id": "false", "budgeted": "否"},
            {**BASE, "id": "true", "budgeted": "是"}]
    report = assert_same(read_bytes(csv_bytes(*rows), "budget.csv"), "budget flag", live=True)
    assert [(f.record, f.rule) for f in report.findings if f.rule == "R05"] == [("no-flag", "R05"), ("false", "R05")]


def test_engines_agree_with_parties_shared_across_records():
    base = read_path(ROOT / "examples" / "procurement" / "violations.csv")
    records = generated(base, 4, shared_parties=True)
    report = assert_same(records, "4 copies, shared parties")
    r03 = [f for f in report.findings if f.rule == "R03"]
    assert len(r03) > len({f.record for f in r03})  # each record names several others


def test_engines_agree_on_a_hundred_generated_records():
    base = read_path(ROOT / "examples" / "procurement" / "violations.csv")
    records = generated(base, 6)
    assert len(records) >= 100 and len({r.id for r in records}) == len(records)
    report = assert_same(records, "generated")
    single = check_records(base, engine="fast")
    assert len(report.findings) == 6 * len(single.findings)


def test_fast_engine_scales_findings_linearly_on_two_thousand_records():
    """pySHACL needs minutes here (see docs/procurement.md), so only the fast engine runs;
    its agreement with pySHACL is shown on the smaller sets above."""
    base = read_path(ROOT / "examples" / "procurement" / "violations.csv")
    copies = -(-2000 // len(base))
    report = check_records(generated(base, copies), engine="fast")
    single = check_records(base, engine="fast")
    assert report.records == copies * len(base)
    assert len(report.findings) == copies * len(single.findings)


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine"):
        check_records([], engine="rdflib")


def test_cli_engine_option_gives_identical_json():
    """Also the live pySHACL cross-check: the example file judged by the reference engine now,
    whatever the record says."""
    import json

    from click.testing import CliRunner

    from govkg.cli import cli

    path = str(ROOT / "examples" / "procurement" / "violations.csv")
    outputs = []
    for engine in ("pyshacl", "fast"):
        result = CliRunner().invoke(cli, ["check-procurement", path, "--format", "json", "--engine", engine])
        assert result.exit_code == 1, result.output
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    default = CliRunner().invoke(cli, ["check-procurement", path, "--format", "json"])
    assert json.loads(default.stdout) == outputs[1]
