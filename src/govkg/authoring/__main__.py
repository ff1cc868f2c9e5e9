"""``python -m govkg.authoring build [--out DIR] [--check]``: regenerate data/ from the tables."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from govkg.authoring import build_bundled
from govkg.authoring.builder import AuthoringError
from govkg.authoring.documents import sources_dir


@click.group()
def main() -> None:
    """The authoring layer of govkg (docs/authoring.md)."""


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="directory to write to (default: the package's data/ directory)")
@click.option("--check", is_flag=True, help="write nothing; exit 1 if data/ differs from the tables")
def build(out: Path | None, check: bool) -> None:
    """Build every table, check every quote, write deterministic Turtle."""
    target = out or sources_dir().parent
    try:
        b = build_bundled()
    except AuthoringError as exc:
        click.echo(f"govkg.authoring: {exc}", err=True)
        sys.exit(2)
    if check:
        with tempfile.TemporaryDirectory() as tmp:
            stale = [p.name for p in b.write(Path(tmp))
                     if not (target / p.name).exists() or (target / p.name).read_bytes() != p.read_bytes()]
        if stale:
            click.echo(f"out of date (run `python -m govkg.authoring build`): {', '.join(stale)}", err=True)
            sys.exit(1)
        click.echo("data/ is up to date with the tables")
        return
    for p in b.write(target):
        click.echo(f"wrote {p} ({len(b.graphs[p.name])} triples)")


if __name__ == "__main__":
    main()
