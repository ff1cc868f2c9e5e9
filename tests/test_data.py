"""The bundled data matches its source: counts, labels, provenance, canonical Chinese."""

from __future__ import annotations

import re

import pytest

from govkg.chinese import ARTEFACTS
from tests.conftest import ROOT


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
        SELECT ?d ?t WHERE { ?d a gk:Duty ; gk:canonicalText ?t ; skos:notation ?n .
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
          FILTER NOT EXISTS { ?x gk:source ?p . ?p gk:locator [] ; gk:inDocument [] .
                              FILTER EXISTS { ?p gk:quote|gk:paraphrase [] } }
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
    # only part of 国家经济贸易委员会's duties merged in (reference §2): transfers, not succession
    assert not backend.query("ASK { { inst:setc gk:successor inst:ndrc } UNION { inst:ndrc gk:predecessor inst:setc } }").boolean
    assert count(backend, """SELECT (COUNT(?t) AS ?n) WHERE { ?t a gk:DutyTransfer ; gk:transferredFrom inst:setc ;
                                 gk:transferredTo inst:ndrc }""") == 7


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
          FILTER NOT EXISTS { ?x gk:source ?p . ?p gk:inDocument [] . FILTER EXISTS { ?p gk:quote|gk:paraphrase [] } }
        }""")
    assert not missing, [r["x"].value for r in missing]


NDRC_SIDE = "(?h = inst:ndrc || EXISTS { ?h org:unitOf inst:ndrc })"


def ndrc_holds(backend, words: str, on: str) -> list[str]:
    """Duties whose canonical text contains ``words`` that the NDRC or one of its units holds on ``on``."""
    from govkg.sparql import literal

    rows = select(backend, f"""
        SELECT DISTINCT ?d WHERE {{
          ?a gk:duty ?d ; gk:holder ?h ; gk:startDate ?s . ?d gk:canonicalText ?t .
          FILTER(CONTAINS(STR(?t), ?words) && ?s <= ?on && {NDRC_SIDE})
          FILTER NOT EXISTS {{ ?a gk:endDate ?e FILTER(?e <= ?on) }}
        }}""", bindings={"words": literal(words), "on": literal(on, datatype="http://www.w3.org/2001/XMLSchema#date")})
    return [r["d"].value for r in rows]


@pytest.mark.parametrize("words", ["依法查处价格违法行为", "组织开展重大建设项目稽察", "组织编制主体功能区规划",
                                   "国家战略物资的收储", "减排"])
def test_what_moved_out_in_2018_is_held_by_the_ndrc_before_and_not_after(backend, words):
    assert ndrc_holds(backend, words, "2010-06-01"), words
    after = [d for d in ndrc_holds(backend, words, "2020-06-01")
             # the leading group's name 节能减排工作领导小组 is not a 减排 duty
             if not (words == "减排" and "节能减排工作领导小组有关节能" in d)]
    texts = {r["t"].value for d in after for r in select(
        backend, "SELECT ?t WHERE { ?d gk:canonicalText ?t }", bindings={"d": _iri(d)})}
    assert not [t for t in texts if words in t.replace("节能减排工作领导小组", "")], texts


def _iri(text):
    from govkg.sparql import iri

    return iri(text)


def test_energy_saving_stays_with_the_ndrc_after_2018(backend):
    assert ndrc_holds(backend, "节能", "2020-06-01")


def test_carved_clauses_point_to_the_duty_they_were_carved_from(backend):
    rows = select(backend, "SELECT ?part ?main WHERE { ?part gk:carvedFrom ?main }")
    mains = {r["main"].value.rsplit("-", 1)[1] for r in rows}
    assert {"03", "05", "07", "08", "10"} <= mains
    for r in rows:  # the main duty's canonical text no longer holds the carved clause
        texts = select(backend, "SELECT ?p ?m WHERE { ?part gk:canonicalText ?p . ?main gk:canonicalText ?m }",
                       bindings={"part": _iri(r["part"].value), "main": _iri(r["main"].value)})
        assert texts[0]["p"].value not in texts[0]["m"].value


def test_part_of_duty_has_no_cycle(backend):
    assert not backend.query("ASK { ?d gk:partOfDuty+ ?d }").boolean


def test_bodies_after_2018_say_what_the_sources_say(backend):
    assert backend.query("""ASK { inst:sag gk:dissolutionDate "2018-03-17"^^xsd:date ; gk:successor inst:nfsra .
                                   asg:manage-sag--ndrc gk:endDate "2018-03-17"^^xsd:date }""").boolean
    silent = {r["u"].value.rsplit("/", 1)[1] for r in select(
        backend, 'SELECT ?u WHERE { ?u gk:notRecordedAfter "2018-03-17"^^xsd:date }')}
    assert silent == {"ndrc-price-supervision", "ndrc-climate-change", "ndrc-key-project-inspectors"}
    # a unit not recorded after a date holds nothing after it
    held = select(backend, """SELECT ?a WHERE { ?u gk:notRecordedAfter ?n . ?a gk:holder ?u .
                                 FILTER NOT EXISTS { ?a gk:endDate ?e FILTER(?e <= ?n) } }""")
    assert not held


def test_the_2008_mandate_start_records_its_precision_and_basis(backend):
    rows = select(backend, """SELECT ?a ?p ?b WHERE { ?a gk:duty ?d ; gk:startDate "2008-03-15"^^xsd:date .
                                FILTER(STRSTARTS(STR(?a), "https://w3id.org/govkg/id/assignment/ndrc-"))
                                OPTIONAL { ?a gk:startPrecision ?p } OPTIONAL { ?a gk:startBasis ?b FILTER(LANG(?b) = "en") } }""")
    assert len(rows) > 140
    assert {r["p"].value.rsplit("#", 1)[1] if r.get("p") else None for r in rows} == {"YearPrecision"}
    assert all(r.get("b") and "August 2008" in r["b"].value for r in rows)


def test_inferred_transfers_are_marked_with_their_basis(backend):
    rows = select(backend, "SELECT ?t ?b WHERE { ?t gk:inferred true ; gk:inferenceBasis ?b }")
    assert {r["t"].value.rsplit("/", 1)[1] for r in rows} == {
        "1998-comprehensive-economic-management--spc--sdpc", "2003-comprehensive-economic-management--sdpc--ndrc",
        "2003-development-strategy-and-macro-management--sdpc--ndrc"}


def test_every_passage_is_a_quote_or_a_paraphrase_never_both(backend):
    both_or_none = select(backend, """SELECT ?p WHERE { ?p a gk:SourcePassage .
        FILTER(EXISTS { ?p gk:quote ?q } = EXISTS { ?p gk:paraphrase ?r }) }""")
    assert not both_or_none, [r["p"].value for r in both_or_none]


def test_every_quote_is_verbatim_in_the_document_it_names(backend):
    """Each gk:quote is on its line of the file its document names (data/sources/<dcterms:identifier>)."""
    rows = select(backend, """SELECT ?p ?file ?line ?quote WHERE {
        ?p gk:quote ?quote ; gk:line ?line ; gk:inDocument ?doc . ?doc dcterms:identifier ?file }""")
    docs = {r["file"].value for r in rows}
    assert {"000_5877207f3088a5d6.txt", "reference.md"} <= docs
    lines = {f: (ROOT / "data" / "sources" / f).read_text(encoding="utf-8").split("\n") for f in docs}
    wrong = [r["p"].value for r in rows if r["quote"].value not in lines[r["file"].value][int(r["line"].value) - 1]]
    assert not wrong, wrong
    unlocated = select(backend, "SELECT ?p WHERE { ?p gk:quote ?q FILTER NOT EXISTS { ?p gk:line ?l } }")
    assert not unlocated, [r["p"].value for r in unlocated]


def test_order_102_articles_cite_every_paragraph(backend):
    for article, line in (("07", 845), ("13", 873), ("15", 881)):
        lines = {int(r["l"].value) for r in select(
            backend, "SELECT ?l WHERE { ?a gk:source ?p . ?p gk:line ?l }",
            bindings={"a": _iri(f"https://w3id.org/govkg/id/legal/mof-order-102-art-{article}")})}
        assert line in lines, (article, lines)


def test_smaller_fixes_of_the_audit(backend):
    assert backend.query("""ASK { duty:proc-working-mechanism gk:canonicalText ?t FILTER(CONTAINS(?t, "可根据本地区实际情况")) }""").boolean
    assert backend.query("""ASK { dept:ndrc-foreign-affairs skos:prefLabel "Department of International Cooperation"@en ;
                                   skos:altLabel "Department of Foreign Affairs"@en }""").boolean
    assert backend.query("""ASK { inst:nea gk:source ?p . ?p gk:quote ?q FILTER(CONTAINS(?q, "新组建中华人民共和国国家能源局")) }""").boolean
    assert backend.query("ASK { legal:gd-digital-economy-regulation-art-05 gk:source ?p . ?p gk:quote ?q }").boolean
    gansu = select(backend, """SELECT ?a WHERE { ?a gk:legalBasis legal:gansu-gov-office-2014-85 .
                                 FILTER NOT EXISTS { ?a gk:scope "甘肃省"@zh } }""")
    assert not gansu, [r["a"].value for r in gansu]
