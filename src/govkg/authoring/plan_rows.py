"""Row kinds for plans (规划): parts, tasks and key projects, platforms, indicators, figures, targets.

They follow :mod:`govkg.authoring.rows` (each row has ``emit(builder)``, cites :class:`Q`
quotes, and the builder checks every quote verbatim); the terms are those of
``ontology/govkg-plan.ttl``. What is plan-specific and lives here, once:

- :func:`clean_footnotes` — the source glues footnote numbers to words (零跑动"3, 公共数据19);
  canonical text drops them from an explicit list of (line, glued, clean) spots, quotes keep them;
- a task whose body the text does not name says so (``gk:notStated gk:holder``) instead of
  being left without a holder; a named body gets a dated :class:`~govkg.authoring.rows.Assignment`;
- platforms a task concerns are found by the platform's names in the task's own text, so the
  link is never typed by hand and never missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from rdflib import Literal
from rdflib.namespace import XSD

from govkg.authoring.builder import AuthoringError, Builder, en, lit, zh
from govkg.authoring.rows import Assignment, Evidence, Node, Q, cite, labels

PLAN_TYPES = ("gk:Plan", "gk:LegalInstrument")
TASK_TYPES = ("gk:PlanTask", "gk:Duty")
KEY_PROJECT_TYPES = ("gk:KeyProject", "gk:PlanTask", "gk:Duty")


def year(value: int | str) -> Literal:
    return Literal(str(value), datatype=XSD.gYear)


def number(value: str) -> Literal:
    """A figure exactly as written in the source's unit ("1.33" stays 1.33, never a float)."""
    return Literal(Decimal(value), datatype=XSD.decimal)


# ---------------------------------------------------------------- footnotes


@dataclass(frozen=True)
class Footnote:
    """A footnote number glued to a word on ``line``: ``glued`` in the source, ``clean`` in canon."""

    line: int
    glued: str
    clean: str


def clean_footnotes(text: str, line: int, footnotes: Sequence[Footnote]) -> str:
    """``text`` (taken from ``line``) with that line's glued footnote numbers removed."""
    for f in footnotes:
        if f.line == line and f.glued in text:
            text = text.replace(f.glued, f.clean)
    return text


def check_footnotes(b: Builder, doc: str, footnotes: Sequence[Footnote]) -> None:
    """Every listed footnote is on its line, and its clean form only drops one run of digits."""
    d = b.document(doc)
    for f in footnotes:
        if f.glued not in d.line(f.line):
            raise AuthoringError(f"footnote {f.glued!r} is not on line {f.line}")
        drops = [f.glued[:i] + f.glued[j:] for i in range(len(f.glued)) for j in range(i + 1, len(f.glued) + 1)
                 if f.glued[i:j].isdigit()]
        if f.clean not in drops:
            raise AuthoringError(f"footnote {f.glued!r} -> {f.clean!r} must only drop the glued digits")


# ---------------------------------------------------------------- parts of the plan


@dataclass
class Part:
    """A chapter, section, item, column (专栏) or table of a plan: a gk:LegalProvision."""

    key: str  # local name under legal:
    plan: str  # CURIE of the plan
    kind: str  # local name of the part kind under plan: (part-chapter, part-section …)
    zh: str
    en: str
    sources: Sequence[Evidence]
    parent: str | None = None  # CURIE of the enclosing part (None: the plan itself)
    notation: str | None = None
    gap: tuple[str, str] | None = None  # (en, zh) what the source lost here
    year: int | None = None

    def emit(self, b: Builder) -> None:
        s = "legal:" + self.key
        b.node(s, "gk:LegalProvision", skos__prefLabel=labels(self.zh, self.en), gk__provisionOf=self.plan,
               eli__is_part_of=self.parent or self.plan, dcterms__type="plan:" + self.kind,
               skos__notation=lit(self.notation) if self.notation else None,
               gk__sourceGap=[en(self.gap[0]), zh(self.gap[1])] if self.gap else None,
               gk__year=year(self.year) if self.year else None)
        for passage in cite(b, self.sources):
            b.add(s, "gk:source", passage)


# ---------------------------------------------------------------- tasks and key projects


@dataclass
class Platform:
    """A government platform, network or channel; ``names`` are how the text writes it."""

    key: str  # local name under platform:
    zh: str
    en: str
    names: Sequence[str]  # verbatim spellings in the source, used to find what concerns it
    sources: Sequence[Evidence]
    level: str | None = None  # plan:level-… concept
    kinds: Sequence[str] = ()  # extra classes: m8g:Channel, dcat:DataService
    statements: Sequence[str] = ()  # what the text says about it (zh, footnotes cleaned), quoted in sources

    def emit(self, b: Builder) -> None:
        s = "platform:" + self.key
        b.node(s, ("gk:Platform", *self.kinds), skos__prefLabel=labels(self.zh, self.en),
               skos__altLabel=[zh(n) for n in self.names if n != self.zh and _is_name(n)], gk__level=self.level,
               skos__note=[zh(t) for t in self.statements])
        for passage in cite(b, self.sources):
            b.add(s, "gk:source", passage)

    def mentioned_in(self, text: str) -> bool:
        return any(n in text for n in self.names)


@dataclass
class Responsibility:
    """A body the text names for (part of) a task, and the words that name it."""

    holder: str  # CURIE
    sources: Sequence[Evidence]


@dataclass
class Task:
    """A plan task or key project: a duty set by a plan part, its text, platforms and bodies.

    ``quote`` is the task's passage verbatim (a whole line, or the span of a key project within
    its column's line); the canonical text is the quote without glued footnote numbers.  The
    label is the task's own heading where it has one.  ``bodies`` empty means the plan names no
    responsible body: the task then says ``gk:notStated gk:holder``.
    """

    key: str  # local name under duty:
    part: str  # local name under legal: of the part that sets it
    zh: str
    en: str
    quote: Q
    domains: Sequence[str] = ("digital-government",)
    key_project: bool = False
    bodies: Sequence[Responsibility] = ()
    part_of: str | None = None  # local duty name of the broader task
    period: tuple[str, str | None] | None = None  # (start, end) of the assignments

    def emit(self, b: Builder, platforms: Sequence[Platform], footnotes: Sequence[Footnote],
             default_period: tuple[str, str | None]) -> None:
        s = "duty:" + self.key
        passage = cite(b, [self.quote])[0]
        raw = self.quote.text if self.quote.text is not None else b.document(self.quote.doc).line(self.quote.line).strip()
        canonical = clean_footnotes(raw, self.quote.line, footnotes)
        concerns = [p for p in platforms if p.mentioned_in(raw) or p.mentioned_in(canonical)]
        b.node(s, KEY_PROJECT_TYPES if self.key_project else TASK_TYPES, skos__prefLabel=labels(self.zh, self.en),
               gk__canonicalText=zh(canonical), gk__domain=["domain:" + d for d in self.domains],
               gk__legalBasis="legal:" + self.part, gk__source=passage,
               gk__platform=["platform:" + p.key for p in concerns],
               gk__partOfDuty="duty:" + self.part_of if self.part_of else None,
               gk__notStated=None if self.bodies else "gk:holder")
        start, end = self.period or default_period
        for r in self.bodies:
            local = r.holder.split(":", 1)[1]
            Assignment(f"{self.key}--{local}", self.key, r.holder, r.sources, start=start, end=end,
                       basis=[self.part]).emit(b)


# ---------------------------------------------------------------- indicators, figures, targets


@dataclass
class Indicator:
    """A row of a plan's indicator table; ``gap`` says what of the row the source lost."""

    key: str  # local name under plan:
    scheme: str  # CURIE of the table (a skos:ConceptScheme)
    notation: str
    zh: str
    en: str
    unit: str  # plan:unit-… concept
    sources: Sequence[Evidence]
    gap: tuple[str, str] | None = None

    def emit(self, b: Builder) -> None:
        s = "plan:" + self.key
        b.node(s, ("gk:Indicator", "skos:Concept"), skos__prefLabel=labels(self.zh, self.en),
               skos__inScheme=self.scheme, skos__notation=lit(self.notation), qudt__unit=self.unit,
               gk__sourceGap=[en(self.gap[0]), zh(self.gap[1])] if self.gap else None)
        for passage in cite(b, self.sources):
            b.add(s, "gk:source", passage)


@dataclass
class Figure:
    """A measured figure (gk:Measurement) or a target (gk:Target): value, unit, year, qualifier.

    A target's ``baseline`` is the key of a measured figure of the same quantity; where the
    source gives none, the target says ``gk:notStated gk:baseline``.
    """

    key: str  # local name under plan:
    zh: str
    en: str
    value: str
    unit: str
    year: int
    sources: Sequence[Evidence]
    target: bool = False
    qualifier: str | None = None  # plan:qualifier-… concept
    indicator: str | None = None  # local name under plan:
    platform: str | None = None  # local name under platform:
    basis: str | None = None  # local name under legal: (the part that sets a target)
    baseline: str | None = None  # local name under plan: of the measured figure
    note: tuple[str, str] | None = None  # (en, zh)

    def emit(self, b: Builder) -> None:
        s = "plan:" + self.key
        if self.target and not self.basis:
            raise AuthoringError(f"target {self.key}: name the plan part that sets it (basis)")
        b.node(s, "gk:Target" if self.target else "gk:Measurement", skos__prefLabel=labels(self.zh, self.en),
               rdf__value=number(self.value), qudt__unit=self.unit, gk__year=year(self.year),
               gk__valueQualifier=self.qualifier, gk__indicator="plan:" + self.indicator if self.indicator else None,
               gk__platform="platform:" + self.platform if self.platform else None,
               gk__legalBasis="legal:" + self.basis if self.basis else None,
               gk__baseline="plan:" + self.baseline if self.baseline else None,
               gk__notStated="gk:baseline" if self.target and not self.baseline else None,
               skos__editorialNote=[en(self.note[0]), zh(self.note[1])] if self.note else None)
        for passage in cite(b, self.sources):
            b.add(s, "gk:source", passage)


def check_baselines(figures: Sequence[Figure]) -> None:
    """A target's baseline is a measured figure of the same unit from an earlier year (what
    SHACL Core cannot compare across two nodes is refused here, at authoring time)."""
    by_key = {f.key: f for f in figures}
    for t in figures:
        if not (t.target and t.baseline):
            continue
        base = by_key.get(t.baseline)
        if base is None or base.target:
            raise AuthoringError(f"target {t.key}: baseline {t.baseline!r} is not a measured figure")
        if base.unit != t.unit or base.year >= t.year:
            raise AuthoringError(f"target {t.key}: baseline {t.baseline} must be in the same unit and an earlier year")


# ---------------------------------------------------------------- helpers for tables


def sentence_with(b: Builder, doc: str, line: int, words: str) -> Q:
    """The verbatim sentence (up to 。；;) of ``line`` that contains ``words``: a quote that
    says what the text says about something without copying the whole paragraph."""
    text = b.document(doc).line(line)
    at = text.find(words)
    if at < 0:
        raise AuthoringError(f"{doc} line {line}: {words!r} is not on the line")
    start = max(text.rfind(sep, 0, at) for sep in "。；;") + 1
    ends = [i for i in (text.find(sep, at) for sep in "。；;") if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return Q(line, text[start:end].strip())


def key_project_spans(b: Builder, doc: str, line: int, names: Sequence[str]) -> list[Q]:
    """Split a column's line into its key projects: each from its name to the next name."""
    text = b.document(doc).line(line)
    starts, at = [], 0
    for n in names:
        i = text.find(n, at)
        if i < 0:
            raise AuthoringError(f"{doc} line {line}: key project {n!r} not found after character {at}")
        starts.append(i)
        at = i + len(n)
    bounds = starts + [len(text)]
    return [Q(line, text[bounds[k]:bounds[k + 1]].strip(), after=bounds[k]) for k in range(len(names))]


def _is_name(text: str) -> bool:
    """A spelling that can stand as a name (not a match key such as "政务网、" or "湾区通”平台")."""
    return not re.search(r"[、，,。“”]|等$", text)


def strip_heading(text: str) -> str:
    return re.sub(r"[。:：]$", "", text.strip())


__all__ = [
    "Figure", "Footnote", "Indicator", "Node", "Part", "Platform", "Responsibility", "Task",
    "check_baselines", "check_footnotes", "clean_footnotes", "key_project_spans", "number", "sentence_with", "year",
]
_ = field  # dataclasses.field is re-exported for tables that need defaults
