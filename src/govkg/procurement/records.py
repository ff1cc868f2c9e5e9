"""Read purchase-of-services records from CSV or JSON into validated :class:`Record` objects.

CSV may be UTF-8 (with or without BOM), GB18030/GBK (as Chinese Excel saves it) or UTF-16 with BOM
(Excel's "Unicode text"); comma- or tab-separated. JSON is a list of objects with the CSV's keys
(or an object with a ``records`` list). Anything that keeps the file from being read as records
raises :class:`govkg.errors.InputError` with a message that names the record, column and value.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from govkg.errors import InputError

COLUMNS = (
    "id", "purchaser", "purchaser_type", "provider", "provider_type", "service", "content_type",
    "mode", "method", "start_date", "end_date", "budgeted", "continuous", "subcontract",
    "subcontract_approved", "amount",
)
#: columns that may be left out of the file altogether
OPTIONAL_COLUMNS = frozenset({"amount"})
#: cells that must not be empty
REQUIRED_CELLS = ("id", "purchaser", "purchaser_type", "provider", "provider_type", "content_type",
                  "mode", "start_date", "end_date")

TRUE_WORDS = {"是", "true", "yes", "y", "t", "1", "真", "对"}
FALSE_WORDS = {"否", "false", "no", "n", "f", "0", "假", "错"}
PROVIDER_SEPARATORS = re.compile(r"[;；]")
DATE_RE = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$"
)


@dataclass
class Record:
    """One purchase project, with every value resolved to the vocabulary."""

    id: str
    purchaser: str
    purchaser_type: str  # category IRI
    providers: list[str]
    provider_type: str  # category IRI
    service: str
    content_type: str  # content type IRI
    mode: str  # mode IRI
    method: str | None  # method IRI, None if absent or not recognised
    method_text: str | None  # the method as written, when not empty
    start_date: date
    end_date: date
    budgeted: bool | None
    continuous: bool | None
    subcontract: str  # subcontracting kind IRI
    subcontract_approved: bool | None
    amount: Decimal | None = None
    row: int = 0  # line of the CSV / index in the JSON list (1-based), for messages
    extra: dict = field(default_factory=dict)


# ------------------------------------------------------------------ decoding


def decode(data: bytes, name: str) -> str:
    """Text of a file in UTF-8 (BOM or not), UTF-16 with BOM or GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: cannot be decoded as UTF-8 or GB18030/GBK (byte {exc.start}); save it as CSV UTF-8"
        ) from None


def read_path(path) -> list[Record]:
    """Read records from a CSV or JSON file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a CSV or JSON file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str = "<input>") -> list[Record]:
    text = decode(data, name)
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise InputError(f"{name}: the file is empty; expected a CSV header line ({', '.join(COLUMNS)}) and records")
    if stripped[0] in "[{":
        rows = _json_rows(stripped, name)
    else:
        rows = _csv_rows(text.lstrip("\ufeff"), name)
    if not rows:
        raise InputError(f"{name}: no records (the file has a header but no data rows)")
    return resolve_rows(rows, name)


def _csv_rows(text: str, name: str) -> list[tuple[int, dict]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"{name}: not a readable CSV file ({exc})") from None
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        raise InputError(f"{name}: the file is empty; expected a CSV header line and records")
    header = [_header_key(cell) for cell in rows[0]]
    _check_columns(header, name)
    out = []
    line = 1
    for cells in rows[1:]:
        line += 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            raise InputError(
                f"{name}, line {line}: {len(cells)} cells but the header has {len(header)} columns "
                "(is a value containing a comma not quoted?)"
            )
        row = {key: (cells[i] if i < len(cells) else "") for i, key in enumerate(header) if key}
        out.append((line, row))
    return out


def _header_key(cell: str) -> str:
    return cell.strip().strip("\ufeff").strip().lower().replace(" ", "_")


def _check_columns(keys, name: str, where: str = "") -> None:
    missing = [c for c in COLUMNS if c not in keys and c not in OPTIONAL_COLUMNS]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise InputError(
            f"{name}{where}: missing column{plural} {', '.join(missing)} "
            f"(expected columns: {', '.join(COLUMNS)}; amount may be left out)"
        )


def _json_rows(text: str, name: str) -> list[tuple[int, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list):
        raise InputError(f"{name}: JSON must be a list of record objects (or an object with a \"records\" list)")
    out = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InputError(f"{name}: JSON item {index} is not an object with the record's keys")
        row = {_header_key(str(k)): _json_cell(v) for k, v in item.items()}
        label = row.get("id") or f"item {index}"
        _check_columns(row.keys(), name, f", record {label}")
        out.append((index, row))
    return out


def _json_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(_json_cell(v) for v in value)
    return str(value)


# ------------------------------------------------------------------ resolving values


def resolve_rows(rows: list[tuple[int, dict]], name: str) -> list[Record]:
    from govkg.procurement.vocab import vocabulary

    vocab = vocabulary()
    records: list[Record] = []
    seen: dict[str, int] = {}
    for row_no, row in rows:
        cells = {k: (v or "").strip() for k, v in row.items()}
        rid = cells.get("id", "")
        where = f"{name}, record {rid}" if rid else f"{name}, row {row_no}"
        for column in REQUIRED_CELLS:
            if not cells.get(column):
                raise InputError(f"{where}: column {column} is empty")
        if rid in seen:
            raise InputError(f"{name}: record id {rid} appears twice (rows {seen[rid]} and {row_no}); ids must be unique")
        seen[rid] = row_no

        def concept(column, scheme, required=True):
            text = cells.get(column, "")
            if not text:
                return None
            found = scheme.find(text)
            if found is None:
                raise InputError(
                    f"{where}, column {column}: unknown {scheme.name_en} {text!r}; accepted: {scheme.accepted()}"
                )
            return found.iri

        providers = [p.strip() for p in PROVIDER_SEPARATORS.split(cells["provider"]) if p.strip()]
        if not providers:
            raise InputError(f"{where}: column provider names no provider")
        method_text = cells.get("method") or None
        method = vocab.methods.find(method_text).iri if method_text and vocab.methods.find(method_text) else None
        subcontract = concept("subcontract", vocab.subcontracting) or vocab.subcontracting.find("none").iri
        records.append(
            Record(
                id=rid,
                purchaser=cells["purchaser"],
                purchaser_type=concept("purchaser_type", vocab.categories),
                providers=providers,
                provider_type=concept("provider_type", vocab.categories),
                service=cells.get("service", ""),
                content_type=concept("content_type", vocab.content_types),
                mode=concept("mode", vocab.modes),
                method=method,
                method_text=method_text,
                start_date=parse_date(cells["start_date"], where, "start_date"),
                end_date=parse_date(cells["end_date"], where, "end_date"),
                budgeted=parse_bool(cells.get("budgeted", ""), where, "budgeted"),
                continuous=parse_bool(cells.get("continuous", ""), where, "continuous"),
                subcontract=subcontract,
                subcontract_approved=parse_bool(cells.get("subcontract_approved", ""), where, "subcontract_approved"),
                amount=parse_amount(cells.get("amount", ""), where),
                row=row_no,
            )
        )
    return records


def parse_date(text: str, where: str, column: str) -> date:
    match = DATE_RE.match(text)
    if not match:
        raise InputError(f"{where}, column {column}: {text!r} is not a date (expected YYYY-MM-DD)")
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"{where}, column {column}: {text!r} is not a date that exists") from None


def parse_bool(text: str, where: str, column: str) -> bool | None:
    key = text.strip().lower()
    if not key:
        return None
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise InputError(f"{where}, column {column}: {text!r} is not a yes/no value (use 是/否, true/false, yes/no or 1/0)")


def parse_amount(text: str, where: str) -> Decimal | None:
    cleaned = text.replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").replace("元", "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InputError(f"{where}, column amount: {text!r} is not a number") from None
    if not value.is_finite() or value < 0:
        raise InputError(f"{where}, column amount: {text!r} is not a non-negative amount")
    return value
