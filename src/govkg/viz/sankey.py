"""The duty-flow Sankey of ``viz transfers`` (HTML page), laid out here and drawn as plain SVG.

Why not plotly's sankey: its layout decides where the bodies go, so a band could run through an
unrelated body's bar (国家物资储备局 → 国家粮食和物资储备局 through the NDRC in ``--all``), bands carry
no numbers, and a department cannot be shown inside its institution. Here the layout is explicit
(points, y downwards) and checked in Chromium:

* layers by longest path; bodies that only give sit just before their first receiver, bodies
  that only receive in the last layer;
* a band crossing a layer goes through a slot reserved for it in that layer (between bars, never
  through one);
* barycentre ordering (a few sweeps) so that bands cross as little as possible;
* departments stay together in a frame with their institution (``frames``), the bureaus a
  ministry manages are drawn apart with an orange border and say who manages them;
* every band carries its number of duties, placed where it covers no other text.
"""

from __future__ import annotations

import html
from collections import defaultdict

from govkg.viz.timeline import text_width

NODE_W = 14.0
PAD = 10.0              # between slots of a column
ZH_SIZE, EN_SIZE = 13.0, 11.0
LINE_ZH, LINE_EN = 20.0, 16.0   # line boxes: a CJK font's box is ~1.45 em (ascent ~1.16 em)
FRAME_HEAD = 42.0       # the frame's two-line heading
FRAME_PAD = 8.0
NUMBER_SIZE = 11.0
NUMBER_H = 17.0   # the text box of an 11 pt number (1.45 em) and a little air
MARGIN = 16.0
TOP = 20.0
ROLE_FILL = {"gave": "#4e79a7", "both": "#b07aa1", "received": "#59a14f"}
BUREAU_BORDER = "#f28e2b"
FRAME_COLOUR = "#4e79a7"


def _role(node: dict) -> str:
    return "both" if node["gave"] and node["received"] else "gave" if node["gave"] else "received"


def event_colours(links: list[dict], s) -> dict:
    """The reorganisations of these flows (key: CURIE, "" for none) → colour (govkg.viz.colours)."""
    from govkg.viz.colours import event_colour

    events = sorted({(l["date"] or "", l["event"] or "") for l in links})
    return {e: event_colour(s, e) for _, e in events}


def _without_cycles(nodes: list[dict], links: list[dict]) -> tuple[list[dict], list[dict]]:
    """Bodies and flows such that no flow runs back: a flow that would close a cycle (A gave to
    B in 2003, B gave back to A in 2018, or a body to itself) goes to a second bar of its
    receiver, drawn later and named "again", so every band still runs left to right."""
    nodes = [dict(n) for n in nodes]
    by_id = {n["id"]: n for n in nodes}
    out = defaultdict(set)
    result = []

    def reaches(a, b):
        seen, todo = set(), [a]
        while todo:
            x = todo.pop()
            if x == b:
                return True
            if x not in seen:
                seen.add(x)
                todo.extend(out[x])
        return False

    result: list = [None] * len(links)
    for i in sorted(range(len(links)), key=lambda i: links[i]["date"] or ""):
        l = links[i]
        if l["from"] == l["to"] or reaches(l["to"], l["from"]):
            target = by_id[l["to"]]
            again = f"{l['to']}@again"
            if again not in by_id:
                by_id[again] = {**target, "id": again, "body": l["to"], "gave": 0, "received": 0,
                                "zh": target["zh"] + "（再次）", "en": target["en"] + " (again)"}
                nodes.append(by_id[again])
            target["received"] -= l["weight"]
            by_id[again]["received"] += l["weight"]
            l = {**l, "to": again}
        out[l["from"]].add(l["to"])
        result[i] = l  # the model's order: hover keys and tests index flows so
    return nodes, result


def _layers(nodes, links) -> dict:
    ids = [n["id"] for n in nodes]
    outs, ins = defaultdict(list), defaultdict(list)
    for l in links:
        outs[l["from"]].append(l["to"])
        ins[l["to"]].append(l["from"])
    layer = {n: 0 for n in ids}
    for _ in range(len(ids) + 1):
        changed = False
        for l in links:
            if layer[l["to"]] < layer[l["from"]] + 1:
                layer[l["to"]] = layer[l["from"]] + 1
                changed = True
        if not changed:  # always, after at most len(ids) rounds: _without_cycles left no cycle
            break
    last = max(layer.values())
    for n in ids:
        if not outs[n]:
            layer[n] = last
    for n in ids:
        if outs[n] and not ins[n]:
            layer[n] = min(layer[t] for t in outs[n]) - 1
    return layer


def layout(m: dict, s, frames: bool = True, short: dict | None = None) -> dict:
    """Where every bar, band, label and number goes (see the module docstring).

    ``short``: body CURIE → {"zh", "en"} abbreviations (发改委, NDRC) used where a label names a
    second body (who manages a bureau)."""
    short = short or {}
    nodes, links = _without_cycles(m["nodes"], m["links"])
    node = {n["id"]: n for n in nodes}
    layer = _layers(nodes, links)
    ncols = max(layer.values()) + 1
    total = max(sum(max(n["gave"], n["received"]) for n in nodes if layer[n["id"]] == c) for c in range(ncols))
    k = max(7.0, min(16.0, 460.0 / max(total, 1)))  # points per duty

    # frames: a department and its institution's own node together, in one column
    with_units = {s.institution_of(n["id"]) for n in nodes if n["id"] in s.unit_of} if frames else set()
    group = {}
    for n in nodes:
        inst = s.institution_of(n["id"])
        if inst in with_units and (n["id"] in s.unit_of or n["id"] == inst):
            group[n["id"]] = f"{inst}@{layer[n['id']]}"
    framed = {g for i, g in group.items() if i in s.unit_of}  # a frame holds at least one department
    group = {i: g for i, g in group.items() if g in framed}

    # items: bodies, and one pass-through slot per layer a band crosses
    items: dict[str, dict] = {}
    for n in nodes:
        items[n["id"]] = {"id": n["id"], "col": layer[n["id"]], "h": max(max(n["gave"], n["received"]) * k, 3.0),
                          "virtual": False, "group": group.get(n["id"])}
    chains = []
    for i, l in enumerate(links):
        chain = [l["from"]]
        for c in range(layer[l["from"]] + 1, layer[l["to"]]):
            vid = f"~{i}@{c}"
            items[vid] = {"id": vid, "col": c, "h": l["weight"] * k, "virtual": True, "group": None}
            chain.append(vid)
        chain.append(l["to"])
        chains.append(chain)
    hops = [(chain[j], chain[j + 1], i) for i, chain in enumerate(chains) for j in range(len(chain) - 1)]
    neighbours = defaultdict(list)  # item -> [(other item, weight, side)]
    for a, b, i in hops:
        neighbours[a].append((b, links[i]["weight"], +1))
        neighbours[b].append((a, links[i]["weight"], -1))

    lines = {n["id"]: node_label(n, s, group.get(n["id"]) is not None, short) for n in nodes}

    def label_h(iid) -> float:
        return LINE_ZH + LINE_EN * (len(lines[iid]) - 1)

    def slot(item) -> float:
        return item["h"] if item["virtual"] else max(item["h"], label_h(item["id"]))

    # blocks per column: a frame's members stay together
    columns: list[list[list[str]]] = [[] for _ in range(ncols)]
    by_group: dict[str, list] = {}
    for iid, item in sorted(items.items(), key=lambda kv: (-kv[1]["h"], kv[0])):
        if item["group"]:
            if item["group"] not in by_group:
                by_group[item["group"]] = []
                columns[item["col"]].append(by_group[item["group"]])
            by_group[item["group"]].append(iid)
        else:
            columns[item["col"]].append([iid])

    y_of: dict[str, float] = {}

    def stack():
        heights = []
        for blocks in columns:
            y = 0.0
            for block in blocks:
                if items[block[0]]["group"]:
                    y += FRAME_HEAD
                for iid in block:
                    y_of[iid] = y + slot(items[iid]) / 2  # centre of the slot
                    y += slot(items[iid]) + PAD
                if items[block[0]]["group"]:
                    y += FRAME_PAD
            heights.append(y)
        tallest = max(heights)
        for c, blocks in enumerate(columns):  # centre each column on the tallest
            shift = (tallest - heights[c]) / 2
            for block in blocks:
                for iid in block:
                    y_of[iid] += shift
        return tallest

    def barycentre(iid, side):
        near = [(y_of[o], w) for o, w, sd in neighbours[iid] if sd == side]
        if not near:
            return y_of[iid]
        return sum(y * w for y, w in near) / sum(w for _, w in near)

    stack()
    for sweep in range(8):
        side = -1 if sweep % 2 == 0 else +1
        order = range(1, ncols) if side == -1 else range(ncols - 2, -1, -1)
        for c in order:
            for block in columns[c]:
                block.sort(key=lambda iid: barycentre(iid, side))
            columns[c].sort(key=lambda block: sum(barycentre(i, side) for i in block) / len(block))
            stack()
    height = stack()

    # horizontal: label widths decide the margins and the gaps between layers
    def label_w(n) -> float:
        zh, *en = lines[n["id"]]
        return max([text_width(zh, ZH_SIZE)] + [text_width(e, EN_SIZE) for e in en]) + 8

    widths = defaultdict(float)
    for n in nodes:
        widths[layer[n["id"]]] = max(widths[layer[n["id"]]], label_w(n))
    heads = {}
    for g in set(group.values()):
        inst = g.split("@")[0]
        heads[g] = frame_heading(inst, s, [node[i] for i, gg in group.items() if gg == g])
        c = int(g.split("@")[1])
        widths[c] = max(widths[c], max(text_width(heads[g][0], ZH_SIZE), text_width(heads[g][1], EN_SIZE)) + 8 - NODE_W)
    widths = {c: min(w, 520.0) for c, w in widths.items()}
    xs = []
    x = MARGIN + widths[0] + 12
    for c in range(ncols):
        xs.append(x)
        # a middle layer's labels sit right of its bars: leave room for them and the numbers
        gap = max(240.0, widths[c] + 150.0) if 0 < c < ncols - 1 else 240.0
        x += NODE_W + gap
    width = xs[-1] + NODE_W + 8 + (widths[ncols - 1] if ncols > 1 else 0) + MARGIN

    # bars and frames
    bars, frames_out, labels = [], [], []
    for iid, item in items.items():
        c = item["col"]
        top = TOP + y_of[iid] - item["h"] / 2
        item.update(x0=xs[c], x1=xs[c] + NODE_W, y0=top, y1=top + item["h"])
    for n in nodes:
        it = items[n["id"]]
        managers = [x for x in s.institutions.get(n.get("body", n["id"]), {}).get("managed_by", [])]
        bars.append({"id": n.get("body", n["id"]), "x0": it["x0"], "y0": it["y0"], "x1": it["x1"], "y1": it["y1"],
                     "fill": ROLE_FILL[_role(n)], "bureau": bool(managers), "hover": n["hover"]})
        zh, *en = lines[n["id"]]
        c = it["col"]
        h = label_h(n["id"])
        cy = TOP + y_of[n["id"]]
        if c == 0 and ncols > 1:
            anchor, lx = "end", it["x0"] - 6
        else:
            anchor, lx = "start", it["x1"] + 6
        w = label_w(n)
        labels.append({"id": n.get("body", n["id"]), "zh": zh, "en": en, "x": lx, "anchor": anchor, "y_zh": cy - h / 2 + ZH_SIZE * 1.18,
                       "y_en": [cy - h / 2 + LINE_ZH + LINE_EN * j + EN_SIZE * 1.18 for j in range(len(en))],
                       "box": (lx - w if anchor == "end" else lx, cy - h / 2, lx if anchor == "end" else lx + w, cy + h / 2),
                       "halo": 0 < c < ncols - 1})
    for g, zh_en in heads.items():
        members = [items[i] for i, gg in group.items() if gg == g]
        c = members[0]["col"]
        y0 = TOP + min(y_of[i] - slot(items[i]) / 2 for i, gg in group.items() if gg == g) - FRAME_HEAD
        y1 = TOP + max(y_of[i] + slot(items[i]) / 2 for i, gg in group.items() if gg == g) + FRAME_PAD / 2
        left = xs[c] - (widths[c] + 8 if c == 0 and ncols > 1 else 4)
        right = xs[c] + NODE_W + (4 if c == 0 and ncols > 1 else widths[c] + 8)
        frames_out.append({"id": g.split("@")[0], "x0": left, "y0": y0, "x1": right, "y1": y1,
                           "zh": zh_en[0], "en": zh_en[1], "members": [i for i, gg in group.items() if gg == g]})

    # bands: stacked at each end in the order of the other end
    starts, ends = defaultdict(list), defaultdict(list)
    for a, b, i in hops:
        starts[a].append((b, i))
        ends[b].append((a, i))
    offset_out, offset_in = {}, {}
    for iid, outs in starts.items():
        y = items[iid]["y0"]
        for b, i in sorted(outs, key=lambda p: (items[p[0]]["y0"], p[1])):
            offset_out[(iid, i)] = y
            y += links[i]["weight"] * k
    for iid, ins in ends.items():
        y = items[iid]["y0"]
        for a, i in sorted(ins, key=lambda p: (items[p[0]]["y0"], p[1])):
            offset_in[(iid, i)] = y
            y += links[i]["weight"] * k
    colours = event_colours(links, s)
    bands = []
    for i, chain in enumerate(chains):
        w = links[i]["weight"] * k
        pieces = []
        for j in range(len(chain) - 1):
            a, b = items[chain[j]], items[chain[j + 1]]
            pieces.append({"x0": a["x1"], "y0": offset_out[(a["id"], i)], "x1": b["x0"],
                           "y1": offset_in[(b["id"], i)]})
        bands.append({"link": i, "from": links[i]["from"], "to": node[links[i]["to"]].get("body", links[i]["to"]), "w": w, "pieces": pieces,
                      "colour": colours[links[i]["event"] or ""], "weight": links[i]["weight"],
                      "hover": links[i]["hover"], "path": band_path(pieces, w)})

    # numbers: on each band, where they cover no label, bar or other number
    taken = [l["box"] for l in labels] + [(b["x0"] - 2, b["y0"], b["x1"] + 2, b["y1"]) for b in bars]
    taken += [(f["x0"], f["y0"], f["x1"], f["y0"] + FRAME_HEAD) for f in frames_out]
    numbers = []
    for band in sorted(bands, key=lambda b: -b["w"]):
        text = str(band["weight"])
        w = text_width(text, NUMBER_SIZE) + 8
        best = None
        for piece in band["pieces"]:
            for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82):
                x, y = point(piece, t, band["w"])
                box = (x - w / 2, y - NUMBER_H / 2, x + w / 2, y + NUMBER_H / 2)
                if not any(_overlap(box, other) for other in taken):
                    best = (x, y, box)
                    break
            if best:
                break
        if best is None:  # nowhere free: the middle of the first piece (the tests would say so)
            x, y = point(band["pieces"][0], 0.5, band["w"])
            best = (x, y, (x - w / 2, y - NUMBER_H / 2, x + w / 2, y + NUMBER_H / 2))
        taken.append(best[2])
        numbers.append({"link": band["link"], "text": text, "x": best[0], "y": best[1], "box": best[2]})
    return {"width": width, "height": TOP + height + 8, "k": k, "columns": ncols, "bars": bars,
            "frames": frames_out, "labels": labels, "bands": sorted(bands, key=lambda b: b["link"]),
            "numbers": sorted(numbers, key=lambda n: n["link"]), "colours": colours,
            "passes": [iid for iid, it in items.items() if it["virtual"]]}


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def point(piece: dict, t: float, w: float) -> tuple[float, float]:
    """The centre of a band piece at parameter t (a cubic with horizontal tangents)."""
    s = 1 - t
    xm = (piece["x0"] + piece["x1"]) / 2
    x = s ** 3 * piece["x0"] + 3 * s * s * t * xm + 3 * s * t * t * xm + t ** 3 * piece["x1"]
    y = piece["y0"] + (piece["y1"] - piece["y0"]) * (3 * t * t - 2 * t ** 3)
    return x, y + w / 2


def band_path(pieces: list[dict], w: float) -> str:
    """A band of constant vertical thickness ``w`` through its pieces (a pass-through slot is
    crossed straight)."""
    def curve(p, dy, reverse=False):
        xm = (p["x0"] + p["x1"]) / 2
        if reverse:
            return f"C{xm:.1f},{p['y1'] + dy:.1f} {xm:.1f},{p['y0'] + dy:.1f} {p['x0']:.1f},{p['y0'] + dy:.1f}"
        return f"C{xm:.1f},{p['y0'] + dy:.1f} {xm:.1f},{p['y1'] + dy:.1f} {p['x1']:.1f},{p['y1'] + dy:.1f}"

    first = pieces[0]
    d = [f"M{first['x0']:.1f},{first['y0']:.1f}"]
    for j, p in enumerate(pieces):
        if j:
            d.append(f"L{p['x0']:.1f},{p['y0']:.1f}")
        d.append(curve(p, 0))
    last = pieces[-1]
    d.append(f"L{last['x1']:.1f},{last['y1'] + w:.1f}")
    for j, p in enumerate(reversed(pieces)):
        if j:
            d.append(f"L{p['x1']:.1f},{p['y1'] + w:.1f}")
        d.append(curve(p, w, reverse=True))
    return "".join(d) + "Z"


Q_ABBREVIATIONS = "SELECT ?body ?abbr WHERE { ?body gk:abbreviation ?abbr }"


def abbreviations(backend) -> dict:
    """Body CURIE → {"zh", "en"}: the shortest gk:abbreviation in each language (发改委, NDRC)."""
    from govkg.analysis.graphs import curie

    found: dict = defaultdict(dict)
    for row in backend.select(Q_ABBREVIATIONS):
        lit = row["abbr"]
        lang = getattr(lit, "lang", None) or ""
        if lang not in ("zh", "en"):
            continue
        names = found[curie(row["body"].value)]
        if lang not in names or len(lit.value) < len(names[lang]):
            names[lang] = lit.value
    return dict(found)


def _short(body, s, short, lang):
    return (short.get(body) or {}).get(lang) or s.label(body, lang)


def node_label(n: dict, s, framed: bool, short: dict | None = None) -> list[str]:
    """Label lines of a body: zh (name, who manages it, what it gave and received), then the
    English, wrapped at spaces so that no label is wider than its column allows."""
    import textwrap

    short = short or {}
    zh, en = n["zh"], n["en"]
    if framed and n["id"] not in s.unit_of:  # the institution's own duties inside its frame
        zh, en = f"{zh}（未注明司局）", "department not recorded"
    managers = s.institutions.get(n.get("body", n["id"]), {}).get("managed_by", [])
    if managers:
        zh += "（" + "、".join(_short(x, s, short, "zh") for x in managers) + "管理）"
        en += " (managed by " + ", ".join(_short(x, s, short, "en") for x in managers) + ")"
    zh_counts = [f"划出 {n['gave']}" if n["gave"] else "", f"划入 {n['received']}" if n["received"] else ""]
    en_counts = [f"gave {n['gave']}" if n["gave"] else "", f"received {n['received']}" if n["received"] else ""]
    en = en + " · " + ", ".join(c for c in en_counts if c)
    return [zh + " · " + " ".join(c for c in zh_counts if c)] + (textwrap.wrap(en, 46) or [""])


def frame_heading(inst: str, s, members: list[dict]) -> tuple[str, str]:
    gave = sum(n["gave"] for n in members)
    units = sum(1 for n in members if n["id"] in s.unit_of)
    return (f"{s.label(inst)} 及其内设机构 · 划出 {gave}",
            f"{_short(inst, s, {}, 'en')} and {units} of its departments · gave {gave}")


# ------------------------------------------------------------------ SVG


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def svg(m: dict, lay: dict, legend_rows: list[tuple[str, str, str]], caption: dict, hover_prefix: str = "") -> str:
    """The Sankey, its legend and caption as one SVG (text stays text; hover keys in data-hover)."""
    out = []
    for f in lay["frames"]:
        out.append(f'<g class="frame" data-body="{_esc(f["id"])}"><rect x="{f["x0"]:.1f}" y="{f["y0"]:.1f}" '
                   f'width="{f["x1"] - f["x0"]:.1f}" height="{f["y1"] - f["y0"]:.1f}" rx="6" fill="#f4f8fc" '
                   f'stroke="{FRAME_COLOUR}" stroke-width="1.2"/>'
                   f'<text class="zh frame-label" x="{f["x0"] + 8:.1f}" y="{f["y0"] + 17:.1f}" font-size="{ZH_SIZE}" font-weight="bold" fill="#1b3a5c">{_esc(f["zh"])}</text>'
                   f'<text class="en frame-label" x="{f["x0"] + 8:.1f}" y="{f["y0"] + 35:.1f}" font-size="{EN_SIZE}" fill="#1b3a5c">{_esc(f["en"])}</text></g>')
    for b in lay["bands"]:
        out.append(f'<path class="band" data-link="{b["link"]}" data-from="{_esc(b["from"])}" data-to="{_esc(b["to"])}" '
                   f'data-hover="{hover_prefix}l{b["link"]}" d="{b["path"]}" fill="{b["colour"]}" fill-opacity="0.45" '
                   f'stroke="{b["colour"]}" stroke-opacity="0.7" stroke-width="0.5"/>')
    for i, b in enumerate(lay["bars"]):
        border = f'stroke="{BUREAU_BORDER}" stroke-width="3"' if b["bureau"] else 'stroke="#333" stroke-width="0.6"'
        out.append(f'<rect class="bar{" bureau" if b["bureau"] else ""}" data-body="{_esc(b["id"])}" data-hover="{hover_prefix}n{i}" '
                   f'x="{b["x0"]:.1f}" y="{b["y0"]:.1f}" width="{b["x1"] - b["x0"]:.1f}" height="{b["y1"] - b["y0"]:.1f}" '
                   f'fill="{b["fill"]}" {border}/>')
    for i, l in enumerate(lay["labels"]):
        halo = ' stroke="#fff" stroke-width="3" paint-order="stroke"' if l["halo"] else ""
        out.append(f'<g class="node-label" data-body="{_esc(l["id"])}" data-hover="{hover_prefix}n{i}">'
                   f'<text class="zh" x="{l["x"]:.1f}" y="{l["y_zh"]:.1f}" text-anchor="{l["anchor"]}" font-size="{ZH_SIZE}" fill="#222"{halo}>{_esc(l["zh"])}</text>'
                   + "".join(f'<text class="en" x="{l["x"]:.1f}" y="{y:.1f}" text-anchor="{l["anchor"]}" font-size="{EN_SIZE}" fill="#555"{halo}>{_esc(e)}</text>'
                             for e, y in zip(l["en"], l["y_en"])) + "</g>")
    for n in lay["numbers"]:
        out.append(f'<text class="number" data-link="{n["link"]}" data-hover="{hover_prefix}l{n["link"]}" x="{n["x"]:.1f}" '
                   f'y="{n["y"] + NUMBER_SIZE * 0.36:.1f}" text-anchor="middle" font-size="{NUMBER_SIZE}" font-weight="bold" '
                   f'fill="#222" stroke="#fff" stroke-width="3" paint-order="stroke">{_esc(n["text"])}</text>')
    # legend and caption under the picture, so a screenshot of it still explains itself
    y = lay["height"] + 24
    out.append(f'<g id="sankey-legend" class="legend"><text x="{MARGIN}" y="{y:.1f}" font-size="13" font-weight="bold">图例 Legend</text>')
    y += 10
    x = MARGIN
    row_h = 20
    for kind, colour, words in legend_rows:
        w = 34 + text_width(words, 11) + 22
        if x + w > max(lay["width"], 900) - MARGIN:
            x, y = MARGIN, y + row_h
        if kind == "fill":
            sw = f'<rect x="{x:.1f}" y="{y + 4:.1f}" width="26" height="11" fill="{colour}" stroke="#333" stroke-width="0.6"/>'
        elif kind == "border":
            sw = f'<rect x="{x:.1f}" y="{y + 4:.1f}" width="26" height="11" fill="#fff" stroke="{colour}" stroke-width="3"/>'
        elif kind == "frame":
            sw = f'<rect x="{x:.1f}" y="{y + 2:.1f}" width="26" height="14" rx="4" fill="#f4f8fc" stroke="{colour}" stroke-width="1.2"/>'
        elif kind == "number":
            sw = (f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="26" height="12" fill="#999" fill-opacity="0.45"/>'
                  f'<text x="{x + 13:.1f}" y="{y + 13:.1f}" text-anchor="middle" font-size="11" font-weight="bold" stroke="#fff" stroke-width="3" paint-order="stroke">{_esc(colour)}</text>')
        else:  # a band colour
            sw = f'<rect x="{x:.1f}" y="{y + 4:.1f}" width="26" height="11" fill="{colour}" fill-opacity="0.45" stroke="{colour}" stroke-width="0.5"/>'
        out.append(f'<g class="legend-item">{sw}<text x="{x + 32:.1f}" y="{y + 14:.1f}" font-size="11">{_esc(words)}</text></g>')
        x += w
    y += row_h + 22
    out.append("</g>")
    out.append(f'<g class="caption"><text x="{MARGIN}" y="{y:.1f}" font-size="11" fill="#555">{_esc(caption["zh"])}</text>'
               f'<text x="{MARGIN}" y="{y + 16:.1f}" font-size="11" fill="#555">{_esc(caption["en"])}</text></g>')
    height = y + 28
    width = max(lay["width"], 900, MARGIN * 2 + text_width(caption["zh"], 11), MARGIN * 2 + text_width(caption["en"], 11))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="sankey-svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="\'Noto Sans CJK SC\', \'Source Han Sans SC\', '
            f'\'Microsoft YaHei\', \'PingFang SC\', sans-serif">' + "".join(out) + "</svg>")


def legend_rows(m: dict, lay: dict) -> list[tuple[str, str, str]]:
    """Every colour, border and width the picture uses, in words."""
    roles = {_role(n) for n in m["nodes"]}
    rows = [("fill", ROLE_FILL[r], words) for r, words in (
        ("gave", "只划出 gave duties only"), ("both", "划出并划入 gave and received"),
        ("received", "只划入 received duties only")) if r in roles]
    if any(b["bureau"] for b in lay["bars"]):
        rows.append(("border", BUREAU_BORDER, "橙色边框：部委管理的国家局 orange border: a bureau managed by a ministry"))
    if lay["frames"]:
        rows.append(("frame", FRAME_COLOUR, "蓝框：机关及其内设机构 blue frame: an institution with its departments"))
    rows.append(("number", "3", "带宽与数字 = 划转职责数 band width and number = duties transferred"))
    seen = {}
    for l in m["links"]:
        seen.setdefault(l["event"] or "", l)
    for e, colour in lay["colours"].items():
        l = seen[e]
        rows.append(("band", colour, f"{l['date'] or ''} {l['event_zh']} {l['event_en']}"))
    return rows


# ------------------------------------------------------------------ Graphviz (static .svg / .png)


def dot(m: dict, lay: dict, rows: list[tuple[str, str, str]], caption: dict) -> str:
    """The same layout for Graphviz ``neato -n2`` (every node and band where the layout put it),
    so the static picture is the Sankey of the page: bands are cubic splines stroked as wide as
    their number of duties (as d3-sankey draws them), labels and numbers are text."""
    from govkg.viz.static import legend_node
    from govkg.viz.timeline import _Dot, _attrs

    legend_h = 24 * (len(rows) + 1) + 36
    height = lay["height"] + legend_h + 24
    d = _Dot(height)
    flip = d.height

    def spline(points, **kw):
        a, b = d.point(*points[0]), d.point(*points[-1])
        pos = " ".join(f"{x:.1f},{flip - y:.1f}" for x, y in points)
        d.lines.append(f"  {a} -> {b} {_attrs(pos=pos, dir='none', **kw)};")

    for f in lay["frames"]:  # outlines only: a filled frame would cover the bands
        d.box(f["x0"], f["y0"], f["x1"], f["y1"], fill="none", colour=FRAME_COLOUR, cls="frame",
              tooltip=f"{f['zh']} / {f['en']}")
        d.text(f["x0"] + 8, f["y0"] + 11, f["zh"], size=ZH_SIZE, colour="#1b3a5c", cls="frame-label", bold=True)
        d.text(f["x0"] + 8, f["y0"] + 29, f["en"], size=EN_SIZE, colour="#1b3a5c", cls="frame-label")
    names = {n["id"]: n for n in m["nodes"]}
    for band in lay["bands"]:
        w = band["w"]
        points = []
        for j, p in enumerate(band["pieces"]):
            y0, y1 = p["y0"] + w / 2, p["y1"] + w / 2
            xm = (p["x0"] + p["x1"]) / 2
            if j:  # straight through the pass-through slot
                (ax, ay) = points[-1]
                points += [(ax + (p["x0"] - ax) / 3, ay), (ax + 2 * (p["x0"] - ax) / 3, ay), (p["x0"], y0)]
            else:
                points.append((p["x0"], y0))
            points += [(xm, y0), (xm, y1), (p["x1"], y1)]
        link = m["links"][band["link"]]
        tip = (f"{names[link['from']]['zh']} → {names[link['to']]['zh']}，{link['date']}，{link['weight']} 项职责："
               + "；".join(x["zh"] for x in link["duties"]))
        spline(points, color=band["colour"] + "80", penwidth=f"{max(w, 1):.1f}", tooltip=tip,
               **{"class": "band"})
    for b in lay["bars"]:
        d.box(b["x0"], b["y0"], b["x1"], b["y1"], fill=b["fill"], colour=BUREAU_BORDER if b["bureau"] else "#333333",
              cls="bar bureau" if b["bureau"] else "bar", tooltip=_plain(b["hover"]))
    for lab in lay["labels"]:
        align = "right" if lab["anchor"] == "end" else "left"
        bg = "#ffffffd9" if lab["halo"] else None
        d.text(lab["x"], lab["y_zh"] - ZH_SIZE * 0.4, lab["zh"], size=ZH_SIZE, align=align, cls="node-label",
               background=bg)
        for line, y in zip(lab["en"], lab["y_en"]):
            d.text(lab["x"], y - EN_SIZE * 0.4, line, size=EN_SIZE, align=align, colour="#555555", cls="node-label",
                   background=bg)
    for n in lay["numbers"]:
        d.text(n["x"], n["y"], n["text"], size=NUMBER_SIZE, align="centre", cls="number", bold=True,
               background="#ffffffcc")
    legend_rows = []
    for kind, colour, words in rows:
        swatch = {"fill": f"fill:{colour}", "border": f"border:{colour}", "frame": f"border:{colour}",
                  "number": "line:#999999:6", "band": f"line:{colour}:6"}[kind]
        legend_rows.append((swatch, words))
    # the legend table is placed by its centre: estimate its size from its texts
    legend_w = max([text_width(w, 11) for _, w in legend_rows] + [text_width(caption["zh"], 9),
                                                                   text_width(caption["en"], 9)]) + 60
    legend_top = lay["height"] + 16
    d.lines.append(legend_node(legend_rows, caption).replace(
        "  legend [", f'  legend [pos="{MARGIN + legend_w / 2:.1f},{flip - legend_top - legend_h / 2:.1f}!", '))
    width = max(lay["width"], MARGIN + legend_w + 10)
    head = ["digraph sankey {",
            f"  graph {_attrs(bgcolor='white', pad='0.15', outputorder='edgesfirst', bb=f'0,0,{width:.1f},{height:.1f}')};",
            f"  node {_attrs(fontname='Noto Sans CJK SC')};", f"  edge {_attrs(fontname='Noto Sans CJK SC')};"]
    return "\n".join(head + d.lines + ["}"])


def _plain(hover: str) -> str:
    """A hover text (HTML) as a plain one-line tooltip."""
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", hover.replace("<br>", " · "))).strip()
