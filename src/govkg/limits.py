"""Bounds on what a query may do on the embedded store: its shape, its time, its result size,
its memory, and whether it may reach the network (``SERVICE``).

Why: govkg is read-only and local by default, and a tiny query can crash pyoxigraph (5,000
nested groups overflow its parser's stack), run forever (a cartesian product) or fetch a
whole graph from a server (``SERVICE <http://…>``). So every query text is checked before it is
parsed (:func:`check_query_text`, also for ``--endpoint``), and evaluation on the embedded store
runs under :func:`run_bounded`: a worker thread with a large stack, a deadline, a row limit and
a memory ceiling. Each limit has a default here and a command-line option to raise it.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from govkg.errors import InputError

T = TypeVar("T")

#: nesting (bracket depth plus operator chain length) that parses safely with room to spare
DEFAULT_MAX_NESTING = 200
#: beyond this even a large worker stack is not known to be safe: refused whatever is asked
HARD_MAX_NESTING = 2000
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 1_000_000
DEFAULT_MAX_MEMORY_MB = 4096
#: stack of the thread that parses and evaluates (pyoxigraph recurses on the query tree)
WORKER_STACK = 256 * 2**20

_OPENERS = {"(": ")", "{": "}", "[": "]"}
_OPERATORS = frozenset("+-*/!|&^=<>")


@dataclass(frozen=True)
class QueryLimits:
    """What one query may use. ``0`` for ``timeout``, ``max_rows`` or ``max_memory_mb`` means no limit."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_nesting: int = DEFAULT_MAX_NESTING
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    allow_service: bool = False


#: what ``govkg query`` enforces on a user's query unless its options say otherwise
DEFAULT_LIMITS = QueryLimits()
#: the process default: govkg's own queries (who, history, analyze …) are checked for shape and
#: SERVICE but not stopped by time, rows or memory (on a large --data graph they are legitimately big)
INTERNAL_LIMITS = QueryLimits(timeout=0, max_rows=0, max_memory_mb=0)
_active = INTERNAL_LIMITS


def active() -> QueryLimits:
    """The limits in force in this process (the CLI sets them from its options)."""
    return _active


def configure(**changes) -> QueryLimits:
    """Change the limits in force (``timeout=``, ``max_rows=`` …); returns the new limits."""
    global _active
    _active = QueryLimits(**{**_active.__dict__, **changes})
    return _active


def reset() -> None:
    """Back to the process default (each CLI invocation starts from it)."""
    global _active
    _active = INTERNAL_LIMITS


#: a worker stopped by :func:`run_bounded` is still running: the process must end without
#: waiting for it (a worker iterating results in Python keeps the interpreter from exiting,
#: and grows meanwhile)
_abandoned = threading.Event()


def abandoned() -> bool:
    """True once a bounded worker overran and was left running."""
    return _abandoned.is_set()


def check_query_text(query: str, limits: QueryLimits | None = None, prefixes: dict | None = None,
                     service: bool = True) -> None:
    """InputError unless ``query`` is valid text, nested no deeper than ``limits.max_nesting``
    and (when ``service`` is checked and ``limits.allow_service`` is off) free of ``SERVICE``.

    Nesting counts brackets ``( { [`` plus the longest chain of operators inside one bracket
    (``1+1+…`` and ``!!!…`` build trees as deep as they are long).
    """
    from govkg.sparql import _significant  # the one SPARQL tokenizer

    limits = limits or _active
    _check_text(query)
    limit = min(limits.max_nesting, HARD_MAX_NESTING)
    stack: list[str] = []
    chains = [0]
    previous = ""
    tokens = list(_significant(query))
    for index, (kind, text, start) in enumerate(tokens):
        if kind == "brace" or (kind == "other" and text in _OPENERS):
            stack.append(_OPENERS[text])
            chains.append(0)
        elif kind == "other" and text in (")", "}", "]"):
            if stack and stack[-1] == text:
                stack.pop()
                chains.pop()
        elif kind == "other" and text in _OPERATORS:
            chains[-1] += 1
        depth = len(stack) + chains[-1]
        if depth > limit:
            line = query.count("\n", 0, start) + 1
            raise InputError(
                f"query nested {depth} deep at line {line} (limit {limit}): refused before parsing; "
                + ("raise it with --max-nesting" if limit < HARD_MAX_NESTING
                   else f"{HARD_MAX_NESTING} is the most govkg allows"))
        if service and kind == "word" and text.upper() == "SERVICE" and previous not in (":", "?", "$"):
            _check_service(tokens[index + 1:], limits, prefixes or {}, query, start)
        previous = text if kind == "other" else kind


def _check_text(query: str) -> None:
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = query.count("\n", 0, exc.start) + 1
        raise InputError(f"query text is not valid UTF-8 (line {line}, character {exc.start + 1})") from None


def _check_service(rest, limits: QueryLimits, prefixes: dict, query: str, start: int) -> None:
    line = query.count("\n", 0, start) + 1
    if not limits.allow_service:
        raise InputError(f"SERVICE at line {line} refused: a query does not reach the network unless "
                         "--allow-service is given")
    words = [t for t in rest[:4] if t[0] != "other" or t[1] == ":"]
    if words and words[0][0] == "word" and words[0][1].upper() == "SILENT":
        words = words[1:]
    target = None
    if words and words[0][0] == "iri":
        target = words[0][1][1:-1]
    elif len(words) >= 2 and words[0][0] == "word" and words[1][1] == ":":
        namespace = prefixes.get(words[0][1])
        target = namespace
    elif words and words[0][1] == ":":
        target = prefixes.get("")
    if not target or not target.lower().startswith(("http://", "https://")):
        raise InputError(f"SERVICE at line {line} refused: only a fixed http(s) IRI may be called "
                         "(no variables, no file: or other schemes)")


def declared_prefixes(query: str, predeclared: dict) -> dict:
    """The prefixes a query can use: the predeclared ones and its own PREFIX declarations."""
    found = dict(predeclared)
    for match in re.finditer(r"(?i)PREFIX\s+([A-Za-z][\w.-]*)?\s*:\s*<([^>\s]*)>", query):
        found[match.group(1) or ""] = match.group(2)
    return found


# ------------------------------------------------------------------ evaluation


class RowLimit:
    """Counts rows or triples as they are collected; InputError past the limit."""

    def __init__(self, limit: int):
        self.limit = limit
        self.count = 0

    def add(self, n: int = 1) -> None:
        self.count += n
        if self.limit and self.count > self.limit:
            raise InputError(f"query result has more than {self.limit:,} rows: stopped; "
                             "add LIMIT to the query or raise --max-rows (0: no limit)")


def _rss_mb() -> float | None:
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def run_bounded(work: Callable[[], T], limits: QueryLimits | None = None, what: str = "query") -> T:
    """Run ``work`` in a worker thread with a large stack; InputError when it takes longer than
    ``limits.timeout`` seconds or the process grows by more than ``limits.max_memory_mb``.

    pyoxigraph releases the GIL while it evaluates, so this thread can watch the clock. A
    worker that overruns cannot be stopped from Python: it is abandoned (a daemon thread) and
    ends with the process, which for the CLI is the moment the error has been printed.
    """
    limits = limits or _active
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    old_size = threading.stack_size()
    try:
        threading.stack_size(WORKER_STACK)
    except (ValueError, RuntimeError):
        pass
    try:
        worker = threading.Thread(target=target, name=f"govkg-{what}", daemon=True)
        worker.start()
    finally:
        threading.stack_size(old_size)
    baseline = _rss_mb()
    deadline = time.monotonic() + limits.timeout if limits.timeout else None
    while worker.is_alive():
        worker.join(timeout=0.05)
        if not worker.is_alive():
            break
        if deadline is not None and time.monotonic() > deadline:
            _abandoned.set()
            raise InputError(f"{what} took longer than {limits.timeout:g} s: stopped; raise --timeout "
                             "or narrow the query")
        if limits.max_memory_mb and baseline is not None:
            now = _rss_mb()
            if now is not None and now - baseline > limits.max_memory_mb:
                _abandoned.set()
                raise InputError(f"{what} needed more than {limits.max_memory_mb:,} MB of memory: stopped; "
                                 "raise --max-memory or narrow the query")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# ------------------------------------------------------------------ RDF input

#: most bytes the entities of one RDF/XML file may expand to (the "billion laughs" bound)
MAX_ENTITY_EXPANSION = int(os.environ.get("GOVKG_MAX_ENTITY_EXPANSION", 16 * 2**20))
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s%;&<>\"']+)\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.DOTALL)
_REFERENCE = re.compile(rb"&([^\s;&<>\"']+);")


def check_xml_entities(name: str, data: bytes) -> None:
    """InputError for an RDF/XML document whose DTD entities could blow up or leave the file.

    Namespace shorthands such as ``<!ENTITY owl "http://www.w3.org/2002/07/owl#">`` are fine.
    Refused: external entities (``SYSTEM``/``PUBLIC``: a file or URL read on our behalf),
    parameter entities, and any set of entities whose total expansion over the document
    exceeds ``GOVKG_MAX_ENTITY_EXPANSION`` bytes (16 MiB by default; an environment variable
    raises it) — a 1 KB "billion laughs" file expands to gigabytes.
    """
    if b"<!ENTITY" not in data:
        return
    values: dict[bytes, bytes] = {}
    for match in _ENTITY.finditer(data):
        parameter, entity, value = match.group(1), match.group(2), match.group(3)
        if parameter or value in (b"SYSTEM", b"PUBLIC"):
            kind = "parameter" if parameter else "external"
            raise InputError(f"{name}: {kind} XML entity {entity.decode('utf-8', 'replace')!r} refused "
                             "(govkg reads no DTD files or URLs)")
        values[entity] = value[1:-1]
    sizes: dict[bytes, int] = {}

    def size(entity: bytes, seen: tuple = ()) -> int:
        if entity in sizes:
            return sizes[entity]
        if entity in seen:
            raise InputError(f"{name}: XML entity {entity.decode('utf-8', 'replace')!r} refers to itself")
        text = values.get(entity, b"")
        total = len(text)
        for ref in _REFERENCE.findall(text):
            if ref in values:
                total += size(ref, seen + (entity,)) - len(ref) - 2
            if total > MAX_ENTITY_EXPANSION:
                break
        sizes[entity] = total
        return total

    body = data[data.rfind(b"]>") + 2:] if b"]>" in data else data
    expanded = 0
    for ref in _REFERENCE.findall(body):
        if ref in values:
            expanded += size(ref)
            if expanded > MAX_ENTITY_EXPANSION:
                raise InputError(f"{name}: XML entities expand to more than {MAX_ENTITY_EXPANSION:,} bytes "
                                 "(an entity expansion bomb?); refused — set GOVKG_MAX_ENTITY_EXPANSION to raise it")
