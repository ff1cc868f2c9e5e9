"""Benchmark the spreadsheet inputs: check-procurement on 10,000 records (.xlsx and CSV) and
import qzqd of a 10,000-row list, then `who` over the import — each as a whole process.

    python bench/sheets.py [--records 10000] [--rows 10000] [--keep DIR]

The records are examples/procurement/violations.csv repeated with new ids and purchaser names
(synthetic); the list is generated rows of invented powers (synthetic, marked so in its title).
Answers are checked, not only timed: the .xlsx and the CSV must give the same findings, the import
must hold every row, and `who` must find the power asked for at its body.

Each power's name is three words from three lists whose lengths are coprime (粮食 / 仓储 / 许可 …),
so every name is a different combination of real words, as published names are, and a ranker has
something to tell them apart by (names that differ only in a row number all score alike).  `who`
is asked for one row's exact name; the check is that its body is the holder of a result with the
top score (ties allowed, none of them invented).

Beside each, in the same run, the tool a user would pick instead, doing less: openpyxl reading the
.xlsx alone (read-only, values only), the csv module reading the CSV alone, and rdflib parsing the
imported Turtle and answering the same "who holds it" with a SPARQL query.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励", "行政裁决", "其他"]
#: 23 × 29 × 31 = 20,677 distinct names (coprime lengths: row i takes word i mod each length)
FIELDS = ("粮食 价格 能源 电力 煤炭 石油 天然气 交通 水利 农业 林业 渔业 矿产 土地 住房 教育 卫生 药品 "
          "食品 环境 气象 旅游 体育").split()
OBJECTS = ("仓储 运输 生产 销售 进口 出口 收购 储备 建设 经营 开采 加工 检测 计量 标准 统计 招标 投资 融资 "
           "保险 租赁 维修 设计 施工 监理 评估 认证 登记 备案").split()
ACTS = ("许可 审批 核准 处罚 检查 认定 征收 奖励 裁决 确认 给付 强制 监督 管理 审核 评审 验收 注册 年检 稽查 "
        "督查 抽查 核查 复核 考核 审定 批准 查处 整治 鉴定 指导").split()
assert (len(FIELDS), len(OBJECTS), len(ACTS)) == (23, 29, 31)


def power_name(i: int) -> str:
    return f"{FIELDS[i % 23]}{OBJECTS[i % 29]}{ACTS[i % 31]}"


def body_name(i: int) -> str:
    return f"某省第{i % 40}厅"


CPU: dict[str, float] = {}


def run(*args) -> tuple[float, subprocess.CompletedProcess]:
    """Wall-clock seconds of one whole govkg process (its CPU seconds go to CPU[last])."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "govkg", *map(str, args)], capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, done


def procurement_files(folder: Path, n: int) -> tuple[Path, Path]:
    from openpyxl import Workbook

    rows = list(csv.reader((ROOT / "examples" / "procurement" / "violations.csv").open(encoding="utf-8")))
    header, body = rows[0], rows[1:]
    out = []
    for i in range(n):
        row = list(body[i % len(body)])
        row[0] = f"{row[0]}-{i}"
        row[1] = f"{row[1]}{i // len(body)}"
        out.append(row)
    csv_path = folder / "records.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(out)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("records")
    sheet.append(header)
    for row in out:
        sheet.append(row)
    xlsx_path = folder / "records.xlsx"
    book.save(xlsx_path)
    return csv_path, xlsx_path


def qzqd_file(folder: Path, n: int) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("权责清单")
    sheet.append(["合成基准数据（SYNTHETIC）：某省权责清单（2020年1月1日）"])
    sheet.append(["序号", "职权名称", "职权类型", "职权编码", "实施主体", "设定依据", "责任事项", "追责情形"])
    for i in range(n):
        sheet.append([i + 1, power_name(i), TYPES[i % len(TYPES)], f"SYN-{i:06d}",
                      body_name(i), f"《合成法{i % 50}》第{i % 30 + 1}条、第{i % 7 + 1}条；《合成条例{i % 20}》",
                      "1.受理责任\n2.审查责任", "不履行或不正确履行职责的，依法追责"])
    path = folder / "list.xlsx"
    book.save(path)
    return path


def run_python(code: str, *args) -> tuple[float, subprocess.CompletedProcess]:
    """As :func:`run`, for the alternative tool: a whole ``python -c`` process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - started, done


READ_XLSX = """import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
print(len(list(book.worksheets[0].iter_rows(values_only=True))))"""
READ_CSV = """import sys, csv
print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8", newline=""))))"""
RDFLIB_WHO = """import sys, rdflib
g = rdflib.Graph().parse(sys.argv[1], format="turtle")
P = "PREFIX gk: <https://w3id.org/govkg/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
print(int(next(iter(g.query(P + "SELECT (COUNT(?a) AS ?n) WHERE { ?a a gk:DutyAssignment }")))[0]))
q = P + ("SELECT ?body WHERE { ?d skos:prefLabel ?name . ?a gk:duty ?d ; gk:holder ?h . "
         "?h skos:prefLabel ?body . FILTER(lang(?body) = 'zh') }")
for row in g.query(q, initBindings={"name": rdflib.Literal(sys.argv[2], lang="zh")}):
    print(row[0])"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--keep")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="govkg-bench-sheets-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("GOVKG_CACHE_DIR", str(folder / "cache"))
    results = {}

    csv_path, xlsx_path = procurement_files(folder, args.records)
    # the first run in a new cache directory prepares the vocabulary (as after any install): not timed
    run("check-procurement", ROOT / "examples" / "procurement" / "violations.csv", "--format", "json")
    answers = {}
    for label, path in (("csv", csv_path), ("xlsx", xlsx_path)):
        seconds, done = run("check-procurement", path, "--format", "json")
        assert done.returncode in (0, 1), done.stderr
        answer = json.loads(done.stdout)
        assert answer["records"] == args.records and not answer["unreadable"]
        answers[label] = sorted((f["record"], f["rule"]) for f in answer["violations"])
        results[f"check-procurement {args.records} records ({label})"] = (seconds, CPU["last"])
    assert answers["csv"] == answers["xlsx"], "xlsx and CSV disagree"
    assert answers["csv"], "the repeated example records break rules: violations are expected"
    seconds, done = run_python(READ_CSV, csv_path)
    assert int(done.stdout) == args.records + 1
    results["  instead: the csv module reads the CSV alone"] = (seconds, CPU["last"])
    seconds, done = run_python(READ_XLSX, xlsx_path)
    assert int(done.stdout) == args.records + 1
    results["  instead: openpyxl (read-only) reads the .xlsx alone"] = (seconds, CPU["last"])
    out_xlsx = folder / "out.xlsx"
    seconds, done = run("check-procurement", xlsx_path, "-o", out_xlsx)
    assert done.returncode in (0, 1), done.stderr
    results[f"check-procurement {args.records} records (xlsx, -o findings.xlsx)"] = (seconds, CPU["last"])
    _, done = run_python(READ_XLSX, out_xlsx)
    assert int(done.stdout) == args.records + 1  # every row back, with its findings beside it

    run("stats", "--format", "json")  # the bundled store's cache, built once (as after any install)
    list_path = qzqd_file(folder, args.rows)
    ttl = folder / "list.ttl"
    seconds, done = run("import", "qzqd", list_path, "-o", ttl)
    assert done.returncode == 0, done.stderr
    results[f"import qzqd {args.rows} rows (.xlsx → Turtle)"] = (seconds, CPU["last"])
    target = args.rows - 1
    name, body = power_name(target), body_name(target)
    for attempt in ("first (builds the cache)", "second (cached)"):
        seconds, done = run("who", name, "--data", ttl, "--format", "json", "--limit", "20")
        assert done.returncode == 0, done.stderr
        found = json.loads(done.stdout)["results"]
        best = max(r["score"] for r in found)
        top = [r for r in found if r["score"] == best]
        assert any(r["holder"]["label_zh"] == body and r["duty"]["label_zh"] == name for r in top), top[:3]
        results[f"who {name} over the import, {attempt}"] = (seconds, CPU["last"])
    seconds, done = run_python(RDFLIB_WHO, ttl, name)
    lines = done.stdout.split()
    assert int(lines[0]) == args.rows, "the import must hold every row"
    assert body in lines[1:], lines
    results["  instead: rdflib parses the Turtle, SPARQL for the holder"] = (seconds, CPU["last"])
    width = max(map(len, results))
    print(f"{'':<{width}}  {'wall':>8}  {'cpu':>8}   (load average {os.getloadavg()[0]:.1f})")
    for label, (seconds, cpu) in results.items():
        print(f"{label:<{width}}  {seconds:6.2f} s  {cpu:6.2f} s")


if __name__ == "__main__":
    main()
