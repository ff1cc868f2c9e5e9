"""Where the search index lives, and the check that it is the index of exactly this data.

Embedded store: ``search-index.sqlite`` in the cache's ``<key>.derived`` directory, beside a
manifest giving the content key, the recipe (index format and field weights) and the
file's size and SHA-256. An index whose manifest, size or hash does not match — altered,
truncated, copied from other data, built by another govkg — is rebuilt, never trusted: a
corrupt index must not silently make ``who`` find nothing.

The hash is not recomputed on every command (it is ~0.1 s on a 50 MB index): the manifest
also remembers the file's stat (size, mtime, ctime, inode) from the last time the hash was
checked, and when the stat is unchanged the file is trusted. Any write to the file changes its
ctime, which no program can set back, so an edit in place is still caught; a stat remembered
within :data:`RACY_SECONDS` of the file's last change is not trusted (the same "racy" rule as
the store's digest memo: a write in the same clock tick as the stat would look unchanged). Remote endpoint: the duty texts are
fetched (one query), and the index is cached under the endpoint and a hash of those texts, so
the same data on the server gives the same index and the same ranking as the embedded store.
Every file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time

from govkg.cachedir import RACY_SECONDS  # the store's "racy" rule, one definition
from govkg.cachedir import stamp as _stamp
from govkg.search import engine

# govkg.search.documents and govkg.search.thesaurus are imported where an index is built: the
# query path (a verified index) needs neither.

#: 2: label length kept for tie-breaks; 3: synonym groups kept for rewriting queries;
#: 4: an embedded cache's index also stores the who-facts of every duty (govkg.who_facts);
#: 5: and what OpenCC can change (govkg.opencc_triggers)
FORMAT = 5
#: the who-facts are stored in the index of a cache of at most this many triples. Storing them
#: runs govkg's who queries over every duty: ≈ 0.1 s for the bundled graph, ≈ 25 s for a
#: million triples, where `who` reading them by SPARQL takes 0.2–0.4 s anyway; so a national
#: graph's cache build is not made twice as long to save 0.1 s per `who`.
FACTS_MAX_TRIPLES = 250_000
INDEX_FILE = "search-index.sqlite"
MANIFEST_FILE = "search-index.json"


def recipe() -> str:
    """What else an index depends on besides the data (the synonym groups are data, so the
    content key covers them): its format and the field weights."""
    return f"format {FORMAT}; fields {engine.FIELDS}; gram share {engine.GRAM_SHARE}"


def search_engine(backend) -> engine.Engine:
    """The backend's search engine: a verified cached index, else one built now (and cached)."""
    cached = getattr(backend, "_search_engine", None)
    if cached is not None:
        return cached
    from govkg.search import documents as docs

    derived = _derived_dir(backend)
    if derived is not None:
        found = _load_or_build(os.path.join(derived, INDEX_FILE), os.path.basename(derived),
                               lambda: docs.read_corpus(backend), backend if _stores_facts(derived) else None)
    elif getattr(backend, "store", None) is None and _endpoint_url(backend):
        corpus = docs.read_corpus(backend)
        import hashlib

        key = hashlib.sha256(_endpoint_url(backend).encode()).hexdigest()[:16] + "-" + docs.digest(corpus)[:32]
        found = _load_or_build(os.path.join(_endpoint_dir(), f"{key}.sqlite"), key, lambda: corpus)
    else:
        found = None
    if found is None:  # no writable cache: an index in memory for this command only
        found = engine.Engine(memory_index(docs.read_corpus(backend)))
    try:
        backend._search_engine = found
    except AttributeError:
        pass
    return found


def memory_index(corpus, synonyms: bool = True) -> sqlite3.Connection:
    """An index of ``corpus`` in memory (no cache, or a comparison in bench/search_eval.py)."""
    db = sqlite3.connect(":memory:")
    _fill(db, corpus, synonyms)
    return db


def _fill(db: sqlite3.Connection, corpus, synonyms: bool = True, facts_from=None) -> None:
    """The index of ``corpus``; with ``facts_from`` (the embedded backend the corpus was read
    from), also every duty's who-facts, so ``who`` answers from this file alone."""
    from govkg.search import documents as docs
    from govkg.search import thesaurus

    documents = docs.documents(corpus.rows)
    engine.build(db, documents, thesaurus.from_groups(corpus.groups) if synonyms else None)
    if facts_from is not None:
        from govkg.who_facts import store_facts

        store_facts(db, facts_from, sorted(documents))
        db.commit()


def build_beside_cache(store, derived) -> None:
    """Build (or confirm) the search index of a freshly built cache, in its derived directory."""
    from govkg.search import documents as docs
    from govkg.sparql import EmbeddedBackend

    index, key = os.path.join(derived, INDEX_FILE), os.path.basename(derived)
    if not verified(index, _manifest_of(index), key):
        os.makedirs(derived, exist_ok=True)
        backend = EmbeddedBackend(store)
        _build(index, _manifest_of(index), key, docs.read_corpus(backend), backend if _stores_facts(derived) else None)


def _stores_facts(derived) -> bool:
    """Whether the index in ``derived`` stores the who-facts: its cache's manifest counts at
    most :data:`FACTS_MAX_TRIPLES` triples."""
    from govkg.cachedir import read_manifest

    cache = os.fspath(derived).removesuffix(".derived")
    triples = (read_manifest(cache) or {}).get("triples")
    return isinstance(triples, int) and triples <= FACTS_MAX_TRIPLES


def _derived_dir(backend) -> str | None:
    path = getattr(backend, "index_path", None)
    return os.path.dirname(os.fspath(path)) if path else None


def _endpoint_dir() -> str:
    from govkg.cachedir import cache_root

    return os.path.join(cache_root(), "endpoints")


def _manifest_of(index) -> str:
    """The manifest beside an index file: same stem, ``.json``."""
    return os.path.splitext(os.fspath(index))[0] + ".json"


def _endpoint_url(backend) -> str | None:
    return getattr(backend, "url", None) or getattr(backend, "endpoint", None)


def _load_or_build(index: str, key: str, corpus, facts_from=None) -> engine.Engine | None:
    """The verified index at ``index`` (manifest beside it, same stem, .json), built if need be
    (with the who-facts of ``facts_from``, an embedded backend); None when it cannot be written there."""
    found = verified_engine(index, key)
    if found is not None:
        return found
    try:
        os.makedirs(os.path.dirname(index), exist_ok=True)
        _build(index, _manifest_of(index), key, corpus(), facts_from)
    except OSError:
        return None
    return verified_engine(index, key)


def verified_engine(index: str, key: str) -> engine.Engine | None:
    """The index at ``index`` opened, when :func:`verified` for ``key``; else None."""
    return engine.Engine.open(index) if verified(index, _manifest_of(index), key) else None


def verified(index, manifest, key: str) -> bool:
    """True when ``index`` is exactly the file its manifest describes, for this key and recipe.

    The SHA-256 is computed only when the file's stat differs from the one remembered when it
    was last hashed (or that stat was taken too soon after a change to be trusted); a match then
    remembers the new stat, so the next command does not hash again.
    """
    try:
        with open(manifest, encoding="utf-8") as handle:
            saved = json.load(handle)
        if not isinstance(saved, dict) or saved.get("key") != key or saved.get("recipe") != recipe():
            return False
        stat = os.stat(index)
        if stat.st_size != saved.get("size"):
            return False
        if _trusted_stamp(saved.get("checked"), stat):
            return True
        if _sha256(index) != saved.get("sha256"):
            return False
    except (OSError, ValueError):
        return False
    _remember_stamp(manifest, saved, stat)
    return True


def _trusted_stamp(checked, stat: os.stat_result) -> bool:
    """Whether ``checked`` (the manifest's {"stat", "at"}) vouches for a file with this stat."""
    if not isinstance(checked, dict) or checked.get("stat") != _stamp(stat):
        return False
    at = checked.get("at")
    return isinstance(at, (int, float)) and at - stat.st_ctime > RACY_SECONDS


def _remember_stamp(manifest, saved: dict, stat: os.stat_result) -> None:
    """Record that the file with this stat was just hashed and matched (atomically; a cache we
    cannot write only means hashing again next time)."""
    now = time.time()
    if now - stat.st_ctime <= RACY_SECONDS:
        return  # too fresh to vouch for: the next command hashes again
    try:
        _write_json(manifest, {**saved, "checked": {"stat": _stamp(stat), "at": now}})
    except OSError:
        pass


def _write_json(path, value: dict) -> None:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".search-index-", suffix=".json", dir=os.path.dirname(os.fspath(path)))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _sha256(path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _build(index, manifest, key: str, corpus, facts_from=None) -> None:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".search-index-", suffix=".sqlite", dir=os.path.dirname(os.fspath(index)))
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            _fill(db, corpus, facts_from=facts_from)
        finally:
            db.close()
        meta = {"key": key, "recipe": recipe(), "size": os.path.getsize(tmp), "sha256": _sha256(tmp),
                "duties": len({r[0] for r in corpus.rows})}
        os.replace(tmp, index)
        _write_json(manifest, meta)
    finally:
        for leftover in (tmp,):
            if os.path.exists(leftover):
                os.unlink(leftover)
