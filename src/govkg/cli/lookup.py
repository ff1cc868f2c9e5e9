"""``govkg who`` and ``govkg history``: who handles what, on any date, and how duties moved."""

from __future__ import annotations

import click

from govkg.cli.graph_options import graph_options
from govkg.output import echo_json, progress_factory, stdout_is_terminal


def _backend(graph, fmt):
    return graph.open(progress=progress_factory(fmt != "json", "loading graph"))


def _name(ref: dict | None, both: bool = True) -> str:
    if not ref:
        return "—"
    zh, en = ref.get("label_zh"), ref.get("label_en")
    if both and zh and en:
        return f"{zh}\n{en}"
    return zh or en or ref["iri"]


@click.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--on", "on", metavar="DATE", help="The date to answer for (YYYY-MM-DD; default: today).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="Output format (default: table on a terminal, json otherwise).")
@click.option("--limit", type=int, default=10, show_default=True, help="At most this many results.")
@graph_options
def who(text, on, fmt, limit, graph):
    """Who handles TEXT (a duty, in Chinese — simplified or traditional — or English)?

    \b
    Shows, for each matching duty, the body that held it on the date, the interval, the
    source passage and every transfer of the duty. Duties held on the date come first; weak
    matches are labelled closest matches (JSON: "match": "closest"). Exit 0 with results,
    1 when nothing matches, 2 on bad input.
    Examples:
      govkg who 价格监督检查 --on 2010-06-01
      govkg who 價格監督檢查 --on 2019-06-01
      govkg who "price supervision" --format json
    """
    from govkg.who import who as answer

    fmt = fmt or ("table" if stdout_is_terminal() else "json")
    result = answer(_backend(graph, fmt), " ".join(text), on, limit)
    if fmt == "json":
        echo_json(result)
    else:
        _print_who(result)
    raise SystemExit(0 if result["results"] else 1)


def _print_who(result: dict) -> None:
    from govkg.output import table

    if not result["results"]:
        click.echo(f"No duty matches {result['query']!r}.")
        return
    if result.get("match") == "closest":
        click.echo(f"No duty answers {result['query']!r} well; these are the closest matches, not answers.")
    rows = []
    for i, r in enumerate(result["results"], 1):
        duty = r["duty"]
        duty_text = f"{duty['label_zh'] or ''}\n{duty['label_en'] or ''}".strip()
        if r["holder"]:
            h = r["holder"]
            holder = _name(h)
            if h.get("parent"):
                holder += f"\n({_name(h['parent'], both=False)})"
            interval = f"{r['interval']['from'] or '…'} → {r['interval']['to'] or 'now'}"
            src = r["source"]
            where = f"{src['locator']}" if src else ""
        else:
            holder, interval, where = "(nobody)", r.get("note", ""), ""
        moves = "\n".join(
            f"{m['date']}: {_name(m['from'], both=False)} → {_name(m['to'], both=False)}" for m in r["history"])
        rows.append([i, f"{r['score']:.2f}", duty_text, holder, interval, moves or "—", where])
    table(["#", "score", "duty 职责", f"held on {result['on']} by 承担者", "interval 期间", "transfers 划转", "source"],
          rows, title=f"who handles “{result['query']}” on {result['on']}")


@click.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="Output format (default: table on a terminal, json otherwise).")
@graph_options
def history(name, fmt, graph):
    """The timeline of an institution or department, or the lineage of a duty.

    \b
    NAME is a zh or en label, an abbreviation (发改委, NDRC) or an IRI/CURIE (inst:ndrc).
    Examples:
      govkg history 发改委
      govkg history "State Planning Commission"
      govkg history 价格监督检查与反垄断执法职责 --format json
    """
    from govkg.history import history as timeline

    fmt = fmt or ("table" if stdout_is_terminal() else "json")
    result = timeline(_backend(graph, fmt), " ".join(name))
    if fmt == "json":
        echo_json(result)
    else:
        _print_history(result)


def _print_history(result: dict) -> None:
    from govkg.output import table

    e = result["entity"]
    click.echo(f"{e.get('label_zh') or ''} / {e.get('label_en') or ''}  <{e['iri']}>  ({e['kind']})")
    if e["kind"] == "duty":
        if e.get("text_zh"):
            click.echo(e["text_zh"])
        rows = [[_name(h["holder"]) + (f"\n({_name(h['holder']['parent'], both=False)})"
                                        if h["holder"].get("parent") else ""),
                 h["from"] or "…", h["to"] or "now",
                 "; ".join(s["locator"] or "" for s in h["sources"])] for h in result["holders"]]
        table(["holder 承担者", "from", "to", "source"], rows, title="holders 承担者")
        if result["transfers"]:
            table(["date", "from 划出", "to 划入", "reorganisation 机构改革"],
                  [[t["date"], _name(t["from"], False), _name(t["to"], False), t["event"] or ""]
                   for t in result["transfers"]], title="transfers 划转")
        return
    if result["lineage"] and len(result["lineage"]) > 1:
        click.echo("lineage: " + " → ".join(
            f"{x['label_zh']} ({x['founded'] or '?'})" for x in result["lineage"]))
    for key, title in (("managed_by", "managed by"), ("manages", "manages"), ("parent", "part of")):
        value = result.get(key)
        if value:
            values = value if isinstance(value, list) else [value]
            click.echo(f"{title}: " + ", ".join(_name(v, both=False) for v in values))
    rows = []
    for item in result["timeline"]:
        detail = ""
        if item["what"].startswith("duty"):
            detail = f"{_name(item['duty'], both=False)}\n{_name(item['from'], False)} → {_name(item['to'], False)}"
        elif item.get("event"):
            detail = _name(item["event"], both=False)
        rows.append([item["date"], item["what"], detail])
    table(["date", "what", "detail"], rows, title="timeline 沿革")


COMMANDS = [who, history]
