"""``govkg analyze`` and ``govkg viz``: network analyses of the graph and pictures of them.

networkx, plotly and graphviz are only touched inside the commands.
"""

from __future__ import annotations

import click

from govkg.cli.core import date_option
from govkg.cli.graph_options import graph_options
from govkg.cli.option_rules import refuse_inapplicable
from govkg.cli.output_options import output_options
from govkg.dates import parse_date
from govkg.errors import InputError
from govkg.output import progress_factory

TOPICS = ["summary", "transfers", "lineage", "org", "domains"]
KINDS = ["transfers", "lineage", "org", "timeline", "plan"]
PICTURE_FORMATS = ["html", "svg", "png"]

def body_option(help_text: str):
    return click.option("--body", default=None, metavar="NAME",
                        help=help_text + " NAME as `govkg history` takes it: a label, an abbreviation "
                                         "(发改委, NDRC), a CURIE (inst:ndrc) or an IRI.")


def resolve_body(backend, name: str | None, default: str | None = "inst:ndrc") -> str | None:
    """A body named as ``history`` names it (label, abbreviation, CURIE, IRI, key), as a CURIE."""
    from govkg.analysis.graphs import curie
    from govkg.history import resolve

    if name is None:
        return default
    if name.islower() and name.replace("-", "").isalnum() and name.isascii():
        name = f"inst:{name}"  # a bare key such as ndrc
    from govkg.errors import GovkgError

    try:
        iri, kind = resolve(backend, name)
    except GovkgError as exc:  # an option naming nothing is bad input here, not "nothing found"
        raise InputError(f"--body {exc}") from None
    if kind == "duty":
        raise InputError(f"--body {name}: names a duty, not a body")
    return curie(iri)


def _year(value):
    if value is None:
        return None
    if not 1900 <= value <= 2100:
        raise InputError(f"--year: not a plausible year: {value}")
    return value


@click.command()
@click.argument("topic", required=False, default="summary", type=click.Choice(TOPICS))
@click.option("--year", type=int, help="transfers: only the reorganisations of this year (default: all).")
@date_option("org/domains: the date (YYYY-MM-DD; org default today, domains default all "
             "recorded duties); summary: the end date (default today).")
@body_option("transfers/org/domains/summary: the institution [NDRC].")
@click.option("--departments", is_flag=True, help="transfers: keep departments apart instead of rolling "
                                                  "them up to their institution.")
@graph_options
@output_options(["text", "json"])
@click.pass_context
def analyze(ctx, topic, year, on, body, departments, graph, out):
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
    from govkg.analysis import reports

    refuse_inapplicable(ctx, topic, {"year": ("transfers",), "departments": ("transfers",),
                                     "on": ("org", "domains", "summary"),
                                     "body": ("transfers", "org", "domains", "summary")})
    year = _year(year)
    on = parse_date(on) if on else None
    backend = graph.open(progress=progress_factory(out.fmt == "text", "loading graph"))
    body = resolve_body(backend, body)
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
    if out.fmt == "json":
        out.json(result)
    else:
        RENDER[topic](result, out)


# ------------------------------------------------------------------ tables


def _n(item):
    return f"{item['zh']} ({item['en']})" if item.get("en") and item["en"] != item["zh"] else item["zh"]


def _transfers_table(r, out):
    for ev in r["reorganisations"]:
        rows = [(_n(f["from"]), _n(f["to"]), f["weight"], "; ".join(d["zh"] for d in f["duties"]))
                for f in ev["flows"]]
        out.table(["from", "to", "duties", "which"], rows,
              title=f"{ev['zh']} {ev['en']} ({ev['date']}): {ev['transfers']} transfers, {ev['duties']} duties")
        if ev["top_gainer"]:
            out.echo(f"  gained most: {_n(ev['top_gainer'])} +{ev['top_gainer']['gained']}")
        if ev["top_loser"]:
            out.echo(f"  lost most:   {_n(ev['top_loser'])} -{ev['top_loser']['lost']}")
    flows = r["outflows"]
    rows = [(_n(x), x["duties"], x["transfers"], ", ".join(f"{g['zh']}×{g['transfers']}" for g in x["givers"]))
            for x in flows["receivers"]]
    out.table(["receiving body", "duties", "transfers", "given by"], rows,
          title=f"Out of {flows['institution']['zh']}: {flows['duties']} duties to {flows['receiver_count']} bodies")


def _lineage_table(r, out):
    rows = [(_n(l["from"]), _n(l["to"]), l["date"] or "", (l["event_names"] or {}).get("zh", ""))
            for l in r["links"]]
    out.table(["predecessor", "successor", "date", "reorganisation"], rows, title="Lineage links")
    rows = [(_n(v), " → ".join(n["zh"] for n in v["names"]), ", ".join(n["zh"] for n in v["merged_in"]))
            for v in r["lineages"].values() if len(v["names"]) > 1 or v["merged_in"]]
    out.table(["institution", "names (earliest first)", "merged in"], rows, title="Lineages")


def _org_table(r, out):
    rows = [("(institution)", _n(r["institution"]), len(r["own_duties"]))]
    rows += [("department", _n(d), len(d["duties"])) for d in r["departments"]]
    rows += [("managed bureau", _n(b), b["duties"]) for b in r["bureaus"]]
    rows += [("department", _n(u), f"not recorded after {u['not_recorded_after']}") for u in r.get("not_recorded", [])]
    c = r["counts"]
    out.table(["kind", "body", "duties"], rows,
          title=f"{r['institution']['zh']} on {r['on']}: {c['departments']} departments, "
                f"{c['bureaus']} bureaus, {c['own_duties'] + c['department_duties']} duties")


def _domains_table(r, out):
    rows = [(x["rank"], _n(x), x["strength"], x["links"], x["betweenness"], x["duties"]) for x in r["centrality"]]
    out.table(["rank", "department", "strength", "links", "betweenness", "duties"], rows,
          title=f"Centrality of {r['institution']['zh']}'s departments ({r['departments']} departments, {r['links']} links)")
    rows = [(i + 1, ", ".join(d["zh"] for d in c["departments"]), c["duties"],
             ", ".join(f"{d['zh']}×{d['duties']}" for d in c["domains"][:4]))
            for i, c in enumerate(r["communities"])]
    out.table(["#", "departments", "duties", "main domains"], rows, title="Communities of related duties")


def _summary_table(r, out):
    out.echo(f"{_n(r['institution'])}: {r['duties_start']} duties on {r['start']}, "
               f"{r['duties_end']} on {r['end']} ({r['change']:+d}).")
    rows = [(c["date"], c["zh"], c["duties_out"], c["duties_in"],
             ", ".join(f"{b['zh']}×{b['transfers']}" for b in c["to"])) for c in r["reorganisations"]]
    out.table(["date", "reorganisation", "out", "in", "to"], rows, title="Reorganisations")
    rows = [(_n(d), d["before"], d["after"], f"{d['change']:+d}") for d in r["domains"] if d["change"]]
    out.table(["domain", r["start"], r["end"], "change"], rows, title="Domains that changed")


RENDER = {"transfers": _transfers_table, "lineage": _lineage_table, "org": _org_table,
          "domains": _domains_table, "summary": _summary_table}


# ------------------------------------------------------------------ viz


def _year_range(since, until):
    for flag, value in (("--since", since), ("--until", until)):
        if value is not None and not 1900 <= value <= 2100:
            raise InputError(f"{flag}: not a plausible year: {value}")
    if since is not None and until is not None and since > until:
        raise InputError(f"--since {since} is after --until {until}")
    from govkg.dates import today

    this_year = int(today()[:4])
    if since is not None and since > this_year:
        raise InputError(f"--since {since}: after this year ({this_year}); the sources record nothing yet")
    return since, until


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@output_options(PICTURE_FORMATS, default="html", output_required=True,
                output_help="Picture file: .html (interactive, works offline), .svg or .png (static).")
@click.option("--year", type=int, help="transfers: the reorganisations of this year (default 2018).")
@click.option("--all", "all_years", is_flag=True, help="transfers: every reorganisation.")
@date_option("org: the date (YYYY-MM-DD, default today).")
@body_option("org: the institution [NDRC]; timeline: only the transfers to or from this body "
             "(with its departments) [all].")
@click.option("--domain", "domains", multiple=True, metavar="DOMAIN",
              help="timeline: only duties in this policy domain (label or CURIE; repeatable).")
@click.option("--since", type=int, metavar="YEAR", help="timeline: start the axis in this year [1952].")
@click.option("--until", type=int, metavar="YEAR", help="timeline: end the axis in this year [this year].")
@click.option("--departments", is_flag=True, help="transfers: draw departments instead of rolling them up.")
@graph_options
@click.pass_context
def viz(ctx, kind, year, all_years, on, body, domains, since, until, departments, graph, out):
    """Pictures: duty flows (transfers), the lineage, the organisation chart, the timeline of duties,
    a plan's bodies, tasks and platforms (plan, HTML only).

    \b
    transfers  the duties each body handed to another in a reorganisation (Sankey + network)
    lineage    predecessor -> successor institutions on a time axis
    org        the organisation on a date as a tree: institution -> departments, managed
               bureaus apart, with the number of duties of each
    timeline   one lane per body on a 1952 -> today axis, each transfer of duties an arrow
               at its date from giver to receiver, labelled with the duty
    plan       a plan's responsible bodies -> tasks and key projects -> platforms (HTML)
    \b
    Output by --format or the -o suffix: .html is an interactive page that works offline
    (plotly.js embedded; hover for duty text and source, zh/en labels); .svg/.png are static
    pictures (PNG refuses to draw without a CJK font: apt-get install fonts-noto-cjk).
    Every option applies to the kinds its help names; given for another kind it is refused.
    \b
    Example:
      govkg viz transfers --year 2018 -o t.html
      govkg viz timeline --since 1998 -o timeline.svg
      govkg viz timeline --body 发改委 --domain 价格 -o prices.html
      govkg viz org --on 2010-01-01 -o ndrc-2010.png
      govkg viz plan -o gz-plan.html
    """

    refuse_inapplicable(ctx, kind, {"year": ("transfers",), "all_years": ("transfers",),
                                    "departments": ("transfers",), "on": ("org",),
                                    "body": ("org", "timeline"), "domains": ("timeline",),
                                    "since": ("timeline",), "until": ("timeline",)})
    if all_years and year is not None:
        raise InputError("--all and --year cannot be combined")
    year = None if all_years else (_year(year) or 2018)
    since, until = _year_range(since, until)
    on = parse_date(on) if on else None
    fmt = out.fmt
    if fmt == "png":
        from govkg.viz.static import require_cjk_font

        require_cjk_font()
    from govkg.outfile import check_target

    check_target(out.path, inputs=graph.data)
    backend = graph.open(progress=progress_factory(True, "loading graph"))
    if kind == "plan":  # the plan picture (govkg.viz.plan): bodies -> tasks -> platforms, HTML only
        if fmt != "html":
            raise InputError("the plan picture is an HTML page: use -o FILE.html or --format html")
        from govkg.viz.plan import plan_page

        with out.file_path(inputs=graph.data) as path:
            info = plan_page(backend, path)
        click.echo(f"wrote {out.path} ({info})", err=True)
        return
    body = resolve_body(backend, body, default="inst:ndrc" if kind == "org" else None)
    if kind == "timeline":
        from govkg.viz import timeline as renderer
    elif fmt == "html":
        from govkg.viz import html as renderer
    else:
        from govkg.viz import static as renderer
    with out.file_path(inputs=graph.data) as path:
        if kind == "transfers":
            info = renderer.transfers(backend, path, year=year, rollup=not departments, fmt=fmt)
        elif kind == "lineage":
            info = renderer.lineage(backend, path, fmt=fmt)
        elif kind == "org":
            info = renderer.org(backend, path, on=on, root=body, fmt=fmt)
        else:
            info = renderer.timeline(backend, path, fmt=fmt, body=body, domains=domains,
                                     since=since, until=until)
    click.echo(f"wrote {out.path} ({info})", err=True)


COMMANDS = [analyze, viz]
