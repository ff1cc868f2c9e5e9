"""``govkg push``: load the bundled graph (plus ``--data`` files) into a SPARQL server.

Protocol: the SPARQL 1.1 Graph Store HTTP Protocol — ``PUT`` (replace the graph) or
``POST`` (add to it) of N-Triples to ``STORE?graph=IRI``. Every server speaks it: Oxigraph at
``/store``, Virtuoso at ``/sparql-graph-crud`` (``/sparql-graph-crud-auth`` with Digest
credentials), Fuseki at ``/DATASET/data``, GraphDB at ``/repositories/ID/rdf-graphs/service``.

Streaming: each source is parsed by pyoxigraph one triple at a time and written as N-Triples to
a temporary file (so a large ``--data`` file is never held in memory, and a server that asks
for credentials can be sent the same body again); the file is then uploaded in chunks with
its exact length. Graph names inside N-Quads/TriG sources are dropped: everything goes into
the one graph given. Blank nodes are kept apart per source file.

For billions of triples use the server's bulk loader instead (docs/scaling.md).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence

import pyoxigraph as ox

from govkg.errors import InputError
from govkg.remote import DEFAULT_MAX_BYTES, Deadline, Endpoint, HttpClient, parse_headers
from govkg.sparql import iri
from govkg.store import BASE_IRI, Source, bundled_sources, reading, user_sources

_CHUNK = 1024 * 1024


def write_ntriples(sources: Sequence[Source], out, progress: Callable[[int], None] | None = None) -> int:
    """Every triple of the sources as N-Triples into the binary file ``out``; the count."""
    count = 0
    for number, source in enumerate(sources):
        with reading(source):
            handle = open(source.path, "rb") if source.path is not None and source._data is None else None
            try:
                stream = handle if handle is not None else source.data
                buffer = []
                for quad in ox.parse(stream, format=source.format, base_iri=BASE_IRI):
                    triple = quad.triple if isinstance(quad, ox.Quad) else quad
                    buffer.append(_line(triple, number))
                    count += 1
                    if len(buffer) >= 10_000:
                        out.write("".join(buffer).encode())
                        buffer.clear()
                out.write("".join(buffer).encode())
            finally:
                if handle is not None:
                    handle.close()
        if progress:
            progress(source.size)
    return count


def _line(triple, number: int) -> str:
    """One N-Triples line; blank nodes renamed per source so two files never share one."""
    s, p, o = triple.subject, triple.predicate, triple.object
    if isinstance(s, ox.BlankNode):
        s = ox.BlankNode(f"f{number}x{s.value}")
    if isinstance(o, ox.BlankNode):
        o = ox.BlankNode(f"f{number}x{o.value}")
    return f"{s} {p} {o} .\n"


def push(store_url: str, graph: str, data: Sequence[str] = (), *, bundled: bool = True, shapes: bool = False,
         replace: bool = True, timeout: float = 3600.0, headers: Sequence[str] = (),
         progress_factory=None) -> dict:
    """Upload the graph to ``graph`` at the Graph Store endpoint ``store_url``.

    Returns what was sent: triples, bytes, graph, endpoint (by its public name), method.
    """
    iri(graph)
    endpoint = Endpoint(store_url, parse_headers(headers))
    sources = (bundled_sources(include_shapes=shapes) if bundled else []) + user_sources(data)
    if not sources:
        raise InputError("nothing to push: --no-bundled and no --data file")
    client = HttpClient(endpoint, Deadline(timeout), DEFAULT_MAX_BYTES)
    fd, tmp = tempfile.mkstemp(prefix="govkg-push-", suffix=".nt")
    try:
        with os.fdopen(fd, "wb") as out:
            total_in = sum(s.size for s in sources)
            advance = progress_factory(total_in, "converting") if progress_factory else None
            triples = write_ntriples(sources, out, advance)
        size = os.path.getsize(tmp)
        sent_progress = progress_factory(size, "uploading") if progress_factory else None

        def body():
            with open(tmp, "rb") as handle:
                while chunk := handle.read(_CHUNK):
                    if sent_progress:
                        sent_progress(len(chunk))
                    yield chunk

        method = "PUT" if replace else "POST"
        response = client.request(method, params=[("graph", graph)], body=(size, body),
                                  headers={"Content-Type": "application/n-triples"}, ok=(200, 201, 204), probe=True)
        response.head()
        response.close()
    finally:
        os.unlink(tmp)
    return {"endpoint": endpoint.name, "graph": graph, "method": method, "triples": triples, "bytes": size}
