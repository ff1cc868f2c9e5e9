"""The authoring layer: tables of what the sources say -> one builder -> ``data/*.ttl``.

Public API (see docs/authoring.md):

- :func:`build_bundled` builds every bundled table into a :class:`Builder`;
  :func:`write_bundled` writes them to a directory (``python -m govkg.authoring build``).
- :func:`rows_to_turtle` turns any rows (the bundled kinds in :mod:`govkg.authoring.rows` or your
  own) into deterministic Turtle, checking every quote against its document: the entry point for
  importers (spreadsheets, new plans) that write Turtle through the project's builder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from govkg.authoring.builder import AuthoringError, Builder, Document, date, en, iri, lit, zh  # noqa: F401
from govkg.authoring.rows import (  # noqa: F401
    P, Q, Assignment, Body, Duty, Node, Reorganisation, Row, Transfer,
)

#: the bundled tables, in build order (later tables cite passages and duties of earlier ones)
TABLE_MODULES = (
    "govkg.authoring.tables.ndrc_mandate_2008",
    "govkg.authoring.tables.reorganisations",
    "govkg.authoring.tables.institutions",
    "govkg.authoring.tables.legal_instruments",
    "govkg.authoring.tables.ndrc_information_disclosure",
    "govkg.authoring.tables.procurement",
    "govkg.authoring.tables.ndrc_posts_and_acts",
    "govkg.authoring.tables.gz_digital_government_plan",
    "govkg.authoring.tables.search_terms",
)

#: hand-written data files the tables rely on but do not generate
HAND_WRITTEN = ("duty_domains.ttl",)


def build_bundled(documents: Sequence[Document] | None = None) -> Builder:
    """Run every bundled table; fail (AuthoringError) on the first row that contradicts its source."""
    from importlib import import_module

    from govkg.authoring.checks import check_all
    from govkg.authoring.documents import documents as bundled_documents

    b = Builder(bundled_documents() if documents is None else documents)
    for name in TABLE_MODULES:
        import_module(name).build(b)
    check_all(b)
    return b


def write_bundled(directory: Path) -> list[Path]:
    return build_bundled().write(Path(directory))


def rows_to_turtle(rows: Iterable[Row], documents: Sequence[Document] = (), *, header: str = "",
                   output: str = "data.ttl", fast: bool = False, banner: str | None = None,
                   bundled: bool = True) -> str:
    """Deterministic Turtle for ``rows``: every quote checked against ``documents`` (plus the
    bundled source documents unless ``bundled=False``), passages named by the one rule, opened by
    ``banner`` (default: the GENERATED lines) and ``header``.

    ``fast=True`` builds pyoxigraph terms and writes with pyoxigraph's serialiser
    (:mod:`govkg.authoring.triples`): the same triples, an order of magnitude faster, for
    importers of tens of thousands of rows."""
    from govkg.authoring.builder import GENERATED
    from govkg.authoring.documents import documents as bundled_documents

    b = Builder([*(bundled_documents() if bundled else ()), *documents], fast=fast,
                banner=GENERATED if banner is None else banner)
    b.output(output, header)
    b.emit(rows)
    return b.turtle(output)
