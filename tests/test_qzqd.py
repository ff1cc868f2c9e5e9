"""``govkg import qzqd`` and ``govkg diff`` on small SYNTHETIC 权责清单 sheets.

Every sheet here is built by the test (openpyxl) in the forms the published lists use — a title
row, header variants across provinces, several laws per basis cell — and is marked synthetic in
its title; the rows are invented, never facts about a real department.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Namespace, URIRef

from govkg.qzqd.basis import chinese_number, parse_basis

GK = Namespace("https://w3id.org/govkg/def#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = "合成测试数据（SYNTHETIC，非真实清单）"
BODY = "某市发展和改革委员会"
HEADER_A = ["序号", "权力名称", "权力类型", "权力编码", "实施主体", "设定依据", "责任事项", "追责情形"]
HEADER_B = ["编号序号", "职权名称", "职权类别", "职权编码", "法定主体", "法律依据", "责任事项内容", "问责情形"]

ROWS_2019 = [
    ["对价格违法行为的行政处罚", "行政处罚", "CF-001", BODY,
     "1.《中华人民共和国价格法》第三十九条、第四十条；2.《价格违法行为行政处罚规定》第四条第二款", "1.立案责任\n2.调查责任", "失职追责"],
    ["政府定价成本监审", "行政检查", "JC-002", BODY, "《政府制定价格成本监审办法》", "监审责任", "追责"],
    ["企业投资项目核准", "行政许可", "XK-003", BODY, "《企业投资项目核准和备案管理条例》第三条", "受理责任", "追责"],
    ["粮食收购资格认定", "行政许可", "XK-004", BODY, "《粮食流通管理条例》第九条", "受理责任", "追责"],
]


def invoke(*args):
    from govkg.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    stderr = result.stderr if result.stderr_bytes is not None else ""
    return result, result.output + ("" if stderr in result.output else stderr)


def sheet(path, rows, header=HEADER_A, title=f"{SYNTHETIC}：某市发展和改革委员会权责清单（2019年6月30日）",
          merge=None):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "权责清单"
    if title:
        ws.append([title])
    ws.append(header)
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
    if merge:
        ws.merge_cells(merge)
    book.save(path)
    return path


def imported(tmp_path, path, *extra, name="out.ttl"):
    out = tmp_path / name
    result, text = invoke("import", "qzqd", path, "-o", out, *extra)
    assert result.exit_code == 0, text
    return Graph().parse(out), out


# ------------------------------------------------------------------ legal basis


def test_legal_basis_names_instruments_and_articles():
    got = [(p.instrument, p.article, p.paragraph) for p in parse_basis(ROWS_2019[0][4])]
    assert got == [("中华人民共和国价格法", 39, None), ("中华人民共和国价格法", 40, None),
                   ("价格违法行为行政处罚规定", 4, 2)]
    assert [(p.instrument, p.article) for p in parse_basis("《粮食流通管理条例》")] == [("粮食流通管理条例", None)]
    # prose between the title and an article: the article is not taken as the instrument's
    assert [p.article for p in parse_basis("《甲法》的有关规定及乙办法第三条")] == [None]


@pytest.mark.parametrize("text, value", [("十二", 12), ("一百二十三", 123), ("三十", 30), ("十", 10),
                                         ("二百零五", 205), ("15", 15)])
def test_chinese_article_numbers(text, value):
    assert chinese_number(text) == value


# ------------------------------------------------------------------ import


def test_import_makes_duties_assignments_sources_and_provisions(tmp_path):
    graph, _ = imported(tmp_path, sheet(tmp_path / "a.xlsx", ROWS_2019))
    duties = list(graph.subjects(URIRef(str(SKOS.notation)), None))
    assert len(duties) == 4
    penalty = next(d for d in duties if str(graph.value(d, SKOS.notation)) == "CF-001")
    assert graph.value(penalty, GK.powerType) == URIRef("https://w3id.org/govkg/id/power-type/penalty")
    assert "立案责任\n2.调查责任" in str(graph.value(penalty, GK.responsibilitySteps))
    asg = next(graph.subjects(GK.duty, penalty))
    assert str(graph.value(asg, GK.startDate)) == "2019-06-30"
    provisions = sorted(str(graph.value(p, SKOS.prefLabel)) for p in graph.objects(asg, GK.legalBasis))
    assert provisions == ["《中华人民共和国价格法》第三十九条", "《中华人民共和国价格法》第四十条",
                          "《价格违法行为行政处罚规定》第四条第二款"]
    passage = graph.value(asg, GK.source)
    assert str(graph.value(passage, GK.locator)) == "a.xlsx, sheet 权责清单, row 3"
    assert str(graph.value(passage, GK.quote)) == "对价格违法行为的行政处罚"


def test_body_matches_an_existing_institution_only_by_its_exact_name(tmp_path):
    rows = [r[:3] + ["国家发展和改革委员会"] + r[4:] for r in ROWS_2019[:1]] + \
           [r[:3] + ["国家发展改革委员"] + r[4:] for r in ROWS_2019[1:2]]
    graph, _ = imported(tmp_path, sheet(tmp_path / "a.xlsx", rows))
    holders = {str(graph.value(d, SKOS.notation)): str(graph.value(next(graph.subjects(GK.duty, d)), GK.holder))
               for d in graph.subjects(SKOS.notation, None)}
    assert holders["CF-001"] == "https://w3id.org/govkg/id/inst/ndrc"
    assert "/inst/qzqd-" in holders["JC-002"]  # not certain: a new body, not a guess


def test_second_header_variant_and_as_of_required_without_a_stated_date(tmp_path):
    path = sheet(tmp_path / "b.xlsx", ROWS_2019, header=HEADER_B, title=f"{SYNTHETIC}（2019年版）")
    result, out = invoke("import", "qzqd", path)
    assert result.exit_code == 2 and "only a year (2019)" in out and "--as-of" in out
    graph, _ = imported(tmp_path, path, "--as-of", "2019-07-01")
    assert {str(o) for o in graph.objects(None, GK.startDate)} == {"2019-07-01"}


def test_every_problem_of_a_bad_sheet_in_one_run_and_nothing_written(tmp_path):
    rows = [list(r) for r in ROWS_2019]
    rows[1][1] = "行政审查"           # unknown power type (row 4)
    rows[2][2] = "CF-001"             # duplicate code (row 5)
    rows[3][0] = "粮食收购\n资格认定"  # several lines in the name (row 6)
    path = sheet(tmp_path / "bad.xlsx", rows + [ROWS_2019[0][:1] + ["行政许可", "XK-9", "", "", "", ""]],
                 merge="E3:E4")
    out_file = tmp_path / "out.ttl"
    result, out = invoke("import", "qzqd", path, "-o", out_file)
    assert result.exit_code == 2 and not out_file.exists()
    lines = out.strip().splitlines()
    assert all(line.startswith("govkg: error: ") for line in lines)
    text = "\n".join(lines)
    for expected in ("row 3: cells E3:E4 are merged", "row 4, column 权力类型 (C): unknown power type '行政审查'",
                     "row 5, column 权力编码 (D): code CF-001 appears twice", "row 6, column 权力名称 (B): several lines",
                     "row 7, column 实施主体 (E): empty"):
        assert expected in text, text
    assert len(lines) == 5


def test_missing_columns_are_named(tmp_path):
    path = sheet(tmp_path / "m.xlsx", [r[:2] for r in ROWS_2019], header=["序号", "权力名称", "权力类型"])
    result, out = invoke("import", "qzqd", path, "--as-of", "2019-01-01")
    assert result.exit_code == 2 and "missing column 实施主体 (body)" in out


def test_csv_list_and_traditional_script_give_the_same_duties(tmp_path):
    import opencc

    trad = opencc.OpenCC("s2tw").convert  # Taiwan forms: all in Big5
    csv_path = tmp_path / "t.csv"
    lines = [",".join(trad(h) for h in HEADER_A)] + [",".join([str(n)] + ['"' + trad(c) + '"' for c in r]) for n, r in enumerate(ROWS_2019, 1)]
    csv_path.write_bytes("\n".join(lines).encode("big5", errors="strict"))
    g1, _ = imported(tmp_path, sheet(tmp_path / "a.xlsx", ROWS_2019), name="a.ttl")
    g2, _ = imported(tmp_path, csv_path, "--as-of", "2019-06-30", name="b.ttl")
    duties = lambda g: sorted(str(d) for d in g.subjects(GK.powerType, None))  # noqa: E731
    assert duties(g1) == duties(g2)


# ------------------------------------------------------------------ who, history, validate over imports


def test_who_history_and_validate_answer_over_an_imported_list(tmp_path):
    _, ttl = imported(tmp_path, sheet(tmp_path / "a.xlsx", ROWS_2019))
    result, out = invoke("who", "粮食收购资格认定", "--data", ttl, "--format", "json", "--on", "2020-01-01")
    assert result.exit_code == 0, out
    top = json.loads(result.stdout)["results"][0]
    assert top["holder"]["label_zh"] == BODY and top["interval"]["from"] == "2019-06-30"
    assert top["source"]["locator"] == "a.xlsx, sheet 权责清单, row 6"
    result, out = invoke("history", BODY, "--data", ttl, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["duties_held_now"] == 4
    result, out = invoke("validate", "--data", ttl)
    assert result.exit_code == 0, out


# ------------------------------------------------------------------ diff


def later_rows():
    rows = [list(r) for r in ROWS_2019]
    rows[1][3] = "某市市场监督管理局"    # moved
    del rows[3]                          # removed
    rows.append(["重大项目稽察", "行政检查", "JC-005", BODY, "《国家重大建设项目稽察办法》", "稽察责任", "追责"])  # added
    return rows


def test_diff_reports_added_removed_moved_and_records_them(tmp_path):
    old = sheet(tmp_path / "2019.xlsx", ROWS_2019)
    new = sheet(tmp_path / "2021.xlsx", later_rows(), title=f"{SYNTHETIC}：权责清单（2021年3月1日）")
    record = tmp_path / "changes.ttl"
    result, out = invoke("diff", old, new, "--record", record, "--format", "json")
    assert result.exit_code == 1, out
    answer = json.loads(result.stdout)
    assert answer["counts"] == {"added": 1, "removed": 1, "moved": 1}
    moved = next(c for c in answer["changes"] if c["change"] == "moved")
    assert moved["power"] == "政府定价成本监审" and moved["from"] == [BODY] and moved["to"] == ["某市市场监督管理局"]

    _, t_old = imported(tmp_path, old, name="old.ttl")
    _, t_new = imported(tmp_path, new, name="new.ttl")
    data = ["--data", t_old, "--data", t_new, "--data", record]
    result, out = invoke("validate", *data)
    assert result.exit_code == 0, out
    result, out = invoke("who", "政府定价成本监审", *data, "--format", "json", "--on", "2020-01-01")
    assert json.loads(result.stdout)["results"][0]["holder"]["label_zh"] == BODY
    result, out = invoke("who", "政府定价成本监审", *data, "--format", "json", "--on", "2022-01-01")
    top = json.loads(result.stdout)["results"][0]
    assert top["holder"]["label_zh"] == "某市市场监督管理局"
    assert top["history"] and top["history"][0]["date"] == "2021-03-01"
    result, out = invoke("who", "粮食收购资格认定", *data, "--format", "json", "--on", "2022-01-01")
    assert all(r.get("status") != "held" for r in json.loads(result.stdout)["results"]
               if r["duty"]["label_zh"] == "粮食收购资格认定")


def test_diff_of_identical_lists_exits_0(tmp_path):
    old = sheet(tmp_path / "2019.xlsx", ROWS_2019)
    new = sheet(tmp_path / "2021.xlsx", ROWS_2019, title=f"{SYNTHETIC}（2021年3月1日）")
    result, out = invoke("diff", old, new)
    assert result.exit_code == 0, out and "added 0" in out


def test_docs_list_every_header_variant():
    from govkg.qzqd.columns import COLUMN_TABLE

    doc = (ROOT / "docs" / "qzqd.md").read_text(encoding="utf-8")
    for key, (zh, en, words) in COLUMN_TABLE.items():
        for word in (zh, *words):
            assert word in doc, f"docs/qzqd.md does not list {word!r} ({key})"
