"""``govkg source PASSAGE``: open a citation — the passage, its document, locator and context."""

from __future__ import annotations

import click

from govkg.cli.core import data_option
from govkg.cli.output_options import output_options

#: a context line longer than this is cut (the cited line itself is always shown whole)
WIDTH = 160


@click.command()
@click.argument("passage")
@click.option("--context", "-C", "context", type=int, default=1, show_default=True,
              help="Non-empty lines of the document to show before and after the passage (0-20).")
@output_options(["text", "json"])
@data_option
def source(passage, context, data, out):
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

    result = open_passage(open_backend(None, data), passage, context)
    if out.fmt == "json":
        out.json(result)
    else:
        _print(result, out)


def _print(r: dict, out) -> None:
    doc = r["document"]
    title = " / ".join(t for t in (doc["label_zh"], doc["label_en"]) if t) or doc["iri"]
    out.echo(out.style(_curie(r["passage"]), bold=True) + f"  ({r['kind']})")
    out.echo(f"document: {title}" + (f"  [{doc['file']}]" if doc["file"] else ""))
    out.echo(f"locator:  {r['locator'] or '—'}")
    label = "quote:    " if r["kind"] == "quote" else "paraphrase (not the document's wording): "
    out.echo(f"{label}{r['text']}")
    if r["context"]:
        out.echo("")
        for c in r["context"]:
            text = c["text"] if c["cited"] or len(c["text"]) <= WIDTH else c["text"][:WIDTH] + "…"
            mark = ">" if c["cited"] else " "
            out.echo(f"{mark} {c['line']:>5} | {text}")
    elif not doc["bundled"]:
        out.echo("(the document is not bundled with govkg: no context to show)")
    if r["cited_by"]:
        out.echo("\ncited by:")
        for c in r["cited_by"]:
            names = " / ".join(t for t in (c["label_zh"], c["label_en"]) if t)
            out.echo(f"  {_curie(c['iri'])}" + (f"  {names}" if names else ""))
        if r["cited_by_truncated"]:
            out.echo("  …")


def _curie(iri: str) -> str:
    from govkg.namespaces import PREFIXES

    best = max((p for p, ns in PREFIXES.items() if iri.startswith(ns)), key=lambda p: len(PREFIXES[p]), default=None)
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


COMMANDS = [source]
