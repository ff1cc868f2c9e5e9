"""``govkg stats`` and ``govkg validate``: what the graph holds and whether it is sound."""

from __future__ import annotations

import click

from govkg.output import echo_json, progress_factory, stdout_is_terminal, table

from govkg.cli.graph_options import data_option, graph_options

STATS_QUERY = """
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES (?what ?class) {
    ("institutions" gk:Institution) ("departments" gk:Department) ("roles" gk:Role)
    ("duties" gk:Duty) ("assignments" gk:DutyAssignment) ("transfers" gk:DutyTransfer)
    ("reorganisations" gk:Reorganisation) ("legal instruments" gk:LegalInstrument)
    ("legal provisions" gk:LegalProvision) ("source passages" gk:SourcePassage)
  }
  OPTIONAL { ?x a ?class }
} GROUP BY ?what
"""
ORDER = ["institutions", "departments", "roles", "duties", "assignments", "transfers",
         "reorganisations", "legal instruments", "legal provisions", "source passages"]


def graph_stats(backend) -> dict[str, int]:
    """Counts of the main kinds of resources, plus triples."""
    counts = {row["what"].value: backend.integer(row["n"], "a count") for row in backend.select(STATS_QUERY)}
    triples = backend.single("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["n"]
    out = {k: counts.get(k, 0) for k in ORDER}
    out["triples"] = backend.integer(triples, "the triple count")
    return out


@click.command()
@graph_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="Output format (default: table on a terminal, json otherwise).")
def stats(graph, fmt):
    """Counts: institutions, departments, duties, assignments, transfers, events, triples.

    \b
    Example:
      govkg stats
      govkg stats --data my_province.ttl --format json
    """
    backend = graph.open(progress=progress_factory(fmt != "json", "loading graph"))
    counts = graph_stats(backend)
    if (fmt or ("table" if stdout_is_terminal() else "json")) == "json":
        echo_json(counts)
    else:
        table(["what", "count"], list(counts.items()), title="govkg graph")


@click.command()
@data_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--engine", type=click.Choice(["auto", "pyshacl", "fast"]), default="auto", show_default=True,
              help="pyshacl: the reference engine; fast: shapes run as SPARQL on the embedded store; "
                   "auto: pyshacl for small graphs, fast for large ones.")
@click.option("--shapes", "shape_pattern", default="integrity", show_default=True,
              help="Validate against the bundled shape files whose name contains this.")
def validate(data, fmt, engine, shape_pattern):
    """Validate the bundled graph (plus --data files) against the SHACL shapes.

    \b
    Exit codes: 0 conforms, 1 violations, 2 unreadable input.
    Example:
      govkg validate
      govkg validate --data new_departments.ttl --format json
    """
    from govkg import validation

    report = validation.validate_graph(data, engine=engine, shape_pattern=shape_pattern,
                                       progress=progress_factory(fmt == "text", "validating"))
    if fmt == "json":
        echo_json(report.to_json())
    else:
        _print_report(report)
    raise SystemExit(0 if report.conforms else 1)


def _print_report(report) -> None:
    if not report.findings:
        click.echo(f"Conforms: the graph satisfies every shape ({report.engine}).")
        return
    click.echo(f"{'Conforms' if report.conforms else 'Does not conform'}: "
               f"{report.violations} violation(s), {len(report.findings)} finding(s) ({report.engine}).")
    for f in report.findings:
        label = f" ({f.focus_label})" if f.focus_label else ""
        click.echo(f"\n[{f.severity}] {f.focus}{label}")
        if f.path:
            click.echo(f"  path:    {f.path}")
        if f.value:
            click.echo(f"  value:   {f.value}")
        click.echo(f"  shape:   {f.shape}")
        click.echo(f"  message: {f.message}")
        if f.message_zh:
            click.echo(f"  说明:    {f.message_zh}")


COMMANDS = [stats, validate]
