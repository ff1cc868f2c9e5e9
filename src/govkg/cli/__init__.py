"""The ``govkg`` command line: one click group, one module per command family.

Library code raises :class:`govkg.errors.GovkgError`; only this package prints and exits.
Heavy libraries (rdflib, pyshacl, networkx, plotting) are imported inside the commands that
need them, so ``govkg who`` starts fast.
"""

from __future__ import annotations

import os
import sys

import click

from govkg import __version__
from govkg.errors import GovkgError, printable


#: most lines one error prints (every problem is still counted in the last line)
MAX_ERROR_LINES = 200


class GovkgGroup(click.Group):
    """A click group that turns GovkgError, usage errors, text that is not UTF-8 and broken
    pipes into one-line errors (exit 2), every message passed through ``printable``."""

    def invoke(self, ctx):
        from govkg import limits

        limits.reset()
        try:
            return super().invoke(ctx)
        except GovkgError as exc:
            from govkg.output import finish_progress

            finish_progress()
            lines = getattr(exc, "messages", None) or [str(exc)]
            for line in lines[:MAX_ERROR_LINES]:
                _error(line)
            if len(lines) > MAX_ERROR_LINES:  # a sheet with 200,000 bad rows must not flood the terminal
                _error(f"… and {len(lines) - MAX_ERROR_LINES:,} more problems of the same input "
                       f"(the first {MAX_ERROR_LINES} shown)")
            ctx.exit(exc.exit_code)
        except click.UsageError as exc:  # one line instead of click's usage + hint + error
            where = f"{exc.ctx.command_path}: " if exc.ctx is not None else ""
            hint = f" (see {exc.ctx.command_path} -h)" if exc.ctx is not None else ""
            _error(f"{where}{exc.format_message()}{hint}")
            ctx.exit(2)
        except UnicodeError as exc:  # lone surrogates from invalid UTF-8 on the command line
            _error(f"text that is not valid UTF-8 in the input ({exc.reason})")
            ctx.exit(2)
        except RecursionError:
            _error("input nested too deeply to process")
            ctx.exit(2)
        except BrokenPipeError:  # `govkg ... | head`
            sys.stderr.close()
            ctx.exit(0)
        except OSError as exc:  # standard output on a full disk, a device that refuses writes …
            _error(_os_error_message(exc))
            ctx.exit(2)


def _os_error_message(exc: OSError) -> str:
    why = exc.strerror or str(exc)
    return f"{exc.filename}: {why}" if exc.filename else f"cannot write standard output: {why}"


def _error(message: str) -> None:
    click.echo(f"govkg: error: {printable(message)}", err=True)


@click.group(cls=GovkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govkg")
def cli() -> None:
    """govkg: who handles what in Chinese government — institutions, duties, transfers."""


def _exit_code_help() -> None:
    from govkg.cli.exit_codes import help_text

    cli.help = f"{cli.help}\n\n{help_text()}"


_exit_code_help()


def _register() -> None:
    """Add every command family's commands (each module keeps its heavy imports inside)."""
    from govkg.cli import (analysis_cmds, core, lookup, plan_cmds, procurement, push_cmd, query_cmds, qzqd_cmds,
                           source_cmds)

    for module in (core, lookup, query_cmds, procurement, analysis_cmds, push_cmd, source_cmds, plan_cmds,
                   qzqd_cmds):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point.

    When a deadline or memory bound stopped a worker that cannot be interrupted (see
    :func:`govkg.limits.run_bounded`), the process ends at once after the one-line error
    instead of waiting for the worker at interpreter exit.
    """
    try:
        cli(prog_name="govkg")
    except SystemExit as exc:
        from govkg import limits

        if limits.abandoned():
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            os._exit(exc.code if isinstance(exc.code, int) else 2)
        raise
