"""Who handles what: find duties by text, say who held them on a date, and trace their moves.

Everything here reads through a :class:`govkg.sparql.Backend`, so it runs unchanged on the
embedded store and on a remote SPARQL endpoint. User text reaches SPARQL only as bound
literals (VALUES blocks built from escaped terms).

Matching: the query is converted to mainland simplified Chinese with OpenCC (``tw2sp``:
traditional characters and Taiwan phrasing), lower-cased for English, and compared with each
duty's labels, aliases and canonical text. A whole-phrase match in a short label beats one
in a long text, which beats words scattered through the text (see :func:`score`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govkg.chinese import to_mainland
from govkg.dates import parse_date
from govkg.errors import InputError
from govkg.namespaces import expand_curie
from govkg.search_index import ALL_DUTY_TEXTS, duty_index
from govkg.sparql import Backend, EmbeddedBackend, Term, iri, literal

GK = "https://w3id.org/govkg/def#"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
KINDS = {GK + "Institution": "institution", GK + "Department": "department", GK + "Role": "role"}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


# ------------------------------------------------------------------ input


def normalise_query(text: str) -> str:
    """Mainland simplified, lower-case, single-spaced form of a user's query."""
    text = " ".join(text.split())
    if _CJK.search(text):
        text = to_mainland(text)
    return text.lower()


def tokens(query: str) -> list[str]:
    return query.split()


def bigrams(query: str) -> list[str]:
    """Character bigrams of the Chinese runs of the query (for scattered matches)."""
    grams: list[str] = []
    for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", query):
        grams += [run[i:i + 2] for i in range(len(run) - 1)] or [run]
    return list(dict.fromkeys(grams))


# ------------------------------------------------------------------ scoring


@dataclass
class DutyText:
    """The searchable texts of one duty."""

    iri: str
    labels: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def _ratio(part: str, whole: str) -> float:
    return len(part) / max(len(whole), 1)


def score(query: str, duty: DutyText) -> float:
    """How well a duty matches, 0..1 (0: not a match); see :func:`_score`.

    Chinese is written without spaces, so "政府购买服务 审计" is also tried as the phrase
    "政府购买服务审计" (a phrase found that way ranks just below the same phrase typed whole).
    """
    best = _score(query, duty)
    joined = joined_phrase(query)
    if joined:
        best = max(best, round(_score(joined, duty) * 0.98, 3))
    return best


def joined_phrase(query: str) -> str | None:
    """The query without its spaces, when it is Chinese words typed apart; else None."""
    words = tokens(query)
    if len(words) > 1 and all(_CJK.search(w) for w in words):
        return "".join(words)
    return None


def _score(query: str, duty: DutyText) -> float:
    """How well a duty matches ``query`` as typed, 0..1 (0: not a match).

    1.0 is the query as a whole label; a whole phrase inside a label scores 0.8-1.0 by how much
    of the label it covers, inside an alias 0.75-0.9, inside the canonical text 0.6-0.75; all
    query words present but apart 0.4-0.55; otherwise, for Chinese, the share of the query's
    character bigrams found (at least 70 %) times 0.45.
    """
    labels = [t.lower() for t in duty.labels]
    aliases = [t.lower() for t in duty.aliases]
    texts = [t.lower() for t in duty.texts]
    if any(query == t for t in labels):
        return 1.0
    best = 0.0
    for t in labels:
        if query in t:
            best = max(best, 0.8 + 0.2 * _ratio(query, t))
    for t in aliases:
        if query in t:
            best = max(best, 0.75 + 0.15 * _ratio(query, t))
    for t in texts:
        if query in t:
            best = max(best, 0.6 + 0.15 * _ratio(query, t))
    if best:
        return round(best, 3)
    words = tokens(query)
    everything = labels + aliases + texts
    if len(words) > 1:
        for t in everything:
            if all(w in t for w in words):
                in_label = any(all(w in lab for w in words) for lab in labels)
                best = max(best, 0.55 if in_label else 0.4 + 0.1 * min(1.0, 40 / max(len(t), 1)))
        if best:
            return round(best, 3)
    grams = bigrams(query)
    if len(grams) >= 2:
        joined = " ".join(everything)
        found = sum(1 for g in grams if g in joined)
        coverage = found / len(grams)
        if coverage >= 0.7:
            return round(0.45 * coverage, 3)
    return 0.0


# ------------------------------------------------------------------ queries

#: Duties containing the whole phrase ?q, ranked in the store by the same rule as :func:`score`
#: (field weight, then how much of the field the phrase covers), so only the best few are fetched.
PHRASE_CANDIDATES = """
SELECT ?duty (MAX(?s) AS ?rank) WHERE {
  ?duty a gk:Duty .
  { ?duty skos:prefLabel ?text . BIND(0.8 AS ?base) BIND(0.2 AS ?span) }
  UNION { ?duty skos:altLabel ?text . BIND(0.75 AS ?base) BIND(0.15 AS ?span) }
  UNION { ?duty gk:canonicalText ?text . BIND(0.6 AS ?base) BIND(0.15 AS ?span) }
  BIND (LCASE(STR(?text)) AS ?lower)
  FILTER (CONTAINS(?lower, ?q))
  BIND (?base + ?span * STRLEN(?q) / STRLEN(?lower) AS ?s)
} GROUP BY ?duty ORDER BY DESC(?rank) ?duty
"""

#: Duties whose fields contain at least ?need of the ?term values (words or character bigrams).
TERM_CANDIDATES = """
SELECT ?duty (COUNT(DISTINCT ?term) AS ?hits) WHERE {
  ?duty a gk:Duty .
  { ?duty skos:prefLabel ?text } UNION { ?duty skos:altLabel ?text } UNION { ?duty gk:canonicalText ?text }
  FILTER (CONTAINS(LCASE(STR(?text)), ?term))
} GROUP BY ?duty ?need HAVING (COUNT(DISTINCT ?term) >= ?need) ORDER BY DESC(?hits) ?duty
"""

ASSIGNMENTS = """
SELECT ?duty ?a ?holder ?start ?end ?type ?parent WHERE {
  ?a gk:duty ?duty ; a gk:DutyAssignment ; gk:holder ?holder .
  OPTIONAL { ?a gk:startDate ?start }
  OPTIONAL { ?a gk:endDate ?end }
  OPTIONAL { ?holder a ?type . FILTER (?type IN (gk:Institution, gk:Department, gk:Role)) }
  OPTIONAL { ?holder org:unitOf ?parent }
}
"""

TRANSFERS = """
SELECT ?duty ?t ?date ?from ?to ?event WHERE {
  ?t gk:duty ?duty ; a gk:DutyTransfer ; gk:date ?date ; gk:transferredFrom ?from ; gk:transferredTo ?to .
  OPTIONAL { ?t gk:partOfReorganisation ?event }
}
"""

SOURCES = """
SELECT ?x ?passage ?quote ?locator ?doc ?docLabel ?line WHERE {
  ?x gk:source ?passage .
  OPTIONAL { ?passage gk:quote ?quote }
  OPTIONAL { ?passage gk:locator ?locator }
  OPTIONAL { ?passage gk:line ?line }
  OPTIONAL { ?passage gk:inDocument ?doc . OPTIONAL { ?doc skos:prefLabel ?docLabel . FILTER (LANG(?docLabel) = "en") } }
}
"""

LABELS = """
SELECT ?x ?label WHERE { ?x skos:prefLabel ?label }
"""

DUTY_FIELDS = """
SELECT ?duty ?label ?text WHERE {
  OPTIONAL { ?duty skos:prefLabel ?label }
  OPTIONAL { ?duty gk:canonicalText ?text }
}
"""


def _rows(values_var: str, iris: list[str]):
    return ([values_var], [[Term("uri", i)] for i in iris])


class Graph:
    """Cached lookups of labels, sources and the like over one backend."""

    def __init__(self, backend: Backend):
        self.backend = backend
        self._labels: dict[str, dict[str, str]] = {}

    def labels(self, iris) -> dict[str, dict[str, str]]:
        """IRI -> {'zh': …, 'en': …} for the given IRIs (fetched once)."""
        missing = sorted({i for i in iris if i and i not in self._labels})
        for i in missing:
            self._labels[i] = {}
        if missing:
            for row in self.backend.select(LABELS, values=_rows("x", missing)):
                lab = row["label"]
                lang = (lab.lang or "").split("-")[0] or "und"
                self._labels[row["x"].value].setdefault(lang, lab.value)
        return {i: self._labels.get(i, {}) for i in iris if i}

    def ref(self, iri_: str | None, with_en: bool = True) -> dict | None:
        if not iri_:
            return None
        lab = self.labels([iri_])[iri_]
        out = {"iri": iri_, "label_zh": lab.get("zh"), "label_en": lab.get("en")}
        if not with_en:
            out.pop("label_en")
        return out

    def sources(self, iris) -> dict[str, list[dict]]:
        """IRI -> its source passages [{document, locator, quote, line}], in line order."""
        iris = sorted(set(iris))
        out: dict[str, list[dict]] = {i: [] for i in iris}
        if not iris:
            return out
        for row in self.backend.select(SOURCES, values=_rows("x", iris)):
            doc = row.get("doc")
            out[row["x"].value].append({
                "passage": row["passage"].value,
                "document": (row["docLabel"].value if "docLabel" in row else (doc.value if doc else None)),
                "document_iri": doc.value if doc else None,
                "locator": row["locator"].value if "locator" in row else None,
                "quote": row["quote"].value if "quote" in row else None,
                "line": int(row["line"].value) if "line" in row else None,
            })
        for passages in out.values():
            # source-document passages in line order first, then the reference notes
            passages.sort(key=lambda p: (p["line"] is None, p["line"] or 0, p["passage"]))
        return out


# ------------------------------------------------------------------ who


def find_duties(backend: Backend, query: str, limit: int) -> list[tuple[float, DutyText]]:
    """Duties matching ``query`` (already normalised), best first.

    Candidates come from the duty index beside the embedded store's cache (a flat scan in
    Python, milliseconds on a national graph) or, on a remote endpoint, from the server, which
    filters and pre-ranks so only the best few are sent; :func:`score` then ranks them exactly.
    Words apart and scattered Chinese bigrams are only looked for when the whole phrase finds
    fewer than ``limit`` duties.
    """
    wanted = max(limit, 1) * 3
    words, grams = tokens(query), bigrams(query)
    searches = []
    if len(words) > 1:
        searches.append((words, len(words)))
    if len(grams) >= 2:
        searches.append((grams, -(-len(grams) * 7 // 10)))  # at least 70 % of the bigrams
    phrases = [query] + ([joined_phrase(query)] if joined_phrase(query) else [])
    if isinstance(backend, EmbeddedBackend):
        texts = _candidates_from_index(duty_index(backend), phrases, searches, limit, wanted)
    else:
        texts = _candidates_from_sparql(backend, phrases, searches, limit, wanted)
    scored = [(score(query, d), d) for d in texts.values()]
    scored = [(value, d) for value, d in scored if value > 0]
    scored.sort(key=lambda sd: (-sd[0], min((len(t) for t in sd[1].labels), default=999), sd[1].iri))
    return scored


def _candidates_from_index(index, phrases, searches, limit, wanted) -> dict[str, DutyText]:
    candidates: list[str] = []
    for phrase in phrases:
        candidates += [d for d in index.phrase_candidates(phrase)[:wanted] if d not in candidates]
    for terms, need in searches:
        if len(candidates) >= limit:
            break
        candidates += [d for d in index.term_candidates(terms, need)[:wanted] if d not in candidates]
    return {d: DutyText(d, f.get("label", []), f.get("alias", []), f.get("text", []))
            for d, f in index.texts_of(candidates).items()}


def _candidates_from_sparql(backend, phrases, searches, limit, wanted) -> dict[str, DutyText]:
    """The same candidates as the index gives, found by the (remote) store itself."""
    candidates: list[str] = []

    def add(rows):
        for row in rows:
            if row["duty"].value not in candidates:
                candidates.append(row["duty"].value)

    for phrase in phrases:
        add(backend.select(PHRASE_CANDIDATES, {"q": literal(phrase)})[:wanted])
    for terms, need in searches:
        if len(candidates) >= limit:
            break
        rows = backend.select(TERM_CANDIDATES, {"need": literal(str(need), datatype=XSD_INTEGER)},
                              values=(["term"], [[literal(t)] for t in terms]))
        add(rows[:wanted])
    texts: dict[str, DutyText] = {}
    if candidates:
        for row in backend.select(ALL_DUTY_TEXTS, values=_rows("duty", candidates)):
            d = texts.setdefault(row["duty"].value, DutyText(row["duty"].value))
            bucket = {"label": d.labels, "alias": d.aliases, "text": d.texts}[row["field"].value]
            if row["text"].value not in bucket:
                bucket.append(row["text"].value)
    return texts


@dataclass
class Assignment:
    iri: str
    duty: str
    holder: str
    start: str | None
    end: str | None
    kind: str
    parent: str | None

    def holds_on(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def assignments_of(backend: Backend, duties: list[str]) -> dict[str, list[Assignment]]:
    out: dict[str, dict[str, Assignment]] = {d: {} for d in duties}
    if not duties:
        return {}
    for row in backend.select(ASSIGNMENTS, values=_rows("duty", duties)):
        a = out[row["duty"].value].get(row["a"].value)
        kind = KINDS.get(row["type"].value) if "type" in row else None
        if a is None:
            a = Assignment(row["a"].value, row["duty"].value, row["holder"].value,
                           row["start"].value if "start" in row else None,
                           row["end"].value if "end" in row else None,
                           kind or "institution", row["parent"].value if "parent" in row else None)
            out[row["duty"].value][a.iri] = a
        elif kind == "department" or (kind and a.kind == "institution" and kind != "institution"):
            a.kind = kind
    return {d: sorted(v.values(), key=lambda a: (a.start or "", a.iri)) for d, v in out.items()}


def transfers_of(backend: Backend, duties: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {d: [] for d in duties}
    if not duties:
        return out
    seen = set()
    for row in backend.select(TRANSFERS, values=_rows("duty", duties)):
        if row["t"].value in seen:
            continue
        seen.add(row["t"].value)
        out[row["duty"].value].append({
            "iri": row["t"].value,
            "date": row["date"].value,
            "from": row["from"].value,
            "to": row["to"].value,
            "event": row["event"].value if "event" in row else None,
        })
    for moves in out.values():
        moves.sort(key=lambda t: (t["date"], t["from"], t["to"]))
    return out


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
    for row in backend.select(DUTY_FIELDS, values=_rows("duty", duty_iris)) if duty_iris else []:
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
                                "source": _public_source(passages[0]) if passages else None,
                                "sources": [_public_source(p) for p in passages]})
        else:
            results.append({**base, "status": "not held", "holder": None, "interval": None, "source": None,
                            "sources": [], "note": _why_not_held(assigned.get(d.iri, []), day, g)})
        if len(results) >= limit:
            break
    return {"query": text, "normalised_query": query, "on": day, "results": results[:limit]}


def _public_source(p: dict) -> dict:
    return {"document": p["document"], "locator": p["locator"], "quote": p["quote"]}


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


# ------------------------------------------------------------------ history

RESOLVE = """
SELECT DISTINCT ?x ?type WHERE {
  { ?x skos:prefLabel ?label } UNION { ?x skos:altLabel ?label } UNION { ?x gk:abbreviation ?label }
  ?x a ?type . FILTER (?type IN (gk:Institution, gk:Department, gk:Role, gk:Duty))
  FILTER (LCASE(STR(?label)) = ?name)
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
    wanted = normalise_query(name)
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
    partial = backend.select(RESOLVE_PARTIAL, {"name": literal(wanted)})
    options: dict[str, tuple[str, list]] = {}
    for row in partial:
        options.setdefault(row["x"].value, (row["label"].value, []))[1].append(row)
    bodies = {x: v for x, v in options.items() if _kind(v[1]) != "duty"}
    if len(bodies) == 1:
        (x, (_, rs)), = bodies.items()
        return x, _kind(rs)
    if options:
        shown = sorted({v[0] for v in (bodies or options).values()}, key=len)[:6]
        raise InputError(f"{name}: no exact match; did you mean: " + ", ".join(shown))
    raise InputError(f"{name}: no institution, department or duty has this name (try a zh or en label, "
                     "an abbreviation such as 发改委 or NDRC, or an IRI such as inst:ndrc)")


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
    holders = []
    for a in sorted(assigned, key=lambda a: (a.start or "0000", a.end or "9999", a.holder)):
        holder = g.ref(a.holder)
        holder["kind"] = a.kind
        holder["parent"] = g.ref(a.parent)
        holders.append({"holder": holder, "from": a.start, "to": a.end,
                        "sources": [_public_source(p) for p in sources.get(a.iri, [])]})
    transfers = [{"date": t["date"], "event": g.labels([t["event"]])[t["event"]].get("zh") if t["event"] else None,
                  "event_iri": t["event"], "from": g.ref(t["from"]), "to": g.ref(t["to"]),
                  "sources": [_public_source(p) for p in sources.get(t["iri"], [])]} for t in moves]
    entity = {**g.ref(x), "kind": "duty", **fields,
              "sources": [_public_source(p) for p in sources.get(x, [])]}
    timeline = sorted(
        [{"date": h["from"], "what": "assigned", "to": h["holder"]} for h in holders if h["from"]]
        + [{"date": t["date"], "what": "transferred", "from": t["from"], "to": t["to"], "event": t["event"]}
           for t in transfers], key=lambda e: e["date"])
    return {"entity": entity, "holders": holders, "transfers": transfers, "timeline": timeline}


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
    order = {"founded": 0, "resulted from": 1, "reorganised": 2, "duty lost": 3, "duty gained": 4, "dissolved": 5}
    timeline.sort(key=lambda e: (e["date"], order.get(e["what"], 9)))
    return {
        "entity": entity,
        "founded": founded,
        "dissolved": dissolved,
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
    rows = backend.select("SELECT ?x ?d WHERE { ?x gk:foundingDate ?d }", values=_rows("x", list(iris)))
    return {r["x"].value: r["d"].value for r in rows}
