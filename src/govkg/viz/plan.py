"""The plan picture: who is responsible for which task, and which platforms the tasks concern.

Three columns drawn with plotly on the shared offline page (:func:`govkg.viz.html.write_page`):
responsible bodies on the left (one node "未载明 not named" for the tasks whose body the plan does
not name), the plan's tasks and key projects in the middle in outline order, platforms on the
right. Hover shows the task's section, source line and text; labels switch zh/en like the other
pages. The data is :func:`govkg.plan.plan_report`, so the picture and ``govkg plan`` agree.
"""

from __future__ import annotations

import html

from govkg.plan import NOT_NAMED, plan_report

NOT_NAMED_NODE = {"iri": "not-named", "label_zh": "未载明责任主体", "label_en": "body not named in the plan"}
COLOURS = {"body": "#4e79a7", "not-named": "#bab0ac", "task": "#f28e2b", "key": "#e15759", "platform": "#59a14f"}


def _tasks_in_order(outline) -> list[tuple[dict, dict]]:
    out = []
    for part in outline:
        out += [(t, part) for t in part["tasks"]]
        out += _tasks_in_order(part["parts"])
    return out


def plan_model(backend, name: str | None = None) -> dict:
    """Nodes (bodies, tasks, platforms) with their column and row, and the links between them."""
    report = plan_report(backend, name)
    tasks = _tasks_in_order(report["outline"])
    bodies: dict[str, dict] = {}
    for t, _ in tasks:
        for b in t["bodies"] or [NOT_NAMED_NODE]:
            bodies.setdefault(b["iri"], b)
    platforms = {p["iri"]: p for p in report["platforms"] if p["tasks"]}
    nodes, index = [], {}

    def add(key, kind, column, zh, en, hover):
        index[key] = len(nodes)
        nodes.append({"key": key, "kind": kind, "column": column, "zh": zh or en, "en": en or zh, "hover": hover})

    for b in sorted(bodies.values(), key=lambda b: (b["iri"] == "not-named", b["label_zh"] or "")):
        add(b["iri"], "not-named" if b["iri"] == "not-named" else "body", 0, b["label_zh"], b["label_en"],
            f"{b['label_zh']}<br>{b['label_en']}")
    for t, part in tasks:
        bodies_text = "、".join(b["label_zh"] for b in t["bodies"]) or NOT_NAMED
        add(t["iri"], "key" if t["key_project"] else "task", 1, t["label_zh"], t["label_en"],
            f"<b>{html.escape(t['label_zh'] or '')}</b><br>{html.escape(t['label_en'] or '')}<br>"
            f"{'重点工程 key project' if t['key_project'] else '任务 task'} · {html.escape(part['label_zh'] or '')}<br>"
            f"责任主体 responsible: {html.escape(bodies_text)}<br>来源 source: line {t['line']}")
    for p in sorted(platforms.values(), key=lambda p: (p["line"] or 0, p["iri"])):
        add(p["iri"], "platform", 2, p["label_zh"], p["label_en"],
            f"<b>{html.escape(p['label_zh'])}</b><br>{html.escape(p['label_en'])}<br>"
            f"{p['level'] or 'level not stated'} · {len(p['tasks'])} tasks · line {p['line']}")
    links = []
    for t, _ in tasks:
        for b in t["bodies"] or [NOT_NAMED_NODE]:
            links.append((index[b["iri"]], index[t["iri"]]))
        for pl in t["platforms"]:
            if pl in index:
                links.append((index[t["iri"]], index[pl]))
    for column in (0, 1, 2):
        members = [n for n in nodes if n["column"] == column]
        for row, n in enumerate(members):
            n["y"] = 1 - (row + 0.5) / max(len(members), 1)
    title = {"zh": f"{report['plan']['label_zh']}：责任主体、任务与平台",
             "en": f"{report['plan']['label_en']}: bodies, tasks and platforms"}
    return {"title": title, "nodes": nodes, "links": links, "counts": report["counts"]}


def plan_figure(m: dict) -> dict:
    nodes, links = m["nodes"], m["links"]
    xs = {0: 0.0, 1: 1.0, 2: 2.0}
    edge_x, edge_y = [], []
    for a, b in links:
        edge_x += [xs[nodes[a]["column"]], xs[nodes[b]["column"]], None]
        edge_y += [nodes[a]["y"], nodes[b]["y"], None]
    edges = {"type": "scatter", "mode": "lines", "x": edge_x, "y": edge_y, "hoverinfo": "skip",
             "line": {"width": 0.6, "color": "rgba(120,120,120,0.35)"}, "showlegend": False}
    positions = {0: "middle left", 1: "middle right", 2: "middle right"}
    traces, labels = [edges], []
    for kind, name in (("body", "责任主体 body"), ("not-named", "未载明 not named"), ("task", "任务 task"),
                       ("key", "重点工程 key project"), ("platform", "平台 platform")):
        members = [n for n in nodes if n["kind"] == kind]
        if not members:
            continue
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": name,
            "x": [xs[n["column"]] for n in members], "y": [n["y"] for n in members],
            "text": [n["zh"] for n in members], "textposition": positions[members[0]["column"]],
            "textfont": {"size": 10}, "customdata": [n["hover"] for n in members],
            "hovertemplate": "%{customdata}<extra></extra>",
            "marker": {"size": 9, "color": COLOURS[kind], "line": {"width": 0.5, "color": "#333"}},
            "meta": [n["key"] for n in members]})
        labels.append({"trace": len(traces) - 1, "attr": "text", "zh": [n["zh"] for n in members],
                       "en": [n["en"] for n in members], "both": [f"{n['zh']} {n['en']}" for n in members]})
    tasks = sum(1 for n in nodes if n["column"] == 1)
    return {
        "id": "plan", "caption": "责任主体 → 任务与重点工程 → 平台 · Bodies → tasks and key projects → platforms",
        "nodes": len(nodes), "links": len(links), "height": max(700, 16 * tasks),
        "data": traces,
        "layout": {"font": {"family": "'Noto Sans CJK SC', sans-serif", "size": 11}, "hovermode": "closest",
                   "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "legend": {"orientation": "h"},
                   "xaxis": {"visible": False, "range": [-1.2, 3.2]}, "yaxis": {"visible": False, "range": [-0.02, 1.02]},
                   "hoverlabel": {"align": "left"}},
        "labels": labels,
    }


def plan_page(backend, output, name: str | None = None) -> str:
    """Write the offline HTML page of a plan; returns what was drawn."""
    from govkg.viz.html import write_page

    m = plan_model(backend, name)
    c = m["counts"]
    intro = (f"{c['tasks']} 项任务（其中重点工程 {c['key_projects']} 项），规划载明责任主体的 {c['tasks_with_named_body']} 项，"
             f"其余归入“未载明责任主体”；右侧为任务涉及的平台。 {c['tasks']} tasks ({c['key_projects']} key projects); "
             f"the plan names a responsible body for {c['tasks_with_named_body']}, the rest are drawn from "
             "'body not named in the plan'; platforms the tasks concern are on the right.")
    write_page(output, m["title"], [plan_figure(m)], html.escape(intro), default_lang="zh")
    return f"{len(m['nodes'])} nodes, {len(m['links'])} links"
