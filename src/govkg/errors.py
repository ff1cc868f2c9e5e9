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
