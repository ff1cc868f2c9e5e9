"""The fast engine finds the results of a property shape with an IRI path from the predicate's
triples first (``Check.scoped``: an index scan, then "is ?this a focus node?" asked of the
candidates only) and counts with anti-joins. The rows must be exactly those of joining the
focus nodes with their values: on a fixture that breaks many constraints of one path at once,
on focus nodes (by class, subclass, subjects-of) and on nodes that are not focus nodes, the
results are pySHACL's, finding for finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkg import fastshacl, validation
from govkg.store import open_sources, user_sources

HERE = Path(__file__).parent / "data" / "validate"
DATA, SHAPES = HERE / "shared-data.ttl", HERE / "shared-shapes.ttl"


def keys(report) -> set:
    return {(f.focus, f.shape, f.path, f.value, f.severity, f.component) for f in report.findings}


def validate(engine):
    return validation.validate_graph([str(DATA)], engine=engine, shape_pattern=None, shape_files=[str(SHAPES)],
                                     bundled=False)


@pytest.fixture(scope="module")
def reports():
    """Both engines; the fast one scanning predicates for any number of focus nodes (on large
    data only shapes with many focus nodes are answered that way)."""
    saved = fastshacl.SCAN_MIN_FOCUS, fastshacl.SCAN_RATIO
    fastshacl.SCAN_MIN_FOCUS, fastshacl.SCAN_RATIO = 0, 10 ** 9
    try:
        fast = validate("fast")
    finally:
        fastshacl.SCAN_MIN_FOCUS, fastshacl.SCAN_RATIO = saved
    return fast, validate("pyshacl")


def test_lookups_per_focus_node_give_the_same_results(reports):
    assert keys(validate("fast")) == keys(reports[0])  # a few focus nodes: no scan


def test_the_fixture_is_answered_by_scans_of_the_values(monkeypatch):
    monkeypatch.setattr(fastshacl, "SCAN_MIN_FOCUS", 0)
    monkeypatch.setattr(fastshacl, "SCAN_RATIO", 10 ** 9)
    shapes = validation.user_shapes([str(SHAPES)])
    store = open_sources(user_sources([str(DATA)]))
    checks = fastshacl.compile_shapes(shapes, store)
    scoped = {c.component.rsplit("#", 1)[-1] for c in checks if c.scoped}
    grouped = {c.component.rsplit("#", 1)[-1] for c in checks if c.scan and c.scan[0] == "group"}
    assert grouped == {"UniqueLangConstraintComponent", "QualifiedMinCountConstraintComponent",
                       "QualifiedMaxCountConstraintComponent"}, grouped
    shared = [c for c in checks if c.scoped and c.member_var == "_m2"]  # a scan shared by two node shapes
    assert {c.component.rsplit("#", 1)[-1] for c in shared} >= {"UniqueLangConstraintComponent",
                                                                  "QualifiedMinCountConstraintComponent"}
    assert {"MaxCountConstraintComponent", "QualifiedMaxCountConstraintComponent", "UniqueLangConstraintComponent",
            "DatatypeConstraintComponent", "PatternConstraintComponent", "MinLengthConstraintComponent",
            "ClassConstraintComponent", "NodeKindConstraintComponent", "OrConstraintComponent",
            "LessThanConstraintComponent", "DisjointConstraintComponent", "MinCountConstraintComponent"} <= scoped, scoped
    paths = {c.path for c in checks if c.scoped}
    assert {"^https://example.org/owns", "(<https://example.org/quote>|<https://example.org/para>)"} <= paths, paths


def test_shared_checks_give_pyshacls_results(reports):
    fast, reference = reports
    assert fast.engine == "fast" and reference.engine == "pyshacl"
    expected = keys(reference)
    assert len(expected) >= 15  # many constraints broken on the same paths
    assert keys(fast) == expected


def test_each_kind_of_shared_check_fires(reports):
    fast, _ = reports
    fired = {(f.focus.rsplit("/", 1)[-1], f.component.rsplit("#", 1)[-1]) for f in fast.findings}
    values = {((f.focus.rsplit("/", 1)[-1], f.component.rsplit("#", 1)[-1]), f.value) for f in fast.findings}
    for expected in [("b", "MinCountConstraintComponent"), ("b", "QualifiedMinCountConstraintComponent"),
                     ("c", "MaxCountConstraintComponent"), ("c", "UniqueLangConstraintComponent"),
                     ("c", "QualifiedMaxCountConstraintComponent"), ("c", "PatternConstraintComponent"),
                     ("c", "MinLengthConstraintComponent"), ("c", "DatatypeConstraintComponent"),
                     ("c", "MaxInclusiveConstraintComponent"), ("d", "DatatypeConstraintComponent"),
                     ("d", "NodeKindConstraintComponent"), ("b", "PatternConstraintComponent")]:
        assert expected in fired, expected
    # ex:b has no ex:link: sh:not [ sh:class ex:Nothing ] holds for no value, so it counts none
    assert ("b", "QualifiedMinCountConstraintComponent") in fired
    assert ("a", "QualifiedMinCountConstraintComponent") not in fired
    # a subclass instance is a focus node; a node of another class is not; subjects-of targets
    assert {("f", "UniqueLangConstraintComponent"), ("f", "PatternConstraintComponent")} <= fired
    assert {(f[0], f[1], v) for f, v in values if f[1] in ("OrConstraintComponent", "LessThanConstraintComponent",
                                                            "DisjointConstraintComponent")} == {
        ("c", "OrConstraintComponent", "https://example.org/ic"), ("d", "OrConstraintComponent", "https://example.org/nothing"),
        ("d", "OrConstraintComponent", "lit"), ("c", "LessThanConstraintComponent", "5"),
        ("d", "LessThanConstraintComponent", "4"), ("d", "DisjointConstraintComponent", "4")}
    assert {f for f in fired if f[0] == "c" and f[1] == "MaxCountConstraintComponent"}
    assert {f for f in fired if f[0] == "e"} == {  # ex:OtherShape's only, not ex:ThingShape's
        ("e", "UniqueLangConstraintComponent"), ("e", "QualifiedMinCountConstraintComponent"),
        ("e", "MaxCountConstraintComponent"), ("e", "QualifiedMaxCountConstraintComponent")}
    assert {f for f in fired if f[0] in ("i", "j", "k")} == {
        ("j", "MinCountConstraintComponent"), ("j", "QualifiedMinCountConstraintComponent"),  # no label at all
        ("k", "QualifiedMinCountConstraintComponent"), ("k", "QualifiedMaxCountConstraintComponent")}
    assert {f for f in fired if f[0] == "h"} == {("h", "ClassConstraintComponent")}  # "EF" is no ex:Code
    assert {("g", "MaxCountConstraintComponent"), ("g", "PatternConstraintComponent"),
            ("g", "ClassConstraintComponent")} <= fired
