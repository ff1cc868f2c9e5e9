"""The one way govkg writes an output file (every ``-o`` goes through :func:`open_output`).

Why one function: the person running govkg must never lose a file. So

* ``-`` (or no path) streams to standard output;
* a FIFO, a character device (``/dev/null``, a terminal) or a ``/dev/stdout``-style name is
  *streamed into*, never replaced by a regular file;
* a regular file (or a new name) is written to a temporary file in the same directory, flushed
  and fsynced, then renamed over the target in one step: a kill, a full disk or an error
  leaves the old file as it was and no temporary file behind;
* a symbolic link to a regular file keeps the link: its target is replaced;
* an output that is one of the command's inputs is refused (it would be read half-written);
* a directory, a block device, a socket, a missing directory or no permission is a one-line
  :class:`~govkg.errors.GovkgError` naming the path.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from govkg.errors import InputError

#: names that mean "an already open file descriptor of this process"
_FD_DIRS = ("/dev/fd/", "/proc/self/fd/")
_STD_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}


def _fail(label: str, path: str, why: str) -> InputError:
    return InputError(f"{label} {path}: cannot write: {why}")


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _fd_name(path: str) -> int | None:
    if path in _STD_NAMES:
        return _STD_NAMES[path]
    for prefix in _FD_DIRS + (f"/proc/{os.getpid()}/fd/",):
        if path.startswith(prefix) and path[len(prefix):].isdigit():
            return int(path[len(prefix):])
    return None


def _inherited_fd(path: str) -> int | None:
    """The descriptor number when ``path`` is, or links to, /dev/stdout, /dev/stderr,
    /dev/fd/N or /proc/self/fd/N (so ``-o /dev/stdout > file`` writes into the shell's file
    instead of replacing it)."""
    current = os.path.abspath(path)
    for _ in range(40):
        number = _fd_name(current)
        if number is not None:
            return number
        try:
            link = os.readlink(current)
        except OSError:
            return None
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return None


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _check_not_input(label: str, path: str, target: os.stat_result, inputs: Iterable) -> None:
    for item in inputs:
        if item is None or str(item) == "-":
            continue
        try:
            other = os.stat(item)
        except OSError:
            continue
        if _same_file(target, other):
            raise InputError(f"{label} {path}: refusing to write over an input file ({item})")


def check_distinct(targets: dict) -> None:
    """Refuse two outputs of one command onto one file (``{"--report": a, "-o": b}``): the second
    write would silently replace the first. Names are compared as the paths they resolve to, so
    ``./x.json``, ``x.json`` and a symlink to it are one file; ``-`` and None are not files."""
    seen: dict[str, str] = {}
    for label, path in targets.items():
        if path is None or str(path) == "-" or _fd_name(os.fspath(path)) is not None:
            continue
        real = os.path.realpath(os.fspath(path))
        if real in seen:
            raise InputError(f"{label} {path}: the same file as {seen[real]}; give each output its own file")
        seen[real] = f"{label} {path}"


@contextmanager
def open_output(path: str | os.PathLike | None, binary: bool = False, inputs: Iterable = (),
                label: str = "-o", encoding: str = "utf-8") -> Iterator[IO]:
    """A writable handle for ``path``; the output is in place when the ``with`` block ends.

    Args:
        path: a file name, ``"-"`` or None (standard output).
        binary: yield a bytes handle instead of a text (UTF-8) one.
        inputs: the files the command reads; writing over one of them is refused.
        label: how the option is named in messages (``-o``, ``--output``).

    Raises:
        InputError: the target cannot be written (one line naming the path and why).
    """
    if path is None or str(path) == "-":
        yield from _stream_stdout(binary)
        return
    name = os.fspath(path)
    fd_number = _inherited_fd(name)
    if fd_number is not None:
        yield from _stream_fd(name, fd_number, binary, label, encoding)
        return
    info = check_target(name, inputs, label)
    if info is not None and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        yield from _stream_special(name, binary, label, encoding)
        return
    yield from _atomic(name, info, binary, label, encoding)


def check_target(path: str | os.PathLike | None, inputs: Iterable = (), label: str = "-o") -> os.stat_result | None:
    """Refuse early (before any work) a target :func:`open_output` would refuse.

    Returns what the name points at now (None when it does not exist or is standard output).
    """
    if path is None or str(path) == "-" or _inherited_fd(os.fspath(path)) is not None:
        return None
    name = os.fspath(path)
    try:
        info = os.stat(name)  # follows symlinks: what matters is what the name points at
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _fail(label, name, _why(exc)) from None
    if info is None:
        directory = Path(os.path.realpath(name)).parent
        if not directory.is_dir():
            raise _fail(label, name, f"directory {directory} does not exist")
        if not os.access(directory, os.W_OK | os.X_OK):
            raise _fail(label, name, f"no permission to create files in {directory}")
        return None
    _check_not_input(label, name, info, inputs)
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise _fail(label, name, "it is a directory")
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
        raise _fail(label, name, f"it is {kind}")
    return info


@contextmanager
def temporary_output(path: str | os.PathLike, inputs: Iterable = (), label: str = "-o") -> Iterator[str]:
    """A private file name for writers that want a path (Graphviz, the picture writers); what
    they wrote is put in place through :func:`open_output` when the block succeeds.

    The file lives in a private temporary directory, never beside the target: a failure, a full
    disk, Ctrl-C or SIGTERM/SIGHUP while the writer runs (even a child process such as Graphviz)
    removes it and leaves the target as it was.
    """
    name = os.fspath(path)
    check_target(name, inputs, label)
    suffix = Path(name).suffix
    try:
        directory = tempfile.mkdtemp(prefix="govkg-out-")
    except OSError as exc:
        raise _fail(label, name, f"no temporary directory: {_why(exc)}") from None
    scratch = os.path.join(directory, "output" + suffix)
    try:
        with _cleanup_on_signals():
            yield scratch
            with open(scratch, "rb") as written:
                data = written.read()
        _remove_tree(directory)  # before the write: a signal during it ends the process at once
        write_output(name, data, inputs=inputs, label=label)
    except _Terminated as exc:
        _remove_tree(directory)
        signal.signal(exc.signum, signal.SIG_DFL)
        os.kill(os.getpid(), exc.signum)
        raise
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise _fail(label, name, _why(exc)) from None
    finally:
        _remove_tree(directory)


def _remove_tree(directory: str) -> None:
    import shutil

    shutil.rmtree(directory, ignore_errors=True)


def write_output(path, data: bytes | str, inputs: Iterable = (), label: str = "-o") -> None:
    """Write all of ``data`` to ``path`` through :func:`open_output`."""
    with open_output(path, binary=isinstance(data, bytes), inputs=inputs, label=label) as handle:
        handle.write(data)


# ------------------------------------------------------------------ streams


def _stream_stdout(binary: bool):
    stream = sys.stdout.buffer if binary else sys.stdout
    yield stream
    stream.flush()


def _text(handle, binary: bool, encoding: str):
    return handle if binary else io.TextIOWrapper(handle, encoding=encoding, newline="")


def _stream_fd(name: str, number: int, binary: bool, label: str, encoding: str):
    """Write to an inherited descriptor by duplicating it: no reopen, no truncation."""
    if number in (1, 2):
        stream = sys.stdout if number == 1 else sys.stderr
        stream.flush()
    try:
        fd = os.dup(number)
    except OSError as exc:
        raise _fail(label, name, _why(exc)) from None
    yield from _write_through(fd, name, binary, label, encoding)


def _write_through(fd: int, name: str, binary: bool, label: str, encoding: str):
    """Yield a handle on the open descriptor ``fd``; a broken pipe stays a BrokenPipeError (the
    CLI ends quietly), any other write error becomes one line naming ``name``."""
    handle = _text(os.fdopen(fd, "wb"), binary, encoding)
    try:
        yield handle
        handle.flush()
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise BrokenPipeError(exc.errno, exc.strerror) from None
        raise _fail(label, name, _why(exc)) from None
    finally:
        _close_quietly(handle)


def _stream_special(name: str, binary: bool, label: str, encoding: str):
    """A FIFO or a character device: open for writing without creating or truncating."""
    try:
        fd = os.open(name, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _fail(label, name, _why(exc)) from None
    yield from _write_through(fd, name, binary, label, encoding)


def _close_quietly(handle) -> None:
    try:
        handle.close()
    except OSError:
        pass


# ------------------------------------------------------------------ regular files


class _Terminated(BaseException):
    """SIGTERM/SIGHUP arrived while a temporary file was open: clean up, then die by it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _cleanup_on_signals():
    """Turn SIGTERM and SIGHUP into an exception while writing, so the temp file is removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}

    def handler(signum, frame):
        raise _Terminated(signum)

    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is None:
            continue
        try:
            previous[signum] = signal.signal(signum, handler)
        except (ValueError, OSError):
            pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _atomic(name: str, existing: os.stat_result | None, binary: bool, label: str, encoding: str):
    target = Path(os.path.realpath(name))  # a symlink (even a dangling one) keeps being a link
    directory = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _fail(label, name, _why(exc)) from None
    raw = os.fdopen(fd, "wb")
    handle = _text(raw, binary, encoding)
    try:
        with _cleanup_on_signals():
            yield handle
            handle.flush()
            raw.flush()
            os.fsync(raw.fileno())
            handle.close()
            if existing is not None:
                os.chmod(tmp, stat.S_IMODE(existing.st_mode))
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
        _fsync_directory(directory)
    except BaseException as exc:
        _close_quietly(handle)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, _Terminated):
            signal.signal(exc.signum, signal.SIG_DFL)
            os.kill(os.getpid(), exc.signum)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise _fail(label, name, _why(exc)) from None
        raise


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
