"""The check's results as a spreadsheet a finance officer opens in Excel, and the empty template.

:func:`findings_xlsx` / :func:`findings_csv` give back the user's sheet, every row as it was, with
the findings beside it (result, severity, rule, article, message in Chinese and English; several
findings of a row one per line in the cell) and, for .xlsx, a summary sheet (counts by severity
and by rule). Rows that could not be read carry the problem in the same columns.

:func:`template_xlsx` is an empty sheet with the Chinese headers, a comment on each header saying
what goes there, and drop-down lists of the categories, content types, modes and methods read from
the graph's vocabulary. Everything is built in memory and returned as bytes; the caller writes it
atomically.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from govkg.procurement.columns import COLUMN_HELP, COLUMN_TABLE

SEVERITY_ZH = {"Violation": "违规", "Warning": "警告", "Info": "提示", "Error": "无法读取"}
RESULT_COLUMNS = ("检查结论 Result", "严重程度 Severity", "规则 Rule", "依据条款 Article",
                  "说明 Message", "Message (English)")
FILLS = {"Error": "F4B6B6", "Violation": "F8CBAD", "Warning": "FFE699", "Info": "DDEBF7"}
ORDER = ("Error", "Violation", "Warning", "Info")
TEMPLATE_ROWS = 1000


def result_rows(reading, report) -> tuple[list[str], list[tuple[list[str], list[tuple]]]]:
    """(header, [(cells of the row, [(severity, rule, article, zh, en) …]) …]) in file order."""
    by_record: dict[str, list] = {}
    for f in report.findings:
        by_record.setdefault(f.record, []).append((f.severity, f.rule, f.article, f.message, f.message_en))
    by_row: dict[int, list] = {}
    for rec in reading.records:
        by_row[rec.row] = by_record.get(rec.id, [])
    for p in reading.problems:
        by_row.setdefault(p.row, []).append(("Error", "INPUT", "", f"无法读取：{p.message}", str(p)))
    out = []
    for number, cells in reading.raw_rows:
        out.append((list(cells), by_row.get(number, [])))
    return list(reading.header), out


def _verdict(findings) -> str:
    severities = {f[0] for f in findings}
    for sev in ORDER:
        if sev in severities:
            return f"{SEVERITY_ZH[sev]} {sev}"
    return "合规 OK"


def _finding_cells(findings) -> list[str]:
    cols = list(zip(*findings)) if findings else [(), (), (), (), ()]
    sev = [f"{SEVERITY_ZH.get(s, s)} {s}" for s in cols[0]]
    return [_verdict(findings), "\n".join(sev)] + ["\n".join(c) for c in cols[1:]]


def findings_csv(reading, report) -> bytes:
    """The sheet with the finding columns, UTF-8 with BOM (Excel opens it with the right script)."""
    header, rows = result_rows(reading, report)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header + list(RESULT_COLUMNS))
    width = len(header)
    for cells, findings in rows:
        writer.writerow((cells + [""] * width)[:width] + _finding_cells(findings))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def summary_rows(reading, report, source: str) -> list[list]:
    from govkg.procurement.checker import rules

    counts = {s: report.count(s) for s in ("Violation", "Warning", "Info")}
    rows = [
        ["文件 File", source],
        ["工作表 Sheet", getattr(reading.table, "sheet", None) or ""],
        ["检查日期 Checked on", date.today().isoformat()],
        ["结论 Result", "合规 conforms" if report.conforms and not reading.problems else "不合规 does not conform"],
        ["数据行 Data rows", reading.rows],
        ["已检查记录 Records checked", report.records],
        ["无法读取的行 Rows that could not be read", len({p.row for p in reading.problems})],
        ["无法读取的单元格 Problems reading cells", len(reading.problems)],
        ["违规 Violations", counts["Violation"]],
        ["警告 Warnings", counts["Warning"]],
        ["提示 Notes", counts["Info"]],
        [],
        ["规则 Rule", "严重程度 Severity", "名称", "Name", "依据条款 Article", "次数 Count"],
    ]
    by_rule: dict[str, int] = {}
    for f in report.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    seen = set()
    for rule in sorted({r.id: r for r in rules().values()}.values(), key=lambda r: r.id):
        if rule.id in seen:
            continue
        seen.add(rule.id)
        from govkg.procurement.vocab import legal_graph, provision_label

        rows.append([rule.id, f"{SEVERITY_ZH.get(rule.severity, rule.severity)} {rule.severity}", rule.label_zh,
                     rule.label_en, provision_label(legal_graph(), rule.basis, "zh"), by_rule.get(rule.id, 0)])
    return rows


def summary_csv(reading, report, source: str) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(summary_rows(reading, report, source))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def findings_xlsx(reading, report, source: str) -> bytes:
    """The sheet with the finding columns (filled by worst severity), frozen header, autofilter,
    and the summary sheet.  Written by XlsxWriter (streaming, ~3× faster than openpyxl's writer:
    10,000 rows × 22 cells in ~2 s instead of ~6 s); the template, with its comments and
    drop-downs, stays openpyxl's."""
    import xlsxwriter

    header, rows = result_rows(reading, report)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True,
                                        "strings_to_numbers": False, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    sheet = book.add_worksheet(_sheet_title(getattr(reading.table, "sheet", None) or "检查结果"))
    width = len(header)
    for offset, size in enumerate((12, 14, 10, 24, 60, 60)):
        sheet.set_column(width + offset, width + offset, size)
    sheet.freeze_panes(1, 0)
    bold = book.add_format({"bold": True})
    fills = {k: book.add_format({"bg_color": f"#{v}", "text_wrap": True, "valign": "top"}) for k, v in FILLS.items()}
    sheet.write_row(0, 0, header + list(RESULT_COLUMNS), bold)
    for number, (cells, findings) in enumerate(rows, start=1):
        for col, value in enumerate(_typed(c) for c in (cells + [""] * width)[:width]):
            _write_cell(sheet, number, col, value)
        style = fills[next(s for s in ORDER if s in {f[0] for f in findings})] if findings else None
        for col, value in enumerate(_finding_cells(findings), start=width):
            _write_cell(sheet, number, col, value, style)
    sheet.autofilter(0, 0, len(rows), width + len(RESULT_COLUMNS) - 1)
    summary = book.add_worksheet("汇总 Summary")
    summary.set_column(0, 0, 36)
    summary.set_column(1, 1, 40)
    for number, row in enumerate(summary_rows(reading, report, source)):
        for col, value in enumerate(row):
            _write_cell(summary, number, col, value)
    book.close()
    return buffer.getvalue()


def _write_cell(sheet, row: int, col: int, value, style=None) -> None:
    """Numbers as numbers, text as text (never read as a formula or a link), empty cells left out
    unless styled."""
    if isinstance(value, bool) or value is None or value == "":
        if style is not None:
            sheet.write_blank(row, col, None, style)
        return
    if isinstance(value, (int, float)):
        sheet.write_number(row, col, value, style)
    else:
        sheet.write_string(row, col, str(value)[:32767], style)


def template_xlsx() -> bytes:
    """An empty records sheet: headers, a comment on each, drop-down lists from the vocabulary."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from govkg.procurement.records import COLUMNS
    from govkg.procurement.vocab import vocabulary

    vocab = vocabulary()
    book = Workbook()
    sheet = book.active
    sheet.title = "购买服务项目"
    lists = book.create_sheet("取值 Lists")
    choices = {
        "purchaser_type": vocab.categories, "provider_type": vocab.categories,
        "content_type": vocab.content_types, "mode": vocab.modes, "method": vocab.methods,
        "subcontract": vocab.subcontracting,
    }
    list_ranges = {}
    for col, (name, scheme) in enumerate(
            [("主体类别 category", vocab.categories), ("购买内容类型 content type", vocab.content_types),
             ("购买形式 mode", vocab.modes), ("采购方式 method", vocab.methods),
             ("分包转包 subcontracting", vocab.subcontracting), ("是否 yes/no", None)], start=1):
        letter = _letter(col - 1)
        lists.cell(row=1, column=col, value=name).font = Font(bold=True)
        values = [c.zh for c in scheme.concepts] if scheme is not None else ["是", "否"]
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=col, value=value)
        list_ranges[id(scheme) if scheme is not None else "bool"] = f"'取值 Lists'!${letter}$2:${letter}${len(values) + 1}"
        lists.column_dimensions[letter].width = 28
    bold = Font(bold=True)
    for index, key in enumerate(COLUMNS):
        zh, en, _words = COLUMN_TABLE[key]
        cell = sheet.cell(row=1, column=index + 1, value=zh)
        cell.font = bold
        help_zh, help_en = COLUMN_HELP[key]
        note = f"{zh}（{key}）\n{help_zh}\n{en}: {help_en}"
        cell.comment = Comment(note, "govkg", width=300, height=140)
        sheet.column_dimensions[_letter(index)].width = max(12, 2 * len(zh) + 4)
        target = f"{_letter(index)}2:{_letter(index)}{TEMPLATE_ROWS + 1}"
        if key in choices or key in ("budgeted", "continuous", "subcontract_approved"):
            source = list_ranges[id(choices[key])] if key in choices else list_ranges["bool"]
            strict = key != "method"
            check = DataValidation(type="list", formula1=source, allow_blank=True,
                                   showErrorMessage=strict, errorStyle="stop" if strict else "warning")
            check.error = f"请从下拉列表选择{zh}。Pick a value from the list."
            check.prompt = help_zh
            sheet.add_data_validation(check)
            check.add(target)
        elif key in ("start_date", "end_date"):
            check = DataValidation(type="date", operator="greaterThan", formula1="DATE(1990,1,1)",
                                   allow_blank=True, showErrorMessage=True)
            check.error = "请输入日期，如 2024-01-31。Enter a date such as 2024-01-31."
            sheet.add_data_validation(check)
            check.add(target)
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index + 1).number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    return _save(book)


def _typed(text: str):
    """Numbers back as numbers (Excel would flag numbers stored as text); everything else as text."""
    from govkg.procurement.amounts import _PLAIN

    if text and len(text) < 16 and _PLAIN.match(text) and not (text.startswith("0") and len(text) > 1 and text[1] != "."):
        return int(text) if "." not in text else float(text)
    return text


def _sheet_title(name: str) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return name[:31] or "Sheet"


def _letter(index: int) -> str:
    from govkg.tabular import column_letter

    return column_letter(index)


def _save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["findings_xlsx", "findings_csv", "summary_csv", "template_xlsx", "result_rows"]
