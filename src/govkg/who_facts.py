"""The facts ``govkg who`` shows about the duties it found: holders, transfers, fields, sources, labels.

Two sources give the same facts:

* :class:`SparqlFacts` asks the graph (embedded store or endpoint) with the queries of
  :mod:`govkg.holders` and :mod:`govkg.labels`, a few VALUES-bound queries per command;
* :class:`StoredFacts` reads them from the search index of the embedded cache, where
  :func:`store_facts` wrote them when the index was built — by running those same queries over
  every duty. The index lives under the cache's content key, so it can only describe exactly
  this data; ``who`` then answers without opening the store or running SPARQL (whole process:
  Python, the index file, the answer).

One definition of each fact: the stored rows are the SPARQL answers, serialised; the tests
compare both sources' ``who`` output on the evaluation set.
"""

from __future__ import annotations

import json
import sqlite3

from govkg.holders import Assignment, assignments_of, transfers_of
from govkg.labels import Graph, duty_fields, values_or_all

GK = "https://w3id.org/govkg/def#"
#: the tables a search index holds when its facts were stored (see :func:`store_facts`)
FACTS_TABLE = "facts"
#: duties whose source names no holder (plan tasks without a responsible body): said, not guessed
NO_HOLDER_STATED = "SELECT ?duty WHERE { ?duty gk:notStated gk:holder }"


class SparqlFacts(Graph):
    """The facts asked of a backend (``duties`` None: of every duty, in one query each);
    labels and sources as :class:`govkg.labels.Graph` gives them."""

    def assignments(self, duties: list[str] | None) -> dict[str, list[Assignment]]:
        return assignments_of(self.backend, duties)

    def transfers(self, duties: list[str] | None) -> dict[str, list[dict]]:
        return transfers_of(self.backend, duties)

    def fields(self, duties: list[str] | None) -> dict[str, dict]:
        return duty_fields(self.backend, duties)

    def silent(self, duties: list[str] | None) -> set[str]:
        """The duties whose source names no holder."""
        if duties is not None and not duties:
            return set()
        rows = self.backend.select(NO_HOLDER_STATED, values=values_or_all("duty", duties))
        return {r["duty"].value for r in rows}


class StoredFacts(Graph):
    """The facts read from a search index that holds them (:func:`has_facts`)."""

    def __init__(self, db: sqlite3.Connection):
        super().__init__(backend=None)
        self.db = db

    def _get(self, kind: str, keys) -> dict[str, object]:
        keys = sorted(set(keys))
        out: dict[str, object] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            out.update((k, json.loads(v)) for k, v in self.db.execute(
                f"SELECT key, value FROM {FACTS_TABLE} WHERE kind = ? AND key IN ({','.join('?' * len(chunk))})",
                [kind, *chunk]))
        return out

    def assignments(self, duties: list[str]) -> dict[str, list[Assignment]]:
        found = self._get("assignments", duties)
        return {d: [Assignment(**a) for a in found.get(d, [])] for d in duties}

    def transfers(self, duties: list[str]) -> dict[str, list[dict]]:
        found = self._get("transfers", duties)
        return {d: found.get(d, []) for d in duties}

    def fields(self, duties: list[str]) -> dict[str, dict]:
        return self._get("fields", duties)

    def silent(self, duties: list[str]) -> set[str]:
        return set(self._get("silent", duties))

    def sources(self, iris, of_class: str | None = None) -> dict[str, list[dict]]:
        iris = sorted(set(iris))
        found = self._get("sources", iris)
        return {i: found.get(i, []) for i in iris}

    def _fetch_labels(self, iris: list[str]) -> dict[str, dict[str, str]]:
        return self._get("labels", iris)


def has_facts(db: sqlite3.Connection) -> bool:
    """Whether this index holds the stored facts (an embedded cache's index does; an endpoint's
    does not: its key covers only the duty texts, and the facts may change without them)."""
    try:
        return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          (FACTS_TABLE,)).fetchone() is not None
    except sqlite3.Error:
        return False


def store_facts(db: sqlite3.Connection, backend, duties: list[str]) -> None:
    """Write into ``db`` the facts of every duty in ``duties``, as :class:`SparqlFacts` gives them.

    Each query runs once over the whole graph (no VALUES block of every duty: blocks of IRIs
    cost a lookup per IRI, 31 s at a million triples); sources and labels are kept for what a
    ``who`` answer can show: the assignments' passages and the names of holders, their
    institutions, and the bodies and reorganisations of transfers.
    """
    facts = SparqlFacts(backend)
    wanted = set(duties)
    rows: list[tuple[str, str, str]] = []
    assigned = {d: a for d, a in facts.assignments(None).items() if d in wanted and a}
    moves = {d: t for d, t in facts.transfers(None).items() if d in wanted and t}
    rows += [("assignments", d, _dump([a.as_dict() for a in assigned[d]])) for d in assigned]
    rows += [("transfers", d, _dump(moves[d])) for d in moves]
    rows += [("fields", d, _dump(f)) for d, f in facts.fields(None).items() if d in wanted]
    rows += [("silent", d, "true") for d in facts.silent(None) if d in wanted]
    cited = {a.iri for d in assigned for a in assigned[d]}
    rows += [("sources", a, _dump(p)) for a, p in facts.sources(None, GK + "DutyAssignment").items()
             if a in cited and p]
    mentioned = {x for d in assigned for a in assigned[d] for x in (a.holder, a.parent) if x}
    mentioned |= {x for d in moves for t in moves[d] for x in (t["from"], t["to"], t["event"]) if x}
    rows += [("labels", x, _dump(lab)) for x, lab in facts.labels(sorted(mentioned)).items() if lab]
    db.execute(f"CREATE TABLE {FACTS_TABLE} (kind TEXT, key TEXT, value TEXT, PRIMARY KEY (kind, key)) WITHOUT ROWID")
    db.executemany(f"INSERT INTO {FACTS_TABLE} VALUES (?, ?, ?)", sorted(rows))


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
