"""`govkg query --endpoint`: the same answers from live Oxigraph and Virtuoso servers as from the embedded store."""

from __future__ import annotations

import json
import socket

import pytest
import rdflib
from click.testing import CliRunner
from rdf_compare import isomorphic
from test_queries import sample_params

from govkg import named_queries
from govkg.cli import cli
from govkg.sparql import EmbeddedBackend

REGISTRY = named_queries.load_registry()


@pytest.fixture(scope="module")
def embedded(govkg_cache):
    from govkg.store import open_store

    return EmbeddedBackend(open_store())


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_named_query_same_rows_on_server(name, embedded, server):
    query = REGISTRY[name]
    bindings = query.bind(sample_params(query))
    local = query.normalise(embedded.query(query.text, bindings))
    remote = query.normalise(server.backend().query(query.text, bindings))
    assert remote.variables == local.variables
    assert remote.rows == local.rows
    if query.is_check:
        assert remote.rows == []


@pytest.mark.parametrize("name", sorted(REGISTRY))
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_cli_named_query_same_output_on_server(name, fmt, server):
    params = [f"--param={k}={v}" for k, v in sample_params(REGISTRY[name]).items()]
    local = run("query", name, *params, "--format", fmt)
    remote = run("query", name, *params, "--format", fmt, *server.args)
    assert local.exit_code == remote.exit_code, remote.output
    assert local.exit_code in (0, 1), local.output  # 1: the sample parameters match nothing (exit-code table)
    assert remote.output == local.output
    if local.exit_code == 0:
        assert local.output.count("\n") > 1 or name.startswith("check_")  # header and rows


@pytest.mark.parametrize("fmt", ["csv", "tsv", "markdown"])
def test_cli_select_formats_agree(fmt, server):
    text = "SELECT ?i ?l WHERE { ?i a gk:Institution ; skos:prefLabel ?l } ORDER BY ?i ?l"
    local = run("query", "-e", text, "--format", fmt)
    remote = run("query", "-e", text, "--format", fmt, *server.args)
    assert remote.exit_code == 0 and remote.output == local.output and remote.output.count("\n") > 10


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
def test_construct_same_graph_on_server(fmt, server):
    text = "CONSTRUCT { ?a gk:holder ?h ; gk:startDate ?d } WHERE { ?a gk:holder ?h ; gk:startDate ?d }"
    local = run("query", "-e", text, "--format", fmt)
    remote = run("query", "-e", text, "--format", fmt, *server.args)
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output  # sorted, so byte-identical
    parsed = rdflib.Graph().parse(data=remote.output, format=fmt if fmt != "nt" else "nt")
    assert len(parsed) > 100 and isomorphic(parsed, rdflib.Graph().parse(data=local.output, format=fmt))


def test_ask_on_server(server):
    yes = run("query", "-e", "ASK { inst:ndrc gk:predecessor inst:sdpc }", "--format", "json", *server.args)
    no = run("query", "-e", "ASK { inst:sdpc gk:predecessor inst:ndrc }", "--format", "json", *server.args)
    assert json.loads(yes.output) == {"head": {}, "boolean": True}
    assert json.loads(no.output) == {"head": {}, "boolean": False}


def test_stats_counts_only_the_named_graph(server):
    """Virtuoso's default graph is the union of all its graphs: --graph scopes stats to govkg's."""
    local = json.loads(run("stats", "--format", "json").output)
    remote = run("stats", "--format", "json", *server.args)
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == local and local["triples"] > 5000
    if server.graphs:
        union = json.loads(run("stats", "--format", "json", "--endpoint", server.url).output)
        assert union["triples"] > local["triples"]


@pytest.mark.parametrize("args", [["analyze", "transfers"], ["analyze", "lineage"], ["analyze", "summary"],
                                  ["analyze", "org", "--on", "2010-01-01"], ["analyze", "domains"]])
def test_analyze_same_on_server(args, server):
    local = run(*args, "--format", "json")
    remote = run(*args, "--format", "json", *server.args)
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert remote.output == local.output


def test_updates_refused_before_sending(server):
    for text in ["DROP ALL", "INSERT DATA { <http://x/s> <http://x/p> 1 }", "CLEAR DEFAULT"]:
        result = run("query", "-e", text, *server.args)
        assert result.exit_code == 2 and "refused" in result.output
    count = run("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv", *server.args)
    assert int(count.output.splitlines()[1]) > 1000


def test_malformed_query_position_on_server(server):
    result = run("query", "-e", "SELECT * WHERE { ?s ?p }", *server.args)
    assert result.exit_code == 2 and "1:25" in result.output and "Traceback" not in result.output


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends


def test_unreachable_endpoint_exits_2_with_one_line():
    url = f"http://127.0.0.1:{_closed_port()}/query"
    for args in (["query", "bodies_managed_by", "-p", "body=inst:ndrc"], ["query", "-e", "ASK { ?s ?p ?o }"]):
        result = run(*args, "--endpoint", url, "--timeout", "5")
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("govkg: error:") and url in lines[0]
        assert "Traceback" not in result.output


def test_endpoint_errors():
    assert run("query", "-e", "ASK {}", "--endpoint", "ftp://x").exit_code == 2
    result = run("query", "-e", "ASK {}", "--endpoint", "http://127.0.0.1:9/q", "--data", "x.ttl")
    assert result.exit_code == 2 and "--data cannot be combined with --endpoint" in result.output
