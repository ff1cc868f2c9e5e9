"""Validate purchase records against the rule shapes (``shapes/procurement.ttl``).

Two engines give the same findings: ``fast`` (default; the shapes compiled to SPARQL by
:mod:`govkg.fastshacl` and run on pyoxigraph, about 0.5 ms a record) and ``pyshacl`` (the
reference, about 0.2 s a record since every SPARQL constraint is one rdflib query per record).

The result is plain data: a :class:`Report` with one :class:`Finding` per rule broken per record,
each naming the record id, the rule id, its severity, the article it enforces and a message in
Chinese and English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from govkg.namespaces import GK

SH = "http://www.w3.org/ns/shacl#"
DCTERMS = "http://purl.org/dc/terms/"
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass
class Rule:
    iri: str
    id: str
    severity: str
    label_zh: str
    label_en: str
    basis: str  # IRI of the provision cited first
    sources: list[str]  # IRIs of every provision the rule enforces
    message_zh: str
    message_en: str
    #: (language, pattern) of every message template of the rule, most specific first; pyshacl drops
    #: the language tag when it fills in a SPARQL message, so a result message is matched back here
    templates: list = field(default_factory=list)

    def split_messages(self, messages) -> tuple[str, str]:
        """The Chinese and English messages among a result's ``sh:resultMessage`` values."""
        found: dict[str, str] = {}
        messages = sorted(messages)
        for lang, pattern in self.templates:
            if lang in found:
                continue
            for text in messages:
                if pattern.fullmatch(text):
                    found[lang] = text
                    break
        return found.get("zh", self.message_zh), found.get("en", self.message_en)


def _template_pattern(template: str):
    import re

    parts = re.split(r"\{[?$][^{}]+\}", template)
    return re.compile("(?s)" + "(.*?)".join(re.escape(p) for p in parts))


@dataclass
class Finding:
    record: str
    rule: str
    severity: str
    article: str
    message: str
    message_en: str = ""
    article_en: str = ""
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """As ``dataclasses.asdict`` (a copy of the list), without its deep copy of every string:
        10,000 findings' asdict cost more than their SPARQL."""
        out = dict(self.__dict__)
        out["sources"] = list(self.sources)
        return out


@dataclass
class Report:
    records: int
    findings: list[Finding]
    record_ids: list[str] = field(default_factory=list)
    #: cells of the file that could not be read (records.Problem); their rows were not checked
    problems: list = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """No Violation among the records checked, and no row left unchecked."""
        return not self.problems and not any(f.severity == "Violation" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "records": self.records,
            "violations": [f.to_dict() for f in self.findings],
            "counts": {s: self.count(s) for s in SEVERITY_ORDER},
            "unreadable": [
                {"where": p.where, "row": p.row, "column": p.column, "value": p.value,
                 "record": p.record, "message": p.message} for p in self.problems
            ],
        }


@lru_cache(maxsize=1)
def shapes_graph():
    """The procurement rule shapes (parsed once per process)."""
    from govkg.validation import shapes_graph as bundled_shapes

    graph = bundled_shapes("procurement")
    if len(graph) == 0:
        raise FileNotFoundError("shapes/procurement.ttl is missing from govkg.shapes")
    return graph


def _lang(graph, node, prop, lang):
    from rdflib import URIRef

    values = list(graph.objects(node, URIRef(prop)))
    for lit in values:
        if getattr(lit, "language", None) == lang:
            return str(lit)
    return str(values[0]) if values else ""


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """The rules by shape IRI, with every nested property shape / SPARQL constraint mapped too."""
    from rdflib import RDF, URIRef

    from govkg.procurement.vocab import provision_sort_key

    g = shapes_graph()
    out: dict[str, Rule] = {}
    for shape in g.subjects(RDF.type, URIRef(SH + "NodeShape")):
        ident = g.value(shape, URIRef(DCTERMS + "identifier"))
        if ident is None:
            continue
        severity = str(g.value(shape, URIRef(SH + "severity")) or SH + "Violation").rsplit("#", 1)[-1]
        sources = sorted((str(o) for o in g.objects(shape, URIRef(DCTERMS + "source"))), key=provision_sort_key)
        basis = g.value(shape, URIRef(GK + "legalBasis"))
        rule = Rule(
            iri=str(shape), id=str(ident), severity=severity,
            label_zh=_lang(g, shape, "http://www.w3.org/2000/01/rdf-schema#label", "zh"),
            label_en=_lang(g, shape, "http://www.w3.org/2000/01/rdf-schema#label", "en"),
            basis=str(basis) if basis is not None else (sources[0] if sources else ""),
            sources=sources,
            message_zh=_lang(g, shape, SH + "message", "zh"),
            message_en=_lang(g, shape, SH + "message", "en"),
        )
        out[str(shape)] = rule
        for prop in (SH + "property", SH + "sparql"):
            for child in g.objects(shape, URIRef(prop)):
                out[str(child)] = rule
                for msg in g.objects(child, URIRef(SH + "message")):
                    rule.templates.append((msg.language, _template_pattern(str(msg))))
        for msg in g.objects(shape, URIRef(SH + "message")):
            rule.templates.append((msg.language, _template_pattern(str(msg))))
    return out


ENGINES = ("fast", "pyshacl")


def check_path(path, engine: str = "fast", sheet: str | None = None) -> Report:
    """Check every record of a file that can be read; the others are the report's ``problems``.

    Raises InputError only when nothing can be checked (the file, or every row, unreadable).
    """
    from govkg.procurement.records import load

    reading = load(path, sheet)
    return check_reading(reading, engine=engine)


def check_reading(reading, engine: str = "fast") -> Report:
    reading.raise_if_unreadable()
    report = check_records(reading.records, engine=engine)
    report.problems = list(reading.problems)
    return report


def check_records(records, engine: str = "fast") -> Report:
    """Validate the records; findings are ordered by record (file order), severity, rule id.

    ``engine``: ``"fast"`` (default) compiles the shapes to SPARQL and runs them on pyoxigraph
    (:mod:`govkg.fastshacl`); ``"pyshacl"`` is the reference. Both give the same findings
    (``tests/test_procurement_engines.py``).
    """
    if engine == "fast":
        raw = _fast_results(records)
    elif engine == "pyshacl":
        raw = _pyshacl_results(records)
    else:
        raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")
    return _report(records, raw)


def _pyshacl_results(records):
    """(record id, rule, zh message, en message, value IRI or None, basis graph) per pySHACL result."""
    from pyshacl import validate
    from rdflib import RDF, Graph, URIRef

    from govkg.procurement.to_rdf import records_to_graph
    from govkg.procurement.vocab import vocab_graph
    from govkg.rdflib_sparql import sparql_parsed_once

    data = Graph()
    for triple in vocab_graph():
        data.add(triple)
    records_to_graph(records, data)
    with sparql_parsed_once():
        _conforms, results, _text = validate(
            data, shacl_graph=shapes_graph(), inference="none", abort_on_first=False,
            allow_warnings=True, meta_shacl=False, advanced=False,
        )
    by_shape = rules()
    ids = {}
    for node in data.subjects(RDF.type, URIRef(GK + "PurchaseProject")):
        ids[node] = str(data.value(node, URIRef(DCTERMS + "identifier")))
    out = []
    for result in results.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        focus = results.value(result, URIRef(SH + "focusNode"))
        if focus not in ids:
            continue
        shape = results.value(result, URIRef(SH + "sourceShape"))
        constraint = results.value(result, URIRef(SH + "sourceConstraint"))
        rule = by_shape.get(str(shape)) or by_shape.get(str(constraint))
        if rule is None:
            continue
        zh, en = rule.split_messages(str(m) for m in results.objects(result, URIRef(SH + "resultMessage")))
        value = results.value(result, URIRef(SH + "value"))
        specific = []
        if value is not None:
            specific = [str(o) for o in data.objects(value, URIRef(GK + "legalBasis"))]
        out.append((ids[focus], rule, zh, en, specific))
    return out


class _OxSink:
    """Just enough of an rdflib Graph for :func:`records_to_graph`: ``add`` converts to pyoxigraph quads."""

    def __init__(self):
        self.quads = []
        self._terms: dict = {}

    def bind(self, *_args, **_kwargs) -> None:
        pass

    def add(self, triple) -> None:
        import pyoxigraph as ox

        s, p, o = (self._term(t) for t in triple)
        self.quads.append(ox.Quad(s, p, o))

    def _term(self, term):
        if type(term).__name__ != "URIRef":  # literals: rdflib's equality is too slow for a cache key
            return _ox_term(term)
        key = str(term)
        found = self._terms.get(key)
        if found is None:
            found = self._terms[key] = _ox_term(term)
        return found


def _ox_term(term):
    import pyoxigraph as ox
    from rdflib import BNode, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


@lru_cache(maxsize=1)
def _vocab_quads() -> tuple:
    from govkg.procurement.vocab import vocab_graph

    sink = _OxSink()
    for triple in vocab_graph():
        sink.add(triple)
    return tuple(sink.quads)


@lru_cache(maxsize=1)
def _legal_bases() -> dict:
    """Every node of the vocabulary with a gk:legalBasis: IRI -> the provisions' IRIs."""
    from rdflib import URIRef

    from govkg.procurement.vocab import vocab_graph

    out: dict = {}
    for s, _p, o in vocab_graph().triples((None, URIRef(GK + "legalBasis"), None)):
        out.setdefault(str(s), []).append(str(o))
    return out


def _fast_rule(by_shape: dict, shape_id: str):
    """The rule of a fastshacl shape id: a shape IRI, or ``<parent>/<path>`` for a blank property shape."""
    rule = by_shape.get(shape_id)
    if rule is not None:
        return rule
    for iri, candidate in by_shape.items():
        if shape_id.startswith(iri + "/"):
            return candidate
    return None


def _fast_results(records):
    """As :func:`_pyshacl_results`, with the shapes compiled to SPARQL and run on pyoxigraph."""
    import pyoxigraph as ox

    from govkg import fastshacl
    from govkg.procurement.to_rdf import record_iri, records_to_ntriples

    store = ox.Store()
    store.bulk_extend(_vocab_quads())
    store.bulk_load(records_to_ntriples(records), format=ox.RdfFormat.N_TRIPLES)
    checks = fastshacl.compile_shapes(shapes_graph(), store)
    by_shape = {rule.iri: rule for rule in rules().values()}  # the rule shapes are IRIs
    ids = {record_iri(rec.id): rec.id for rec in records}
    bases = _legal_bases()
    out = []
    cache: dict = {}
    for finding in fastshacl.run_checks(store, checks):
        if finding.focus not in ids:
            continue
        if finding.shape not in cache:
            cache[finding.shape] = _fast_rule(by_shape, finding.shape)
        rule = cache[finding.shape]
        if rule is None:
            continue
        zh = finding.message_zh if finding.message_zh is not None else rule.message_zh
        en = finding.message if finding.message is not None else rule.message_en
        specific = bases.get(finding.value, []) if finding.value is not None else []
        out.append((ids[finding.focus], rule, zh, en, specific))
    return out


def _report(records, raw) -> Report:
    from govkg.procurement.vocab import legal_graph, provision_label, provision_sort_key

    labels = legal_graph()
    label_cache: dict = {}

    def label(iri, lang):
        key = (iri, lang)
        if key not in label_cache:
            label_cache[key] = provision_label(labels, iri, lang)
        return label_cache[key]

    findings: list[Finding] = []
    seen = set()
    for record, rule, zh, en, specific in raw:
        basis = sorted(specific, key=provision_sort_key)[0] if specific else rule.basis
        key = (record, rule.id, zh)
        if key in seen:
            continue
        seen.add(key)
        findings.append(Finding(
            record=record, rule=rule.id, severity=rule.severity,
            article=label(basis, "zh"), message=zh, message_en=en,
            article_en=label(basis, "en"),
            sources=[label(s, "zh") for s in rule.sources],
        ))
    order = {rec.id: i for i, rec in enumerate(records)}
    findings.sort(key=lambda f: (order.get(f.record, 0), SEVERITY_ORDER.get(f.severity, 9), f.rule, f.message))
    return Report(records=len(records), findings=findings, record_ids=[r.id for r in records])
