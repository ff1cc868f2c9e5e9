"""A read list → the graph's model (duties, assignments, bodies, legal provisions, passages).

* each row: a ``gk:Duty`` (the power: its name in mainland simplified as label and canonical text,
  ``gk:powerType`` a concept of ``ptype:scheme``, the code as ``skos:notation``, responsibility
  steps, accountability and the legal basis as written kept as text) and a ``gk:DutyAssignment``
  of it to the row's body from the list's date;
* the duty's identity is what the power is — name, sub-item, type — not who holds it, so the same
  power in two lists (two dates, two provinces) is one duty with two assignments;
* bodies: an existing institution or department when exactly one has that name (label or
  alternative label), else a new ``gk:Institution`` named as the list writes it;
* legal basis: ``gk:legalBasis`` → a ``gk:LegalProvision`` per article named (``provisionOf`` its
  instrument), or the ``gk:LegalInstrument`` when no article is named; existing instruments are
  reused when their label is the title exactly;
* every duty, assignment and body cites ``gk:source`` → the row's passage (file, sheet, row; the
  power's name verbatim as quote) in the list (a ``gk:PowerList``, a ``gk:SourceDocument``).

English labels: the lists are Chinese only; the English label says so rather than guessing a
translation (``administrative licensing power; English name not recorded``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from govkg.namespaces import GK, PREFIXES
from govkg.qzqd.reader import PowerList, canonical

ID = "https://w3id.org/govkg/id/"
NOT_RECORDED_EN = "English name not recorded"


def _h(text: str, n: int = 12) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def duty_iri(power) -> str:
    return f"{PREFIXES['duty']}qzqd-{_h(power.key)}"


def assignment_iri(plist: PowerList, power) -> str:
    return f"{PREFIXES['asg']}qzqd-{plist.list_id}-r{power.row}"


def passage_iri(plist: PowerList, row: int) -> str:
    return f"{PREFIXES['src']}qzqd-{plist.list_id}-r{row}"


def list_iri(plist: PowerList) -> str:
    return f"{PREFIXES['src']}qzqd-{plist.list_id}"


def body_iri_new(name: str) -> str:
    return f"{PREFIXES['inst']}qzqd-{_h(canonical(name))}"


def instrument_iri_new(title: str) -> str:
    return f"{PREFIXES['legal']}qzqd-{_h(canonical(title))}"


class Known:
    """Names of the bodies and instruments already in the graph, for certain matches only."""

    def __init__(self, bodies: dict[str, list[str]] | None = None, instruments: dict[str, list[str]] | None = None):
        self.bodies = bodies or {}
        self.instruments = instruments or {}

    @classmethod
    def from_backend(cls, backend) -> "Known":
        rows = backend.select("""
            SELECT ?x ?kind ?label WHERE {
              VALUES ?kind { gk:Institution gk:Department gk:LegalInstrument }
              ?x a ?kind . { ?x skos:prefLabel ?label } UNION { ?x skos:altLabel ?label }
              FILTER(lang(?label) = "zh" || lang(?label) = "")
            }""")
        bodies: dict[str, set] = {}
        instruments: dict[str, set] = {}
        for row in rows:
            target = instruments if row["kind"].value.endswith("LegalInstrument") else bodies
            target.setdefault(canonical(row["label"].value), set()).add(row["x"].value)
        return cls({k: sorted(v) for k, v in bodies.items()}, {k: sorted(v) for k, v in instruments.items()})

    def body(self, name: str) -> str | None:
        found = self.bodies.get(canonical(name), [])
        return found[0] if len(found) == 1 else None

    def instrument(self, title: str) -> str | None:
        found = self.instruments.get(canonical(title.strip("《》")), [])
        return found[0] if len(found) == 1 else None


def sheet_document(plist: PowerList):
    """The list as the builder's :class:`~govkg.authoring.builder.Document`: addressed by sheet
    row (line *n* holds the name of the power on row *n*, the quote each row's passage checks),
    located as ``file, sheet S, row N``; its IRI is the list's, its passages ``…-r<row>``."""
    from govkg.authoring.builder import Document

    lines = [""] * max((p.row for p in plist.powers), default=0)
    for power in plist.powers:
        lines[power.row - 1] = power.name
    return Document(list_iri(plist)[len(PREFIXES["src"]):], text="\n".join(lines),
                    id_prefix=f"qzqd-{plist.list_id}-r", locator=plist.locator, line_numbers=False)


class _Seen:
    """What an import has already written, so a body or instrument cites the first row naming it."""

    def __init__(self, known: Known):
        self.known = known
        self.bodies: set[str] = set()
        self.instruments: set[str] = set()


@dataclass
class ListRow:
    """The list itself: a ``gk:PowerList`` (a ``gk:SourceDocument``) with its file, digest and date."""

    plist: PowerList

    def emit(self, b) -> None:
        zh, en, lit, date = b.zh, b.en, b.lit, b.date
        plist = self.plist
        sheet_zh = f"（{plist.sheet}）" if plist.sheet else ""
        sheet_en = f", sheet {plist.sheet}" if plist.sheet else ""
        b.node(list_iri(plist), ["gk:PowerList", "gk:SourceDocument"],
               skos__prefLabel=[zh(f"权责清单 {plist.file_name}{sheet_zh}"),
                                en(f"Power and responsibility list {plist.file_name}{sheet_en}")],
               dcterms__identifier=lit(plist.file_name), gk__listDate=date(plist.as_of.isoformat()),
               dcterms__description=en(f"Imported by govkg import qzqd; sha256 {plist.digest}; "
                                       f"date {plist.date_origin}."))


@dataclass
class PowerRow:
    """One row of the list: its passage, body, duty, legal basis and the dated assignment."""

    plist: PowerList
    power: object  # reader.Power
    seen: _Seen

    def emit(self, b) -> None:
        zh, en, lit, date = b.zh, b.en, b.lit, b.date
        plist, power, seen = self.plist, self.power, self.seen
        passage = b.quote(list_iri(plist)[len(PREFIXES["src"]):], power.row, power.name)  # checked verbatim
        holder = seen.known.body(power.body)
        if holder is None:
            holder = body_iri_new(power.body)
            if holder not in seen.bodies:
                seen.bodies.add(holder)
                name = canonical(power.body)
                b.node(holder, "gk:Institution", skos__prefLabel=[zh(name), en(f"{NOT_RECORDED_EN} ({name})")],
                       gk__source=passage)
        label = canonical(power.name) + (f"（{canonical(power.subitem)}）" if power.subitem else "")
        duty = duty_iri(power)
        b.node(duty, "gk:Duty", skos__prefLabel=[zh(label), en(f"{power.type.en} power; {NOT_RECORDED_EN}")],
               gk__canonicalText=zh(label), gk__powerType=power.type.iri, gk__source=passage,
               skos__notation=lit(power.code) if power.code else None,
               gk__responsibilitySteps=zh(power.steps) if power.steps else None,
               gk__accountability=zh(power.accountability) if power.accountability else None,
               gk__legalBasisText=zh(power.basis) if power.basis else None)
        bases = []
        for provision in power.provisions:
            instrument = seen.known.instrument(provision.instrument)
            if instrument is None:
                instrument = instrument_iri_new(provision.instrument)
                if instrument not in seen.instruments:
                    seen.instruments.add(instrument)
                    b.node(instrument, "gk:LegalInstrument", skos__prefLabel=zh(canonical(provision.instrument)),
                           gk__source=passage)
            if provision.key:
                node = f"{instrument}-art-{provision.key}"
                b.node(node, "gk:LegalProvision", gk__provisionOf=instrument, eli__id_local=lit(provision.text),
                       skos__prefLabel=zh(canonical(provision.label)))
                bases.append(node)
            else:
                bases.append(instrument)
        b.node(assignment_iri(plist, power), "gk:DutyAssignment", gk__duty=duty, gk__holder=holder,
               gk__startDate=date(plist.as_of.isoformat()), gk__source=passage, gk__legalBasis=bases)


def list_rows(plist: PowerList, known: Known | None = None) -> list:
    """The builder's rows for one list: the list, then one row per power."""
    seen = _Seen(known or Known())
    return [ListRow(plist), *(PowerRow(plist, power, seen) for power in plist.powers)]


def list_banner(plist: PowerList) -> str:
    return (f"# Imported by `govkg import qzqd` from {plist.file_name}"
            + (f", sheet {plist.sheet}" if plist.sheet else "")
            + f" (sha256 {plist.digest}); list date {plist.as_of} ({plist.date_origin}).\n")


def list_to_turtle(plist: PowerList, known: Known | None = None) -> str:
    """Deterministic Turtle of one list, through the project's builder (every quote checked)."""
    from govkg.authoring import rows_to_turtle

    return rows_to_turtle(list_rows(plist, known), [sheet_document(plist)], fast=True, bundled=False,
                          banner=list_banner(plist))


__all__ = ["list_to_turtle", "list_rows", "sheet_document", "Known", "duty_iri", "assignment_iri",
           "passage_iri", "list_iri"]
