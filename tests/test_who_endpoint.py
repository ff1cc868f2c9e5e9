"""`govkg who` and `govkg history` give the same answers on live Oxigraph and Virtuoso servers
as on the embedded store (the servers are loaded with the exported graph)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from govkg.cli import cli

QUESTIONS = [
    ("价格监督检查", "2010-06-01"),
    ("价格监督检查", "2019-06-01"),
    ("價格監督檢查", "2019-06-01"),
    ("climate change", "2019-06-01"),
    ("主体功能区规划", "2015-01-01"),
    ("统筹推进数字经济发展", "2024-01-01"),
    ("绩效评价", "2022-01-01"),
    ("将数字经济发展纳入本级国民经济和社会发展规划", "2015-01-01"),
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("text,on", QUESTIONS)
def test_who_same_on_server(text, on, server):
    local = run("who", text, "--on", on, "--format", "json")
    remote = run("who", text, "--on", on, "--format", "json", *server.args)
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output)
    assert json.loads(local.output)["results"]


@pytest.mark.parametrize("name", ["发改委", "NDRC", "国家计划委员会", "inst:samr", "价格监督检查与反垄断执法职责"])
def test_history_same_on_server(name, server):
    local = run("history", name, "--format", "json")
    remote = run("history", name, "--format", "json", *server.args)
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output)


def test_unreachable_endpoint_is_one_line_exit_2():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("who", "价格", "--endpoint", f"http://127.0.0.1:{port}/query", "--timeout", "2")
    assert result.exit_code == 2
    assert "unreachable" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
