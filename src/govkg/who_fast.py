"""``govkg who`` answered without loading click, when the cache's search index holds the answer.

Why: a ``who`` is a lookup of a few milliseconds in the search index, and loading the command
line framework, the store module and RocksDB dominated the whole process (0.2 s, against 0.03 s
for the ``oxigraph query`` CLI asking the same data). click alone imports ``inspect``,
``typing``, ``uuid`` … (≈ 15 ms). So the console script (:func:`main`) first offers
``who`` to :func:`run`, which handles the invocations people type:

    govkg who WORD… [--on DATE] [--limit N] [--format json|text|table]

(options as ``--opt VALUE`` or ``--opt=VALUE``, anywhere, each at most once; ``--`` ends the
options; output to standard output) on a built cache whose index stores the who-facts
(:mod:`govkg.who_facts`). Everything else is *declined* — :func:`run` returns None and the click
command (:mod:`govkg.cli.lookup`), which defines ``govkg who``, runs as usual: help, ``-o``,
``--long``, ``--data``, ``--endpoint``, a cache not built yet, and every error (a bad date, a
bad limit, text that is not UTF-8), so each message is worded in one place. The answer and its
rendering are the same functions either way (:func:`govkg.who.who`,
:func:`govkg.who_text.who_compact`, :class:`govkg.output_target.Output`);
tests/test_who_fast.py runs command lines both ways and compares output and exit codes.
"""

from __future__ import annotations

import os
import sys

#: option -> the values it takes (None: any value, checked where the click command checks it)
OPTIONS = {"--on": None, "--limit": None, "--format": ("json", "text", "table")}


def parse(args: list[str]) -> dict | None:
    """The words and options of a ``who`` command line, or None when it is not of the accepted
    form (see the module doc); values are not checked here, beyond --format's choices."""
    words: list[str] = []
    options: dict[str, str] = {}
    i, only_words = 0, False
    while i < len(args):
        arg = args[i]
        i += 1
        if only_words or not arg.startswith("-"):
            words.append(arg)
            continue
        if arg == "--":
            only_words = True
            continue
        name, equals, value = arg.partition("=")
        if name not in OPTIONS or name in options:
            return None
        if not equals:
            if i >= len(args) or args[i].startswith("-"):
                return None
            value, i = args[i], i + 1
        choices = OPTIONS[name]
        if choices is not None and value not in choices:
            return None
        options[name] = value
    if not words or not all(_is_utf8(a) for a in args):
        return None
    return {"text": " ".join(words), **options}


def _is_utf8(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:  # bytes of invalid UTF-8 (surrogateescape): click's command says so
        return False
    return True


def stored_index():
    """The search engine of the built cache of the bundled graph, when its index is verified and
    stores the who-facts; None otherwise (the click command builds what is missing)."""
    from govkg import cachedir, installed, resources
    from govkg.search import cache

    paths = resources.graph_file_paths()
    if paths is None:
        return None
    where = cachedir.locate(lambda memo: [(cachedir.bundled_name(os.path.basename(p)), cachedir.file_digest(p, memo))
                                          for p in paths], installed.version("pyoxigraph"))
    derived = cachedir.built_derived_dir(*where) if where is not None else None
    if derived is None:
        return None
    engine = cache.verified_engine(os.path.join(derived, cache.INDEX_FILE), os.path.basename(derived))
    return engine if engine is not None and engine.facts() is not None else None


class _IndexOnly:
    """A backend that is only a search index with stored facts (what :func:`govkg.who.who` reads)."""

    def __init__(self, engine):
        self._search_engine = engine


def run(args: list[str]) -> int | None:
    """Answer ``govkg who ARGS`` and return the exit code, or None to leave it to click."""
    parsed = parse(args)
    if parsed is None:
        return None
    from govkg.errors import GovkgError

    try:
        from govkg.dates import parse_date

        on = parse_date(parsed["--on"], "--on") if "--on" in parsed else None
        limit = parsed.get("--limit", "10")
        if not (limit.isascii() and limit.isdigit()):
            return None
        engine = stored_index()
        if engine is None:
            return None
        from govkg.who import who

        result = who(_IndexOnly(engine), parsed["text"], on, int(limit))
    except GovkgError:
        return None  # the click command reports it, worded once
    from govkg.output_target import Output, resolve_format
    from govkg.who_text import who_compact

    fmt = resolve_format(parsed.get("--format"), None, ["text", "json"], "auto")
    out = Output(fmt, None)
    if fmt == "json":
        out.json(result)
    else:
        out.raw(who_compact(result, out.width()))
    try:
        out.flush()
    except BrokenPipeError:  # `govkg who … | head`: as the click command does
        sys.stderr.close()
        return 0
    except OSError as exc:
        from govkg.errors import os_error_message, report

        report(os_error_message(exc))
        return 2
    return 0 if result["results"] else 1


def end(code: int) -> None:
    """End the process with ``code`` once the answer is written: standard output and error are
    flushed, no file is open for writing and nothing of ours waits for exit, so the interpreter's
    teardown of every loaded module is skipped (measured: 39 → 29 ms for the whole command)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def main() -> None:
    """The ``govkg`` console script: ``who`` through :func:`run` when it can answer, else click."""
    if sys.argv[1:2] == ["who"]:
        code = run(sys.argv[2:])
        if code is not None:
            end(code)
    from govkg.cli import main as cli_main

    cli_main()
