"""Open a citation: a source passage with its document, locator and the lines around it.

Every fact cites a ``gk:SourcePassage``; the documents themselves ship in the package
(``govkg.data`` → ``data/sources/``), so a passage can be opened on any machine without the
network.  The passage is looked up with bound values (never pasted into SPARQL).
"""

from __future__ import annotations

import re
from importlib.resources import files

from govkg.errors import InputError
from govkg.namespaces import PREFIXES

SRC = PREFIXES["src"]
_LOCAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")
MAX_CONTEXT = 20
MAX_CITED_BY = 50


def passage_iri(ref: str) -> str:
    """``src:L95``, ``L95`` or the full IRI -> the full IRI; InputError for anything else."""
    ref = ref.strip()
    if ref.startswith(SRC):
        local = ref[len(SRC):]
    elif ref.startswith("src:"):
        local = ref[4:]
    else:
        local = ref
    if not _LOCAL.match(local):
        raise InputError(f"not a passage id: {ref!r} (expected e.g. src:L159-0-38, L95 or its IRI)")
    return SRC + local


_PASSAGE = """
SELECT ?doc ?line ?locator ?quote ?paraphrase ?file ?doc_zh ?doc_en WHERE {
  ?p a gk:SourcePassage ; gk:inDocument ?doc .
  OPTIONAL { ?p gk:line ?line } OPTIONAL { ?p gk:locator ?locator }
  OPTIONAL { ?p gk:quote ?quote } OPTIONAL { ?p gk:paraphrase ?paraphrase }
  OPTIONAL { ?doc dcterms:identifier ?file }
  OPTIONAL { ?doc skos:prefLabel ?doc_zh FILTER(LANG(?doc_zh) = "zh") }
  OPTIONAL { ?doc skos:prefLabel ?doc_en FILTER(LANG(?doc_en) = "en") }
} LIMIT 1
"""

_CITED_BY = """
SELECT ?x ?zh ?en WHERE {
  ?x gk:source ?p .
  OPTIONAL { ?x skos:prefLabel ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?x skos:prefLabel ?en FILTER(LANG(?en) = "en") }
} ORDER BY ?x LIMIT %d
""" % (MAX_CITED_BY + 1)


def document_lines(file_name: str) -> list[str] | None:
    """The lines of a bundled source document, or None if the package does not hold it."""
    if not file_name or "/" in file_name or "\\" in file_name or file_name.startswith("."):
        return None
    path = files("govkg.data") / "sources" / file_name
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, UnicodeDecodeError):
        return None


def open_passage(backend, ref: str, context: int = 1) -> dict:
    """The passage ``ref``: its text (quote or paraphrase), document, locator, ``context``
    non-empty lines before and after it, and what cites it."""
    from govkg.sparql import iri

    if not 0 <= context <= MAX_CONTEXT:
        raise InputError(f"--context must be between 0 and {MAX_CONTEXT}, not {context}")
    node = passage_iri(ref)
    rows = backend.select(_PASSAGE, bindings={"p": iri(node)})
    if not rows:
        raise InputError(f"no source passage {ref!r} in the graph")
    r = rows[0]
    value = lambda k: r[k].value if k in r else None  # noqa: E731
    line = int(value("line")) if value("line") else None
    lines = document_lines(value("file")) if value("file") else None
    around: list[dict] = []
    if lines is not None and line is not None and 1 <= line <= len(lines):
        around = _context(lines, line, context)
    cited = backend.select(_CITED_BY, bindings={"p": iri(node)})
    return {
        "passage": node,
        "kind": "quote" if value("quote") is not None else "paraphrase",
        "text": value("quote") if value("quote") is not None else value("paraphrase"),
        "document": {"iri": value("doc"), "label_zh": value("doc_zh"), "label_en": value("doc_en"),
                     "file": value("file"), "bundled": lines is not None},
        "locator": value("locator"),
        "line": line,
        "context": around,
        "cited_by": [{"iri": c["x"].value, "label_zh": c["zh"].value if "zh" in c else None,
                      "label_en": c["en"].value if "en" in c else None} for c in cited[:MAX_CITED_BY]],
        "cited_by_truncated": len(cited) > MAX_CITED_BY,
    }


def _context(lines: list[str], line: int, n: int) -> list[dict]:
    """The passage's line and ``n`` non-empty lines on each side (the source separates
    paragraphs with blank lines)."""
    before, after = [], []
    i = line - 1
    while i >= 1 and len(before) < n:
        if lines[i - 1].strip():
            before.append(i)
        i -= 1
    i = line + 1
    while i <= len(lines) and len(after) < n:
        if lines[i - 1].strip():
            after.append(i)
        i += 1
    return [{"line": k, "text": lines[k - 1], "cited": k == line} for k in [*reversed(before), line, *after]]
