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
