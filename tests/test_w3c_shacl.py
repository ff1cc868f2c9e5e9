"""The W3C SHACL Core and SHACL-SPARQL test suites (tests/data/w3c-shacl), through both engines.

The fast engine must pass every test pySHACL passes, or refuse it and be listed below with the
reason; a listed test that it no longer refuses fails here too, so the list cannot go stale.
Neither engine may give a wrong answer on a test it does not refuse... except where pySHACL
itself fails the test (then the two are only required to fail alike or the fast engine to pass).
"""

from __future__ import annotations

import logging
import warnings

import pytest

from tests import w3c_suite

CASES = w3c_suite.cases()

#: tests the fast engine refuses (UnsupportedShape), with why; `--engine auto` uses pySHACL there
KNOWN_REFUSALS = {
    "core/complex/shacl-shacl": "recursive shapes (the SHACL-for-SHACL shapes graph)",
    "core/node/maxExclusive-001": "a decimal sh:targetNode not in canonical form (the store keeps 4.0 as 4)",
    "core/node/maxInclusive-001": "a decimal sh:targetNode not in canonical form",
    "core/node/minExclusive-001": "a decimal sh:targetNode not in canonical form",
    "core/node/qualified-001": "sh:qualifiedValueShape on a node shape (ill-formed)",
    "core/path/path-strange-001": "an ill-formed path node (a list that also has sh:inversePath)",
    "core/path/path-strange-002": "an ill-formed path node",
    "core/property/property-001": "sh:property inside a property shape",
    "core/validation-reports/shared": "sh:property inside a property shape",
    "sparql/component/optional-001": "a SPARQL-based constraint component",
    "sparql/component/propertyValidator-select-001": "a SPARQL-based constraint component",
    "sparql/component/validator-001": "a SPARQL-based constraint component",
    "sparql/pre-binding/shapesGraph-001": "$shapesGraph (the engine queries the data graph alone)",
}


@pytest.fixture(autouse=True)
def quiet():
    logging.disable(logging.CRITICAL)  # rdflib logs every ill-formed literal the suite holds on purpose
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
    logging.disable(logging.NOTSET)


def test_the_suite_is_all_there():
    assert len(CASES) == 120
    assert sum(c.id.startswith("core/") for c in CASES) >= 95
    assert sum(c.id.startswith("sparql/") for c in CASES) >= 20
    assert set(KNOWN_REFUSALS) <= {c.id for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fast_engine_passes_what_pyshacl_passes(case):
    reference_passes = w3c_suite.passes(case, w3c_suite.run_pyshacl(case))
    fast = w3c_suite.run_fast(case)
    if case.id in KNOWN_REFUSALS:
        assert fast == w3c_suite.FAILURE, f"no longer refused: drop it from KNOWN_REFUSALS ({fast})"
        return
    if reference_passes:
        assert w3c_suite.passes(case, fast), f"expected {case.expected}, got {fast}"
