"""A sidecar text index of duties, so `govkg who` stays fast on a national graph.

Why: a SPARQL ``CONTAINS`` scan over every label and text of a million-triple graph costs
seconds in the store (its UNION/GROUP BY plan), while the same scan over a flat list of
lower-cased strings in Python costs milliseconds. The index holds, for every duty, its
labels, aliases and canonical text; it is derived from the cached store, saved beside it
under the same content key (so it can never describe other data), written atomically, and
rebuilt whenever it is missing or unreadable. Remote endpoints do not use it: there the
server scans (see the SPARQL fallbacks in :mod:`govkg.search.matcher`).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1

ALL_DUTY_TEXTS = """
SELECT ?duty ?field ?text WHERE {
  ?duty a gk:Duty .
  { ?duty skos:prefLabel ?text . BIND("label" AS ?field) }
  UNION { ?duty skos:altLabel ?text . BIND("alias" AS ?field) }
  UNION { ?duty gk:canonicalText ?text . BIND("text" AS ?field) }
}
"""

#: field -> (base, span) of the phrase rank; the same weights as matcher.score
WEIGHTS = {"label": (0.8, 0.2), "alias": (0.75, 0.15), "text": (0.6, 0.15)}


@dataclass
class DutyIndex:
    """Every duty's searchable texts: parallel lists of duty IRI, field and text."""

    duties: list[str]
    fields: list[str]
    texts: list[str]

    def __post_init__(self):
        self.lowered = [t.lower() for t in self.texts]

    @classmethod
    def from_backend(cls, backend) -> DutyIndex:
        """Read every duty text; straight from the pyoxigraph store when there is one (the
        generic Term conversion would double the cost on a large graph)."""
        store = getattr(backend, "store", None)
        if store is not None:
            rows = _rows_from_store(store)
        else:
            rows = [(r["duty"].value, r["field"].value, r["text"].value) for r in backend.select(ALL_DUTY_TEXTS)]
        rows.sort()
        return cls([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])

    def phrase_candidates(self, query: str) -> list[str]:
        """Duties with the whole phrase in a field, best rank first (as PHRASE_CANDIDATES)."""
        best: dict[str, float] = {}
        for duty, field, text in zip(self.duties, self.fields, self.lowered):
            if query in text:
                base, span = WEIGHTS[field]
                rank = base + span * len(query) / len(text)
                if rank > best.get(duty, -1.0):
                    best[duty] = rank
        return sorted(best, key=lambda d: (-best[d], d))

    def term_candidates(self, terms: list[str], need: int) -> list[str]:
        """Duties whose fields hold at least ``need`` of the terms (as TERM_CANDIDATES)."""
        hits: dict[str, set[str]] = {}
        for duty, text in zip(self.duties, self.lowered):
            found = [t for t in terms if t in text]
            if found:
                hits.setdefault(duty, set()).update(found)
        chosen = {d: len(h) for d, h in hits.items() if len(h) >= need}
        return sorted(chosen, key=lambda d: (-chosen[d], d))

    def texts_of(self, duties: list[str]) -> dict[str, dict[str, list[str]]]:
        """duty -> field -> texts, for the given duties."""
        wanted = set(duties)
        out: dict[str, dict[str, list[str]]] = {}
        for duty, field, text in zip(self.duties, self.fields, self.texts):
            if duty in wanted:
                bucket = out.setdefault(duty, {}).setdefault(field, [])
                if text not in bucket:
                    bucket.append(text)
        return out

    # ---------------------------------------------------------------- persistence

    def save(self, path: Path) -> None:
        """Write atomically (temporary file in the same directory, then rename)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".duty-index-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"format": FORMAT, "duties": self.duties, "fields": self.fields, "texts": self.texts},
                          handle, ensure_ascii=False)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    @classmethod
    def load(cls, path: Path) -> DutyIndex | None:
        """The saved index, or None if it is missing, of another format, or corrupt."""
        try:
            with open(path, encoding="utf-8") as handle:
                saved = json.load(handle)
            duties, fields, texts = saved["duties"], saved["fields"], saved["texts"]
            if saved.get("format") != FORMAT or not (len(duties) == len(fields) == len(texts)):
                return None
            if not all(isinstance(x, list) for x in (duties, fields, texts)) or set(fields) - set(WEIGHTS):
                return None
            return cls(duties, fields, texts)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def _rows_from_store(store) -> list[tuple[str, str, str]]:
    """(duty, field, text) straight from the store's indexes: four linear scans, no join
    (the equivalent SPARQL UNION grows faster than linearly past a few million triples)."""
    import pyoxigraph as ox

    from govkg.namespaces import PREFIXES

    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    duties = {q.subject.value for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(PREFIXES["gk"] + "Duty"))}
    rows = []
    for field, predicate in (("label", PREFIXES["skos"] + "prefLabel"), ("alias", PREFIXES["skos"] + "altLabel"),
                             ("text", PREFIXES["gk"] + "canonicalText")):
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None):
            subject, text = quad.subject, quad.object
            if isinstance(subject, ox.NamedNode) and isinstance(text, ox.Literal) and subject.value in duties:
                rows.append((subject.value, field, text.value))
    return sorted(set(rows))


def duty_index(backend) -> DutyIndex:
    """The backend's duty index: loaded from beside its cache, else built (and saved there)."""
    cached = getattr(backend, "_duty_index", None)
    if cached is not None:
        return cached
    path = getattr(backend, "index_path", None)
    index = DutyIndex.load(path) if path else None
    if index is None:
        index = DutyIndex.from_backend(backend)
        if path:
            try:
                index.save(path)
            except OSError:
                pass  # a read-only cache still answers, it just rebuilds next time
    backend._duty_index = index
    return index
