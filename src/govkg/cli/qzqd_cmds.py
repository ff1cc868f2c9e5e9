"""``govkg import qzqd`` and ``govkg diff``: published 权责清单 into the graph, and two lists compared.

Only click is imported here; the reader, rdflib and the store are imported when a command runs.
"""

from __future__ import annotations


import click

from govkg.cli.core import data_option
from govkg.cli.output_options import output_options


def _as_of(value):
    if value in (None, ""):
        return None
    import datetime as dt

    from govkg.dates import parse_date

    return dt.date.fromisoformat(parse_date(value, "--as-of"))


@click.group("import")
def import_group() -> None:
    """Import published lists into the graph's model (Turtle for --data)."""


@import_group.command("qzqd")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--sheet", help="The sheet of an .xlsx workbook (default: the first).")
@click.option("--as-of", "as_of", help="The list's date (YYYY-MM-DD); required unless the sheet states it.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=str),
              help="Write the Turtle to this file (default: standard output).")
@click.option("--into", "into", type=click.Path(file_okay=False, path_type=str),
              help="Write the Turtle into this data directory as qzqd-<file>-<date>.ttl.")
@data_option
def import_qzqd(file, sheet, as_of, output, into, data) -> None:
    """Turn a 权责清单 (power and responsibility list, .xlsx or CSV) into duties and assignments.

    \b
    Each row becomes a duty (the power, its type a concept of the power-type scheme, its code,
    legal basis parsed into instruments and articles, responsibility steps and accountability as
    text) held by the row's body from the list's date, citing file, sheet and row. Bodies are
    matched to the graph's institutions only when the name is exactly one of theirs.
    Headers: see docs/qzqd.md. Every problem of the sheet is reported; nothing is written then.

    \b
    Example:
      govkg import qzqd 省发改委权责清单.xlsx --as-of 2019-06-30 -o fgw-2019.ttl
      govkg who 价格 --data fgw-2019.ttl
    """
    from govkg.errors import InputError
    from govkg.outfile import check_target, write_output
    from govkg.qzqd.model import list_to_turtle
    from govkg.qzqd.reader import read_list

    if output and into:
        raise InputError("give -o FILE or --into DIR, not both")
    from pathlib import Path

    if output:
        check_target(output, [file], "-o")
    if into and not Path(into).is_dir():
        raise InputError(f"--into {into}: not a directory")
    plist = read_list(file, sheet=sheet, as_of=_as_of(as_of))
    text = list_to_turtle(plist, _known(data))
    if into:
        output = str(Path(into) / f"qzqd-{Path(file).stem}-{plist.as_of.isoformat()}.ttl")
    if output:
        write_output(output, text, inputs=[file], label="-o" if into is None else "--into")
        bodies = len({p.body for p in plist.powers})
        click.echo(f"{len(plist.powers)} powers of {bodies} bodies, as of {plist.as_of} "
                   f"({plist.date_origin}) → {output}", err=True)
    else:
        click.echo(text, nl=False)


def _known(data):
    from govkg.qzqd.model import Known
    from govkg.sparql import open_backend

    return Known.from_backend(open_backend(None, data))


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, path_type=str))
@click.argument("new", type=click.Path(dir_okay=False, path_type=str))
@click.option("--old-as-of", help="The older list's date, unless its sheet states it.")
@click.option("--new-as-of", help="The newer list's date, unless its sheet states it.")
@click.option("--old-sheet", help="Sheet of the older workbook.")
@click.option("--new-sheet", help="Sheet of the newer workbook.")
@click.option("--record", type=click.Path(dir_okay=False, path_type=str),
              help="Write the removals and moves as dated assignment ends and transfers (Turtle), "
                   "to load with both lists' imports.")
@output_options(["text", "json"], default="text")
@data_option
def diff(old, new, old_as_of, new_as_of, old_sheet, new_sheet, record, data, out) -> None:
    """Compare two 权责清单 of the same bodies: powers added, removed and moved to another body.

    \b
    Exit 0 when the lists hold the same powers by the same bodies, 1 when they differ.
    Example:
      govkg diff fgw-2019.xlsx fgw-2021.xlsx --record fgw-2019-2021.ttl
    """
    from govkg.outfile import check_distinct, check_target, write_output
    from govkg.qzqd.diff import diff_lists, record_turtle
    from govkg.qzqd.reader import read_list

    if record:
        check_target(record, [old, new], "--record")
        check_distinct({"--record": record, "-o": out.path})
    first = read_list(old, sheet=old_sheet, as_of=_as_of(old_as_of))
    second = read_list(new, sheet=new_sheet, as_of=_as_of(new_as_of))
    result = diff_lists(first, second)
    if record:
        write_output(record, record_turtle(result, _known(data)), inputs=[old, new], label="--record")
    if out.fmt == "json":
        out.json(result.to_dict())
    else:
        out.echo(f"权责清单比较 Lists compared: {first.name} ({first.as_of}, {len(first.powers)} powers) → "
                   f"{second.name} ({second.as_of}, {len(second.powers)} powers)")
        out.echo(f"新增 added {result.count('added')}, 取消 removed {result.count('removed')}, "
                   f"调整主体 moved {result.count('moved')}")
        labels = {"added": "新增 added", "removed": "取消 removed", "moved": "调整 moved"}
        for change in result.changes:
            d = change.to_dict()
            where = {"added": f"→ {'、'.join(d['to'])}", "removed": f"{'、'.join(d['from'])} →",
                     "moved": f"{'、'.join(d['from'])} → {'、'.join(d['to'])}"}[change.kind]
            code = f" [{change.code}]" if change.code else ""
            out.echo(f"  {labels[change.kind]}: {change.name}（{change.type}）{code}  {where}")
        if record:
            out.echo(f"已记录 recorded: {record}")
    if result.changes:
        raise SystemExit(1)


COMMANDS = [import_group, diff]
