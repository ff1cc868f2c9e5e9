"""Money amounts as Chinese offices write them, read exactly or refused — never guessed.

Accepted: ``360000``, ``1,000.00`` (thousands grouped by 3 with ``,``), ``1000元``, ``¥1000`` /
``￥1,000`` / ``RMB 1000`` / ``人民币1000元``, ``12.5万元`` / ``12.5万`` (×10,000), ``3亿元``
(×100,000,000), full-width digits (``１０００``). A header with a unit (``金额（万元）``) scales plain
numbers the same way.

Refused, with the reason: anything ambiguous between the Chinese and the European way of writing
(``1.000,00``, ``1,5``, ``1.000`` — three decimals of a yuan amount is far likelier a thousands
point), negative or exponent forms (``1e999999999`` would cost gigabytes to expand), more than
:data:`MAX_DIGITS` digits, Chinese numerals (``十万``: write the digits).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

#: digits before the decimal point of any amount (10^15 yuan is far beyond any budget)
MAX_DIGITS = 15
#: cells longer than this are refused before any parsing
MAX_CELL = 40
UNITS = {"": 1, "元": 1, "万元": 10_000, "万": 10_000, "亿元": 100_000_000, "亿": 100_000_000}
_PREFIX = re.compile(r"^(?:¥|￥|rmb|cny|人民币)\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*(万元|亿元|元|万|亿|rmb|cny)$", re.IGNORECASE)
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


class AmountError(ValueError):
    """The text is not an amount; the message says what was expected."""


def parse_amount(text: str, unit: str = "") -> Decimal | None:
    """The amount in yuan written in ``text`` (None for an empty cell); ``unit`` is the header's."""
    if text is None:
        return None
    raw = str(text)
    if len(raw) > MAX_CELL:
        raise AmountError(f"longer than {MAX_CELL} characters; expected an amount such as 1,000.00 or 12.5万元")
    cleaned = unicodedata.normalize("NFKC", raw).strip().replace("，", ",").replace(" ", "")
    if not cleaned:
        return None
    cleaned = _PREFIX.sub("", cleaned)
    factor = UNITS.get(unit.strip(), None)
    if factor is None:
        raise AmountError(f"the column's unit {unit!r} is not one of 元, 万元, 亿元")
    match = _SUFFIX.search(cleaned)
    if match:
        suffix = match.group(1).lower()
        cleaned = cleaned[:match.start()]
        if suffix in UNITS:
            factor = UNITS[suffix]
    if cleaned.startswith(("-", "−")):
        raise AmountError("a negative amount; expected an amount of 0 or more")
    if _GROUPED.match(cleaned):
        number = cleaned.replace(",", "")
    elif _PLAIN.match(cleaned):
        number = cleaned
    elif re.fullmatch(r"[\d.,]+", cleaned):
        raise AmountError("ambiguous: write thousands with ',' in groups of three and decimals with '.' "
                          "(1,000.00), or no separators (1000.00)")
    else:
        raise AmountError("not a number; expected an amount such as 1,000.00, 1000元, 12.5万元 or ¥1000")
    whole, _, decimals = number.partition(".")
    if "," not in cleaned and len(decimals) == 3 and factor == 1:
        raise AmountError("ambiguous: three decimals of a yuan amount may be a thousands point; "
                          "write 1000 or 1.00")
    if len(whole.lstrip("0")) > MAX_DIGITS:
        raise AmountError(f"more than {MAX_DIGITS} digits before the decimal point")
    if len(decimals) > 6:
        raise AmountError("more than 6 decimals")
    return Decimal(number) * factor


__all__ = ["parse_amount", "AmountError", "MAX_DIGITS"]
