"""``govkg stats`` and ``govkg validate``: what the graph holds and whether it is sound."""

from __future__ import annotations

import click

from govkg.cli.output_options import output_options
from govkg.output import SEVERITY_STYLE, progress_factory

def date_option(help_text: str):
    """The one ``--on DATE`` option (who, analyze, viz): checked by :func:`govkg.dates.parse_date`
    as it is read, so ``--on ''`` or ``--on 2019-02-30`` is refused the same way everywhere;
    absent means the command's default (None)."""

    def check(ctx, param, value):
        from govkg.dates import parse_date

        return None if value is None else parse_date(value, "--on")

    return click.option("--on", "on", metavar="DATE", callback=check, help=help_text)


data_option = click.option(
    "--data", "data", multiple=True, type=click.Path(dir_okay=False),
    help="Extra Turtle/JSON-LD/N-Triples file to add on top of the bundled graph (repeatable).")

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
    counts = {row["what"].value: int(row["n"].value) for row in backend.select(STATS_QUERY)}
    triples = backend.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"].value
    out = {k: counts.get(k, 0) for k in ORDER}
    out["triples"] = int(triples)
    return out


@click.command()
@data_option
@click.option("--endpoint", help="Count on a SPARQL 1.1 endpoint instead of the embedded store.")
@output_options(["text", "json", "csv"])
def stats(data, endpoint, out):
    """Counts: institutions, departments, duties, assignments, transfers, events, triples.

    \b
    Example:
      govkg stats
      govkg stats --data my_province.ttl --format json
    """
    from govkg.sparql import open_backend

    backend = open_backend(endpoint, data, progress=progress_factory(out.fmt == "text", "loading graph"))
    counts = graph_stats(backend)
    if out.fmt == "json":
        out.json(counts)
    elif out.fmt == "csv":
        out.raw("what,count\r\n" + "".join(f"{k},{v}\r\n" for k, v in counts.items()))
    else:
        out.table(["what", "count"], list(counts.items()), title="govkg graph")


@click.command()
@data_option
@output_options(["text", "json"], default="text")
@click.option("--engine", type=click.Choice(["auto", "pyshacl", "fast"]), default="auto", show_default=True,
              help="pyshacl: the reference engine; fast: shapes run as SPARQL on the embedded store; "
                   "auto: pyshacl for small graphs, fast for large ones.")
@click.option("--shapes", "shape_pattern", default="integrity", show_default=True,
              help="Validate against the bundled shape files whose name contains this.")
def validate(data, engine, shape_pattern, out):
    """Validate the bundled graph (plus --data files) against the SHACL shapes.

    \b
    Exit codes: 0 conforms, 1 violations, 2 unreadable input.
    Example:
      govkg validate
      govkg validate --data new_departments.ttl --format json
    """
    from govkg import validation

    report = validation.validate_graph(data, engine=engine, shape_pattern=shape_pattern,
                                       progress=progress_factory(out.fmt == "text", "validating"))
    if out.fmt == "json":
        out.json(report.to_json())
    else:
        _print_report(report, out)
    raise SystemExit(0 if report.conforms else 1)


def _print_report(report, out) -> None:
    if not report.findings:
        out.echo(out.style(f"Conforms: the graph satisfies every shape ({report.engine}).", fg="green"))
        return
    verdict = "Conforms" if report.conforms else "Does not conform"
    out.echo(out.style(verdict, fg="green" if report.conforms else "red", bold=True)
             + f": {report.violations} violation(s), {len(report.findings)} finding(s) ({report.engine}).")
    for f in report.findings:
        label = f" ({f.focus_label})" if f.focus_label else ""
        out.echo(f"\n{out.style(f'[{f.severity}]', **SEVERITY_STYLE.get(f.severity, {}))} {f.focus}{label}")
        if f.path:
            out.echo(f"  path:    {f.path}")
        if f.value:
            out.echo(f"  value:   {f.value}")
        out.echo(f"  shape:   {f.shape}")
        out.echo(f"  message: {f.message}")
        if f.message_zh:
            out.echo(f"  说明:    {f.message_zh}")


COMMANDS = [stats, validate]
