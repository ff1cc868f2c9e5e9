"""Checks over the whole built data (rules that span tables)."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import SKOS

from govkg.authoring.builder import AuthoringError, Builder, iri
from govkg.authoring.documents import sources_dir


def check_domains(b: Builder) -> None:
    """Every gk:domain used is a concept of data/duty_domains.ttl or of the built outputs."""
    known = Graph().parse(sources_dir().parent / "duty_domains.ttl")
    for g in b.graphs.values():
        known += g
    defined = set(known.subjects(SKOS.prefLabel, None))
    used = {o for g in b.graphs.values() for o in g.objects(None, iri("gk:domain"))}
    if used - defined:
        raise AuthoringError(f"domains not defined: {sorted(map(str, used - defined))}")


def check_all(b: Builder) -> None:
    check_domains(b)
