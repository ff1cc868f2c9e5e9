"""Graph equality for the tests: RDFC-1.0 canonical forms compared as sets.

rdflib's ``isomorphic`` took 2–7 s per comparison on the bundled graph with the shapes' blank
nodes (a minute of test_export alone); pyoxigraph's RDFC-1.0 canonicalisation (Rust, a separate
implementation from the exporter's labelling) decides the same question in milliseconds.
"""

from __future__ import annotations

import weakref

import pyoxigraph as ox
import rdflib

_CANONICAL: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def canonical_triples(quads) -> frozenset:
    """pyoxigraph quads (graph names dropped) or triples, blank nodes relabelled by RDFC-1.0."""
    dataset = ox.Dataset(
        q if isinstance(q, ox.Quad) and isinstance(q.graph_name, ox.DefaultGraph)
        else ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return frozenset(dataset)


def canonical(graph: rdflib.Graph) -> frozenset:
    """An rdflib graph's triples, blank nodes relabelled by RDFC-1.0 (remembered per graph: the
    tests compare many exports with one reference; do not change a graph after comparing it)."""
    if graph not in _CANONICAL:
        data = graph.serialize(format="nt", encoding="utf-8")
        _CANONICAL[graph] = canonical_triples(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return _CANONICAL[graph]


def isomorphic(first: rdflib.Graph, second: rdflib.Graph) -> bool:
    """True when the two graphs are the same up to blank-node names."""
    return len(first) == len(second) and canonical(first) == canonical(second)
