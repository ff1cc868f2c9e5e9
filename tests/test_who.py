"""`govkg who` and `govkg history`: answers on dates, in simplified, traditional and English."""

from __future__ import annotations

import json

import pytest

from conftest import run
from govkg.dates import parse_date
from govkg.history import history
from govkg.search.matcher import DutyText, bigrams, normalise_query, score
from govkg.who import who

RECEIVERS_2018 = [
    # (query, department or body that held it in 2010, body that holds it in 2019)
    ("价格监督检查与反垄断执法", "价格监督检查司", "国家市场监督管理总局"),
    ("组织编制主体功能区规划", "发展规划司", "自然资源部"),
    ("应对气候变化和减排", "应对气候变化司", "生态环境部"),
    ("农业投资项目管理", "国家发展和改革委员会", "农业农村部"),
    ("重大项目稽察", "重大项目稽察特派员办公室", "审计署"),
    ("药品和医疗服务价格管理", "价格司", "国家医疗保障局"),
    ("管理国家粮食、棉花和食糖储备", "国家物资储备局", "国家粮食和物资储备局"),
]


def holders(result) -> list[str]:
    return [r["holder"]["label_zh"] for r in result["results"] if r["holder"]]


def test_price_supervision_2010_is_the_ndrc_department(backend):
    result = who(backend, "价格监督检查", "2010-06-01")
    top = result["results"][0]
    assert top["holder"]["label_zh"] == "价格监督检查司"
    assert top["holder"]["kind"] == "department"
    assert top["holder"]["parent"]["label_en"] == "National Development and Reform Commission"
    assert top["interval"] == {"from": "2008-03-15", "to": "2018-03-17"}
    assert "line " in top["source"]["locator"]  # "line N" of the source, or "§S, line N" of the reference notes
    assert top["source"]["quote"] or top["source"]["paraphrase"]  # verbatim, or marked as a paraphrase


def test_price_supervision_2019_is_samr_with_the_2018_transfer(backend):
    result = who(backend, "价格监督检查", "2019-06-01")
    top = result["results"][0]
    assert top["holder"]["label_en"] == "State Administration for Market Regulation"
    assert top["holder"]["parent"] is None
    moves = top["history"]
    assert [(m["date"], m["from"]["label_zh"], m["to"]["label_zh"]) for m in moves] == [
        ("2018-03-17", "价格监督检查司", "国家市场监督管理总局")]
    assert moves[0]["event"] == "2018年国务院机构改革"


@pytest.mark.parametrize("query,before,after", RECEIVERS_2018)
def test_each_2018_transfer(backend, query, before, after):
    assert before in holders(who(backend, query, "2010-06-01", limit=5))
    assert after in holders(who(backend, query, "2019-06-01", limit=5))


@pytest.mark.parametrize("query,before,after", [
    ("工业行业管理", "国家发展和改革委员会", "工业和信息化部"),
    ("能源行业管理", "国家发展和改革委员会", "国家能源局"),
    ("管理国家烟草专卖局", "国家发展和改革委员会", "工业和信息化部"),
])
def test_2008_transfers(backend, query, before, after):
    assert holders(who(backend, query, "2005-01-01", limit=1)) == [before]
    assert holders(who(backend, query, "2009-01-01", limit=1)) == [after]


def test_traditional_chinese_and_english_find_the_same_duty(backend):
    simplified = who(backend, "价格监督检查", "2019-06-01")["results"][0]["duty"]["iri"]
    traditional = who(backend, "價格監督檢查", "2019-06-01")["results"][0]["duty"]["iri"]
    english = who(backend, "Price Supervision", "2019-06-01", limit=3)["results"]
    assert traditional == simplified
    assert simplified in [r["duty"]["iri"] for r in english]


def test_source_artefact_spelling_finds_the_corrected_duty(backend):
    assert normalise_query("巨观调控") == "宏观调控"
    assert who(backend, "巨观调控", "2010-01-01")["results"]


def test_a_duty_not_yet_held_is_reported_after_the_held_ones(backend):
    result = who(backend, "将数字经济发展纳入本级国民经济和社会发展规划", "2015-01-01", limit=10)
    rows = result["results"]
    at = next(i for i, r in enumerate(rows) if r["duty"]["label_zh"] == "将数字经济发展纳入本级国民经济和社会发展规划")
    r = rows[at]
    assert at > 0 and all(above["status"] == "held" for above in rows[:at])  # the held duties rank above it
    assert r["holder"] is None and r["status"] == "not held"
    assert r["note"] == "no holder recorded before the sources begin (2021-09-01)"


def test_digital_economy_moves_to_the_national_data_administration(backend):
    assert holders(who(backend, "统筹推进数字经济发展", "2020-01-01", limit=1)) == ["国家发展和改革委员会"]
    assert holders(who(backend, "统筹推进数字经济发展", "2024-01-01", limit=1)) == ["国家数据局"]


def test_ranking_prefers_a_whole_phrase_in_a_short_label():
    short = DutyText("a", labels=["价格监督检查"], texts=["价格监督检查"])
    long = DutyText("b", labels=["指导价格监督检查工作，组织实施价格检查，依法查处价格违法行为"])
    scattered = DutyText("c", labels=["监督检查价格政策的执行"])
    assert score("价格监督检查", short) > score("价格监督检查", long) > score("价格监督检查", scattered) > 0
    assert score("价格监督检查", DutyText("d", labels=["政府采购监督"])) == 0
    assert bigrams("价格 监督") == ["价格", "监督"]


@pytest.mark.parametrize("bad", ["2023-02-30", "2019-13-01", "yesterday", ""])
def test_bad_dates_are_refused(bad):
    from govkg.errors import InputError

    with pytest.raises(InputError, match="calendar date"):
        parse_date(bad)


def test_cli_json_shape_and_exit_codes(runner):
    result = run(runner, "who", "价格监督检查", "--on", "2019-06-01", "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["query"] == "价格监督检查" and payload["on"] == "2019-06-01"
    first = payload["results"][0]
    assert set(first) >= {"duty", "holder", "interval", "source", "history", "score"}
    assert set(first["duty"]) >= {"iri", "label_zh", "label_en", "text_zh"}
    assert set(first["holder"]) >= {"iri", "label_zh", "label_en", "kind", "parent"}
    assert set(first["source"]) == {"document", "locator", "quote"}
    assert set(first["history"][0]) >= {"date", "event", "from", "to"}

    nothing = run(runner, "who", "黑洞蒸发", "--format", "json")
    assert nothing.exit_code == 1 and json.loads(nothing.output)["results"] == []
    for args in (["who", "价格", "--on", "2023-02-30"], ["who", "   "], ["who", "价格", "--limit", "0"]):
        bad = run(runner, *args)
        assert bad.exit_code == 2, args
        assert "Traceback" not in bad.output and "error" in bad.output


def test_cli_table_is_bilingual(runner):
    result = run(runner, "who", "价格监督检查", "--on", "2010-06-01", "--format", "table", "--limit", "2")
    assert result.exit_code == 0
    assert "价格监督检查司" in result.output and "Price" in result.output


class _Recorder:
    """A backend wrapper that keeps every query text and its bound values."""

    def __init__(self, inner):
        self.inner, self.calls = inner, []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def query(self, query, bindings=None, values=None):
        self.calls.append((query, bindings, values))
        return self.inner.query(query, bindings, values)

    def select(self, query, bindings=None, values=None):
        return self.query(query, bindings, values).rows


@pytest.mark.parametrize("text", ['") } ; DROP ALL ; #', '价格" || true || "', "价格监督检查"])
def test_user_text_is_bound_as_data(backend, text):
    """The user's text never becomes query text, in who or in history's name lookup: it only
    travels as a bound literal (a query that pasted it would show it here, or break on the quote)."""
    from govkg.errors import GovkgError

    recorder = _Recorder(backend)
    who(recorder, text, "2019-01-01")
    try:
        history(recorder, text)
    except GovkgError:
        pass  # no such name, or several: what matters is how it was asked
    assert recorder.calls
    forms = {text.lower(), normalise_query(text).lower()} - {""}
    for query, _, _ in recorder.calls:
        assert not any(form in query.lower() for form in forms), query


def test_history_of_the_ndrc(backend):
    for name in ("发改委", "NDRC", "国家发展和改革委员会", "inst:ndrc", "national development and reform commission"):
        h = history(backend, name)
        assert h["entity"]["iri"].endswith("/inst/ndrc"), name
    assert [x["label_zh"] for x in h["lineage"]] == ["国家计划委员会", "国家发展计划委员会", "国家发展和改革委员会"]
    lost_2018 = {m["to"]["label_zh"] for m in h["duties_lost"] if m["date"] == "2018-03-17"}
    assert lost_2018 == {"自然资源部", "生态环境部", "农业农村部", "审计署", "国家市场监督管理总局",
                         "国家医疗保障局", "国家粮食和物资储备局"}
    assert {m["label_zh"] for m in h["manages"]} >= {"国家能源局", "国家数据局"}


def test_history_of_a_duty_is_its_lineage(backend):
    h = history(backend, "综合经济管理")
    assert [x["holder"]["label_zh"] for x in h["holders"]] == ["国家计划委员会", "国家发展计划委员会", "国家发展和改革委员会"]
    assert [t["date"] for t in h["transfers"]] == ["1998-03-10", "2003-03-10"]


def test_history_unknown_and_ambiguous_names(runner):
    unknown = run(runner, "history", "火星管理局")
    assert unknown.exit_code == 1 and "no institution" in unknown.output
    vague = run(runner, "history", "价格")
    assert vague.exit_code == 1 and "candidates: 价格司" in vague.output
    # a prefix of an English name is not that name: listed as a candidate, never answered
    foo = run(runner, "history", "foo")
    assert foo.exit_code == 1 and "National Food and Strategic Reserves Administration" in foo.output
    assert "timeline" not in foo.output and len(foo.output.strip().splitlines()) == 1
    assert run(runner, "history", "国家计委", "--format", "json").exit_code == 0


def test_chinese_words_typed_apart_match_the_joined_phrase(backend):
    top = who(backend, "政府购买服务 审计", "2022-01-01", limit=1)["results"][0]
    assert top["duty"]["label_zh"] == "政府购买服务审计"
    assert top["holder"]["label_zh"] == "审计部门" and top["coverage"] == 1.0


def test_sources_quote_before_paraphrase_then_by_document_and_line():
    from govkg.labels import passage_order

    def passage(name, doc, line, quote):
        return {"passage": name, "document_iri": doc, "line": line,
                "quote": "…" if quote else None, "paraphrase": None if quote else "…"}

    passages = [passage("p-a5", "doc-a", 5, False), passage("q-b2", "doc-b", 2, True),
                passage("q-a63", "doc-a", 63, True), passage("p-note", None, None, False),
                passage("q-a7", "doc-a", 7, True)]
    assert [p["passage"] for p in sorted(passages, key=passage_order)] == ["q-a7", "q-a63", "q-b2", "p-a5", "p-note"]
