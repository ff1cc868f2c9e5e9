"""``govkg who`` as compact text: two lines per result, fitted to the terminal.

Chinese names on the first line, English and the department's institution on the second,
fitted to the width by dropping whole columns (transfers, then source), never by breaking a
name. Needs neither click nor rich, so :mod:`govkg.who_fast` and the click command
(:mod:`govkg.cli.lookup`) render with the same code.
"""

from __future__ import annotations

import functools
import unicodedata


def display_name(ref: dict | None, both: bool = True) -> str:
    if not ref:
        return "—"
    zh, en = ref.get("label_zh"), ref.get("label_en")
    if both and zh and en:
        return f"{zh}\n{en}"
    return zh or en or ref["iri"]


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
    return [f"{(m['date'] or '')[:4]}→{display_name(m['to'], both=False)}" for m in r["history"]]


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
                          f"（{display_name(h['parent'], both=False)}）", False)
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
