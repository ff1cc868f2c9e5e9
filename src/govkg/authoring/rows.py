"""The kinds of rows a table holds.  Each row knows how to ``emit`` itself into a :class:`Builder`.

A row names its evidence with :class:`Q` (a verbatim quote of a line) or :class:`P` (a
paraphrase, never a quote); the builder turns both into ``gk:SourcePassage`` nodes.  Values that
are resources are CURIE strings (``"inst:ndrc"``); literals are made with ``zh()``/``en()``/
``lit()``/``date()`` from :mod:`govkg.authoring.builder`.

To add a new kind (a plan, a task, a 权责清单 item): write a dataclass with ``emit(self, b)`` that
calls ``b.node(...)`` and ``b.cite(...)``; nothing here needs to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from rdflib import URIRef

from govkg.authoring.builder import AuthoringError, Builder, Row, boolean, date, en, lit, zh  # noqa: F401

MAIN_DOC = "doc-5877207f"


@dataclass(frozen=True)
class Q:
    """Evidence: ``text`` verbatim on ``line`` of ``doc`` (None: the whole line)."""

    line: int
    text: str | None = None
    doc: str = MAIN_DOC
    after: int = 0

    def passage(self, b: Builder) -> URIRef:
        return b.quote(self.doc, self.line, self.text, after=self.after)


@dataclass(frozen=True)
class P:
    """Evidence in the project's words: ``text`` is on ``line`` of ``doc`` but restates (does not
    quote) the public document; written as ``gk:paraphrase``."""

    line: int
    text: str
    doc: str = MAIN_DOC

    def passage(self, b: Builder) -> URIRef:
        return b.paraphrase(self.doc, self.line, self.text)


REFERENCE_DOC = "doc-govkg-reference"


@dataclass(frozen=True)
class R:
    """Evidence from the project's reference document (data/sources/reference.md), found by its
    text (its lines move when the notes grow).  ``quote=True``: the text is a public document's
    own wording, marked 「…」 in the notes, and becomes a ``gk:quote``; otherwise it is the notes'
    summary and becomes a ``gk:paraphrase``."""

    text: str
    quote: bool = False

    def passage(self, b: Builder) -> URIRef:
        line = b.find_line(REFERENCE_DOC, self.text)
        if self.quote:
            if f"「{self.text}」" not in b.document(REFERENCE_DOC).line(line):
                raise AuthoringError(f"reference line {line}: a quote must be the 「…」 wording of a public document: {self.text!r}")
            return b.quote(REFERENCE_DOC, line, self.text)
        return b.paraphrase(REFERENCE_DOC, line, self.text)


Evidence = Q | P | R


def cite(b: Builder, sources: Sequence[Evidence]) -> list[URIRef]:
    if not sources:
        raise AuthoringError("a row without evidence: every fact cites its passage")
    return [s.passage(b) for s in sources]


def labels(zh_label: str | None, en_label: str | None) -> list:
    return [v for v in (zh(zh_label) if zh_label else None, en(en_label) if en_label else None) if v is not None]


@dataclass
class Node:
    """Any resource: types and properties given as ``{"skos:note": [en("…")], …}``."""

    subject: str
    types: Sequence[str] = ()
    props: dict = field(default_factory=dict)
    sources: Sequence[Evidence] = ()
    required: bool = False  # True: refuse the row if it has no evidence

    def emit(self, b: Builder) -> None:
        s = b.node(self.subject, self.types)
        for p, values in self.props.items():
            for v in values if isinstance(values, (list, tuple)) else [values]:
                if v is not None:
                    b.add(s, p, v)
        for passage in cite(b, self.sources) if (self.sources or self.required) else []:
            b.add(s, "gk:source", passage)


@dataclass
class Body:
    """An institution, department or role, with zh and en labels (both required)."""

    subject: str
    kind: str  # gk:Institution, gk:Department, gk:Role
    zh: str
    en: str
    sources: Sequence[Evidence]
    alt: Sequence = ()  # Literals
    abbreviations: Sequence = ()  # Literals
    props: dict = field(default_factory=dict)

    def emit(self, b: Builder) -> None:
        if not (self.zh and self.en):
            raise AuthoringError(f"{self.subject}: a body needs a zh and an en label")
        b.node(self.subject, self.kind, skos__prefLabel=labels(self.zh, self.en),
               skos__altLabel=list(self.alt), gk__abbreviation=list(self.abbreviations))
        Node(self.subject, (), self.props, self.sources, required=True).emit(b)


@dataclass
class Duty:
    """A duty: what is to be done, independent of who does it."""

    key: str  # local name under duty:
    zh: str
    en: str
    canonical: str
    domains: Sequence[str]  # local names under domain:
    sources: Sequence[Evidence]
    notation: str | None = None
    alt_zh: Sequence[str] = ()
    part_of: Sequence[str] = ()  # duty local names
    co_responsible: bool = False
    props: dict = field(default_factory=dict)

    def emit(self, b: Builder) -> None:
        s = b.node("duty:" + self.key, "gk:Duty", skos__prefLabel=labels(self.zh, self.en),
                   gk__canonicalText=zh(self.canonical), gk__domain=["domain:" + d for d in self.domains],
                   skos__notation=lit(self.notation) if self.notation else None,
                   skos__altLabel=[zh(a) for a in self.alt_zh],
                   gk__partOfDuty=["duty:" + p for p in self.part_of],
                   gk__coResponsible=boolean(True) if self.co_responsible else None)
        del s
        Node("duty:" + self.key, (), self.props, self.sources, required=True).emit(b)


@dataclass
class Assignment:
    """A body held a duty from ``start`` to ``end`` (None: not recorded / still held)."""

    key: str  # local name under asg:
    duty: str  # local name under duty:
    holder: str  # CURIE
    sources: Sequence[Evidence]
    start: str | None = None
    end: str | None = None
    basis: Sequence[str] = ()  # local names under legal:
    props: dict = field(default_factory=dict)

    def emit(self, b: Builder) -> None:
        b.node("asg:" + self.key, "gk:DutyAssignment", gk__duty="duty:" + self.duty, gk__holder=self.holder,
               gk__startDate=date(self.start) if self.start else None,
               gk__endDate=date(self.end) if self.end else None,
               gk__legalBasis=["legal:" + x for x in self.basis])
        Node("asg:" + self.key, (), self.props, self.sources, required=True).emit(b)
        b.timeline[(self.duty, self.holder)] = "asg:" + self.key


@dataclass
class Reorganisation:
    key: str  # local name under event:
    date: str
    zh: str
    en: str
    basis: Sequence[str]  # legal: local names
    sources: Sequence[Evidence]
    original: Sequence[str] = ()  # inst: local names
    resulting: Sequence[str] = ()
    props: dict = field(default_factory=dict)

    def emit(self, b: Builder) -> None:
        s = b.node("event:" + self.key, "gk:Reorganisation", skos__prefLabel=labels(self.zh, self.en),
                   gk__date=date(self.date), gk__legalBasis=["legal:" + x for x in self.basis],
                   org__originalOrganization=["inst:" + o for o in self.original],
                   org__resultingOrganization=["inst:" + r for r in self.resulting])
        for o in self.original:
            b.add("inst:" + o, "org:changedBy", s)
        for r in self.resulting:
            b.add("inst:" + r, "org:resultedFrom", s)
        Node("event:" + self.key, (), self.props, self.sources, required=True).emit(b)
        b.events[self.key] = self


@dataclass
class Transfer:
    """A duty moves from one body to another in a reorganisation.

    It ends the giver's current assignment of the duty and starts the receiver's (one rule, so
    the three always agree: same duty, holders = from/to, end = start = the event's date)."""

    duty: str
    frm: str  # CURIE
    to: str  # CURIE
    event: str  # event local name (emitted before)
    sources: Sequence[Evidence]
    props: dict = field(default_factory=dict)

    def emit(self, b: Builder) -> None:
        ev = b.events.get(self.event)
        if ev is None:
            raise AuthoringError(f"transfer of {self.duty}: unknown reorganisation {self.event!r}")
        ended = b.timeline.get((self.duty, self.frm))
        if ended is None:
            raise AuthoringError(f"transfer of {self.duty} from {self.frm}: no assignment to end")
        local = lambda curie: curie.split(":", 1)[1]  # noqa: E731
        started = f"asg:{self.duty}--{local(self.to)}"
        node = f"xfer:{ev.date[:4]}-{self.duty}--{local(self.frm)}--{local(self.to)}"
        passages = cite(b, self.sources)
        b.node(node, "gk:DutyTransfer", gk__duty="duty:" + self.duty, gk__transferredFrom=self.frm,
               gk__transferredTo=self.to, gk__date=date(ev.date), gk__partOfReorganisation="event:" + self.event,
               gk__endsAssignment=ended, gk__startsAssignment=started, gk__source=passages)
        Node(node, (), self.props).emit(b)
        b.add("event:" + self.event, "gk:hasTransfer", node)
        b.add(ended, "gk:endDate", date(ev.date))
        b.node(started, "gk:DutyAssignment", gk__duty="duty:" + self.duty, gk__holder=self.to,
               gk__startDate=date(ev.date), gk__legalBasis=["legal:" + x for x in ev.basis], gk__source=passages)
        b.timeline[(self.duty, self.to)] = started
