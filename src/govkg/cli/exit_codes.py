"""The exit codes of every govkg command: one table, shown in ``govkg --help`` and the README
(a test keeps the three in step and checks each meaning on a real command)."""

from __future__ import annotations

OK = 0
NOTHING_FOUND = 1
BAD_INPUT = 2

#: (code, meaning) — the one definition.
TABLE: list[tuple[int, str]] = [
    (OK, "success: results found, the graph or file conforms, the file was written"),
    (NOTHING_FOUND, "nothing found (who without a match, history of a name nothing has, a SELECT with no rows, an ASK that is "
                    "false, a CONSTRUCT with no triples) or violations (validate, check-procurement, "
                    "check_* named queries)"),
    (BAD_INPUT, "bad input or error: unreadable file (with line and column), malformed query, impossible "
                "date, unknown name or option that does not apply, refused update, unreachable "
                "endpoint — one line on standard error, never a traceback, nothing written"),
]


def help_text() -> str:
    """The table for ``--help`` (click's ``\\b`` keeps the lines as they are)."""
    return "\b\nExit codes:\n" + "\n".join(f"  {code}  {meaning}" for code, meaning in TABLE)


def markdown() -> str:
    """The table as it appears in README.md."""
    lines = ["| exit code | meaning |", "|---|---|"]
    lines += [f"| `{code}` | {meaning} |" for code, meaning in TABLE]
    return "\n".join(lines)
