"""Plain-data analyses (JSON-serialisable dicts and lists) built on :mod:`govkg.analysis.graphs`.

Each ``*_report(backend, …)`` returns data first; the CLI and the renderers only format it.
Bodies are named by CURIE with their ``zh`` and ``en`` labels alongside.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from govkg.analysis import graphs
from govkg.dates import today
from govkg.analysis.graphs import held_on, snapshot

NDRC = "inst:ndrc"
MANDATE_2008 = "2008-03-15"


def _named(s, node: str, **extra) -> dict:
    return {"id": node, **s.names(node), **extra}


def _brief_duty(d: dict) -> dict:
    return {k: d[k] for k in ("id", "zh", "en", "text", "from", "sources", "transfer") if k in d}


# ------------------------------------------------------------------ transfers


def family(backend, institution: str = NDRC) -> set[str]:
    """An institution with its departments and the bureaus it manages or managed (the bodies
    whose duties are listed with its own, e.g. the State Bureau of Material Reserve)."""
    s = snapshot(backend)
    members = {institution} | {d for d, i in s.unit_of.items() if i == institution}
    members |= {i for i, info in s.institutions.items() if institution in info["managed_by"]}
    return members


def transfers_report(backend, year: int | None = None, rollup: bool = True,
                     institution: str = NDRC) -> dict:
    """Per reorganisation: the flows giver → receiver (weighted by duties, with the duties),
    who gained and who lost most (most duties received / given: ``top_gainer``, ``top_loser``;
    ``balance`` has every body's gained, lost and net); and the flows out of ``institution``.

    Flows out of the institution: from the institution, one of its departments or a bureau it
    manages, to any body that is not the institution or one of its departments. Departments
    are rolled up to their institution unless ``rollup`` is False; each duty keeps the
    department that actually gave it (``from``).
    """
    s = snapshot(backend)
    g = graphs.transfer_network(backend, year=year, rollup=rollup)
    events = defaultdict(list)
    for u, v, key, data in g.edges(keys=True, data=True):
        events[key].append((u, v, data))
    out = []
    for key, edges in sorted(events.items(), key=lambda kv: (kv[1][0][2]["date"] or "", kv[0])):
        first = edges[0][2]
        gained, lost = Counter(), Counter()
        duty_ids = set()
        flows = []
        for u, v, data in sorted(edges, key=lambda e: (-e[2]["weight"], e[0], e[1])):
            gained[v] += data["weight"]
            lost[u] += data["weight"]
            duty_ids |= {d["id"] for d in data["duties"]}
            flows.append({
                "from": _named(s, u), "to": _named(s, v), "weight": data["weight"],
                "transfers": data["transfers"],
                "duties": [_brief_duty(d) for d in sorted(data["duties"], key=lambda d: d["id"])],
            })
        bodies = sorted(set(gained) | set(lost))
        balance = sorted(({**_named(s, b), "gained": gained[b], "lost": lost[b], "net": gained[b] - lost[b]}
                          for b in bodies), key=lambda r: (-r["net"], r["id"]))
        out.append({
            "event": first["event"], "zh": first["zh"], "en": first["en"], "date": first["date"],
            "transfers": sum(f["transfers"] for f in flows), "duties": len(duty_ids),
            "flows": flows, "balance": balance,
            "top_gainer": min(balance, key=lambda r: (-r["gained"], -r["net"], r["id"])) if balance else None,
            "top_loser": min(balance, key=lambda r: (-r["lost"], r["net"], r["id"])) if balance else None,
        })
    return {
        "year": year, "rollup": rollup,
        "reorganisations": out,
        "outflows": outflows(backend, year, institution),
    }


def outflows(backend, year: int | None = None, institution: str = NDRC) -> dict:
    """Duties that left ``institution`` (with its departments and managed bureaus): per
    receiving body, the number of distinct duties, the transfers, and the giving departments."""
    s = snapshot(backend)
    members = family(backend, institution)
    inside = {institution} | {d for d, i in s.unit_of.items() if i == institution}
    receivers = defaultdict(lambda: {"duties": set(), "transfers": 0, "givers": Counter(), "events": set()})
    for rec in graphs.transfer_records(backend, year):
        if rec["from"] in members and rec["to"] not in inside:
            r = receivers[rec["to_institution"]]
            r["duties"].add(rec["duty"])
            r["transfers"] += 1
            r["givers"][rec["from"]] += 1
            r["events"].add(rec["event"])
    rows = sorted(({
        **_named(s, body), "duties": len(r["duties"]), "transfers": r["transfers"],
        "givers": [_named(s, b, transfers=n) for b, n in sorted(r["givers"].items())],
        "events": sorted(e for e in r["events"] if e),
    } for body, r in receivers.items()), key=lambda r: (-r["duties"], r["id"]))
    all_duties = set().union(*(r["duties"] for r in receivers.values())) if receivers else set()
    return {
        "institution": _named(s, institution), "year": year,
        "members": sorted(members), "receivers": rows, "receiver_count": len(rows),
        "duties": len(all_duties), "transfers": sum(r["transfers"] for r in rows),
    }


# ------------------------------------------------------------------ lineage


def lineage_report(backend, institution: str | None = None) -> dict:
    """Predecessor → successor links and, for each institution in them, its full lineage."""
    s = snapshot(backend)
    g = graphs.lineage_graph(backend)
    links = [{"from": _named(s, u), "to": _named(s, v), "date": d["date"], "event": d["event"],
              "event_names": d["event_names"]}
             for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[2]["date"] or "", e[0], e[1]))]
    chosen = [institution] if institution else sorted(g.nodes)
    lineages = {}
    for node in chosen:
        lin = graphs.lineage_of(g, node)
        lineages[node] = {
            **_named(s, node),
            "founding": g.nodes[node].get("founding") if node in g else None,
            "dissolution": g.nodes[node].get("dissolution") if node in g else None,
            "names": [_named(s, n, founding=g.nodes[n].get("founding"), dissolution=g.nodes[n].get("dissolution"))
                      if n in g else _named(s, n) for n in lin["main_line"]],
            "merged_in": [_named(s, n) for n in lin["merged_in"]],
            "split_off": [_named(s, n) for n in lin["split_off"]],
        }
    return {"links": links, "lineages": lineages}


# ------------------------------------------------------------------ organisation tree


def org_report(backend, on: str | None = None, root: str = NDRC) -> dict:
    """The institution on a date: its own duties, its departments with their duties, and the
    bureaus it manages (with how many duties each holds)."""
    s = snapshot(backend)
    on = on or today()
    g = graphs.org_tree(backend, on, root)

    def duties_of(body):
        return [{"id": d, "zh": g.nodes[d]["zh"], "en": g.nodes[d]["en"], "text": g.nodes[d]["text"],
                 "sources": g.nodes[d]["sources"]}
                for d in sorted(g.successors(body)) if g.nodes[d]["kind"] == "duty"]

    departments, bureaus = [], []
    for child in sorted(g.successors(root)):
        relation = g.edges[root, child]["relation"]
        if relation == "unit":
            departments.append({**_named(s, child), "duties": duties_of(child)})
        elif relation == "manages":
            bureaus.append({**_named(s, child), "duties": len(duties_of(child))})
    own = duties_of(root)
    total = {d for d, attrs in g.nodes(data=True) if attrs["kind"] == "duty"}
    # units the sources stop recording before the date: neither current nor abolished
    not_recorded = [{**_named(s, u), "not_recorded_after": after}
                    for u, after in sorted(g.graph.get("not_recorded", {}).items())]
    return {
        "on": on, "institution": _named(s, root),
        "counts": {"departments": len(departments), "bureaus": len(bureaus), "own_duties": len(own),
                   "department_duties": sum(len(d["duties"]) for d in departments),
                   "duties_in_tree": len(total)},
        "own_duties": own, "departments": departments, "bureaus": bureaus,
        "not_recorded": not_recorded,
    }


# ------------------------------------------------------------------ duty-domain view


def domains_report(backend, institution: str = NDRC, on: str | None = None, top: int = 10) -> dict:
    """Departments linked by shared responsibilities: centrality ranking and communities.

    Ranking: weighted degree (``strength``, the sum of link weights), then betweenness; also
    degree centrality. Communities: greedy modularity on the weighted graph.
    """
    s = snapshot(backend)
    g = graphs.domain_graph(backend, institution, on)
    strength = dict(g.degree(weight="weight"))
    degree = nx.degree_centrality(g) if len(g) > 1 else {n: 0.0 for n in g}
    betweenness = nx.betweenness_centrality(g) if len(g) > 2 else {n: 0.0 for n in g}
    ranking = sorted(g.nodes, key=lambda n: (-strength[n], -betweenness[n], n))
    centrality = [{
        "rank": i + 1, **_named(s, n), "strength": strength[n], "links": g.degree(n),
        "degree_centrality": round(degree[n], 4), "betweenness": round(betweenness[n], 4),
        "duties": g.nodes[n]["duties"], "domains": g.nodes[n]["domains"],
    } for i, n in enumerate(ranking)]
    communities = []
    if g.number_of_edges():
        parts = nx.community.greedy_modularity_communities(g, weight="weight")
    else:
        parts = [{n} for n in g.nodes]
    for part in sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p)):
        doms = Counter()
        for n in part:
            doms.update(g.nodes[n]["domains"])
        communities.append({
            "departments": [_named(s, n) for n in part],
            "duties": sum(g.nodes[n]["duties"] for n in part),
            "domains": [_named(s, d, duties=c) for d, c in sorted(doms.items(), key=lambda kv: (-kv[1], kv[0]))],
        })
    links = [{"a": u, "b": v, **d} for u, v, d in sorted(g.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1]))]
    return {
        "institution": _named(s, institution), "on": on,
        "departments": g.number_of_nodes(), "links": g.number_of_edges(),
        "components": nx.number_connected_components(g) if len(g) else 0,
        "centrality": centrality, "top": centrality[:top], "communities": communities,
        "edges": links,
    }


# ------------------------------------------------------------------ summary


def duties_held(backend, institution: str, on: str) -> list[str]:
    """Duties held on a date by the institution itself or one of its departments."""
    s = snapshot(backend)
    bodies = {institution} | {d for d, i in s.unit_of.items() if i == institution}
    return sorted({a["duty"] for a in s.assignments
                   if a["holder"] in bodies and held_on(a["start"], a["end"], on)})


def summary_report(backend, institution: str = NDRC, start: str = MANDATE_2008, end: str | None = None) -> dict:
    """How the institution's duties changed in number and domain between two dates (default:
    the 2008 mandate and today), and which reorganisations moved them."""
    s = snapshot(backend)
    end = end or today()
    before, after = duties_held(backend, institution, start), duties_held(backend, institution, end)

    def by_domain(duties):
        return Counter(dom for d in duties for dom in (s.duties.get(d, {}).get("domains") or ["(none)"]))

    db, da = by_domain(before), by_domain(after)
    domains = sorted(({**_named(s, d), "before": db[d], "after": da[d], "change": da[d] - db[d]}
                      for d in set(db) | set(da)), key=lambda r: (r["change"], -r["before"], r["id"]))
    inside = {institution} | {d for d, i in s.unit_of.items() if i == institution}
    events = defaultdict(lambda: {"out": set(), "in": set(), "to": Counter(), "from": Counter()})
    for rec in graphs.transfer_records(backend):
        if not rec["date"] or not (start < rec["date"] <= end):
            continue
        key = rec["event"] or rec["date"]
        if rec["from"] in inside and rec["to"] not in inside:
            events[key]["out"].add(rec["duty"])
            events[key]["to"][rec["to_institution"]] += 1
        if rec["to"] in inside and rec["from"] not in inside:
            events[key]["in"].add(rec["duty"])
            events[key]["from"][rec["from_institution"]] += 1
    changes = []
    for key, e in sorted(events.items(), key=lambda kv: (s.events.get(kv[0], {}).get("date") or kv[0])):
        changes.append({
            "event": key, **s.names(key), "date": s.events.get(key, {}).get("date"),
            "duties_out": len(e["out"]), "duties_in": len(e["in"]),
            "to": [_named(s, b, transfers=n) for b, n in sorted(e["to"].items())],
            "from": [_named(s, b, transfers=n) for b, n in sorted(e["from"].items())],
        })
    gone, new = sorted(set(before) - set(after)), sorted(set(after) - set(before))
    return {
        "institution": _named(s, institution), "start": start, "end": end,
        "duties_start": len(before), "duties_end": len(after), "change": len(after) - len(before),
        "domains": domains, "reorganisations": changes,
        "duties_gone": [{"id": d, **s.names(d)} for d in gone],
        "duties_new": [{"id": d, **s.names(d)} for d in new],
    }
