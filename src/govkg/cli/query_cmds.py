"""``govkg query``, ``govkg queries`` and ``govkg export``: read the graph with SPARQL, export it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govkg.cli.graph_options import data_option, graph_options
from govkg.errors import InputError
from govkg.output import echo_json, stdout_is_terminal

RESULT_FORMATS = ["table", "csv", "tsv", "json", "markdown", "turtle", "json-ld", "nt"]
EXPORT_FORMATS = ["turtle", "json-ld", "nt", "nquads", "xml"]
_SUFFIX_FORMATS = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt",
                   ".nq": "nquads", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}


def _read_query(source: str | None, expression: str | None):
    """(display name, query text, NamedQuery or None) for FILE.rq, '-', NAME or -e TEXT."""
    from govkg import named_queries as queries

    if expression is not None and source is not None:
        raise InputError("give either a query (FILE.rq, -, NAME) or -e 'SPARQL', not both")
    if expression is not None:
        return "-e", expression, None
    if source is None:
        raise InputError("no query given: expected FILE.rq, - (stdin), a named query or -e 'SPARQL' "
                         "(`govkg queries` lists the named ones)")
    if source == "-":
        return "stdin", sys.stdin.read(), None
    path = Path(source)
    if path.is_file():
        try:
            return source, path.read_text(encoding="utf-8"), None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{source}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    named = queries.get(source)
    if named is not None:
        return named.name, named.text, named
    if source.endswith(".rq") or "/" in source or path.suffix:
        raise InputError(f"{source}: no such file")
    known = ", ".join(sorted(queries.load_registry())) or "none"
    raise InputError(f"no named query {source!r} (and no such file); named queries: {known}")


@click.command()
@click.argument("source", required=False, metavar="(FILE.rq | - | NAME)")
@click.option("-e", "--expression", help="The SPARQL query text itself.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter declared in the query's '#+ params:' header (repeatable).")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS),
              help="SELECT/ASK: table, csv, tsv, json (SPARQL results JSON), markdown "
                   "[table on a terminal, json otherwise]; CONSTRUCT/DESCRIBE: turtle, json-ld, nt "
                   "[turtle].")
@graph_options
def query(source, expression, params, fmt, graph):
    """Run a SPARQL query: a file, stdin (-), a named query or -e TEXT.

    The project prefixes (gk:, inst:, dept:, duty:, skos:, org: …) are predeclared.
    Update operations (INSERT, DELETE, LOAD, CLEAR, DROP …) are refused: govkg only reads.
    A named check_* query exits 1 when it returns rows.

    \b
    Examples:
      govkg query -e 'SELECT ?i ?l WHERE { ?i a gk:Institution ; skos:prefLabel ?l } ORDER BY ?i'
      govkg query duties_of_body_on_date -p body=inst:ndrc -p date=2010-01-01 --format csv
      govkg query my.rq --endpoint http://localhost:7878/query --format json
    """
    from govkg import named_queries as queries, results
    from govkg.output import progress_factory
    from govkg.sparql import query_form

    name, text, named = _read_query(source, expression)
    header = named or queries.parse_header(text, name)
    raw = queries.parse_assignments(params)
    bindings = header.bind(raw) if (header.params or raw) else None
    form = query_form(text)
    terminal = stdout_is_terminal()
    fmt = fmt or results.default_format(form, terminal)
    results.check_format(form, fmt)
    if graph.endpoint:
        _check_syntax(text, bindings, name)
    backend = graph.open(progress=progress_factory(fmt == "table", "loading graph"))
    try:
        answer = header.normalise(backend.query(text, bindings))
    except InputError as exc:
        if str(exc).startswith("SPARQL syntax error"):
            raise InputError(f"{name}: {exc}") from None
        raise
    if answer.form in ("CONSTRUCT", "DESCRIBE"):
        stream = sys.stdout.buffer
        stream.write(results.graph_bytes(answer, fmt))
        stream.flush()
        return
    if fmt == "table":
        results.print_table(answer)
    else:
        click.echo(results.render_text(answer, fmt), nl=False)
    if named is not None and named.is_check and answer.rows:
        raise SystemExit(1)


def _check_syntax(text: str, bindings, name: str) -> None:
    """Parse the query locally (an empty store; nothing is evaluated for SELECT/CONSTRUCT),
    so that a syntax error names its line and column in the user's text, not the server's."""
    import pyoxigraph as ox

    from govkg.namespaces import PREFIXES
    from govkg.sparql import with_values

    try:
        ox.Store().query(with_values(text, bindings), prefixes=PREFIXES)
    except SyntaxError as exc:
        raise InputError(f"{name}: SPARQL syntax error: {exc}") from None
    except (OSError, RuntimeError):
        pass  # evaluation problems are the server's to report


@click.command()
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="Output format (default: table on a terminal, json otherwise).")
def queries(name, fmt):
    """List the named queries (queries/*.rq), or print one query's text.

    \b
    Examples:
      govkg queries
      govkg queries duties_of_body_on_date
    """
    from govkg import named_queries as registry_module

    registry = registry_module.load_registry()
    if name:
        found = registry_module.get(name, registry)
        if found is None:
            raise InputError(f"no named query {name!r}; named queries: {', '.join(sorted(registry))}")
        click.echo(found.text, nl=not found.text.endswith("\n"))
        return
    items = [registry[k] for k in sorted(registry)]
    if (fmt or ("table" if stdout_is_terminal() else "json")) == "json":
        echo_json([{"name": q.name, "summary": q.summary,
                    "params": [{"name": p.name, "type": p.type} for p in q.params],
                    "check": q.is_check, "example": q.example} for q in items])
        return
    from govkg.output import table

    table(["name", "parameters", "summary"],
          [[q.name, ", ".join(f"{p.name}: {p.type}" for p in q.params), q.summary] for q in items],
          title="named queries (govkg query NAME -p KEY=VALUE)")


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Output format [from the -o suffix, else turtle].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=False),
              help="File to write (atomically); standard output if omitted.")
@data_option
@click.option("--shapes/--no-shapes", default=False, show_default=True, help="Include the SHACL shapes.")
def export(fmt, output, data, shapes):
    """Export the whole graph (ontology + data, optionally shapes), sorted and deterministic.

    JSON-LD is compact, with the published context (ontology/govkg.context.jsonld) embedded.

    \b
    Examples:
      govkg export -o govkg.ttl
      govkg export --format json-ld --shapes -o govkg.jsonld
      govkg export --format nt | oxigraph load --location db --format nt
    """
    from govkg import export as export_module

    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(Path(output).suffix.lower(), "turtle") if output and output != "-" else "turtle"
    count = export_module.export_graph(fmt, output, data=data, include_shapes=shapes)
    if output and output != "-":
        click.echo(f"wrote {count} triples to {output} ({fmt})", err=True)


COMMANDS = [query, queries, export]
