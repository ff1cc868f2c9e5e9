"""``govkg check-procurement`` and ``govkg eligibility``: the government purchase of services rules.

Only click is imported here; the checker (rdflib, pyoxigraph, pyshacl) is imported when a command runs.
"""

from __future__ import annotations

import json

import click

from govkg.cli.output_options import output_options

SEVERITY_ZH = {"Violation": "违规", "Warning": "警告", "Info": "提示"}


@click.command("check-procurement")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@output_options(["text", "json"], default="text")
@click.option("--engine", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
              help="fast: the rules compiled to SPARQL on pyoxigraph; pyshacl: the reference engine "
                   "(same findings, much slower on large files).")
def check_procurement(file: str, engine: str, out) -> None:
    """Check government purchase-of-services records (CSV or JSON) against the rules.

    \b
    CSV columns: id, purchaser, purchaser_type, provider, provider_type, service, content_type,
    mode, method, start_date, end_date, budgeted, continuous, subcontract, subcontract_approved,
    amount. UTF-8 (with or without BOM) or GB18030/GBK. Several providers: separate with ';'.
    Exit 0 when no Violation, 1 when any Violation, 2 when the file cannot be read as records.
    """
    from govkg.procurement.checker import check_path

    report = check_path(file, engine=engine)
    if out.fmt == "json":
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
