"""Issue 11: Guangzhou's digital-government plan (source lines 899-1293) in the graph.

The plan's tasks are found by `govkg who`, its targets and outline printed by `govkg plan`,
what the source lost is recorded (never invented), quotes stay verbatim while canonical text
loses the footnote numbers the scraper glued to words, and the plan shapes catch broken data.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, run

GK = "https://w3id.org/govkg/def#"
PLAN = "https://w3id.org/govkg/id/legal/gz-dg-plan"
PLAN_DATA = ROOT / "data" / "gz_digital_government_plan.ttl"
BROKEN = Path(__file__).parent / "data" / "plan" / "invalid_plan.ttl"


def select(backend, query, **bindings):
    from govkg.sparql import iri

    return backend.select(query, {k: iri(v) for k, v in bindings.items()})


@pytest.fixture(scope="module")
def report(backend):
    from govkg.plan import plan_report

    return plan_report(backend, "数字政府改革建设")


# ------------------------------------------------------------------ what the text holds, and what it lost


def test_table_1_indicators_are_modelled_with_their_values_missing(backend, source_lines):
    rows = backend.select("""SELECT ?x ?label ?gap WHERE { ?x a gk:Indicator ; skos:inScheme plan:gz-dg-table-1 ;
        skos:prefLabel ?label ; gk:sourceGap ?gap . FILTER (LANG(?label) = "zh" && LANG(?gap) = "en") }""")
    names = {r["label"].value for r in rows}
    table = [source_lines[n - 1].strip().rsplit("(", 1)[0] for n in range(1049, 1080, 2)]
    assert len(table) == 16 and names == set(table)
    assert all("lost" in r["gap"].value for r in rows)
    # no value is attached to an indicator itself, and only prose targets (lines 1037-1045) point to one
    assert not backend.select("SELECT ?x WHERE { ?x a gk:Indicator ; rdf:value ?v }")
    lines = {int(r["line"].value) for r in backend.select(
        "SELECT ?line WHERE { ?t gk:indicator ?i ; gk:source/gk:line ?line . ?i a gk:Indicator }")}
    assert lines and lines <= set(range(1037, 1046))


def test_every_target_has_value_unit_year_and_says_whether_it_has_a_baseline(report):
    assert len(report["targets"]) >= 10
    for t in report["targets"]:
        assert t["target"]["unit"] and t["target"]["year"] == 2025 and t["target"]["line"]
        assert (t["baseline"] is None) == (t["baseline_note"] == "not stated in the source")
    datasets = next(t for t in report["targets"] if "开放数据集" in t["label_zh"])
    assert (datasets["baseline"]["value"], datasets["baseline"]["year"], datasets["baseline"]["line"]) == (1518, 2020, 951)
    assert (datasets["target"]["value"], datasets["target"]["line"]) == (2000, 1043)
    activation = next(t for t in report["targets"] if "激活率" in t["label_zh"])
    assert activation["target"]["qualifier"] == "at least" and activation["target"]["value"] == 95


def test_the_missing_text_is_recorded(report):
    parts = {}

    def walk(items):
        for p in items:
            parts[p["label_zh"]] = p
            walk(p["parts"])

    walk(report["outline"])
    for name in ("第四节 提升政府业务协同效能", "第七节 营造数字治理新环境", "第一节 2021年全面推进阶段"):
        assert "table of contents" in parts[name]["gap"] and not parts[name]["tasks"]
    assert "stops inside" in parts["第三节 创新“数字孪生”城市治理模式"]["gap"]
    assert any("1286" in g for g in report["plan"]["gaps"])
    assert report["counts"]["key_projects"] >= 30 and report["counts"]["tasks"] >= 80


def test_quotes_verbatim_canonical_text_without_glued_footnotes(backend, source_lines):
    rows = backend.select("""SELECT ?text ?quote ?line WHERE { ?d a gk:PlanTask ; gk:canonicalText ?text ;
        gk:source ?p . ?p gk:quote ?quote ; gk:line ?line }""")
    assert len(rows) >= 80
    for r in rows:
        assert r["quote"].value in source_lines[int(r["line"].value) - 1]
    texts = {r["text"].value for r in rows}
    quotes = {r["quote"].value for r in rows}
    for glued in ("政务数据18", "IPv630", "品牌11", "证照分离”7"):
        assert not any(glued in t for t in texts), glued
        assert any(glued in q for q in quotes), glued
    assert any("政务数据与社会数据融合" in t for t in texts)


# ------------------------------------------------------------------ who, history, named queries


def test_who_finds_plan_tasks_and_says_when_no_body_is_named(runner):
    out = json.loads(run(runner, "who", "穗好办", "--limit", "3", "--format", "json").output)
    assert out["results"] and all("穗好办" in r["duty"]["text_zh"] for r in out["results"])
    assert all(r["holder"] is None and "names no responsible body" in r["note"] for r in out["results"])
    named = json.loads(run(runner, "who", "区级政务大数据中心节点", "--on", "2023-06-01", "--format", "json").output)
    first = named["results"][0]
    assert first["holder"]["label_zh"] == "广州市各区" and first["source"]["locator"] == "line 1146"
    before = json.loads(run(runner, "who", "区级政务大数据中心节点", "--on", "2019-06-01", "--format", "json").output)
    assert before["results"][0]["holder"] is None  # the plan period starts in 2021


def test_history_knows_the_new_bodies(runner):
    for name in ("广州市政务服务数据管理局", "广州市数字政府运营中心", "广州市“数字政府”改革建设工作领导小组办公室"):
        result = run(runner, "history", name, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["entity"]["label_zh"] == name


def test_named_queries_for_bodies_targets_and_platforms(backend):
    from govkg.named_queries import bind_params, load_registry

    registry = load_registry()

    def run_query(name, **raw):
        q = registry[name]
        return backend.select(q.text, bind_params(q.params, raw, name))

    tasks = run_query("plan_tasks_of_body", body="role:gz-districts")
    assert {"建设区级协同管理平台", "按照统一标准加强区级政务大数据中心节点建设"} <= {
        r["label_zh"].value for r in tasks if "label_zh" in r}
    targets = run_query("targets_of_plan", plan="legal:gz-dg-plan")
    assert len(targets) == 11 and sum(1 for r in targets if r["baseline_stated"].value == "true") == 2
    platforms = run_query("platforms_and_operators")
    suihaoban = [r for r in platforms if r.get("platform_zh") and r["platform_zh"].value == "穗好办"]
    assert suihaoban and {r["responsible"].value for r in suihaoban} == {"not named"}


def test_line_1_keeps_its_answer_and_links_the_plans_statements(runner, backend):
    out = json.loads(run(runner, "who", "将数字经济发展纳入本级国民经济和社会发展规划", "--format", "json").output)
    assert out["results"][0]["holder"]["iri"].endswith("role/gd-county-and-above-governments")
    quotes = [r["quote"].value for r in backend.select("""SELECT ?quote WHERE {
        duty:digital-economy-in-development-plan dcterms:relation ?p . ?p gk:quote ?quote }""")]
    assert any("加快建设数字经济" in q for q in quotes) and any("编制本规划" in q for q in quotes)


# ------------------------------------------------------------------ govkg plan


def test_plan_command_prints_targets_as_csv_and_json(runner):
    result = run(runner, "plan", "--show", "targets", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    row = next(r for r in rows if "开放数据集" in r["target"])
    assert (row["baseline"], row["baseline_year"], row["target_value"], row["target_year"], row["line"]) == \
        ("1518 个", "2020", "2000 个", "2025", "1043")
    assert sum(1 for r in rows if r["baseline"] == "not stated in the source") == 9
    outline = json.loads(run(runner, "plan", "legal:gz-dg-plan", "--show", "outline", "--format", "json").output)
    assert outline["plan"]["iri"] == PLAN and outline["outline"]


def test_plan_command_rejects_an_unknown_plan(runner):
    result = run(runner, "plan", "没有这个规划")
    assert result.exit_code == 2 and "no plan" in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------ shapes


def test_plan_shapes_catch_broken_plan_data_on_both_engines():
    from govkg import fastshacl
    from govkg.store import user_sources
    from govkg.validation import rdflib_graph, shapes_graph, validate_pyshacl
    from govkg import resources

    ontology = [Path(str(f)) for f in resources.ontology_files()]
    sources = user_sources([*ontology, PLAN_DATA, BROKEN])
    shapes = shapes_graph()
    reference = validate_pyshacl(rdflib_graph(sources), shapes)
    fast = fastshacl.validate_sources(sources, shapes)
    broken = [f for f in fast.findings if "fixture" in f.focus]

    def fired(report):
        # (focus, node shape): a property shape with a complex path is named by a blank node
        return {(f.focus.rsplit("/", 1)[-1], f.shape.split("#", 1)[-1].split("/", 1)[0]) for f in report.findings
                if "fixture" in f.focus}

    assert fired(reference) == fired(fast)
    shapes_fired = {s for _, s in fired(fast)}
    assert {"FigureShape", "TargetShape", "PlanTaskShape", "IndicatorShape", "DutyShape"} == shapes_fired
    assert broken and all(f.message and f.message_zh for f in broken)
    clean = fastshacl.validate_sources(user_sources([*ontology, PLAN_DATA]), shapes)
    assert not [f for f in clean.findings if "plan#" in f.shape]
