"""What the sources do not say, for the displays: date precision, inferred transfers, bodies not
recorded after a date, and the acts that exercise a duty (ontology terms: docs/authoring.md).

One place reads these qualifiers so ``who``, ``history`` and the views word them alike:
"from 2008 (三定; exact day not in the sources)", "inferred", "not recorded after 2018-03-17".
"""

from __future__ import annotations

from govkg.sparql import Backend, Term

GK = "https://w3id.org/govkg/def#"

QUALIFIERS = """
SELECT ?x ?precision ?basis ?inferred ?why ?silent WHERE {
  OPTIONAL { ?x gk:startPrecision ?precision }
  OPTIONAL { ?x gk:startBasis ?basis FILTER(LANG(?basis) = "en") }
  OPTIONAL { ?x gk:inferred ?inferred }
  OPTIONAL { ?x gk:inferenceBasis ?why }
  OPTIONAL { ?x gk:notRecordedAfter ?silent }
}
"""

ACTS = """
SELECT ?act ?by ?date ?zh ?en ?note WHERE {
  ?act gk:exercises ?duty ; prov:wasAssociatedWith ?by .
  OPTIONAL { ?act dcterms:date ?date }
  OPTIONAL { ?act skos:prefLabel ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?act skos:prefLabel ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?act skos:note ?note }
} ORDER BY ?date ?act
"""

#: precision -> how much of a date to show
_KEEP = {GK + "YearPrecision": 4, GK + "MonthPrecision": 7}


def qualifiers(backend: Backend, iris) -> dict[str, dict]:
    """IRI -> {start_precision, start_basis, inferred, inference_basis, not_recorded_after}."""
    iris = sorted({i for i in iris if i})
    out: dict[str, dict] = {i: {} for i in iris}
    if not iris:
        return out
    for row in backend.select(QUALIFIERS, values=(["x"], [[Term("uri", i)] for i in iris])):
        q = out[row["x"].value]
        if "precision" in row:
            q["start_precision"] = row["precision"].value.rsplit("#", 1)[-1].replace("Precision", "").lower()
            q["_keep"] = _KEEP.get(row["precision"].value)
        if "basis" in row:
            q["start_basis"] = row["basis"].value
        if "inferred" in row and row["inferred"].value in ("true", "1"):
            q["inferred"] = True
            if "why" in row:
                q["inference_basis"] = row["why"].value
        if "silent" in row:
            q["not_recorded_after"] = row["silent"].value
    return out


def shown_start(start: str | None, q: dict) -> str | None:
    """The start as precisely as the sources support it: '2008' for a year-precision date."""
    if start is None or not q.get("_keep"):
        return start
    return start[: q["_keep"]]


def public(q: dict) -> dict:
    return {k: v for k, v in q.items() if not k.startswith("_")}


def acts_of(backend: Backend, duty: str, g) -> list[dict]:
    """The acts exercising ``duty``, oldest first (undated last), with who did them."""
    rows = backend.select(ACTS, {"duty": Term("uri", duty)})
    acts = [{"iri": r["act"].value, "date": r["date"].value if "date" in r else None,
             "label_zh": r["zh"].value if "zh" in r else None, "label_en": r["en"].value if "en" in r else None,
             "by": g.ref(r["by"].value), "note": r["note"].value if "note" in r else None} for r in rows]
    return sorted(acts, key=lambda a: (a["date"] is None, (a["date"] or "").lstrip("-"), a["iri"]))
