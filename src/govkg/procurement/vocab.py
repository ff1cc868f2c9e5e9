"""The procurement vocabulary (categories, content types, modes, methods, subcontracting kinds).

Loaded once per process from the package data ``data/procurement_categories.ttl`` and
``data/procurement_methods.ttl``; user input is matched against each concept's Chinese preferred
and alternative labels, its code (``skos:notation``) and its English label, ignoring case, spaces,
hyphens and full-width forms.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from govkg.namespaces import GK

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROC = "https://w3id.org/govkg/id/procurement/"
CAT = "https://w3id.org/govkg/id/category/"

#: the files that make up the vocabulary (and, with the records, the data graph of the check)
VOCAB_FILES = ("procurement_categories.ttl", "procurement_methods.ttl")
LEGAL_FILE = "procurement_legal.ttl"


@lru_cache(maxsize=32768)
def normalise(text: str) -> str:
    """Key for matching a user's label: NFKC, lower case, no spaces, hyphens or underscores
    (cached: the same labels come back on every row)."""
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-_")


@dataclass(frozen=True)
class Concept:
    iri: str
    zh: str
    en: str
    code: str


@dataclass
class Scheme:
    """One kind of value (entity category, content type …) with a lookup by any of its labels."""

    name_zh: str
    name_en: str
    concepts: list[Concept] = field(default_factory=list)
    lookup: dict[str, Concept] = field(default_factory=dict)

    def find(self, text: str) -> Concept | None:
        """The concept a label names, in simplified or traditional script (OpenCC, govkg.chinese)."""
        found = self.lookup.get(normalise(text))
        if found is None and not str(text).isascii():
            from govkg.chinese import to_mainland

            found = self.lookup.get(normalise(to_mainland(str(text))))
        return found

    def accepted(self) -> str:
        return "、".join(c.zh for c in self.concepts) + " (or the codes " + ", ".join(c.code for c in self.concepts) + ")"


@dataclass
class Vocabulary:
    categories: Scheme
    content_types: Scheme
    modes: Scheme
    methods: Scheme
    subcontracting: Scheme


def _package_file(name: str):
    from govkg.resources import data_files

    for item in data_files():
        if item.name == name:
            return item
    raise FileNotFoundError(f"package data file {name} is missing from govkg.data")


def load_files(names) -> "rdflib.Graph":  # noqa: F821
    import rdflib

    graph = rdflib.Graph()
    for name in names:
        item = _package_file(name)
        graph.parse(data=item.read_text(encoding="utf-8"), format="turtle")
    return graph


@lru_cache(maxsize=1)
def vocab_graph():
    """Categories, eligibility, content types, methods and modes as one rdflib graph (cached)."""
    return load_files(VOCAB_FILES)


@lru_cache(maxsize=1)
def legal_graph():
    """The vocabulary plus the legal instruments, provisions and source passages (cached; the
    vocabulary files are parsed once for both graphs)."""
    graph = load_files((LEGAL_FILE,))
    for triple in vocab_graph():
        graph.add(triple)
    return graph


def _scheme(graph, cls: str, zh: str, en: str) -> Scheme:
    from rdflib import RDF, URIRef

    skos = lambda local: URIRef(SKOS + local)  # noqa: E731
    scheme = Scheme(zh, en)
    for iri in sorted(graph.subjects(RDF.type, URIRef(GK + cls)), key=str):
        labels = {lit.language: str(lit) for lit in graph.objects(iri, skos("prefLabel"))}
        code = str(next(graph.objects(iri, skos("notation")), ""))
        concept = Concept(str(iri), labels.get("zh", code), labels.get("en", code), code)
        scheme.concepts.append(concept)
        keys = [concept.zh, concept.en, concept.code, str(iri)]
        keys += [str(lit) for lit in graph.objects(iri, skos("altLabel"))]
        for key in keys:
            scheme.lookup.setdefault(normalise(key), concept)
    return scheme


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    graph = vocab_graph()
    return Vocabulary(
        categories=_scheme(graph, "EntityCategory", "主体类别", "entity category"),
        content_types=_scheme(graph, "ContentType", "购买内容类型", "content type"),
        modes=_scheme(graph, "PurchaseMode", "购买形式", "purchase mode"),
        methods=_scheme(graph, "ProcurementMethod", "采购方式", "procurement method"),
        subcontracting=_scheme(graph, "SubcontractingKind", "分包转包情况", "subcontracting"),
    )


def provision_label(graph, iri, lang: str = "zh") -> str:
    """The label of a legal provision (``财政部令第102号 第八条``), or its IRI's last part."""
    from rdflib import URIRef

    for lit in graph.objects(URIRef(str(iri)), URIRef(SKOS + "prefLabel")):
        if lit.language == lang:
            return str(lit)
    return str(iri).rsplit("/", 1)[-1]


def provision_sort_key(iri: str) -> tuple:
    """Order citations: Order No. 102 first (by article), then other instruments, then the FAQ."""
    text = str(iri)
    if "/legal/mof-order-102" in text:
        return (0, text)
    if "/legal/gansu-faq" in text:
        return (2, text)
    return (1, text)
