"""Regenerate the LibreOffice-written fixtures of this folder (run by hand; needs `soffice`).

Each fixture is examples/procurement/violations.csv (synthetic records made for the rule tests,
not real contracts) rewritten the way an office would keep it, then written by LibreOffice Calc
(Debian libreoffice-calc 7.4, `soffice --headless --convert-to`), so the tests read files made by
a real spreadsheet program and not only by openpyxl:

* zh_headers.xlsx   Chinese headers (synonyms an office uses), 起止日期 in one cell, amounts as
                    360,000.00 / 52万元 / ¥300000 / 人民币60000元; LibreOffice types the dates
* en_headers.xlsx   English headers, read from a semicolon-separated CSV
* trad_big5_semicolon.csv   traditional script in headers and cells, Big5, ';' between cells
* zh_gb18030_tab.csv        Chinese headers, GB18030, tab between cells

    python tests/data/procurement/libreoffice/make_fixtures.py
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[3] / "examples" / "procurement" / "violations.csv"
ZH = {"id": "项目编号", "purchaser": "购买单位", "purchaser_type": "购买主体性质", "provider": "承接主体",
      "provider_type": "承接主体类别", "service": "服务内容", "content_type": "购买服务类别",
      "mode": "购买形式", "method": "采购方式", "start_date": "开始日期", "end_date": "结束日期",
      "budgeted": "是否纳入预算", "continuous": "是否延续性服务", "subcontract": "分包转包情况",
      "subcontract_approved": "分包是否经同意", "amount": "合同金额（元）"}
AMOUNT_FORMS = ("{:,.2f}", "{}元", "¥{}", "人民币{}元", "{}")
# LibreOffice's text encoding numbers (rtl_TextEncoding)
UTF8, BIG5, GB18030 = 76, 57, 85


def rows():
    with SOURCE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def amount(text: str, index: int) -> str:
    if not text:
        return ""
    value = int(text)
    if index % 5 == 1 and value % 10000 == 0:
        return f"{value // 10000}万元"
    form = AMOUNT_FORMS[index % len(AMOUNT_FORMS)]
    return form.format(value) if "{:" in form else form.format(value)


def zh_table(period: bool):
    records = rows()
    keys = list(records[0])
    header = [ZH[k] for k in keys]
    body = []
    for i, rec in enumerate(records):
        cells = [amount(rec[k], i) if k == "amount" else rec[k] for k in keys]
        body.append(cells)
    if period:
        s, e = keys.index("start_date"), keys.index("end_date")
        header[s:e + 1] = ["起止日期"]
        body = [c[:s] + [f"{c[s]}至{c[e]}"] + c[e + 1:] for c in body]
    return header, body


def write_csv(path, header, body, delimiter=","):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(body)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def soffice(src: Path, target: str, out_name: str, in_delimiter=",", out_filter=""):
    sep = str(ord(in_delimiter))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        f"--infilter=CSV:{sep},34,{UTF8},1", "--convert-to",
                        target + (":Text - txt - csv (StarCalc)" + out_filter if out_filter else ""),
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=300)
        produced = Path(tmp) / (src.stem + "." + target)
        shutil.copy(produced, HERE / out_name)


def main():
    import opencc

    trad = opencc.OpenCC("s2twp").convert
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        header, body = zh_table(period=True)
        write_csv(tmp / "zh.csv", header, body)
        soffice(tmp / "zh.csv", "xlsx", "zh_headers.xlsx")

        records = rows()
        write_csv(tmp / "en.csv", list(records[0]), [list(r.values()) for r in records], delimiter=";")
        soffice(tmp / "en.csv", "xlsx", "en_headers.xlsx", in_delimiter=";")

        header, body = zh_table(period=False)
        write_csv(tmp / "trad.csv", [trad(h) for h in header], [[trad(c) for c in r] for r in body])
        soffice(tmp / "trad.csv", "csv", "trad_big5_semicolon.csv", out_filter=f":59,34,{BIG5}")

        write_csv(tmp / "gb.csv", header, body)
        soffice(tmp / "gb.csv", "csv", "zh_gb18030_tab.csv", out_filter=f":9,34,{GB18030}")


if __name__ == "__main__":
    main()
