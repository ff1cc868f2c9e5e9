"""Who held a duty when, and how it moved: the duty assignments and transfers in the graph."""

from __future__ import annotations

from govkg.labels import values_or_all

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms on every `who`)
if TYPE_CHECKING:
    from govkg.sparql import Backend

GK = "https://w3id.org/govkg/def#"
KINDS = {GK + "Institution": "institution", GK + "Department": "department", GK + "Role": "role"}

ASSIGNMENTS = """
SELECT ?duty ?a ?holder ?start ?end ?type ?parent WHERE {
  ?a gk:duty ?duty ; a gk:DutyAssignment ; gk:holder ?holder .
  OPTIONAL { ?a gk:startDate ?start }
  OPTIONAL { ?a gk:endDate ?end }
  OPTIONAL { ?holder a ?type . FILTER (?type IN (gk:Institution, gk:Department, gk:Role)) }
  OPTIONAL { ?holder org:unitOf ?parent }
}
"""

TRANSFERS = """
SELECT ?duty ?t ?date ?from ?to ?event WHERE {
  ?t gk:duty ?duty ; a gk:DutyTransfer ; gk:date ?date ; gk:transferredFrom ?from ; gk:transferredTo ?to .
  OPTIONAL { ?t gk:partOfReorganisation ?event }
}
"""

class Assignment:
    """One duty assignment: who held the duty, from when to when (None: not stated), and the
    holder's kind and parent body. (A plain class, not a dataclass: ``dataclasses`` imports
    ``inspect``, a cost on every ``govkg who``.)"""

    __slots__ = ("iri", "duty", "holder", "start", "end", "kind", "parent")

    def __init__(self, iri: str, duty: str, holder: str, start: str | None, end: str | None, kind: str,
                 parent: str | None):
        self.iri, self.duty, self.holder, self.start, self.end, self.kind, self.parent = \
            iri, duty, holder, start, end, kind, parent

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}

    def __eq__(self, other) -> bool:
        return isinstance(other, Assignment) and self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        return f"Assignment({self.as_dict()!r})"

    def holds_on(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def assignments_of(backend: Backend, duties: list[str] | None) -> dict[str, list[Assignment]]:
    """duty -> its assignments, by start date (``duties`` None: every duty that has one)."""
    out: dict[str, dict[str, Assignment]] = {d: {} for d in duties or []}
    if duties is not None and not duties:
        return {}
    for row in backend.select(ASSIGNMENTS, values=values_or_all("duty", duties)):
        a = out.setdefault(row["duty"].value, {}).get(row["a"].value)
        kind = KINDS.get(row["type"].value) if "type" in row else None
        if a is None:
            a = Assignment(row["a"].value, row["duty"].value, row["holder"].value,
                           row["start"].value if "start" in row else None,
                           row["end"].value if "end" in row else None,
                           kind or "institution", row["parent"].value if "parent" in row else None)
            out[row["duty"].value][a.iri] = a
        elif kind == "department" or (kind and a.kind == "institution" and kind != "institution"):
            a.kind = kind
    return {d: sorted(v.values(), key=lambda a: (a.start or "", a.iri)) for d, v in out.items()}


def transfers_of(backend: Backend, duties: list[str] | None) -> dict[str, list[dict]]:
    """duty -> its transfers, by date (``duties`` None: every duty that has one)."""
    out: dict[str, list[dict]] = {d: [] for d in duties or []}
    if duties is not None and not duties:
        return out
    seen = set()
    for row in backend.select(TRANSFERS, values=values_or_all("duty", duties)):
        if row["t"].value in seen:
            continue
        seen.add(row["t"].value)
        out.setdefault(row["duty"].value, []).append({
            "iri": row["t"].value,
            "date": row["date"].value,
            "from": row["from"].value,
            "to": row["to"].value,
            "event": row["event"].value if "event" in row else None,
        })
    for moves in out.values():
        moves.sort(key=lambda t: (t["date"], t["from"], t["to"], t["iri"]))
    return out
