"""The embedded graph store: pyoxigraph (Rust), with a persistent on-disk cache.

Why: parsing Turtle is the dominant cost of every command on a large graph (4 s per million
triples even in Rust). The parsed store is therefore kept on disk under a key made of the
*content* of every input file, so the second run opens it instantly, and any change to the
data (or to govkg/pyoxigraph versions) gives a new key and a rebuild.

Cost of a warm start: the bundled files are hashed (a few hundred kB); a large ``--data`` file
is not read at all when its size, mtime, ctime and inode match a digest remembered from an
earlier run and that run happened well after the file's last change (git's "racy index" rule,
so an edit within the same clock tick is never missed). Otherwise it is hashed (~1 GB/s).

Safety: a cache is built in a private temporary directory and renamed into place only when
complete (with a manifest written last), under a file lock so that two processes starting at
once build it once. A cache directory without a valid manifest, or that fails to open, or whose
probe triple (recorded in the manifest at build time) is missing, is deleted and rebuilt —
never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from govkg import __version__, cachedir, installed, resources
from govkg.errors import InputError
from govkg.cachedir import MANIFEST

BASE_IRI = "https://w3id.org/govkg/id/"
#: caches kept besides the one in use (older ones are pruned after a build)
KEEP_CACHES = 4

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


class Source:
    """One input file of the graph: its display name, format and bytes.

    A source made from a path reads its bytes only when ``data`` is asked for; loading streams
    the file instead, so a 500 MB ``--data`` file is never held in memory by govkg itself.
    """

    __slots__ = ("name", "format", "path", "_data", "_digest")

    def __init__(self, name: str, data: bytes | None = None, format: ox.RdfFormat | None = None,
                 path: str | os.PathLike | None = None):
        if data is None and path is None:
            raise ValueError("a Source needs data or a path")
        self.name = name
        self.format = format if format is not None else rdf_format(name)
        self.path = Path(path) if path is not None else None
        self._data = data
        self._digest: bytes | None = None

    @property
    def data(self) -> bytes:
        if self._data is None:
            try:
                self._data = self.path.read_bytes()
            except OSError as exc:
                raise InputError(f"{self.name}: cannot read: {exc.strerror or exc}") from None
        return self._data

    @property
    def size(self) -> int:
        if self._data is not None:
            return len(self._data)
        try:
            return self.path.stat().st_size
        except OSError as exc:
            raise InputError(f"{self.name}: cannot read: {exc.strerror or exc}") from None

    def digest(self, memo: dict | None = None) -> bytes:
        """SHA-256 of the content (remembered per file in ``memo`` when safe, see :mod:`govkg.cachedir`)."""
        if self._digest is None:
            if self._data is not None:
                self._digest = hashlib.sha256(self._data).digest()
            elif memo is None:
                self._digest = cachedir.hash_file(self.path)
            else:
                self._digest = cachedir.file_digest(self.path, memo)
        return self._digest

    def __eq__(self, other) -> bool:
        return isinstance(other, Source) and (self.name, self.format, self.data) == (other.name, other.format, other.data)

    def __hash__(self) -> int:
        return hash((self.name, self.digest()))

    def __repr__(self) -> str:
        return f"Source({self.name!r}, {self.format.name})"


def rdf_format(name: str) -> ox.RdfFormat:
    """The RDF format of a file, from its extension; InputError if it has none we read."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{name}: unknown RDF file extension {suffix or '(none)'!r}; use one of {known}")
    return FORMATS[suffix]


def bundled_sources(include_shapes: bool = False) -> list[Source]:
    """The ontology and data shipped with govkg (and the shapes, if asked)."""
    paths = resources.graph_file_paths(include_shapes=include_shapes)
    if paths is not None:  # files on disk: read when parsed, digests remembered by stat
        return [Source(cachedir.bundled_name(os.path.basename(p)), path=p) for p in paths]
    return [
        Source(cachedir.bundled_name(item.name), item.read_bytes(), rdf_format(item.name))
        for item in resources.graph_files(include_shapes=include_shapes)
    ]


def user_sources(paths: Iterable[str | os.PathLike]) -> list[Source]:
    """Extra files given with ``--data``; InputError names a file that cannot be read.

    The files are checked for existence and format here but read lazily.
    """
    found = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            reason = "is a directory" if path.is_dir() else "no such file"
            raise InputError(f"{path}: cannot read: {reason}")
        if not os.access(path, os.R_OK):
            raise InputError(f"{path}: cannot read: permission denied")
        source = Source(str(path), None, rdf_format(path.name), path=path)
        if source.format == ox.RdfFormat.RDF_XML and _declares_entities(path):
            from govkg.limits import check_xml_entities

            check_xml_entities(source.name, source.data)
        found.append(source)
    return found


def _declares_entities(path: Path) -> bool:
    """Whether an XML file's head (where a DTD must be) declares entities; reads 1 MB at most."""
    try:
        with open(path, "rb") as handle:
            return b"<!ENTITY" in handle.read(2**20)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


#: what the RDF parsers raise on bad input: a syntax error, or MemoryError when one token
#: (a literal, an IRI) is longer than pyoxigraph's 16 MiB token buffer
PARSE_ERRORS = (SyntaxError, MemoryError)


def parse_error(source: Source, exc: Exception) -> InputError:
    """An InputError naming the file, line and column of a parse error (one of PARSE_ERRORS)."""
    if isinstance(exc, MemoryError):
        return InputError(f"{source.name}: not readable as {source.format.name}: a single literal or IRI is longer "
                          "than the parser's limit of 16 MiB")
    message = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return InputError(f"{source.name}: not valid {source.format.name}: {message}")


@contextmanager
def reading(source: Source):
    """Within the block, a parse error (PARSE_ERRORS) or a read error of ``source`` becomes one
    InputError naming the file (the one translation every reader of RDF sources uses)."""
    try:
        yield
    except PARSE_ERRORS as exc:
        raise parse_error(source, exc) from None
    except OSError as exc:
        raise InputError(f"{source.name}: cannot read: {exc.strerror or exc}") from None


class _CountingReader:
    """A binary file wrapper that reports bytes read (progress while one big file parses)."""

    def __init__(self, handle, progress: Callable[[int], None]):
        self.handle = handle
        self.progress = progress

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        if chunk:
            self.progress(len(chunk))
        return chunk

    def readable(self) -> bool:
        return True


def load_into(store: ox.Store, sources: Sequence[Source], progress: Callable[[int], None] | None = None) -> None:
    """Parse every source into the store's default graph (InputError on a syntax error).

    Path-backed sources are streamed from disk (with byte-level progress), not read whole.
    """
    for source in sources:
        with reading(source):
            if source.path is not None and source._data is None:
                with open(source.path, "rb") as handle:
                    stream = _CountingReader(handle, progress) if progress else handle
                    store.bulk_load(input=stream, format=source.format, base_iri=BASE_IRI)
                continue
            store.bulk_load(input=source.data, format=source.format, base_iri=BASE_IRI)
        if progress:
            progress(source.size)


def cache_key(sources: Sequence[Source], memo: dict | None = None) -> str:
    """A digest of the sources' content and of the versions that shape the stored bytes."""
    return cachedir.content_key([(s.name, s.digest(memo)) for s in sources], installed.version("pyoxigraph"))


def cache_root() -> Path:
    """Where caches live: $GOVKG_CACHE_DIR, else $XDG_CACHE_HOME/govkg, else ~/.cache/govkg."""
    return Path(cachedir.cache_root())


def _read_manifest(path: Path) -> dict | None:
    return cachedir.read_manifest(str(path))


def _probe(store: ox.Store) -> str | None:
    """One stored triple without blank nodes, as an N-Triples line, to recognise the store."""
    for n, quad in enumerate(store.quads_for_pattern(None, None, None)):
        if not isinstance(quad.subject, ox.BlankNode) and not isinstance(quad.object, ox.BlankNode):
            return f"{quad.subject} {quad.predicate} {quad.object} ."
        if n > 10_000:
            break
    return None


def _has_probe(store: ox.Store, probe: str | None) -> bool:
    if probe is None:  # a graph of blank nodes only, or empty: nothing cheap to check
        return True
    quad = next(iter(ox.parse(probe.encode(), format=ox.RdfFormat.N_TRIPLES)))
    return ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()) in store


def _open_cached(path: Path, key: str) -> ox.Store | None:
    """Open a finished cache read-only, or None if it is missing, foreign or corrupt."""
    manifest = _read_manifest(path)
    if manifest is None or manifest.get("key") != key:
        return None
    try:
        store = ox.Store.read_only(str(path))
        if not _has_probe(store, manifest.get("probe")):
            return None
    except (OSError, ValueError, SyntaxError, RuntimeError):
        return None
    return store


def _build(path: Path, key: str, sources: Sequence[Source], progress) -> None:
    """Build a cache in a temporary directory beside ``path`` and rename it into place."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=path.parent))
    try:
        store = ox.Store(str(tmp))
        load_into(store, sources, progress)
        store.flush()
        triples = len(store)
        probe = _probe(store)
        del store
        manifest = {"key": key, "triples": triples, "probe": probe, "sources": [s.name for s in sources],
                    "govkg": __version__, "built": time.time()}
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            path.unlink()  # a file or link where a cache should be: not ours to trust
        elif path.exists():
            shutil.rmtree(path, ignore_errors=True)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _prune(root: Path, keep: Path) -> None:
    """Remove all but the most recently built caches (and stale temporary builds)."""
    now = time.time()
    caches = []
    for entry in root.iterdir():
        if entry.name.startswith(".") and entry.is_dir() and now - entry.stat().st_mtime > 3600:
            shutil.rmtree(entry, ignore_errors=True)  # a build that died an hour ago
        elif entry.is_dir() and entry != keep and not entry.name.startswith(".") and not entry.name.endswith(".derived"):
            manifest = _read_manifest(entry)
            caches.append(((manifest or {}).get("built", 0), entry))
    for _, entry in sorted(caches, reverse=True)[KEEP_CACHES:]:
        shutil.rmtree(entry, ignore_errors=True)
        shutil.rmtree(root / f"{entry.name}.derived", ignore_errors=True)
        (root / f"{entry.name}.lock").unlink(missing_ok=True)


def open_sources(sources: Sequence[Source], cache: bool = True,
                 progress_factory: Callable[[int], Callable[[int], None]] | None = None) -> ox.Store:
    """A pyoxigraph store of exactly these sources, from the on-disk cache when possible."""
    return open_cached(sources, cache, progress_factory)[0]


def open_cached(sources: Sequence[Source], cache: bool = True,
                progress_factory: Callable[[int], Callable[[int], None]] | None = None,
                ) -> tuple[ox.Store, Path | None]:
    """(store, derived directory): the store as :func:`open_sources` gives it, and the
    directory where files derived from exactly this content are kept (``<key>.derived`` beside
    the cache, pruned with it), or None when there is no cache (memory store)."""
    def progress():
        return progress_factory(sum(s.size for s in sources)) if progress_factory else None

    where = _cache_location(sources) if cache else None
    if where is None:  # no cache wanted, or a read-only home: in memory
        return _memory(sources, progress()), None
    root, key = where
    path = root / key
    derived = root / f"{key}.derived"
    store = _open_cached(path, key)
    if store is not None:
        return store, derived
    from filelock import FileLock, Timeout  # only a cache build needs the lock

    try:
        with FileLock(str(root / f"{key}.lock"), timeout=900):
            store = _open_cached(path, key)  # another process may have built it meanwhile
            if store is None:
                _build(path, key, sources, progress())
                store = _open_cached(path, key)
                _prune(root, path)
                if store is not None:
                    _build_derived(store, derived)
    except Timeout:
        raise InputError(f"timed out waiting for another govkg process to build {path}") from None
    except OSError:
        # the cache folder is damaged in a way we cannot repair (a lock that is a directory,
        # no permission, a full disk): answer from memory rather than fail
        return _memory(sources, progress()), None
    if store is None:
        return _memory(sources, progress()), None
    return store, derived


def _cache_location(sources: Sequence[Source]) -> tuple[Path, str] | None:
    """(cache root, content key) of these sources, or None when caching is off or the cache
    folder cannot be written."""
    where = cachedir.locate(lambda memo: [(s.name, s.digest(memo)) for s in sources], installed.version("pyoxigraph"))
    return None if where is None else (Path(where[0]), where[1])


def built_cache(sources: Sequence[Source]) -> Path | None:
    """The derived directory of a finished cache of exactly these sources, found without
    opening the store (its manifest names the content key); None when there is none yet.

    ``who`` answers from the search index in that directory and opens the store only if it
    must (:class:`govkg.sparql.EmbeddedBackend` opens it on first use).
    """
    where = _cache_location(sources)
    found = cachedir.built_derived_dir(str(where[0]), where[1]) if where is not None else None
    return Path(found) if found is not None else None


def _build_derived(store: ox.Store, derived: Path) -> None:
    """Build the files derived from a new cache (the search index) with it, so the first
    command after a data change does not pay for them; a failure here only defers them."""
    import sqlite3

    from govkg.search.cache import build_beside_cache

    try:
        build_beside_cache(store, derived)
    except (OSError, sqlite3.Error):
        pass


def _memory(sources: Sequence[Source], progress) -> ox.Store:
    store = ox.Store()
    load_into(store, sources, progress)
    return store


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
        progress_factory: given the total byte count, returns a callback advanced as bytes parse.
    """
    sources = bundled_sources(include_shapes) + user_sources(extra)
    return open_sources(sources, cache=cache, progress_factory=progress_factory)


def memory_store(sources: Sequence[Source]) -> ox.Store:
    """An in-memory store of exactly these sources (tests, fixtures)."""
    return _memory(sources, None)
