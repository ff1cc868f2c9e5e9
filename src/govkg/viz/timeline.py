"""``govkg viz timeline``: the timeline of duties — one lane per body, one arrow per transfer.

Time runs left to right (1952 → today; the quiet decades before 1998 are drawn compressed and
marked so), one lane per body (departments nested under their institution, bureaus it manages
after them and marked 管理), a bar where the body existed — solid where a date in the graph says
so, dashed where the sources say nothing — and each transfer of duties an arrow at its date from
the giver's lane to the receiver's, labelled with the duty (width: number of duties; colour: the
reorganisation). Predecessor → successor links are grey arrows.

One layout (:func:`layout`, in points) feeds one drawing: Graphviz ``neato -n`` places every
element where the layout says and writes SVG and PNG (with the fonts fontconfig knows); the
HTML page embeds that SVG with a hover box giving the duty text and the source passage. Labels
are placed so that none overlaps another or is cut off (the page grows to fit them); the tests
check both in Chromium.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from govkg.analysis import graphs
from govkg.dates import today
from govkg.errors import GovkgError, InputError
from govkg.viz import caption as captions
from govkg.viz.html import HOVER_SCRIPT

FONT = "Noto Sans CJK SC"
START_YEAR = 1952
#: Before this year the axis is compressed (few events; the lanes still show what existed).
COMPRESS_BEFORE = 1998
PT_PER_YEAR = 28.0
PT_PER_YEAR_COMPRESSED = 5.0
LANE = 26.0          # height of a lane without label rows
LABEL_ROW = 16.0     # height of one row of arrow labels (a CJK line box is ~1.45 em)
LABEL_SIZE = 9.5
LANE_SIZE = 11.0
ARROW_GAP = 10.0     # points between arrows of the same date (the axis widens there to fit them)
LEAD = 2.5           # years of dashed lead-in drawn before a body's first record
KIND_COLOUR = {"institution": "#4e79a7", "department": "#8fb8de", "bureau": "#f28e2b"}
KIND_NAMES = {"institution": ("机关", "institution"), "department": ("内设机构", "department"),
              "bureau": ("管理的国家局", "bureau managed by a ministry")}
SUCCESSOR_COLOUR = "#8c8c8c"


# ------------------------------------------------------------------ text metrics


def _em(ch: str) -> float:
    """A character's advance in em in Noto Sans CJK SC, rounded up a little (never too short:
    the layout must not let two texts touch)."""
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch == " ":
        return 0.26
    if ch.isupper() or ch in "mwMW":
        return 0.66
    if ch.isdigit():
        return 0.56
    if ch.isalpha():
        return 0.54
    return 0.4  # punctuation: · , . ( ) -


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` in a CJK sans font (wide characters 1 em, Latin by class)."""
    return sum(size * _em(ch) for ch in text)


def clip(text: str, chars: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= chars else text[: chars - 1] + "…"


# ------------------------------------------------------------------ model


def _year(date: str) -> float:
    """A date as a fractional year (2018-03-17 → 2018.21)."""
    y, m, d = (int(x) for x in date[:10].split("-"))
    return y + (m - 1) / 12 + (d - 1) / 365


def _match_domains(s: graphs.Snapshot, wanted: tuple[str, ...]) -> set[str]:
    """The domain CURIEs named by ``wanted`` (CURIE, or part of a zh/en label)."""
    known = sorted({d for info in s.duties.values() for d in info.get("domains", [])})
    chosen = set()
    for text in wanted:
        t = text.strip().lower()
        hits = {d for d in known if d.lower() == t or t in s.label(d, "zh").lower() or t in s.label(d, "en").lower()}
        if not hits:
            shown = ", ".join(s.label(d, "zh") for d in known[:12])
            raise InputError(f"--domain {text}: no duty domain has this name; domains: {shown}")
        chosen |= hits
    return chosen


Q_NOT_RECORDED = "SELECT ?body ?date WHERE { ?body gk:notRecordedAfter ?date }"


def not_recorded_after(backend) -> dict[str, str]:
    """Bodies the sources stop recording (gk:notRecordedAfter): body CURIE → date."""
    return {graphs.curie(r["body"].value): r["date"].value for r in backend.select(Q_NOT_RECORDED)}


def timeline_model(backend, body: str | None = None, domains: tuple[str, ...] = (),
                   since: int | None = None, until: int | None = None, lineage_only: bool = False) -> dict:
    """Lanes (bodies with their recorded existence) and arrows (transfers, successions).

    ``lineage_only``: the lineage picture — predecessor → successor links, no transfers."""
    s = graphs.snapshot(backend)
    stops = not_recorded_after(backend)
    first, last = since or START_YEAR, until or int(today()[:4])
    wanted = _match_domains(s, domains) if domains else None

    def in_range(date):
        return date is not None and first <= int(date[:4]) <= last

    def touches(t):
        if body is None:
            return True
        return body in (t["from"], t["to"], s.institution_of(t["from"]), s.institution_of(t["to"]))

    transfers = [] if lineage_only else [
        t for t in s.transfers if in_range(t["date"]) and touches(t)
        and (wanted is None or set(s.duties.get(t["duty"], {}).get("domains", [])) & wanted)]
    successions = []
    if wanted is None:
        for pred, succ in s.lineage:
            date = s.institutions.get(pred, {}).get("dissolution") or s.institutions.get(succ, {}).get("founding")
            if in_range(date) and (body is None or body in (pred, succ)):
                successions.append({"from": pred, "to": succ, "date": date})
    if not transfers and not successions:
        what = []
        if body:
            what.append(f"--body {s.label(body)}")
        if domains:
            what.append("--domain " + ", ".join(domains))
        what.append(f"{first}–{last}")
        raise InputError("no duty transfers recorded for " + " ".join(what))

    # bodies: every giver and receiver, their institutions, and (unfiltered) the bureaus they manage
    bodies = {x for t in transfers for x in (t["from"], t["to"])} | {x for l in successions for x in (l["from"], l["to"])}
    bodies |= {s.institution_of(b) for b in bodies}
    if body is not None:
        bodies.add(body)
    if wanted is None and body is None and not lineage_only:
        for inst, info in s.institutions.items():
            if any(m in bodies for m in info["managed_by"]):
                bodies.add(inst)

    evidence = defaultdict(list)  # body -> dates it is recorded to exist on
    ended = defaultdict(list)
    open_ended = set()
    for a in s.assignments:
        if a["start"]:
            evidence[a["holder"]].append(a["start"])
        if a["end"]:
            ended[a["holder"]].append(a["end"])
        else:
            open_ended.add(a["holder"])
    for t in s.transfers:
        evidence[t["from"]].append(t["date"])
        evidence[t["to"]].append(t["date"])

    def kind_of(b):
        if b in s.unit_of:
            return "department"
        if s.institutions.get(b, {}).get("managed_by"):
            return "bureau"
        return "institution"

    def parent_of(b):
        if b in s.unit_of:
            return s.unit_of[b]
        managers = [m for m in s.institutions.get(b, {}).get("managed_by", []) if m in bodies]
        return managers[0] if managers else None

    def segments(b):
        """Solid where a date in the graph says the body existed, dashed where nothing does."""
        info = s.institutions.get(b, {})
        founding, dissolution = info.get("founding"), info.get("dissolution")
        dates = sorted(d for d in evidence.get(b, []) if d)
        out = []
        start = founding or (dates[0] if dates else None)
        if start is None and dissolution:
            return [{"from": None, "to": dissolution, "known": False,
                     "note": f"成立日期未记载；{dissolution} 撤销 founding not recorded; dissolved {dissolution}"}]
        if start is None:
            return [{"from": None, "to": None, "known": False,
                     "note": "成立与存续日期未记载 dates not recorded"}]
        if not founding:
            out.append({"from": None, "to": start, "known": False,
                        "note": f"成立日期未记载；最早记录 {start} founding not recorded; first record {start}"})
        if dissolution:
            end, known_end = dissolution, True
        elif b in stops:
            end, known_end = stops[b], False  # the sources stop recording it: never drawn as current
        elif b in s.unit_of and b not in open_ended and ended.get(b):
            end, known_end = max(ended[b]), False  # its duties all left; its fate is not recorded
        else:
            end, known_end = None, True
        out.append({"from": start, "to": end, "known": True,
                    "note": f"{start} – {end or '至今 now'}" + ("" if founding else "（最早记录 first record）")})
        if not known_end:
            out.append({"from": end, "to": None, "known": False,
                        "note": f"{end} 后未记载 not recorded after {end}"})
        return out

    # lane order: institutions by first record, each followed by its departments, then its bureaus
    def first_date(b):
        info = s.institutions.get(b, {})
        dates = sorted(d for d in evidence.get(b, []) if d)
        return info.get("founding") or (dates[0] if dates else "9999")

    parents = {b: parent_of(b) for b in bodies}
    tops = sorted((b for b in bodies if parents[b] is None), key=lambda b: (first_date(b), b))
    order = []

    def place(b, depth):
        order.append((b, depth))
        children = sorted((c for c in bodies if parents[c] == b),
                          key=lambda c: (kind_of(c) != "department", first_date(c), c))
        for c in children:
            place(c, depth + 1)

    for b in tops:
        place(b, 0)
    lanes = []
    for b, depth in order:
        kind = kind_of(b)
        names = s.names(b)
        segs = segments(b)
        parent = parents[b]
        relation = {"department": "内设机构 department of", "bureau": "管理 managed by"}.get(kind)
        hover = [f"<b>{html.escape(names['zh'])}</b>", html.escape(names["en"]),
                 html.escape(KIND_NAMES[kind][0] + " " + KIND_NAMES[kind][1])]
        if parent and relation:
            hover.append(f"{relation}: {html.escape(s.label(parent))}")
        hover += [html.escape(seg["note"]) for seg in segs]
        lanes.append({"id": b, "zh": names["zh"], "en": names["en"], "kind": kind, "depth": depth,
                      "parent": parent, "segments": segs, "hover": "<br>".join(hover),
                      "tooltip": " · ".join([names["zh"], names["en"]] + [seg["note"] for seg in segs])})

    # arrows: one per (date, giver, receiver), carrying every duty moved
    grouped: dict[tuple, list] = defaultdict(list)
    for t in transfers:
        grouped[(t["date"], t["from"], t["to"], t["event"])].append(t)
    events = sorted({(t["date"], t["event"]) for t in transfers})
    from govkg.viz.colours import event_colour

    colours = {ev: event_colour(s, ev) for _, ev in events}
    arrows = []
    for (date, giver, taker, event), ts in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        duties = []
        seen = set()
        for t in ts:
            if t["duty"] in seen:
                continue
            seen.add(t["duty"])
            rec = s.duty_record(t["duty"], s.sources.get(t["id"]) or s.sources.get(t["duty"], []))
            duties.append(rec)
        ev = s.names(event) if event else {"zh": date, "en": date}
        lead = duties[0]["zh"]
        label = clip(lead, 16) + (f" 等{len(duties)}项" if len(duties) > 1 else "")
        hover = [f"<b>{html.escape(s.label(giver))} → {html.escape(s.label(taker))}</b>",
                 f"{html.escape(date)} {html.escape(ev['zh'])} · {html.escape(ev['en'])}",
                 f"{len(duties)} 项职责 duties"]
        for d in duties[:8]:
            hover.append(f"• <b>{html.escape(d['zh'])}</b> — {html.escape(clip(d['en'], 90))}")
            if d.get("text") and d["text"] != d["zh"]:
                hover.append("&nbsp;&nbsp;" + html.escape(clip(d["text"], 120)))
            for src in d["sources"][:1]:
                quote = f"“{clip(src.get('quote'), 110)}”" if src.get("quote") else ""
                hover.append(f"&nbsp;&nbsp;来源 source: {html.escape(src.get('locator') or src['id'])} {html.escape(quote)}")
        if len(duties) > 8:
            hover.append(f"… +{len(duties) - 8}")
        domains = sorted({dm["id"] for d in duties for dm in d.get("domains", [])})
        arrows.append({"kind": "transfer", "date": date, "from": giver, "to": taker, "event": event,
                       "bodies": sorted({giver, taker, s.institution_of(giver), s.institution_of(taker)}),
                       "domains": domains,
                       "event_zh": ev["zh"], "event_en": ev["en"], "colour": colours[event],
                       "duties": [{"id": d["id"], "zh": d["zh"], "en": d["en"], "text": d["text"],
                                   "sources": d["sources"]} for d in duties],
                       "label": label, "hover": "<br>".join(hover),
                       "tooltip": f"{s.label(giver)} → {s.label(taker)}，{date}：" + "；".join(d["zh"] for d in duties)})
    for l in successions:
        arrows.append({"kind": "successor", "date": l["date"], "from": l["from"], "to": l["to"], "event": None,
                       "bodies": sorted({l["from"], l["to"]}), "domains": [],
                       "colour": SUCCESSOR_COLOUR, "duties": [], "label": "",
                       "hover": f"<b>{html.escape(s.label(l['from']))} → {html.escape(s.label(l['to']))}</b><br>"
                                f"{l['date']} 前身 → 后继 predecessor → successor",
                       "tooltip": f"{s.label(l['from'])} → {s.label(l['to'])}（{l['date']}，前身 → 后继 predecessor → successor）"})
    arrows.sort(key=lambda a: (a["date"], a["kind"] != "successor", a["from"], a["to"]))
    legend_events = []
    for date, event in events:
        names = s.names(event) if event else {"zh": date, "en": date}
        legend_events.append({"date": date, "zh": names["zh"], "en": names["en"], "colour": colours[event]})
    passages = {src["id"] for a in arrows for d in a["duties"] for src in d["sources"]}
    title = {"zh": "职责变迁时间线", "en": "Timeline of duties: who held what, and where it went"}
    if lineage_only:
        title = {"zh": "机构沿革：前身与后继", "en": "Lineage: predecessors and successors"}
    elif body:
        title = {"zh": f"{s.label(body)}的职责变迁时间线", "en": f"Timeline of duties: {s.label(body, 'en')}"}
    domain_names = {d: s.names(d) for a in arrows for d in a["domains"]}
    return {"kind": "timeline", "title": title, "since": first, "until": last, "domains": domain_names,
            "filters": {"body": body, "domains": sorted(wanted) if wanted else [], "since": since, "until": until},
            "lanes": lanes, "arrows": arrows, "events": legend_events,
            "caption": captions.caption(backend, passages or None)}


# ------------------------------------------------------------------ layout (points, y downwards)


def x_scale(first: int, last: int, windows: dict[float, float] | None = None):
    """Year → x. Before 1998 (when the axis starts earlier) the years are compressed.

    ``windows``: year → extra points inserted at that moment, so that the arrows of a busy date
    (2018: 20 of them) stand side by side instead of in a bundle. A date that ends something is
    drawn at the end of its window (``end=True``), one that starts something at its start."""
    end = last + 1
    knee = COMPRESS_BEFORE if first < COMPRESS_BEFORE < end else None
    windows = windows or {}

    def base(year: float) -> float:
        if knee is None:
            return (year - first) * PT_PER_YEAR
        if year <= knee:
            return (year - first) * PT_PER_YEAR_COMPRESSED
        return (knee - first) * PT_PER_YEAR_COMPRESSED + (year - knee) * PT_PER_YEAR

    def x(year: float, end_of_window: bool = False) -> float:
        year = min(max(year, first), end)
        extra = sum(w for at, w in windows.items() if at < year or (end_of_window and at == year))
        return base(year) + extra

    return x, knee


def layout(m: dict) -> dict:
    """Where everything goes: lane rows, bars, arrows, labels, axis, legend, caption (points)."""
    first, last = m["since"], m["until"]
    by_date = defaultdict(list)
    for a in m["arrows"]:
        by_date[a["date"]].append(a)
    windows = {_year(date): ARROW_GAP * (len(group) - 1) + 12 for date, group in by_date.items() if len(group) > 1}
    xs, knee = x_scale(first, last, windows)
    name_w = max(text_width(l["zh"], LANE_SIZE) + 14 * l["depth"] + (text_width(" 管理", LANE_SIZE) if l["kind"] == "bureau" else 0)
                 for l in m["lanes"]) + 16
    left = name_w + 10
    index = {l["id"]: i for i, l in enumerate(m["lanes"])}

    # arrows of one date side by side in its window, those to one receiver together; going
    # down, the one reaching farthest first (going up, mirrored), so that a receiver's label,
    # right of its arrows, is not crossed by the arrows after it
    placed = []
    for date, group in by_date.items():
        def order(a):
            down = index[a["to"]] > index[a["from"]]
            return (a["kind"] != "successor", not down, -index[a["to"]] if down else index[a["to"]], index[a["from"]])

        group.sort(key=order)
        start = left + xs(_year(date)) + (6 if len(group) > 1 else 0)
        for k, a in enumerate(group):
            placed.append((a, start + ARROW_GAP * k))

    # labels: one per receiver and date (its duty, and how many moved), right of its last
    # arrow at the receiver's lane; a further row when one is taken
    groups: dict[tuple, list] = defaultdict(list)
    for a, x in placed:
        if a["label"]:
            groups[(a["date"], a["to"])].append((a, x))
    rows_used = defaultdict(list)  # lane -> [(row, x0, x1)]
    labels = []
    for (date, taker), members in sorted(groups.items(), key=lambda kv: max(x for _, x in kv[1])):
        arrows_here = [a for a, _ in members]
        x = max(x for _, x in members)
        total = sum(len(a["duties"]) for a in arrows_here)
        text = arrows_here[0]["label"] if len(arrows_here) == 1 else (
            clip(arrows_here[0]["duties"][0]["zh"], 12) + f" 等{total}项")
        w = text_width(text, LABEL_SIZE) + 6
        lane = index[taker]
        row = 0
        while any(r == row and not (x + 4 + w < x0 or x + 4 > x1) for r, x0, x1 in rows_used[lane]):
            row += 1
        rows_used[lane].append((row, x + 4, x + 4 + w))
        labels.append({"arrow": arrows_here[0], "arrows": arrows_here, "text": text, "lane": lane, "row": row,
                       "x": x + 4, "w": w})
    lane_rows = [1 + max([r for r, *_ in rows_used[i]], default=-1) for i in range(len(m["lanes"]))]
    top = 70.0
    ys, y = [], top
    for i in range(len(m["lanes"])):
        y += LABEL_ROW * lane_rows[i]
        ys.append(y + LANE / 2)
        y += LANE
    plot_bottom = y + 6
    right = max([left + xs(last + 1)] + [lab["x"] + lab["w"] for lab in labels]) + 20

    bars = []
    for i, lane in enumerate(m["lanes"]):
        for seg in lane["segments"]:
            if seg["from"] is None and seg["to"] is None:
                x0, x1 = left + xs(first), left + xs(last + 1)
            elif seg["from"] is None:
                x1 = left + xs(_year(seg["to"]))
                x0 = max(left + xs(first), x1 - LEAD * PT_PER_YEAR * (0.5 if _year(seg["to"]) < (knee or 0) else 1))
            else:
                x0 = left + xs(_year(seg["from"]), end_of_window=not seg["known"])  # a tail starts after the end
                x1 = left + (xs(_year(seg["to"]), end_of_window=True) if seg["to"] else xs(last + 1))
                if not seg["known"]:
                    x1 = min(x0 + LEAD * PT_PER_YEAR, left + xs(last + 1))
            bars.append({"lane": i, "x0": x0, "x1": max(x1, x0 + 2), "y": ys[i], "known": seg["known"],
                         "colour": KIND_COLOUR[lane["kind"]], "tooltip": lane["tooltip"]})
    arrows = [{"arrow": a, "x": x, "y0": ys[index[a["from"]]], "y1": ys[index[a["to"]]]} for a, x in placed]
    for lab in labels:
        lab["y"] = ys[lab["lane"]] - LANE / 2 - LABEL_ROW * lab["row"] - 2
    ticks = []
    years = list(range(first, last + 1))
    wanted = {first, last} | ({knee} if knee else set())
    wanted |= {yr for yr in years if (knee is None or yr > knee) and yr % 5 == 3}  # 1998 2003 2008 …
    wanted |= {yr for yr in years if knee is not None and yr < knee and yr % 10 == 0 and yr - first >= 6}
    wanted |= {int(a["date"][:4]) for a in m["arrows"]}
    last_x = -1e9
    for yr in sorted(wanted):
        x = left + xs(yr)
        if x - last_x < 26 and yr not in (first,):
            continue
        ticks.append({"year": yr, "x": x})
        last_x = x
    spans = [{"date": date, "x0": left + xs(_year(date)), "x1": left + xs(_year(date), end_of_window=True)}
             for date in sorted(by_date) if _year(date) in windows]
    return {"left": left, "right": right, "top": top, "bottom": plot_bottom, "lane_y": ys, "name_w": name_w,
            "windows": spans,
            "lane_rows": lane_rows,
            "bars": bars, "arrows": arrows, "labels": labels, "ticks": ticks,
            "knee": (left + xs(knee)) if knee else None, "knee_year": knee,
            "axis": (left + xs(first), left + xs(last + 1))}


# ------------------------------------------------------------------ Graphviz drawing


def _q(text) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _attrs(**kw) -> str:
    return "[" + ", ".join(f"{k}={_q(v)}" for k, v in kw.items() if v is not None) + "]"


class _Dot:
    """Absolute drawing primitives for ``neato -n`` (points; the layout's y runs downwards)."""

    def __init__(self, height: float):
        self.height = height
        self.lines: list[str] = []
        self.count = 0

    def _id(self, prefix="p"):
        self.count += 1
        return f"{prefix}{self.count}"

    def point(self, x, y) -> str:
        name = self._id()
        self.lines.append(f"  {name} {_attrs(shape='point', width='0.01', height='0.01', style='invis', pos=f'{x:.1f},{self.height - y:.1f}!', label='')};")
        return name

    def line(self, x0, y0, x1, y1, **kw) -> None:
        a, b = self.point(x0, y0), self.point(x1, y1)
        kw.setdefault("dir", "none")
        self.lines.append(f"  {a} -> {b} {_attrs(**kw)};")

    def text(self, x, y, text, size=LABEL_SIZE, align="left", colour="#222222", cls="text", tooltip=None,
             ident=None, bold=False, background=None) -> None:
        """Text whose left (or right, or centre) edge is at x and whose middle is at y."""
        w = text_width(text, size) + 4
        cx = {"left": x + w / 2, "right": x - w / 2, "centre": x}[align]
        just = {"left": "\\l", "right": "\\r", "centre": ""}[align]
        label = text.replace("\\", "\\\\").replace('"', '\\"') + just
        self.lines.append(
            f'  {ident or self._id("t")} [shape=plaintext, fixedsize=true, width={w / 72:.3f}, height={size * 1.4 / 72:.3f}, '
            f'margin="0,0", fontsize={size}, fontcolor={_q(colour)}, fontname={_q(FONT + (" Bold" if bold else ""))}, '
            f'pos="{cx:.1f},{self.height - y:.1f}!", label="{label}", class={_q(cls)}'
            + (f", style=filled, fillcolor={_q(background)}, color={_q(background)}" if background else "")
            + (f", tooltip={_q(tooltip)}" if tooltip else "")
            + (f", id={ident}" if ident else "") + "];")  # the page finds lanes and labels by id

    def box(self, x0, y0, x1, y1, fill, colour="none", dashed=False, tooltip=None, cls="box") -> None:
        w, h = max(x1 - x0, 1), max(y1 - y0, 1)
        style = "filled,dashed" if dashed else "filled"
        self.lines.append(
            f"  {self._id('b')} {_attrs(shape='box', fixedsize='true', width=f'{w / 72:.3f}', height=f'{h / 72:.3f}', style=style, fillcolor=fill, color=colour, penwidth='1', label='', pos=f'{(x0 + x1) / 2:.1f},{self.height - (y0 + y1) / 2:.1f}!', tooltip=tooltip, **{'class': cls})};")


def timeline_dot(m: dict, lay: dict | None = None) -> str:
    lay = lay or layout(m)
    legend_top = lay["bottom"] + 34
    # the legend explains what this picture draws, and nothing it does not
    kinds = [k for k in ("institution", "department", "bureau") if any(l["kind"] == k for l in m["lanes"])]
    dashed = any(not b["known"] for b in lay["bars"])
    successors = any(a["kind"] == "successor" for a in m["arrows"])
    transfers = any(a["kind"] == "transfer" for a in m["arrows"])
    legend_rows = 2 + (1 if successors or transfers else 0) + ((1 + len(m["events"])) if transfers else 0)
    height = legend_top + 18 * legend_rows + 40
    d = _Dot(height)
    left, right = lay["left"], lay["right"]
    # title
    d.text(12, 22, m["title"]["zh"], size=16, cls="title", bold=True)
    d.text(12, 44, m["title"]["en"], size=11, colour="#444444", cls="title")
    # lanes: names on the left, faint rows, bars
    for i, lane in enumerate(m["lanes"]):
        y = lay["lane_y"][i]
        if lane["depth"] == 0 and i:
            top_of_lane = y - LANE / 2 - LABEL_ROW * lay["lane_rows"][i]
            d.line(4, top_of_lane, right - 4, top_of_lane, color="#d9dee4", penwidth="0.6")
        tag = " 管理" if lane["kind"] == "bureau" else ""
        d.text(10 + 14 * lane["depth"], y, lane["zh"] + tag, size=LANE_SIZE,
               colour="#1b3a5c" if lane["kind"] == "institution" else "#333333", cls="lane-label",
               tooltip=lane["tooltip"], ident=f'"lane:{lane["id"]}"', bold=lane["kind"] == "institution")
    for bar in lay["bars"]:
        if bar["known"]:
            d.box(bar["x0"], bar["y"] - 5, bar["x1"], bar["y"] + 5, fill=bar["colour"], tooltip=bar["tooltip"], cls="bar")
        else:
            d.line(bar["x0"], bar["y"], bar["x1"], bar["y"], color=bar["colour"], style="dashed", penwidth="2.2",
                   tooltip=bar["tooltip"], **{"class": "bar-unknown"})
    # axis
    ax0, ax1 = lay["axis"]
    d.line(ax0, lay["bottom"], ax1, lay["bottom"], color="#555555", penwidth="1")
    for t in lay["ticks"]:
        d.line(t["x"], lay["top"] - 8, t["x"], lay["bottom"], color="#e3e3e3", penwidth="0.6")
        d.text(t["x"], lay["bottom"] + 10, str(t["year"]), size=9, align="centre", colour="#444444", cls="tick")
    for w in lay["windows"]:  # a busy date's arrows stand in a window of the axis: say which date
        d.line(w["x0"], lay["top"] - 6, w["x1"], lay["top"] - 6, color="#777777", penwidth="0.8")
        for x in (w["x0"], w["x1"]):
            d.line(x, lay["top"] - 9, x, lay["top"] - 3, color="#777777", penwidth="0.8")
        d.text((w["x0"] + w["x1"]) / 2, lay["top"] - 15, w["date"], size=8, align="centre", colour="#555555",
               cls="window-date", tooltip=f"{w['date']}：这一天的职责划转并排画出 the transfers of this day, side by side")
    if lay["knee"] is not None:
        d.text(ax0 + 2, lay["top"] - 14, f"{m['since']}–{lay['knee_year']} 压缩 compressed", size=8,
               colour="#777777", cls="axis-note")
        d.line(lay["knee"], lay["top"] - 8, lay["knee"], lay["bottom"], color="#aaaaaa", style="dashed", penwidth="0.8")
    # arrows and their labels
    number = {id(a): k for k, a in enumerate(m["arrows"])}  # ids match the page's hover texts
    for a in lay["arrows"]:
        arrow = a["arrow"]
        k = number[id(arrow)]
        width = 1.2 + 0.45 * min(len(arrow["duties"]), 10) if arrow["duties"] else 1.2
        y0, y1 = a["y0"], a["y1"]
        step = 6 if y1 > y0 else -6
        d.line(a["x"], y0 + step, a["x"], y1 - step, dir="forward", color=arrow["colour"], penwidth=f"{width:.1f}",
               arrowsize="0.7", tooltip=arrow["tooltip"], id=f"arrow{k}",
               **{"class": "arrow successor" if arrow["kind"] == "successor" else "arrow"})
    for j, lab in enumerate(lay["labels"]):
        arrow = lab["arrow"]
        d.text(lab["x"], lab["y"], lab["text"], size=LABEL_SIZE, colour=arrow["colour"], cls="arrow-label",
               tooltip="\n".join(a["tooltip"] for a in lab["arrows"]), background="#ffffffd9", ident=f'"label{j}"')
    # legend
    y = legend_top
    d.text(12, y, "图例 Legend", size=11, cls="legend", bold=True)
    y += 18
    x = 12
    for kind in kinds:
        d.box(x, y - 5, x + 26, y + 5, fill=KIND_COLOUR[kind], cls="legend")
        label = f"{KIND_NAMES[kind][0]} {KIND_NAMES[kind][1]}" + ("（名称后标“管理”）" if kind == "bureau" else "")
        d.text(x + 32, y, label, size=9.5, cls="legend")
        x += 32 + text_width(label, 9.5) + 24
    if dashed:
        d.line(x, y, x + 26, y, color="#4e79a7", style="dashed", penwidth="2.2")
        label = "虚线：来源未记载（成立、存续或结束日期） dashed: not recorded in the sources"
        d.text(x + 32, y, label, size=9.5, cls="legend")
    x = 12
    if successors or transfers:
        y += 18
    if successors:
        d.line(x, y, x + 26, y, dir="forward", color=SUCCESSOR_COLOUR, penwidth="1.2", arrowsize="0.7")
        label = "灰色箭头：前身 → 后继 grey: predecessor → successor"
        d.text(x + 32, y, label, size=9.5, cls="legend")
        x += 32 + text_width(label, 9.5) + 24
    column, per_row = 0, 1
    if transfers:
        for n, w in ((1, 1.65), (5, 3.45), (10, 5.7)):
            d.line(x, y, x + 22, y, dir="forward", color="#555555", penwidth=f"{w}", arrowsize="0.7")
            x += 26
            d.text(x, y, f"{n}", size=9.5, cls="legend")
            x += 16
        label = "箭头宽度 = 划转职责数 arrow width = number of duties transferred"
        d.text(x + 6, y, label, size=9.5, cls="legend")
        y += 18
        x = 12
        d.text(x, y, "箭头颜色 = 机构改革 arrow colour = reorganisation:", size=9.5, cls="legend")
        y += 16
        texts = [f"{ev['date']} {ev['zh']} · {ev['en']}" for ev in m["events"]]
        column = max(text_width(t, 9) for t in texts) + 28 + 24 if texts else 0
        per_row = max(1, int((max(right, 900) - 12) // column)) if column else 1
        for k, ev in enumerate(m["events"]):
            col = k % per_row
            if col == 0 and k:
                y += 16
            x = 12 + col * column
            d.line(x, y, x + 22, y, dir="forward", color=ev["colour"], penwidth="2", arrowsize="0.7")
            d.text(x + 28, y, texts[k], size=9, cls="legend")
    y += 24
    d.text(12, y, m["caption"]["zh"], size=9, colour="#555555", cls="caption")
    d.text(12, y + 14, m["caption"]["en"], size=9, colour="#555555", cls="caption")
    width = max(right, 12 + per_row * column, 12 + text_width(m["caption"]["zh"], 9) + 20,
                12 + text_width(m["caption"]["en"], 9) + 20)
    head = [
        "digraph timeline {",
        f"  graph {_attrs(bgcolor='white', pad='0.15', splines='line', outputorder='edgesfirst', bb=f'0,0,{width:.1f},{height:.1f}')};",
        f"  node {_attrs(fontname=FONT)};",
        f"  edge {_attrs(fontname=FONT)};",
    ]
    return "\n".join(head + d.lines + ["}"])


def render(dot_source: str, output, fmt: str) -> None:
    """Graphviz ``neato -n`` (positions as given); SVG tooltips put into words."""
    from govkg.viz import static

    static.render_readable(dot_source, output, fmt, engine="neato", extra=["-n"])


# ------------------------------------------------------------------ HTML page


def filter_controls(m: dict) -> str:
    """In-page filters (body, duty domain, year range): they fade what does not match, as the
    CLI's --body/--domain/--since/--until leave it out."""
    bodies = "".join(f'<option value="{html.escape(l["id"])}">{"　" * l["depth"]}{html.escape(l["zh"])} {html.escape(l["en"])}</option>'
                     for l in m["lanes"])
    domains = "".join(f'<option value="{html.escape(d)}">{html.escape(n["zh"])} {html.escape(n["en"])}</option>'
                      for d, n in sorted(m["domains"].items(), key=lambda kv: kv[1]["zh"]))
    hidden = "" if m["domains"] else ' hidden'  # the lineage picture has no duties to filter by
    return (f'<form id="filters" class="filters" onsubmit="return false">'
            f'<label>机构 body <select id="f-body"><option value="">全部 all</option>{bodies}</select></label> '
            f'<label{hidden}>职责领域 duty domain <select id="f-domain"><option value="">全部 all</option>{domains}</select></label> '
            f'<label>年份 years <input id="f-since" type="number" min="{m["since"]}" max="{m["until"]}" value="{m["since"]}"> – '
            f'<input id="f-until" type="number" min="{m["since"]}" max="{m["until"]}" value="{m["until"]}"></label> '
            f'<button type="button" id="f-reset">重置 reset</button> <span id="f-status" aria-live="polite"></span></form>')


def page(m: dict, svg: str, lay: dict | None = None) -> str:
    """A self-contained page: the SVG inline, filter controls, a hover box with duty text and
    source passage."""
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    lay = lay or layout(m)
    number = {id(a): k for k, a in enumerate(m["arrows"])}
    lane_hover = {f"lane:{l['id']}": l["hover"] for l in m["lanes"]}
    payload = json.dumps({"arrows": [a["hover"] for a in m["arrows"]], "lanes": lane_hover,
                          "labels": [[number[id(a)] for a in lab["arrows"]] for lab in lay["labels"]],
                          "model": {"lanes": [{k: l[k] for k in ("id", "zh", "en", "kind", "depth", "parent")}
                                              for l in m["lanes"]],
                                    "arrows": [{"from": a["from"], "to": a["to"], "date": a["date"], "kind": a["kind"],
                                                "year": int(a["date"][:4]), "bodies": a["bodies"], "domains": a["domains"],
                                                "duties": [d["zh"] for d in a["duties"]]} for a in m["arrows"]]}},
                         ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{html.escape(m['title']['zh'])} — {html.escape(m['title']['en'])}</title>
<style>
body {{ font-family: '{FONT}', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif; margin: 1em; color: #222; }}
#figure {{ overflow-x: auto; }}
#figure svg {{ display: block; }}
#hover {{ position: fixed; display: none; max-width: 34em; background: #fff; border: 1px solid #888;
  box-shadow: 0 2px 8px rgba(0,0,0,.2); padding: .5em .7em; font-size: 13px; line-height: 1.45; pointer-events: none; z-index: 10; }}
p.note {{ color: #555; max-width: 70em; font-size: 14px; }}
g.arrow, g.lane-label, g.node.arrow-label {{ cursor: pointer; }}
form.filters {{ font-size: 14px; margin: .4em 0 .8em; display: flex; flex-wrap: wrap; gap: .4em 1.2em; align-items: center; }}
form.filters input[type=number] {{ width: 5em; }} form.filters select {{ max-width: 24em; }}
#figure .faded {{ opacity: .08; }} #figure .hidden {{ display: none; }} #figure .dim {{ opacity: .35; }}
</style>
</head>
<body>
<p class="note">悬停箭头查看职责原文与来源段落；悬停机构名称查看存续记录。 Hover an arrow for the duty text and
its source passage, a body's name for what the sources record about it.</p>
{filter_controls(m)}
<div id="figure">{svg}</div>
<div id="hover" role="tooltip"></div>
<script>
const DATA = {payload};
{HOVER_SCRIPT}
document.querySelectorAll('#figure g.edge.arrow').forEach(g => {{
  const k = parseInt(g.id.replace('arrow', ''), 10);
  g.addEventListener('mousemove', ev => showHover(DATA.arrows[k], ev));
  g.addEventListener('mouseleave', () => hoverBox.style.display = 'none');
}});
document.querySelectorAll('#figure g.node').forEach(g => {{
  const html = DATA.lanes[g.id];
  if (!html) return;
  g.addEventListener('mousemove', ev => showHover(html, ev));
  g.addEventListener('mouseleave', () => hoverBox.style.display = 'none');
}});
document.querySelectorAll('#figure title').forEach(t => t.remove());  // the hover box says it in full
const F = id => document.getElementById(id);
function applyFilters() {{
  const body = F('f-body').value, domain = F('f-domain').value;
  const since = parseInt(F('f-since').value, 10) || 0, until = parseInt(F('f-until').value, 10) || 9999;
  const on = DATA.model.arrows.map(a => (!body || a.bodies.includes(body)) && (!domain || a.domains.includes(domain))
      && (!domain || a.kind !== 'successor') && a.year >= since && a.year <= until);
  const active = body || domain || since > {m["since"]} || until < {m["until"]};
  const touched = new Set();
  DATA.model.arrows.forEach((a, k) => {{
    const g = F('arrow' + k);
    if (g) g.classList.toggle('faded', !on[k]);
    if (on[k]) {{ touched.add(a.from); touched.add(a.to); }}
  }});
  DATA.labels.forEach((ks, j) => {{ const g = F('label' + j); if (g) g.classList.toggle('hidden', !ks.some(k => on[k])); }});
  DATA.model.lanes.forEach(l => {{ const g = F('lane:' + l.id); if (g) g.classList.toggle('dim', active && !touched.has(l.id)); }});
  const kind = DATA.model.arrows.some(a => a.kind === 'transfer') ? 'transfer' : 'successor';
  const n = DATA.model.arrows.filter((a, k) => on[k] && a.kind === kind).length;
  const all = DATA.model.arrows.filter(a => a.kind === kind).length;
  F('f-status').textContent = kind === 'transfer' ? `显示 ${{n}} / ${{all}} 次划转 showing ${{n}} of ${{all}} transfers`
      : `显示 ${{n}} / ${{all}} 条前身→后继 showing ${{n}} of ${{all}} predecessor → successor links`;
  document.body.dataset.shown = n;
}}
['f-body', 'f-domain', 'f-since', 'f-until'].forEach(id => F(id).addEventListener('input', applyFilters));
F('f-reset').addEventListener('click', () => {{ F('filters').reset(); applyFilters(); }});
applyFilters();
document.body.dataset.ready = '1';
</script>
</body>
</html>
"""


# ------------------------------------------------------------------ entry point


def timeline(backend, output, fmt="html", body=None, domains=(), since=None, until=None) -> str:
    m = timeline_model(backend, body, tuple(domains), since, until)
    draw(m, output, fmt)
    transfers = sum(1 for a in m["arrows"] if a["kind"] == "transfer")
    return f"{len(m['lanes'])} bodies, {transfers} transfers, {m['since']}–{m['until']}"


def lineage(backend, output, fmt="html") -> str:
    """The lineage picture: the institutions' lanes and grey predecessor → successor arrows."""
    m = timeline_model(backend, lineage_only=True)
    draw(m, output, fmt)
    return f"{len(m['lanes'])} institutions, {len(m['arrows'])} links"


def draw(m: dict, output, fmt: str) -> None:
    lay = layout(m)
    dot = timeline_dot(m, lay)
    if fmt == "html":
        import tempfile

        with tempfile.TemporaryDirectory(prefix="govkg-timeline-") as tmp:
            svg_path = Path(tmp) / "t.svg"
            render(dot, svg_path, "svg")
            svg = svg_path.read_text(encoding="utf-8")
        try:
            Path(output).write_text(page(m, svg, lay), encoding="utf-8")
        except OSError as exc:
            raise GovkgError(f"-o {output}: cannot write: {exc.strerror or exc}") from None
    else:
        render(dot, output, fmt)
