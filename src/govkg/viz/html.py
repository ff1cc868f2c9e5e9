"""Interactive, self-contained HTML pages (plotly.js embedded from the plotly package).

The page fetches nothing: plotly.js is copied in from ``plotly.offline.get_plotlyjs()``, the
figures are inline JSON, fonts are the reader's own. It offers zoom (plotly's own), hover with
duty text and source, and buttons switching labels between 中文, English and both.
"""

from __future__ import annotations

import html
import json

from govkg.errors import InputError
from govkg.outfile import write_output
from govkg.viz import model as M

LANGS = ("zh", "en", "both")
FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"



#: the page's hover box (``<div id="hover">``): ``showHover(html, event)`` shows it beside the
#: pointer and keeps it inside the window; ``hoverBox`` is the element (one definition, used by
#: every page that has a hover box)
HOVER_SCRIPT = """const hoverBox = document.getElementById('hover');
function showHover(html, ev) {
  hoverBox.innerHTML = html; hoverBox.style.display = 'block';
  const w = hoverBox.offsetWidth, h = hoverBox.offsetHeight;
  let x = ev.clientX + 14, y = ev.clientY + 14;
  if (x + w > window.innerWidth - 8) x = Math.max(8, ev.clientX - w - 14);
  if (y + h > window.innerHeight - 8) y = Math.max(8, ev.clientY - h - 14);
  hoverBox.style.left = x + 'px'; hoverBox.style.top = y + 'px';
}"""


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _labels(nodes, lang, sep="<br>"):
    return [M.body_label(n, lang).replace("<br>", sep) for n in nodes]


def _label_sets(nodes, sep="<br>"):
    return {lang: _labels(nodes, lang, sep) for lang in LANGS}


# ------------------------------------------------------------------ page


def write_page(path, title: dict, figures: list[dict], intro: str = "", default_lang: str = "both",
               caption: dict | None = None, legend: str = "", drawings: list[str] = (),
               hovers: dict | None = None) -> None:
    """Write one HTML page with the figures.

    Each figure: ``{"id", "data", "layout", "labels": [{"trace", "attr", "zh", "en", "both"}],
    "nodes": n, "links": m, "caption"}``; ``data-nodes``/``data-links`` record what is drawn.
    ``drawings``: HTML sections with an inline SVG drawn before the figures; their elements
    with ``data-hover="KEY"`` show ``hovers[KEY]`` in a hover box kept inside the window.
    """
    try:
        from plotly.offline import get_plotlyjs
    except ImportError:
        raise InputError("HTML output needs plotly: pip install plotly") from None
    from plotly.utils import PlotlyJSONEncoder

    config = {"responsive": True, "displaylogo": False, "scrollZoom": True, "displayModeBar": "hover",
              "toImageButtonOptions": {"format": "svg"}}
    blocks, specs = [], {}
    for fig in figures:
        blocks.append(
            f'<section><h2>{html.escape(fig["caption"])}</h2>'
            f'<div id="{fig["id"]}" class="plot" data-nodes="{fig["nodes"]}" data-links="{fig["links"]}" '
            f'style="height:{fig.get("height", 640)}px"></div></section>')
        specs[fig["id"]] = {"data": fig["data"], "layout": fig["layout"], "labels": fig.get("labels", [])}
    payload = json.dumps(specs, cls=PlotlyJSONEncoder, ensure_ascii=False).replace("</", "<\\/")
    hover_payload = json.dumps(hovers or {}, ensure_ascii=False).replace("</", "<\\/")
    buttons = "".join(f'<button type="button" data-lang="{lang}">{text}</button>'
                      for lang, text in (("zh", "中文"), ("en", "English"), ("both", "中文 + English")))
    page = f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>{html.escape(title['zh'])} — {html.escape(title['en'])}</title>
<style>
body {{ font-family: {FONT}; margin: 1.5em; color: #222; }}
h1 {{ font-size: 1.4em; margin-bottom: 0.2em; }} h2 {{ font-size: 1.1em; }}
.lang button {{ margin-right: 0.4em; padding: 0.2em 0.8em; }}
.lang button.on {{ font-weight: bold; }}
p.note {{ color: #555; max-width: 60em; }}
.legend {{ display: flex; flex-wrap: wrap; gap: .4em 1.4em; font-size: 14px; margin: .6em 0; }}
#hover {{ position: fixed; display: none; max-width: 36em; background: #fff; border: 1px solid #888;
  box-shadow: 0 2px 8px rgba(0,0,0,.2); padding: .5em .7em; font-size: 13px; line-height: 1.45; pointer-events: none; z-index: 10; }}
.drawing svg {{ display: block; max-width: 100%; height: auto; }}
.drawing [data-hover] {{ cursor: pointer; }}
html[data-lang="zh"] .drawing .en, html[data-lang="en"] .drawing .zh {{ display: none; }}
.legend span.sw {{ display: inline-block; width: 2.2em; height: .8em; margin-right: .4em; vertical-align: middle; border: 1px solid #555; }}
</style>
<script>{get_plotlyjs()}</script>
</head>
<body>
<h1>{html.escape(title['zh'])}<br><small>{html.escape(title['en'])}</small></h1>
<div class="lang">标签 Labels: {buttons}</div>
<p class="note">{intro}</p>
{''.join(drawings)}
{''.join(blocks)}
{legend}
<div id="hover" role="tooltip"></div>
<p class="note caption">{html.escape((caption or {}).get("zh", ""))}<br>{html.escape((caption or {}).get("en", ""))}</p>
<p class="note">govkg · 悬停查看职责原文与来源 / hover for the duty text and its source · 滚轮缩放 / scroll or drag to zoom.</p>
<script>
const FIGURES = {payload};
const HOVERS = {hover_payload};
{HOVER_SCRIPT}
document.querySelectorAll('.drawing [data-hover]').forEach(el => {{
  const html = HOVERS[el.dataset.hover];
  if (!html) return;
  el.addEventListener('mousemove', ev => showHover(html, ev));
  el.addEventListener('mouseleave', () => hoverBox.style.display = 'none');
}});
const CONFIG = {json.dumps(config)};
function setLang(lang) {{
  for (const [id, spec] of Object.entries(FIGURES)) {{
    for (const set of spec.labels) {{
      Plotly.restyle(id, {{[set.attr]: [set[lang]]}}, [set.trace]);
    }}
  }}
  document.querySelectorAll('.lang button').forEach(b => b.classList.toggle('on', b.dataset.lang === lang));
  document.documentElement.dataset.lang = lang;
}}
const drawn = Object.entries(FIGURES).map(([id, spec]) => Plotly.newPlot(id, spec.data, spec.layout, CONFIG));
// traces with hoverinfo 'none' show their customdata in the page's hover box: kept inside the
// window, never clipped by the plot's edge or covered by the toolbar
Object.keys(FIGURES).forEach(id => {{
  const div = document.getElementById(id);
  drawn[Object.keys(FIGURES).indexOf(id)].then(() => {{
    div.on('plotly_hover', e => {{
      const p = e.points[0];
      if (p && p.data.hoverinfo === 'none' && p.customdata) showHover(p.customdata, e.event || {{clientX: 20, clientY: 20}});
    }});
    div.on('plotly_unhover', () => hoverBox.style.display = 'none');
  }});
}});
Promise.all(drawn).then(() => {{
  document.querySelectorAll('.lang button').forEach(b => b.addEventListener('click', () => setLang(b.dataset.lang)));
  setLang({json.dumps(default_lang)});
  document.body.dataset.ready = "1";
}});
</script>
</body>
</html>
"""
    write_output(path, page)


# ------------------------------------------------------------------ transfers


def network_figure(m: dict, s) -> dict:
    """The network view of a transfers model: givers left, bodies that gave and received in
    the middle, receivers right; edge width = duties, colour = reorganisation (as the Sankey)."""
    from govkg.viz.sankey import event_colours

    nodes, links = m["nodes"], m["links"]
    colour = event_colours(links, s)
    node_colour = ["#4e79a7" if n["column"] == 0 else "#59a14f" if n["column"] == 2 else "#b07aa1" for n in nodes]
    # network view: givers left, bodies that gave and received in the middle, receivers right
    columns = {c: [n for n in nodes if n["column"] == c] for c in (0, 1, 2)}
    pos = {}
    for c, members in columns.items():
        for i, n in enumerate(members):
            pos[n["id"]] = (c, 1 - (i + 0.5) / max(len(members), 1))
    xs = [pos[n["id"]][0] for n in nodes]
    ys = [pos[n["id"]][1] for n in nodes]
    annotations, mids = [], {"x": [], "y": [], "hover": [], "color": []}
    for l in links:
        (x0, y0), (x1, y1) = pos[l["from"]], pos[l["to"]]
        annotations.append({"x": x1, "y": y1, "ax": x0, "ay": y0, "xref": "x", "yref": "y", "axref": "x",
                            "ayref": "y", "showarrow": True, "arrowhead": 2, "arrowsize": 1,
                            "arrowwidth": 1 + 0.6 * l["weight"], "arrowcolor": _rgba(colour[l["event"] or ""], 0.6),
                            "standoff": 10, "startstandoff": 10, "text": ""})
        mids["x"].append(x0 + (x1 - x0) * 0.5)
        mids["y"].append(y0 + (y1 - y0) * 0.5)
        mids["hover"].append(l["hover"])
        mids["color"].append(colour[l["event"] or ""])
    size = [12 + 3 * (n["gave"] + n["received"]) ** 0.5 * 2 for n in nodes]
    positions = ["middle left" if n["column"] == 0 else "middle right" if n["column"] == 2 else "top center"
                 for n in nodes]
    network = {
        "id": "network", "caption": "网络视图 · Network view (edge width = number of duties; colours as in the legend above)",
        "nodes": len(nodes), "links": len(links), "height": max(480, 44 * len(nodes)),
        "data": [
            {"type": "scatter", "mode": "markers", "name": "flows", "x": mids["x"], "y": mids["y"],
             "marker": {"size": 10, "symbol": "diamond", "color": mids["color"], "opacity": 0.8},
             "customdata": mids["hover"], "hoverinfo": "none"},  # shown in the page's hover box
            {"type": "scatter", "mode": "markers+text", "name": "bodies", "x": xs, "y": ys,
             "text": _labels(nodes, "both"), "textposition": positions,
             "marker": {"size": size, "color": node_colour, "line": {"color": "#333", "width": 1}},
             "customdata": [n["hover"] for n in nodes], "hoverinfo": "none"},
        ],
        "layout": {"font": {"family": FONT, "size": 13}, "showlegend": False, "annotations": annotations,
                   "dragmode": "pan", "hovermode": "closest",
                   "hoverlabel": {"align": "left", "font": {"family": FONT, "size": 12}},
                   "xaxis": {"visible": False, "range": [-1.5, 3.5]},  # room for the longest names
                   "yaxis": {"visible": False, "range": [-0.05, 1.05]},
                   "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "plot_bgcolor": "white"},
        "labels": [{"trace": 1, "attr": "text", **_label_sets(nodes)}],
    }
    return network


def legend_html(items: list[tuple[str, str]]) -> str:
    """A legend block: (CSS colour, words) pairs."""
    return ('<div class="legend" id="legend"><b>图例 Legend:</b>' + "".join(
        f'<span><span class="sw" style="background:{colour}"></span>{html.escape(words)}</span>'
        for colour, words in items) + "</div>")


def transfers(backend, output, year=2018, rollup=True, fmt="html") -> str:
    """The Sankey (``govkg.viz.sankey``: departments framed with their institution unless
    ``rollup`` is off, a number on every band) and the network view of the same flows."""
    from govkg.analysis.graphs import snapshot
    from govkg.viz import sankey

    m = M.transfers_model(backend, year, rollup)
    detail = M.transfers_model(backend, year, rollup=False)
    s = snapshot(backend)
    lay = sankey.layout(detail, s, frames=rollup, short=sankey.abbreviations(backend))
    drawing = sankey.svg(detail, lay, sankey.legend_rows(detail, lay), detail["caption"], hover_prefix="s")
    hovers = {f"sn{i}": bar["hover"] for i, bar in enumerate(lay["bars"])}
    hovers.update({f"sl{i}": l["hover"] for i, l in enumerate(detail["links"])})
    section = (f'<section><h2>职责流向（桑基图）· Duty flows (Sankey diagram)</h2><div id="sankey" class="drawing" '
               f'data-nodes="{len(detail["nodes"])}" data-links="{len(detail["links"])}">{drawing}</div></section>')
    intro = ("每条带表示一次机构改革中由划出机构到划入机构的职责划转，带宽与数字为职责数；内设机构画在所属机关的蓝框中，"
             "部委管理的国家局另列（橙色边框）。悬停查看职责原文与来源。 Each band is the duties one body handed to "
             "another in a reorganisation; its width and number are the number of duties; departments are drawn in "
             "their institution's blue frame, bureaus a ministry manages apart (orange border). Hover for the duty "
             "text and its source.")
    network = network_figure(m, s)
    write_page(output, m["title"], [network], html.escape(intro), caption=m["caption"],
               drawings=[section], hovers=hovers)
    return f"{len(detail['nodes'])} bodies, {len(detail['links'])} flows"


# ------------------------------------------------------------------ lineage


def lineage(backend, output, fmt="html") -> str:
    """The lineage on the timeline's axis (1952 → today, unknown dates dashed)."""
    from govkg.viz import timeline

    return timeline.lineage(backend, output, fmt="html")


# ------------------------------------------------------------------ organisation chart


#: The smallest box a body gets in the treemap (in duties), so that every name can be read.
MIN_BOX = 3


def _wrap_zh(name: str, width: int = 8) -> str:
    """A Chinese name in lines of at most ``width`` characters, the parenthesised part on a
    line of its own, so that a treemap box can show it instead of hiding it."""
    head, sep, tail = name.partition("（")
    lines = [head[i:i + width] for i in range(0, len(head), width)] or [""]
    if len(lines) > 1 and len(lines[-1]) < 3:  # no line of one or two characters
        lines[-2:] = [lines[-2][: -(3 - len(lines[-1]))], lines[-2][-(3 - len(lines[-1])):] + lines[-1]]
    return "<br>".join(lines + ([sep + tail] if sep else []))


def _wrap_en(name: str, width: int = 22) -> str:
    import textwrap

    return "<br>".join(textwrap.wrap(name, width)) or name


def org_figure(m: dict) -> dict:
    """The organisation as a treemap that reads as a tree: the institution, then three boxes —
    its own duties, its departments, the bureaus it manages — each body named with its number
    of duties (box size = duties); click a body to see its duties."""
    nodes = m["nodes"]
    root = next(n for n in nodes if n["parent"] is None)
    colours = {"institution": "#4e79a7", "department": "#a0cbe8", "bureau": "#f28e2b", "duty": "#f1f1f1",
               "group": "#dfe8f1", "bureaus": "#fde9d6"}
    depts = [n for n in nodes if n["kind"] == "department"]
    bureaus = [n for n in nodes if n["kind"] == "bureau"]
    own = [n for n in nodes if n["kind"] == "duty" and n["parent"] == root["id"]]
    groups = [("grp:own", f"本级职责 own duties（{len(own)}）", "group", own),
              ("grp:departments", f"内设机构 departments（{len(depts)}）", "group", depts),
              ("grp:bureaus", f"管理的国家局 bureaus it manages（{len(bureaus)}）", "bureaus", bureaus)]
    ids, labels, parents, values, kinds, hovers, texts, lines = [], [], [], [], [], [], [], []

    def add(i, label, parent, value, kind, hover, text, line="#ffffff"):
        ids.append(i), labels.append(label), parents.append(parent), values.append(value)
        kinds.append(kind), hovers.append(hover), texts.append(text), lines.append(line)

    size = {n["id"]: max(n["duties"], MIN_BOX) for n in depts + bureaus}
    total = sum(size.values()) + max(len(own), 1)
    add(root["id"], root["zh"], "", total, "institution", root["hover"], f"{root['duties']} 项本级职责 own duties")
    for gid, label, kind, members in groups:
        if not members:
            continue
        value = len(members) if gid == "grp:own" else sum(size[n["id"]] for n in members)
        add(gid, label, root["id"], value, kind, label, "")
        for n in members:
            if gid == "grp:own":
                add(n["id"], n["zh"], gid, 1, "duty", n["hover"], "")
                continue
            unknown = n.get("status") == "not recorded"
            count = f"{n['duties']} 项职责 duties" + ("<br>存续情况未记载 status not recorded" if unknown else "")
            add(n["id"], n["zh"], gid, size[n["id"]], n["kind"], n["hover"], count, "#c44e00" if unknown else "#ffffff")
    for n in nodes:  # a body's duties, shown when the reader clicks the body
        if n["kind"] == "duty" and n["parent"] != root["id"]:
            add(n["id"], n["zh"], n["parent"], 1, "duty", n["hover"], "")
    en = {n["id"]: _wrap_en(n["en"]) for n in nodes}
    zh = {n["id"]: _wrap_zh(n["zh"]) for n in nodes}
    zh[root["id"]], en[root["id"]] = root["zh"], root["en"]  # the header bar has one line
    labels = [zh.get(i, label) for i, label in zip(ids, labels)]

    def label_set(lang):
        out = []
        for i, label in zip(ids, labels):
            if i not in zh:
                out.append(label)
            elif lang == "zh":
                out.append(zh[i])
            elif lang == "en":
                out.append(en[i])
            else:
                out.append(f"{zh[i]} / {en[i]}" if en[i] != zh[i] else zh[i])
        return out

    treemap = {
        "type": "treemap", "ids": ids, "labels": labels, "parents": parents, "values": values,
        "branchvalues": "total", "text": texts, "textinfo": "label+text",
        "customdata": hovers, "hoverinfo": "none",  # shown in the page's hover box, never clipped
        "marker": {"colors": [colours[k] for k in kinds],
                   "line": {"color": lines, "width": [3 if c != "#ffffff" else 1 for c in lines]}},
        "maxdepth": 3, "tiling": {"packing": "squarify", "pad": 2}, "pathbar": {"visible": True},
        "textfont": {"size": 13}, "insidetextfont": {"size": 13},
    }
    return {
        "id": "org", "caption": "组织结构（点击机构查看其职责）· Organisation chart (click a body to see its duties)",
        "nodes": len(nodes), "links": len(m["links"]), "height": 820, "data": [treemap],
        "layout": {"font": {"family": FONT, "size": 13}, "margin": {"l": 5, "r": 5, "t": 30, "b": 5},
                   "uniformtext": {"minsize": 10, "mode": "hide"},
                   "hoverlabel": {"align": "left", "font": {"family": FONT, "size": 12}}},
        "labels": [{"trace": 0, "attr": "labels", **{lang: label_set(lang) for lang in LANGS}}],
    }


def org(backend, output, on=None, root="inst:ndrc", fmt="html") -> str:
    m = M.org_model(backend, on, root)
    intro = ("机关 → 本级职责、内设机构、管理的国家局；数字为职责数，方块大小随职责数（至少 3 项大小，以便标出名称），"
             "点击机构查看其职责。 Institution → its own duties, its departments, the bureaus it manages; the number is "
             "the body's duties, box size follows it (at least the size of 3, so that every name fits); click a body "
             "to see its duties.")
    legend = legend_html([("#4e79a7", "机关 institution"), ("#a0cbe8", "内设机构 department"),
                          ("#f28e2b", "管理的国家局 bureau it manages（深橙边框：存续未记载 dark orange frame: not recorded on this date）"),
                          ("#f1f1f1", "职责 duty（点击机构查看 click a body to see its duties）")])
    write_page(output, m["title"], [org_figure(m)], html.escape(intro), default_lang="zh", caption=m["caption"],
               legend=legend)
    counts = {k: sum(1 for n in m["nodes"] if n["kind"] == k) for k in ("department", "bureau", "duty")}
    return f"{counts['department']} departments, {counts['bureau']} bureaus, {counts['duty']} duties on {m['on']}"
