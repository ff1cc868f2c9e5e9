"""Two lists of the same body(ies) at two dates: the powers added, removed and moved.

Powers are matched by what they are (name, sub-item, type — :attr:`Power.key`), not by row or
code. A power whose holders differ between the lists is *moved* (from the old holders to the new).
:func:`record_turtle` writes what the two lists show and nothing more: a removed or moved power's
old assignment ends on the later list's date, a move is a ``gk:DutyTransfer`` on that date, part of
one ``gk:Reorganisation`` standing for "the revision between the two lists" — the change happened
on or before the later date, which is all the lists say (the event's description says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govkg.qzqd.reader import Power, PowerList, canonical


@dataclass
class Change:
    kind: str  # added | removed | moved
    key: str
    name: str
    type: str
    code: str
    old: list[Power] = field(default_factory=list)
    new: list[Power] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "change": self.kind, "power": self.name, "type": self.type, "code": self.code,
            "from": sorted({canonical(p.body) for p in self.old}),
            "to": sorted({canonical(p.body) for p in self.new}),
            "old_rows": [p.row for p in self.old], "new_rows": [p.row for p in self.new],
        }


@dataclass
class Diff:
    old: PowerList
    new: PowerList
    changes: list[Change]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def to_dict(self) -> dict:
        return {
            "old": {"file": self.old.name, "sheet": self.old.sheet, "date": self.old.as_of.isoformat(),
                    "powers": len(self.old.powers)},
            "new": {"file": self.new.name, "sheet": self.new.sheet, "date": self.new.as_of.isoformat(),
                    "powers": len(self.new.powers)},
            "counts": {k: self.count(k) for k in ("added", "removed", "moved")},
            "changes": [c.to_dict() for c in self.changes],
        }


def diff_lists(old: PowerList, new: PowerList) -> Diff:
    from govkg.errors import InputError

    if new.as_of <= old.as_of:
        raise InputError(f"{new.name}: dated {new.as_of} is not later than {old.name} ({old.as_of}); "
                         "give the earlier list first")
    old_by: dict[str, list[Power]] = {}
    new_by: dict[str, list[Power]] = {}
    for p in old.powers:
        old_by.setdefault(p.key, []).append(p)
    for p in new.powers:
        new_by.setdefault(p.key, []).append(p)
    changes = []
    for key in list(old_by) + [k for k in new_by if k not in old_by]:
        before, after = old_by.get(key, []), new_by.get(key, [])
        sample = (before or after)[0]
        code = sample.code or (after[0].code if after else "")
        if not after:
            kind = "removed"
        elif not before:
            kind = "added"
        elif {canonical(p.body) for p in before} != {canonical(p.body) for p in after}:
            kind = "moved"
        else:
            continue
        changes.append(Change(kind, key, sample.name, sample.type.zh, code, before, after))
    return Diff(old, new, changes)


@dataclass
class RecordRow:
    """The removals and moves of a :class:`Diff` as the builder's row: dated ends of the older
    list's assignments and, for a one-to-one move, a transfer in one dated revision event."""

    diff: "Diff"
    known: object = None

    def emit(self, b) -> None:
        from govkg.qzqd.model import Known, assignment_iri, body_iri_new, duty_iri, list_iri, passage_iri

        zh, en, date = b.zh, b.en, b.date
        diff, known = self.diff, self.known or Known()
        day = date(diff.new.as_of.isoformat())
        event = f"event:qzqd-{diff.old.list_id}--{diff.new.list_id}"
        moves = [c for c in diff.changes if c.kind == "moved"]
        ended = [c for c in diff.changes if c.kind in ("removed", "moved")]
        if not ended:
            return
        b.node(event, "gk:Reorganisation",
               skos__prefLabel=[zh(f"权责清单调整（{diff.old.as_of}—{diff.new.as_of}）"),
                                en(f"Revision of the power and responsibility list ({diff.old.as_of} to {diff.new.as_of})")],
               gk__date=day, gk__source=[list_iri(diff.old), list_iri(diff.new)],
               dcterms__description=en(
                   f"What differs between the list of {diff.old.as_of} ({diff.old.file_name}) and that of "
                   f"{diff.new.as_of} ({diff.new.file_name}); recorded at {diff.new.as_of}, the later list's date: "
                   "the change happened on or before it, the lists do not say when."))

        def holder(power):
            return known.body(power.body) or body_iri_new(power.body)

        for change in ended:
            gone = {canonical(p.body) for p in change.old} - {canonical(p.body) for p in change.new}
            for p in change.old:
                if canonical(p.body) in gone:
                    b.node(assignment_iri(diff.old, p), (), gk__endDate=day)
        for change in moves:
            gone = [p for p in change.old if canonical(p.body) not in {canonical(q.body) for q in change.new}]
            came = [p for p in change.new if canonical(p.body) not in {canonical(q.body) for q in change.old}]
            if len(gone) != 1 or len(came) != 1:
                continue  # several holders before or after: the lists do not say who gave to whom
            frm, to = gone[0], came[0]
            xfer = f"xfer:qzqd-{diff.old.list_id}--{diff.new.list_id}-{duty_iri(frm).rsplit('-', 1)[-1]}"
            b.node(xfer, "gk:DutyTransfer", gk__duty=duty_iri(frm), gk__transferredFrom=holder(frm),
                   gk__transferredTo=holder(to), gk__date=day, gk__partOfReorganisation=event,
                   gk__endsAssignment=assignment_iri(diff.old, frm), gk__startsAssignment=assignment_iri(diff.new, to),
                   gk__source=[passage_iri(diff.old, frm.row), passage_iri(diff.new, to.row)])
            b.node(event, (), gk__hasTransfer=xfer)


def record_turtle(diff: "Diff", known=None) -> str:
    """Deterministic Turtle of the record, through the project's builder."""
    from govkg.authoring import rows_to_turtle

    banner = (f"# Recorded by `govkg diff` between {diff.old.file_name} ({diff.old.as_of}) and "
              f"{diff.new.file_name} ({diff.new.as_of}).\n")
    return rows_to_turtle([RecordRow(diff, known)], fast=True, bundled=False, banner=banner)


__all__ = ["Diff", "Change", "diff_lists", "record_turtle", "RecordRow"]
