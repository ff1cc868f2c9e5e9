"""`govkg who` answered from the facts stored in the search index equals the answer asked of the
graph, and on a built cache it opens neither the store nor runs SPARQL."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from govkg.who import facts_of, who
from govkg.who_facts import SparqlFacts, StoredFacts

EVAL = Path(__file__).resolve().parent.parent / "bench" / "search_eval.tsv"


def eval_questions() -> list[tuple[str, str]]:
    lines = [line for line in EVAL.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return [(r["question"], r["date"]) for r in rows]


@pytest.fixture(scope="module")
def cached_backend():
    """The bundled graph through the on-disk cache, as `govkg who` opens it."""
    from govkg.sparql import open_backend

    open_backend().store  # build the cache (and its index) if this test run has none yet
    return open_backend()


def test_who_on_a_built_cache_answers_from_the_index_without_opening_the_store(cached_backend):
    result = who(cached_backend, "价格监督检查", "2010-06-01", 3)
    assert result["results"][0]["holder"]["label_zh"] == "价格监督检查司"
    assert isinstance(facts_of(cached_backend), StoredFacts)
    assert cached_backend._store is None, "who opened the store although the index holds every fact"


def test_stored_facts_give_the_same_answers_as_the_graph(cached_backend, backend, monkeypatch):
    """Every evaluation question (at its date, ten results): the JSON from the stored facts
    equals the JSON from SPARQL over the in-memory store (which has no stored facts)."""
    assert isinstance(facts_of(backend), SparqlFacts)
    questions = eval_questions()
    assert len(questions) >= 150
    for question, on in questions:
        assert who(cached_backend, question, on or None, 10) == who(backend, question, on or None, 10), (question, on)


def test_a_cache_of_ill_formed_data_still_stores_its_facts_and_answers(runner):
    """An ill-formed gk:line ("1a"^^xsd:integer, validate's to report) neither stops the cache's
    index from being built nor `who` from citing the passage."""
    from conftest import ROOT, run

    bad = ROOT / "tests" / "data" / "shapes" / "invalid_source_line_illformed.ttl"
    for _ in range(2):  # the first builds the cache and its index, the second answers from them
        result = run(runner, "who", "价格监督检查", "--on", "2010-06-01", "--format", "json", "--data", str(bad))
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["results"][0]["source"]["locator"]


def test_a_graph_over_the_facts_bound_is_answered_by_sparql_alike(tmp_path, monkeypatch, backend):
    """Past FACTS_MAX_TRIPLES the index stores no facts (materialising them would double a
    national graph's cache build); `who` reads them by SPARQL and answers the same."""
    from govkg.search import cache
    from govkg.sparql import open_backend

    monkeypatch.setenv("GOVKG_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "FACTS_MAX_TRIPLES", 1000)
    large = open_backend()
    assert isinstance(facts_of(large), SparqlFacts)
    for question, on in eval_questions()[:20]:
        assert who(large, question, on or None, 3) == who(backend, question, on or None, 3), question
