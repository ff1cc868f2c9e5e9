"""``govkg who``: which body held the duties matching a text on a date, with sources."""

from __future__ import annotations

from govkg.dates import parse_date
from govkg.errors import InputError
from govkg.holders import Assignment, assignments_of, transfers_of
from govkg.labels import DUTY_FIELDS, Graph, public_source, values_of
from govkg.search import find_duties, normalise_query
from govkg.sparql import Backend


def who(backend: Backend, text: str, on: str | None = None, limit: int = 10) -> dict:
    """Answer "who handles TEXT on DATE": the JSON-ready result of ``govkg who``."""
    if not text or not text.strip():
        raise InputError("the query is empty: say what duty to look for, e.g. 价格监督检查")
    if limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    day = parse_date(on)
    query = normalise_query(text)
    matches = find_duties(backend, query, limit)[: max(limit, 1) * 3]
    duty_iris = [d.iri for _, d in matches]
    assigned = assignments_of(backend, duty_iris)
    moves = transfers_of(backend, duty_iris)
    g = Graph(backend)
    fields = {}
    for row in backend.select(DUTY_FIELDS, values=values_of("duty", duty_iris)) if duty_iris else []:
        f = fields.setdefault(row["duty"].value, {})
        if "label" in row:
            f.setdefault("label_" + (row["label"].lang or "und")[:2], row["label"].value)
        if "text" in row:
            f.setdefault("text_zh", row["text"].value)
    holding = {d: [a for a in assigned.get(d, []) if a.holds_on(day)] for d in duty_iris}
    sources = g.sources([a.iri for d in duty_iris for a in holding[d]])
    mentioned = {x for d in duty_iris for a in assigned.get(d, []) for x in (a.holder, a.parent)}
    mentioned |= {x for d in duty_iris for t in moves[d] for x in (t["from"], t["to"], t["event"])}
    g.labels(mentioned)

    results = []
    for value, d in matches:
        f = fields.get(d.iri, {})
        duty = {"iri": d.iri, "label_zh": f.get("label_zh"), "label_en": f.get("label_en"),
                "text_zh": f.get("text_zh")}
        history = [{"date": t["date"], "event": (g.labels([t["event"]])[t["event"]].get("zh") if t["event"] else None),
                    "event_iri": t["event"], "from": g.ref(t["from"]), "to": g.ref(t["to"])}
                   for t in moves[d.iri]]
        base = {"duty": duty, "history": history, "score": value}
        if holding[d.iri]:
            for a in holding[d.iri]:
                holder = g.ref(a.holder)
                holder["kind"] = a.kind
                holder["parent"] = g.ref(a.parent)
                passages = sources.get(a.iri, [])
                results.append({**base, "status": "held", "holder": holder,
                                "interval": {"from": a.start, "to": a.end},
                                "source": public_source(passages[0]) if passages else None,
                                "sources": [public_source(p) for p in passages]})
        else:
            results.append({**base, "status": "not held", "holder": None, "interval": None, "source": None,
                            "sources": [], "note": _why_not_held(assigned.get(d.iri, []), day, g)})
        if len(results) >= limit:
            break
    return {"query": text, "normalised_query": query, "on": day, "results": results[:limit]}


def _why_not_held(assigned: list[Assignment], day: str, g: Graph) -> str:
    if not assigned:
        return "the graph records no holder of this duty"
    starts = [a.start for a in assigned if a.start]
    ends = [a.end for a in assigned if a.end]
    if starts and all(a.start and a.start > day for a in assigned):
        return f"nobody held this duty on {day}: it was first assigned on {min(starts)}"
    if ends and all(a.end and a.end <= day for a in assigned):
        last = max(assigned, key=lambda a: a.end or "")
        name = g.labels([last.holder])[last.holder].get("zh") or last.holder
        return f"nobody held this duty on {day}: it was last held by {name} until {max(ends)}"
    return f"nobody held this duty on {day}"
