"""``govkg stats`` and ``govkg validate``: what the graph holds and whether it is sound."""

from __future__ import annotations

import click

from govkg.cli.graph_options import data_option, graph_options
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
@output_options(["text", "json", "csv"])
def stats(graph, out):
    """Counts: institutions, departments, duties, assignments, transfers, events, triples.

    \b
    Example:
      govkg stats
      govkg stats --data my_province.ttl --format json
    """
    backend = graph.open(progress=progress_factory(out.fmt == "text", "loading graph"))
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
              help="pyshacl: the reference engine; fast: shapes run as SPARQL on the embedded store (exit 2 "
                   "naming the shape and feature it cannot check); auto: fast, and pyshacl (with a notice) "
                   "when fast cannot check a shape.")
@click.option("--shapes", "shape_files", multiple=True, type=click.Path(dir_okay=False),
              help="Your own SHACL shapes file (repeatable); replaces the bundled shapes unless "
                   "--bundled-shapes is also given.")
@click.option("--bundled-shapes", "shape_pattern", default=None,
              help="Validate against the bundled shape files whose name contains this [default: integrity, "
                   "when no --shapes is given].")
@click.option("--no-bundled", is_flag=True, help="Leave out the bundled ontology and data: validate only --data.")
@click.option("--focus", multiple=True, metavar="IRI", help="Validate only this node (repeatable).")
@click.option("--allow-warnings", is_flag=True,
              help="Conform (exit 0) when every result is a sh:Warning or sh:Info.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write the standard sh:ValidationReport graph here (format from the suffix: .ttl, "
                   ".nt, .jsonld, .rdf …), atomically.")
@click.option("--timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Stop the validation after this long (0: no limit) [default: 30 with --shapes, whose "
                   "SPARQL constraints are your code; else no limit].")
def validate(data, engine, shape_files, shape_pattern, no_bundled, focus, allow_warnings, report_path, timeout,
             out):
    """Validate the bundled graph (plus --data files) against the SHACL shapes.

    \b
    Exit codes: 0 conforms (no result at all, or only warnings with --allow-warnings),
    1 does not conform, 2 unreadable input or a shape the chosen engine cannot check.
    Example:
      govkg validate
      govkg validate --data new_departments.ttl --format json
      govkg validate --no-bundled --data mine.ttl --shapes my-shapes.ttl --focus https://example.org/x
      govkg validate --data mine.ttl --report report.ttl
    """
    from govkg import validation
    from govkg.errors import InputError
    from govkg.outfile import check_distinct, check_target, write_output
    from govkg.store import rdf_format

    if report_path is not None:  # refused before a long validation, not after
        try:
            rdf_format(report_path)
        except InputError as exc:
            raise InputError(f"--report {exc}") from None
        check_target(report_path, inputs=(*data, *shape_files), label="--report")
        check_distinct({"--report": report_path, "-o": out.path})
    if shape_pattern is None and not shape_files:
        shape_pattern = "integrity"
    from govkg import limits

    if timeout is None:  # a user's sh:sparql can be a cartesian product: bounded like `query -e`
        timeout = limits.DEFAULT_TIMEOUT if shape_files else 0
    report = limits.run_bounded(
        lambda: validation.validate_graph(data, engine=engine, shape_pattern=shape_pattern, shape_files=shape_files,
                                          bundled=not no_bundled, focus=focus, allow_warnings=allow_warnings,
                                          progress=progress_factory(out.fmt == "text", "validating")),
        limits.QueryLimits(timeout=timeout, max_rows=0, max_memory_mb=0), what="validation")
    for notice in report.notices:
        click.echo(f"govkg: notice: {notice}", err=True)
    if report_path is not None:
        write_output(report_path, validation.report_bytes(report, report_path), inputs=(*data, *shape_files),
                     label="--report")
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
