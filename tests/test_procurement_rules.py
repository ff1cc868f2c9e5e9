"""Each procurement rule: a record that breaks it, and a near-identical one that does not."""

from __future__ import annotations

import csv
import io

import pytest

from govkg.procurement.checker import check_records
from govkg.procurement.records import COLUMNS, read_bytes

BASE = {
    "id": "T-1", "purchaser": "兰州市城关区民政局", "purchaser_type": "行政机关",
    "provider": "兰州康乐社会工作服务中心", "provider_type": "社会组织", "service": "社区居家养老服务",
    "content_type": "公共服务", "mode": "合同制", "method": "公开招标",
    "start_date": "2024-01-01", "end_date": "2024-12-31", "budgeted": "是", "continuous": "否",
    "subcontract": "无", "subcontract_approved": "", "amount": "100000",
}
THREE = "甲养老服务中心;乙养老服务中心;丙养老服务中心"
VOUCHER = {"mode": "凭单制", "method": "", "provider": THREE}


def csv_bytes(*rows: dict) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def findings(*overrides: dict):
    rows = [{**BASE, "id": f"T-{i + 1}", **o} for i, o in enumerate(overrides)]
    return check_records(read_bytes(csv_bytes(*rows), "test.csv")).findings


def fired(*overrides: dict) -> set[str]:
    return {f.rule for f in findings(*overrides)}


def test_the_base_record_has_no_findings_at_all():
    assert findings({}) == []


# rule id, breaking overrides, passing overrides (near-identical), expected severity
CASES = [
    ("R01", {"purchaser_type": "公益一类事业单位"}, {"purchaser_type": "行政机关"}, "Violation"),
    ("R01", {"purchaser_type": "企业"}, {"purchaser_type": "检察机关"}, "Violation"),
    ("R01", {"purchaser_type": "未分类事业单位"}, {"purchaser_type": "人大机关"}, "Violation"),
    ("R01", {"purchaser_type": "使用事业编制且由财政拨款保障的群团组织"}, {"purchaser_type": "使用行政编制的群团组织机关"}, "Violation"),
    ("R02", {"provider_type": "公益一类事业单位"}, {"provider_type": "公益二类事业单位"}, "Violation"),
    ("R02", {"provider_type": "行政机关"}, {"provider_type": "企业"}, "Violation"),
    ("R02", {"provider_type": "尚未分类的事业单位"}, {"provider_type": "生产经营类事业单位"}, "Violation"),
    ("R02", {"provider_type": "使用事业编制且由财政拨款保障的群团组织"}, {"provider_type": "经费不由财政负担的群团组织"}, "Violation"),
    ("R04", {"content_type": "货物"}, {"content_type": "公共服务"}, "Violation"),
    ("R04", {"content_type": "工程"}, {"content_type": "公共服务"}, "Violation"),
    ("R04", {"content_type": "工程和服务打包"}, {"content_type": "公共服务"}, "Violation"),
    ("R04", {"content_type": "融资"}, {"content_type": "履职辅助性服务"}, "Violation"),
    ("R04", {"content_type": "劳务派遣"}, {"content_type": "履职辅助性服务"}, "Violation"),
    ("R04", {"content_type": "人员招聘"}, {"content_type": "履职辅助性服务"}, "Violation"),
    ("R04", {"content_type": "公益性岗位"}, {"content_type": "公共服务"}, "Violation"),
    ("R04", {"content_type": "PPP"}, {"content_type": "公共服务"}, "Violation"),
    ("R05", {"budgeted": "否"}, {"budgeted": "是"}, "Violation"),
    ("R05", {"budgeted": ""}, {"budgeted": "true"}, "Violation"),
    ("R06A", {"end_date": "2027-01-02", "continuous": "是"}, {"end_date": "2027-01-01", "continuous": "是"}, "Violation"),
    ("R06B", {"end_date": "2025-06-30", "continuous": "否"}, {"end_date": "2025-06-30", "continuous": "是"}, "Warning"),
    ("R06B", {"end_date": "2025-01-02", "continuous": ""}, {"end_date": "2025-01-01", "continuous": ""}, "Warning"),
    ("R07", {**VOUCHER, "provider": "甲养老服务中心;乙养老服务中心"}, VOUCHER, "Violation"),
    ("R07", {**VOUCHER, "provider": "甲养老服务中心;甲养老服务中心;乙养老服务中心"}, VOUCHER, "Violation"),
    ("R08", {"method": "直接委托", "provider_type": "企业"}, {"method": "直接委托", "provider_type": "公益二类事业单位"}, "Violation"),
    ("R09A", {"subcontract": "转包"}, {"subcontract": "分包", "subcontract_approved": "是"}, "Violation"),
    ("R09B", {"subcontract": "分包", "subcontract_approved": "否"}, {"subcontract": "分包", "subcontract_approved": "是"}, "Violation"),
    ("R09B", {"subcontract": "分包", "subcontract_approved": ""}, {"subcontract": "无", "subcontract_approved": ""}, "Violation"),
    ("R10", {"method": "内部指定"}, {"method": "竞争性磋商"}, "Violation"),
    ("R10", {"method": ""}, {"method": "询价"}, "Violation"),
    ("R10", {**VOUCHER, "method": "领导指定"}, VOUCHER, "Violation"),
    ("R11", {"start_date": "2024-06-30", "end_date": "2024-01-01"}, {"start_date": "2024-01-01", "end_date": "2024-01-01"}, "Violation"),
    ("R12", {"provider_type": "个人", "provider": "王某某"}, {"provider_type": "企业", "provider": "王某某咨询有限公司"}, "Warning"),
    ("R12", {"provider_type": "个体工商户"}, {"provider_type": "农村集体经济组织"}, "Warning"),
    ("R13", {**VOUCHER, "content_type": "履职辅助性服务"}, {**VOUCHER, "content_type": "公共服务"}, "Warning"),
    ("R14", {"purchaser_type": "党的机关"}, {"purchaser_type": "监察机关"}, "Info"),
]


@pytest.mark.parametrize("rule, breaking, passing, severity", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_on_the_breaking_record_only(rule, breaking, passing, severity):
    broken = findings(breaking)
    assert rule in {f.rule for f in broken}
    assert {f.severity for f in broken if f.rule == rule} == {severity}
    assert rule not in fired(passing)


def test_r03_nobody_is_purchaser_in_one_record_and_provider_in_another():
    a = {"purchaser": "酒泉市民政局", "provider": "酒泉市社会组织孵化中心"}
    b_break = {"purchaser": "酒泉市社会组织孵化中心", "purchaser_type": "承担行政职能的事业单位", "provider": "酒泉明德财务咨询有限公司", "provider_type": "企业"}
    b_pass = {**b_break, "purchaser": "酒泉市社会组织服务中心"}
    broken = findings(a, b_break)
    assert {f.record for f in broken if f.rule == "R03"} == {"T-1", "T-2"}
    assert any("T-2" in f.message for f in broken if f.record == "T-1" and f.rule == "R03")
    assert "R03" not in {f.rule for f in findings(a, b_pass)}


def test_r03_same_body_on_both_sides_of_one_record():
    assert "R03" in fired({"provider": "兰州市城关区民政局", "provider_type": "企业"})
    assert "R03" not in fired({"provider": "兰州市城关区民政服务中心", "provider_type": "企业"})


def test_r03_names_differing_only_in_width_and_spacing_are_one_body():
    a = {"provider": "ＡＢＣ养老服务中心"}
    b = {"purchaser": "ABC养老服务中心 ", "purchaser_type": "行政机关", "provider": "某公司", "provider_type": "企业"}
    assert "R03" in {f.rule for f in findings(a, b)}


def test_english_codes_give_the_same_findings_as_chinese_names():
    zh = {"purchaser_type": "公益一类事业单位", "content_type": "工程", "mode": "合同制", "method": "公开招标",
          "provider_type": "企业", "subcontract": "转包", "budgeted": "否"}
    en = {"purchaser_type": "public-welfare-i-institution", "content_type": "works", "mode": "contract",
          "method": "open-tendering", "provider_type": "Enterprise", "subcontract": "transfer", "budgeted": "no"}
    a, b = findings(zh), findings(en)
    assert [(f.rule, f.article) for f in a] == [(f.rule, f.article) for f in b]
    assert {f.rule for f in a} == {"R01", "R04", "R05", "R09A"}


def test_findings_cite_the_precise_article():
    by_rule = {f.rule: f for f in findings({"purchaser_type": "公益一类事业单位", "content_type": "劳务派遣", "budgeted": "否"})}
    assert by_rule["R01"].article == "财政部令第102号 第八条"
    assert by_rule["R04"].article == "财政部令第102号 第十条第（五）项"
    assert by_rule["R05"].article == "财政部令第102号 第十六条"
    assert by_rule["R01"].message_en and "公益一类事业单位" in by_rule["R01"].message
    fin = {f.rule: f for f in findings({"content_type": "融资"})}["R04"]
    assert fin.article == "财政部令第102号 第十条第（四）项"
    assert {f.rule: f for f in findings({"purchaser_type": "企业"})}["R01"].article == "财政部令第102号 第五条"


def test_every_rule_in_the_shapes_has_a_test_case():
    from govkg.procurement.checker import rules

    ids = {r.id for r in rules().values()}
    tested = {c[0] for c in CASES} | {"R03"}
    assert ids == tested
