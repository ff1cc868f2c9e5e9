"""The one option set of every command that reads the graph.

``--data`` adds files to the embedded store; ``--endpoint`` reads a SPARQL 1.1 server
instead, with ``--timeout`` (seconds for the whole exchange of the command with the server),
``--max-response`` (a cap on each answer), ``--header`` (repeatable, e.g. an API token) and
``--graph`` (repeatable: the named graphs holding govkg data; without it a server's default
graph is read — Oxigraph's default graph, but on Virtuoso the union of every graph it holds).
Credentials: ``GOVKG_ENDPOINT_USER``/``GOVKG_ENDPOINT_PASSWORD`` or ``~/.netrc`` (see
:mod:`govkg.remote`); never printed.

Commands declare ``@graph_options`` and receive one ``graph`` argument, a
:class:`GraphSource`; ``graph.open(progress)`` gives the backend.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import click

data_option = click.option(
    "--data", "data", multiple=True, type=click.Path(dir_okay=False),
    help="Extra Turtle/JSON-LD/N-Triples/N-Quads/TriG file to add on top of the bundled graph (repeatable).")

_ENDPOINT_OPTIONS = [
    click.option("--endpoint", metavar="URL",
                 help="Read a SPARQL 1.1 endpoint instead of the embedded store."),
    click.option("--graph", "graphs", multiple=True, metavar="IRI",
                 help="Read only this named graph (repeatable). Default: the store's or server's "
                      "default graph (on Virtuoso: the union of all its graphs)."),
    click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
                 help="--endpoint: seconds for the command's whole exchange with the server."),
    click.option("--max-response", "max_response", type=click.IntRange(min=1), default=512,
                 show_default=True, metavar="MB", help="--endpoint: refuse an answer larger than this."),
    click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'",
                 help="--endpoint: an HTTP header to send (repeatable), e.g. 'Authorization: Bearer …'. "
                      "Credentials also come from GOVKG_ENDPOINT_USER/GOVKG_ENDPOINT_PASSWORD or ~/.netrc."),
]


@dataclass(frozen=True)
class GraphSource:
    """Where a command reads the graph: the embedded store (+ files) or an endpoint."""

    data: tuple = ()
    endpoint: str | None = None
    graphs: tuple = ()
    timeout: float = 60.0
    max_response_mb: int = 512
    headers: tuple = ()

    def open(self, progress=None):
        """The backend (embedded store or remote endpoint) with these options."""
        from govkg.sparql import open_backend

        return open_backend(self.endpoint, self.data, self.timeout, progress=progress, graphs=self.graphs,
                            headers=self.headers, max_bytes=self.max_response_mb * 1024 * 1024)


def graph_options(command):
    """Decorator: add --data, --endpoint, --graph, --timeout, --max-response and --header to a
    click command, and pass them on as one ``graph`` argument (a :class:`GraphSource`)."""

    @functools.wraps(command)
    def wrapper(*args, data, endpoint, graphs, timeout, max_response, headers, **kwargs):
        source = GraphSource(tuple(data), endpoint, tuple(graphs), timeout, max_response, tuple(headers))
        return command(*args, graph=source, **kwargs)

    for option in reversed([data_option, *_ENDPOINT_OPTIONS]):
        wrapper = option(wrapper)
    return wrapper
