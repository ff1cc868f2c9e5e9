"""What each picture draws, as plain data shared by the HTML and the static renderers.

``transfers_model`` / ``lineage_model`` / ``org_model`` return ``{"title": {zh, en},
"nodes": [...], "links": [...]}``; nodes carry ``zh``/``en`` labels and a ``hover`` text,
links ``source``/``target`` indexes into ``nodes``. Tests compare the drawn page with these.
"""

from __future__ import annotations

import html
import textwrap

from govkg.analysis import graphs
from govkg.dates import today
from govkg.analysis.graphs import snapshot


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, width: int = 40) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width) or [""])


def duty_hover(duty: dict, giver: dict | None = None) -> str:
    """A duty for a hover box: zh/en names, canonical text, giving department, source."""
    parts = [f"<b>{html.escape(duty['zh'])}</b>"]
    if duty.get("en") and duty["en"] != duty["zh"]:
        parts.append(f"<i>{_wrap(_clip(duty['en'], 110), 70)}</i>")
    if duty.get("text") and duty["text"] != duty["zh"]:
        parts.append(_wrap(_clip(duty["text"], 120), 40))
    if giver:
        parts.append(f"划出 from: {html.escape(giver['zh'])} / {html.escape(giver['en'])}")
    for src in duty.get("sources", [])[:2]:
        where = src.get("locator") or src.get("id")
        quote = f" “{_clip(src.get('quote'), 60)}”" if src.get("quote") else ""
        parts.append(f"来源 source: {html.escape(where)}{html.escape(quote)}")
    return "<br>".join(parts)


def duty_line(duty: dict, giver: dict | None = None) -> str:
    """A duty in two short lines (for flows carrying many duties): name, giving department,
    source locator; then the start of its canonical text."""
    src = duty.get("sources") or [{}]
    where = src[0].get("locator") or src[0].get("id") or ""
    head = f"• <b>{html.escape(_clip(duty['zh'], 30))}</b>"
    if giver:
        head += f"（{html.escape(giver['zh'])}）"
    if where:
        head += f" [来源 {html.escape(where)}]"
    return head + f"<br>   {html.escape(_clip(duty.get('text') or duty.get('en'), 46))}"


def body_label(node: dict, lang: str) -> str:
    if lang == "zh":
        return node["zh"]
    if lang == "en":
        return node["en"]
    return f"{node['zh']}<br>{node['en']}" if node["en"] != node["zh"] else node["zh"]


# ------------------------------------------------------------------ transfers


def transfers_model(backend, year: int | None = 2018, rollup: bool = True) -> dict:
    """Bodies (givers and receivers) and one link per giver → receiver per reorganisation."""
    s = snapshot(backend)
    g = graphs.transfer_network(backend, year=year, rollup=rollup)
    if g.number_of_edges() == 0:
        from govkg.errors import InputError

        raise InputError(f"no duty transfers recorded for {year}" if year else "no duty transfers recorded")
    gave = {n: sum(d["weight"] for *_, d in g.out_edges(n, data=True)) for n in g}
    got = {n: sum(d["weight"] for *_, d in g.in_edges(n, data=True)) for n in g}
    # givers first (largest first), then bodies that both gave and received, then receivers
    order = sorted(g.nodes, key=lambda n: (0 if got[n] == 0 else 2 if gave[n] == 0 else 1,
                                           -(gave[n] + got[n]), n))
    index = {n: i for i, n in enumerate(order)}
    nodes = []
    for n in order:
        a = g.nodes[n]
        units = [s.names(u) for u in a.get("units", [])]
        hover = [f"<b>{html.escape(a['zh'])}</b>", html.escape(a["en"]),
                 f"划出 gave: {gave[n]} · 划入 received: {got[n]} duties"]
        if units:
            hover.append("departments: " + html.escape("、".join(u["zh"] for u in units)))
        nodes.append({"id": n, "zh": a["zh"], "en": a["en"], "kind": a["kind"], "gave": gave[n],
                      "received": got[n], "column": 0 if got[n] == 0 else 2 if gave[n] == 0 else 1,
                      "hover": "<br>".join(hover)})
    links = []
    for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[3]["date"] or "", index[e[0]], index[e[1]])):
        duties = sorted(d["duties"], key=lambda x: x["id"])
        head = (f"<b>{html.escape(g.nodes[u]['zh'])} → {html.escape(g.nodes[v]['zh'])}</b>: "
                f"{d['weight']} 项职责 duties<br>{html.escape(d['zh'])} · {html.escape(d['en'])} ({d['date']})")
        if len(duties) <= 2:
            body = "<br>—<br>".join(duty_hover(x, x["from_names"] if x["from"] != u else None) for x in duties)
        else:
            body = "<br>".join(duty_line(x, x["from_names"] if x["from"] != u else None) for x in duties[:10])
        more = f"<br>… +{len(duties) - 10} more" if len(duties) > 10 else ""
        links.append({"source": index[u], "target": index[v], "from": u, "to": v, "event": d["event"],
                      "event_zh": d["zh"], "event_en": d["en"], "date": d["date"], "weight": d["weight"],
                      "duties": [{"id": x["id"], "zh": x["zh"], "en": x["en"], "from": x["from"]} for x in duties],
                      "hover": head + "<br>—<br>" + body + more})
    if year:
        events = sorted({(link["event_zh"], link["event_en"]) for link in links})
        zh = "、".join(e[0] for e in events) + " 职责划转"
        en = "Duty transfers: " + "; ".join(e[1] for e in events)
    else:
        zh, en = "历次机构改革中的职责划转", "Duty transfers in all reorganisations"
    from govkg.viz.caption import caption

    passages = {src["id"] for l in g.edges(data=True) for d in l[2]["duties"] for src in d.get("sources", [])}
    return {"kind": "transfers", "year": year, "title": {"zh": zh, "en": en}, "nodes": nodes, "links": links,
            "caption": caption(backend, passages or None)}


# ------------------------------------------------------------------ lineage


def lineage_model(backend) -> dict:
    """Institutions with their dates, and predecessor → successor links."""
    g = graphs.lineage_graph(backend)
    order = sorted(g.nodes, key=lambda n: (g.nodes[n].get("founding") or g.nodes[n].get("dissolution") or "", n))
    index = {n: i for i, n in enumerate(order)}
    nodes = []
    for n in order:
        a = g.nodes[n]
        lin = graphs.lineage_of(g, n)
        span = f"{a.get('founding') or '?'} – {a.get('dissolution') or 'now'}"
        hover = [f"<b>{html.escape(a['zh'])}</b>", html.escape(a["en"]), span]
        if len(lin["main_line"]) > 1:
            hover.append("lineage: " + html.escape(" → ".join(g.nodes[m]["zh"] for m in lin["main_line"])))
        if lin["merged_in"]:
            hover.append("merged in: " + html.escape("、".join(g.nodes[m]["zh"] for m in lin["merged_in"])))
        nodes.append({"id": n, "zh": a["zh"], "en": a["en"], "founding": a.get("founding"),
                      "dissolution": a.get("dissolution"), "hover": "<br>".join(hover)})
    links = []
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[2]["date"] or "", e[0], e[1])):
        ev = d.get("event_names") or {"zh": "", "en": ""}
        links.append({"source": index[u], "target": index[v], "from": u, "to": v, "date": d["date"],
                      "event": d["event"], "event_zh": ev["zh"], "event_en": ev["en"],
                      "hover": f"<b>{html.escape(g.nodes[u]['zh'])} → {html.escape(g.nodes[v]['zh'])}</b><br>"
                               f"{d['date'] or ''} {html.escape(ev['zh'])}<br>{html.escape(ev['en'])}"})
    return {"kind": "lineage", "title": {"zh": "机构沿革：前身与后继", "en": "Lineage: predecessors and successors"},
            "nodes": nodes, "links": links}


# ------------------------------------------------------------------ organisation chart


def org_model(backend, on: str | None = None, root: str = "inst:ndrc") -> dict:
    """The institution's tree on a date: root, departments, managed bureaus and duties."""
    on = on or today()
    g = graphs.org_tree(backend, on, root)
    nodes, links, index = [], [], {}

    def add(node_id, parent, kind, zh, en, hover, count=0):
        index[node_id] = len(nodes)
        nodes.append({"id": node_id, "parent": parent, "kind": kind, "zh": zh, "en": en,
                      "hover": hover, "duties": count})
        if parent is not None:
            links.append({"source": index[parent], "target": index[node_id], "relation": kind})

    def duties_of(body):
        return [d for d in sorted(g.successors(body)) if g.nodes[d]["kind"] == "duty"]

    def add_duties(body):
        for d in duties_of(body):
            a = g.nodes[d]
            rec = {"zh": a["zh"], "en": a["en"], "text": a["text"], "sources": a["sources"]}
            add(f"{body}/{d}", body, "duty", _clip(a["zh"], 24), _clip(a["en"], 48), duty_hover(rec))

    from govkg.viz.caption import caption
    from govkg.viz.timeline import not_recorded_after

    stops = not_recorded_after(backend)
    r = g.nodes[root]
    add(root, None, "institution", r["zh"], r["en"],
        f"<b>{html.escape(r['zh'])}</b><br>{html.escape(r['en'])}<br>{on}", len(duties_of(root)))
    add_duties(root)
    for child in sorted(g.successors(root)):
        relation = g.edges[root, child]["relation"]
        if relation == "holds":
            continue
        a = g.nodes[child]
        n = len(duties_of(child))
        kind = "department" if relation == "unit" else "bureau"
        tag = "" if kind == "department" else "（管理）"
        # the sources stop recording it, or give it neither a date nor a duty: never drawn as current
        unknown = (child in stops and stops[child] <= on) or (
            kind == "bureau" and not a.get("founding") and n == 0)
        note = "<br>存续情况未记载 status not recorded on this date" if unknown else ""
        add(child, root, kind, a["zh"] + tag, a["en"] + (" (managed)" if kind == "bureau" else ""),
            f"<b>{html.escape(a['zh'])}</b><br>{html.escape(a['en'])}<br>{n} 项职责 duties{note}", n)
        nodes[-1]["status"] = "not recorded" if unknown else "recorded"
        add_duties(child)
    return {"kind": "org", "on": on, "root": root,
            "title": {"zh": f"{r['zh']}组织结构（{on}）", "en": f"{r['en']}: organisation on {on}"},
            "nodes": nodes, "links": links, "caption": caption(backend)}
