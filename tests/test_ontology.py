"""The ontology loads, is consistent under OWL 2 RL, and documents every term in zh and en."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from govkg import resources


@pytest.fixture(scope="module")
def ontology():
    g = rdflib.Graph()
    for item in resources.ontology_files():
        g.parse(data=item.read_bytes(), format="turtle")
    return g


def terms(g):
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in g.subjects(RDF.type, kind):
            if isinstance(term, rdflib.URIRef) and str(term).startswith("https://w3id.org/govkg/def#"):
                yield term


def test_every_term_has_zh_and_en_label_and_definition(ontology):
    missing = []
    for term in sorted(set(terms(ontology))):
        labels = {lit.language for p in (RDFS.label, SKOS.prefLabel) for lit in ontology.objects(term, p)}
        definitions = {lit.language for lit in ontology.objects(term, SKOS.definition)}
        if not {"zh", "en"} <= labels or not {"zh", "en"} <= definitions:
            missing.append(f"{term} labels={sorted(labels)} definitions={sorted(definitions)}")
    assert not missing, "\n".join(missing)


def test_reuses_standard_vocabularies(ontology):
    gk = rdflib.Namespace("https://w3id.org/govkg/def#")
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    assert (gk.Institution, RDFS.subClassOf, org.FormalOrganization) in ontology
    assert (gk.Department, RDFS.subClassOf, org.OrganizationalUnit) in ontology
    assert (gk.Reorganisation, RDFS.subClassOf, org.ChangeEvent) in ontology
    assert len(set(terms(ontology))) >= 30


OWLRL_ERROR = rdflib.URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def owl_rl_clashes(graph) -> list:
    """Members of owl:Nothing and the clash messages owlrl records (e.g. disjointness)."""
    import owlrl

    g = rdflib.Graph()
    for triple in graph:
        g.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return list(g.subjects(RDF.type, OWL.Nothing)) + list(g.objects(None, OWLRL_ERROR))


def test_owl_rl_closure_is_consistent(rdf_graph):
    assert owl_rl_clashes(rdf_graph) == []


def test_the_consistency_check_does_detect_a_clash():
    clash = rdflib.Graph().parse(format="turtle", data="""
        @prefix : <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        :A a owl:Class ; owl:disjointWith :B . :B a owl:Class . :x a :A , :B .""")
    assert owl_rl_clashes(clash)


def test_a_node_of_two_disjoint_main_classes_is_a_clash(ontology):
    """The ontology's own axioms (not a test-made one) make the consistency check fail.

    The clash tests reason over the ontology alone (the data adds no axioms and costs 14 s of
    owlrl per test); the data's consistency is the test above."""
    bad = rdflib.Graph().parse(format="turtle", data="""
        @prefix gk: <https://w3id.org/govkg/def#> .
        <https://w3id.org/govkg/id/inst/two-kinds> a gk:Institution , gk:Department .""")
    assert owl_rl_clashes(ontology + bad)


def test_a_functional_property_with_two_values_of_disjoint_kinds_is_a_clash(ontology):
    """gk:holder is functional: two holders are one node, which cannot be an institution and a role."""
    bad = rdflib.Graph().parse(format="turtle", data="""
        @prefix gk: <https://w3id.org/govkg/def#> . @prefix asg: <https://w3id.org/govkg/id/assignment/> .
        @prefix inst: <https://w3id.org/govkg/id/inst/> . @prefix role: <https://w3id.org/govkg/id/role/> .
        asg:two-holders a gk:DutyAssignment ; gk:holder inst:h1 , role:h2 .
        inst:h1 a gk:Institution . role:h2 a gk:Role .""")
    assert owl_rl_clashes(ontology + bad)
