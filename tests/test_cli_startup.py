"""Heavy libraries stay off the start-up path: importing the CLI and answering `who` need no
rdflib, pyshacl, networkx or plotting library."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("rdflib", "pyshacl", "networkx", "plotly", "matplotlib", "owlrl")


def test_cli_import_and_who_do_not_load_heavy_libraries(tmp_path):
    code = (
        "import sys, json\n"
        "from govkg.cli import cli\n"
        "try:\n"
        "    cli(['who', '价格监督检查', '--format', 'json'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"GOVKG_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert loaded == [], loaded
    assert json.loads(done.stdout)["results"]


def test_every_command_has_help_and_appears_in_the_readme():
    from click.testing import CliRunner

    from conftest import ROOT
    from govkg.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and command.help, name
        assert f"govkg {name}" in readme, name
