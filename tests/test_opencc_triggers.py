"""The table of what OpenCC can change is exact where it matters: a text it lets skip OpenCC is
one OpenCC returns unchanged, and a table that no longer describes the installed OpenCC is not used."""

from __future__ import annotations

import functools

import opencc
import pytest

from conftest import ROOT, SOURCE_DOC
from govkg import chinese, opencc_triggers


@functools.lru_cache(maxsize=1)
def table() -> dict:
    stored = opencc_triggers.read_installed()
    assert stored is not None, "the installed OpenCC's dictionaries could not be read"
    return stored


def corpus() -> list[str]:
    """Every line of the source document and of the bundled data, the evaluation questions, and
    each of them written in Taiwan traditional Chinese by OpenCC itself."""
    texts = SOURCE_DOC.read_text(encoding="utf-8").splitlines()
    for path in sorted((ROOT / "data").glob("*.ttl")) + [ROOT / "bench" / "search_eval.tsv"]:
        texts += path.read_text(encoding="utf-8").splitlines()
    to_taiwan = opencc.OpenCC("s2twp")
    texts += [to_taiwan.convert(t) for t in texts]
    # every short piece too: a query is often a few characters of a longer text
    texts += [t[i:i + 6] for t in texts[:2000] for i in range(0, max(len(t) - 5, 1), 3)]
    return [t for t in dict.fromkeys(texts) if t.strip()]


def test_a_text_let_through_is_one_opencc_returns_unchanged():
    triggers = opencc_triggers.Triggers(table()["chars"], table()["keys"])
    convert = opencc.OpenCC(opencc_triggers.CONFIG).convert
    skipped = [t for t in corpus() if not triggers.may_change(t)]
    assert len(skipped) > 1000  # the table does let most mainland text through
    wrong = [t for t in skipped if convert(t) != t]
    assert wrong == []


def test_traditional_and_taiwan_wording_is_converted():
    triggers = opencc_triggers.Triggers(table()["chars"], table()["keys"])
    for text in ["價格監督檢查", "程式設計", "函式", "國家糧食儲備", "資訊"]:
        assert triggers.may_change(text), text


def test_with_the_table_in_use_to_mainland_gives_the_same_text():
    texts = corpus()[:4000]
    chinese.use_triggers(None)
    plain = [chinese.to_mainland(t) for t in texts]
    chinese.use_triggers(opencc_triggers.Triggers(table()["chars"], table()["keys"]))
    try:
        assert [chinese.to_mainland(t) for t in texts] == plain
    finally:
        chinese.use_triggers(None)


@pytest.mark.parametrize("damage", ["size", "origin", "missing"])
def test_a_table_of_another_opencc_is_not_used(damage):
    stored = {**table(), "stamp": [list(x) if isinstance(x, list) else x for x in table()["stamp"]]}
    assert opencc_triggers.still_valid(stored)
    if damage == "size":
        stored["stamp"][1][1] += 1
    elif damage == "origin":
        stored["stamp"][0] = "/elsewhere/opencc/__init__.py"
    else:
        stored["stamp"][1][0] += ".gone"
    assert not opencc_triggers.still_valid(stored)
