"""`govkg who` without click (govkg.who_fast) answers exactly as the click command does, and
leaves to it every command line it does not handle."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from govkg import who_fast
from govkg.cli import cli


@pytest.fixture(scope="module", autouse=True)
def built_cache():
    """A built cache of the bundled graph (the test run's own cache folder, see conftest)."""
    from govkg.sparql import open_backend

    open_backend().store


def fast(args, capsysbinary) -> tuple[int | None, bytes]:
    code = who_fast.run(list(args))
    return code, capsysbinary.readouterr().out


HANDLED = [
    ["价格监督检查"],
    ["价格监督检查", "--on", "2010-06-01"],
    ["--on=2019-06-01", "價格監督檢查"],
    ["price", "supervision", "--limit", "3", "--on", "2012-01-01"],
    ["--limit=1", "--format=text", "国家粮食储备"],
    ["谁负责", "政府购买服务的绩效评价", "--format", "table", "--on", "2020-05-01"],
    ["--format", "json", "--", "东北振兴"],
    ["xyzzyq"],  # nothing found: exit 1
    ["who handles anti-monopoly enforcement?", "--on", "2016-01-01"],
]


@pytest.mark.parametrize("args", HANDLED, ids=lambda a: " ".join(a))
def test_the_fast_path_prints_what_the_click_command_prints(args, capsysbinary):
    code, printed = fast(args, capsysbinary)
    assert code is not None, "declined a command line it should answer"
    clicked = CliRunner().invoke(cli, ["who", *args])
    assert (code, printed.decode("utf-8")) == (clicked.exit_code, clicked.stdout)
    assert printed


DECLINED = [
    ["价格", "--long"],  # the rich table: the click command
    ["-h"], ["价格", "--help"],
    ["价格", "--on", "2019-02-30"],  # the click command reports the bad date
    ["价格", "--limit", "0"], ["价格", "--limit", "-1"], ["价格", "--limit", "x"],
    ["价格", "--format", "csv"],
    ["价格", "-o", "answer.json"], ["价格", "--data", "x.ttl"], ["价格", "--endpoint", "http://127.0.0.1:9/"],
    ["价格", "--on", "2010-01-01", "--on", "2011-01-01"],
    ["价格", "--on"],
    ["价格\udcff"],  # invalid UTF-8 on the command line
    [], ["--"], ["--on", "2010-01-01"],
]


@pytest.mark.parametrize("args", DECLINED, ids=lambda a: " ".join(a).encode("utf-8", "replace").decode() or "none")
def test_everything_else_is_left_to_the_click_command(args, capsysbinary):
    assert fast(args, capsysbinary) == (None, b"")


def test_declined_until_the_cache_and_its_index_are_built(tmp_path, monkeypatch, capsysbinary):
    monkeypatch.setenv("GOVKG_CACHE_DIR", str(tmp_path))
    assert fast(["价格监督检查"], capsysbinary) == (None, b"")


def test_its_options_are_the_click_commands():
    command = cli.get_command(None, "who")
    params = {opt: p for p in command.params for opt in p.opts}
    for option, choices in who_fast.OPTIONS.items():
        assert option in params, option
        if choices is not None:
            assert set(choices) <= set(params[option].type.choices), option
