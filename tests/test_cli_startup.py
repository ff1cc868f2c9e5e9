"""Heavy libraries stay off the start-up path: importing the CLI and answering `who` need no
rdflib, pyshacl, networkx or plotting library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("rdflib", "pyshacl", "networkx", "plotly", "matplotlib", "owlrl", "rich", "rjieba", "jieba", "numpy")


def _who_code(fmt: str) -> str:
    return (
        "import sys, json\n"
        "from govkg.cli import cli\n"
        "try:\n"
        f"    cli(['who', '价格监督检查', '--format', {fmt!r}], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)), file=sys.stderr)\n"
    )


@pytest.fixture(scope="module")
def warm_env(tmp_path_factory):
    """A cache with its search index already built (building it runs jieba), shared by the formats."""
    env = {"GOVKG_CACHE_DIR": str(tmp_path_factory.mktemp("startup-cache")), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", _who_code("json")], capture_output=True, env=env, check=False)
    return env


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_cli_import_and_who_do_not_load_heavy_libraries(warm_env, fmt):
    """Neither the RDF/SHACL libraries, nor rich (the text table measures cells with unicodedata),
    nor jieba (queries are cut against the index's own words) load on the `who` path once the
    cache and its index are built (jieba runs when the index is built)."""
    done = subprocess.run([sys.executable, "-c", _who_code(fmt)], capture_output=True, text=True, env=warm_env)
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert loaded == [], loaded
    if fmt == "json":
        assert json.loads(done.stdout)["results"]
    else:
        assert "价格监督检查" in done.stdout


def test_cells_count_wide_characters_twice():
    from govkg.who_text import _cells

    assert _cells("价格 ab") == 7 and _cells("ＡＢ") == 4 and _cells("e\u0301") == 1


def test_every_command_has_help_and_appears_in_the_readme():
    from click.testing import CliRunner

    from conftest import ROOT
    from govkg.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.list_commands(None):
        command = cli.get_command(None, name)
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and command.help, name
        assert f"govkg {name}" in readme, name


def test_the_command_table_names_every_command_of_every_module():
    """COMMAND_MODULES (what `govkg` loads on demand) is exactly the modules' COMMANDS."""
    import importlib
    import pkgutil

    import govkg.cli
    from govkg.cli import COMMAND_MODULES

    defined = {}
    for info in pkgutil.iter_modules(govkg.cli.__path__):
        module = importlib.import_module(f"govkg.cli.{info.name}")
        defined.update({c.name: info.name for c in getattr(module, "COMMANDS", [])})
    assert defined == COMMAND_MODULES


def test_who_loads_only_its_own_command_module(warm_env):
    code = _who_code("json") + (
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('govkg.cli.'))), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=warm_env)
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert "govkg.cli.lookup" in loaded and not {"govkg.cli.analysis_cmds", "govkg.cli.query_cmds",
                                                 "govkg.cli.procurement", "govkg.cli.qzqd_cmds"} & set(loaded), loaded


def test_the_console_script_answers_who_without_click_pyoxigraph_or_opencc(warm_env):
    """The console script's `who` on a built cache (govkg.who_fast): none of the libraries
    whose loading dominated the process is imported (Python's own import log says which were),
    and the answer is there."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "govkg", "who", "价格监督检查", "--format", "json"],
                          capture_output=True, text=True, env=warm_env)
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "govkg.who_fast" in imported and "sqlite3" in imported  # the log is read right
    unwanted = {"click", "pyoxigraph", "opencc", "typing", "dataclasses", *HEAVY}
    assert (done.returncode, sorted(unwanted & imported)) == (0, [])
    assert json.loads(done.stdout)["results"][0]["holder"]
