"""``govkg check-procurement`` and ``govkg eligibility`` through the CLI: exit codes, formats,
encodings and malformed input (exit 2, one line naming the problem, never a traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "procurement"
DATA = Path(__file__).resolve().parent / "data" / "procurement"
HEADER = ("id,purchaser,purchaser_type,provider,provider_type,service,content_type,mode,method,"
          "start_date,end_date,budgeted,continuous,subcontract,subcontract_approved,amount")
GOOD_ROW = "A-1,兰州市城关区民政局,行政机关,兰州康乐社会工作服务中心,社会组织,社区养老,公共服务,合同制,公开招标,2024-01-01,2024-12-31,是,否,无,,1000"


def invoke(*args):
    from govkg.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    stderr = getattr(result, "stderr", "") if result.stderr_bytes is not None else ""
    return result, result.output + ("" if stderr in result.output else stderr)


def check_json(path):
    result, out = invoke("check-procurement", path, "--format", "json")
    assert result.exit_code in (0, 1), out
    return result.exit_code, json.loads(result.stdout)


# ------------------------------------------------------------------ outcomes and formats


def test_conforming_example_exits_0():
    result, out = invoke("check-procurement", EXAMPLES / "conforming.csv")
    assert result.exit_code == 0, out
    assert "合规 conforms" in out and "GS-2024-001" in out


def test_violations_example_exits_1_and_has_every_rule():
    from govkg.procurement.checker import rules

    code, report = check_json(EXAMPLES / "violations.csv")
    assert code == 1
    assert report["conforms"] is False
    assert report["records"] == 17
    assert {v["rule"] for v in report["violations"]} == {r.id for r in rules().values()}
    # one record per rule (R03 needs two records, one on each side; V-R03-B's purchaser, not a
    # state organ, also gets the R14 note)
    for v in report["violations"]:
        if (v["record"], v["rule"]) != ("V-R03-B", "R14"):
            assert v["record"].startswith("V-" + v["rule"]), v


def test_json_shape():
    _, report = check_json(EXAMPLES / "violations.csv")
    assert set(report) >= {"conforms", "records", "violations"}
    assert isinstance(report["records"], int)
    for v in report["violations"]:
        assert set(v) >= {"record", "rule", "severity", "article", "message"}
        assert v["severity"] in {"Violation", "Warning", "Info"}
        assert all(isinstance(v[k], str) and v[k] for k in ("record", "rule", "article", "message"))
    first = next(v for v in report["violations"] if v["rule"] == "R01")
    assert first == {**first, "record": "V-R01", "severity": "Violation", "article": "财政部令第102号 第八条"}


def test_warnings_and_notes_alone_exit_0():
    code, report = check_json(EXAMPLES / "conforming.csv")
    assert code == 0 and report["conforms"] is True
    assert [v["rule"] for v in report["violations"]] == ["R14"]


def test_text_format_groups_findings_by_record():
    result, out = invoke("check-procurement", EXAMPLES / "violations.csv")
    assert result.exit_code == 1
    block = out.split("记录 Record V-R04", 1)[1].split("记录 Record", 1)[0]
    assert "R04" in block and "财政部令第102号 第十条第（三）项" in block and "[违规 Violation]" in block
    assert "R01" not in block


@pytest.mark.parametrize("name", ["violations_bom.csv", "violations_gbk.csv", "violations.json"])
def test_utf8_bom_gbk_and_json_copies_give_identical_findings(name):
    assert check_json(DATA / name) == check_json(DATA / "violations_utf8.csv")


def test_gbk_copy_is_really_not_utf8():
    data = (DATA / "violations_gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_tab_separated_utf16_as_excel_unicode_text(tmp_path):
    src = (DATA / "violations_utf8.csv").read_text(encoding="utf-8").replace(",", "\t")
    path = tmp_path / "unicode.txt"
    path.write_bytes(src.encode("utf-16"))
    assert check_json(path) == check_json(DATA / "violations_utf8.csv")


# ------------------------------------------------------------------ malformed input: exit 2


def write(tmp_path, text, name="in.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def fails(path, *expected):
    result, out = invoke("check-procurement", path, "--format", "json")
    assert result.exit_code == 2, out
    assert "Traceback" not in out
    assert "govkg: error:" in out
    for text in expected:
        assert text in out, out
    return out


def test_missing_column_is_named(tmp_path):
    header = HEADER.replace(",budgeted", "")
    row = GOOD_ROW.replace(",是,否,无", ",否,无")
    fails(write(tmp_path, f"{header}\n{row}\n"), "missing column budgeted")


def test_several_missing_columns_are_all_named(tmp_path):
    fails(write(tmp_path, "id,purchaser\nA-1,某局\n"), "purchaser_type", "end_date", "subcontract_approved")


def test_date_that_does_not_exist_names_record_column_value(tmp_path):
    row = GOOD_ROW.replace("2024-12-31", "2023-02-29")
    fails(write(tmp_path, f"{HEADER}\n{row}\n"), "record A-1", "column end_date", "'2023-02-29'", "not a date that exists")


def test_malformed_date_names_record_column_value(tmp_path):
    row = GOOD_ROW.replace("2024-01-01", "明年一月")
    fails(write(tmp_path, f"{HEADER}\n{row}\n"), "record A-1", "column start_date", "'明年一月'")


def test_empty_file(tmp_path):
    fails(write(tmp_path, ""), "empty")


def test_blank_lines_only(tmp_path):
    fails(write(tmp_path, "\n\n  \n"), "empty")


def test_header_without_records(tmp_path):
    fails(write(tmp_path, HEADER + "\n"), "no records")


def test_unknown_category_is_named_with_the_accepted_ones(tmp_path):
    row = GOOD_ROW.replace("行政机关", "公益三类事业单位")
    out = fails(write(tmp_path, f"{HEADER}\n{row}\n"), "record A-1", "purchaser_type", "公益三类事业单位", "accepted:")
    assert "公益一类事业单位" in out and "行政机关" in out and "个体工商户" in out


def test_unknown_content_type_and_mode(tmp_path):
    fails(write(tmp_path, f"{HEADER}\n{GOOD_ROW.replace('公共服务', '咨询')}\n"), "content_type", "'咨询'", "accepted:")
    fails(write(tmp_path, f"{HEADER}\n{GOOD_ROW.replace('合同制', '补贴制')}\n"), "column mode", "'补贴制'")


def test_bad_boolean(tmp_path):
    fails(write(tmp_path, f"{HEADER}\n{GOOD_ROW.replace(',是,否,', ',也许,否,')}\n"), "record A-1", "column budgeted", "'也许'")


def test_bad_subcontract(tmp_path):
    fails(write(tmp_path, f"{HEADER}\n{GOOD_ROW.replace(',无,', ',外包,')}\n"), "column subcontract", "'外包'")


def test_bad_amount(tmp_path):
    fails(write(tmp_path, f"{HEADER}\n{GOOD_ROW[:-4]}十万\n"), "column amount", "'十万'")


def test_empty_required_cell(tmp_path):
    fails(write(tmp_path, f"{HEADER}\n{GOOD_ROW.replace('兰州康乐社会工作服务中心', '')}\n"), "record A-1", "column provider is empty")


def test_duplicate_ids(tmp_path):
    """The first record is checked; the second with the same id is reported, not checked (exit 1)."""
    result, out = invoke("check-procurement", write(tmp_path, f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW}\n"), "--format", "json")
    assert result.exit_code == 1, out
    answer = json.loads(result.stdout)
    assert answer["records"] == 1
    assert [(p["row"], p["column"]) for p in answer["unreadable"]] == [(3, "id")]
    assert "twice" in answer["unreadable"][0]["message"]


def test_missing_file(tmp_path):
    fails(tmp_path / "nope.csv", "no such file")


def test_invalid_json(tmp_path):
    fails(write(tmp_path, '[{"id": "A-1",', "in.json"), "not valid JSON")


def test_json_that_is_not_a_list(tmp_path):
    fails(write(tmp_path, '{"id": "A-1"}', "in.json"), "list of record objects")


def test_json_missing_key_names_record_and_key(tmp_path):
    fails(write(tmp_path, '[{"id": "J-1", "purchaser": "某局"}]', "in.json"), "record J-1", "missing column", "provider_type")


def test_binary_garbage(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\x80\x81\xff\xfe\x00" * 3 + b"\xff")
    result, out = invoke("check-procurement", path)
    assert result.exit_code == 2 and "Traceback" not in out and "govkg: error:" in out


# ------------------------------------------------------------------ eligibility


def test_eligibility_of_public_welfare_class_i_cites_article_8():
    result, out = invoke("eligibility", "公益一类事业单位")
    assert result.exit_code == 0, out
    purchaser, provider = out.split("承接主体 provider:", 1)
    assert "购买主体 purchaser: 不可以" in purchaser and "财政部令第102号 第八条" in purchaser
    assert "不可以" in provider and "财政部令第102号 第八条" in provider and "甘肃100问 第24问" in provider
    assert "公益一类事业单位、使用事业编制且由财政拨款保障的群团组织,不作为政府购买服务的购买主体和承接主体" in out


@pytest.mark.parametrize("category, purchaser, provider, article", [
    ("行政机关", True, False, "财政部令第102号 第五条"),
    ("公益二类事业单位", False, True, "财政部令第102号 第六条"),
    ("党的机关", True, False, "甘肃100问 第19问"),
    ("个体工商户", False, True, "甘肃100问 第23问"),
    ("未分类事业单位", False, False, "甘肃100问 第26问"),
    ("public-welfare-i-institution", False, False, "财政部令第102号 第八条"),
])
def test_eligibility_json(category, purchaser, provider, article):
    result, out = invoke("eligibility", category, "--format", "json")
    assert result.exit_code == 0, out
    answer = json.loads(result.stdout)
    assert answer["purchaser"]["allowed"] is purchaser
    assert answer["provider"]["allowed"] is provider
    assert article in answer["purchaser"]["articles"] + answer["provider"]["articles"]
    assert answer["purchaser"]["quotes"] and answer["provider"]["quotes"]


def test_eligibility_unknown_category_exits_2_listing_the_accepted():
    result, out = invoke("eligibility", "公益三类事业单位")
    assert result.exit_code == 2 and "Traceback" not in out
    assert "公益三类事业单位" in out and "accepted:" in out and "公益一类事业单位" in out


def test_eligibility_without_category_lists_all():
    result, out = invoke("eligibility")
    assert result.exit_code == 0
    assert "公益一类事业单位" in out and "个体工商户" in out and "未分类事业单位" in out


def test_importing_the_cli_module_does_not_load_rdflib_or_pyshacl():
    import subprocess
    import sys

    code = "import sys, govkg.cli.procurement; print('rdflib' in sys.modules, 'pyshacl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
