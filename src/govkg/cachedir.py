"""Where caches live and the content key that names one (see :mod:`govkg.store` for why).

Kept apart from the store, with only the standard library's lightest modules (os, json;
hashlib only when something must be hashed), because ``govkg who`` locates its search index through these functions and must not
pay for loading the store, the SPARQL layer or click (:mod:`govkg.who_fast`). The store uses
the same functions, so both find the same cache for the same content.

Digests of files are remembered in ``digests.json`` by (size, mtime, ctime, inode), and trusted
only when they were taken well after the file last changed (git's "racy index" rule): a warm
command does not re-read a large file, and an edit within the same clock tick is never missed.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable

from govkg import __version__
from govkg.errors import InputError

MANIFEST = "govkg-manifest.json"
DIGESTS = "digests.json"
#: a remembered digest is trusted only if it was taken this long after the file's last change
RACY_SECONDS = 2.0
#: the memo's entry remembering the keys last computed from remembered digests (a pure function:
#: the same names and digests always give the same key), and how many it keeps
KEYS_ENTRY, KEYS_KEPT = "_keys", 8
SHA256_BYTES = 32


def bundled_name(file_name: str) -> str:
    """The name a bundled file goes by in the cache key (and in error messages)."""
    return f"govkg:{file_name}"


def cache_root() -> str:
    """Where caches live: $GOVKG_CACHE_DIR, else $XDG_CACHE_HOME/govkg, else ~/.cache/govkg."""
    if os.environ.get("GOVKG_CACHE_DIR"):
        return os.environ["GOVKG_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "govkg")


def load_memo(root: str | None) -> dict:
    """The remembered file digests (``digests.json``), or {} if there are none or they are unreadable."""
    if root is None:
        return {}
    try:
        with open(os.path.join(root, DIGESTS), encoding="utf-8") as handle:
            memo = json.load(handle)
        return memo if isinstance(memo, dict) else {}
    except (OSError, ValueError):
        return {}


def save_memo(root: str, memo: dict) -> None:
    """Write the memo back if a digest was added (atomically; concurrent writers may lose an
    entry, never corrupt the file; a memo that cannot be written only means hashing again)."""
    if not memo.pop("_changed", False):
        return
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=".digests-", dir=root)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(memo, handle)
        os.replace(tmp, os.path.join(root, DIGESTS))
    except OSError:  # e.g. digests.json is a directory
        try:
            os.unlink(tmp)
        except OSError:
            pass


def remembered_digest(entry, stamp: list, mtime: float) -> bytes | None:
    """The digest ``digests.json`` remembers for a file, if it is well-formed and still safe to
    trust (same stat, taken well after the last change); None means: hash the file again."""
    if not isinstance(entry, dict) or entry.get("stat") != stamp:
        return None
    taken, hexdigest = entry.get("taken"), entry.get("sha256")
    if not isinstance(taken, (int, float)) or taken - mtime <= RACY_SECONDS or not isinstance(hexdigest, str):
        return None
    try:
        digest = bytes.fromhex(hexdigest)
    except ValueError:
        return None
    return digest if len(digest) == SHA256_BYTES else None


def hash_file(path) -> bytes:
    import hashlib

    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 22):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return digest.digest()


def stamp(stat: os.stat_result) -> list[int]:
    """What a remembered digest is trusted by: size, mtime, ctime (no program can set it back)
    and inode."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def file_digest(path, memo: dict) -> bytes:
    """SHA-256 of a file's content, remembered in ``memo`` by its stat (see module doc)."""
    stat = os.stat(path)
    stamp_ = stamp(stat)
    where = os.path.abspath(path)  # (not realpath: its lstat of every folder on the way costs more than the rest)
    remembered = remembered_digest(memo.get(where), stamp_, stat.st_mtime)
    if remembered is not None:
        return remembered
    digest = hash_file(path)
    memo[where] = {"stat": stamp_, "sha256": digest.hex(), "taken": time.time()}
    memo["_changed"] = True
    return digest


def content_key(named_digests, pyoxigraph_version: str) -> str:
    """The cache key: a digest of each input's name and content digest, and of the versions
    that shape the stored bytes (pyoxigraph's as :func:`govkg.installed.version` reads it)."""
    import hashlib

    digest = hashlib.sha256()
    digest.update(f"govkg {__version__}; pyoxigraph {pyoxigraph_version}\n".encode())
    for name, content in named_digests:
        digest.update(name.encode() + b"\0" + content)
    return digest.hexdigest()[:32]


def locate(named_digests: Callable[[dict], list], pyoxigraph_version: str) -> tuple[str, str] | None:
    """(cache root, content key), or None when caching is off or the cache folder cannot be
    written. ``named_digests(memo)`` gives the inputs' (name, digest) pairs."""
    if os.environ.get("GOVKG_NO_CACHE"):
        return None
    root = cache_root()
    try:
        os.makedirs(root, exist_ok=True)
        writable = os.access(root, os.W_OK)
    except OSError:
        writable = False
    if not writable:
        return None
    memo = load_memo(root)
    pairs = named_digests(memo)
    key = _remembered_key(memo, pairs, pyoxigraph_version)
    save_memo(root, memo)
    return root, key


def _remembered_key(memo: dict, pairs: list, pyoxigraph_version: str) -> str:
    """:func:`content_key` of ``pairs``, remembered in the memo by the names and digests it was
    computed from (so a warm command hashes nothing at all)."""
    inputs = "\n".join([pyoxigraph_version] + [f"{name}\0{digest.hex()}" for name, digest in pairs])
    keys = memo.get(KEYS_ENTRY)
    keys = keys if isinstance(keys, dict) else {}
    if isinstance(keys.get(inputs), str):
        return keys[inputs]
    key = content_key(pairs, pyoxigraph_version)
    keys = {k: v for k, v in list(keys.items())[-(KEYS_KEPT - 1):]}
    keys[inputs] = key
    memo[KEYS_ENTRY] = keys
    memo["_changed"] = True
    return key


def read_manifest(cache: str) -> dict | None:
    """A finished cache's manifest (written last when it was built), or None."""
    try:
        with open(os.path.join(cache, MANIFEST), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and "triples" in manifest else None


def built_derived_dir(root: str, key: str) -> str | None:
    """The derived directory of the finished cache ``key`` (found by its manifest, without
    opening the store), or None when no such cache has been built."""
    manifest = read_manifest(os.path.join(root, key))
    return os.path.join(root, f"{key}.derived") if manifest is not None and manifest.get("key") == key else None
