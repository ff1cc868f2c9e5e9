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


def list_to_graph(plist: PowerList, known: Known | None = None, graph=None):
    """Add the list to an rdflib graph (a new one if None) through the authoring builder's terms."""
    from govkg.qzqd.authoring import GraphWriter

    known = known or Known()
    out = GraphWriter(graph)
    doc = list_iri(plist)
    out.node(doc, ["gk:PowerList", "gk:SourceDocument"],
             skos__prefLabel=[out.zh(f"权责清单 {plist.file_name}" + (f"（{plist.sheet}）" if plist.sheet else "")),
                              out.en(f"Power and responsibility list {plist.file_name}"
                                     + (f", sheet {plist.sheet}" if plist.sheet else ""))],
             dcterms__identifier=out.lit(plist.file_name), gk__listDate=out.date(plist.as_of),
             dcterms__description=out.en(f"Imported by govkg import qzqd; sha256 {plist.digest}; "
                                         f"date {plist.date_origin}."))
    bodies_done: set = set()
    instruments_done: set = set()
    for power in plist.powers:
        passage = passage_iri(plist, power.row)
        out.node(passage, ["gk:SourcePassage"], gk__inDocument=doc, gk__locator=out.lit(plist.locator(power.row)),
                 gk__quote=out.lit(power.name))
        holder = known.body(power.body)
        if holder is None:
            holder = body_iri_new(power.body)
            if holder not in bodies_done:
                bodies_done.add(holder)
                out.node(holder, ["gk:Institution"],
                         skos__prefLabel=[out.zh(canonical(power.body)), out.en(f"{NOT_RECORDED_EN} ({canonical(power.body)})")],
                         gk__source=passage)
        duty = duty_iri(power)
        label = canonical(power.name) + (f"（{canonical(power.subitem)}）" if power.subitem else "")
        props = {
            "skos__prefLabel": [out.zh(label), out.en(f"{power.type.en} power; {NOT_RECORDED_EN}")],
            "gk__canonicalText": out.zh(label),
            "gk__powerType": power.type.iri,
            "gk__source": passage,
        }
        if power.code:
            props["skos__notation"] = out.lit(power.code)
        for key, prop in (("steps", "gk__responsibilitySteps"), ("accountability", "gk__accountability"),
                          ("basis", "gk__legalBasisText")):
            text = getattr(power, key)
            if text:
                props[prop] = out.zh(text)
        out.node(duty, ["gk:Duty"], **props)
        bases = []
        for provision in power.provisions:
            instrument = known.instrument(provision.instrument)
            if instrument is None:
                instrument = instrument_iri_new(provision.instrument)
                if instrument not in instruments_done:
                    instruments_done.add(instrument)
                    out.node(instrument, ["gk:LegalInstrument"], skos__prefLabel=out.zh(canonical(provision.instrument)),
                             gk__source=passage)
            if provision.key:
                node = f"{instrument}-art-{provision.key}"
                out.node(node, ["gk:LegalProvision"], gk__provisionOf=instrument,
                         eli__id_local=out.lit(provision.text),
                         skos__prefLabel=out.zh(canonical(provision.label)))
                bases.append(node)
            else:
                bases.append(instrument)
        out.node(assignment_iri(plist, power), ["gk:DutyAssignment"], gk__duty=duty, gk__holder=holder,
                 gk__startDate=out.date(plist.as_of), gk__source=passage, gk__legalBasis=bases)
    return out.graph


__all__ = ["list_to_graph", "Known", "duty_iri", "assignment_iri", "passage_iri", "list_iri"]
