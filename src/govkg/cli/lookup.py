"""``govkg who`` and ``govkg history``: who handles what, on any date, and how duties moved.

This module only renders: the answers (JSON-ready dicts) come from :mod:`govkg.who` and :mod:`govkg.history`.
``who`` in text is compact — two lines per result (Chinese names on the first, English and
the department's institution on the second) fitted to the terminal by dropping whole columns,
never by breaking a name; ``--long`` gives every detail.
"""

from __future__ import annotations

import click

from govkg.cli.core import date_option
from govkg.cli.graph_options import graph_options
from govkg.cli.output_options import output_options
from govkg.output import progress_factory
from govkg.who_text import display_name, who_compact


def _backend(graph, out):
    return graph.open(progress=progress_factory(out.fmt == "text", "loading graph"))


@click.command()
@click.argument("text", nargs=-1, required=True)
@date_option("The date to answer for (YYYY-MM-DD; default: today).")
@click.option("--limit", type=int, default=10, show_default=True, help="At most this many results.")
@click.option("--long", "long_", is_flag=True, help="text: every detail (duty text, all transfers, "
                                                   "source) instead of two lines per result.")
@output_options(["text", "json"])
@graph_options
def who(text, on, limit, long_, graph, out):
    """Who handles TEXT (a duty, in Chinese — simplified or traditional — or English)?

    \b
    Shows, for each matching duty, the body that held it on the date, the interval, the
    source passage and every transfer of the duty. Duties held on the date come first; weak
    matches are labelled closest matches (JSON: "match": "closest"). Exit 0 with results,
    1 when nothing matches, 2 on bad input.
    Examples:
      govkg who 价格监督检查 --on 2010-06-01
      govkg who 價格監督檢查 --on 2019-06-01 --long
      govkg who "price supervision" --format json -o answer.json
    """
    from govkg.who import who as answer

    if long_ and out.fmt != "text":
        from govkg.errors import InputError

        raise InputError(f"--long is for the text format, not --format {out.fmt}")
    result = answer(_backend(graph, out), " ".join(text), on, limit)
    if out.fmt == "json":
        out.json(result)
    elif long_:
        _print_who_long(result, out)
    else:
        out.raw(who_compact(result, out.width()))
    raise SystemExit(0 if result["results"] else 1)


def _print_who_long(result: dict, out) -> None:
    if not result["results"]:
        out.echo(f"No duty matches {result['query']!r}.")
        return
    if result.get("match") == "closest":
        out.echo(f"No duty answers {result['query']!r} well; these are the closest matches, not answers.")
    rows = []
    for i, r in enumerate(result["results"], 1):
        duty = r["duty"]
        duty_text = f"{duty['label_zh'] or ''}\n{duty['label_en'] or ''}".strip()
        if duty.get("text_zh") and duty["text_zh"] != duty.get("label_zh"):
            duty_text += f"\n{duty['text_zh']}"
        if r["holder"]:
            h = r["holder"]
            holder = display_name(h)
            if h.get("parent"):
                holder += f"\n({display_name(h['parent'], both=False)})"
            interval = f"{r['interval']['from'] or '…'} → {r['interval']['to'] or 'now'}"
            src = r["source"]
            where = (f"{src['locator']}\n“{src['quote']}”" if src.get("quote") else src["locator"]) if src else ""
        else:
            holder, interval, where = "(nobody)", r.get("note", ""), ""
        moves = "\n".join(
            f"{m['date']}: {display_name(m['from'], both=False)} → {display_name(m['to'], both=False)}" for m in r["history"])
        rows.append([i, f"{r['score']:.2f}", duty_text, holder, interval, moves or "—", where])
    out.table(["#", "score", "duty 职责", f"held on {result['on']} by 承担者", "interval 期间", "transfers 划转",
               "source 来源"], rows, title=f"who handles “{result['query']}” on {result['on']}")


# ------------------------------------------------------------------ history


@click.command()
@click.argument("name", nargs=-1, required=True)
@output_options(["text", "json"])
@graph_options
def history(name, graph, out):
    """The timeline of an institution or department, or the lineage of a duty.

    \b
    NAME is a zh or en label, an abbreviation (发改委, NDRC) or an IRI/CURIE (inst:ndrc).
    Long timelines open in a pager on a terminal ($GOVKG_PAGER or $PAGER, else less).
    Examples:
      govkg history 发改委
      govkg history "State Planning Commission"
      govkg history 价格监督检查与反垄断执法职责 --format json -o lineage.json
    """
    from govkg.history import history as timeline

    result = timeline(_backend(graph, out), " ".join(name))
    if out.fmt == "json":
        out.json(result)
    else:
        _print_history(result, out)


def _print_history(result: dict, out) -> None:
    e = result["entity"]
    out.echo(f"{e.get('label_zh') or ''} / {e.get('label_en') or ''}  <{e['iri']}>  ({e['kind']})")
    if e["kind"] == "duty":
        if e.get("text_zh"):
            out.echo(e["text_zh"])
        rows = [[display_name(h["holder"]) + (f"\n({display_name(h['holder']['parent'], both=False)})"
                                        if h["holder"].get("parent") else ""),
                 _shown_from(h), h["to"] or "now",
                 "; ".join(_cite(s) for s in h["sources"])] for h in result["holders"]]
        out.table(["holder 承担者", "from", "to", "source"], rows, title="holders 承担者")
        if result["transfers"]:
            out.table(["date", "from 划出", "to 划入", "reorganisation 机构改革"],
                      [[t["date"], display_name(t["from"], False), display_name(t["to"], False),
                        (t["event"] or "") + ("\n(inferred: no source states it)" if t.get("inferred") else "")]
                       for t in result["transfers"]], title="transfers 划转")
        if result.get("acts"):
            out.table(["date", "by 主体", "act 履职行为"],
                      [[a["date"] or "(date not in the source)", display_name(a["by"], False),
                        f"{a['label_zh'] or ''}\n{a['label_en'] or ''}".strip()] for a in result["acts"]],
                      title="acts exercising this duty 履职行为")
        return
    if result["lineage"] and len(result["lineage"]) > 1:
        out.echo("lineage: " + " → ".join(
            f"{x['label_zh']} ({x['founded'] or '?'})" for x in result["lineage"]))
    for key, title in (("managed_by", "managed by"), ("manages", "manages"), ("parent", "part of")):
        value = result.get(key)
        if value:
            values = value if isinstance(value, list) else [value]
            out.echo(f"{title}: " + ", ".join(display_name(v, both=False) for v in values))
    if result.get("not_recorded_after"):
        out.echo(f"not recorded after {result['not_recorded_after']}: the sources say nothing of it afterwards "
                 "(not abolished, not current)")
    rows = []
    for item in result["timeline"]:
        detail = ""
        if item["what"].startswith("duty"):
            detail = f"{display_name(item['duty'], both=False)}\n{display_name(item['from'], False)} → {display_name(item['to'], False)}"
        elif item.get("event"):
            detail = display_name(item["event"], both=False)
        rows.append([item["date"], item["what"], detail])
    out.table(["date", "what", "detail"], rows, title="timeline 沿革")


def _shown_from(h: dict) -> str:
    """'2008 (三定; exact day not in the sources)' when only the year of the start is supported."""
    if not h.get("from"):
        return "…"
    if h.get("start_precision") in ("year", "month"):
        return f"{h['from_shown']} (exact day not in the sources)"
    return h["from"]


def _cite(s: dict) -> str:
    """A citation that names its document, not only 'line 95'."""
    return ", ".join(x for x in (s.get("document"), s.get("locator")) if x)


COMMANDS = [who, history]
