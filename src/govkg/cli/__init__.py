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
from govkg.errors import GovkgError, os_error_message, report


#: most lines one error prints (every problem is still counted in the last line)
MAX_ERROR_LINES = 200


#: command -> the module of govkg.cli that defines it (in the module's COMMANDS). A command's
#: module is imported only when the command runs (help imports them all), so `govkg who` does not
#: pay for the imports of the other commands (tests/test_cli_startup.py checks this table
#: against every module's COMMANDS).
COMMAND_MODULES = {
    "stats": "core", "validate": "core",
    "who": "lookup", "history": "lookup",
    "query": "query_cmds", "queries": "query_cmds", "export": "query_cmds",
    "check-procurement": "procurement", "eligibility": "procurement",
    "analyze": "analysis_cmds", "viz": "analysis_cmds",
    "push": "push_cmd", "source": "source_cmds", "plan": "plan_cmds",
    "import": "qzqd_cmds", "diff": "qzqd_cmds",
}


class GovkgGroup(click.Group):
    """A click group that turns GovkgError, usage errors, text that is not UTF-8 and broken
    pipes into one-line errors (exit 2), every message passed through ``printable``; its
    commands are loaded on demand (:data:`COMMAND_MODULES`)."""

    def list_commands(self, ctx) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx, cmd_name):
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:
            return None
        from importlib import import_module

        return next(c for c in import_module(f"govkg.cli.{module}").COMMANDS if c.name == cmd_name)

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
                report(line)
            if len(lines) > MAX_ERROR_LINES:  # a sheet with 200,000 bad rows must not flood the terminal
                report(f"… and {len(lines) - MAX_ERROR_LINES:,} more problems of the same input "
                       f"(the first {MAX_ERROR_LINES} shown)")
            ctx.exit(exc.exit_code)
        except click.UsageError as exc:  # one line instead of click's usage + hint + error
            where = f"{exc.ctx.command_path}: " if exc.ctx is not None else ""
            hint = f" (see {exc.ctx.command_path} -h)" if exc.ctx is not None else ""
            report(f"{where}{exc.format_message()}{hint}")
            ctx.exit(2)
        except UnicodeError as exc:  # lone surrogates from invalid UTF-8 on the command line
            report(f"text that is not valid UTF-8 in the input ({exc.reason})")
            ctx.exit(2)
        except RecursionError:
            report("input nested too deeply to process")
            ctx.exit(2)
        except BrokenPipeError:  # `govkg ... | head`
            sys.stderr.close()
            ctx.exit(0)
        except OSError as exc:  # standard output on a full disk, a device that refuses writes …
            report(os_error_message(exc))
            ctx.exit(2)


@click.group(cls=GovkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govkg")
def cli() -> None:
    """govkg: who handles what in Chinese government — institutions, duties, transfers."""


def _exit_code_help() -> None:
    from govkg.cli.exit_codes import help_text

    cli.help = f"{cli.help}\n\n{help_text()}"


_exit_code_help()


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
