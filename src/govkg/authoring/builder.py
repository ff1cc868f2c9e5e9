"""One builder for all authored data: documents, passages, rows -> deterministic Turtle.

Why one builder: every fact in ``data/`` cites a passage of a document, and a quote is either
verbatim in that document or it is not a quote.  The builder is the one place that checks it
(:meth:`Builder.quote` refuses a quote that is not on the line it names), the one place that
names passages (:func:`passage_id`), and the one place that writes Turtle (sorted, with a
GENERATED header), so a table only says *what* the source says.

A *row* is any object with a ``emit(builder)`` method (see :mod:`govkg.authoring.rows`); new kinds
of rows (plans, tasks, targets, 权责清单 items …) are new row classes in their own module, not a
copy of this one.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from govkg.errors import GovkgError
from govkg.namespaces import PREFIXES, bind_prefixes


class AuthoringError(GovkgError):
    """A table row contradicts its source (quote not verbatim, unknown document, …)."""


# ---------------------------------------------------------------- terms


def iri(curie_or_iri: str) -> URIRef:
    """``inst:ndrc`` -> its full IRI; a full ``http(s)://`` IRI is kept."""
    if curie_or_iri.startswith(("http://", "https://", "urn:")):
        return URIRef(curie_or_iri)
    prefix, sep, local = curie_or_iri.partition(":")
    if not sep or prefix not in PREFIXES:
        raise AuthoringError(f"not a CURIE with a known prefix: {curie_or_iri!r}")
    return URIRef(PREFIXES[prefix] + local)


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def lit(text: str) -> Literal:
    return Literal(text)


def date(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def integer(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def boolean(value: bool) -> Literal:
    return Literal(value)


def term(value) -> URIRef | Literal:
    """A table value as an RDF term: str is a CURIE/IRI; literals must be made explicitly."""
    if isinstance(value, (URIRef, Literal)):
        return value
    if isinstance(value, str):
        return iri(value)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return integer(value)
    raise AuthoringError(f"cannot use {value!r} as an RDF term (wrap literals with zh()/en()/lit()/date())")


# ---------------------------------------------------------------- documents


@dataclass
class Document:
    """A source text, addressed by line (1-based).  ``locator(line)`` names a line for a reader."""

    key: str  # local name under src:, e.g. "doc-5877207f"
    path: Path | None = None
    text: str | None = None
    id_prefix: str = ""  # prefix of the passage ids of this document, e.g. "L" or "ref-L"
    locator: Callable[[int], str] | None = None
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        if self.text is None:
            if self.path is None:
                raise AuthoringError(f"document {self.key}: give a path or a text")
            self.text = Path(self.path).read_text(encoding="utf-8")
        self.lines = self.text.split("\n")

    @property
    def iri(self) -> URIRef:
        return iri("src:" + self.key)

    def line(self, n: int) -> str:
        if not 1 <= n <= len(self.lines):
            raise AuthoringError(f"{self.key}: no line {n} (the document has {len(self.lines)})")
        return self.lines[n - 1]

    def locate(self, n: int) -> str:
        return self.locator(n) if self.locator else f"line {n}"


def passage_id(doc: Document, line: int, start: int | None, end: int | None) -> str:
    """The one naming rule: ``{prefix}{line}`` for a whole line, ``{prefix}{line}-{start}-{end}``
    for a span (character offsets on the line), so an id never depends on table order."""
    base = f"{doc.id_prefix}{line}"
    return base if start is None else f"{base}-{start}-{end}"


# ---------------------------------------------------------------- rows


class Row(Protocol):
    def emit(self, b: "Builder") -> None: ...


# ---------------------------------------------------------------- builder


class Builder:
    """Collects triples per output file; passages go into the file that first cites them."""

    def __init__(self, documents: Iterable[Document] = ()):
        self.documents: dict[str, Document] = {}
        for d in documents:
            self.add_document(d)
        self.graphs: dict[str, Graph] = {}
        self.headers: dict[str, str] = {}
        self.current: str | None = None
        self._passages: dict[URIRef, str] = {}  # passage -> output it was written to
        self.spans: dict[tuple[str, int], list[tuple[int, int]]] = {}  # (doc, line) -> quoted spans
        #: (duty local name, holder CURIE) -> the assignment a transfer of that duty would end
        self.timeline: dict[tuple[str, str], str] = {}
        self.events: dict[str, object] = {}  # reorganisation key -> its row (for dates and bases)

    # -- outputs
    def add_document(self, doc: Document) -> None:
        self.documents[doc.key] = doc

    def output(self, name: str, header: str = "") -> "Builder":
        """Send the next triples to ``name`` (a file name such as ``reorganisations.ttl``)."""
        if name not in self.graphs:
            g = Graph()
            bind_prefixes(g)
            self.graphs[name] = g
            self.headers[name] = header
        elif header:
            self.headers[name] = header
        self.current = name
        return self

    @property
    def graph(self) -> Graph:
        if self.current is None:
            self.output("data.ttl")
        return self.graphs[self.current]

    # -- triples
    def add(self, s, p, o) -> None:
        self.graph.add((term(s), term(p), term(o)))

    def node(self, subject, types=(), **props) -> URIRef:
        """Add a resource: ``types`` (CURIEs) and ``props`` as ``prefix__local=[values]``."""
        s = term(subject)
        for t in (types,) if isinstance(types, str) else types:
            self.graph.add((s, RDF.type, term(t)))
        for key, values in props.items():
            p = term(key.replace("__", ":", 1))
            if values is None:
                continue
            if not isinstance(values, (list, tuple, set, frozenset)):
                values = [values]
            for v in values:
                if v is not None:
                    self.graph.add((s, p, term(v)))
        return s

    def emit(self, rows: Iterable[Row]) -> None:
        for row in rows:
            row.emit(self)

    # -- passages
    def document(self, key: str) -> Document:
        try:
            return self.documents[key]
        except KeyError:
            raise AuthoringError(f"unknown document {key!r} (known: {sorted(self.documents)})") from None

    def quote(self, doc: str, line: int, quote: str | None = None, *, after: int = 0) -> URIRef:
        """The passage quoting ``quote`` verbatim from ``line`` of ``doc`` (whole line if None).

        Fails unless the quote is on that line, at or after character ``after``."""
        d = self.document(doc)
        text = d.line(line)
        if quote is None or quote == text.strip():
            quote, start, end = text.strip(), None, None
            if not quote:
                raise AuthoringError(f"{doc} line {line}: the line is empty, nothing to quote")
            self.spans.setdefault((doc, line), []).append((0, len(text)))
        else:
            if not quote:
                raise AuthoringError(f"{doc} line {line}: empty quote")
            start = text.find(quote, after)
            if start < 0:
                raise AuthoringError(f"{doc} line {line}: quote not found verbatim: {quote!r}")
            end = start + len(quote)
            self.spans.setdefault((doc, line), []).append((start, end))
        node = iri("src:" + passage_id(d, line, start, end))
        if node not in self._passages:
            self._passages[node] = self.current or "data.ttl"
            self.node(node, "gk:SourcePassage", gk__inDocument=d.iri, gk__line=integer(line),
                      gk__locator=lit(d.locate(line)), gk__quote=lit(quote))
        return node

    def paraphrase(self, doc: str, line: int, text: str) -> URIRef:
        """A passage that restates a public document in the project's words: ``text`` is on
        ``line`` of ``doc`` (checked) and is written as ``gk:paraphrase``, never ``gk:quote``."""
        d = self.document(doc)
        start = d.line(line).find(text)
        if not text or start < 0:
            raise AuthoringError(f"{doc} line {line}: paraphrase not found on the line: {text!r}")
        node = iri("src:" + passage_id(d, line, start, start + len(text)))
        if node not in self._passages:
            self._passages[node] = self.current or "data.ttl"
            self.node(node, "gk:SourcePassage", gk__inDocument=d.iri, gk__line=integer(line),
                      gk__locator=lit(d.locate(line)), gk__paraphrase=lit(text))
        return node

    def find_line(self, doc: str, text: str) -> int:
        """The one line of ``doc`` that contains ``text`` (an error if none or several)."""
        found = [n for n, ln in enumerate(self.document(doc).lines, 1) if text in ln]
        if len(found) != 1:
            raise AuthoringError(f"{doc}: {text!r} is on {len(found)} lines {found[:5]}, not exactly one")
        return found[0]

    # -- output
    def turtle(self, name: str) -> str:
        """Deterministic Turtle of one output, with its GENERATED header."""
        g = self.graphs[name]
        body = g.serialize(format="turtle")
        header = "".join(f"# {ln}".rstrip() + "\n" for ln in self.headers[name].strip("\n").split("\n")) \
            if self.headers[name] else ""
        return (f"# GENERATED by `python -m govkg.authoring build` — do not edit; edit the tables in\n"
                f"# src/govkg/authoring/tables/ and regenerate (docs/authoring.md).\n{header}\n{body}")

    def write(self, directory: Path) -> list[Path]:
        """Write every output into ``directory`` atomically (temp file + rename)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for name in sorted(self.graphs):
            target = directory / name
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(self.turtle(name))
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            written.append(target)
        return written
