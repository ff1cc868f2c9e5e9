"""A live Oxigraph SPARQL server holding the exported bundled graph, for endpoint tests.

Use from a test module::

    from oxigraph_server import govkg_cache, oxigraph_endpoint  # noqa: F401  (fixtures)

    def test_something(oxigraph_endpoint):
        ...  # oxigraph_endpoint is the query URL, e.g. http://127.0.0.1:40123/query

The graph is exported with ``govkg.export`` (N-Triples), loaded with ``oxigraph load`` into a
temporary directory, and served by ``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` on a
free port. The fixture waits until the server answers a query and stops it at teardown.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest


def oxigraph_binary() -> str:
    """The ``oxigraph`` CLI of the running venv (PyPI package ``oxigraph``), else from PATH."""
    candidate = Path(sys.executable).parent / "oxigraph"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph CLI is not installed (pip install oxigraph)")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str, query: str = "ASK { }") -> bool:
    """Whether the SPARQL endpoint at ``url`` answers ``query`` (a server still starting does not)."""
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start_server(location: Path, graph_file: Path, wait: float = 60.0):
    """Load ``graph_file`` into ``location`` and serve it; returns (process, query URL)."""
    binary = oxigraph_binary()
    subprocess.run([binary, "load", "--location", str(location), "--file", str(graph_file)],
                   check=True, capture_output=True, timeout=300)
    last_error = ""
    for _ in range(5):  # a port picked free may be taken before the server binds it
        port = free_port()
        log = open(location.parent / f"oxigraph-{port}.log", "wb")
        process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                                   stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and process.poll() is None:
            if answers(url):
                log.close()
                return process, url
            time.sleep(0.1)
        stop_server(process)
        log.close()
        last_error = (location.parent / f"oxigraph-{port}.log").read_text(errors="replace")[-500:]
    raise RuntimeError(f"oxigraph server did not start: {last_error}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def govkg_cache(tmp_path_factory):
    """Point GOVKG_CACHE_DIR at a session temporary directory (unless a test run set one)."""
    previous = os.environ.get("GOVKG_CACHE_DIR")
    os.environ["GOVKG_CACHE_DIR"] = str(tmp_path_factory.mktemp("govkg-cache"))
    yield os.environ["GOVKG_CACHE_DIR"]
    if previous is None:
        os.environ.pop("GOVKG_CACHE_DIR", None)
    else:
        os.environ["GOVKG_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory, govkg_cache):
    """Query URL of a live Oxigraph server holding the exported bundled graph (no shapes)."""
    from govkg.export import export_graph

    root = tmp_path_factory.mktemp("oxigraph")
    graph_file = root / "govkg.nt"
    export_graph("nt", graph_file)
    process, url = start_server(root / "db", graph_file)
    try:
        yield url
    finally:
        stop_server(process)
