"""Benchmark the spreadsheet inputs: check-procurement on 10,000 records (.xlsx and CSV) and
import qzqd of a 10,000-row list, then `who` over the import — each as a whole process.

    python bench/sheets.py [--records 10000] [--rows 10000] [--keep DIR]

The records are examples/procurement/violations.csv repeated with new ids and purchaser names
(synthetic); the list is generated rows of invented powers (synthetic, marked so in its title).
Answers are checked, not only timed: the .xlsx and the CSV must give the same findings, the import
must hold every row, and `who` must find the power asked for at its body.
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
        sheet.append([i + 1, f"第{i}项合成职权事项{i % 97}", TYPES[i % len(TYPES)], f"SYN-{i:06d}",
                      f"某省第{i % 40}厅", f"《合成法{i % 50}》第{i % 30 + 1}条、第{i % 7 + 1}条；《合成条例{i % 20}》",
                      "1.受理责任\n2.审查责任", "不履行或不正确履行职责的，依法追责"])
    path = folder / "list.xlsx"
    book.save(path)
    return path


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
    answers = {}
    for label, path in (("csv", csv_path), ("xlsx", xlsx_path)):
        seconds, done = run("check-procurement", path, "--format", "json")
        assert done.returncode in (0, 1), done.stderr
        answer = json.loads(done.stdout)
        assert answer["records"] == args.records and not answer["unreadable"]
        answers[label] = sorted((f["record"], f["rule"]) for f in answer["violations"])
        results[f"check-procurement {args.records} records ({label})"] = (seconds, CPU["last"])
    assert answers["csv"] == answers["xlsx"], "xlsx and CSV disagree"
    seconds, done = run("check-procurement", xlsx_path, "--output", folder / "out.xlsx", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    results[f"check-procurement {args.records} records (xlsx, --output xlsx)"] = (seconds, CPU["last"])

    run("stats", "--format", "json")  # the bundled store's cache, built once (as after any install)
    list_path = qzqd_file(folder, args.rows)
    ttl = folder / "list.ttl"
    seconds, done = run("import", "qzqd", list_path, "-o", ttl)
    assert done.returncode == 0, done.stderr
    results[f"import qzqd {args.rows} rows"] = (seconds, CPU["last"])
    for attempt in ("first (builds the cache)", "second (cached)"):
        last = args.rows - 1
        seconds, done = run("who", f"第{last}项合成职权事项{last % 97}", "--data", ttl, "--format", "json", "--limit", "1")
        assert done.returncode == 0, done.stderr
        top = json.loads(done.stdout)["results"][0]
        assert top["holder"]["label_zh"] == f"某省第{last % 40}厅", top
        results[f"who over the import, {attempt}"] = (seconds, CPU["last"])
    width = max(map(len, results))
    print(f"{'':<{width}}  {'wall':>8}  {'cpu':>8}   (load average {os.getloadavg()[0]:.1f})")
    for name, (seconds, cpu) in results.items():
        print(f"{name:<{width}}  {seconds:6.2f} s  {cpu:6.2f} s")


if __name__ == "__main__":
    main()
