"""Quality of `govkg who`: top-1, top-3 and MRR on bench/search_eval.tsv, new engine beside the old matcher.

A question is answered at rank k when the k-th row `who` prints (held or not) names one of the
holders the evaluation set lists for that date. Run: ``python bench/search_eval.py [--misses]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

EVAL_SET = Path(__file__).with_name("search_eval.tsv")


def load(path: Path = EVAL_SET) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [{**row, "holders": row["holders"].split("|")} for row in csv.DictReader(lines, delimiter="\t")]


def rank_of(result: dict, holders: list[str]) -> int | None:
    for i, row in enumerate(result["results"], 1):
        if row["holder"] and row["holder"]["label_zh"] in holders:
            return i
    return None


class Bm25sEngine:
    """The same documents and terms ranked by bm25s (one field: each field's terms repeated by
    its weight, rounded), to compare engines on equal input."""

    def __init__(self, backend):
        import bm25s

        from govkg.search import documents as docs
        from govkg.search import engine, thesaurus
        from govkg.search.text import index_terms

        corpus = docs.read_corpus(backend)
        self.fts = engine.Engine(memory_index(corpus))
        syn = thesaurus.from_groups(corpus.groups)
        self.duties, tokenised = [], []
        for duty, fields in sorted(docs.documents(corpus.rows).items()):
            fields = dict(fields)
            fields["synonym"] = syn.expansions(fields.get("label", []) + fields.get("alias", []) + fields.get("text", []))
            tokens = []
            for field, texts in fields.items():
                for text in texts:
                    words, grams = index_terms(text)
                    tokens += (words * round(engine.FIELDS[field])) + grams * max(1, round(engine.FIELDS[field] * engine.GRAM_SHARE))
            self.duties.append(duty)
            tokenised.append(tokens)
        self.retriever = bm25s.BM25()
        self.retriever.index(tokenised, show_progress=False)
        self.known = {t for doc in tokenised for t in doc}

    def search(self, query, limit):

        forms = query_forms(self.fts, query, self.known)
        terms = [t for t in dict.fromkeys(t for words, grams in forms for t in words + grams) if t in self.known]
        if not terms:
            return []
        results, scores = self.retriever.retrieve([terms], k=min(limit, len(self.duties)), show_progress=False)
        hits = [(self.duties[i], float(s)) for i, s in zip(results[0], scores[0]) if s > 0]
        return with_coverage(self.fts, forms, hits)


class TantivyEngine:
    """The same per-field terms in a tantivy index (one text field per FTS5 column, whitespace
    tokenizer: the terms are already cut), each term queried in every column with the column's
    FTS5 weight as its boost: BM25 per field, summed — tantivy's answer to FTS5's column weights."""

    def __init__(self, backend):
        import tantivy

        from govkg.search import documents as docs
        from govkg.search import engine, thesaurus

        self.tantivy = tantivy
        corpus = docs.read_corpus(backend)
        self.fts = engine.Engine(memory_index(corpus))
        self.columns = engine.COLUMNS
        self.weights = dict(zip(engine.COLUMNS, engine.column_weights()))
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("duty", stored=True, tokenizer_name="raw")
        for column in self.columns:
            builder.add_text_field(column, tokenizer_name="whitespace", index_option="freq")
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema)
        writer = self.index.writer()
        syn = thesaurus.from_groups(corpus.groups)
        self.known = set()
        for duty, fields in sorted(docs.documents(corpus.rows).items()):
            cells = {c: v for c, v in engine.document_cells(fields, syn).items() if c in self.columns}
            self.known.update(t for c in self.columns for t in cells[c])
            writer.add_document(tantivy.Document(duty=duty, **{c: " ".join(v) for c, v in cells.items() if v}))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def search(self, query, limit):

        tv = self.tantivy
        forms = query_forms(self.fts, query, self.known)
        terms = list(dict.fromkeys(t for words, grams in forms for t in words + grams))
        if not terms:
            return []
        should = [(tv.Occur.Should, tv.Query.boost_query(tv.Query.term_query(self.schema, c, t, index_option="freq"),
                                                        self.weights[c]))
                  for t in terms for c in self.columns]
        found = [(self.searcher.doc(address)["duty"][0], score)
                 for score, address in self.searcher.search(tv.Query.boolean_query(should), limit).hits]
        return with_coverage(self.fts, forms, found)


class FieldTablesEngine:
    """FTS5 with one table per field (word and bigram columns), each table's BM25 weighted and
    summed: BM25 normalised by each field's own length (as tantivy does), not by the whole row's
    (as one FTS5 table does). Same terms, rewrites and coverage as the default engine."""

    def __init__(self, backend):
        import sqlite3

        from govkg.search import documents as docs
        from govkg.search import engine, thesaurus

        corpus = docs.read_corpus(backend)
        self.fts = engine.Engine(memory_index(corpus))
        syn = thesaurus.from_groups(corpus.groups)
        self.db = sqlite3.connect(":memory:")
        self.tables = {f: [c for c in engine.COLUMNS if c == f or c == f + "_gram"] for f in engine.FIELDS}
        self.weights = dict(zip(engine.COLUMNS, engine.column_weights()))
        for field, cols in self.tables.items():
            self.db.execute(f"CREATE VIRTUAL TABLE t_{field} USING fts5(duty UNINDEXED, {', '.join(cols)}, tokenize='ascii')")
        self.known = set()
        for duty, fields in sorted(docs.documents(corpus.rows).items()):
            every = engine.document_cells(fields, syn)
            for field, cols in self.tables.items():
                cells = {c: every[c] for c in cols}
                if any(cells.values()):
                    self.known.update(t for v in cells.values() for t in v)
                    self.db.execute(f"INSERT INTO t_{field} VALUES ({', '.join('?' * (len(cols) + 1))})",
                                    [duty, *(" ".join(cells[c]) for c in cols)])

    def search(self, query, limit):
        forms = query_forms(self.fts, query, self.known)
        terms = [t for t in dict.fromkeys(t for words, grams in forms for t in words + grams) if t in self.known]
        if not terms:
            return []
        expression = " OR ".join(f'"{t}"' for t in terms)
        scores: dict[str, float] = {}
        for field, cols in self.tables.items():
            weights = ", ".join(str(self.weights[c]) for c in cols)
            for duty, score in self.db.execute(f"SELECT duty, -bm25(t_{field}, 0, {weights}) FROM t_{field} "
                                               f"WHERE t_{field} MATCH ?", (expression,)):
                scores[duty] = scores.get(duty, 0.0) + score
        found = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return with_coverage(self.fts, forms, found)


def query_forms(fts, query: str, known: set) -> list:
    """(words, grams) of the query and of its synonym rewrites, as the FTS5 engine searches them."""
    from govkg.search.engine import MAX_QUERY_CHARS
    from govkg.search.text import query_terms

    query = query[:MAX_QUERY_CHARS]
    return [query_terms(q, lambda c: {w for w in c if w in known}) for q in [query, *fts.rewrites(query)]]


def with_coverage(fts, forms: list, hits: list) -> list:
    """Hits with the FTS5 engine's coverage (best over the query forms), for the answer rule."""
    from govkg.search.engine import Hit

    duties = [d for d, _ in hits]
    shares = [fts.coverage(words, grams, duties) for words, grams in forms] if duties else []
    return [Hit(d, round(s, 3), max(share[d] for share in shares)) for d, s in hits]


def memory_index(corpus, synonyms: bool = True):
    from govkg.search.cache import memory_index as build

    return build(corpus, synonyms)


def evaluate(backend, engine: str, items: list[dict], limit: int = 10) -> dict:
    from govkg.search import engine as fts
    from govkg.who import who

    saved = getattr(backend, "_search_engine", None)
    if engine == "bm25-no-thesaurus":
        from govkg.search import documents as docs

        backend._search_engine = fts.Engine(memory_index(docs.read_corpus(backend), synonyms=False))
    elif engine == "bm25s":
        backend._search_engine = Bm25sEngine(backend)
    elif engine == "tantivy":
        backend._search_engine = TantivyEngine(backend)
    elif engine == "bm25-field-tables":
        backend._search_engine = FieldTablesEngine(backend)
    if engine != "matcher":  # the engine alone, on every question (index built, warm)
        from govkg.search.cache import search_engine

        ranker = search_engine(backend)
        started = time.perf_counter()
        for item in items:
            ranker.search(item["question"], limit * 3)
        search_ms = 1000 * (time.perf_counter() - started) / max(len(items), 1)
    else:
        search_ms = float("nan")
    ranks, started = [], time.perf_counter()
    for item in items:
        ranks.append(rank_of(who(backend, item["question"], item["date"], limit,
                                 engine="matcher" if engine == "matcher" else "bm25"), item["holders"]))
    backend._search_engine = saved
    seconds = time.perf_counter() - started
    return {"ranks": ranks, **figures(ranks), "ms_per_query": 1000 * seconds / max(len(items), 1),
            "search_ms": search_ms}


#: what each engine imports on the query path
ENGINE_IMPORTS = {"bm25": "sqlite3", "bm25-no-thesaurus": "sqlite3", "bm25-field-tables": "sqlite3", "bm25s": "bm25s", "tantivy": "tantivy",
                  "matcher": "json"}


def import_ms(engine: str) -> float:
    import subprocess

    def best(code):
        times = []
        for _ in range(9):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - started)
        return min(times)

    return 1000 * max(0.0, best(f"import {ENGINE_IMPORTS[engine]}") - best("pass"))


def figures(ranks: list[int | None]) -> dict:
    n = max(len(ranks), 1)
    return {"top1": sum(r == 1 for r in ranks) / n, "top3": sum(r is not None and r <= 3 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the questions the new engine misses at top 3")
    parser.add_argument("--engines", default="bm25,matcher",
                        help="comma-separated: bm25 (FTS5, the default engine), bm25-no-thesaurus, bm25-field-tables, bm25s, "
                             "tantivy, matcher "
                             "(bm25s and tantivy need the bench extra: pip install -e '.[bench]')")
    args = parser.parse_args(argv)
    from govkg.sparql import open_backend

    items = load()
    backend = open_backend()
    engines = tuple(args.engines.split(","))
    runs = {e: evaluate(backend, e, items) for e in engines}
    print(f"{len(items)} questions from {EVAL_SET.name}")
    print(f"{'engine':18} {'top-1':>7} {'top-3':>7} {'MRR':>7} {'who ms/q':>9} {'search ms/q':>12} {'import ms':>10}")
    for e in engines:
        r = runs[e]
        print(f"{e:18} {r['top1']:7.3f} {r['top3']:7.3f} {r['mrr']:7.3f} {r['ms_per_query']:9.1f} "
              f"{r['search_ms']:12.2f} {import_ms(e):10.1f}")
    print("who ms/q: the whole `who` answer (search + holders + sources); search ms/q: the engine alone;\n"
          "import ms: what importing the engine's library adds to a process (best of 9, beside `python -c pass`)")
    by_kind: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for i, item in enumerate(items):
        for e in engines:
            by_kind[item["kind"].split("-")[0] if item["kind"].startswith("date") else item["kind"]][e].append(runs[e]["ranks"][i])
            by_kind["lang:" + item["lang"]][e].append(runs[e]["ranks"][i])
    print(f"\n{'kind':14} {'n':>4} " + " ".join(f"{e + ' top-3':>14}" for e in engines))
    for kind in sorted(by_kind):
        cells = " ".join(f"{figures(by_kind[kind][e])['top3']:14.3f}" for e in engines)
        print(f"{kind:14} {len(by_kind[kind][engines[0]]):4d} {cells}")
    if args.misses:
        print("\nmissed at top 3 by the new engine:")
        for i, item in enumerate(items):
            r = runs["bm25"]["ranks"][i]
            if r is None or r > 3:
                print(f"  {item['date']} {item['question']!r} -> want {item['holders']} (rank {r})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
