"""``govkg check-procurement`` and ``govkg eligibility``: the government purchase of services rules.

Only click is imported here; the checker (rdflib, pyoxigraph, pyshacl) is imported when a command runs.
"""

from __future__ import annotations

import json

import click

from govkg.cli.output_options import output_options

SEVERITY_ZH = {"Violation": "违规", "Warning": "警告", "Info": "提示"}


@click.command("check-procurement")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=str))
@click.option("--sheet", help="The sheet of an .xlsx workbook to read (default: the first).")
@output_options(["text", "json", "xlsx", "csv"], default="text", suffixes={".xlsx": "xlsx"},
                output_help="Write to FILE instead of standard output: FILE.xlsx or FILE.csv is the sheet "
                            "back with the findings beside each row (xlsx with a summary sheet, csv with "
                            "FILE-summary.csv); .json / .txt the report. Atomic, never over the input.")
@click.option("--template", type=click.Path(dir_okay=False, path_type=str),
              help="Write an empty FILE.xlsx to fill in (headers, a comment on each, drop-down lists) and stop.")
@click.option("--engine", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
              help="fast: the rules compiled to SPARQL on pyoxigraph; pyshacl: the reference engine "
                   "(same findings, much slower on large files).")
def check_procurement(file, sheet, template, engine, out) -> None:
    """Check government purchase-of-services records (.xlsx, CSV or JSON) against the rules.

    \b
    Headers in Chinese (购买主体, 承接主体, 服务内容, 起止日期 …) or English (id, purchaser,
    purchaser_type, provider, provider_type, service, content_type, mode, method, start_date,
    end_date, budgeted, continuous, subcontract, subcontract_approved, amount); see
    docs/procurement.md for every accepted name. CSV in UTF-8, GB18030/GBK, Big5 or UTF-16, with
    ',' ';' tab or '|' between cells. Simplified or traditional script. Several providers: ';'.
    Every cell that cannot be read is reported; the other records are still checked.
    Exit 0 when no Violation, 1 when any Violation or unreadable row, 2 when nothing can be checked.

    \b
    Example:
      govkg check-procurement --template 购买服务.xlsx
      govkg check-procurement 购买服务.xlsx -o 检查结果.xlsx
    """
    from govkg.errors import InputError
    from govkg.outfile import check_target, write_output

    if template:
        from govkg.procurement.sheets import template_xlsx

        if file:  # checking nothing while the user expects FILE checked would be a silent exit 0
            raise InputError(f"--template {template} writes an empty sheet and checks nothing: "
                             f"give FILE to check or --template, not both")
        if not template.lower().endswith(".xlsx"):
            raise InputError(f"--template {template}: the template is an .xlsx workbook; name it FILE.xlsx")

        write_output(template, template_xlsx(), inputs=[file] if file else [], label="--template")
        click.echo(f"模板已写入 template written: {template}", err=True)
        return
    if not file:
        raise InputError("check-procurement: give the FILE to check (or --template FILE.xlsx to get an empty sheet)")
    sheet_out = out.fmt in ("xlsx", "csv")
    if sheet_out and out.path is None:
        raise InputError(f"--format {out.fmt}: give -o FILE.{out.fmt} to write the sheet to")
    if out.path is not None:
        check_target(out.path, [file], "-o")
    from govkg.procurement.checker import check_reading
    from govkg.procurement.records import load

    reading = load(file, sheet)
    report = check_reading(reading, engine=engine)
    if sheet_out:
        from govkg.procurement import sheets

        if out.fmt == "xlsx":
            out.binary(sheets.findings_xlsx(reading, report, file))
        else:
            out.binary(sheets.findings_csv(reading, report))
            summary = out.path[: -len(".csv")] if out.path.lower().endswith(".csv") else out.path
            write_output(summary + "-summary.csv", sheets.summary_csv(reading, report, file), inputs=[file], label="-o")
        click.echo(render_text(report, file).split("\n", 2)[1], err=True)
        click.echo(f"检查结果已写入 findings written to: {out.path}", err=True)
    elif out.fmt == "json":
        out.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        out.echo(render_text(report, file, style=out.style))
    if not report.conforms:
        raise SystemExit(1)


def render_text(report, file: str, style=None) -> str:
    """A report a finance officer can read: a summary, then the findings grouped by record."""
    lines = [f"政府购买服务合规检查 Government purchase of services check: {file}"]
    v, w, i = (report.count(s) for s in ("Violation", "Warning", "Info"))
    verdict = "合规 conforms" if report.conforms else "不合规 does not conform"
    lines.append(
        f"结论 Result: {verdict} — {report.records} 条记录 records; "
        f"{v} 项违规 violations, {w} 项警告 warnings, {i} 项提示 notes"
    )
    if report.problems:
        rows = len({p.row for p in report.problems})
        lines.append("")
        lines.append(f"无法读取 Could not be read: {len(report.problems)} 处 problems in {rows} 行 rows "
                     "(these rows were not checked)")
        for p in report.problems:
            lines.append(f"  {p}")
    by_record: dict[str, list] = {}
    for finding in report.findings:
        by_record.setdefault(finding.record, []).append(finding)
    for record in report.record_ids:
        if record not in by_record:
            continue
        lines.append("")
        lines.append(f"记录 Record {record}")
        for f in by_record[record]:
            tag = f"[{SEVERITY_ZH.get(f.severity, f.severity)} {f.severity}]"
            if style is not None:
                from govkg.output import SEVERITY_STYLE

                tag = style(tag, **SEVERITY_STYLE.get(f.severity, {}))
            lines.append(f"  {tag} {f.rule}  {f.article}")
            lines.append(f"    {f.message}")
            if f.message_en:
                lines.append(f"    {f.message_en}")
    clean = [r for r in report.record_ids if r not in by_record]
    if clean:
        lines.append("")
        lines.append(f"未发现问题的记录 Records with no findings ({len(clean)}): {', '.join(clean)}")
    return "\n".join(lines)


@click.command("eligibility")
@click.argument("category", required=False)
@output_options(["text", "json"], default="text")
def eligibility(category: str | None, out) -> None:
    """May a CATEGORY of body purchase (购买主体) or provide (承接主体) services, and by which article?

    \b
    CATEGORY is a Chinese name (公益一类事业单位, 行政机关, 个体工商户 …) or its code
    (public-welfare-i-institution). Without CATEGORY, every category is listed.
    """
    from govkg.procurement.eligibility import all_categories
    from govkg.procurement.eligibility import eligibility as lookup

    if category is None:
        answers = all_categories()
        if out.fmt == "json":
            out.echo(json.dumps([a.to_dict() for a in answers], ensure_ascii=False, indent=2))
            return
        out.echo("类别 Category — 购买主体 purchaser / 承接主体 provider")
        for a in answers:
            out.echo(
                f"  {a.category} ({a.code}): 购买 {a.purchaser.status_zh} / 承接 {a.provider.status_zh}"
            )
        return
    answer = lookup(category)
    if out.fmt == "json":
        out.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    out.echo(f"{answer.category} ({answer.category_en}; {answer.code})")
    for role in (answer.purchaser, answer.provider):
        verb = "may" if role.allowed else "may not"
        out.echo(f"  {role.role_zh} {role.role}: {role.status_zh} — {role.status} ({verb} act as {role.role})")
        out.echo(f"    依据 basis: {'；'.join(role.articles)}")
        if role.condition:
            out.echo(f"    说明 note: {role.condition}")
            out.echo(f"          {role.condition_en}")
        for q in role.quotes:
            out.echo(f"    原文 {q['locator']} (line {q['line']}): {q['quote']}")


COMMANDS = [check_procurement, eligibility]
