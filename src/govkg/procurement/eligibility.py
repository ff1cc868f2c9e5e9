"""May a category of body purchase or provide services? With the articles and passages that say so."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from govkg.errors import InputError
from govkg.namespaces import GK

SKOS = "http://www.w3.org/2004/02/skos/core#"
ROLE = "https://w3id.org/govkg/id/role/"
ROLES = (("purchaser", "购买主体", "purchaser"), ("provider", "承接主体", "provider"))


@dataclass
class RoleAnswer:
    role: str  # purchaser | provider
    role_zh: str
    allowed: bool
    status: str  # eligible | eligible under conditions | not eligible | not until classified
    status_zh: str
    condition: str = ""
    condition_en: str = ""
    articles: list[str] = field(default_factory=list)
    articles_en: list[str] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)  # {"locator", "line", "quote"}


@dataclass
class Eligibility:
    category: str
    category_en: str
    code: str
    purchaser: RoleAnswer
    provider: RoleAnswer

    def to_dict(self) -> dict:
        return asdict(self)


def resolve_category(text: str):
    from govkg.procurement.vocab import vocabulary

    scheme = vocabulary().categories
    found = scheme.find(text)
    if found is None:
        raise InputError(f"unknown category {text!r}; accepted: {scheme.accepted()}")
    return found


def all_categories() -> list[Eligibility]:
    from govkg.procurement.vocab import vocabulary

    return [eligibility(c.code) for c in vocabulary().categories.concepts]


def eligibility(text: str) -> Eligibility:
    from rdflib import URIRef

    from govkg.procurement.vocab import legal_graph, provision_label, provision_sort_key

    concept = resolve_category(text)
    g = legal_graph()
    gk = lambda local: URIRef(GK + local)  # noqa: E731
    answers = {}
    for slug, role_zh, _role_en in ROLES:
        node = URIRef(f"https://w3id.org/govkg/id/procurement/eligibility-{concept.code}-{slug}")
        status = g.value(node, gk("eligibilityStatus"))
        if status is None:
            raise InputError(f"category {concept.zh}: no {slug} eligibility in the data (data/procurement_categories.ttl)")
        labels = {lit.language: str(lit) for lit in g.objects(status, URIRef(SKOS + "prefLabel"))}
        conds = {lit.language: str(lit) for lit in g.objects(node, gk("condition"))}
        bases = sorted((str(b) for b in g.objects(node, gk("legalBasis"))), key=provision_sort_key)
        quotes = []
        for passage in g.objects(node, gk("source")):
            quotes.append({
                "locator": str(g.value(passage, gk("locator")) or ""),
                "line": int(g.value(passage, gk("line")) or 0),
                "quote": str(g.value(passage, gk("quote")) or ""),
            })
        quotes.sort(key=lambda q: q["line"])
        answers[slug] = RoleAnswer(
            role=slug, role_zh=role_zh,
            allowed=bool(g.value(status, gk("permitsRole")).toPython()),
            status=labels.get("en", ""), status_zh=labels.get("zh", ""),
            condition=conds.get("zh", ""), condition_en=conds.get("en", ""),
            articles=[provision_label(g, b, "zh") for b in bases],
            articles_en=[provision_label(g, b, "en") for b in bases],
            quotes=quotes,
        )
    return Eligibility(concept.zh, concept.en, concept.code, answers["purchaser"], answers["provider"])
