"""The bundled data matches its source: counts, labels, provenance, canonical Chinese."""

from __future__ import annotations

import re

import pytest

from govkg.chinese import ARTEFACTS


def select(backend, query, **kw):
    return backend.select(query, **kw)


def count(backend, query) -> int:
    return int(select(backend, query)[0]["n"].value)


def test_28_functional_departments_of_2008_plus_two_party_and_cadre_bodies(backend):
    numbered = select(backend, """
        SELECT ?d ?n WHERE { ?d a gk:Department ; org:unitOf inst:ndrc ; skos:notation ?n }""")
    assert sorted(int(r["n"].value) for r in numbered) == list(range(1, 29))
    names = {r["l"].value for r in select(backend, """
        SELECT ?l WHERE { ?d a gk:Department ; org:unitOf inst:ndrc ; skos:prefLabel ?l FILTER(LANG(?l)="zh") }""")}
    assert {"办公厅", "固定资产投资司", "社会发展司", "价格监督检查司", "重大项目稽察特派员办公室",
            "机关党委", "离退休干部局"} <= names
    assert len(names) == 30


def test_15_main_duties_with_canonical_text(backend):
    rows = select(backend, """
        SELECT ?d ?t WHERE { ?d a gk:Duty ; gk:canonicalText ?t .
          ?a gk:duty ?d ; gk:holder inst:ndrc ; gk:startDate "2008-03-15"^^xsd:date .
          FILTER(STRSTARTS(STR(?d), "https://w3id.org/govkg/id/duty/ndrc-2008-main-")) }""")
    assert len({r["d"].value for r in rows}) == 15
    texts = {r["d"].value.rsplit("-", 1)[1]: r["t"].value for r in rows}
    assert texts["12"].startswith("起草国民经济和社会发展") and "(十三)" not in texts["12"]
    assert texts["13"].startswith("组织编制国民经济动员规划")


def test_2018_moves_ndrc_duties_to_exactly_seven_bodies(backend):
    rows = select(backend, """
        SELECT DISTINCT ?to WHERE {
          ?t a gk:DutyTransfer ; gk:partOfReorganisation event:2018-state-council-reform ;
             gk:transferredFrom ?from ; gk:transferredTo ?to .
          FILTER (?from = inst:ndrc || EXISTS { ?from org:unitOf inst:ndrc } || ?from = inst:state-bureau-material-reserve)
        }""")
    receivers = {r["to"].value.rsplit("/", 1)[1] for r in rows}
    assert receivers == {"mnr", "mee", "mara", "nao", "samr", "nhsa", "nfsra"}


def test_every_reorganisation_has_date_and_the_five_reforms_exist(backend):
    rows = select(backend, "SELECT ?e ?d WHERE { ?e a gk:Reorganisation ; gk:date ?d }")
    years = {r["d"].value[:4] for r in rows}
    assert {"1998", "2003", "2008", "2018", "2023"} <= years


def test_every_duty_assignment_and_transfer_has_a_source_passage(backend):
    missing = select(backend, """
        SELECT ?x WHERE {
          VALUES ?class { gk:Duty gk:DutyAssignment gk:DutyTransfer }
          ?x a ?class .
          FILTER NOT EXISTS { ?x gk:source ?p . ?p gk:quote ?q ; gk:locator ?l ; gk:inDocument ?doc }
        }""")
    assert not missing, [r["x"].value for r in missing]


def test_quotes_of_the_source_document_are_verbatim_on_their_line(backend, source_lines):
    rows = select(backend, """
        SELECT ?p ?line ?quote WHERE { ?p gk:inDocument src:doc-5877207f ; gk:line ?line ; gk:quote ?quote }""")
    assert len(rows) > 150
    wrong = [(r["p"].value, r["line"].value) for r in rows
             if r["quote"].value not in source_lines[int(r["line"].value) - 1]]
    assert not wrong, wrong


UNAMBIGUOUS = [k for k in ARTEFACTS if k not in ("準", "託", "係")] + ["起草重要档案", "规范性档案"]


def test_no_conversion_artefact_in_canonical_chinese(backend):
    rows = select(backend, """
        SELECT ?x ?t WHERE {
          { ?x gk:canonicalText ?t } UNION { ?x skos:prefLabel ?t FILTER(LANG(?t) = "zh") }
          UNION { ?x skos:altLabel ?t FILTER(LANG(?t) = "zh") }
        }""")
    assert len(rows) > 200
    bad = [(r["x"].value, k) for r in rows for k in UNAMBIGUOUS if k in r["t"].value]
    assert not bad, bad


def test_artefacts_are_kept_in_quotes(backend):
    """The originals survive in quoted passages, so a reader can check the correction."""
    rows = select(backend, 'SELECT ?q WHERE { ?p gk:quote ?q FILTER(CONTAINS(?q, "巨观")) }')
    assert rows


def test_every_body_has_zh_and_en_labels(backend):
    rows = select(backend, """
        SELECT ?x WHERE {
          VALUES ?class { gk:Institution gk:Department gk:Role }
          ?x a ?class .
          FILTER (NOT EXISTS { ?x skos:prefLabel ?zh FILTER(LANG(?zh) = "zh") }
               || NOT EXISTS { ?x skos:prefLabel ?en FILTER(LANG(?en) = "en") })
        }""")
    assert not rows, [r["x"].value for r in rows]


def test_transfers_join_the_assignments_they_end_and_start(backend):
    rows = select(backend, """
        SELECT ?t WHERE {
          ?t a gk:DutyTransfer ; gk:duty ?d ; gk:transferredFrom ?f ; gk:transferredTo ?to ; gk:date ?date ;
             gk:endsAssignment ?old ; gk:startsAssignment ?new .
          ?old gk:duty ?d ; gk:holder ?f ; gk:endDate ?date .
          ?new gk:duty ?d ; gk:holder ?to ; gk:startDate ?date .
        }""")
    total = count(backend, "SELECT (COUNT(?t) AS ?n) WHERE { ?t a gk:DutyTransfer }")
    assert total >= 40 and len(rows) == total


def test_ndrc_predecessor_chain_and_managed_bureaus(backend):
    rows = select(backend, "SELECT ?b WHERE { ?b gk:managedBy inst:ndrc }")
    managed = {r["b"].value.rsplit("/", 1)[1] for r in rows}
    assert {"nea", "sag", "nfsra", "nda"} <= managed
    assert backend.query("ASK { inst:spc gk:successor inst:sdpc . inst:ndrc gk:predecessor inst:sdpc }").boolean
    assert not backend.query("ASK { inst:ndrc gk:successor ?x }").boolean


@pytest.mark.parametrize("iri,qid", [("inst:ndrc", "Q1186190"), ("inst:state-council", "Q59261"),
                                     ("inst:mof", "Q832407")])
def test_wikidata_items_from_the_reference(backend, iri, qid):
    from govkg.namespaces import expand_curie
    from govkg.sparql import iri as term

    rows = select(backend, "SELECT ?w WHERE { ?x skos:exactMatch ?w }", bindings={"x": term(expand_curie(iri))})
    assert [r["w"].value for r in rows] == [f"http://www.wikidata.org/entity/{qid}"]


def test_department_duties_are_split_one_responsibility_each(backend):
    """No department duty keeps a ';'-joined list of responsibilities."""
    rows = select(backend, """
        SELECT ?d ?t WHERE { ?a gk:duty ?d ; gk:holder ?h . ?h a gk:Department . ?d gk:canonicalText ?t }""")
    assert len(rows) >= 120
    joined = [r["t"].value for r in rows if re.search("[;；]", r["t"].value)]
    assert not joined, joined


def test_every_body_legal_instrument_and_reorganisation_cites_a_passage(backend):
    missing = select(backend, """
        SELECT ?x WHERE {
          VALUES ?class { gk:Institution gk:Department gk:Role gk:LegalInstrument gk:Reorganisation }
          ?x a ?class .
          FILTER NOT EXISTS { ?x gk:source ?p . ?p gk:quote ?q }
        }""")
    assert not missing, [r["x"].value for r in missing]
