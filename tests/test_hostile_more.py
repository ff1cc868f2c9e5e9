"""More hostile input, on the newer commands and options (issue 13, second round of probes).

Each test names a KIND of failure found by probing (a table of ~250 probes against import
qzqd, diff, check-procurement, validate --report, source, plan, viz, push, who/history --data):
standard output that refuses writes, two outputs of one command aimed at one file, options
that contradict each other. In-process through ``CliRunner`` where the failure shows there;
a subprocess only where a real file descriptor is the point (a full device behind ``>``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_hostile import assert_refused, invoke  # one definition of "refused" for every probe

QZQD_HEADER = "序号,权力名称,权力类型,权力编码,实施主体,设定依据,责任事项,追责情形"
QZQD_ROW = "1,对价格违法行为的行政处罚（合成测试数据）,行政处罚,CF-001,某市发展和改革委员会,《中华人民共和国价格法》第三十九条,立案责任,追责"


@pytest.fixture
def qzqd_csv(tmp_path):
    """A one-row synthetic 权责清单 in CSV (invented, not a real list)."""
    path = tmp_path / "list.csv"
    path.write_text(f"{QZQD_HEADER}\n{QZQD_ROW}\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ standard output refuses writes

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", [["source", "src:L95"], ["import", "qzqd", "{csv}", "--as-of", "2020-01-01"]])
def test_standard_output_on_a_full_device_is_one_line(command, qzqd_csv):
    """`govkg … > file` on a full disk: one line and exit 2, not a traceback at exit."""
    args = [str(qzqd_csv) if a == "{csv}" else a for a in command]
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "govkg", *args], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert proc.stderr.strip().split("\n") == ["govkg: error: cannot write standard output: No space left on device"], \
        proc.stderr[-2000:]


# ------------------------------------------------------------------ two outputs, one file

def test_validate_report_and_output_onto_one_file_are_refused_before_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result, stderr = invoke("validate", "--report", "x.json", "-o", "./x.json")
    assert_refused(result, stderr, "--report x.json", "-o ./x.json")
    assert os.listdir(tmp_path) == []


def test_diff_record_and_output_through_a_symlink_are_refused(tmp_path, qzqd_csv):
    (tmp_path / "link.json").symlink_to(tmp_path / "r.json")
    result, stderr = invoke("diff", qzqd_csv, qzqd_csv, "--old-as-of", "2019-01-01", "--new-as-of", "2020-01-01",
                            "--record", tmp_path / "r.json", "-o", tmp_path / "link.json")
    assert_refused(result, stderr, "the same file")
    assert not (tmp_path / "r.json").exists()


def test_distinct_outputs_still_write_both(tmp_path, qzqd_csv):
    result, stderr = invoke("diff", qzqd_csv, qzqd_csv, "--old-as-of", "2019-01-01", "--new-as-of", "2020-01-01",
                            "--record", tmp_path / "r.ttl", "-o", tmp_path / "d.json")
    assert result.exit_code == 0, stderr
    assert (tmp_path / "r.ttl").exists() and (tmp_path / "d.json").exists()


# ------------------------------------------------------------------ options that cannot be honoured

@pytest.mark.parametrize("iri", ["\x1b[31m<>", "http://e/a b", "abc", ""])
def test_validate_focus_that_is_not_an_iri_is_one_line(iri):
    result, stderr = invoke("validate", "--focus", iri)
    assert_refused(result, stderr, "--focus", "not an absolute IRI")
    assert "\x1b" not in stderr


def test_template_with_a_file_to_check_is_refused(tmp_path, qzqd_csv):
    result, stderr = invoke("check-procurement", qzqd_csv, "--template", tmp_path / "t.xlsx")
    assert_refused(result, stderr, "--template", "not both")
    assert not (tmp_path / "t.xlsx").exists()


def test_template_under_another_suffix_is_refused(tmp_path):
    result, stderr = invoke("check-procurement", "--template", tmp_path / "t.csv")
    assert_refused(result, stderr, "t.csv", ".xlsx")
    assert os.listdir(tmp_path) == []


# ------------------------------------------------------------------ a user's shapes are user code

CARTESIAN_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetNode ex:a ;
  sh:sparql [ sh:select "SELECT $this WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }" ] .
"""


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_a_cartesian_sparql_constraint_stops_at_the_timeout_and_the_process_ends(engine, tmp_path):
    """The worker evaluating the constraint cannot be interrupted: the process must still end
    right after the one-line error (it used to linger, growing, until killed)."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(CARTESIAN_SHAPES, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "govkg", "validate", "--shapes", shapes, "--engine", engine,
                           "--timeout", "1"], capture_output=True, text=True, timeout=25)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert proc.stderr.strip().split("\n") == ["govkg: error: validation took longer than 1 s: stopped; "
                                               "raise --timeout or narrow the query"], proc.stderr[-2000:]


@pytest.mark.parametrize("name", ["", "<>", "\udcff", "“”"])
def test_a_plan_name_with_nothing_to_match_names_no_plan(name):
    """Punctuation, nothing or an invalid character used to match every plan's label (the
    empty string is in every label) and print the only plan with exit 0."""
    result, stderr = invoke("plan", name, "--format", "json")
    assert_refused(result, stderr)
    assert result.stdout == ""


# ------------------------------------------------------------------ a server that trickles

def test_push_to_a_server_that_trickles_its_answer_ends_by_the_timeout():
    """The server answers 200 with `Connection: close` and then one byte every 50 ms: the
    deadline must still cut the read of that answer (http.client hands the socket over to the
    response, out of the watchdog's reach, when the server says it will close). The upload was
    accepted (200) before the deadline, so it is a success; before, it read to the end of the trickle (here 10 s)."""
    import time

    sys.path.insert(0, str(Path(__file__).parent))
    from fake_server import FakeServer, Reply

    with FakeServer(lambda seen: Reply(body=(b" " for _ in range(200)), pause=0.05)) as server:
        started = time.monotonic()
        result, stderr = invoke("push", "--endpoint", server.url, "--graph", "http://example.org/g",
                                "--no-bundled", "--data", Path(__file__).parent / "data" / "validate" / "people.ttl",
                                "--timeout", "1")
        elapsed = time.monotonic() - started
    assert result.exit_code == 0, (result.exit_code, stderr, result.exception)
    assert elapsed < 5, elapsed


def test_plan_takes_the_shared_endpoint_options_and_its_timeout():
    """`plan --endpoint` had no --timeout (a fixed 30 s) while its error told the user to raise it."""
    import time

    sys.path.insert(0, str(Path(__file__).parent))
    from fake_server import FakeServer, Reply

    with FakeServer(lambda seen: Reply(body=(b" " for _ in range(200)), pause=0.05)) as server:
        started = time.monotonic()
        result, stderr = invoke("plan", "--endpoint", server.url, "--timeout", "1", "--header", "X-Probe: 1")
        elapsed = time.monotonic() - started
        sent = [seen.headers.get("X-Probe") for seen in server.requests]
    assert_refused(result, stderr, server.url, "within 1 s", "--timeout")
    assert elapsed < 5, elapsed
    assert sent and set(sent) == {"1"}


def test_a_sheet_with_thousands_of_bad_rows_prints_a_bounded_report(tmp_path):
    """Every problem is still found and counted, but the terminal gets at most 201 lines."""
    from govkg.cli import MAX_ERROR_LINES

    path = tmp_path / "bad.csv"
    path.write_text(QZQD_HEADER + "\n" + "".join(f"{i},p{i},行政处罚,dup,某市发展和改革委员会,,,\n" for i in range(1, 1002)),
                    encoding="utf-8")
    result, stderr = invoke("import", "qzqd", path, "--as-of", "2020-01-01", "-o", tmp_path / "out.ttl")
    lines = stderr.strip("\n").split("\n")
    assert result.exit_code == 2 and all(line.startswith("govkg: error: ") for line in lines), stderr[:500]
    assert len(lines) == MAX_ERROR_LINES + 1, len(lines)
    assert "… and 800 more problems" in lines[-1], lines[-1]
    assert not (tmp_path / "out.ttl").exists()


@pytest.mark.parametrize("command", [["import", "qzqd", "--as-of", "2020-01-01"], ["check-procurement"]])
def test_a_sheet_of_one_long_line_of_brackets_is_refused_quickly(command, tmp_path):
    """A 440 KB line of nested brackets took 28 s to be refused: the header matcher's bracket
    pattern is quadratic on it; no column name is longer than tabular.MAX_HEADER_CHARS."""
    data = tmp_path / "long.csv"
    data.write_text("<urn:a> <urn:p> " + "[ <urn:p> " * 37_000 + "<urn:z>" + " ]" * 37_000 + " .\n")
    proc = subprocess.run([sys.executable, "-m", "govkg", *command, str(data), *(
        ["-o", str(tmp_path / "out.ttl")] if command[0] == "import" else [])],
        capture_output=True, text=True, timeout=15)
    assert proc.returncode == 2 and "no header line" in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
