"""The output options every command shares, as click options: ``--format`` and ``-o FILE``.

The vocabulary they use (format names, the suffix table, the rule that turns ``--format``/``-o``
into what a command writes, and :class:`Output`) is :mod:`govkg.output_target`, which needs no
click; it is re-exported here for the commands.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import click

from govkg.output_target import (  # noqa: F401  (the vocabulary, re-exported for the commands)
    FORMATS,
    SUFFIXES,
    SYNONYMS,
    Output,
    colour_wanted,
    page,
    pager_command,
    resolve_format,
    stdout_is_terminal,
    write_file,
)


def output_options(formats: Sequence[str], default: str = "auto", suffixes: dict[str, str] | None = None,
                   output_required: bool = False, output_help: str | None = None,
                   default_help: str | None = None) -> Callable:
    """Add ``--format`` (the ``formats`` this command offers) and ``-o/--output FILE``.

    The decorated command receives ``out`` (an :class:`Output`) instead of ``fmt``/``output``;
    what it collects in ``out`` is written when it returns (also when it exits 1 "nothing
    found"), and nothing is written when it fails.
    """
    offered = list(formats) + [s for s, target in SYNONYMS.items() if target in formats and s not in formats]
    default_help = default_help or ("text on a terminal, json otherwise" if default == "auto" else default)
    fmt_help = "Output format: " + ", ".join(offered) + f" [default: from the -o suffix, else {default_help}]."

    def decorate(command):
        @functools.wraps(command)
        def wrapper(*args, fmt=None, output=None, **kwargs):
            chosen = resolve_format(fmt, output, formats, default, suffixes)
            out = Output(chosen, output)
            try:
                result = command(*args, out=out, **kwargs)
            except SystemExit as exc:
                if exc.code in (0, 1, None):
                    out.flush()
                raise
            out.flush()
            return result

        wrapper = click.option("-o", "--output", "output", metavar="FILE", required=output_required,
                               help=output_help or "Write to FILE (atomically) instead of standard output; "
                                                   "'-' is standard output.")(wrapper)
        wrapper = click.option("--format", "fmt", type=click.Choice(offered), default=None,
                               help=fmt_help)(wrapper)
        return wrapper

    return decorate

