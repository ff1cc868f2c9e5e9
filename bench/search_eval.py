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


def evaluate(backend, engine: str, items: list[dict], limit: int = 10) -> dict:
    from govkg.who import who

    ranks, started = [], time.perf_counter()
    for item in items:
        ranks.append(rank_of(who(backend, item["question"], item["date"], limit, engine=engine), item["holders"]))
    seconds = time.perf_counter() - started
    return {"ranks": ranks, **figures(ranks), "ms_per_query": 1000 * seconds / max(len(items), 1)}


def figures(ranks: list[int | None]) -> dict:
    n = max(len(ranks), 1)
    return {"top1": sum(r == 1 for r in ranks) / n, "top3": sum(r is not None and r <= 3 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the questions the new engine misses at top 3")
    args = parser.parse_args(argv)
    from govkg.sparql import open_backend

    items = load()
    backend = open_backend()
    engines = ("bm25", "matcher")
    runs = {e: evaluate(backend, e, items) for e in engines}
    print(f"{len(items)} questions from {EVAL_SET.name}")
    print(f"{'engine':10} {'top-1':>7} {'top-3':>7} {'MRR':>7} {'ms/q':>7}")
    for e in engines:
        r = runs[e]
        print(f"{e:10} {r['top1']:7.3f} {r['top3']:7.3f} {r['mrr']:7.3f} {r['ms_per_query']:7.1f}")
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
