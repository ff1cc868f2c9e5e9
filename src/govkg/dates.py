"""Dates as the commands take them: ISO ``YYYY-MM-DD`` strings, checked against the calendar.

One place for it, so ``who --on``, ``analyze --on``, ``viz --on`` and named-query ``date``
parameters refuse the same inputs with the same wording.
"""

from __future__ import annotations

import re
import time

from govkg.errors import InputError


def today() -> str:
    """Today (local time) as YYYY-MM-DD, as ``datetime.date.today().isoformat()`` gives it
    (without importing datetime, a cost on every ``govkg who`` without ``--on``)."""
    return time.strftime("%Y-%m-%d", time.localtime())


def parse_date(text: str | None, what: str = "--on") -> str:
    """An ISO date string; today if ``text`` is None; InputError naming ``what`` otherwise."""
    if text is None:
        return today()
    value = str(text).strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        import datetime

        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{what}: {text!r} is not a calendar date (use YYYY-MM-DD, e.g. 2019-06-01)") from None
