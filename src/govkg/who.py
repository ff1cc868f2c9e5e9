"""``govkg who``: which body held the duties matching a text on a date, with sources."""

from __future__ import annotations

from govkg.dates import parse_date
from govkg.errors import InputError
from govkg.labels import public_source
from govkg.search import ANSWER_COVERAGE, normalise_query, rank
from govkg.who_facts import SparqlFacts, StoredFacts

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms on every `who`)
if TYPE_CHECKING:
    from govkg.holders import Assignment
    from govkg.sparql import Backend

ENGINES = ("bm25", "matcher")
NOT_NAMED_NOTE = "the source names no responsible body for this duty (gk:notStated gk:holder)"


def who(backend: Backend, text: str, on: str | None = None, limit: int = 10, engine: str = "bm25") -> dict:
    """Answer "who handles TEXT on DATE": the JSON-ready result of ``govkg who``.

    Duties are ranked by the search engine; rows of duties held on the date come before rows of
    duties nobody held then (a duty that matches well but had no holder yet is still shown, after
    them). When even the best duty holds less than :data:`govkg.search.ANSWER_COVERAGE` of the
    query's terms, the result says ``"match": "closest"``: these are the closest matches, not
    answers. ``engine="matcher"`` uses the old substring matcher (for bench/search_eval.py).
    """
    if not text or not text.strip():
        raise InputError("the query is empty: say what duty to look for, e.g. 价格监督检查")
    if limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    if engine not in ENGINES:
        raise InputError(f"unknown search engine {engine!r} (one of {', '.join(ENGINES)})")
    day = parse_date(on)
    if engine == "matcher":
        from govkg.search import matcher

        query = matcher.normalise_query(text)
        matches = [(value, d.iri, None) for value, d in matcher.find_duties(backend, query, limit)[:limit * 3]]
    else:
        query = normalise_query(text)
        matches = [(h.score, h.iri, h.coverage) for h in rank(backend, text, limit * 3)]
    best_coverage = max((c for _, _, c in matches if c is not None), default=None)
    closest = engine != "matcher" and (best_coverage is None or best_coverage < ANSWER_COVERAGE)
    duty_iris = [d for _, d, _ in matches]
    facts = facts_of(backend)
    assigned = facts.assignments(duty_iris)
    holding = {d: [a for a in assigned.get(d, []) if a.holds_on(day)] for d in duty_iris}
    # The rows to show, decided from the assignments alone (one row per holder on the date, or
    # one "not held" row); everything else is fetched for the shown duties only.
    rows: list[dict] = []
    for match in matches:
        rows += [{"status": "held" if a else "not held", "match": match, "assignment": a}
                 for a in holding[match[1]] or [None]]
        if engine == "matcher" and len(rows) >= limit:
            break
    rows = (rows if engine == "matcher" else held_first(rows, limit))[:limit]
    shown = list(dict.fromkeys(r["match"][1] for r in rows))
    moves = facts.transfers(shown)
    fields = facts.fields(shown)
    silent = facts.silent(shown)
    sources = facts.sources([r["assignment"].iri for r in rows if r["assignment"]])
    mentioned = {x for d in shown for a in assigned.get(d, []) for x in (a.holder, a.parent)}
    mentioned |= {x for d in shown for t in moves[d] for x in (t["from"], t["to"], t["event"])}
    facts.labels(mentioned)  # one lookup for every name the rows show

    results = []
    for row in rows:
        value, iri_, coverage = row["match"]
        f = fields.get(iri_, {})
        duty = {"iri": iri_, "label_zh": f.get("label_zh"), "label_en": f.get("label_en"),
                "text_zh": f.get("text_zh")}
        history = [{"date": t["date"], "event": facts.labels([t["event"]])[t["event"]].get("zh") if t["event"] else None,
                    "event_iri": t["event"], "from": facts.ref(t["from"]), "to": facts.ref(t["to"])}
                   for t in moves[iri_]]
        base = {"duty": duty, "history": history, "score": value}
        if coverage is not None:
            base["coverage"] = coverage
        a = row["assignment"]
        if a is not None:
            holder = facts.ref(a.holder)
            holder["kind"] = a.kind
            holder["parent"] = facts.ref(a.parent)
            passages = sources.get(a.iri, [])
            results.append({**base, "status": "held", "holder": holder,
                            "interval": {"from": a.start, "to": a.end},
                            "source": public_source(passages[0]) if passages else None,
                            "sources": [public_source(p) for p in passages]})
        else:
            results.append({**base, "status": "not held", "holder": None, "interval": None, "source": None,
                            "sources": [], "note": NOT_NAMED_NOTE if iri_ in silent and not assigned.get(iri_)
                            else _why_not_held(assigned.get(iri_, []), day, facts)})
    return {"query": text, "normalised_query": query, "on": day,
            "match": "closest" if closest and results else ("answers" if results else "none"),
            "results": results}


def facts_of(backend: Backend) -> SparqlFacts | StoredFacts:
    """Where the answer's facts come from: the search index when it stored them (an embedded
    cache: no store opened, no SPARQL), else the backend itself (an endpoint, ``--graph``, no cache)."""
    from govkg.search.cache import search_engine

    stored = search_engine(backend).facts()
    return stored if stored is not None else SparqlFacts(backend)


def held_first(rows: list[dict], limit: int) -> list[dict]:
    """Rows of duties held on the date before rows of duties nobody held then, each in rank order;
    an unheld row that ranked within ``limit`` is kept (after the held ones), never pushed out.
    (Decided before the rows are filled in: only the rows shown are fetched in full.)"""
    unheld = [r for r in rows[:limit] if r["status"] != "held"]
    held = [r for r in rows if r["status"] == "held"]
    return held[:limit - len(unheld)] + unheld


def _why_not_held(assigned: list[Assignment], day: str, facts) -> str:
    if not assigned:
        return "the graph records no holder of this duty"
    starts = [a.start for a in assigned if a.start]
    ends = [a.end for a in assigned if a.end]
    if starts and all(a.start and a.start > day for a in assigned):
        # the sources describe this duty from its first assignment on; before it they are silent
        return f"no holder recorded before the sources begin ({min(starts)})"
    if ends and all(a.end and a.end <= day for a in assigned):
        last = max(assigned, key=lambda a: a.end or "")
        name = facts.labels([last.holder])[last.holder].get("zh") or last.holder
        return f"nobody held this duty on {day}: it was last held by {name} until {max(ends)}"
    return f"nobody held this duty on {day}"
