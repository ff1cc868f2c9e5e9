"""``govkg who`` and ``govkg history``: who handles what, on any date, and how duties moved.

This module only renders: the answers (JSON-ready dicts) come from :mod:`govkg.who` and :mod:`govkg.history`.
``who`` in text is compact — two lines per result (Chinese names on the first, English and
the department's institution on the second) fitted to the terminal by dropping whole columns,
never by breaking a name; ``--long`` gives every detail.
"""

from __future__ import annotations

import functools
import unicodedata

import click

from govkg.cli.core import date_option
from govkg.cli.graph_options import graph_options
from govkg.cli.output_options import output_options
from govkg.output import progress_factory



def _backend(graph, out):
    return graph.open(progress=progress_factory(out.fmt == "text", "loading graph"))


def _name(ref: dict | None, both: bool = True) -> str:
    if not ref:
        return "—"
    zh, en = ref.get("label_zh"), ref.get("label_en")
    if both and zh and en:
        return f"{zh}\n{en}"
    return zh or en or ref["iri"]


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


# ------------------------------------------------------------------ compact who


def _cells(text: str) -> int:
    """Terminal cells ``text`` takes: East Asian wide and full-width characters two, combining
    marks and format characters none, the rest one (the standard library's Unicode tables:
    rendering ``who`` must not import rich just to measure a name)."""
    return sum(_char_cells(ch) for ch in text)


@functools.lru_cache(maxsize=4096)
def _char_cells(ch: str) -> int:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells: at a space for English (a word is never cut),
    anywhere for Chinese (which has no spaces), marked with "…"."""
    if _cells(text) <= width:
        return text
    if width < 2:
        return ""
    cut = ""
    for ch in text:
        if _cells(cut + ch) > width - 1:
            break
        cut += ch
    if " " in cut and cut.isascii():
        cut = cut[: cut.rstrip().rfind(" ")] if not text[len(cut):len(cut) + 1].isspace() else cut
    return cut.rstrip(" ,;:") + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _cells(text))


def _year_moves(r: dict) -> list[str]:
    return [f"{(m['date'] or '')[:4]}→{_name(m['to'], both=False)}" for m in r["history"]]


def who_rows(result: dict) -> list[list[tuple[str, str, bool]]]:
    """Per result, one (first line, second line, second line may be shortened) per column."""
    rows = []
    for i, r in enumerate(result["results"], 1):
        duty = r["duty"]
        zh, en = duty.get("label_zh") or duty.get("label_en") or duty["iri"], duty.get("label_en") or ""
        if r["holder"]:
            h = r["holder"]
            if h.get("parent"):  # a department: its institution's name, never shortened
                holder = (h.get("label_zh") or h.get("label_en") or h["iri"],
                          f"（{_name(h['parent'], both=False)}）", False)
            else:
                holder = (h.get("label_zh") or h.get("label_en") or h["iri"], h.get("label_en") or "", True)
            interval = r["interval"]
            period = (f"{interval['from'] or '…'} –", interval["to"] or "now 至今", False)
            source = ((r["source"] or {}).get("locator") or "", "", False)
        else:
            holder = ("— 无人承担", r.get("note") or "not held", True)
            period = source = ("", "", False)
        moves = _year_moves(r)
        rest = ("; ".join(moves[1:2]) + (f" +{len(moves) - 2}" if len(moves) > 2 else "")) if len(moves) > 1 else ""
        rows.append([(str(i), "", False), (zh, en, True), holder, period, source,
                     (moves[0] if moves else "—", rest, False)])
    return rows


WHO_HEADERS = ["#", "duty 职责", "held by 承担者", "period 期间", "source", "transfers 划转"]
#: Second lines in files and pipes are shortened to at least this many cells.
PIPE_SECOND_LINE = 48


def who_compact(result: dict, width: int | None) -> str:
    """The compact ``who`` table: two lines per result, fitted to ``width`` cells by dropping
    whole columns from the right (transfers, then source) and shortening only English or
    explanatory second lines — a name is never cut."""
    title = f"who handles “{result['query']}” on {result['on']}"
    if not result["results"]:
        return f"No duty matches {result['query']!r} (on {result['on']}).\n"
    rows = who_rows(result)

    def widths(cols):
        return [max([_cells(WHO_HEADERS[c])] + [_cells(r[c][0]) for r in rows]
                    + [_cells(r[c][1]) for r in rows if not r[c][2]]) for c in cols]

    def total(cols, gap):
        return sum(widths(cols)) + gap * (len(cols) - 1)

    cols, dropped, gap = list(range(len(WHO_HEADERS))), [], 2
    if width is not None:
        while len(cols) > 3 and total(cols, 2) > width:
            dropped.append(WHO_HEADERS[cols.pop()])
        if total(cols, 2) > width:
            gap = 1
    ws = widths(cols)
    if width is None:  # files and pipes: room for the second lines
        ws = [max(w, min(PIPE_SECOND_LINE, max(_cells(r[c][1]) for r in rows))) for w, c in zip(ws, cols)]
    sep = " " * gap
    if result.get("match") == "closest":
        title += f"\nNo duty answers {result['query']!r} well; these are the closest matches, not answers."
    lines = [title, sep.join(_pad(WHO_HEADERS[c], w) for c, w in zip(cols, ws)).rstrip(),
             sep.join("─" * w for w in ws)]
    for r in rows:
        lines.append(sep.join(_pad(r[c][0], w) for c, w in zip(cols, ws)).rstrip())
        second = sep.join(_pad(shorten(r[c][1], w) if r[c][2] else r[c][1], w) for c, w in zip(cols, ws)).rstrip()
        if second:
            lines.append(second)
    if dropped:
        lines.append(f"(+ {', '.join(reversed(dropped))}: --long)")
    return "\n".join(lines) + "\n"


def _print_who_long(result: dict, out) -> None:
    if not result["results"]:
        out.echo(f"No duty matches {result['query']!r}.")
        return
    if result.get("match") == "closest":
        click.echo(f"No duty answers {result['query']!r} well; these are the closest matches, not answers.")
    rows = []
    for i, r in enumerate(result["results"], 1):
        duty = r["duty"]
        duty_text = f"{duty['label_zh'] or ''}\n{duty['label_en'] or ''}".strip()
        if duty.get("text_zh") and duty["text_zh"] != duty.get("label_zh"):
            duty_text += f"\n{duty['text_zh']}"
        if r["holder"]:
            h = r["holder"]
            holder = _name(h)
            if h.get("parent"):
                holder += f"\n({_name(h['parent'], both=False)})"
            interval = f"{r['interval']['from'] or '…'} → {r['interval']['to'] or 'now'}"
            src = r["source"]
            where = (f"{src['locator']}\n“{src['quote']}”" if src.get("quote") else src["locator"]) if src else ""
        else:
            holder, interval, where = "(nobody)", r.get("note", ""), ""
        moves = "\n".join(
            f"{m['date']}: {_name(m['from'], both=False)} → {_name(m['to'], both=False)}" for m in r["history"])
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
        rows = [[_name(h["holder"]) + (f"\n({_name(h['holder']['parent'], both=False)})"
                                        if h["holder"].get("parent") else ""),
                 _shown_from(h), h["to"] or "now",
                 "; ".join(_cite(s) for s in h["sources"])] for h in result["holders"]]
        out.table(["holder 承担者", "from", "to", "source"], rows, title="holders 承担者")
        if result["transfers"]:
            out.table(["date", "from 划出", "to 划入", "reorganisation 机构改革"],
                      [[t["date"], _name(t["from"], False), _name(t["to"], False),
                        (t["event"] or "") + ("\n(inferred: no source states it)" if t.get("inferred") else "")]
                       for t in result["transfers"]], title="transfers 划转")
        if result.get("acts"):
            out.table(["date", "by 主体", "act 履职行为"],
                      [[a["date"] or "(date not in the source)", _name(a["by"], False),
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
            out.echo(f"{title}: " + ", ".join(_name(v, both=False) for v in values))
    if result.get("not_recorded_after"):
        out.echo(f"not recorded after {result['not_recorded_after']}: the sources say nothing of it afterwards "
                 "(not abolished, not current)")
    rows = []
    for item in result["timeline"]:
        detail = ""
        if item["what"].startswith("duty"):
            detail = f"{_name(item['duty'], both=False)}\n{_name(item['from'], False)} → {_name(item['to'], False)}"
        elif item.get("event"):
            detail = _name(item["event"], both=False)
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
