"""The on-disk store cache: content-keyed, rebuilt when data changes, safe when processes race,
and never trusting a damaged cache."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

TTL = """@prefix gk: <https://w3id.org/govkg/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/govkg/id/inst/cache-test> a gk:Institution ;
    skos:prefLabel "缓存测试局"@zh , "{en}"@en .
"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABEL = ("SELECT ?l WHERE { <https://w3id.org/govkg/id/inst/cache-test> "
         "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(lang(?l) = 'en') }")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv("GOVKG_CACHE_DIR", str(root))
    monkeypatch.delenv("GOVKG_NO_CACHE", raising=False)
    return root


def write(path: Path, en: str) -> Path:
    path.write_text(TTL.replace("{en}", en), encoding="utf-8")
    return path


def en_label(store) -> str:
    return next(iter(store.query(LABEL)))["l"].value


def caches(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and not p.name.endswith(".derived")]


def test_second_run_uses_cache(cache_dir, tmp_path):
    from govkg.store import open_store

    data = write(tmp_path / "x.ttl", "Cache Test Bureau")
    first = open_store([data])
    assert en_label(first) == "Cache Test Bureau"
    built = caches(cache_dir)
    assert len(built) == 1
    manifest = json.loads((built[0] / "govkg-manifest.json").read_text())
    del first
    second = open_store([data])
    assert caches(cache_dir) == built
    assert len(second) == manifest["triples"]


def test_changed_data_gives_new_cache(cache_dir, tmp_path):
    from govkg.store import open_store

    data = write(tmp_path / "x.ttl", "Cache Test Bureau")
    assert en_label(open_store([data])) == "Cache Test Bureau"
    write(data, "Cache Test Agency")  # same size class, edited straight away (racy mtime)
    assert en_label(open_store([data])) == "Cache Test Agency"
    write(data, "Cache Test Bureau")
    assert en_label(open_store([data])) == "Cache Test Bureau"


def test_same_size_same_mtime_edit_is_seen(cache_dir, tmp_path):
    """An old file edited to the same size, its mtime put back: only the ctime/inode part of
    the remembered stat shows the change (the racy-window rule alone would trust the memo)."""
    from govkg.store import open_store

    data = write(tmp_path / "x.ttl", "Cache Test AAAAAA")
    old = data.stat().st_mtime_ns - 3600 * 10**9
    os.utime(data, ns=(old, old))
    assert en_label(open_store([data])) == "Cache Test AAAAAA"
    write(data, "Cache Test BBBBBB")
    os.utime(data, ns=(old, old))
    assert en_label(open_store([data])) == "Cache Test BBBBBB"


def test_edit_within_the_racy_window_is_seen(cache_dir, tmp_path):
    """An edit in the same clock tick leaves the whole stat unchanged: the memo is only
    trusted when it was taken well after the file's last change, so the file is hashed again."""
    from govkg.store import open_store

    data = write(tmp_path / "x.ttl", "Cache Test AAAAAA")
    assert en_label(open_store([data])) == "Cache Test AAAAAA"
    write(data, "Cache Test BBBBBB")
    memo_path = cache_dir / "digests.json"
    memo = json.loads(memo_path.read_text())
    st = data.stat()
    entry = memo[os.path.abspath(data)]
    entry["stat"] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]  # as if unchanged
    entry["taken"] = st.st_mtime + 0.5  # remembered within the racy window
    memo_path.write_text(json.dumps(memo))
    assert en_label(open_store([data])) == "Cache Test BBBBBB"


@pytest.mark.parametrize("bad", ["zz", "", None, 42, "ab" * 5])
def test_bad_hash_in_digests_is_ignored(cache_dir, tmp_path, bad):
    from govkg.store import open_store

    data = write(tmp_path / "x.ttl", "Cache Test AAAAAA")
    old = data.stat().st_mtime - 3600
    os.utime(data, (old, old))
    open_store([data])
    memo_path = cache_dir / "digests.json"
    memo = json.loads(memo_path.read_text())
    memo[os.path.abspath(data)]["sha256"] = bad
    memo_path.write_text(json.dumps(memo))
    assert en_label(open_store([data])) == "Cache Test AAAAAA"


def test_digest_memo_skips_rehash_of_old_files(cache_dir, tmp_path, monkeypatch):
    from govkg import cachedir
    from govkg import store as store_mod

    data = write(tmp_path / "x.ttl", "Cache Test Bureau")
    old = data.stat().st_mtime - 3600
    os.utime(data, (old, old))
    store_mod.open_store([data])
    calls = []
    real = cachedir.hash_file
    monkeypatch.setattr(cachedir, "hash_file", lambda p: calls.append(p) or real(p))
    store_mod.open_store([data])
    assert calls == []  # remembered: the file is not read again


def test_a_warm_start_hashes_nothing(cache_dir, tmp_path, monkeypatch):
    """Digests remembered by stat and the key remembered by those digests: the second
    location of the same (old) files computes no SHA-256 at all; a changed file does."""
    from govkg import cachedir

    files = [write(tmp_path / f"{n}.ttl", f"Cache Test {n}") for n in "ab"]
    for f in files:
        old = f.stat().st_mtime - 3600
        os.utime(f, (old, old))

    def pairs(memo):
        return [(f.name, cachedir.file_digest(f, memo)) for f in files]

    first = cachedir.locate(pairs, "0.0")
    calls = []
    for name in ("hash_file", "content_key"):
        real = getattr(cachedir, name)
        monkeypatch.setattr(cachedir, name, lambda *a, _real=real, _name=name: calls.append(_name) or _real(*a))
    assert cachedir.locate(pairs, "0.0") == first and calls == []
    write(files[0], "Cache Test changed")
    assert cachedir.locate(pairs, "0.0") != first and calls == ["hash_file", "content_key"]


def test_bundled_data_change_invalidates(cache_dir, monkeypatch):
    from govkg import store as store_mod

    key = store_mod.cache_key(store_mod.bundled_sources())
    changed = store_mod.bundled_sources()
    changed[-1] = store_mod.Source(changed[-1].name, changed[-1].data + b"\n# edited\n", changed[-1].format)
    assert store_mod.cache_key(changed) != key


@pytest.mark.parametrize("damage", ["manifest", "garbage-manifest", "wrong-key", "files", "emptied", "swapped"])
def test_corrupt_cache_is_rebuilt(cache_dir, tmp_path, damage):
    from govkg.store import open_store

    data = write(tmp_path / "x.ttl", "Cache Test Bureau")
    store = open_store([data])
    triples = len(store)
    del store
    (path,) = caches(cache_dir)
    manifest = path / "govkg-manifest.json"
    if damage == "manifest":
        manifest.unlink()
    elif damage == "garbage-manifest":
        manifest.write_text("{not json")
    elif damage == "wrong-key":
        content = json.loads(manifest.read_text())
        content["key"] = "0" * 32
        manifest.write_text(json.dumps(content))
    elif damage == "files":
        for item in path.iterdir():
            if item.name != "govkg-manifest.json" and item.is_file():
                item.write_bytes(b"\0garbage" * 64)
    elif damage == "emptied":
        for item in path.iterdir():
            if item.name != "govkg-manifest.json":
                shutil.rmtree(item) if item.is_dir() else item.unlink()
    elif damage == "swapped":  # a sound store of other content under the right manifest:
        import pyoxigraph as ox  # only the probe triple tells

        other = tmp_path / "other"
        store = ox.Store(str(other))
        store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("c")))
        store.flush()
        del store
        kept = manifest.read_bytes()
        shutil.rmtree(path)
        shutil.copytree(other, path)
        manifest.write_bytes(kept)
    rebuilt = open_store([data])
    assert len(rebuilt) == triples
    assert en_label(rebuilt) == "Cache Test Bureau"


def _open_and_count(args):
    root, data = args
    os.environ["GOVKG_CACHE_DIR"] = root
    from govkg.store import open_store

    store = open_store([data])
    return len(store), en_label(store)


def test_concurrent_first_runs(cache_dir, tmp_path):
    data = str(write(tmp_path / "x.ttl", "Cache Test Bureau"))
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.map(_open_and_count, [(str(cache_dir), data)] * 4)
    assert len(set(results)) == 1 and results[0][1] == "Cache Test Bureau"
    assert len(caches(cache_dir)) == 1
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".") and p.is_dir()]


def test_no_cache_variable_writes_nothing(tmp_path, monkeypatch):
    from govkg.store import open_store

    data = write(tmp_path / "x.ttl", "Cache Test Bureau")
    monkeypatch.setenv("GOVKG_NO_CACHE", "1")
    monkeypatch.setenv("GOVKG_CACHE_DIR", str(tmp_path / "never"))
    assert en_label(open_store([data])) == "Cache Test Bureau"
    assert not (tmp_path / "never").exists()


@pytest.mark.parametrize("damage", ["file", "dangling-link", "lock-is-directory", "digests-is-directory",
                                    "cache-is-file"])
def test_unusable_cache_root_still_answers(tmp_path, monkeypatch, damage):
    """The cache folder replaced by a file or a dangling link, a lock or digests.json that is a
    directory, a file where a cache should be: the answer comes (from memory or a rebuilt
    cache), nothing is left half-written, no traceback."""
    from govkg.store import cache_key, bundled_sources, open_store, user_sources

    monkeypatch.delenv("GOVKG_NO_CACHE", raising=False)
    data = write(tmp_path / "x.ttl", "Cache Test Bureau")
    root = tmp_path / "cache"
    key = cache_key(bundled_sources() + user_sources([data]))
    if damage == "file":
        root.write_text("not a folder")
    elif damage == "dangling-link":
        root.symlink_to(tmp_path / "nowhere")
    else:
        root.mkdir()
        target = {"lock-is-directory": f"{key}.lock", "digests-is-directory": "digests.json",
                  "cache-is-file": key}[damage]
        if damage == "cache-is-file":
            (root / target).write_text("junk")
        else:
            (root / target).mkdir()
    monkeypatch.setenv("GOVKG_CACHE_DIR", str(root))
    assert en_label(open_store([data])) == "Cache Test Bureau"
    if root.is_dir() and not root.is_symlink():
        assert not [p for p in root.iterdir() if p.name.startswith(".")]  # no temporary left
    if damage == "file":
        assert root.read_text() == "not a folder"


def test_bad_user_file_names_it(cache_dir, tmp_path):
    from govkg.errors import InputError
    from govkg.store import open_store

    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl.*line 1"):
        open_store([bad])
    with pytest.raises(InputError, match="no such file"):
        open_store([tmp_path / "missing.ttl"])
    assert not caches(cache_dir)  # nothing half-built is left behind
