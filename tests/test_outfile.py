"""govkg.outfile.open_output: every -o is atomic for files and streams into FIFOs and devices."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading

import pytest

from govkg.errors import InputError
from govkg.outfile import check_target, open_output, write_output

NT = '<http://x.example/s> <http://x.example/p> "o" .\n'


def test_new_file_is_written_with_normal_permissions(tmp_path):
    target = tmp_path / "out.txt"
    write_output(target, "héllo\n")
    assert target.read_text(encoding="utf-8") == "héllo\n"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert os.listdir(tmp_path) == ["out.txt"]


def test_existing_file_is_replaced_whole_and_keeps_its_mode(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old content that is longer than the new one\n")
    target.chmod(0o640)
    write_output(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt(), InputError("bad")])
def test_failure_mid_write_leaves_the_old_file_and_no_temporary(tmp_path, failure):
    target = tmp_path / "page.html"
    target.write_bytes(b"the old page")
    with pytest.raises((InputError, KeyboardInterrupt)) as caught:
        with open_output(target, binary=True) as out:
            out.write(b"<html>half")
            raise failure
    if isinstance(failure, OSError):
        assert str(caught.value) == f"-o {target}: cannot write: No space left on device"
    assert target.read_bytes() == b"the old page"
    assert os.listdir(tmp_path) == ["page.html"]


def test_failure_on_a_new_name_leaves_nothing(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with open_output(tmp_path / "new.html") as out:
            out.write("<html>")
            raise KeyboardInterrupt
    assert os.listdir(tmp_path) == []


def test_sigterm_while_writing_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "page.html"
    target.write_bytes(b"the old page")
    script = textwrap.dedent(f"""
        import sys, time
        from govkg.outfile import open_output
        with open_output({str(target)!r}) as out:
            out.write("<html>half")
            out.flush()
            print("writing", flush=True)
            time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "writing\n"
        assert len(os.listdir(tmp_path)) == 2  # the temporary file exists while writing
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == -signal.SIGTERM
    finally:
        proc.kill()
        proc.stdout.close()
    assert target.read_bytes() == b"the old page"
    assert os.listdir(tmp_path) == ["page.html"]


def test_fifo_is_streamed_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()))
    reader.start()
    write_output(fifo, NT.encode())
    reader.join(timeout=10)
    assert received == [NT.encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def _device(tmp_path, name: str, minor: int) -> str:
    """A private copy of /dev/null (minor 3) or /dev/full (minor 7) when we may create one (root),
    so that a broken guard can only replace the copy; otherwise the real one, which an
    unprivileged user cannot replace anyway."""
    path = tmp_path / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, OSError):
        return f"/dev/{name}"
    return str(path)


def test_character_device_is_streamed_into_not_replaced(tmp_path):
    null = _device(tmp_path, "null", 3)
    write_output(null, "nothing\n")
    assert stat.S_ISCHR(os.stat(null).st_mode)
    controller, terminal = os.openpty()  # a terminal: what it receives can be read back
    try:
        write_output(os.ttyname(terminal), "to the terminal\n")
        assert b"to the terminal" in os.read(controller, 1000)
        assert stat.S_ISCHR(os.stat(os.ttyname(terminal)).st_mode)
    finally:
        os.close(controller)
        os.close(terminal)


def test_full_device_gives_one_line(tmp_path):
    full = _device(tmp_path, "full", 7)
    with pytest.raises(InputError) as caught:
        write_output(full, b"x" * 100_000)
    assert str(caught.value) == f"-o {full}: cannot write: No space left on device"
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_symlink_to_a_file_stays_a_link(tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["link.ttl", "real.ttl"]


def test_dev_stdout_and_a_link_to_it_write_into_the_shells_file(tmp_path):
    """`govkg export -o /dev/stdout >> file`: the output goes into the shell's open file (which
    is appended to, not replaced by a new file), and a link to /dev/stdout stays a link."""
    link = tmp_path / "out-link"
    link.symlink_to("/dev/stdout")
    for name in ("/dev/stdout", str(link)):
        shell_file = tmp_path / "shell.txt"
        shell_file.write_text("already there\n")
        inode = shell_file.stat().st_ino
        with open(shell_file, "ab") as stdout:
            subprocess.run([sys.executable, "-c", "from govkg.outfile import write_output; "
                            f"write_output({name!r}, 'through the shell\\n')"], stdout=stdout, check=True)
        assert shell_file.read_text() == "already there\nthrough the shell\n"
        assert shell_file.stat().st_ino == inode
    assert link.is_symlink() and os.readlink(link) == "/dev/stdout"


def test_dash_streams_to_stdout(capfdbinary):
    with open_output("-", binary=True) as out:
        out.write(b"to stdout\n")
    assert capfdbinary.readouterr().out == b"to stdout\n"


@pytest.mark.parametrize("make, why", [
    (lambda p: p.mkdir(), "it is a directory"),
    (lambda p: None, "does not exist"),
])
def test_unwritable_targets_are_one_line(tmp_path, make, why):
    target = tmp_path / "x" if why != "does not exist" else tmp_path / "missing-dir" / "x.ttl"
    make(target)
    for attempt in (lambda: check_target(target), lambda: write_output(target, "x")):
        with pytest.raises(InputError) as caught:
            attempt()
        assert why in str(caught.value) and str(target) in str(caught.value)
        assert "\n" not in str(caught.value)


def test_no_permission_to_create_is_one_line():
    with pytest.raises(InputError) as caught:
        write_output("/proc/govkg-test.ttl", "x")
    assert str(caught.value).startswith("-o /proc/govkg-test.ttl: cannot write: ")
    assert "\n" not in str(caught.value)


def test_writing_over_an_input_is_refused(tmp_path):
    data = tmp_path / "mine.ttl"
    data.write_text(NT)
    link = tmp_path / "alias.ttl"
    link.symlink_to(data)
    for target in (data, link):
        with pytest.raises(InputError) as caught:
            write_output(target, "overwritten", inputs=[str(data)])
        assert "input file" in str(caught.value)
    assert data.read_text() == NT


def test_export_cli_refuses_its_own_input_and_directories(tmp_path):
    """Through the installed command: one line, exit 2, the input untouched."""
    data = tmp_path / "mine.nt"
    data.write_text(NT)
    env = {**os.environ, "GOVKG_CACHE_DIR": str(tmp_path / "cache")}
    for target, why in ((data, "input file"), (tmp_path, "is a directory")):
        proc = subprocess.run([sys.executable, "-m", "govkg", "export", "--format", "nt", "--data", str(data),
                               "-o", str(target)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert why in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert data.read_text() == NT
