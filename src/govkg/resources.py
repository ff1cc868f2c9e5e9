"""The only module that knows where the bundled ontology, data, shapes and queries live.

They are package data (``govkg.ontology``, ``govkg.data``, ``govkg.shapes``, ``govkg.queries``),
mapped from the repository's top-level folders, so they are found from any working directory
in both wheel and editable installs.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms on every `who`)
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

RDF_SUFFIXES = (".ttl", ".jsonld", ".nt", ".nq", ".rdf", ".trig")


def _wanted(name: str, suffixes: tuple[str, ...]) -> bool:
    return name.endswith(suffixes) and not name.endswith(".context.jsonld")  # JSON-LD contexts are not data


def _listing(package: str, suffixes: tuple[str, ...]) -> list[Traversable]:
    from importlib.resources import files

    root = files(package)
    return sorted((item for item in root.iterdir() if item.is_file() and _wanted(item.name, suffixes)),
                  key=lambda item: item.name)


def _paths(package: str, suffixes: tuple[str, ...]) -> list[str] | None:
    """The same listing as :func:`_listing`, as file-system paths, without importlib.resources
    (``govkg who`` locates its cache with these); None when the package is not a plain folder
    on disk (a zip), where only :func:`_listing` can read it."""
    from importlib import import_module

    folders = list(getattr(import_module(package), "__path__", []))
    if len(folders) != 1 or not os.path.isdir(folders[0]):
        return None
    names = sorted(n for n in os.listdir(folders[0]) if _wanted(n, suffixes))
    paths = [os.path.join(folders[0], n) for n in names]
    return paths if all(os.path.isfile(p) for p in paths) else None


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


def graph_file_paths(include_shapes: bool = False) -> list[str] | None:
    """:func:`graph_files` as paths on disk (same files, same order), or None (see :func:`_paths`)."""
    parts = [_paths("govkg.ontology", RDF_SUFFIXES), _paths("govkg.data", RDF_SUFFIXES)]
    if include_shapes:
        parts.append(_paths("govkg.shapes", (".ttl",)))
    if any(p is None for p in parts):
        return None
    return [p for part in parts for p in part]


def graph_files(include_shapes: bool = False) -> list[Traversable]:
    """Every file that makes up the bundled graph: ontology, data and optionally shapes."""
    found = ontology_files() + data_files()
    if include_shapes:
        found += shape_files()
    return found
