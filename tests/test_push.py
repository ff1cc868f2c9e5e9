"""`govkg push`: the bundled graph plus --data files, uploaded with the Graph Store HTTP
Protocol, read back through the query endpoint with --graph (Oxigraph and Virtuoso), and the
exact requests checked on a fake server."""

from __future__ import annotations

import json
import urllib.parse
import uuid

import pyoxigraph as ox
from click.testing import CliRunner
from fake_server import FakeServer, Reply

from govkg.cli import cli

EXTRA = """@prefix gk: <https://w3id.org/govkg/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/test/bureau> a gk:Institution ; skos:prefLabel "测试局"@zh ;
    gk:note [ skos:prefLabel "a blank node" ] .
"""


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def test_push_then_read_back(server, tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    graph = f"https://example.org/test/{server.name}/{uuid.uuid4().hex}"
    pushed = run("push", "--endpoint", server.store_url, "--graph", graph, "--data", extra,
                 "--format", "json", env=server.store_env)
    assert pushed.exit_code == 0, pushed.output
    report = json.loads(pushed.output)
    local = json.loads(run("stats", "--data", extra, "--format", "json").output)
    assert report["triples"] == local["triples"] and report["method"] == "PUT"
    remote = run("stats", "--endpoint", server.url, "--graph", graph, "--format", "json")
    assert json.loads(remote.output) == local
    label = run("query", "-e", "SELECT ?l WHERE { <https://example.org/test/bureau> skos:prefLabel ?l }",
                "--format", "csv", "--endpoint", server.url, "--graph", graph)
    assert label.output.splitlines()[1:] == ["测试局"]
    # pushing again replaces the graph (PUT): only the 4 triples of the file are left
    again = run("push", "--endpoint", server.store_url, "--graph", graph, "--no-bundled", "--data", extra,
                "--format", "json", env=server.store_env)
    assert again.exit_code == 0, again.output
    after = json.loads(run("stats", "--endpoint", server.url, "--graph", graph, "--format", "json").output)
    assert after["triples"] == 4 and after["institutions"] == 1


def test_push_requests_on_a_fake_server(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    with FakeServer(lambda seen: Reply(status=204, body=b"", content_type="text/plain")) as fake:
        replaced = run("push", "--endpoint", fake.url, "--graph", "https://example.org/g", "--data", extra,
                       "--format", "json", "--header", "X-Token: abc")
        appended = run("push", "--endpoint", fake.url, "--graph", "https://example.org/g", "--no-bundled",
                       "--data", extra, "--append", "--format", "json")
    assert replaced.exit_code == 0 and appended.exit_code == 0, (replaced.output, appended.output)
    put, post = fake.requests
    assert (put.method, post.method) == ("PUT", "POST")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(put.path).query) == {"graph": ["https://example.org/g"]}
    assert put.headers["Content-Type"] == "application/n-triples" and put.headers["X-Token"] == "abc"
    assert int(put.headers["Content-Length"]) == len(put.body) == json.loads(replaced.output)["bytes"]
    triples = list(ox.parse(put.body, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == json.loads(replaced.output)["triples"] > 9000
    assert len(list(ox.parse(post.body, format=ox.RdfFormat.N_TRIPLES))) == 4


def test_push_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    with FakeServer(lambda seen: Reply(status=500, body=b"disk full", content_type="text/plain")) as fake:
        failed = run("push", "--endpoint", fake.url, "--graph", "https://example.org/g")
        unparsable = run("push", "--endpoint", fake.url, "--graph", "https://example.org/g", "--data", bad)
        not_iri = run("push", "--endpoint", fake.url, "--graph", "not an iri")
    assert failed.exit_code == 2 and "HTTP 500" in failed.output and fake.url in failed.output
    assert unparsable.exit_code == 2 and "bad.ttl" in unparsable.output
    assert not_iri.exit_code == 2 and len(fake.requests) == 1
