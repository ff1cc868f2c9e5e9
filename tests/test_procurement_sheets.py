"""Procurement records as finance officers keep them: .xlsx (openpyxl- and LibreOffice-written),
CSV in Chinese encodings and any delimiter, Chinese/traditional headers and cells, office amounts,
every problem in one run, the findings written back as a sheet, and the template."""

from __future__ import annotations

import json
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.procurement.amounts import AmountError, parse_amount
from govkg.procurement.records import load

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "procurement" / "violations.csv"
LIBREOFFICE = Path(__file__).resolve().parent / "data" / "procurement" / "libreoffice"


def invoke(*args):
    from govkg.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    stderr = result.stderr if result.stderr_bytes is not None else ""
    return result, result.output + ("" if stderr in result.output else stderr)


def finding_keys(path, *extra):
    result, out = invoke("check-procurement", path, "--format", "json", *extra)
    assert result.exit_code in (0, 1), out
    answer = json.loads(result.stdout)
    return sorted((f["record"], f["rule"], f["severity"]) for f in answer["violations"]), answer


def records_of(path, **kw):
    reading = load(path, **kw)
    assert reading.problems == []
    return [(r.id, r.purchaser_type, r.content_type, r.start_date, r.end_date, r.amount) for r in reading.records]


# ------------------------------------------------------------------ files written by LibreOffice


@pytest.mark.parametrize("name", ["zh_headers.xlsx", "en_headers.xlsx", "trad_big5_semicolon.csv",
                                  "zh_gb18030_tab.csv"])
def test_libreoffice_files_give_the_findings_and_amounts_of_the_csv(name):
    expected, _ = finding_keys(EXAMPLE)
    got, answer = finding_keys(LIBREOFFICE / name)
    assert answer["unreadable"] == []
    assert got == expected
    assert records_of(LIBREOFFICE / name) == records_of(EXAMPLE)


def test_big5_is_not_decoded_as_gb18030():
    reading = load(LIBREOFFICE / "trad_big5_semicolon.csv")
    assert reading.table.encoding == "big5"
    assert reading.records[0].purchaser == "蘭州市第十一中學"


def test_big5_header_read_as_gb18030_names_no_column():
    """The cross-check: the wrong decoding's header maps to nothing, so it cannot be chosen."""
    from govkg.procurement.columns import HEADERS

    first = (LIBREOFFICE / "trad_big5_semicolon.csv").read_bytes().split(b"\n", 1)[0]
    assert HEADERS.known(first.decode("gb18030").split(";")) == 0
    assert HEADERS.known(first.decode("big5").split(";")) >= 15


def test_a_wrong_first_guess_of_the_detector_is_overruled_by_the_header(monkeypatch):
    """If charset-normalizer ranked GB18030 first, the header cross-check still picks Big5."""
    import charset_normalizer

    class Guess:
        def __init__(self, encoding):
            self.encoding = encoding

    monkeypatch.setattr(charset_normalizer, "from_bytes",
                        lambda data, **kw: [Guess("gb18030"), Guess("big5")])
    reading = load(LIBREOFFICE / "trad_big5_semicolon.csv")
    assert reading.table.encoding == "big5" and reading.problems == []


# ------------------------------------------------------------------ files written by openpyxl


def openpyxl_book(path, rows, title=None, sheet_name="Sheet", other_sheet=False):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    if other_sheet:
        ws.title = "说明"
        ws.append(["这一页是说明，不是数据"])
        ws = book.create_sheet(sheet_name)
    else:
        ws.title = sheet_name
    if title:
        ws.append([title])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


ZH_HEADER = ["序号", "购买主体", "购买主体类别", "承接主体", "承接主体类别", "服务内容", "购买内容类型",
             "购买形式", "采购方式", "起止日期", "是否纳入预算", "是否延续性服务", "分包转包情况",
             "分包是否经同意", "金额（万元）"]


def zh_row(n, purchaser_type="行政机关", amount=12.5, period="2024-01-01至2024-12-31"):
    return [f"X-{n}", "兰州市城关区民政局", purchaser_type, "兰州康乐社会工作服务中心", "社会组织", "社区养老",
            "公共服务", "合同制", "公开招标", period, "是", "否", "无", None, amount]


def test_openpyxl_sheet_with_title_row_numbers_and_unit_in_header(tmp_path):
    path = openpyxl_book(tmp_path / "list.xlsx", [ZH_HEADER, zh_row(1), zh_row(2, amount=3)],
                         title="2024年政府购买服务项目清单")
    reading = load(path)
    assert reading.problems == []
    assert [r.amount for r in reading.records] == [Decimal("125000"), Decimal("30000")]
    assert reading.table.header_row == 2 and reading.records[0].row == 3


def test_sheet_option_and_date_cells(tmp_path):
    header = ZH_HEADER[:9] + ["开始日期", "结束日期"] + ZH_HEADER[10:]
    row = zh_row(1)
    row = row[:9] + [datetime(2024, 1, 1), datetime(2024, 12, 31)] + row[10:]
    path = openpyxl_book(tmp_path / "book.xlsx", [header, row], sheet_name="项目", other_sheet=True)
    result, out = invoke("check-procurement", path, "--format", "json")
    assert result.exit_code == 2 and "no header row" in out
    keys, answer = finding_keys(path, "--sheet", "项目")
    assert answer["records"] == 1 and keys == []
    result, out = invoke("check-procurement", path, "--sheet", "清单")
    assert result.exit_code == 2 and "no sheet named '清单'" in out and "项目" in out


def test_traditional_script_headers_and_cells(tmp_path):
    import opencc

    trad = opencc.OpenCC("s2t").convert
    rows = [[trad(h) for h in ZH_HEADER], [trad(c) if isinstance(c, str) else c for c in zh_row(1, "公益一类事业单位")]]
    keys, _ = finding_keys(openpyxl_book(tmp_path / "t.xlsx", rows))
    assert ("X-1", "R01", "Violation") in keys


def test_eligibility_accepts_traditional_script():
    result, out = invoke("eligibility", "公益一類事業單位", "--format", "json")
    assert result.exit_code == 0, out
    assert json.loads(result.stdout)["code"] == "public-welfare-i-institution"


# ------------------------------------------------------------------ every problem in one run


def test_every_bad_cell_is_reported_and_the_good_rows_still_checked(tmp_path):
    rows = [ZH_HEADER, zh_row(1, "公益一类事业单位"), zh_row(2, amount="1.000,00"),
            zh_row(3, "公益三类事业单位", period="明年"), zh_row(4)]
    path = openpyxl_book(tmp_path / "bad.xlsx", rows)
    keys, answer = finding_keys(path)
    assert answer["records"] == 2 and ("X-1", "R01", "Violation") in keys
    problems = {(p["row"], p["column"]): p for p in answer["unreadable"]}
    assert set(problems) == {(3, "amount"), (4, "purchaser_type"), (4, "period")}
    assert problems[(3, "amount")]["value"] == "1.000,00" and "ambiguous" in problems[(3, "amount")]["message"]
    assert "金额" in problems[(3, "amount")]["where"] and "(O)" in problems[(3, "amount")]["where"]


def test_nothing_readable_exits_2_with_one_line_per_problem(tmp_path):
    rows = [ZH_HEADER, zh_row(1, amount="1e999999999"), zh_row(2, "未知类别")]
    result, out = invoke("check-procurement", openpyxl_book(tmp_path / "bad.xlsx", rows))
    assert result.exit_code == 2
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 2 and all(line.startswith("govkg: error: ") for line in lines), out
    assert "row 2" in lines[0] and "row 3" in lines[1]


def test_semicolon_csv_with_chinese_headers(tmp_path):
    text = ";".join(ZH_HEADER) + "\n" + ";".join("" if c is None else str(c) for c in zh_row(1)) + "\n"
    path = tmp_path / "semi.csv"
    path.write_bytes(text.encode("gb18030"))
    keys, answer = finding_keys(path)
    assert answer["records"] == 1 and answer["unreadable"] == []


def test_unbalanced_quote_is_one_line_naming_where_it_began(tmp_path):
    good = ",".join("" if c is None else str(c) for c in zh_row(1))
    path = tmp_path / "q.csv"
    path.write_text(",".join(ZH_HEADER) + "\n" + good + "\n" + good.replace("社区养老", '"社区养老') + "\n" + good + "\n",
                    encoding="utf-8")
    result, out = invoke("check-procurement", path)
    assert result.exit_code == 2
    assert out.strip().count("\n") == 0 and "line 3" in out and "never closed" in out


def test_deeply_nested_json_is_one_line_in_bounded_time(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    started = time.monotonic()
    result, out = invoke("check-procurement", path)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2 and out.strip().count("\n") == 0 and "nested" in out, out


# ------------------------------------------------------------------ amounts


@pytest.mark.parametrize("text, unit, value", [
    ("1,000.00", "", "1000"), ("1000元", "", "1000"), ("12.5万元", "", "125000"), ("¥1000", "", "1000"),
    ("￥1,234,567.5", "", "1234567.5"), ("人民币60000元", "", "60000"), ("３６００００", "", "360000"),
    ("12.5", "万元", "125000"), ("3亿元", "", "300000000"), ("0.5", "", "0.5"), ("", "", None),
    ("12.5萬元", "", "125000"),
])
def test_amounts_as_offices_write_them(text, unit, value):
    from govkg.procurement.records import _amount

    assert _amount(text, unit) == (None if value is None else Decimal(value))


@pytest.mark.parametrize("text, reason", [
    ("1.000,00", "ambiguous"), ("1,5", "ambiguous"), ("1.000", "ambiguous"), ("1,00,000", "ambiguous"),
    ("1e999999999", "not a number"), ("1e4000000000", "not a number"), ("-5", "negative"),
    ("十万", "not a number"), ("9" * 30, "digits"), ("1" * 100, "longer than"), ("NaN", "not a number"),
    ("Infinity", "not a number"),
])
def test_ambiguous_or_hostile_amounts_are_refused_quickly(text, reason):
    started = time.monotonic()
    with pytest.raises(AmountError, match=reason):
        parse_amount(text)
    # a hang guard, not a speed figure: 1e999999999 once cost 2.9 GB and minutes, a refusal is µs
    assert time.monotonic() - started < 5


# ------------------------------------------------------------------ output sheets and the template


def test_output_xlsx_has_the_rows_the_findings_and_a_summary(tmp_path):
    from openpyxl import load_workbook

    rows = [ZH_HEADER, zh_row(1, "公益一类事业单位"), zh_row(2, amount="1.000,00"), zh_row(3)]
    src = openpyxl_book(tmp_path / "in.xlsx", rows)
    out = tmp_path / "结果.xlsx"
    result, text = invoke("check-procurement", src, "--output", out)
    assert result.exit_code == 1, text
    book = load_workbook(out)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:len(ZH_HEADER)] == ZH_HEADER
    assert header[len(ZH_HEADER):] == ["检查结论 Result", "严重程度 Severity", "规则 Rule", "依据条款 Article",
                                       "说明 Message", "Message (English)"]
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[0] for r in body] == ["X-1", "X-2", "X-3"]
    rule_col = len(ZH_HEADER) + 2
    assert "R01" in body[0][rule_col].split("\n") and "第八条" in body[0][rule_col + 1]
    assert body[1][rule_col] == "INPUT" and "1.000,00" in body[1][rule_col + 3]
    assert body[2][len(ZH_HEADER)] == "合规 OK"
    summary = {r[0].value: r[1].value for r in book["汇总 Summary"].iter_rows() if r[0].value}
    assert summary["已检查记录 Records checked"] == 2 and summary["违规 Violations"] >= 1
    assert summary["无法读取的单元格 Problems reading cells"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".govkg")] == []


def test_output_csv_and_its_summary(tmp_path):
    import csv

    out = tmp_path / "out.csv"
    result, text = invoke("check-procurement", EXAMPLE, "-o", out)
    assert result.exit_code == 1, text
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][-6:][2] == "规则 Rule" and len(rows) == 18
    v_r01 = next(r for r in rows if r[0] == "V-R01")
    assert v_r01[-4] == "R01"
    assert (tmp_path / "out-summary.csv").exists()


def test_output_xlsx_keeps_text_that_looks_like_a_formula_or_a_link_as_text(tmp_path):
    """A cell an officer typed (or an attacker planted) as ``=HYPERLINK(…)`` comes back as the text
    it was, never as a formula Excel would run, nor as a link."""
    from openpyxl import load_workbook

    row = zh_row(1)
    row[5] = '=HYPERLINK("http://example.invalid","点击")'
    row[3] = "http://example.invalid/中心"
    src = tmp_path / "in.csv"
    src.write_text("\n".join(",".join(f'"{str(c).replace(chr(34), chr(34) * 2)}"' if c is not None else ""
                                       for c in r) for r in [ZH_HEADER, row]) + "\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result, text = invoke("check-procurement", src, "-o", out)
    assert result.exit_code in (0, 1), text
    sheet = load_workbook(out).worksheets[0]
    cells = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert cells["服务内容"].value == row[5] and cells["服务内容"].data_type == "s"
    assert cells["承接主体"].value == row[3] and cells["承接主体"].hyperlink is None


def test_output_never_over_the_input(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(EXAMPLE.read_bytes())
    for target in (src, tmp_path / "." / "in.csv"):
        result, out = invoke("check-procurement", src, "--output", str(target).replace("in.csv", "in.csv"))
        assert result.exit_code == 2 and "input" in out
    bad = tmp_path / "in.xlsx"
    result, out = invoke("check-procurement", src, "--output", tmp_path / "x.pdf")
    assert result.exit_code == 2 and ".xlsx" in out
    assert src.read_bytes() == EXAMPLE.read_bytes() and not bad.exists()


def test_template_has_headers_comments_and_drop_downs_from_the_graph(tmp_path):
    from openpyxl import load_workbook

    from govkg.procurement.vocab import vocabulary

    path = tmp_path / "模板.xlsx"
    result, out = invoke("check-procurement", "--template", path)
    assert result.exit_code == 0, out
    book = load_workbook(path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["项目编号", "购买主体", "购买主体类别"]
    assert all(c.comment is not None and c.comment.text for c in sheet[1])
    lists = book["取值 Lists"]
    categories = [c.value for c in lists["A"][1:] if c.value]
    assert categories == [c.zh for c in vocabulary().categories.concepts]
    validations = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert validations["C2:C1001"] == "'取值 Lists'!$A$2:$A$25".replace("25", str(len(categories) + 1))
    assert any("$D$" in f for f in validations.values())  # the procurement methods

    # filled in with the drop-down values, the template is read back as records
    sheet.append(["T-1", "兰州市民政局", categories[0], "某社会组织", "社会组织", "养老", "公共服务", "合同制",
                  "公开招标", datetime(2024, 1, 1), datetime(2024, 6, 30), "是", "否", "无", None, 1000])
    book.save(path)
    keys, answer = finding_keys(path)
    assert answer["records"] == 1 and answer["unreadable"] == []


def test_docs_list_every_header_synonym():
    from govkg.procurement.columns import COLUMN_TABLE

    doc = (ROOT / "docs" / "procurement.md").read_text(encoding="utf-8")
    for key, (zh, en, words) in COLUMN_TABLE.items():
        for word in (key, zh, *words):
            assert word in doc, f"docs/procurement.md does not list the header {word!r} of {key}"
