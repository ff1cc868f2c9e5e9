"""Dates as the commands take them: ISO ``YYYY-MM-DD`` strings, checked against the calendar.

One place for it, so ``who --on``, ``analyze --on``, ``viz --on`` and named-query ``date``
parameters refuse the same inputs with the same wording.
"""

from __future__ import annotations

import datetime as dt
import re

from govkg.errors import InputError


def today() -> str:
    """Today as YYYY-MM-DD."""
    return dt.date.today().isoformat()


def parse_date(text: str | None, what: str = "--on") -> str:
    """An ISO date string; today if ``text`` is None; InputError naming ``what`` otherwise."""
    if text is None:
        return today()
    value = str(text).strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{what}: {text!r} is not a calendar date (use YYYY-MM-DD, e.g. 2019-06-01)") from None
