"""The embedded graph store: pyoxigraph (Rust), with a persistent on-disk cache.

Why: parsing Turtle is the dominant cost of every command on a large graph (4 s per million
triples even in Rust). The parsed store is therefore kept on disk under a key made of the
*content* of every input file, so the second run opens it instantly, and any change to the
data (or to govkg/pyoxigraph versions) gives a new key and a rebuild.

Safety: a cache is built in a private temporary directory and renamed into place only when
complete (with a manifest written last), under a file lock so that two processes starting at
once build it once. A cache directory without a valid manifest, or that fails to open or
whose triple count disagrees with its manifest, is deleted and rebuilt — never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from govkg import __version__, resources
from govkg.errors import InputError

MANIFEST = "govkg-manifest.json"

#: file suffix -> pyoxigraph format
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class Source:
    """One input file of the graph: its display name and its bytes."""

    name: str
    data: bytes
    format: ox.RdfFormat


def rdf_format(name: str) -> ox.RdfFormat:
    """The RDF format of a file, from its extension; InputError if it has none we read."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{name}: unknown RDF file extension {suffix or '(none)'!r}; use one of {known}")
    return FORMATS[suffix]


def bundled_sources(include_shapes: bool = False) -> list[Source]:
    """The ontology and data shipped with govkg (and the shapes, if asked)."""
    return [
        Source(f"govkg:{item.name}", item.read_bytes(), rdf_format(item.name))
        for item in resources.graph_files(include_shapes=include_shapes)
    ]


def user_sources(paths: Iterable[str | os.PathLike]) -> list[Source]:
    """Extra files given with ``--data``; InputError names a file that cannot be read."""
    found = []
    for path in paths:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
        found.append(Source(str(path), data, rdf_format(path.name)))
    return found


def parse_error(source: Source, exc: SyntaxError) -> InputError:
    """An InputError naming the file, line and column of a parse error."""
    message = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return InputError(f"{source.name}: not valid {source.format.name}: {message}")


def load_into(store: ox.Store, sources: Sequence[Source], progress: Callable[[int], None] | None = None) -> None:
    """Parse every source into the store's default graph (InputError on a syntax error)."""
    for source in sources:
        try:
            store.bulk_load(input=source.data, format=source.format, base_iri="https://w3id.org/govkg/id/")
        except SyntaxError as exc:
            raise parse_error(source, exc) from None
        if progress:
            progress(len(source.data))


def cache_key(sources: Sequence[Source]) -> str:
    """A digest of the sources' content and of the versions that shape the stored bytes."""
    digest = hashlib.sha256()
    digest.update(f"govkg {__version__}; pyoxigraph {ox.__version__}\n".encode())
    for source in sources:
        digest.update(source.name.encode() + b"\0" + hashlib.sha256(source.data).digest())
    return digest.hexdigest()[:32]


def cache_root() -> Path:
    """Where caches live: $GOVKG_CACHE_DIR, else $XDG_CACHE_HOME/govkg, else ~/.cache/govkg."""
    if os.environ.get("GOVKG_CACHE_DIR"):
        return Path(os.environ["GOVKG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "govkg"


def _read_manifest(path: Path) -> dict | None:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and "triples" in manifest else None


def _open_cached(path: Path, key: str) -> ox.Store | None:
    """Open a finished cache read-only, or None if it is missing, foreign or corrupt."""
    manifest = _read_manifest(path)
    if manifest is None or manifest.get("key") != key:
        return None
    try:
        store = ox.Store.read_only(str(path))
        if len(store) != manifest["triples"]:
            return None
    except OSError:
        return None
    return store


def _build(path: Path, key: str, sources: Sequence[Source], progress) -> None:
    """Build a cache in a temporary directory beside ``path`` and rename it into place."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=path.parent))
    try:
        store = ox.Store(str(tmp))
        load_into(store, sources, progress)
        store.flush()
        store.optimize()
        triples = len(store)
        del store
        manifest = {"key": key, "triples": triples, "sources": [s.name for s in sources], "govkg": __version__}
        (tmp / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def open_store(
    extra: Iterable[str | os.PathLike] = (),
    include_shapes: bool = False,
    cache: bool = True,
    progress_factory: Callable[[int], Callable[[int], None]] | None = None,
) -> ox.Store:
    """The bundled graph plus ``extra`` files, as a pyoxigraph store (cached on disk).

    Args:
        extra: user files added on top of the bundled graph (``--data``).
        include_shapes: also load the SHACL shapes (for export).
        cache: use the on-disk cache; False parses into memory every time.
        progress_factory: given the total byte count, returns a callback advanced per file.
    """
    sources = bundled_sources(include_shapes) + user_sources(extra)
    progress = progress_factory(sum(len(s.data) for s in sources)) if progress_factory else None
    if not cache or os.environ.get("GOVKG_NO_CACHE"):
        store = ox.Store()
        load_into(store, sources, progress)
        return store

    from filelock import FileLock

    key = cache_key(sources)
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:  # read-only home: fall back to memory
        store = ox.Store()
        load_into(store, sources, progress)
        return store
    path = root / key
    store = _open_cached(path, key)
    if store is not None:
        return store
    with FileLock(str(root / f"{key}.lock"), timeout=600):
        store = _open_cached(path, key)  # another process may have built it meanwhile
        if store is None:
            _build(path, key, sources, progress)
            store = _open_cached(path, key)
    if store is None:
        raise InputError(f"could not build the graph cache in {path}")
    return store


def memory_store(sources: Sequence[Source]) -> ox.Store:
    """An in-memory store of exactly these sources (tests, fixtures)."""
    store = ox.Store()
    load_into(store, sources)
    return store
