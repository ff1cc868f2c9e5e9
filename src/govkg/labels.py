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

#: :data:`SOURCES` of the IRIs of one class (bound as ?type): the passages of every assignment at once
SOURCES_OF_CLASS = SOURCES.replace("  ?x gk:source ?passage .", "  ?x a ?type ; gk:source ?passage .", 1)

LABELS = """
SELECT ?x ?label WHERE { ?x skos:prefLabel ?label }
"""

DUTY_FIELDS = """
SELECT ?duty ?label ?text WHERE {
  ?duty a gk:Duty .
  OPTIONAL { ?duty skos:prefLabel ?label }
  OPTIONAL { ?duty gk:canonicalText ?text }
}
"""


def values_of(var: str, iris) -> tuple[list[str], list[list]]:
    """A VALUES block binding ``?var`` to each IRI."""
    from govkg.sparql import Term

    return ([var], [[Term("uri", i)] for i in iris])


def values_or_all(var: str, iris):
    """A VALUES block for ``iris``, or None for every one (``iris`` None)."""
    return None if iris is None else values_of(var, iris)


def pick_labels(rows) -> dict[str, dict[str, str]]:
    """(iri, label Term) rows -> iri -> {language: label}, the language being the tag's first
    subtag; where several labels share it, the one tagged exactly so (``zh`` before ``zh-hant``),
    then the smallest: the same choice whatever order a query returns them in."""
    found: dict[str, dict[str, tuple]] = {}
    for iri_, label in rows:
        tag = (label.lang or "").lower()
        lang = tag.split("-")[0] or "und"
        choice = (tag != lang, tag, label.value)
        best = found.setdefault(iri_, {})
        if lang not in best or choice < best[lang]:
            best[lang] = choice
    return {i: {lang: c[2] for lang, c in langs.items()} for i, langs in found.items()}


def duty_fields(backend: Backend, duties: list[str] | None) -> dict[str, dict]:
    """duty -> {"label_zh", "label_en", "text_zh"} (those it has): the duty as ``who`` shows it
    (``duties`` None: every duty)."""
    if duties is not None and not duties:
        return {}
    rows = backend.select(DUTY_FIELDS, values=values_or_all("duty", duties))
    fields: dict[str, dict] = {}
    for duty, labels in pick_labels((r["duty"].value, r["label"]) for r in rows if "label" in r).items():
        fields[duty] = {f"label_{lang[:2]}": value for lang, value in sorted(labels.items())}
    for row in rows:
        f = fields.setdefault(row["duty"].value, {})
        if "text" in row and ("text_zh" not in f or row["text"].value < f["text_zh"]):
            f["text_zh"] = row["text"].value
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
            self._labels.update(self._fetch_labels(missing))
        return {i: self._labels.get(i, {}) for i in iris if i}

    def _fetch_labels(self, iris: list[str]) -> dict[str, dict[str, str]]:
        """The labels of ``iris`` from the backend (a subclass may read them elsewhere)."""
        rows = self.backend.select(LABELS, values=values_of("x", iris))
        return pick_labels((r["x"].value, r["label"]) for r in rows)

    def ref(self, iri_: str | None, with_en: bool = True) -> dict | None:
        if not iri_:
            return None
        lab = self.labels([iri_])[iri_]
        out = {"iri": iri_, "label_zh": lab.get("zh"), "label_en": lab.get("en")}
        if not with_en:
            out.pop("label_en")
        return out

    def sources(self, iris, of_class: str | None = None) -> dict[str, list[dict]]:
        """IRI -> its source passages [{document, locator, quote, line}], in :func:`passage_order`
        (``iris`` None: every IRI of the class ``of_class`` that has one, in one query)."""
        iris = None if iris is None else sorted(set(iris))
        out: dict[str, list[dict]] = {i: [] for i in iris or []}
        if iris is not None and not iris:
            return out
        if iris is None:
            from govkg.sparql import Term

            rows = self.backend.select(SOURCES_OF_CLASS, {"type": Term("uri", of_class)})
        else:
            rows = self.backend.select(SOURCES, values=values_of("x", iris))
        for row in rows:
            doc = row.get("doc")
            out.setdefault(row["x"].value, []).append({
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
