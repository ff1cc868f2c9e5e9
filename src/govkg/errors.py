"""Errors the CLI turns into a one-line message and exit code 2 (never a traceback)."""


class GovkgError(Exception):
    """A problem with the user's input or environment, worded for the user.

    The message names what is wrong and where (file, line, column, record, column name).
    """

    exit_code = 2


class InputError(GovkgError):
    """Unreadable or invalid input: a file, a query, a date, a name."""


class EndpointError(GovkgError):
    """A remote SPARQL endpoint could not be reached or failed."""


class NoExactMatch(GovkgError):
    """A name that names nothing exactly; the message lists the candidates (exit 1: nothing found)."""

    exit_code = 1


class InputErrors(InputError):
    """Several problems found in one pass over the input; the CLI prints one line for each."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__(self.messages[0] if len(self.messages) == 1 else
                         f"{self.messages[0]} (and {len(self.messages) - 1} more problems)")


def os_error_message(exc: OSError) -> str:
    """An OSError while writing, worded for the user (the file it names, else standard output)."""
    why = exc.strerror or str(exc)
    return f"{exc.filename}: {why}" if exc.filename else f"cannot write standard output: {why}"


def report(message: str) -> None:
    """Print one error line on standard error (the one wording of every error govkg prints)."""
    import sys

    sys.stderr.write(f"govkg: error: {printable(message)}\n")
    sys.stderr.flush()


def printable(text: str) -> str:
    """``text`` safe to print on one terminal line: control characters (newlines, ESC and
    other terminal escape codes), bidi overrides and other invisible format characters, and
    lone surrogates (bytes of invalid UTF-8 on the command line) are shown as escapes.

    The CLI passes every message through this before printing it, so a user value echoed
    in a message (a name, a path, a query) can neither split the line nor drive the terminal.
    """
    import unicodedata

    out = []
    for char in text:
        if char == "\t":
            out.append(" ")
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn") and char != "\u200d":
            code = ord(char)
            if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
                out.append(f"\\x{code - 0xDC00:02x}")
            elif char == "\n":
                out.append("\\n")
            elif char == "\r":
                out.append("\\r")
            elif code < 0x100:
                out.append(f"\\x{code:02x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
