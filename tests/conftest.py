"""Shared fixtures: the bundled graph parsed once per session, a CLI runner, paths."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
# The live servers of the endpoint tests, session-wide (one Oxigraph per worker, one Virtuoso per run).
from endpoints import govkg_cache, oxigraph_endpoint, server, virtuoso_endpoint  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DOC = ROOT / "data" / "sources" / "000_5877207f3088a5d6.txt"


def pytest_configure(config):
    # Never touch the user's real cache from tests.
    os.environ.setdefault("GOVKG_CACHE_DIR", tempfile.mkdtemp(prefix="govkg-test-cache-"))


@pytest.fixture(scope="session")
def store():
    """The bundled ontology + data in an in-memory pyoxigraph store."""
    from govkg.store import bundled_sources, memory_store

    return memory_store(bundled_sources())


@pytest.fixture(scope="session")
def backend(store):
    from govkg.sparql import EmbeddedBackend

    return EmbeddedBackend(store)


@pytest.fixture(scope="session")
def rdf_graph():
    """The bundled ontology + data as an rdflib Graph (for pySHACL and owlrl)."""
    from govkg.store import bundled_sources
    from govkg.validation import rdflib_graph

    return rdflib_graph(bundled_sources())


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE_DOC.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """One headless Debian Chromium for the whole session (the picture tests share it)."""
    from playwright.sync_api import sync_playwright

    from test_viz import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed (apt-get install chromium)"
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


def run(runner, *args):
    """Invoke the CLI; return the click Result."""
    from govkg.cli import cli

    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Tests on the Virtuoso server share one xdist worker, so one Virtuoso starts per run
    (pyproject sets --dist loadgroup)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if (callspec is not None and callspec.params.get("server") == "virtuoso") or \
                "virtuoso_endpoint" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("virtuoso"))
