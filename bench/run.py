"""Benchmark govkg end to end, whole processes, beside the oxigraph CLI and plain pySHACL.

For the bundled graph and each synthetic size (bench/generate.py), with a fresh cache:
  build   first `govkg stats` (parse + cache build)       stats   warm `govkg stats`
  who     warm `govkg who 价格监督检查`                     query   warm named query
  who-first  the first `govkg who` after the cache was built (its search index is built with it)
  validate  `govkg validate --engine fast` (warm cache)   export  `govkg export --format json-ld`
  ox-load `oxigraph load`   ox-query `oxigraph query` (the same keyword SELECT as who)
  pyshacl plain pySHACL (parse + validate) on the same files and shapes
  export-ttl / export-nt  `govkg export --format turtle / nt`
  ox-dump `oxigraph dump` of the same data, py-dump pyoxigraph's Store.dump of it (answers
          checked: triple counts of every export, and the N-Triples export is the dump's graph)
and, for --serve-size, the same graph served by `oxigraph serve-read-only` and by Virtuoso
(if installed; loaded into a named graph with its bulk loader): load time, then `govkg who`,
the named query and `govkg stats` with `--endpoint` (`--graph` for Virtuoso), answers
checked against the embedded store's.
Times are medians of --repeat runs (heavy rows run once), memory is peak RSS (/usr/bin/time).

    python bench/run.py --sizes 100k,1m,5m [--repeat 3] [--pyshacl-max 1m] [--markdown out.md]
    python bench/run.py --who-only --sizes 1m [--repeat 7]   # just the `who` figures (bench_who)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
GOVKG = str(BIN / "govkg")
OXIGRAPH = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph") or "oxigraph"
SIZES = {"100k": 100_000, "1m": 1_000_000, "5m": 5_000_000}
KEYWORD = "价格监督检查"
#: the keyword SELECT run through the oxigraph CLI (what `govkg who` asks the store first)
OX_QUERY = """PREFIX gk: <https://w3id.org/govkg/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?duty ?label ?holder WHERE { ?duty a gk:Duty ; skos:prefLabel ?label .
  FILTER(CONTAINS(STR(?label), "%s"))
  OPTIONAL { ?a gk:duty ?duty ; gk:holder ?holder } }""" % KEYWORD
NAMED = ["query", "duties_of_body_on_date", "-p", "body=inst:ndrc", "-p", "date=2010-01-01", "--format", "json"]
PYSHACL = """import sys, pyshacl, rdflib
g = rdflib.Graph()
for f in sys.argv[2:]:
    g.parse(f, format="turtle")
ok, _, _ = pyshacl.validate(g, shacl_graph=rdflib.Graph().parse(sys.argv[1], format="turtle"),
                            inference="none", advanced=True, allow_warnings=True)
print("conforms" if ok else "violations")
"""


def timed(cmd, env=None, ok=(0, 1), timeout=None, stdout: Path | None = None) -> tuple[float, float]:
    """(seconds, peak MB) of one whole process; (timeout, -1) if it had to be stopped.
    ``stdout``: a file that keeps what the process printed (to check its answer)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf, \
            (open(stdout, "wb") if stdout else open(os.devnull, "wb")) as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", tf.name, *cmd], env=env,
                                stdout=sink, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # our own process group: time and what it runs
            proc.wait()
            return float(timeout), -1.0
        proc.stderr_text = err
        elapsed = time.perf_counter() - start
        if proc.returncode not in ok:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr_text.decode()[-500:]}")
        peak_kb = int((tf.read().strip().splitlines() or ["0"])[-1])
    return elapsed, peak_kb / 1024


def median(cmd, env, repeat, ok=(0, 1), stdout: Path | None = None) -> tuple[float, float]:
    runs = [timed(cmd, env, ok, stdout=stdout) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def available(command: str) -> bool:
    return subprocess.run([GOVKG, command, "--help"], capture_output=True).returncode == 0


def bundled_files() -> list[str]:
    return sorted(str(p) for d in ("ontology", "data") for p in (ROOT / d).glob("*.ttl"))


def bench_dataset(name: str, data: Path | None, args, rows: list) -> None:
    extra = ["--data", str(data)] if data else []
    EXTRA_DATA[:] = extra
    files = bundled_files() + ([str(data)] if data else [])
    cache = Path(tempfile.mkdtemp(prefix="govkg-bench-cache-"))
    env = {**os.environ, "GOVKG_CACHE_DIR": str(cache)}
    heavy = data is not None and data.stat().st_size > 50_000_000
    repeat = 1 if heavy else args.repeat
    row = {"dataset": name}

    def record(key, value):
        row[key] = value
        print(f"  {name:8} {key:10} {value[0]:8.2f} s {value[1]:8.0f} MB", file=sys.stderr, flush=True)

    def want(group: str) -> bool:
        return not args.only or group in args.only.split(",")

    try:
        record("build", timed([GOVKG, "stats", "--format", "json", *extra], env))
        if want("core") and available("who"):  # the first who after the data changed (the cache was just built)
            record("who-first", timed([GOVKG, "who", KEYWORD, "--format", "json", *extra], env))
        if want("core"):
            record("stats", median([GOVKG, "stats", "--format", "json", *extra], env, repeat))
        if want("core") and available("who"):
            record("who", median([GOVKG, "who", KEYWORD, "--format", "json", *extra], env, max(repeat, 3)))
        if want("core") and available("query"):
            record("query", median([GOVKG, *NAMED, *extra], env, max(repeat, 3)))
        if want("validate"):
            bench_validate(data, cache, extra, env, repeat, record)
        if want("validate") and data is None:
            record("validate-pyshacl", median([GOVKG, "validate", "--engine", "pyshacl", "--format", "json"], env, repeat))
        db = cache / "oxigraph-db"
        serve = name == args.serve_size and want("servers")
        if want("core") or want("export") or serve:
            record("ox-load", timed([OXIGRAPH, "load", "--location", str(db), *sum((["--file", f] for f in files), [])]))
        if want("export") and available("export"):
            bench_export(db, cache, extra, env, repeat, record)
        if want("core"):
            record("ox-query", median([OXIGRAPH, "query", "--location", str(db), "--query", OX_QUERY,
                                       "--results-format", "json"], None, max(repeat, 3)))
        if want("pyshacl") and (data is None or SIZES[name] <= SIZES[args.pyshacl_max]) and not args.no_pyshacl:
            shapes = str(ROOT / "shapes" / "integrity.ttl")
            record("pyshacl", timed([sys.executable, "-c", PYSHACL, shapes, *files], timeout=args.pyshacl_timeout))
        if serve:
            bench_server(db, env, row, record)
            if not args.no_virtuoso:
                bench_virtuoso(files, cache, env, row, record)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    rows.append(row)


def bench_validate(data: Path | None, cache: Path, extra: list, env, repeat: int, record) -> None:
    """`govkg validate --engine fast`, its answer checked: on the bundled graph no result at
    all; on a synthetic graph exactly the violations bench/generate.py seeded (one result per
    seeded shape, each a sh:Violation, nothing else) — a fast wrong answer fails the run."""
    answer = cache / "validate.json"
    record("validate", median([GOVKG, "validate", "--engine", "fast", "--format", "json", *extra], env, repeat,
                              stdout=answer))
    report = json.loads(answer.read_text(encoding="utf-8"))
    expected = []
    if data is not None:
        expected = [s["shape"] for s in json.loads(Path(str(data) + ".expected.json").read_text())["seeded"]]
    found = [r["shape"] for r in report["results"]]
    if sorted(found) != sorted(expected) or any(r["severity"] != "Violation" for r in report["results"]) \
            or report["conforms"] != (not expected):
        raise RuntimeError(f"validate found {found}, expected exactly {expected}")
    print(f"  validate answer checked: {len(found)} result(s), the seeded ones", file=sys.stderr)


#: (row, govkg export format, file suffix, pyoxigraph format that reads it back)
EXPORTS = [("export", "json-ld", ".jsonld", "JSON_LD"), ("export-ttl", "turtle", ".ttl", "TURTLE"),
           ("export-nt", "nt", ".nt", "N_TRIPLES")]
#: pyoxigraph's own dump of the store (what a Python user of the store would call)
PY_DUMP = """import sys, pyoxigraph as ox
ox.Store.read_only(sys.argv[1]).dump(output=sys.argv[2], format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
"""


def bench_export(db: Path, cache: Path, extra: list, env, repeat: int, record) -> None:
    """`govkg export` in three formats beside `oxigraph dump` (CLI) and pyoxigraph's
    Store.dump of a store loaded from the same files; answers checked: every export reads back
    to as many triples as the dump holds, and the N-Triples export is the dump's graph."""
    dump = cache / "ox-dump.nt"
    record("ox-dump", median([OXIGRAPH, "dump", "--location", str(db), "--file", str(dump), "--graph", "default"],
                             None, repeat))
    py_dump = cache / "py-dump.nt"
    record("py-dump", median([sys.executable, "-c", PY_DUMP, str(db), str(py_dump)], None, repeat))
    expected = count_lines(dump)
    if count_lines(py_dump) != expected:
        raise RuntimeError(f"pyoxigraph dump has {count_lines(py_dump)} triples, oxigraph dump {expected}")
    py_dump.unlink()
    for row, fmt, suffix, ox_format in EXPORTS:
        target = cache / f"export{suffix}"
        record(row, median([GOVKG, "export", "--format", fmt, "-o", str(target), *extra], env, repeat))
        read_back = count_triples(target, ox_format)
        if read_back != expected:
            raise RuntimeError(f"{row}: the export reads back to {read_back} triples, the dump has {expected}")
        if fmt == "nt":
            check_same_graph(target, dump, cache)
        target.unlink()
    dump.unlink()


def count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 24), b""))


def count_triples(path: Path, ox_format: str) -> int:
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(path=str(path), format=getattr(ox.RdfFormat, ox_format)))


def check_same_graph(export_nt: Path, dump_nt: Path, cache: Path) -> None:
    """The export holds the graph the store dumps: the two files, sorted, are walked side by
    side; the lines that differ must be the same triples once literals are in the store's
    canonical form (the export keeps "150.0"^^xsd:decimal as written, the store says "150")
    and blank nodes are canonicalised (RDFC-1.0, on the differing lines only)."""
    import pyoxigraph as ox

    ordered = cache / "dump.sorted.nt"
    subprocess.run(["sort", "-o", str(ordered), str(dump_nt)], check=True, env={**os.environ, "LC_ALL": "C"})
    ours, theirs = [], []
    with open(export_nt, "rb") as a, open(ordered, "rb") as b:
        x, y = a.readline(), b.readline()
        while x or y:
            if x == y:
                x, y = a.readline(), b.readline()
            elif y == b"" or (x and x < y):
                ours.append(x)
                x = a.readline()
            else:
                theirs.append(y)
                y = b.readline()
            if len(ours) + len(theirs) > 200_000:
                raise RuntimeError("export and dump differ in more than 200,000 lines")
    ordered.unlink()

    def canonical(lines: list) -> set:
        store = ox.Store()
        store.bulk_load(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)
        dataset = ox.Dataset(store)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        return set(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).splitlines())

    if canonical(ours) != canonical(theirs):
        raise RuntimeError(f"export and oxigraph dump hold different triples ({len(ours)} / {len(theirs)} lines differ)")
    print(f"  export = dump: {len(ours)} lines differ in form only (literals as written, blank-node labels)",
          file=sys.stderr)


def _answers(cmd, env, extra=()) -> str:
    out = subprocess.run([*cmd, *extra], env=env, capture_output=True, timeout=3600)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {out.returncode}: {out.stderr.decode()[-300:]}")
    return out.stdout.decode()


def bench_endpoint(prefix: str, url_args: list, env, record) -> None:
    """who, the named query and stats on a server, answers checked against the embedded store."""
    for key, cmd in (("who", [GOVKG, "who", KEYWORD, "--format", "json"]), ("query", [GOVKG, *NAMED]),
                     ("stats", [GOVKG, "stats", "--format", "json"])):
        served = [*url_args, "--timeout", "3600"]  # a 1M `who` scans every label on a server
        if _answers(cmd, env, served) != _answers(cmd, env, EXTRA_DATA):
            raise RuntimeError(f"{prefix} {key}: the server's answer differs from the embedded store's")
        record(f"{prefix}-{key}", median([*cmd, *served], env, SERVER_REPEAT[0]))


#: the --data arguments of the dataset being benchmarked (set by bench_dataset)
EXTRA_DATA: list = []
#: runs per server row (--repeat; set by main)
SERVER_REPEAT: list = [3]


def bench_server(db: Path, env, row, record) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from oxigraph_server import free_port

    port = free_port()
    server = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(db), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/query"
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        bench_endpoint("oxigraph", ["--endpoint", url], env, record)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(10)


def bench_virtuoso(files: list, cache: Path, env, row, record) -> None:
    """A throw-away Virtuoso (tests/virtuoso_server.py): bulk-load time, then the queries."""
    sys.path.insert(0, str(ROOT / "tests"))
    import virtuoso_server as vs

    if not vs.available():
        print("  virtuoso not installed: skipped (apt-get install virtuoso-opensource)", file=sys.stderr)
        return
    data = cache / "virtuoso-data"
    data.mkdir()
    for f in files:
        shutil.copy(f, data / Path(f).name)
    server = vs.start_virtuoso(cache / "virtuoso-db", data, memory_mb=2000)
    try:
        start = time.perf_counter()
        server.isql(f"ld_dir('{data}', '*.ttl', '{vs.GRAPH}'); rdf_loader_run(); checkpoint;", timeout=7200)
        record("virtuoso-load", (time.perf_counter() - start, 0.0))  # memory: the server's, not measured
        bench_endpoint("virtuoso", ["--endpoint", server.url, "--graph", vs.GRAPH], env, record)
    finally:
        vs.stop(server)


# ------------------------------------------------------------------ who beside the oxigraph CLI


def _ox_duty_holders(stdout: str) -> dict[str, set]:
    rows = json.loads(stdout)["results"]["bindings"]
    found: dict[str, set] = {}
    for r in rows:
        found.setdefault(r["duty"]["value"], set()).update([r["holder"]["value"]] if "holder" in r else [])
    return found


def bench_who(name: str, data: Path | None, args) -> dict:
    """`govkg who KEYWORD` whole process beside `oxigraph query` of the same keyword, same run.

    Fresh cache: `govkg stats` builds it (and the search index with it), then the first `who`
    after that data change, then warm `who` (median and best of --repeat); the same files loaded
    by `oxigraph load`, then `oxigraph query` (median and best). Answers checked: the duty `who`
    ranks first is one the oxigraph query finds, and the body `who` names for it is one of the
    holders oxigraph lists for that duty. `python -c pass` (this interpreter) is printed as the
    floor any Python tool pays before its first line runs.
    """
    extra = ["--data", str(data)] if data else []
    files = bundled_files() + ([str(data)] if data else [])
    cache = Path(tempfile.mkdtemp(prefix="govkg-bench-who-"))
    env = {**os.environ, "GOVKG_CACHE_DIR": str(cache)}
    who_cmd = [GOVKG, "who", KEYWORD, "--format", "json", *extra]
    n = max(args.repeat, 5)

    def runs(cmd, env_=None):
        times = sorted(timed(cmd, env_)[0] for _ in range(n))
        return statistics.median(times), times[0]

    try:
        build = timed([GOVKG, "stats", "--format", "json", *extra], env)[0]
        first = timed(who_cmd, env)[0]
        # warm: once the cache's files are older than the racy window (govkg.cachedir.RACY_SECONDS),
        # as for any command but those of the first seconds after a build, which hash the index
        from govkg.cachedir import RACY_SECONDS

        time.sleep(RACY_SECONDS + 0.5)
        warm, warm_best = runs(who_cmd, env)
        db = cache / "oxigraph-db"
        subprocess.run([OXIGRAPH, "load", "--location", str(db), *sum((["--file", f] for f in files), [])],
                       check=True, capture_output=True)
        ox_cmd = [OXIGRAPH, "query", "--location", str(db), "--query", OX_QUERY, "--results-format", "json"]
        ox, ox_best = runs(ox_cmd)
        python, python_best = runs([sys.executable, "-c", "pass"])
        answer = json.loads(_answers(who_cmd, env))
        expected = _ox_duty_holders(_answers(ox_cmd, None))
        top = answer["results"][0] if answer["results"] else None
        if top is None or top["duty"]["iri"] not in expected:
            raise RuntimeError(f"who {KEYWORD}: its first duty is not one `oxigraph query` finds")
        if top["holder"] and top["holder"]["iri"] not in expected[top["duty"]["iri"]]:
            raise RuntimeError(f"who {KEYWORD}: it names a holder oxigraph does not list for {top['duty']['iri']}")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    row = {"dataset": name, "build": build, "who-first": first, "who": warm, "who-best": warm_best,
           "ox-query": ox, "ox-query-best": ox_best, "python": python, "python-best": python_best}
    print(f"  {name:8} build {build:6.2f} s | who first {first:6.3f} s  warm {warm:6.3f} s (best {warm_best:.3f}) | "
          f"oxigraph query {ox:6.3f} s (best {ox_best:.3f}) | who/oxigraph {warm / ox:5.2f}x | "
          f"first-warm {first - warm:+.3f} s | python -c pass {python:.3f} s | answers checked",
          file=sys.stderr, flush=True)
    return row


COLUMNS = ["build", "stats", "who-first", "who", "query", "validate", "validate-pyshacl", "export", "export-ttl",
           "export-nt", "ox-load", "ox-dump", "py-dump", "ox-query", "pyshacl", "oxigraph-who", "oxigraph-query", "oxigraph-stats",
           "virtuoso-load", "virtuoso-who", "virtuoso-query", "virtuoso-stats"]


def table(rows: list, triples: dict) -> str:
    cols = [c for c in COLUMNS if any(c in r for r in rows)]
    lines = ["| dataset | triples | " + " | ".join(cols) + " |", "|" + "---|" * (len(cols) + 2)]
    for r in rows:
        cells = [("–" if c not in r else f"> {r[c][0]:.0f} s (stopped)" if r[c][1] < 0
                  else f"{r[c][0]:.2f} s / {r[c][1]:.0f} MB" if r[c][1] > 0 else f"{r[c][0]:.2f} s") for c in cols]
        lines.append(f"| {r['dataset']} | {triples.get(r['dataset'], '?')} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k,1m,5m")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pyshacl-max", default="1m", choices=list(SIZES))
    parser.add_argument("--no-pyshacl", action="store_true")
    parser.add_argument("--pyshacl-timeout", type=float, default=300, help="stop plain pySHACL after this (s)")
    parser.add_argument("--serve-size", default="1m")
    parser.add_argument("--no-virtuoso", action="store_true", help="skip the Virtuoso rows")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", help="run only these row groups (comma list of core, validate, export, "
                                       "pyshacl, servers); the cache build always runs")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    parser.add_argument("--who-only", action="store_true", help="only the `who` vs `oxigraph query` rows (bench_who)")
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled-graph row")
    args = parser.parse_args(argv)
    if args.who_only:
        return who_only(args)
    SERVER_REPEAT[0] = max(1, args.repeat)
    rows: list = []
    triples = {}
    count = subprocess.run([GOVKG, "stats", "--format", "json"], capture_output=True, text=True,
                           env={**os.environ, "GOVKG_NO_CACHE": "1"})
    triples["bundled"] = f"{json.loads(count.stdout)['triples']:,}"
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    if not args.no_bundled:
        bench_dataset("bundled", None, args, rows)
    for size in [s for s in args.sizes.split(",") if s]:
        path = OUT / f"national-{size}.ttl"
        meta_path = Path(str(path) + ".expected.json")
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        if meta.get("target") != SIZES[size] or meta.get("seed") != args.seed or not path.exists():
            subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--triples", str(SIZES[size]),
                            "-o", str(path), "--seed", str(args.seed)], check=True)
            meta = json.loads(meta_path.read_text())
        triples[size] = f"{meta['triples']:,} + bundled"
        bench_dataset(size, path, args, rows)
    text = table(rows, triples)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    (OUT / "results.json").parent.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps({"rows": rows, "triples": triples}, indent=1), encoding="utf-8")
    return 0


def who_only(args) -> int:
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    rows = [bench_who("bundled", None, args)]
    for size in [s for s in args.sizes.split(",") if s]:
        rows.append(bench_who(size, dataset(size, args.seed), args))
    print("| dataset | build | who first | who warm (best) | oxigraph query (best) | who / oxigraph | python -c pass |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['dataset']} | {r['build']:.2f} s | {r['who-first']:.3f} s | {r['who']:.3f} s ({r['who-best']:.3f}) | "
              f"{r['ox-query']:.3f} s ({r['ox-query-best']:.3f}) | {r['who'] / r['ox-query']:.2f}× | {r['python']:.3f} s |")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


def dataset(size: str, seed: int) -> Path:
    """The synthetic graph of this size (bench/generate.py), generated if missing or stale."""
    path = OUT / f"national-{size}.ttl"
    meta_path = Path(str(path) + ".expected.json")
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    if meta.get("target") != SIZES[size] or meta.get("seed") != seed or not path.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--triples", str(SIZES[size]),
                        "-o", str(path), "--seed", str(seed)], check=True)
    return path


if __name__ == "__main__":
    sys.exit(main())
