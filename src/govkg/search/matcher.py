"""The substring-and-bigram matcher: finds duties by text and scores them 0..1.

Matching: the query is converted to mainland simplified Chinese with OpenCC (``tw2sp``:
traditional characters and Taiwan phrasing), lower-cased for English, and compared with each
duty's labels, aliases and canonical text. A whole-phrase match in a short label beats one
in a long text, which beats words scattered through the text (see :func:`score`).

Candidates come from the duty index beside the embedded store's cache (:mod:`govkg.search.index`)
or, on a remote endpoint, from SPARQL queries that filter and pre-rank in the server.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govkg.chinese import to_mainland
from govkg.search.text import cjk_runs, has_cjk
from govkg.labels import values_of
from govkg.search.index import ALL_DUTY_TEXTS, duty_index
from govkg.sparql import Backend, EmbeddedBackend, literal

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


# ------------------------------------------------------------------ input


def normalise_query(text: str) -> str:
    """Mainland simplified, lower-case, single-spaced form of a user's query."""
    text = " ".join(text.split())
    if has_cjk(text):
        text = to_mainland(text)
    return text.lower()


def tokens(query: str) -> list[str]:
    return query.split()


def bigrams(query: str) -> list[str]:
    """Character bigrams of the Chinese runs of the query (for scattered matches)."""
    grams: list[str] = []
    for run in cjk_runs(query):
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
    if len(words) > 1 and all(has_cjk(w) for w in words):
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
        for row in backend.select(ALL_DUTY_TEXTS, values=values_of("duty", candidates)):
            d = texts.setdefault(row["duty"].value, DutyText(row["duty"].value))
            bucket = {"label": d.labels, "alias": d.aliases, "text": d.texts}[row["field"].value]
            if row["text"].value not in bucket:
                bucket.append(row["text"].value)
    return texts
