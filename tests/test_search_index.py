"""The duty index beside the cache: same candidates as the SPARQL path, rebuilt when corrupt."""

from __future__ import annotations

import json

import pytest

from govkg.search import matcher as lookup
from govkg.search.index import DutyIndex, duty_index
from govkg.sparql import Backend


class SparqlOnly(Backend):
    """The embedded store seen as if it were remote: forces the SPARQL candidate path."""

    def __init__(self, inner):
        self.inner = inner

    def query(self, query, bindings=None, values=None):
        return self.inner.query(query, bindings, values)


@pytest.mark.parametrize("text", ["价格监督检查", "宏观调控", "price supervision", "气候 变化", "政府购买服务 审计",
                                  "储备", "monitor"])
def test_index_and_sparql_paths_rank_the_same(backend, text):
    query = lookup.normalise_query(text)
    via_index = [(s, d.iri) for s, d in lookup.find_duties(backend, query, 10)]
    via_sparql = [(s, d.iri) for s, d in lookup.find_duties(SparqlOnly(backend), query, 10)]
    assert via_index == via_sparql
    assert via_index


def test_index_is_saved_beside_the_cache_and_a_corrupt_one_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKG_CACHE_DIR", str(tmp_path))
    from govkg.sparql import open_backend

    first = open_backend()
    assert first.index_path is not None and first.index_path.parent.name.endswith(".derived")
    built = duty_index(first)
    assert first.index_path.exists()
    saved = json.loads(first.index_path.read_text(encoding="utf-8"))
    assert len(saved["duties"]) == len(built.duties) > 300

    first.index_path.write_text("{not json", encoding="utf-8")
    second = open_backend()
    rebuilt = duty_index(second)
    assert rebuilt.duties == built.duties
    assert json.loads(second.index_path.read_text(encoding="utf-8"))["format"] == 1
    assert DutyIndex.load(tmp_path / "missing.json") is None
