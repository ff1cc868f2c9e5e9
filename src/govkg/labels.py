"""Labels and source passages of graph entities, fetched once per command.

Who and history both describe entities by their zh/en labels and cite the passages they
came from; this module holds those lookups (and the helper that binds a list of IRIs as a
VALUES block, so IRIs never reach a query as text).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms on every `who`)
if TYPE_CHECKING:  # the query path of `who` may answer from the index without the store module
    from govkg.sparql import Backend

SOURCES = """
SELECT ?x ?passage ?quote ?paraphrase ?locator ?doc ?docLabel ?line WHERE {
  ?x gk:source ?passage .
  OPTIONAL { ?passage gk:quote ?quote }
  OPTIONAL { ?passage gk:paraphrase ?paraphrase }
  OPTIONAL { ?passage gk:locator ?locator }
  OPTIONAL { ?passage gk:line ?line }
  OPTIONAL { ?passage gk:inDocument ?doc . OPTIONAL { ?doc skos:prefLabel ?docLabel . FILTER (LANG(?docLabel) = "en") } }
}
"""

LABELS = """
SELECT ?x ?label WHERE { ?x skos:prefLabel ?label }
"""

DUTY_FIELDS = """
SELECT ?duty ?label ?text WHERE {
  OPTIONAL { ?duty skos:prefLabel ?label }
  OPTIONAL { ?duty gk:canonicalText ?text }
}
"""


def values_of(var: str, iris) -> tuple[list[str], list[list]]:
    """A VALUES block binding ``?var`` to each IRI."""
    from govkg.sparql import Term

    return ([var], [[Term("uri", i)] for i in iris])


def duty_fields(backend: Backend, duties: list[str]) -> dict[str, dict]:
    """duty -> {"label_zh", "label_en", "text_zh"} (those it has): the duty as ``who`` shows it."""
    fields: dict[str, dict] = {}
    if not duties:
        return fields
    for row in backend.select(DUTY_FIELDS, values=values_of("duty", duties)):
        f = fields.setdefault(row["duty"].value, {})
        if "label" in row:
            f.setdefault("label_" + (row["label"].lang or "und")[:2], row["label"].value)
        if "text" in row:
            f.setdefault("text_zh", row["text"].value)
    return fields


class Graph:
    """Cached lookups of labels, sources and the like over one backend."""

    def __init__(self, backend: Backend):
        self.backend = backend
        self._labels: dict[str, dict[str, str]] = {}

    def labels(self, iris) -> dict[str, dict[str, str]]:
        """IRI -> {'zh': …, 'en': …} for the given IRIs (fetched once)."""
        missing = sorted({i for i in iris if i and i not in self._labels})
        for i in missing:
            self._labels[i] = {}
        if missing:
            for row in self.backend.select(LABELS, values=values_of("x", missing)):
                lab = row["label"]
                lang = (lab.lang or "").split("-")[0] or "und"
                self._labels[row["x"].value].setdefault(lang, lab.value)
        return {i: self._labels.get(i, {}) for i in iris if i}

    def ref(self, iri_: str | None, with_en: bool = True) -> dict | None:
        if not iri_:
            return None
        lab = self.labels([iri_])[iri_]
        out = {"iri": iri_, "label_zh": lab.get("zh"), "label_en": lab.get("en")}
        if not with_en:
            out.pop("label_en")
        return out

    def sources(self, iris) -> dict[str, list[dict]]:
        """IRI -> its source passages [{document, locator, quote, line}], in :func:`passage_order`."""
        iris = sorted(set(iris))
        out: dict[str, list[dict]] = {i: [] for i in iris}
        if not iris:
            return out
        for row in self.backend.select(SOURCES, values=values_of("x", iris)):
            doc = row.get("doc")
            out[row["x"].value].append({
                "passage": row["passage"].value,
                "document": (row["docLabel"].value if "docLabel" in row else (doc.value if doc else None)),
                "document_iri": doc.value if doc else None,
                "locator": row["locator"].value if "locator" in row else None,
                "quote": row["quote"].value if "quote" in row else None,
                "paraphrase": row["paraphrase"].value if "paraphrase" in row else None,
                "line": line_number(row["line"].value) if "line" in row else None,
            })
        for passages in out.values():
            passages.sort(key=passage_order)
        return out


def line_number(value: str) -> int | None:
    """A passage's ``gk:line`` as a number; None when it is not one (ill-formed data is
    validate's to report: a lookup still cites the passage, by its locator)."""
    value = value.strip()
    return int(value) if value.isascii() and value.lstrip("+-").isdigit() else None


def passage_order(p: dict) -> tuple:
    """Verbatim quotes before paraphrases (the source's own words are the evidence; a
    paraphrase restates it), then document by document, each in line order (lines of different
    documents are not comparable), passages without a document or a line after the others."""
    return (p["quote"] is None, p["document_iri"] is None, p["document_iri"] or "", p["line"] is None,
            p["line"] or 0, p["passage"])


def public_source(p: dict) -> dict:
    """The part of a source passage shown to users."""
    shown = {"document": p["document"], "locator": p["locator"], "quote": p["quote"]}
    if p.get("paraphrase"):  # the project's own wording of a fact, never presented as a quote
        shown["paraphrase"] = p["paraphrase"]
    return shown
