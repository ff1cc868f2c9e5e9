"""Read purchase-of-services records from .xlsx, CSV or JSON into :class:`Record` objects.

The sheet is read by :mod:`govkg.tabular` (.xlsx, CSV in any common encoding and delimiter,
Chinese or English headers mapped by :mod:`.columns`); JSON is a list of objects with the same keys
(or an object with a ``records`` list). Every cell that cannot be read is collected as a
:class:`Problem` (where, value, what was expected) and the rows that can be read become records, so
one run reports every problem of a sheet. Problems with the file itself (unreadable, no header,
missing columns) raise :class:`govkg.errors.InputError`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from govkg.errors import InputError, InputErrors
from govkg.procurement.amounts import AmountError
from govkg.procurement.amounts import parse_amount as _parse_amount
from govkg.procurement.columns import HEADERS, REQUIRED_COLUMNS

COLUMNS = (
    "id", "purchaser", "purchaser_type", "provider", "provider_type", "service", "content_type",
    "mode", "method", "start_date", "end_date", "budgeted", "continuous", "subcontract",
    "subcontract_approved", "amount",
)
#: cells that must not be empty
REQUIRED_CELLS = ("id", "purchaser", "purchaser_type", "provider", "provider_type", "content_type",
                  "mode", "start_date", "end_date")
#: JSON nested deeper than this is refused before parsing (json.loads would recurse per level)
MAX_JSON_DEPTH = 20
MAX_CELL = 10_000

TRUE_WORDS = {"是", "true", "yes", "y", "t", "1", "真", "对", "√", "✓"}
FALSE_WORDS = {"否", "false", "no", "n", "f", "0", "假", "错", "×", "✗"}
PROVIDER_SEPARATORS = re.compile(r"[;；]")
PERIOD_SPLIT = re.compile(r"\s*(?:至|到|~|～|—|–|\s-\s|--)\s*")
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
    row: int = 0  # row of the sheet / line of the CSV / index in the JSON list (1-based)
    extra: dict = field(default_factory=dict)


@dataclass
class Problem:
    """A cell that could not be read: where it is, what it holds, what was expected."""

    where: str  # "file, row 5 (record A-1), column 金额 (P)"
    message: str  # "'1.000,00' is ambiguous: …"
    row: int = 0
    column: str = ""  # the column's key (amount), "" for a problem with the whole row
    value: str = ""
    record: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Reading:
    """What a file gave: the records that could be read and the problems of the others."""

    name: str
    records: list[Record]
    problems: list[Problem]
    table: object = None  # the govkg.tabular.Table of a sheet, None for JSON
    rows: int = 0  # data rows in the file
    header: list[str] = field(default_factory=list)  # the header as written (JSON: the keys)
    raw_rows: list = field(default_factory=list)  # (row number, cells as written) in file order

    def raise_if_unreadable(self) -> None:
        """Nothing can be checked: every problem, one line each."""
        if not self.records:
            if not self.problems:
                raise InputError(f"{self.name}: no records (the file has a header but no data rows)")
            raise InputErrors([str(p) for p in self.problems])


# ------------------------------------------------------------------ reading files


def load(path, sheet: str | None = None) -> Reading:
    """Read a file into records and problems; raises InputError only if the file cannot be read."""
    from govkg.tabular import read_bytes as read_file_bytes

    path = Path(path)
    return load_bytes(read_file_bytes(path), str(path), sheet=sheet)


def load_bytes(data: bytes, name: str = "<input>", sheet: str | None = None) -> Reading:
    from govkg.tabular import XLSX_MAGIC, decodings, read_data

    if not data.startswith(XLSX_MAGIC):
        candidates = decodings(data)
        text = candidates[0][1].lstrip("\ufeff \t\r\n") if candidates else ""
        if text[:1] in ("[", "{"):
            return _json_reading(text, name)
    table = read_data(data, name, HEADERS, sheet=sheet, min_known=2)
    return _table_reading(table)


def read_path(path, sheet: str | None = None) -> list[Record]:
    """The records of a file; any problem raises (for callers that want all or nothing)."""
    return _all_or_nothing(load(path, sheet))


def read_bytes(data: bytes, name: str = "<input>") -> list[Record]:
    return _all_or_nothing(load_bytes(data, name))


def _all_or_nothing(reading: Reading) -> list[Record]:
    reading.raise_if_unreadable()
    if reading.problems:
        raise InputErrors([str(p) for p in reading.problems])
    return reading.records


def _check_columns(keys, name: str, where: str = "") -> None:
    present = set(keys)
    if "period" in present:
        present |= {"start_date", "end_date"}
    missing = [c for c in REQUIRED_COLUMNS if c not in present]
    if missing:
        from govkg.procurement.columns import COLUMN_TABLE

        plural = "s" if len(missing) > 1 else ""
        named = ", ".join(f"{c} ({COLUMN_TABLE[c][0]})" for c in missing)
        raise InputError(
            f"{name}{where}: missing column{plural} {named} "
            f"(expected columns: {', '.join(COLUMNS)}, or their Chinese names; amount may be left out)"
        )


def _table_reading(table) -> Reading:
    seen: dict[str, int] = {}
    for index, key in enumerate(table.keys):
        if key is None:
            continue
        if key in seen:
            raise InputError(f"{table.where()}: columns {table.header[seen[key]]!r} and {table.header[index]!r} "
                             f"both mean {key}; keep one")
        seen[key] = index
    _check_columns(seen, table.name)
    from govkg.tabular import header_unit

    unit = header_unit(table.header[seen["amount"]]) if "amount" in seen else ""
    rows = []
    for number, cells in table.rows:
        row = {key: (cells[i] if i < len(cells) else "") for key, i in seen.items()}
        extra_cells = [c for c in cells[len(table.header):] if str(c).strip()]

        def where(key=None, record="", number=number):
            col = seen.get(key) if key else None
            text = table.where(number, col)
            if record:
                head, sep, tail = text.partition(", column")
                text = f"{head} (record {record}){sep}{tail}"
            if key and col is not None and table.header[col] != key:
                text += f" = {key}"
            return text

        rows.append((number, row, where, extra_cells))
    reading = _resolve(rows, table.name, unit, table)
    reading.header, reading.raw_rows = list(table.header), list(table.rows)
    return reading


def _json_reading(text: str, name: str) -> Reading:
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise InputError(f"{name}: JSON nested {depth} levels deep (at most {MAX_JSON_DEPTH}); "
                         "expected a list of flat record objects")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except (RecursionError, ValueError) as exc:
        raise InputError(f"{name}: not valid JSON ({type(exc).__name__})") from None
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list):
        raise InputError(f"{name}: JSON must be a list of record objects (or an object with a \"records\" list)")
    rows = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InputError(f"{name}: JSON item {index} is not an object with the record's keys")
        row = {}
        for k, v in item.items():
            key = HEADERS.key(str(k))
            if key:
                row[key] = _json_cell(v)
        label = row.get("id") or f"item {index}"
        _check_columns(row.keys(), name, f", record {label}")

        def where(key=None, record="", index=index):
            text = f"{name}, record {record}" if record else f"{name}, item {index}"
            return f"{text}, column {key}" if key else text

        rows.append((index, row, where, []))
    reading = _resolve(rows, name, "", None)
    keys = [k for k in COLUMNS if any(k in r for _i, r, _w, _e in rows)]
    reading.header = keys
    reading.raw_rows = [(i, [r.get(k, "") for k in keys]) for i, r, _w, _e in rows]
    return reading


def _json_depth(text: str) -> int:
    """Deepest nesting of ``[``/``{`` outside strings (a linear scan, no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _json_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(_json_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# ------------------------------------------------------------------ resolving values


class _Bad(Exception):
    def __init__(self, key: str, value: str, message: str):
        super().__init__(message)
        self.key, self.value, self.message = key, value, message


def _resolve(rows, name: str, unit: str, table) -> Reading:
    """Every row a record or its problems (all of them: a row with three bad cells gives three)."""
    from govkg.procurement.vocab import vocabulary

    vocab = vocabulary()
    records: list[Record] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row_no, row, where, extra_cells in rows:
        cells = {k: (v or "").strip() for k, v in row.items()}
        rid = cells.get("id", "")
        bad: list[_Bad] = []
        if extra_cells:
            bad.append(_Bad("", " ".join(extra_cells)[:60],
                            f"{len(extra_cells)} cell(s) beyond the header's columns "
                            "(is a value containing the delimiter not quoted?)"))
        for key, text in cells.items():
            if len(text) > MAX_CELL:
                bad.append(_Bad(key, text[:40] + "…", f"cell of {len(text):,} characters (at most {MAX_CELL:,})"))
                cells[key] = ""
        if rid and rid in seen:
            bad.append(_Bad("id", rid, f"record id {rid} appears twice (rows {seen[rid]} and {row_no}); ids must be unique"))
        record = None
        if not bad:
            try:
                record, more = _record(cells, row_no, vocab, unit)
                bad.extend(more)
            except _Bad as exc:
                bad.append(exc)
        if rid and rid not in seen:
            seen[rid] = row_no
        if bad:
            for b in bad:
                problems.append(Problem(where(b.key or None, rid), b.message, row_no, b.key, b.value, rid))
        else:
            records.append(record)
    return Reading(name, records, problems, table, len(rows))


def _record(cells: dict, row_no: int, vocab, unit: str):
    """A Record from one row's cells; every unreadable cell is collected, not only the first."""
    bad: list[_Bad] = []

    def attempt(fn, *args):
        try:
            return fn(*args)
        except _Bad as exc:
            bad.append(exc)
            return None

    def required(key):
        if not cells.get(key):
            raise _Bad(key, "", f"column {key} is empty")
        return cells[key]

    def concept(key, scheme):
        text = cells.get(key, "")
        if not text:
            return None
        found = scheme.find(text)
        if found is None:
            raise _Bad(key, text, f"unknown {scheme.name_en} {text!r}; accepted: {scheme.accepted()}")
        return found.iri

    def required_concept(key, scheme):
        required(key)
        return concept(key, scheme)

    date_keys = ("start_date", "end_date")
    if cells.get("period") and not (cells.get("start_date") or cells.get("end_date")):
        parts = PERIOD_SPLIT.split(cells["period"])
        if len(parts) == 2:
            cells["start_date"], cells["end_date"] = parts
        else:
            date_keys = ()
            bad.append(_Bad("period", cells["period"], f"{cells['period']!r} is not a term from one date to "
                            "another (expected 2024-01-01至2024-12-31)"))
    rid = attempt(required, "id")
    purchaser = attempt(required, "purchaser")
    provider_text = attempt(required, "provider")
    providers = [p.strip() for p in PROVIDER_SEPARATORS.split(provider_text or "") if p.strip()]
    if provider_text and not providers:
        bad.append(_Bad("provider", provider_text, "column provider names no provider"))
    purchaser_type = attempt(required_concept, "purchaser_type", vocab.categories)
    provider_type = attempt(required_concept, "provider_type", vocab.categories)
    content_type = attempt(required_concept, "content_type", vocab.content_types)
    mode = attempt(required_concept, "mode", vocab.modes)
    method_text = cells.get("method") or None
    found_method = vocab.methods.find(method_text) if method_text else None
    subcontract = attempt(concept, "subcontract", vocab.subcontracting) or vocab.subcontracting.find("none").iri
    dates = [None, None] if not date_keys else []
    for key in date_keys:
        text = cells.get(key, "")
        if not text:
            bad.append(_Bad(key, "", f"column {key} is empty"))
            dates.append(None)
            continue
        try:
            dates.append(date_value(text))
        except ValueError as exc:
            bad.append(_Bad(key, text, str(exc)))
            dates.append(None)
    flags = {}
    for key in ("budgeted", "continuous", "subcontract_approved"):
        try:
            flags[key] = bool_value(cells.get(key, ""))
        except ValueError as exc:
            bad.append(_Bad(key, cells.get(key, ""), str(exc)))
    amount = None
    try:
        amount = _amount(cells.get("amount", ""), unit)
    except AmountError as exc:
        text = cells.get("amount", "")
        bad.append(_Bad("amount", text, f"{text[:40]!r} {exc}"))
    if bad:
        return None, bad
    return Record(
        id=rid, purchaser=purchaser, purchaser_type=purchaser_type, providers=providers,
        provider_type=provider_type, service=cells.get("service", ""), content_type=content_type,
        mode=mode, method=found_method.iri if found_method else None, method_text=method_text,
        start_date=dates[0], end_date=dates[1], budgeted=flags["budgeted"],
        continuous=flags["continuous"], subcontract=subcontract,
        subcontract_approved=flags["subcontract_approved"], amount=amount, row=row_no,
    ), []


def _amount(text: str, unit: str):
    if text and not text.isascii():
        from govkg.chinese import to_mainland

        text = to_mainland(text)
    return _parse_amount(text, unit)


def date_value(text: str) -> date:
    """A date as offices write it (2024-01-31, 2024/1/31, 2024年1月31日); ValueError says why not."""
    match = DATE_RE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD)")
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a date that exists") from None


def bool_value(text: str) -> bool | None:
    """是/否, true/false, yes/no, 1/0 (either script); None for an empty cell; ValueError otherwise."""
    key = text.strip().lower()
    if not key:
        return None
    if not key.isascii():
        from govkg.chinese import to_mainland

        key = to_mainland(key)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise ValueError(f"{text!r} is not a yes/no value (use 是/否, true/false, yes/no or 1/0)")


def parse_date(text: str, where: str, column: str) -> date:
    try:
        return date_value(text)
    except ValueError as exc:
        raise InputError(f"{where}, column {column}: {exc}") from None


def parse_bool(text: str, where: str, column: str) -> bool | None:
    try:
        return bool_value(text)
    except ValueError as exc:
        raise InputError(f"{where}, column {column}: {exc}") from None


def parse_amount(text: str, where: str, unit: str = "") -> Decimal | None:
    """The amount of a cell (see :mod:`.amounts`); InputError naming ``where`` if it is not one."""
    try:
        return _amount(text, unit)
    except AmountError as exc:
        raise InputError(f"{where}, column amount: {str(text)[:40]!r} {exc}") from None
