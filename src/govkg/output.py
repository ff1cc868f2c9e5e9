"""Rendering helpers shared by the commands: terminal tables, JSON, progress bars.

rich is imported only when a table or progress bar is actually drawn.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence

import click


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def echo_json(payload) -> None:
    """Print JSON with Chinese kept readable (not \\u-escaped)."""
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def table(headers: Sequence[str], rows: Sequence[Sequence], title: str | None = None) -> None:
    """Print a table: rich boxes on a terminal, plain aligned text in pipes."""
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=not stdout_is_terminal(), width=None if stdout_is_terminal() else 200)
    t = Table(title=title, show_lines=False, header_style="bold")
    for h in headers:
        t.add_column(h, overflow="fold")
    for row in rows:
        t.add_row(*["" if v is None else str(v) for v in row])
    console.print(t)


def progress_factory(enabled: bool, label: str) -> Callable[[int], Callable[[int], None]] | None:
    """A progress-bar factory for byte-counted work, or None when not on a terminal.

    The bar is only drawn when the work outlasts a second (rich's transient bar with a delay),
    so small graphs load silently.
    """
    if not enabled or not sys.stderr.isatty():
        return None

    def factory(total: int) -> Callable[[int], None]:
        if total < 2_000_000:  # under ~2 MB parses in well under a second
            return lambda n: None
        from rich.progress import Progress

        progress = Progress(transient=True, console=None)
        progress.start()
        task = progress.add_task(label, total=total)
        done = [0]

        def advance(n: int) -> None:
            done[0] += n
            progress.update(task, advance=n)
            if done[0] >= total:
                progress.stop()

        return advance

    return factory
