"""``govkg query``, ``govkg queries`` and ``govkg export``: read the graph with SPARQL, export it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govkg.cli.graph_options import data_option, graph_options
from govkg.cli.exit_codes import NOTHING_FOUND
from govkg.cli.output_options import output_options
from govkg.errors import InputError
from govkg.limits import (DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_NESTING, DEFAULT_MAX_ROWS,
                          HARD_MAX_NESTING)

RESULT_FORMATS = ["text", "csv", "tsv", "json", "markdown", "turtle", "json-ld", "nt"]
EXPORT_FORMATS = ["turtle", "json-ld", "nt", "nquads", "xml"]


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
@output_options(RESULT_FORMATS, default="query",
                default_help="text on a terminal, json otherwise; turtle for CONSTRUCT/DESCRIBE")
@graph_options
@click.option("--allow-service", is_flag=True,
              help="Let SERVICE <http(s)://…> reach the network from the embedded store (bounded by "
                   "--timeout); refused otherwise.")
@click.option("--max-rows", type=click.IntRange(min=0), default=DEFAULT_MAX_ROWS, show_default=True,
              help="Stop when the embedded store returns more rows or triples than this (0: no limit).")
@click.option("--max-nesting", type=click.IntRange(min=1, max=HARD_MAX_NESTING), default=DEFAULT_MAX_NESTING, show_default=True,
              help="Refuse query text nested deeper than this (brackets plus operator chains).")
@click.option("--max-memory", type=click.IntRange(min=0), default=DEFAULT_MAX_MEMORY_MB, show_default=True, metavar="MB",
              help="Stop when evaluating on the embedded store needs more memory than this (0: no limit).")
def query(source, expression, params, graph, allow_service, max_rows, max_nesting, max_memory, out):
    """Run a SPARQL query: a file, stdin (-), a named query or -e TEXT.

    The project prefixes (gk:, inst:, dept:, duty:, skos:, org: …) are predeclared.
    Update operations (INSERT, DELETE, LOAD, CLEAR, DROP …) are refused: govkg only reads.
    Formats: SELECT/ASK text, csv, tsv, json (SPARQL results JSON), markdown [text on a
    terminal, json otherwise]; CONSTRUCT/DESCRIBE turtle, json-ld, nt [turtle].
    Exit 1 when nothing is found (no rows, ASK false, no triples) — except a named check_*
    query, which exits 1 when it returns rows (the problems it looks for).

    \b
    Examples:
      govkg query -e 'SELECT ?i ?l WHERE { ?i a gk:Institution ; skos:prefLabel ?l } ORDER BY ?i'
      govkg query duties_of_body_on_date -p body=inst:ndrc -p date=2010-01-01 --format csv
      govkg query my.rq --endpoint http://localhost:7878/query --format json
    """
    from govkg import named_queries as queries, results
    from govkg.output import progress_factory
    from govkg.sparql import query_form

    from govkg import limits

    limits.configure(timeout=graph.timeout, allow_service=allow_service, max_rows=max_rows,
                     max_nesting=max_nesting, max_memory_mb=max_memory)
    name, text, named = _read_query(source, expression)
    header = named or queries.parse_header(text, name)
    raw = queries.parse_assignments(params)
    bindings = header.bind(raw) if (header.params or raw) else None
    form = query_form(text)
    if out.fmt == "query":  # neither --format nor a telling -o suffix
        out.fmt = results.default_format(form, out.terminal)
    fmt = "table" if out.fmt == "text" else out.fmt
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
        out.binary(results.graph_bytes(answer, fmt))
        found = bool(answer.triples)
    else:
        if fmt == "table":
            headers, rows = results.tabular(answer)
            out.table(headers, [[results.display(t) for t in row] for row in rows])
        else:
            out.raw(results.render_text(answer, fmt))
        found = bool(answer.rows) if answer.form == "SELECT" else bool(answer.boolean)
    if named is not None and named.is_check:
        found = not found  # a check query finds problems: rows are the bad news
    if not found:
        raise SystemExit(NOTHING_FOUND)


def _check_syntax(text: str, bindings, name: str) -> None:
    """Parse the query locally (an empty store; nothing is evaluated for SELECT/CONSTRUCT),
    so that a syntax error names its line and column in the user's text, not the server's."""
    import pyoxigraph as ox

    from govkg.namespaces import PREFIXES
    from govkg.limits import check_query_text, run_bounded
    from govkg.sparql import syntax_error, with_values

    full = with_values(text, bindings)
    check_query_text(full, service=False)

    def parse():
        try:
            ox.Store().query(full, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise InputError(f"{name}: {syntax_error(exc, full)}") from None
        except (OSError, RuntimeError):
            pass  # evaluation problems are the server's to report

    run_bounded(parse, what="checking the query")


@click.command()
@click.argument("name", required=False)
@output_options(["text", "json"])
def queries(name, out):
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
        out.raw(found.text if found.text.endswith("\n") else found.text + "\n")
        return
    items = [registry[k] for k in sorted(registry)]
    if out.fmt == "json":
        out.json([{"name": q.name, "summary": q.summary,
                    "params": [{"name": p.name, "type": p.type} for p in q.params],
                    "check": q.is_check, "example": q.example} for q in items])
        return
    out.table(["name", "parameters", "summary"],
          [[q.name, ", ".join(f"{p.name}: {p.type}" for p in q.params), q.summary] for q in items],
          title="named queries (govkg query NAME -p KEY=VALUE)")


@click.command()
@output_options(EXPORT_FORMATS, default="turtle", suffixes={".json": "json-ld"},
                output_help="File to write (atomically, streamed); standard output if omitted or '-'.")
@data_option
@click.option("--shapes/--no-shapes", default=False, show_default=True, help="Include the SHACL shapes.")
def export(data, shapes, out):
    """Export the whole graph (ontology + data, optionally shapes), sorted and deterministic.

    JSON-LD is compact, with the published context (ontology/govkg.context.jsonld) embedded.
    The format comes from --format, else from the -o suffix (.ttl .jsonld .json .nt .nq .rdf
    .xml .owl; any other suffix is refused), else turtle.

    \b
    Examples:
      govkg export -o govkg.ttl
      govkg export --format json-ld --shapes -o govkg.jsonld
      govkg export --format nt | oxigraph load --location db --format nt
    """
    from govkg import export as export_module
    from govkg.outfile import check_target

    check_target(out.path, inputs=data)
    count = export_module.export_graph(out.fmt, out.path, data=data, include_shapes=shapes)
    out.written = True  # export streams its own file (atomically) or standard output
    if out.path is not None:
        click.echo(f"wrote {count} triples to {out.path} ({out.fmt})", err=True)


COMMANDS = [query, queries, export]
