"""A 权责清单 sheet → :class:`Power` rows, with every problem of the sheet found in one pass.

The sheet is read by :mod:`govkg.tabular` (the same reader as procurement records). Problems —
missing columns, merged cells, several lines in a one-line cell, duplicate codes, unknown power
types, empty required cells, no date — are collected, each naming the sheet, row and column, and
raised together (:class:`govkg.errors.InputErrors`), so nothing is written from a sheet that is
not wholly understood.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from govkg.errors import InputError, InputErrors
from govkg.namespaces import PREFIXES
from govkg.qzqd.basis import Provision, parse_basis
from govkg.qzqd.columns import COLUMN_TABLE, HEADERS, REQUIRED, SINGLE_LINE

PTYPE = PREFIXES["ptype"]
DATE_IN_TEXT = re.compile(r"(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?")
YEAR_IN_TEXT = re.compile(r"(\d{4})\s*年")


@dataclass(frozen=True)
class PowerType:
    iri: str
    zh: str
    en: str


@dataclass
class Power:
    """One row of a list, as written (``name``, ``body`` …) with its type and basis resolved."""

    row: int
    name: str
    type: PowerType
    body: str
    code: str = ""
    subitem: str = ""
    basis: str = ""
    provisions: list[Provision] = field(default_factory=list)
    steps: str = ""
    accountability: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        """What the power is, whoever holds it: its name, sub-item and type (mainland script)."""
        return "|".join(canonical(t) for t in (self.name, self.subitem, self.type.zh))


@dataclass
class PowerList:
    """One sheet of a list: where it came from, its date, its powers."""

    name: str  # the file as given
    file_name: str  # the file's name without folders
    sheet: str | None
    digest: str  # sha256 of the file's bytes (first 12 hex digits name the list)
    as_of: date
    date_origin: str  # "given (--as-of)" or "stated in the sheet: …"
    powers: list[Power]

    @property
    def list_id(self) -> str:
        sheet = hashlib.sha256((self.sheet or "").encode()).hexdigest()[:4]
        return f"{self.digest[:12]}-{sheet}"

    def locator(self, row: int) -> str:
        sheet = f", sheet {self.sheet}" if self.sheet is not None else ""
        return f"{self.file_name}{sheet}, row {row}"


@lru_cache(maxsize=65536)
def canonical(text: str) -> str:
    """Mainland simplified, NFKC, single spaces: the form labels and keys use (cached: an import
    asks for the same body and instrument names on every row)."""
    from govkg.chinese import to_mainland

    text = " ".join(unicodedata.normalize("NFKC", text or "").split())
    return to_mainland(text) if not text.isascii() else text


@lru_cache(maxsize=1)
def power_types() -> dict[str, PowerType]:
    """Lookup key (labels, codes, in either script) → power type, from ontology/govkg-qzqd.ttl."""
    import rdflib

    from govkg.resources import ontology_files
    from govkg.tabular import header_key

    graph = rdflib.Graph()
    for item in ontology_files():
        if item.name == "govkg-qzqd.ttl":
            graph.parse(data=item.read_text(encoding="utf-8"), format="turtle")
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    out: dict[str, PowerType] = {}
    for iri in graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/govkg/def#PowerType")):
        labels = {lit.language: str(lit) for lit in graph.objects(iri, skos.prefLabel)}
        ptype = PowerType(str(iri), labels["zh"], labels["en"])
        names = [labels["zh"], labels["en"], str(graph.value(iri, skos.notation))]
        names += [str(lit) for lit in graph.objects(iri, skos.altLabel)]
        for word in names:
            out[header_key(word)] = ptype
    return out


def accepted_types() -> str:
    return "、".join(sorted({t.zh for t in power_types().values()}, key=lambda z: (z == "其他", z)))


def read_list(path, *, sheet: str | None = None, as_of: date | None = None) -> PowerList:
    """Read one list; every problem of the sheet raised together, or the list."""
    from govkg.tabular import read_bytes, read_data

    path = Path(path)
    data = read_bytes(path)
    data_digest = hashlib.sha256(data).hexdigest()
    table = read_data(data, str(path), HEADERS, sheet=sheet, min_known=3)
    problems: list[str] = []
    missing = [k for k in REQUIRED if k not in table.keys]
    if missing:
        named = ", ".join(f"{COLUMN_TABLE[k][0]} ({k})" for k in missing)
        raise InputError(f"{table.where()}: missing column{'s' if len(missing) > 1 else ''} {named}; "
                         f"the header row {table.header_row} names: {', '.join(h for h in table.header if h)}")
    columns: dict[str, int] = {}
    for index, key in enumerate(table.keys):
        if key is None:
            continue
        if key in columns:
            problems.append(f"{table.where(table.header_row, index)}: a second {COLUMN_TABLE[key][0]} column "
                            f"(the first is {table.header[columns[key]]!r}); keep one")
            continue
        columns[key] = index
    in_merge: set = set()  # (row, column index) of cells inside a merged range but its first
    for ref in table.merged:
        first = int(re.match(r"[A-Z]+([0-9]+)", ref).group(1))
        in_merge |= _merged_cells(ref) - {_cell_ref(ref.split(":")[0])}
        problems.append(f"{table.where(first)}: cells {ref} are merged; unmerge them and write the value "
                        "in every row (a merged cell gives its value to the first row only)")
    types = power_types()
    from govkg.tabular import header_key

    powers: list[Power] = []
    codes: dict[str, int] = {}
    for number, cells in table.rows:
        row = {key: (str(cells[i]).strip() if i < len(cells) and cells[i] is not None else "")
               for key, i in columns.items()}
        bad = False
        for key in REQUIRED:
            if not row.get(key) and (number, columns[key]) in in_merge:
                bad = True  # reported with its merged range
            elif not row.get(key):
                problems.append(f"{table.where(number, columns[key])}: empty; every power needs its "
                                f"{COLUMN_TABLE[key][0]}")
                bad = True
        for key in SINGLE_LINE:
            if "\n" in row.get(key, ""):
                problems.append(f"{table.where(number, columns[key])}: several lines in one cell "
                                f"({row[key][:30]!r}…); one power per row, one value per cell")
                bad = True
        ptype = types.get(header_key(row["type"])) if row.get("type") else None
        if row.get("type") and ptype is None:
            problems.append(f"{table.where(number, columns['type'])}: unknown power type {row['type']!r}; "
                            f"accepted: {accepted_types()}")
            bad = True
        code = row.get("code", "")
        if code:
            if code in codes:
                problems.append(f"{table.where(number, columns['code'])}: code {code} appears twice "
                                f"(rows {codes[code]} and {number}); codes must be unique in a list")
                bad = True
            else:
                codes[code] = number
        if bad:
            continue
        powers.append(Power(
            row=number, name=row["name"], type=ptype, body=row["body"], code=code,
            subitem=row.get("subitem", ""), basis=row.get("basis", ""),
            provisions=parse_basis(row.get("basis", "")), steps=row.get("steps", ""),
            accountability=row.get("accountability", ""), note=row.get("note", ""),
        ))
    origin = "given (--as-of)"
    if as_of is None:
        as_of, origin, why = stated_date(table.preamble + ([table.sheet] if table.sheet else []))
        if as_of is None:
            problems.append(f"{table.where()}: {why}; give the list's date with --as-of YYYY-MM-DD")
    if problems:
        raise InputErrors(problems)
    if not powers:
        raise InputError(f"{table.where()}: no powers (the sheet has a header but no rows)")
    return PowerList(str(path), path.name, table.sheet, data_digest, as_of, origin, powers)


def _cell_ref(ref: str) -> tuple[int, int]:
    """``E3`` → (3, 4): the row and the column index."""
    match = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    column = 0
    for ch in match.group(1):
        column = column * 26 + ord(ch) - 64
    return int(match.group(2)), column - 1


def _merged_cells(ref: str) -> set:
    (r1, c1), (r2, c2) = (_cell_ref(part) for part in ref.split(":"))
    if (r2 - r1 + 1) * (c2 - c1 + 1) > 1_000_000:
        return set()
    return {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}


def stated_date(texts: list[str]) -> tuple[date | None, str, str]:
    """The one full date written above the header (or in the sheet name), else why there is none."""
    found = set()
    for text in texts:
        for y, m, d in DATE_IN_TEXT.findall(unicodedata.normalize("NFKC", text or "")):
            try:
                found.add(date(int(y), int(m), int(d)))
            except ValueError:
                continue
    if len(found) == 1:
        day = found.pop()
        return day, f"stated in the sheet: {day.isoformat()}", ""
    if len(found) > 1:
        return None, "", f"the sheet states several dates ({', '.join(sorted(d.isoformat() for d in found))})"
    years = {y for text in texts for y in YEAR_IN_TEXT.findall(text or "")}
    if years:
        return None, "", f"the sheet states only a year ({', '.join(sorted(years))}), not the list's date"
    return None, "", "the sheet states no date"


__all__ = ["Power", "PowerList", "PowerType", "read_list", "power_types", "canonical", "stated_date"]
