"""The procurement ontology, data and shapes: labels, sources, verbatim quotes, OWL RL consistency."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Literal, Namespace, URIRef

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "sources" / "000_5877207f3088a5d6.txt"
GK = Namespace("https://w3id.org/govkg/def#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DCT = Namespace("http://purl.org/dc/terms/")
LEGAL = Namespace("https://w3id.org/govkg/id/legal/")
DATA_FILES = sorted((ROOT / "data").glob("procurement_*.ttl"))


@pytest.fixture(scope="module")
def data():
    g = rdflib.Graph()
    for f in DATA_FILES:
        g.parse(f)
    return g


@pytest.fixture(scope="module")
def onto():
    g = rdflib.Graph()
    g.parse(ROOT / "ontology" / "govkg-procurement.ttl")
    return g


@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(ROOT / "shapes" / "procurement.ttl")


def langs(g, s, p):
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal)}


def test_the_four_data_files_exist():
    assert [f.name for f in DATA_FILES] == ["procurement_categories.ttl", "procurement_duties.ttl",
                                            "procurement_legal.ttl", "procurement_methods.ttl"]


def test_every_class_and_property_has_zh_en_labels_and_definitions(onto):
    terms = set(onto.subjects(RDF.type, OWL.Class)) | set(onto.subjects(RDF.type, OWL.ObjectProperty)) \
        | set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    assert len(terms) > 30
    for t in terms:
        assert {"zh", "en"} <= langs(onto, t, RDFS.label), t
        assert {"zh", "en"} <= langs(onto, t, SKOS.definition), t


def test_ontology_and_data_are_owl_rl_consistent(data):
    import owlrl

    g = rdflib.Graph()
    g.parse(ROOT / "ontology" / "govkg.ttl")
    g.parse(ROOT / "ontology" / "govkg-procurement.ttl")
    g += data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert list(g.subjects(RDF.type, OWL.Nothing)) == []


SOURCED = [GK.Duty, GK.DutyAssignment, GK.Role, GK.EntityCategory, GK.RoleEligibility, GK.ContentType,
           GK.ProcurementMethod, GK.PurchaseMode, GK.SubcontractingKind, GK.LegalInstrument, GK.LegalProvision]


@pytest.mark.parametrize("cls", SOURCED, ids=[c.split("#")[1] for c in SOURCED])
def test_every_fact_cites_a_source_passage(data, cls):
    members = set(data.subjects(RDF.type, cls))
    assert members, cls
    for m in members:
        passages = set(data.objects(m, GK.source))
        assert passages, m
        for p in passages:
            assert (p, RDF.type, GK.SourcePassage) in data, p


def test_passages_are_verbatim_on_their_line(data):
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    passages = set(data.subjects(RDF.type, GK.SourcePassage))
    assert len(passages) > 150
    doc = URIRef("https://w3id.org/govkg/id/source/doc-5877207f")
    for p in passages:
        n = int(data.value(p, GK.line))
        quote = str(data.value(p, GK.quote))
        assert data.value(p, GK.inDocument) == doc
        assert data.value(p, GK.locator) is not None
        assert 297 <= n <= 897, p
        assert quote in lines[n - 1], (p, n)
        # the one naming rule of the authoring builder: a whole line, or its character span
        local = str(p).rsplit("/", 1)[1]
        if local == f"L{n}":
            assert quote == lines[n - 1].strip(), p
        else:
            start, end = map(int, local.removeprefix(f"L{n}-").split("-"))
            assert lines[n - 1][start:end] == quote, p


def test_document_itself_is_not_redefined(data):
    assert (URIRef("https://w3id.org/govkg/id/source/doc-5877207f"), None, None) not in data


def test_order_102_has_its_21_articles_and_dates(data):
    order = LEGAL["mof-order-102"]
    assert data.value(order, GK.documentNumber) == Literal("财政部令第102号")
    assert data.value(order, GK.issuedBy) == URIRef("https://w3id.org/govkg/id/inst/mof")
    assert str(data.value(order, GK.startDate)) == "2020-03-01"
    assert str(data.value(order, GK.confidence)) == "unverified"
    arts = [LEGAL[f"mof-order-102-art-{n:02d}"] for n in range(1, 22)]
    for a in arts:
        assert data.value(a, GK.provisionOf) == order
    labels = {str(o) for o in data.objects(LEGAL["mof-order-102-art-08"], SKOS.prefLabel)}
    assert labels == {"财政部令第102号 第八条", "MoF Order No. 102, art. 8"}


def test_faq_has_100_questions(data):
    qs = [s for s in data.subjects(GK.provisionOf, LEGAL["gansu-faq"])]
    assert len(qs) == 100
    assert (LEGAL["gansu-faq-q062"], GK.provisionOf, LEGAL["gansu-faq"]) in data


def test_the_20_bases_of_faq_5(data):
    refs = set(data.objects(LEGAL["gansu-faq-q005"], DCT.references))
    assert len(refs) >= 20
    numbers = {str(data.value(r, GK.documentNumber)) for r in refs if data.value(r, GK.documentNumber)}
    assert {"国办发〔2013〕96号", "财政部令第102号", "财综〔2016〕53号", "财预〔2017〕87号", "财综〔2018〕42号"} <= numbers
    assert len(numbers) == 16  # 15 of the bases carry a number in the text, plus Order No. 102


def test_every_category_has_both_role_eligibilities(data):
    cats = set(data.subjects(RDF.type, GK.EntityCategory))
    assert len(cats) >= 20
    for c in cats:
        roles = {data.value(e, GK.eligibleRole) for e in data.subjects(GK.eligibleCategory, c)}
        assert len(roles) == 2, c
        for e in data.subjects(GK.eligibleCategory, c):
            assert list(data.objects(e, GK.legalBasis)), e


def test_methods_are_aligned_to_ocds(data):
    methods = set(data.subjects(RDF.type, GK.ProcurementMethod))
    assert len(methods) == 7
    for m in methods:
        assert data.value(m, GK.ocdsProcurementMethod) is not None


def test_duties_have_assignments_with_basis_and_source(data):
    duties = set(data.subjects(RDF.type, GK.Duty))
    assert len(duties) >= 15
    for d in duties:
        assert {"zh", "en"} <= langs(data, d, SKOS.prefLabel)
        assert "zh" in langs(data, d, GK.canonicalText)
        assigned = list(data.subjects(GK.duty, d))
        assert assigned, d
        for a in assigned:
            assert data.value(a, GK.holder) is not None
            assert list(data.objects(a, GK.legalBasis))
    holders = {str(h).rsplit("/", 1)[1] for h in data.objects(None, GK.holder)}
    assert {"mof", "finance-department", "development-reform-department", "establishment-department",
            "civil-affairs-department", "market-regulation-department", "industry-authority",
            "audit-department", "purchaser", "provider"} <= holders


def test_every_rule_shape_is_complete(shapes, data):
    rules = set(shapes.subjects(DCT.identifier, None))
    assert len(rules) >= 14
    ids = [str(shapes.value(r, DCT.identifier)) for r in rules]
    assert len(set(ids)) == len(ids)
    for r in rules:
        assert (r, RDF.type, SH.NodeShape) in shapes
        assert str(r).split("/")[-1].startswith("rule-" + str(shapes.value(r, DCT.identifier)) + "-")
        assert shapes.value(r, SH.severity) in (SH.Violation, SH.Warning, SH.Info)
        assert {"zh", "en"} <= langs(shapes, r, SH.message)
        sources = list(shapes.objects(r, DCT.source))
        assert sources
        for s in sources:
            assert {GK.LegalProvision, GK.LegalInstrument} & set(data.objects(s, RDF.type)), s


def test_who_answers_about_the_regime():
    from click.testing import CliRunner

    from govkg.cli import cli

    result = CliRunner().invoke(cli, ["who", "政府购买服务", "审计", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "audit-department" in result.output
    result = CliRunner().invoke(cli, ["who", "绩效评价", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "duty/proc-" in result.output and "role/purchaser" in result.output
