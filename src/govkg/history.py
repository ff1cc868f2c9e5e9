"""``govkg history``: the timeline of a body or the lineage of a duty, resolved by exact name."""

from __future__ import annotations

import re

from govkg.errors import InputError, NoExactMatch
from govkg.holders import assignments_of, transfers_of
from govkg.labels import DUTY_FIELDS, Graph, public_source, values_of
from govkg.namespaces import expand_curie
from govkg.qualifiers import acts_of, public, qualifiers, shown_start
from govkg.search.text import exact_form
from govkg.sparql import Backend, iri, literal

GK = "https://w3id.org/govkg/def#"

RESOLVE = """
SELECT DISTINCT ?x ?type WHERE {
  { ?x skos:prefLabel ?label } UNION { ?x skos:altLabel ?label } UNION { ?x gk:abbreviation ?label }
  ?x a ?type . FILTER (?type IN (gk:Institution, gk:Department, gk:Role, gk:Duty))
  FILTER (LCASE(STR(?label)) = LCASE(?name))  # ?name is lower-case already; Virtuoso needs both sides LCASEd to compare CJK text
}
"""

RESOLVE_PARTIAL = """
SELECT DISTINCT ?x ?type ?label WHERE {
  { ?x skos:prefLabel ?label } UNION { ?x gk:abbreviation ?label }
  ?x a ?type . FILTER (?type IN (gk:Institution, gk:Department, gk:Role, gk:Duty))
  FILTER (CONTAINS(LCASE(STR(?label)), ?name))
}
"""

TYPE_OF = "SELECT ?type WHERE { ?x a ?type . FILTER (?type IN (gk:Institution, gk:Department, gk:Role, gk:Duty)) }"

BODY_FACTS = """
SELECT ?p ?o WHERE {
  ?x ?p ?o .
  FILTER (?p IN (gk:foundingDate, gk:dissolutionDate, gk:predecessor, gk:successor, gk:managedBy,
                 org:unitOf, org:hasUnit, skos:exactMatch, gk:abbreviation, org:subOrganizationOf))
}
"""

BODY_EVENTS = """
SELECT ?event ?date ?role WHERE {
  { ?event org:originalOrganization ?x . BIND("original" AS ?role) }
  UNION { ?event org:resultingOrganization ?x . BIND("resulting" AS ?role) }
  ?event gk:date ?date .
}
"""

BODY_TRANSFERS = """
SELECT ?t ?duty ?date ?from ?to ?event ?direction WHERE {
  { ?t gk:transferredFrom ?x . BIND("lost" AS ?direction) }
  UNION { ?t gk:transferredTo ?x . BIND("gained" AS ?direction) }
  UNION { ?unit org:unitOf ?x . ?t gk:transferredFrom ?unit . BIND("lost" AS ?direction) }
  UNION { ?unit org:unitOf ?x . ?t gk:transferredTo ?unit . BIND("gained" AS ?direction) }
  ?t a gk:DutyTransfer ; gk:duty ?duty ; gk:date ?date ; gk:transferredFrom ?from ; gk:transferredTo ?to .
  OPTIONAL { ?t gk:partOfReorganisation ?event }
}
"""

MANAGED = "SELECT ?bureau WHERE { ?bureau gk:managedBy ?x }"

HOLDINGS_OF = """
SELECT ?a ?duty ?start ?end WHERE {
  ?a gk:holder ?x ; a gk:DutyAssignment ; gk:duty ?duty .
  OPTIONAL { ?a gk:startDate ?start } OPTIONAL { ?a gk:endDate ?end }
}
"""


def resolve(backend: Backend, name: str) -> tuple[str, str]:
    """(IRI, kind) of a body or duty named by IRI, CURIE, zh/en label or abbreviation."""
    if not name or not name.strip():
        raise InputError("the name is empty: give an institution, department or duty (e.g. 发改委, NDRC, inst:ndrc)")
    name = name.strip()
    candidate = expand_curie(name) or (name if re.match(r"^https?://", name) else None)
    if candidate:
        rows = backend.select(TYPE_OF, {"x": iri(candidate)})
        if not rows:
            raise InputError(f"{name}: no institution, department, role or duty has this IRI")
        return candidate, _kind(rows)
    wanted = exact_form(name)
    rows = backend.select(RESOLVE, {"name": literal(wanted)})
    found: dict[str, list] = {}
    for row in rows:
        found.setdefault(row["x"].value, []).append(row)
    if len(found) == 1:
        (x, rs), = found.items()
        return x, _kind(rs)
    if len(found) > 1:
        bodies = [x for x, rs in found.items() if _kind(rs) != "duty"]
        if len(bodies) == 1:
            return bodies[0], _kind(found[bodies[0]])
        raise InputError(f"{name}: ambiguous, it names {len(found)} entries: " + ", ".join(sorted(found)[:6]))
    # never a fuzzy answer: a name that is not exact lists what it might mean, and nothing is shown
    partial = backend.select(RESOLVE_PARTIAL, {"name": literal(wanted)})
    options: dict[str, str] = {}
    for row in partial:
        options.setdefault(row["x"].value, row["label"].value)
    shown = sorted(set(options.values()), key=lambda label: (len(label), label))[:8]
    printable = _printable(name)
    if shown:
        raise NoExactMatch(f"{printable}: no institution, department or duty has exactly this name; "
                           f"candidates: " + ", ".join(shown))
    raise NoExactMatch(f"{printable}: no institution, department or duty has this name (try a zh or en label, "
                       "an abbreviation such as 发改委 or NDRC, or an IRI such as inst:ndrc)")


def _printable(name: str) -> str:
    """The name as it may be echoed in a one-line message: control characters escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def _kind(rows) -> str:
    types = {r["type"].value for r in rows}
    for t, k in ((GK + "Department", "department"), (GK + "Institution", "institution"),
                 (GK + "Role", "role"), (GK + "Duty", "duty")):
        if t in types:
            return k
    return "institution"


def history(backend: Backend, name: str) -> dict:
    """The timeline of a body, or the lineage of a duty: the JSON of ``govkg history``."""
    x, kind = resolve(backend, name)
    g = Graph(backend)
    if kind == "duty":
        return _duty_history(backend, g, x)
    return _body_history(backend, g, x, kind)


def _duty_history(backend: Backend, g: Graph, x: str) -> dict:
    assigned = assignments_of(backend, [x])[x]
    moves = transfers_of(backend, [x])[x]
    g.labels({a.holder for a in assigned} | {a.parent for a in assigned if a.parent}
             | {t["event"] for t in moves if t["event"]} | {x})
    sources = g.sources([a.iri for a in assigned] + [t["iri"] for t in moves] + [x])
    fields = {}
    for row in backend.select(DUTY_FIELDS, {"duty": iri(x)}):
        if "text" in row:
            fields["text_zh"] = row["text"].value
    quals = qualifiers(backend, [a.iri for a in assigned] + [t["iri"] for t in moves])
    holders = []
    for a in sorted(assigned, key=lambda a: (a.start or "0000", a.end or "9999", a.holder)):
        holder = g.ref(a.holder)
        holder["kind"] = a.kind
        holder["parent"] = g.ref(a.parent)
        holders.append({"holder": holder, "from": a.start, "to": a.end,
                        "from_shown": shown_start(a.start, quals[a.iri]), **public(quals[a.iri]),
                        "sources": [public_source(p) for p in sources.get(a.iri, [])]})
    transfers = [{"date": t["date"], "event": g.labels([t["event"]])[t["event"]].get("zh") if t["event"] else None,
                  "event_iri": t["event"], "from": g.ref(t["from"]), "to": g.ref(t["to"]),
                  "inferred": bool(quals[t["iri"]].get("inferred")),
                  "inference_basis": quals[t["iri"]].get("inference_basis"),
                  "sources": [public_source(p) for p in sources.get(t["iri"], [])]} for t in moves]
    entity = {**g.ref(x), "kind": "duty", **fields,
              "sources": [public_source(p) for p in sources.get(x, [])]}
    timeline = sorted(
        [{"date": h["from"], "what": "assigned", "to": h["holder"]} for h in holders if h["from"]]
        + [{"date": t["date"], "what": "transferred", "from": t["from"], "to": t["to"], "event": t["event"]}
           for t in transfers], key=lambda e: e["date"])
    return {"entity": entity, "holders": holders, "transfers": transfers, "timeline": timeline,
            "acts": acts_of(backend, x, g)}


def _body_history(backend: Backend, g: Graph, x: str, kind: str) -> dict:
    facts: dict[str, list[str]] = {}
    for row in backend.select(BODY_FACTS, {"x": iri(x)}):
        facts.setdefault(row["p"].value.split("#")[-1].split("/")[-1], []).append(row["o"].value)
    events = sorted({(r["date"].value, r["event"].value, r["role"].value)
                     for r in backend.select(BODY_EVENTS, {"x": iri(x)})})
    seen = set()
    moves = []
    for r in backend.select(BODY_TRANSFERS, {"x": iri(x)}):
        key = (r["t"].value, r["direction"].value)
        if key in seen:
            continue
        seen.add(key)
        moves.append({"date": r["date"].value, "direction": r["direction"].value, "duty": r["duty"].value,
                      "from": r["from"].value, "to": r["to"].value,
                      "event": r["event"].value if "event" in r else None})
    moves.sort(key=lambda m: (m["date"], m["direction"], m["duty"], m["from"], m["to"]))
    managed = sorted(r["bureau"].value for r in backend.select(MANAGED, {"x": iri(x)}))
    holdings = backend.select(HOLDINGS_OF, {"x": iri(x)})
    units = sorted(set(facts.get("hasUnit", [])))
    g.labels({x, *managed, *units, *(m for mv in moves for m in (mv["duty"], mv["from"], mv["to"], mv["event"])),
              *(e[1] for e in events), *(v for k in ("predecessor", "successor", "managedBy", "unitOf",
                                                       "subOrganizationOf") for v in facts.get(k, []))})
    entity = {**g.ref(x), "kind": kind,
              "abbreviations": sorted(facts.get("abbreviation", [])),
              "wikidata": sorted(facts.get("exactMatch", []))}
    founded = min(facts.get("foundingDate", []), default=None)
    dissolved = min(facts.get("dissolutionDate", []), default=None)
    timeline = []
    if founded:
        timeline.append({"date": founded, "what": "founded"})
    for date, event, role in events:
        timeline.append({"date": date, "what": "reorganised" if role == "original" else "resulted from",
                         "event": g.ref(event)})
    for m in moves:
        timeline.append({"date": m["date"], "what": f"duty {m['direction']}", "duty": g.ref(m["duty"]),
                         "from": g.ref(m["from"]), "to": g.ref(m["to"]), "event": g.ref(m["event"])})
    if dissolved:
        timeline.append({"date": dissolved, "what": "dissolved"})
    silent_after = qualifiers(backend, [x])[x].get("not_recorded_after")
    if silent_after:  # the sources stop here: neither current nor abolished
        timeline.append({"date": silent_after, "what": "not recorded after"})
    order = {"founded": 0, "resulted from": 1, "reorganised": 2, "duty lost": 3, "duty gained": 4, "dissolved": 5,
             "not recorded after": 6}
    timeline.sort(key=lambda e: (e["date"], order.get(e["what"], 9)))
    return {
        "entity": entity,
        "founded": founded,
        "dissolved": dissolved,
        "not_recorded_after": silent_after,
        "predecessors": [g.ref(p) for p in sorted(facts.get("predecessor", []))],
        "successors": [g.ref(s) for s in sorted(facts.get("successor", []))],
        "lineage": lineage(backend, g, x),
        "parent": g.ref(next(iter(facts.get("unitOf", [])), None)),
        "managed_by": [g.ref(m) for m in sorted(facts.get("managedBy", []))],
        "manages": [g.ref(m) for m in managed],
        "departments": [g.ref(u) for u in units],
        "duties_held_now": sum(1 for r in holdings if "end" not in r),
        "duties_gained": [m for m in timeline if m["what"] == "duty gained"],
        "duties_lost": [m for m in timeline if m["what"] == "duty lost"],
        "timeline": timeline,
    }


LINEAGE = """
SELECT ?a ?b WHERE { { ?a gk:successor ?b } UNION { ?b gk:predecessor ?a } }
"""


def lineage(backend: Backend, g: Graph, x: str) -> list[dict]:
    """The chain of names of an institution: predecessors in order, itself, successors."""
    links = [(r["a"].value, r["b"].value) for r in backend.select(LINEAGE)]
    succ: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    for a, b in links:
        succ.setdefault(a, []).append(b)
        pred.setdefault(b, []).append(a)
    chain = [x]
    seen = {x}
    # walk back: where a body had several predecessors (a merger), follow the one with the
    # earliest known founding date — the body that was renamed, not the ones merged in
    while True:
        options = sorted(set(pred.get(chain[0], [])) - seen)
        if not options:
            break
        dated = _founding_dates(backend, options) if len(options) > 1 else {}
        nxt = min(options, key=lambda p: (dated.get(p) or "9999", p))
        chain.insert(0, nxt)
        seen.add(nxt)
    while len(set(succ.get(chain[-1], [])) - seen) == 1:
        nxt = next(iter(set(succ[chain[-1]]) - seen))
        chain.append(nxt)
        seen.add(nxt)
    dates = _founding_dates(backend, chain)
    g.labels(chain)
    return [{**g.ref(c), "founded": dates.get(c)} for c in chain]


def _founding_dates(backend: Backend, iris: list[str]) -> dict[str, str]:
    rows = backend.select("SELECT ?x ?d WHERE { ?x gk:foundingDate ?d }", values=values_of("x", list(iris)))
    return {r["x"].value: r["d"].value for r in rows}
