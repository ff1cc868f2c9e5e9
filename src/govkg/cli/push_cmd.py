"""``govkg push``: upload the graph to a SPARQL server (Graph Store HTTP Protocol)."""

from __future__ import annotations

import click

from govkg.cli.graph_options import data_option
from govkg.cli.output_options import output_options


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                   "http://localhost:8890/sparql-graph-crud-auth (Virtuoso).")
@click.option("--graph", required=True, metavar="IRI", help="The named graph to write (replaced unless --append).")
@data_option
@click.option("--bundled/--no-bundled", default=True, show_default=True,
              help="Include the bundled ontology and data.")
@click.option("--shapes/--no-shapes", default=False, show_default=True, help="Include the SHACL shapes.")
@click.option("--append", is_flag=True, help="Add to the graph (POST) instead of replacing it (PUT).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=3600.0, show_default=True,
              help="Seconds for the whole upload.")
@click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'",
              help="An HTTP header to send (repeatable). Credentials also come from "
                   "GOVKG_ENDPOINT_USER/GOVKG_ENDPOINT_PASSWORD or ~/.netrc (Basic or Digest).")
@output_options(["text", "json"])
def push(endpoint, graph, data, bundled, shapes, append, timeout, headers, out):
    """Upload the bundled graph plus --data files into a named graph on a SPARQL server.

    Streams N-Triples with the SPARQL 1.1 Graph Store HTTP Protocol (PUT replaces the graph,
    --append POSTs), with a progress bar on a terminal. Then query it with
    `--endpoint QUERY-URL --graph IRI` on any command.

    \b
    Examples:
      govkg push --endpoint http://localhost:7878/store --graph https://w3id.org/govkg/graph
      GOVKG_ENDPOINT_USER=dba GOVKG_ENDPOINT_PASSWORD=… govkg push \\
        --endpoint http://localhost:8890/sparql-graph-crud-auth --graph https://w3id.org/govkg/graph \\
        --data my_province.ttl
    """
    from govkg.output import progress_factory
    from govkg.push import push as upload

    def bars(total, label):
        factory = progress_factory(True, label)
        return factory(total) if factory else None

    report = upload(endpoint, graph, data, bundled=bundled, shapes=shapes, replace=not append,
                    timeout=timeout, headers=headers, progress_factory=bars)
    if out.fmt == "json":
        out.json(report)
    else:
        out.echo(f"{'replaced' if not append else 'added to'} graph <{report['graph']}> at "
                   f"{report['endpoint']}: {report['triples']} triples ({report['bytes']} bytes)")


COMMANDS = [push]
