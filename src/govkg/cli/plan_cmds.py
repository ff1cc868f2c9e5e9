"""``govkg plan``: a plan's outline (parts, tasks, who is responsible) and its targets table."""

from __future__ import annotations

import csv
import io

import click

from govkg.cli.graph_options import graph_options
from govkg.cli.output_options import output_options

SHOW = ("outline", "targets", "tasks", "platforms", "indicators", "figures")


@click.command("plan")
@click.argument("name", required=False)
@click.option("--show", type=click.Choice(SHOW + ("all",)), default="all", show_default=True,
              help="Which part to print (json always carries everything unless --show narrows it).")
@graph_options  # the one option set of every command that reads the graph (--timeout, --graph …)
@output_options(["text", "json", "csv"])
def plan(name, show, graph, out):
    """A plan's outline and targets: parts, tasks and key projects with their responsible
    bodies ("not named in the plan" where it names none), platforms, baseline -> target.

    NAME is the plan's label (or part of it), a CURIE or an IRI; it may be left out when the
    graph holds one plan. Parts the source lost are shown with what is missing.

    \b
    Examples:
      govkg plan
      govkg plan 数字政府 --show targets --format csv
      govkg plan legal:gz-dg-plan --format json
    """
    from govkg.plan import plan_report

    report = plan_report(graph.open(), name)
    if out.fmt == "json":
        out.json(report if show == "all" else {"plan": report["plan"], show: report[show]})
    elif out.fmt == "csv":
        out.raw(to_csv(report, "targets" if show == "all" else show))
    else:
        print_tables(out, report, SHOW if show == "all" else (show,))


def rows_of(report: dict, show: str) -> tuple[list[str], list[list]]:
    """Header and rows of one of the plan's tables (the same for the terminal and CSV)."""
    from govkg.plan import value_text

    if show == "targets":
        return (["target", "baseline", "baseline_year", "target_value", "target_year", "unit", "line", "baseline_line",
                 "label_en"],
                [[t["label_zh"], value_text(t["baseline"]) or t["baseline_note"],
                  t["baseline"]["year"] if t["baseline"] else "", value_text(t["target"]), t["target"]["year"],
                  t["target"]["unit"], t["target"]["line"], t["baseline"]["line"] if t["baseline"] else "", t["label_en"]]
                 for t in report["targets"]])
    if show in ("tasks", "outline"):
        rows = []
        for part, depth in walk(report["outline"]):
            if show == "outline":
                rows.append(["  " * depth + (part["label_zh"] or ""), part["kind"], part["line"],
                             len(part["tasks"]), "missing: " + part["gap"] if part["gap"] else ""])
            for t in part["tasks"]:
                if show == "tasks":
                    bodies = "; ".join(b["label_zh"] for b in t["bodies"]) or t["responsible"]
                    rows.append([t["label_zh"], "key project" if t["key_project"] else "task", bodies,
                                 part["label_zh"], t["line"], t["label_en"]])
        if show == "outline":
            return ["part", "kind", "line", "tasks", "gap"], rows
        return ["task", "kind", "responsible", "part", "line", "label_en"], rows
    if show == "platforms":
        return (["platform", "level", "responsible", "tasks", "line", "label_en"],
                [[p["label_zh"], p["level"] or "", "; ".join(p["bodies"]), len(p["tasks"]), p["line"], p["label_en"]]
                 for p in report["platforms"]])
    if show == "indicators":
        return (["no", "indicator", "unit", "values", "target_in_text", "line", "label_en"],
                [[i["notation"], i["label_zh"], i["unit"], i["values"] or "", "yes" if i["target_from_text"] else "no",
                  i["line"], i["label_en"]] for i in report["indicators"]])
    return (["figure", "value", "year", "line", "label_en"],
            [[f["label_zh"], value_text(f), f["year"], f["line"], f["label_en"]] for f in report["figures"]])


def walk(parts, depth=0):
    for p in parts:
        yield p, depth
        yield from walk(p["parts"], depth + 1)


def to_csv(report: dict, show: str) -> str:
    headers, rows = rows_of(report, show)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def print_tables(out, report: dict, shows) -> None:
    head = report["plan"]
    out.raw(f"{head['label_zh']}  {head['label_en']}  ({head.get('period') or 'period not stated'})\n")
    for gap in head["gaps"]:
        out.raw(f"missing from the source: {gap}\n")
    for show in shows:
        headers, rows = rows_of(report, show)
        out.table(headers, rows, title=show)


COMMANDS = [plan]
