"""The searchable texts of every duty, read from a backend: what the search index is built from.

One SPARQL query serves the embedded store and a remote endpoint alike, so both index the same
documents and rank the same way. On the embedded store the rows are read straight from the
store's indexes (linear scans, no join: the SPARQL UNION grows faster than linearly past a few
million triples).
"""

from __future__ import annotations

import hashlib
import json

DUTY_DOCUMENTS = """
SELECT ?duty ?field ?text WHERE {
  ?duty a gk:Duty .
  { ?duty skos:prefLabel ?text . BIND("label" AS ?field) }
  UNION { ?duty skos:altLabel ?text . BIND("alias" AS ?field) }
  UNION { ?duty skos:hiddenLabel ?text . BIND("alias" AS ?field) }
  UNION { ?duty gk:canonicalText ?text . BIND("text" AS ?field) }
  UNION { ?duty gk:domain ?domain . ?domain skos:prefLabel|skos:altLabel|skos:hiddenLabel ?text . BIND("domain" AS ?field) }
}
"""

Rows = list[tuple[str, str, str]]


def read_rows(backend) -> Rows:
    """Sorted, distinct (duty, field, text) rows of the backend."""
    store = getattr(backend, "store", None)
    if store is not None:
        return _rows_from_store(store)
    rows = {(r["duty"].value, r["field"].value, r["text"].value) for r in backend.select(DUTY_DOCUMENTS)}
    return sorted(rows)


def documents(rows: Rows) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for duty, field, text in rows:
        out.setdefault(duty, {}).setdefault(field, []).append(text)
    return out


def digest(rows: Rows) -> str:
    """A content hash of the rows (what an endpoint's index is cached under)."""
    h = hashlib.sha256()
    for row in rows:
        h.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def _rows_from_store(store) -> Rows:
    import pyoxigraph as ox

    from govkg.namespaces import PREFIXES

    def pattern(p, o=None):
        return store.quads_for_pattern(None, ox.NamedNode(p), o)

    skos, gk = PREFIXES["skos"], PREFIXES["gk"]
    duties = {q.subject.value for q in pattern(PREFIXES["rdf"] + "type", ox.NamedNode(gk + "Duty"))}
    labels: dict[str, list[str]] = {}
    rows = set()
    for field, predicate in (("label", skos + "prefLabel"), ("alias", skos + "altLabel"),
                             ("alias", skos + "hiddenLabel"), ("text", gk + "canonicalText")):
        for quad in pattern(predicate):
            subject, text = quad.subject, quad.object
            if isinstance(subject, ox.NamedNode) and isinstance(text, ox.Literal):
                if subject.value in duties:
                    rows.add((subject.value, field, text.value))
                elif field != "text":
                    labels.setdefault(subject.value, []).append(text.value)
    for quad in pattern(gk + "domain"):
        if quad.subject.value in duties and isinstance(quad.object, ox.NamedNode):
            rows.update((quad.subject.value, "domain", t) for t in labels.get(quad.object.value, []))
    return sorted(rows)
