"""The built wheel carries the ontology, data, shapes and queries: installed into a fresh
virtual environment, `govkg stats` runs from an unrelated directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from conftest import ROOT


def test_wheel_in_a_fresh_venv_runs_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("govkg-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # Install only govkg itself into the fresh venv; its dependencies come from this test
    # environment's site-packages via PYTHONPATH (an editable govkg there is a .pth finder,
    # which PYTHONPATH does not activate, so only the wheel's copy can be imported).
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"], "GOVKG_CACHE_DIR": str(tmp_path / "cache")}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(python), "-c", "import govkg; print(govkg.__file__)"], cwd=elsewhere, env=env,
                           check=True, capture_output=True, text=True).stdout.strip()
    assert Path(where).is_relative_to(env_dir), where
    stats = subprocess.run([str(env_dir / "bin" / "govkg"), "stats", "--format", "json"], cwd=elsewhere, env=env,
                           capture_output=True, text=True)
    assert stats.returncode == 0, stats.stderr
    counts = json.loads(stats.stdout)
    assert counts["departments"] == 31 and counts["duties"] > 150 and counts["triples"] > 5000  # 30 NDRC units + the Guangzhou leading group office
    module = subprocess.run([str(python), "-m", "govkg", "validate", "--engine", "fast"], cwd=elsewhere, env=env,
                            capture_output=True, text=True)
    assert module.returncode == 0, module.stdout + module.stderr


def test_every_subpackage_is_declared_in_pyproject():
    import tomllib

    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    src = ROOT / "src" / "govkg"
    found = set()
    for init in src.rglob("__init__.py"):
        rel = init.parent.relative_to(src).as_posix()
        found.add("govkg" if rel == "." else "govkg." + rel.replace("/", "."))
    assert found <= declared, found - declared


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "python -m pip install -e '.[test]' && python -m pytest -q -n auto"
    assert command in readme
    assert command in ci
