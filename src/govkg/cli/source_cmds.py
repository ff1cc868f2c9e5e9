"""``govkg source PASSAGE``: open a citation — the passage, its document, locator and context."""

from __future__ import annotations

import click

from govkg.cli.core import data_option
from govkg.output import echo_json, stdout_is_terminal

#: a context line longer than this is cut (the cited line itself is always shown whole)
WIDTH = 160


@click.command()
@click.argument("passage")
@click.option("--context", "-C", "context", type=int, default=1, show_default=True,
              help="Non-empty lines of the document to show before and after the passage (0-20).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default=None,
              help="Output format (default: text on a terminal, json otherwise).")
@data_option
def source(passage, context, fmt, data):
    """Show the source passage PASSAGE (src:L159-0-38, L95 or its IRI) as a citation.

    \b
    Prints the document's title, the locator, the quoted (or paraphrased) text, the lines
    around it in the bundled document, and what in the graph cites it. Reads only the
    bundled documents: no network. Exit 0, or 2 for an unknown or malformed passage id.
    Examples:
      govkg source src:L95
      govkg source L159-0-38 --context 2
      govkg source src:ref-L21-102-129 --format json
    """
    from govkg.passages import open_passage
    from govkg.sparql import open_backend

    fmt = fmt or ("text" if stdout_is_terminal() else "json")
    result = open_passage(open_backend(None, data), passage, context)
    if fmt == "json":
        echo_json(result)
    else:
        _print(result)


def _print(r: dict) -> None:
    doc = r["document"]
    title = " / ".join(t for t in (doc["label_zh"], doc["label_en"]) if t) or doc["iri"]
    click.echo(click.style(_curie(r["passage"]), bold=True) + f"  ({r['kind']})")
    click.echo(f"document: {title}" + (f"  [{doc['file']}]" if doc["file"] else ""))
    click.echo(f"locator:  {r['locator'] or '—'}")
    label = "quote:    " if r["kind"] == "quote" else "paraphrase (not the document's wording): "
    click.echo(f"{label}{r['text']}")
    if r["context"]:
        click.echo("")
        for c in r["context"]:
            text = c["text"] if c["cited"] or len(c["text"]) <= WIDTH else c["text"][:WIDTH] + "…"
            mark = ">" if c["cited"] else " "
            click.echo(f"{mark} {c['line']:>5} | {text}")
    elif not doc["bundled"]:
        click.echo("(the document is not bundled with govkg: no context to show)")
    if r["cited_by"]:
        click.echo("\ncited by:")
        for c in r["cited_by"]:
            names = " / ".join(t for t in (c["label_zh"], c["label_en"]) if t)
            click.echo(f"  {_curie(c['iri'])}" + (f"  {names}" if names else ""))
        if r["cited_by_truncated"]:
            click.echo("  …")


def _curie(iri: str) -> str:
    from govkg.namespaces import PREFIXES

    best = max((p for p, ns in PREFIXES.items() if iri.startswith(ns)), key=lambda p: len(PREFIXES[p]), default=None)
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


COMMANDS = [source]
