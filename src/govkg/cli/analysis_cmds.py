"""``govkg analyze`` and ``govkg viz``: network analyses of the graph and pictures of them.

networkx, plotly and graphviz are only touched inside the commands.
"""

from __future__ import annotations

from pathlib import Path

import click

from govkg.cli.graph_options import graph_options
from govkg.dates import parse_date
from govkg.errors import InputError
from govkg.output import echo_json, progress_factory, stdout_is_terminal, table

TOPICS = ["summary", "transfers", "lineage", "org", "domains"]
KINDS = ["transfers", "lineage", "org"]
FORMATS = {".html": "html", ".htm": "html", ".svg": "svg", ".png": "png"}

body_option = click.option("--body", default="inst:ndrc", show_default=True,
                           help="The institution for org/domains/summary (CURIE, IRI or key such as ndrc).")


def _year(value):
    if value is None:
        return None
    if not 1900 <= value <= 2100:
        raise InputError(f"--year: not a plausible year: {value}")
    return value


@click.command()
@click.argument("topic", required=False, default="summary", type=click.Choice(TOPICS))
@click.option("--year", type=int, help="transfers: only the reorganisations of this year (default: all).")
@click.option("--on", "on", help="org/domains: the date (YYYY-MM-DD; org default today, domains default all "
                                 "recorded duties); summary: the end date (default today).")
@body_option
@click.option("--departments", is_flag=True, help="transfers: keep departments apart instead of rolling "
                                                  "them up to their institution.")
@graph_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="Output format (default: table on a terminal, json otherwise).")
def analyze(topic, year, on, body, departments, graph, fmt):
    """Network analyses: transfers, lineage, org, domains, summary (default).

    \b
    transfers  duty flows giver -> receiver per reorganisation, who gained/lost most,
               and the flows out of the NDRC (departments rolled up)
    lineage    predecessor -> successor chains (国家计划委员会 -> ... -> 国家发展和改革委员会)
    org        the institution on a date: departments, duties, managed bureaus
    domains    departments linked by shared responsibilities: centrality, communities
    summary    how the NDRC's duties changed in number and domain, 2008 -> today
    \b
    Example:
      govkg analyze transfers --year 2018 --format json
      govkg analyze org --on 2010-01-01
    """
    from govkg.analysis import graphs, reports

    year = _year(year)
    on = parse_date(on) if on else None
    body = graphs.node_id(body)
    backend = graph.open(progress=progress_factory(fmt != "json", "loading graph"))
    if topic == "transfers":
        result = reports.transfers_report(backend, year, rollup=not departments, institution=body)
    elif topic == "lineage":
        result = reports.lineage_report(backend)
    elif topic == "org":
        result = reports.org_report(backend, on, body)
    elif topic == "domains":
        result = reports.domains_report(backend, body, on)
    else:
        result = reports.summary_report(backend, body, end=on)
    if (fmt or ("table" if stdout_is_terminal() else "json")) == "json":
        echo_json(result)
    else:
        RENDER[topic](result)


# ------------------------------------------------------------------ tables


def _n(item):
    return f"{item['zh']} ({item['en']})" if item.get("en") and item["en"] != item["zh"] else item["zh"]


def _transfers_table(r):
    for ev in r["reorganisations"]:
        rows = [(_n(f["from"]), _n(f["to"]), f["weight"], "; ".join(d["zh"] for d in f["duties"]))
                for f in ev["flows"]]
        table(["from", "to", "duties", "which"], rows,
              title=f"{ev['zh']} {ev['en']} ({ev['date']}): {ev['transfers']} transfers, {ev['duties']} duties")
        if ev["top_gainer"]:
            click.echo(f"  gained most: {_n(ev['top_gainer'])} +{ev['top_gainer']['gained']}")
        if ev["top_loser"]:
            click.echo(f"  lost most:   {_n(ev['top_loser'])} -{ev['top_loser']['lost']}")
    out = r["outflows"]
    rows = [(_n(x), x["duties"], x["transfers"], ", ".join(f"{g['zh']}×{g['transfers']}" for g in x["givers"]))
            for x in out["receivers"]]
    table(["receiving body", "duties", "transfers", "given by"], rows,
          title=f"Out of {out['institution']['zh']}: {out['duties']} duties to {out['receiver_count']} bodies")


def _lineage_table(r):
    rows = [(_n(l["from"]), _n(l["to"]), l["date"] or "", (l["event_names"] or {}).get("zh", ""))
            for l in r["links"]]
    table(["predecessor", "successor", "date", "reorganisation"], rows, title="Lineage links")
    rows = [(_n(v), " → ".join(n["zh"] for n in v["names"]), ", ".join(n["zh"] for n in v["merged_in"]))
            for v in r["lineages"].values() if len(v["names"]) > 1 or v["merged_in"]]
    table(["institution", "names (earliest first)", "merged in"], rows, title="Lineages")


def _org_table(r):
    rows = [("(institution)", _n(r["institution"]), len(r["own_duties"]))]
    rows += [("department", _n(d), len(d["duties"])) for d in r["departments"]]
    rows += [("managed bureau", _n(b), b["duties"]) for b in r["bureaus"]]
    c = r["counts"]
    table(["kind", "body", "duties"], rows,
          title=f"{r['institution']['zh']} on {r['on']}: {c['departments']} departments, "
                f"{c['bureaus']} bureaus, {c['own_duties'] + c['department_duties']} duties")


def _domains_table(r):
    rows = [(x["rank"], _n(x), x["strength"], x["links"], x["betweenness"], x["duties"]) for x in r["centrality"]]
    table(["rank", "department", "strength", "links", "betweenness", "duties"], rows,
          title=f"Centrality of {r['institution']['zh']}'s departments ({r['departments']} departments, {r['links']} links)")
    rows = [(i + 1, ", ".join(d["zh"] for d in c["departments"]), c["duties"],
             ", ".join(f"{d['zh']}×{d['duties']}" for d in c["domains"][:4]))
            for i, c in enumerate(r["communities"])]
    table(["#", "departments", "duties", "main domains"], rows, title="Communities of related duties")


def _summary_table(r):
    click.echo(f"{_n(r['institution'])}: {r['duties_start']} duties on {r['start']}, "
               f"{r['duties_end']} on {r['end']} ({r['change']:+d}).")
    rows = [(c["date"], c["zh"], c["duties_out"], c["duties_in"],
             ", ".join(f"{b['zh']}×{b['transfers']}" for b in c["to"])) for c in r["reorganisations"]]
    table(["date", "reorganisation", "out", "in", "to"], rows, title="Reorganisations")
    rows = [(_n(d), d["before"], d["after"], f"{d['change']:+d}") for d in r["domains"] if d["change"]]
    table(["domain", r["start"], r["end"], "change"], rows, title="Domains that changed")


RENDER = {"transfers": _transfers_table, "lineage": _lineage_table, "org": _org_table,
          "domains": _domains_table, "summary": _summary_table}


# ------------------------------------------------------------------ viz


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="Output file: .html (interactive, works offline), .svg or .png (static).")
@click.option("--year", type=int, help="transfers: the reorganisations of this year (default 2018).")
@click.option("--all", "all_years", is_flag=True, help="transfers: every reorganisation.")
@click.option("--on", "on", help="org: the date (YYYY-MM-DD, default today).")
@body_option
@click.option("--departments", is_flag=True, help="transfers: draw departments instead of rolling them up.")
@graph_options
def viz(kind, output, year, all_years, on, body, departments, graph):
    """Pictures: duty flows (transfers), the lineage timeline, the organisation chart.

    \b
    Output by extension: .html is an interactive page that works offline (plotly.js is
    embedded; zoom, hover for duty text and source, zh/en labels); .svg/.png are static
    pictures drawn with graphviz (Chinese text needs a CJK font, e.g. fonts-noto-cjk).
    \b
    Example:
      govkg viz transfers --year 2018 -o t.html
      govkg viz transfers --all -o t.svg
      govkg viz org --on 2010-01-01 -o ndrc-2010.png
    """
    from govkg.analysis import graphs

    fmt = FORMATS.get(Path(output).suffix.lower())
    if fmt is None:
        raise InputError(f"-o {output}: unknown picture type {Path(output).suffix or '(none)'!r}; "
                         "use .html, .svg or .png")
    if all_years and year is not None:
        raise InputError("--all and --year cannot be combined")
    year = None if all_years else (_year(year) or 2018)
    on = parse_date(on) if on else None
    body = graphs.node_id(body)
    backend = graph.open(progress=progress_factory(True, "loading graph"))
    if fmt == "html":
        from govkg.viz import html as renderer
    else:
        from govkg.viz import static as renderer
    if kind == "transfers":
        info = renderer.transfers(backend, output, year=year, rollup=not departments, fmt=fmt)
    elif kind == "lineage":
        info = renderer.lineage(backend, output, fmt=fmt)
    else:
        info = renderer.org(backend, output, on=on, root=body, fmt=fmt)
    click.echo(f"wrote {output} ({info})", err=True)


COMMANDS = [analyze, viz]
