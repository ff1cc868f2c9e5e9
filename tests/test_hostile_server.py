"""The endpoint client against broken and hostile servers (a fake server on 127.0.0.1:0).

Whatever the server does — wrong-shape JSON, a top-level list, deep nesting, variables that
are not the query's, no rows, an HTML page, a trickle, gigabytes — every command that reads
the graph ends within its --timeout with one line naming the endpoint, exit 2, no traceback.
"""

from __future__ import annotations

import base64
import json
import time

import pytest
from click.testing import CliRunner
from fake_server import FakeServer, Reply

from govkg.cli import cli

COMMANDS = {
    "who": ["who", "价格监督检查"],
    "history": ["history", "发改委"],
    "query": ["query", "-e", "SELECT ?s ?o WHERE { ?s gk:holder ?o }"],
    "named query": ["query", "duties_of_body_on_date", "-p", "body=inst:ndrc", "-p", "date=2010-01-01"],
    "stats": ["stats"],
    "analyze": ["analyze", "transfers"],
    "viz": ["viz", "lineage", "-o", "{tmp}/lineage.html"],
}

MALFORMED = {
    "not json": b"<html><body>Service temporarily unavailable</body></html>",
    "top-level list": b'[{"head": {"vars": ["s"]}}]',
    "wrong shape": b'{"head": {"vars": "s"}, "results": {"bindings": {"s": 1}}}',
    "deep nesting": b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": ' + b"[" * 200_000 + b"]" * 200_000 + b"}]}}",
    "other variables": b'{"head": {"vars": ["zzz"]}, "results": {"bindings": [{"zzz": {"type": "uri", "value": "http://x/"}}]}}',
    "row lacking a variable": None,  # built per query below
    "empty": b"",
    "no results key": b'{"head": {"vars": []}}',
    "truncated": b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "val',
}


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), catch_exceptions=True, env=env)


def _projected(body: bytes) -> list[str]:
    """The variables of the SELECT the client sent (as the client itself would see them)."""
    import urllib.parse

    import pyoxigraph as ox

    text = urllib.parse.parse_qs(body.decode())["query"][0]
    result = ox.Store().query(text)
    return [v.value for v in result.variables] if isinstance(result, ox.QuerySolutions) else []


def _lacking_row(seen) -> Reply:
    """Right variables in the head, but rows that bind none of them."""
    names = _projected(seen.body)
    payload = {"head": {"vars": names}, "results": {"bindings": [{}, {}]}}
    return Reply(body=json.dumps(payload).encode())


def assert_one_line_error(result, url, within=None):
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govkg: error:"), result.output
    assert url in lines[0], lines[0]
    assert "Traceback" not in result.output


CASES = [(c, a) for c in sorted(COMMANDS) for a in sorted(MALFORMED)
         # a row with unbound variables is a valid answer to a user's own query
         if not (a == "row lacking a variable" and c in ("query", "named query"))]


@pytest.mark.parametrize(("command", "answer"), CASES)
def test_malformed_answer_is_one_line_exit_2(command, answer, tmp_path):
    if answer == "row lacking a variable":
        handler = _lacking_row
    else:
        handler = lambda seen: Reply(body=MALFORMED[answer])  # noqa: E731
    args = [a.replace("{tmp}", str(tmp_path)) for a in COMMANDS[command]]
    with FakeServer(handler) as server:
        result = run(*args, "--endpoint", server.url, "--timeout", "20")
    assert_one_line_error(result, server.url)
    assert list(tmp_path.iterdir()) == []  # nothing written half-way


@pytest.mark.parametrize("command", ["who", "stats", "query"])
def test_empty_results_are_named(command):
    """A server that answers every query with zero rows: the commands that need a row say so."""
    def handler(seen):
        return Reply(body=json.dumps({"head": {"vars": _projected(seen.body)},
                                      "results": {"bindings": []}}).encode())

    with FakeServer(handler) as server:
        result = run(*COMMANDS[command], "--endpoint", server.url, "--format", "json")
    if command == "stats":
        assert_one_line_error(result, server.url)
        assert "no result row" in result.output
    elif command == "who":
        assert result.exit_code == 1 and json.loads(result.output)["results"] == []
    else:
        # an empty SELECT is "nothing found" (exit 1, the exit-code table), still valid JSON
        assert result.exit_code == 1 and json.loads(result.output)["results"]["bindings"] == []


def test_timeout_is_a_deadline_for_a_trickling_server():
    """One byte every 0.1 s never trips a per-read timeout; --timeout 2 still ends the command."""
    def trickle():
        yield b'{"head": {"vars": ["s", "o"]}, "results": {"bindings": ['
        while True:
            yield b" "

    with FakeServer(lambda seen: Reply(body=trickle(), pause=0.1)) as server:
        start = time.monotonic()
        result = run(*COMMANDS["query"], "--endpoint", server.url, "--timeout", "2")
        elapsed = time.monotonic() - start
    assert_one_line_error(result, server.url)
    assert "within 2 s" in result.output
    assert elapsed < 5, elapsed


def test_timeout_covers_a_server_that_never_sends_headers():
    with FakeServer(lambda seen: (time.sleep(6), Reply(body=b"{}"))[1]) as server:
        start = time.monotonic()
        result = run("stats", "--endpoint", server.url, "--timeout", "1")
        elapsed = time.monotonic() - start
    assert_one_line_error(result, server.url)
    assert elapsed < 4, elapsed


def test_timeout_spans_every_query_of_a_command():
    """Each answer comes in 0.6 s — under the limit — but who sends several queries: the
    deadline is the command's, so --timeout 1.5 stops it."""
    import urllib.parse

    import pyoxigraph as ox

    from govkg.store import open_store

    store = open_store()
    slow = [True]

    def handler(seen):  # a real answer from the bundled graph, slowly
        if slow[0]:
            time.sleep(0.6)
        text = urllib.parse.parse_qs(seen.body.decode())["query"][0]
        return Reply(body=store.query(text).serialize(format=ox.QueryResultsFormat.JSON))

    with FakeServer(handler) as server:
        start = time.monotonic()
        result = run("history", "发改委", "--endpoint", server.url, "--timeout", "1.5")
        elapsed = time.monotonic() - start
        slow[0] = False
        patient = run("history", "发改委", "--endpoint", server.url, "--timeout", "30", "--format", "json")
    assert_one_line_error(result, server.url)
    assert "within 1.5 s" in result.output and len(server.requests) > 3
    assert elapsed < 4, elapsed
    assert patient.exit_code == 0 and json.loads(patient.output)["entity"]["iri"].endswith("ndrc")


def test_answer_larger_than_the_cap_stops_early():
    """A server streaming 50 MB of rows: --max-response 1 stops after about 1 MB."""
    row = b'{"s": {"type": "uri", "value": "http://example.org/' + b"x" * 200 + b'"}},'
    sent = []

    def endless():
        yield b'{"head": {"vars": ["s", "o"]}, "results": {"bindings": ['
        for _ in range(50_000_000 // len(row)):
            sent.append(len(row))
            yield row * 1

    with FakeServer(lambda seen: Reply(body=endless())) as server:
        result = run(*COMMANDS["query"], "--endpoint", server.url, "--max-response", "1")
    assert_one_line_error(result, server.url)
    assert "1 MB" in result.output and "--max-response" in result.output
    assert sum(sent) < 20_000_000  # the client hung up long before the end


def test_headers_and_graphs_are_sent_and_never_echoed():
    def handler(seen):
        return Reply(status=500, body=b"Internal error", content_type="text/plain")

    with FakeServer(handler) as server:
        result = run("stats", "--endpoint", server.url, "--header", "X-Api-Key: s3cret-token",
                     "--graph", "https://example.org/govkg", "--graph", "https://example.org/extra")
    assert_one_line_error(result, server.url)
    assert "s3cret" not in result.output and "HTTP 500" in result.output
    seen = server.requests[0]
    assert seen.headers.get("X-Api-Key") == "s3cret-token"
    import urllib.parse

    form = urllib.parse.parse_qs(seen.body.decode())
    assert form["default-graph-uri"] == ["https://example.org/govkg", "https://example.org/extra"]


def _needs_basic(user, password):
    expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def handler(seen):
        if seen.headers.get("Authorization") != expected:
            return Reply(status=401, headers={"WWW-Authenticate": 'Basic realm="sparql"'},
                         body=b"denied", content_type="text/plain")
        return Reply(body=b'{"head": {}, "boolean": true}')
    return handler


def test_credentials_from_the_environment_answer_a_challenge():
    with FakeServer(_needs_basic("reader", "pa55word")) as server:
        ok = run("query", "-e", "ASK { ?s ?p ?o }", "--endpoint", server.url, "--format", "json",
                 env={"GOVKG_ENDPOINT_USER": "reader", "GOVKG_ENDPOINT_PASSWORD": "pa55word"})
        wrong = run("query", "-e", "ASK { ?s ?p ?o }", "--endpoint", server.url,
                    env={"GOVKG_ENDPOINT_USER": "reader", "GOVKG_ENDPOINT_PASSWORD": "wrong-secret"})
        none = run("query", "-e", "ASK { ?s ?p ?o }", "--endpoint", server.url,
                   env={"GOVKG_ENDPOINT_USER": None, "NETRC": "/nonexistent", "HOME": "/nonexistent"})
    assert ok.exit_code == 0 and json.loads(ok.output)["boolean"] is True, ok.output
    assert_one_line_error(wrong, server.url)
    assert "wrong-secret" not in wrong.output and "401" in wrong.output
    assert_one_line_error(none, server.url)
    assert "credentials" in none.output


def test_credentials_from_netrc_and_url_never_shown(tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login reader password n3trc-secret\n")
    netrc.chmod(0o600)
    with FakeServer(_needs_basic("reader", "n3trc-secret")) as server:
        ok = run("query", "-e", "ASK { ?s ?p ?o }", "--endpoint", server.url, "--format", "json",
                 env={"NETRC": str(netrc), "GOVKG_ENDPOINT_USER": None})
        in_url = server.url.replace("http://", "http://reader:url-secret@")
        bad = run("query", "-e", "ASK { ?s ?p ?o }", "--endpoint", in_url, env={"GOVKG_ENDPOINT_USER": None})
    assert ok.exit_code == 0, ok.output
    assert bad.exit_code == 2 and "url-secret" not in bad.output and "reader" not in bad.output
    assert server.url in bad.output


def test_server_text_cannot_inject_terminal_escapes():
    body = b"bad query \x1b]0;owned\x07\x1b[2J on line 1\n" + b"x" * 10_000
    with FakeServer(lambda seen: Reply(status=400, body=body, content_type="text/plain")) as server:
        result = run(*COMMANDS["query"], "--endpoint", server.url)
    assert_one_line_error(result, server.url)
    assert "\x1b" not in result.output and len(result.output) < 400
