"""pySHACL's findings on every shape fixture, recorded once so the tests need not re-run it.

pySHACL takes tens of seconds on the bundled graph (re-run per fixture it was three quarters
of the suite's time); the fast engine takes about a second. The record keeps pySHACL's findings
on the bundled graph, and on each fixture (self-contained: judged on the ontology plus that
file), with a digest of everything they depend on (pySHACL's version, the shapes, the
ontology, the data or the fixture). An entry whose digest no longer matches is stale: the test
then runs pySHACL live for it (slow, never wrong) and warns to regenerate the record with

    python -m tests.pyshacl_record          # rewrites tests/data/shapes/pyshacl-findings.json

Live pySHACL also runs in the suite once per shape family, whatever the record says
(tests/test_fastshacl.py::test_live_pyshacl_cross_check).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

SHAPES_DIR = Path(__file__).parent / "data" / "shapes"
RECORD = SHAPES_DIR / "pyshacl-findings.json"
BUNDLED = "(bundled graph)"


def fixtures() -> list[Path]:
    """The fixtures judged against the record: every invalid_*.ttl and valid_*.ttl."""
    return sorted(SHAPES_DIR.glob("invalid_*.ttl")) + sorted(SHAPES_DIR.glob("valid_*.ttl"))


def ontology_sources():
    from govkg.store import Source
    from govkg import resources

    return [Source(f"govkg:{item.name}", item.read_bytes()) for item in resources.ontology_files()]


def sources_of(name: str):
    """The graph an entry is judged on: the bundled graph, or the ontology plus one fixture."""
    from govkg.store import bundled_sources, user_sources

    if name == BUNDLED:
        return bundled_sources()
    return ontology_sources() + user_sources([SHAPES_DIR / name])


def digest_of(name: str) -> str:
    import pyshacl

    from govkg import resources

    digest = hashlib.sha256(f"pyshacl {pyshacl.__version__}\n".encode())
    for item in resources.shape_files("integrity"):
        digest.update(item.name.encode() + b"\0" + item.read_bytes())
    for source in sources_of(name):  # the file's name, not its path: a fresh clone elsewhere matches
        digest.update(Path(source.name).name.encode() + b"\0" + source.data + b"\0")
    return digest.hexdigest()


def findings_now(name: str):
    """pySHACL's findings (live) on an entry's graph."""
    from govkg.validation import rdflib_graph, shapes_graph, validate_pyshacl

    return validate_pyshacl(rdflib_graph(sources_of(name)), shapes_graph()).findings


def load() -> dict:
    """name -> {"digest", "findings": [Finding fields]}; {} when the record is missing."""
    if not RECORD.exists():
        return {}
    return json.loads(RECORD.read_text(encoding="utf-8"))["entries"]


def reference_findings(name: str):
    """(pySHACL's findings for an entry, why they were computed live or None): the record when
    it is fresh, else a live run."""
    from govkg.findings import Finding

    entry = load().get(name)
    if entry is None:
        return findings_now(name), f"no pySHACL record for {name}"
    if entry["digest"] != digest_of(name):
        return findings_now(name), f"the pySHACL record for {name} is stale"
    return [Finding(**f) for f in entry["findings"]], None


def main() -> int:
    """Re-run pySHACL on every fixture and write the record (temp file + rename)."""
    import time

    from govkg.findings import Finding

    entries = {}
    for name in [BUNDLED] + [p.name for p in fixtures()]:
        start = time.perf_counter()
        found = findings_now(name)
        entries[name] = {"digest": digest_of(name), "findings": [f.to_json() for f in found]}
        print(f"{name}: {len(found)} finding(s), {time.perf_counter() - start:.1f} s", file=sys.stderr)
        assert all(Finding(**f.to_json()) == f for f in found)
    tmp = RECORD.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"about": "pySHACL findings per fixture; regenerate: python -m tests.pyshacl_record",
                               "entries": entries}, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                   encoding="utf-8")
    tmp.replace(RECORD)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
