"""BM25 ranking of duties with SQLite FTS5: the search engine behind ``govkg who``.

Each duty is one FTS5 document whose columns are its fields, already cut into terms by
:mod:`govkg.search.text` (the FTS5 ``ascii`` tokenizer then only splits on the spaces we put
there). :data:`FIELDS` is the one place the field weights are set: FTS5's ``bm25()`` takes
them per column, so a term in a label counts more than the same term in an alias, a synonym,
the canonical text or the duty's policy domain.

Why FTS5: it is in Python's standard library (no import cost, nothing to install), its index
is one file that can be checked and replaced atomically, and it ranks by BM25 with column
weights natively. bm25s (numpy/scipy: 0.2-0.4 s of imports, no fields) and tantivy (a second
index format; 3 of 200 evaluation questions better, in close calls) were compared on the same
evaluation set with the same terms: see docs/search.md and bench/search_eval.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections import namedtuple

from govkg.search.text import (
    fold,
    index_terms,
    join_cjk,
    query_terms,
    strip_question,
    whole_word,
)

#: field -> BM25 weight of its word column; its character-bigram column weighs GRAM_SHARE of it.
FIELDS = {"label": 6.0, "alias": 4.0, "synonym": 3.0, "text": 2.0, "domain": 0.8}
GRAM_SHARE = 0.5
#: Below this share of the query's terms found in the best duty, results are "closest matches".
ANSWER_COVERAGE = 0.6
#: Hits scoring below this share of the best hit's BM25 score are dropped (terms shared by chance).
TAIL_SHARE = 0.25
#: Hits whose scores are within this share of the best of their group are ties, ordered by the
#: shorter label (the more specific name, before a longer sentence that merely repeats the words);
#: BM25 differences this small are noise from text length, not relevance.
TIE_SHARE = 0.01
#: At most this many rewritten forms of one query (one synonym swapped in each) are searched too.
MAX_REWRITES = 8
#: Characters of a query that are searched (a pasted paragraph is cut here, never rejected).
MAX_QUERY_CHARS = 300
COLUMNS = [c for f in FIELDS for c in (f, f + "_gram") if c != "domain_gram"]


def column_weights() -> list[float]:
    return [FIELDS[c] if c in FIELDS else FIELDS[c[:-5]] * GRAM_SHARE for c in COLUMNS]


#: One ranked duty: BM25 score and the share of the query's terms its fields hold. (A named
#: tuple, not a dataclass: ``dataclasses`` imports ``inspect``, a cost on every ``govkg who``.)
Hit = namedtuple("Hit", ["iri", "score", "coverage"])


def document_cells(fields: dict[str, list[str]], synonyms=None) -> dict[str, list[str]]:
    """One duty's index terms per column (the one definition every index of the duties uses).

    Each field's texts give its words, and character grams where the field has a gram
    column; ``synonyms`` (a :class:`govkg.search.thesaurus.Thesaurus`) adds the ``synonym``
    field: the other words of every group a label, alias or text contains.
    """
    fields = dict(fields)
    if synonyms is not None:
        fields["synonym"] = synonyms.expansions(fields.get("label", []) + fields.get("alias", [])
                                                + fields.get("text", []))
    cells: dict[str, list[str]] = {c: [] for c in COLUMNS}
    for field, texts in fields.items():
        for text in texts:
            words, grams = index_terms(text)
            cells[field] += words
            if field + "_gram" in cells:
                cells[field + "_gram"] += grams
    return cells


def build(db: sqlite3.Connection, documents: dict[str, dict[str, list[str]]], synonyms=None) -> None:
    """Write an FTS5 index of ``documents`` (duty -> field -> texts) into the empty database ``db``.

    ``synonyms`` (a :class:`govkg.search.thesaurus.Thesaurus`) adds, to each duty, the other
    words of every synonym group one of its texts contains; its groups are also stored (table
    ``synonyms``) for rewriting queries.
    """
    try:
        cols = ", ".join(COLUMNS)
        db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(duty UNINDEXED, {cols}, tokenize='ascii')")
        db.execute("CREATE TABLE vocab (term TEXT PRIMARY KEY) WITHOUT ROWID")
        db.execute("CREATE TABLE terms (duty TEXT PRIMARY KEY, terms TEXT, label_chars INTEGER) WITHOUT ROWID")
        db.execute("CREATE TABLE synonyms (word TEXT, grp INTEGER)")
        if synonyms is not None:
            db.executemany("INSERT INTO synonyms VALUES (?, ?)",
                           [(w, i) for i, group in enumerate(synonyms.groups) for w in group])
        vocab: set[str] = set()
        rows = []
        for duty in sorted(documents):
            fields = documents[duty]
            cells = document_cells(fields, synonyms)
            vocab.update(w for c in FIELDS for w in cells[c])
            everything = {t for c in COLUMNS for t in cells[c]}
            label_chars = min((len(t) for t in fields.get("label", [])), default=0)
            rows.append((duty, *(" ".join(cells[c]) for c in COLUMNS), " ".join(sorted(everything)), label_chars))
        marks = ", ".join("?" * (len(COLUMNS) + 1))
        db.executemany(f"INSERT INTO docs (duty, {cols}) VALUES ({marks})", [r[:-2] for r in rows])
        db.executemany("INSERT INTO terms VALUES (?, ?, ?)", [(r[0], r[-2], r[-1]) for r in rows])
        db.executemany("INSERT INTO vocab VALUES (?)", [(v,) for v in sorted(vocab)])
        db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        from govkg import opencc_triggers

        db.execute("CREATE TABLE opencc (triggers TEXT)")
        triggers = opencc_triggers.read_installed()
        if triggers is not None:
            db.execute("INSERT INTO opencc VALUES (?)", (json.dumps(triggers, ensure_ascii=False),))
        db.commit()
    except BaseException:
        db.rollback()
        raise


class Engine:
    """Queries over one built index file (opened read-only)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    @classmethod
    def open(cls, path) -> Engine:
        """The index file at ``path``; its table of what OpenCC can change is put to use when
        it still describes the installed OpenCC (:mod:`govkg.opencc_triggers`)."""
        engine = cls(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True))
        engine.use_opencc_triggers()
        return engine

    def use_opencc_triggers(self) -> None:
        from govkg import chinese, opencc_triggers

        try:
            row = self.db.execute("SELECT triggers FROM opencc").fetchone()
        except sqlite3.Error:
            return
        stored = json.loads(row[0]) if row else None
        if stored is not None and opencc_triggers.still_valid(stored):
            chinese.use_triggers(opencc_triggers.Triggers(stored["chars"], stored["keys"]))

    def facts(self):
        """The who-facts stored in this index (:class:`govkg.who_facts.StoredFacts`), or None
        when it holds none (an endpoint's index, an index in memory)."""
        from govkg.who_facts import StoredFacts, has_facts

        return StoredFacts(self.db) if has_facts(self.db) else None

    def known_words(self, candidates) -> set[str]:
        found: set[str] = set()
        items = sorted(candidates)
        for i in range(0, len(items), 500):
            chunk = items[i:i + 500]
            found.update(r[0] for r in self.db.execute(
                f"SELECT term FROM vocab WHERE term IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def search(self, query: str, limit: int) -> list[Hit]:
        """The best ``limit`` duties for ``query``, by BM25 with the field weights of :data:`FIELDS`;
        near-ties (:data:`TIE_SHARE`) go to the shorter label."""
        query = query[:MAX_QUERY_CHARS]
        forms = [query_terms(q, self.known_words) for q in [query, *self.rewrites(query)]]
        terms = list(dict.fromkeys(t for words, grams in forms for t in words + grams))
        if not terms:
            return []
        expression = " OR ".join(f'"{t}"' for t in terms)
        weights = ", ".join(str(w) for w in column_weights())
        rows = self.db.execute(
            f"SELECT duty, -bm25(docs, 0, {weights}) AS s FROM docs WHERE docs MATCH ? "
            "ORDER BY s DESC, duty LIMIT ?", (expression, 2 * limit)).fetchall()
        if not rows:
            return []
        rows = [(d, s) for d, s in rows if s >= rows[0][1] * TAIL_SHARE]
        rows = self._ties_by_shorter_label(rows)[:limit]
        duties = [d for d, _ in rows]
        shares = [self.coverage(words, grams, duties) for words, grams in forms]
        return [Hit(d, round(s, 3), max(share[d] for share in shares)) for d, s in rows]

    def rewrites(self, query: str) -> list[str]:
        """The query with one of its words replaced by another word of the word's synonym group
        (folded, question words stripped), so that 药价管理 is also searched as 药品价格管理: the
        source's own compound, whose words a duty may hold apart (药品和医疗服务价格). A duty
        that holds every term of a rewritten form is as good an answer as one holding the query's."""
        groups: dict[int, list[str]] = {}
        for word, group in self.db.execute("SELECT word, grp FROM synonyms"):
            groups.setdefault(group, []).append(word)
        text = join_cjk(strip_question(fold(query)))
        out: list[str] = []
        for words in groups.values():
            for word in sorted(words, key=len, reverse=True):  # the longest word of the group present
                at = text.find(word)
                if at < 0 or (word.isascii() and not whole_word(text, at, at + len(word))):
                    continue
                out += [text[:at] + other + text[at + len(word):] for other in words if other not in text]
                break
        return list(dict.fromkeys(out))[:MAX_REWRITES]

    def _ties_by_shorter_label(self, rows: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """``rows`` (best first) with each group of ties (scores within :data:`TIE_SHARE` of the
        group's first) ordered by label length, then IRI."""
        chars = dict(self.db.execute(
            f"SELECT duty, label_chars FROM terms WHERE duty IN ({','.join('?' * len(rows))})", [d for d, _ in rows]))
        groups: list[list[tuple[str, float]]] = []
        for row in rows:
            if groups and row[1] >= groups[-1][0][1] * (1 - TIE_SHARE):
                groups[-1].append(row)
            else:
                groups.append([row])
        return [r for g in groups for r in sorted(g, key=lambda r: (chars.get(r[0]) or 0, r[0]))]

    def coverage(self, words: list[str], grams: list[str], duties: list[str]) -> dict[str, float]:
        """duty -> the share of the query's terms its fields hold (rounded to 3 places).

        Chinese words are counted through their bigrams (a word is found when its bigrams are):
        the share is of the query's bigrams and English stems."""
        measured = list(dict.fromkeys(grams + [w for w in words if not _is_cjk(w)])) or list(dict.fromkeys(words))
        held = {d: set(t.split()) for d, t in self.db.execute(
            f"SELECT duty, terms FROM terms WHERE duty IN ({','.join('?' * len(duties))})", duties)}
        return {d: round(sum(t in held.get(d, ()) for t in measured) / max(len(measured), 1), 3) for d in duties}

    def close(self) -> None:
        self.db.close()


def _is_cjk(term: str) -> bool:
    return bool(term) and "\u3400" <= term[0] <= "\ufaff"
