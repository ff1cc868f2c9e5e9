"""Hostile input against every command: one line naming what and where, exit 2, no traceback,
nothing written half-way, bounded time — and nothing fetched from the network.

Commands run in-process through ``CliRunner`` *with* exception catching, so an uncaught
exception shows up as ``result.exception`` (and the probe fails) instead of passing
unnoticed; the few probes that could crash the interpreter (segfaults) or must be timed run
the installed command in a subprocess.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

HEADER = ("id,purchaser,purchaser_type,provider,provider_type,service,content_type,mode,method,"
          "start_date,end_date,budgeted,continuous,subcontract,subcontract_approved,amount")
GOOD_ROW = "A-1,兰州市城关区民政局,行政机关,兰州康乐社会工作服务中心,社会组织,社区养老,公共服务,合同制,公开招标,2024-01-01,2024-12-31,是,否,无,,1000"
QUICK = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def invoke(*args, input=None):
    """(result, stderr): the CLI in-process; an uncaught exception stays in result.exception."""
    from govkg.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args], input=input)
    return result, result.stderr


def assert_refused(result, stderr, *words):
    """Exit 2 with exactly one line 'govkg: error: …' (containing ``words``), no crash."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, (result.exit_code, stderr)
    lines = stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("govkg: error: "), stderr
    assert "\x1b" not in stderr and "Traceback" not in stderr
    for word in words:
        assert word in stderr, (word, stderr)


def assert_handled(result, stderr):
    """Any outcome but a crash: exit 0/1, or exit 2 with one error line."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), (result.exit_code, stderr)
    if result.exit_code == 2:  # one line per problem (check-procurement reports every bad cell at once)
        lines = stderr.strip("\n").split("\n")
        assert lines and all(line.startswith("govkg: error: ") for line in lines), stderr
        assert "\x1b" not in stderr


def govkg(*args, timeout=120, **kw):
    """The installed command in a subprocess (segfaults and hangs cannot take the suite down)."""
    return subprocess.run([sys.executable, "-m", "govkg", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, **kw)


def one_line_exit_2(proc, *words):
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    lines = proc.stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("govkg: error: "), proc.stderr[-2000:]
    for word in words:
        assert word in proc.stderr, (word, proc.stderr)


@pytest.fixture
def listener():
    """A local TCP server that counts connections and never answers (a silent SPARQL server)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    seen = []

    def accept():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            seen.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", seen
    server.close()
    for conn in seen:
        conn.close()


# ------------------------------------------------------------------ query


DEEP_GROUPS = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
LONG_CHAIN = "SELECT * WHERE { FILTER(1" + " + 1" * 20000 + ") }"
NEGATIONS = "SELECT * WHERE { FILTER(" + "!" * 20000 + "true) }"


@pytest.mark.parametrize("text, words", [
    ("SELECT * WHERE { ?s foo:bar ?o }", ["unknown prefix foo:", "-e"]),
    ("SELECT * WHERE { ?s ?p ?o ", ["SPARQL syntax error", "1:"]),
    ("SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s", ["SPARQL syntax error"]),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", ["refused"]),
    ("DROP ALL", ["refused"]),
    ("hello", ["not a SPARQL query"]),
    ("", ["not a SPARQL query"]),
    ('SELECT * WHERE { ?s ?p "\udcff" }', ["not valid UTF-8"]),
    ("SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }", ["SERVICE", "--allow-service"]),
    ("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }", ["SERVICE", "--allow-service"]),
    ("SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }", ["SERVICE"]),
    (DEEP_GROUPS, ["nested", "--max-nesting"]),
    (LONG_CHAIN, ["nested", "--max-nesting"]),
    (NEGATIONS, ["nested"]),
])
def test_query_text_probes(text, words):
    result, stderr = invoke("query", "-e", text, "--format", "csv")
    assert_refused(result, stderr, *words)


def test_service_is_refused_without_touching_the_network(listener):
    url, seen = listener
    result, stderr = invoke("query", "-e", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    assert_refused(result, stderr, "SERVICE", "--allow-service")
    assert seen == []


def test_allowed_service_is_bounded_by_the_timeout(listener):
    url, seen = listener
    proc = govkg("query", "--allow-service", "--timeout", "1", "--format", "csv",
                 "-e", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", timeout=60)
    one_line_exit_2(proc, "longer than 1 s", "--timeout")
    assert len(seen) == 1  # it was asked, and it did go out


def test_allowed_service_still_refuses_file_iris():
    result, stderr = invoke("query", "--allow-service", "-e",
                            "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }")
    assert_refused(result, stderr, "http(s)")


def test_prefixed_names_that_look_like_service_are_not_refused():
    result, stderr = invoke("query", "--format", "csv", "-e",
                            "PREFIX ex: <http://x.example/> SELECT ?SERVICE WHERE { ?SERVICE ex:SERVICE ?o }")
    assert result.exit_code == 1, stderr  # evaluated (nothing found), not refused (2)


def test_nesting_limit_can_be_raised():
    text = "SELECT * WHERE " + "{" * 300 + " ?s a gk:Institution " + "}" * 300 + " LIMIT 1"
    assert_refused(*invoke("query", "-e", text, "--format", "csv"), "--max-nesting")
    result, stderr = invoke("query", "-e", text, "--format", "csv", "--max-nesting", "400")
    assert result.exit_code == 0, stderr


def test_deep_nesting_does_not_crash_the_endpoint_check():
    proc = govkg("query", "--endpoint", "http://127.0.0.1:9/sparql", "-e", DEEP_GROUPS)
    one_line_exit_2(proc, "nested")


def test_cartesian_product_stops_at_the_deadline():
    proc = govkg("query", "--timeout", "2", "--format", "csv", "-e",
                 "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    one_line_exit_2(proc, "longer than 2 s", "--timeout")


def test_result_size_is_bounded():
    result, stderr = invoke("query", "--max-rows", "5", "--format", "csv", "-e", "SELECT * WHERE { ?s ?p ?o }")
    assert_refused(result, stderr, "more than 5 rows", "--max-rows")
    result, _ = invoke("query", "--max-rows", "5", "--format", "csv", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert result.exit_code == 0


def test_integer_parameter_of_5000_digits(tmp_path):
    query = tmp_path / "n.rq"
    query.write_text("#+ summary: echo a number\n#+ params:\n#+   - n: integer\nSELECT ?n WHERE { }\n",
                     encoding="utf-8")
    result, stderr = invoke("query", query, "-p", "n=" + "9" * 5000, "--format", "csv")
    assert result.exit_code == 0, stderr
    assert "9" * 5000 in result.stdout
    result, stderr = invoke("query", query, "-p", "n=" + "9" * 5000 + "x", "--format", "csv")
    assert_refused(result, stderr, "is not an integer")
    assert len(stderr) < 300


# ------------------------------------------------------------------ names echoed back


@pytest.mark.parametrize("name", ["\x1b[31mred\x1b[0m", "two\nlines", "\u202eevil", "bell\x07", "\udcff\udcfe"])
def test_history_echoes_names_harmlessly(name):
    """Nothing found (exit 1) or refused (exit 2): either way one line, the name escaped."""
    result, stderr = invoke("history", name)
    assert_handled(result, stderr)
    assert result.exit_code in (1, 2)
    lines = stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("govkg: error: "), stderr
    for raw in ("\x1b", "\u202e", "\x07"):
        assert raw not in stderr


def test_who_with_a_100000_character_question_answers_nothing_found():
    result, stderr = invoke("who", "x" * 100_000)
    assert_handled(result, stderr)
    assert result.exit_code == 1


@pytest.mark.parametrize("args", [["who", "\udcff"], ["who", "--on", "", "价格"],
                                  ["who", "--limit", "9" * 5000, "价格"], ["analyze", "org", "--on", ""],
                                  ["viz", "org", "--on", "", "-o", "x.html"], ["eligibility", "\udcff\x1b"],
                                  ["analyze", "--year", "9" * 5000]])
def test_other_arguments(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result, stderr = invoke(*args)
    assert_refused(result, stderr)
    assert os.listdir(tmp_path) == []


def test_empty_on_is_refused_alike_everywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    messages = set()
    for args in (["who", "--on", "", "价格"], ["analyze", "org", "--on", ""], ["viz", "org", "--on", "", "-o", "x.html"]):
        result, stderr = invoke(*args)
        assert_refused(result, stderr, "--on")
        messages.add(stderr)
    assert len(messages) == 1


# ------------------------------------------------------------------ files


def test_file_problems_are_one_line(tmp_path):
    for args, words in (
        (["stats", "--data", tmp_path], ["is a directory"]),
        (["stats", "--data", tmp_path / "missing.ttl"], ["missing.ttl"]),
        (["validate", "--data", tmp_path], ["is a directory"]),
        (["check-procurement", tmp_path], [str(tmp_path)]),
        (["check-procurement", tmp_path / "missing.csv"], ["missing.csv"]),
        (["query", tmp_path / "missing.rq"], ["missing.rq"]),
        (["export", "-o", tmp_path], ["is a directory"]),
        (["export", "-o", tmp_path / "no" / "x.ttl"], ["does not exist"]),
        (["viz", "org", "-o", tmp_path / "no" / "x.html"], ["does not exist"]),
        (["export", "--format", "nope"], ["--format"]),
    ):
        assert_refused(*invoke(*args), *words)


def test_billion_laughs_is_refused(tmp_path):
    entities = '<!ENTITY lol "lol">\n' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">\n' for i in range(1, 10))
    bomb = tmp_path / "lol.rdf"
    bomb.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{entities}]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x.example/">'
        '<rdf:Description rdf:about="http://x.example/s"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>\n')
    assert bomb.stat().st_size < 2000
    for command in (["stats"], ["export", "--format", "nt"], ["validate"]):
        assert_refused(*invoke(*command, "--data", bomb), "lol.rdf", "expand")
    external = tmp_path / "xxe.rdf"
    external.write_text(bomb.read_text().replace('<!ENTITY lol "lol">', '<!ENTITY lol SYSTEM "file:///etc/passwd">'))
    assert_refused(*invoke("stats", "--data", external), "external")


def test_namespace_entities_in_rdf_xml_still_load(tmp_path):
    owl = tmp_path / "ns.rdf"
    owl.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY ex "http://x.example/">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x.example/">'
        '<rdf:Description rdf:about="&ex;s"><ex:p>o</ex:p></rdf:Description></rdf:RDF>\n')
    result, stderr = invoke("query", "--data", owl, "--format", "csv", "-e",
                            "SELECT ?o WHERE { <http://x.example/s> <http://x.example/p> ?o }")
    assert result.exit_code == 0 and "o" in result.stdout.splitlines()[1:], stderr


@pytest.mark.parametrize("body", [
    "<http://x.example/s> <http://x.example/p> (" + " []" * 1000 + ") .\n",
    "<http://x.example/s> <http://x.example/p> " + "[ <http://x.example/p> " * 100_000 + "<http://x.example/o>"
    + " ]" * 100_000 + " .\n",
], ids=["1000-empty-blank-nodes", "100000-nested-blank-nodes"])
def test_blank_node_shapes_export_in_bounded_time(tmp_path, body):
    data = tmp_path / "blank.ttl"
    data.write_text(body)
    out = tmp_path / "out.nt"
    proc = govkg("export", "--data", data, "--format", "nt", "-o", out, timeout=300,
                 env={**os.environ, "GOVKG_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.stat().st_size > len(body)


@pytest.mark.parametrize("body, triples", [
    ("<http://x.example/s> <http://x.example/p> (" + " []" * 1000 + ") .\n", 1 + 2 * 1000),
    ("<http://x.example/s> <http://x.example/p> " + "[ <http://x.example/p> " * 100_000 + "<http://x.example/o>"
     + " ]" * 100_000 + " .\n", 1 + 100_000),
], ids=["1000-empty-blank-nodes", "100000-nested-blank-nodes"])
def test_blank_node_shapes_construct_in_bounded_time(tmp_path, body, triples):
    """A CONSTRUCT's blank nodes are labelled in linear time (RDFC-1.0 stalled on the list and
    crashed after 11 GB on the nesting), the same labels on every run."""
    data = tmp_path / "blank.ttl"
    data.write_text(body)
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }"
    env = {**os.environ, "GOVKG_CACHE_DIR": str(tmp_path / "cache")}
    runs = [govkg("query", "--data", data, "--format", "nt", "-e", query, timeout=60, env=env)
            for _ in range(2 if triples < 10_000 else 1)]
    assert runs[0].returncode == 0, runs[0].stderr[-2000:]
    bundled = invoke("query", "--format", "nt", "-e", query)[0]  # the ontology's own lists
    assert len(runs[0].stdout.splitlines()) == triples + len(bundled.stdout.splitlines())
    assert runs[0].stdout == runs[-1].stdout


def test_a_literal_longer_than_the_parser_takes_is_one_line(tmp_path):
    data = tmp_path / "long-literal.ttl"
    data.write_text('<http://x.example/s> <http://x.example/p> "' + "x" * (17 * 1024 * 1024) + '" .\n')
    for command in (["stats"], ["validate"], ["export", "--format", "nt", "-o", tmp_path / "out.nt"]):
        assert_refused(*invoke(*command, "--data", data), "long-literal.ttl", "16 MiB")
    assert not (tmp_path / "out.nt").exists()


def test_export_labels_blank_nodes_the_same_on_two_runs(tmp_path):
    data = tmp_path / "blank.ttl"
    data.write_text('<http://x.example/s> <http://x.example/p> [ <http://x.example/q> "_:not a label" ] , '
                    '( [] [] ) .\n')
    runs = []
    for n in (1, 2):
        out = tmp_path / f"{n}.nt"
        assert invoke("export", "--data", data, "--format", "nt", "-o", out)[0].exit_code == 0
        runs.append(out.read_bytes())
    assert runs[0] == runs[1] and b'"_:not a label"' in runs[0]


def test_unbalanced_csv_quote_is_one_line(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(HEADER + "\n" + GOOD_ROW.replace("社区养老", '"社区养老') + "\n" + GOOD_ROW.replace("A-1", "A-2") + "\n",
                    encoding="utf-8")
    result, stderr = invoke("check-procurement", path)
    assert_refused(result, stderr, "quote.csv")


# ------------------------------------------------------------------ property tests


def _nasty_text():
    specials = st.sampled_from(["\udcff", "\ud800", "\x1b[2J", "\n", "\r", "\u202e", "{", "(", "[", '"', "'",
                                "\\", "%", "\x00", "SERVICE", "<file:///etc/passwd>", "9" * 5000, "#"])
    return st.lists(st.one_of(st.text(max_size=20), specials), max_size=8).map("".join)


@QUICK
@given(text=_nasty_text())
def test_who_never_crashes(text):
    assert_handled(*invoke("who", "--format", "json", text or "x"))


@QUICK
@given(text=_nasty_text())
def test_history_never_crashes(text):
    assert_handled(*invoke("history", "--format", "json", text or "x"))


@QUICK
@given(text=_nasty_text(), depth=st.integers(0, 3000))
def test_query_never_crashes(text, depth):
    query = "SELECT * WHERE " + "{" * depth + f" ?s ?p {text!r} " + "}" * depth + " LIMIT 3"
    assert_handled(*invoke("query", "--format", "json", "-e", query))
    assert_handled(*invoke("query", "--format", "json", "-e", text))


@QUICK
@given(text=_nasty_text())
def test_eligibility_never_crashes(text):
    assert_handled(*invoke("eligibility", text, "--format", "json"))


@QUICK
@given(cells=st.lists(_nasty_text(), min_size=1, max_size=16), amount=st.sampled_from(
    ["1000", "-1", "1,000.00", "1.000,00", "NaN", "inf", "9" * 5000, "", "0x10"]))
def test_check_procurement_never_crashes(tmp_path_factory, cells, amount):
    path = tmp_path_factory.mktemp("csv") / "records.csv"
    row = GOOD_ROW.split(",")
    for i, cell in enumerate(cells[:len(row) - 1]):
        if cell:
            row[i] = cell
    row[-1] = amount
    path.write_bytes((HEADER + "\n" + ",".join(row) + "\n").encode("utf-8", "surrogatepass"))
    assert_handled(*invoke("check-procurement", path, "--format", "json"))
