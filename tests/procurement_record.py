"""pySHACL's procurement reports, recorded once so the tests need not re-run the reference engine.

pySHACL, the reference engine, is the slow side of every comparison (test_procurement_engines
took about 2 minutes of CPU re-running it on the same record sets); the fast engine takes a
fraction of a second. Each entry keeps pySHACL's report for one record set with a digest of
everything it depends on: pySHACL's version, the procurement shapes, ontology and code (src/govkg/procurement/), and the
records themselves. An entry whose digest no longer matches is stale: the test then runs pySHACL
live (slow, never wrong) and warns. Regenerate the record with

    GOVKG_RECORD_PYSHACL=1 python -m pytest -q -n 0 tests/test_procurement_engines.py

Live pySHACL still runs in the suite on one example file, whatever the record says
(tests/test_procurement_engines.py::test_cli_engine_option_gives_identical_json, and the
small budget-flag case).
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = Path(__file__).parent / "data" / "procurement-pyshacl-reports.json"
REFRESH = "GOVKG_RECORD_PYSHACL"


def digest_of(records) -> str:
    import pyshacl

    digest = hashlib.sha256(f"pyshacl {pyshacl.__version__}\n".encode())
    inputs = [ROOT / "shapes" / "procurement.ttl", ROOT / "ontology" / "govkg-procurement.ttl",
              *sorted((ROOT / "src" / "govkg" / "procurement").glob("*.py"))]
    for path in inputs:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for record in records:
        digest.update(repr(record).encode() + b"\0")
    return digest.hexdigest()


def _load() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}


def _summary(report) -> dict:
    """What the engines are compared on: the report as printed (findings in order), the ids."""
    return {"report": report.to_dict(), "record_ids": list(report.record_ids)}


def reference_report(name: str, records) -> dict:
    """pySHACL's summary for ``records`` (entry ``name``): the record when fresh, else live."""
    from govkg.procurement.checker import check_records

    entries = _load()
    digest = digest_of(records)
    entry = entries.get(name)
    if entry is not None and entry["digest"] == digest and not os.environ.get(REFRESH):
        return entry["summary"]
    summary = _summary(check_records(records, engine="pyshacl"))
    if os.environ.get(REFRESH):
        entries[name] = {"digest": digest, "summary": summary}
        tmp = RECORD.with_suffix(".tmp")
        tmp.write_text(json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(RECORD)
    else:
        warnings.warn(f"the pySHACL record for {name!r} is {'stale' if entry else 'missing'}: pySHACL ran live; "
                      f"regenerate with `{REFRESH}=1 python -m pytest -q -n 0 tests/test_procurement_engines.py`")
    return summary
