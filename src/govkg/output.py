"""Rendering helpers shared by the commands: terminal tables, JSON, progress bars, colour.

rich is imported only when a table or progress bar is actually drawn. Commands write through
:class:`govkg.cli.output_options.Output`; the helpers here only turn data into text.
"""

from __future__ import annotations

import atexit
import io
import json
import sys
from collections.abc import Callable, Sequence

import click

#: Colours of finding severities (validate, check-procurement), one definition for both.
SEVERITY_STYLE = {"Violation": {"fg": "red", "bold": True}, "Warning": {"fg": "yellow"},
                  "Info": {"fg": "cyan"}}


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def echo_json(payload) -> None:
    """Print JSON with Chinese kept readable (not \\u-escaped)."""
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def render_table(headers: Sequence[str], rows: Sequence[Sequence], title: str | None = None,
                 width: int | None = None, colour: bool = False) -> str:
    """A table as text: rich boxes fitted to ``width`` columns (None: as wide as the cells).

    Cells wrap at spaces only where they must; Chinese text has no spaces, so a Chinese name
    is only ever folded when it alone is wider than the whole column budget.
    """
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 10_000, force_terminal=colour,
                      color_system="standard" if colour else None, soft_wrap=False, highlight=False)
    t = Table(title=title, show_lines=False, header_style="bold" if colour else "")
    for h in headers:
        t.add_column(h, overflow="fold")
    for row in rows:
        t.add_row(*["" if v is None else str(v) for v in row])
    console.print(t)
    text = buffer.getvalue()
    if width is None:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text


def table(headers: Sequence[str], rows: Sequence[Sequence], title: str | None = None) -> None:
    """Print a table to standard output (for callers that do not use an Output)."""
    import shutil

    width = shutil.get_terminal_size((100, 24)).columns if stdout_is_terminal() else None
    click.echo(render_table(headers, rows, title, width=width), nl=False)


# ------------------------------------------------------------------ progress

_LIVE: list = []


def finish_progress() -> None:
    """Stop every progress bar still drawn (transient bars erase themselves): called before a
    command writes its output, so no last frame is left on the line."""
    while _LIVE:
        bar = _LIVE.pop()
        try:
            bar.stop()
        except Exception:  # noqa: BLE001 - a bar that cannot stop must not break the output
            pass


atexit.register(finish_progress)


def progress_factory(enabled: bool, label: str) -> Callable[[int], Callable[[int], None]] | None:
    """A progress-bar factory for byte-counted work, or None when standard error is no terminal.

    The bar goes to standard error, is transient (erased when stopped) and is stopped when the
    work is done or, at the latest, when the command writes its output (:func:`finish_progress`).
    Work under ~2 MB draws nothing.
    """
    if not enabled or not sys.stderr.isatty():
        return None

    def factory(total: int) -> Callable[[int], None]:
        if total < 2_000_000:  # under ~2 MB parses in well under a second
            return lambda n: None
        from rich.console import Console
        from rich.progress import Progress

        progress = Progress(transient=True, console=Console(stderr=True))
        progress.start()
        _LIVE.append(progress)
        task = progress.add_task(label, total=total)
        done = [0]

        def advance(n: int) -> None:
            done[0] += n
            progress.update(task, advance=n)
            if done[0] >= total and progress in _LIVE:
                _LIVE.remove(progress)
                progress.stop()

        return advance

    return factory
