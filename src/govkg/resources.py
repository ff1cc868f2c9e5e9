"""The only module that knows where the bundled ontology, data, shapes and queries live.

They are package data (``govkg.ontology``, ``govkg.data``, ``govkg.shapes``, ``govkg.queries``),
mapped from the repository's top-level folders, so they are found from any working directory
in both wheel and editable installs.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

RDF_SUFFIXES = (".ttl", ".jsonld", ".nt", ".nq", ".rdf", ".trig")


def _listing(package: str, suffixes: tuple[str, ...]) -> list[Traversable]:
    root = files(package)
    return sorted(
        (item for item in root.iterdir() if item.is_file() and item.name.endswith(suffixes)
         and not item.name.endswith(".context.jsonld")),  # JSON-LD contexts are not data
        key=lambda item: item.name,
    )


def ontology_files() -> list[Traversable]:
    """The ontology modules (``ontology/*.ttl``)."""
    return _listing("govkg.ontology", RDF_SUFFIXES)


def data_files() -> list[Traversable]:
    """The bundled instance data (``data/*.ttl``)."""
    return _listing("govkg.data", RDF_SUFFIXES)


def shape_files(pattern: str = "") -> list[Traversable]:
    """SHACL shape files (``shapes/*.ttl``) whose name contains ``pattern``."""
    return [f for f in _listing("govkg.shapes", (".ttl",)) if pattern in f.name]


def query_files() -> list[Traversable]:
    """Named SPARQL queries (``queries/*.rq``)."""
    return _listing("govkg.queries", (".rq",))


def graph_files(include_shapes: bool = False) -> list[Traversable]:
    """Every file that makes up the bundled graph: ontology, data and optionally shapes."""
    found = ontology_files() + data_files()
    if include_shapes:
        found += shape_files()
    return found
