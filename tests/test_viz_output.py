"""`viz -o FILE` goes through govkg.outfile: a failure, a full disk or a kill while the picture is
drawn leaves the old file as it was and nothing beside it."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.cli import cli


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """Private temporary directories go here, so a test can see that none is left behind."""
    where = tmp_path / "tmp"
    where.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(where))
    return where


@pytest.mark.parametrize("kind, suffix, writer", [
    ("timeline", ".svg", "govkg.viz.static.render"),     # Graphviz writes the file
    ("org", ".html", "govkg.viz.html.write_output"),      # the page writer writes it
])
def test_a_full_disk_while_drawing_leaves_the_old_picture(tmp_path, scratch, monkeypatch, kind, suffix, writer):
    target = tmp_path / f"picture{suffix}"
    target.write_bytes(b"the old picture")
    module, name = writer.rsplit(".", 1)

    def full_disk(*args, **kwargs):
        path = Path(args[1] if name == "render" else args[0])
        path.write_bytes(b"<half a picture")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys.modules[module] if module in sys.modules else __import__(module, fromlist=[name]),
                        name, full_disk)
    result = CliRunner().invoke(cli, ["viz", kind, "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == b"the old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["picture" + suffix, "tmp"]
    assert list(scratch.iterdir()) == []


def test_sigterm_while_graphviz_draws_leaves_the_old_picture(tmp_path, scratch):
    """A fake `neato` writes half a picture and hangs; SIGTERM to govkg ends both, and the old
    file is untouched, with no temporary file beside it or in the temporary directory."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    started = tmp_path / "started"
    fake = bin_dir / "neato"
    fake.write_text("#!/bin/sh\nwhile [ $# -gt 0 ]; do [ \"$1\" = -o ] && out=$2; shift; done\n"
                    f"printf '<svg half' > \"$out\"; touch {started}; exec sleep 60\n", encoding="utf-8")
    fake.chmod(0o755)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "t.svg"
    target.write_bytes(b"the old picture")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "TMPDIR": str(scratch)}
    proc = subprocess.Popen([sys.executable, "-m", "govkg", "viz", "timeline", "--since", "2017", "--until", "2019",
                             "-o", str(target)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the fake neato never started"
            time.sleep(0.05)
        assert len(list(scratch.iterdir())) == 1  # the half picture is in a private directory
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == -signal.SIGTERM
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the fake neato, whatever happened
        except ProcessLookupError:
            pass
        proc.wait()
        proc.stderr.close()
    assert target.read_bytes() == b"the old picture"
    assert os.listdir(out_dir) == ["t.svg"]
    assert list(scratch.iterdir()) == []
