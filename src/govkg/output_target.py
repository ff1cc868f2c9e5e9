"""What a command writes and where: format names, the -o suffix rule, and :class:`Output`.

The click side (the ``--format``/``-o`` options themselves) is :mod:`govkg.cli.output_options`;
this half needs no click, so ``govkg who`` (:mod:`govkg.who_fast`) writes through the same
:class:`Output` without loading it.

The output options every command shares: ``--format`` and ``-o FILE``, defined once.

Why one module: the commands used to spell formats differently (``table|json`` here,
``text|json`` there), some had no ``-o`` at all, and ``export -o g.foo`` wrote Turtle without a
word. Here is the single vocabulary of format names, the single suffix table, and the single
rule that turns ``--format``/``-o`` into what a command writes:

1. ``--format`` given: it is used (it must be one the command offers — click refuses others).
2. else ``-o FILE``: the suffix decides (``.json`` → json, ``.csv`` → csv, ``.svg`` → svg …);
   a suffix the command cannot write is refused (exit 2), never guessed.
3. else the command's default: ``auto`` is ``text`` on a terminal and ``json`` in a pipe.

What the command prints goes through :class:`Output`: to standard output (through a pager when
it is long and standard output is a terminal, as git does; colour only on a terminal and never
with ``NO_COLOR``), or to ``-o FILE`` written atomically (temporary file, then rename), so a
failed command leaves no half-written file. ``-o -`` means standard output.
"""

from __future__ import annotations

import json
import os
import sys

from govkg.errors import InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Sequence

#: Every format name any command accepts, with what it means.  A command offers a subset.
FORMATS: dict[str, str] = {
    "text": "for reading: tables and reports (the default on a terminal)",
    "table": "the same as text",
    "json": "JSON (SPARQL 1.1 results JSON for query; the default in a pipe)",
    "csv": "comma-separated values",
    "tsv": "tab-separated values",
    "markdown": "a Markdown table",
    "turtle": "RDF Turtle",
    "json-ld": "RDF JSON-LD (compact, with the published context)",
    "nt": "RDF N-Triples",
    "nquads": "RDF N-Quads",
    "xml": "RDF/XML",
    "html": "an interactive page that works offline",
    "svg": "a scalable picture",
    "png": "a raster picture (200 dpi)",
    "xlsx": "an Excel workbook (check-procurement: the sheet back with the findings)",
}

#: Which format a file suffix means (used when ``--format`` is not given).
SUFFIXES: dict[str, str] = {
    ".txt": "text", ".json": "json", ".csv": "csv", ".tsv": "tsv", ".md": "markdown",
    ".ttl": "turtle", ".jsonld": "json-ld", ".nt": "nt", ".nq": "nquads",
    ".rdf": "xml", ".xml": "xml", ".owl": "xml",
    ".html": "html", ".htm": "html", ".svg": "svg", ".png": "png",
}

#: Synonyms kept so old scripts keep working; each maps to the canonical name.
SYNONYMS = {"table": "text"}


def resolve_format(fmt: str | None, path: str | None, offered: Sequence[str], default: str,
                   suffixes: dict[str, str] | None = None, terminal: bool | None = None) -> str:
    """The format a command writes, by the rule in the module docstring (InputError if none)."""
    if fmt:
        return SYNONYMS.get(fmt, fmt)
    if path and path != "-":
        if os.path.isdir(path):
            raise InputError(f"-o {path}: is a directory; name a file to write")
        suffix = os.path.splitext(path)[1].lower()
        table = {**SUFFIXES, **(suffixes or {})}
        found = table.get(suffix)
        if found is None or found not in offered:
            choices = ", ".join(sorted({s for s, f in table.items() if f in offered}))
            raise InputError(f"-o {path}: cannot tell the format from {suffix or 'a name without suffix'!r}; "
                             f"use a suffix this command writes ({choices}) or give --format")
        return found
    if default == "auto":
        if terminal is None:
            terminal = stdout_is_terminal()
        return "text" if terminal else "json"
    return default


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (one place, so tests can pretend it is)."""
    return sys.stdout.isatty()


def colour_wanted(terminal: bool) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    return terminal and not os.environ.get("NO_COLOR")


class Output:
    """Where a command's output goes and in which format.

    Text is collected and written when the command ends (see :func:`output_options`): to a
    file atomically, or to standard output, paged when long on a terminal.
    """

    def __init__(self, fmt: str, path: str | None):
        self.fmt = fmt
        self.path = None if path in (None, "-") else path
        self.terminal = self.path is None and stdout_is_terminal()
        self.colour = colour_wanted(self.terminal)
        self._parts: list[str] = []
        self._binary: bytes | None = None
        self.written = False

    # -- building the output

    def echo(self, text: str = "") -> None:
        self._parts.append(text + "\n")

    def json(self, payload) -> None:
        """JSON with Chinese kept readable (not \\u-escaped)."""
        self.echo(json.dumps(payload, ensure_ascii=False, indent=2))

    def raw(self, text: str) -> None:
        """Text written as is (already rendered CSV, TSV, Markdown …)."""
        self._parts.append(text)

    def binary(self, data: bytes) -> None:
        self._binary = (self._binary or b"") + data

    def style(self, text: str, **styles) -> str:
        """``click.style`` when colour is wanted, else the text unchanged."""
        if not self.colour:
            return text
        import click

        return click.style(text, **styles)

    def width(self) -> int | None:
        """Columns to fit: the terminal's; None (no limit) in files and pipes."""
        if self.terminal:
            import shutil

            return shutil.get_terminal_size((100, 24)).columns
        return None

    def table(self, headers: Sequence[str], rows: Sequence[Sequence], title: str | None = None) -> None:
        from govkg.output import render_table

        self.raw(render_table(headers, rows, title, width=self.width(), colour=self.colour))

    # -- writing it

    def text(self) -> str:
        return "".join(self._parts)

    def flush(self) -> None:
        """Write what was collected (once)."""
        if self.written:
            return
        self.written = True
        bars = sys.modules.get("govkg.output")  # progress bars are drawn only by that module
        if bars is not None:
            bars.finish_progress()
        data = self._binary if self._binary is not None else self.text().encode("utf-8")
        if self.path is not None:
            write_file(self.path, data)
            return
        if self._binary is None and self.terminal and page(self.text()):
            return
        stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
        if stream is None:  # a text-only stream (tests)
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()

    def file_path(self, inputs=()):
        """A context manager giving a private path for writers that want a file name (Graphviz,
        the HTML writer); what they wrote replaces ``-o FILE`` only when the block succeeds
        (``govkg.outfile``). contextlib is imported here, by the commands that write files only."""
        from contextlib import contextmanager

        return contextmanager(self._file_path)(inputs)

    def _file_path(self, inputs):
        if self.path is None:
            raise InputError("this output needs a file: give -o FILE")
        from govkg.outfile import temporary_output

        with temporary_output(self.path, inputs=inputs) as path:
            yield path
        self.written = True


def write_file(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (the one place -o files are written)."""
    from govkg.outfile import write_output

    write_output(path, data)


def pager_command() -> list[str] | None:
    """The pager to use: ``$GOVKG_PAGER``, else ``$PAGER``, else ``less``; None for none
    (empty or ``cat``)."""
    import shlex
    import shutil

    text = os.environ.get("GOVKG_PAGER", os.environ.get("PAGER", "less"))
    args = shlex.split(text) if text.strip() else []
    if not args or args == ["cat"]:
        return None
    if shutil.which(args[0]) is None:
        return None
    return args


def page(text: str) -> bool:
    """Show ``text`` through the pager when it is taller than the terminal (True if paged).

    As git does: ``less`` with ``LESS=FRX`` (quit if it fits, keep colours, leave the text on
    the screen) unless the user set ``LESS``.
    """
    import shutil
    import subprocess

    height = shutil.get_terminal_size((100, 24)).lines
    if text.count("\n") < height - 1:
        return False
    args = pager_command()
    if args is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    try:
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early
        pass
    proc.wait()
    return True


