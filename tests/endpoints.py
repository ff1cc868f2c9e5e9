"""The SPARQL servers the endpoint tests run against, as one parametrised fixture.

``server`` is, in turn, a live Oxigraph server (graph in its default graph) and a live
Virtuoso (graph in a named graph, so every command gets ``--graph``). Tests written against
``server`` run unchanged on both; Virtuoso tests share one server (one xdist group).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from oxigraph_server import govkg_cache, oxigraph_endpoint  # noqa: F401  (session fixtures)
from virtuoso_server import GRAPH, virtuoso_endpoint  # noqa: F401


@dataclass
class Server:
    name: str
    url: str
    graphs: list = field(default_factory=list)
    #: the Graph Store HTTP Protocol endpoint, and the environment with its credentials
    store_url: str = ""
    store_env: dict = field(default_factory=dict)

    @property
    def args(self) -> list[str]:
        """What a command needs to read govkg's graph on this server."""
        out = ["--endpoint", self.url]
        for graph in self.graphs:
            out += ["--graph", graph]
        return out

    def backend(self, timeout: float = 60):
        from govkg.remote import RemoteBackend

        return RemoteBackend(self.url, timeout=timeout, graphs=self.graphs)


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def server(request):
    if request.param == "oxigraph":
        url = request.getfixturevalue("oxigraph_endpoint")
        return Server("oxigraph", url, store_url=url.rsplit("/", 1)[0] + "/store")
    virtuoso = request.getfixturevalue("virtuoso_endpoint")
    return Server("virtuoso", virtuoso.url, [GRAPH], store_url=virtuoso.url + "-graph-crud-auth",
                  store_env={"GOVKG_ENDPOINT_USER": "dba", "GOVKG_ENDPOINT_PASSWORD": "dba"})
