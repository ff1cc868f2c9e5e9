"""What can make OpenCC's ``tw2sp`` conversion change a text, so a text it cannot change skips it.

Why: loading OpenCC and its dictionaries costs ≈ 10 ms, paid by every ``govkg who`` in
Chinese, although most queries are already mainland simplified and come back unchanged.

What is exact about it: OpenCC changes a text only by replacing a dictionary key found in it
with a value that differs from the key (normalisation, then each stage of the conversion
chain; a stage that changes nothing hands the same text to the next). So a text that contains
none of the *changing keys* of any dictionary of the configuration is returned unchanged. The
table keeps them small: every changing single character, plus the longer changing keys that
contain no changing character and no shorter changing key (a text holding such a key holds
what covers it). The table is read from the installed OpenCC's own dictionaries (its
``opencc_dict`` tool dumps them as text) when the search index is built, stored in the index,
and used only while the installed OpenCC is still the one it was read from (same package
location, same size and time of its configuration and dictionary files); otherwise, or when
any of that cannot be read, every text is converted as before.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

from govkg.installed import package_origin

#: the OpenCC configuration govkg converts with (Taiwan and traditional -> mainland phrasing)
CONFIG = "tw2sp"


class Triggers:
    """The changing keys of one OpenCC installation (see the module doc)."""

    #: texts up to this long are looked up character by character in the string of changing
    #: characters (no set of 5,000 characters built for a query of ten)
    SHORT = 32

    def __init__(self, chars: str, keys: list[str]):
        self.chars = chars
        self._char_set: frozenset[str] | None = None
        self.keys = frozenset(keys)
        self.lengths = sorted({len(k) for k in self.keys})

    def may_change(self, text: str) -> bool:
        """False only when OpenCC certainly returns ``text`` unchanged."""
        if len(text) <= self.SHORT:
            if any(ch in self.chars for ch in text):
                return True
        else:
            if self._char_set is None:
                self._char_set = frozenset(self.chars)
            if not self._char_set.isdisjoint(text):
                return True
        return any(text[i:i + n] in self.keys for n in self.lengths for i in range(len(text) - n + 1))


@lru_cache(maxsize=1)
def read_installed() -> dict | None:
    """The installed OpenCC's table as stored in an index ({"chars", "keys", "stamp"}), or None
    when its dictionaries cannot be read as expected (then nothing is ever skipped). Read once
    per process: every index built in it (in memory too) stores the same table."""
    import subprocess
    import tempfile

    origin = package_origin("opencc")
    if origin is None:
        return None
    root = os.path.dirname(origin)
    share, tool = os.path.join(root, "clib", "share", "opencc"), os.path.join(root, "clib", "bin", "opencc_dict")
    config = os.path.join(share, f"{CONFIG}.json")
    try:
        with open(config, encoding="utf-8") as handle:
            files = _dictionary_files(json.load(handle))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if files is None or not os.access(tool, os.X_OK):
        return None
    changing: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="govkg-opencc-") as work:
        for name in files:
            dump = os.path.join(work, name + ".txt")
            done = subprocess.run([tool, "-i", os.path.join(share, name), "-o", dump, "-f", "ocd2", "-t", "text"],
                                  capture_output=True, timeout=60)
            if done.returncode != 0:
                return None
            with open(dump, encoding="utf-8") as handle:
                for line in handle:
                    key, _, values = line.rstrip("\n").partition("\t")
                    if key and values and values.split(" ")[0] != key:
                        changing.add(key)
    chars = {k for k in changing if len(k) == 1}
    longer = sorted((k for k in changing if len(k) > 1 and chars.isdisjoint(k)), key=len)
    keys: list[str] = []
    for key in longer:  # shortest first: a key holding a kept key is covered by it
        if not any(k in key for k in keys):
            keys.append(key)
    return {"chars": "".join(sorted(chars)), "keys": keys,
            "stamp": stamp(origin, [config] + [os.path.join(share, n) for n in files])}


def _dictionary_files(config: dict) -> list[str] | None:
    """The dictionary files of the normalisation and conversion stages (None for a dictionary
    type this reader does not know: then nothing is skipped)."""
    found: list[str] = []

    def walk(d: dict) -> bool:
        if d.get("type") == "group":
            return all(walk(x) for x in d["dicts"])
        if d.get("type") != "ocd2":
            return False
        found.append(d["file"])
        return True

    stages = list(config.get("normalization", [])) + list(config["conversion_chain"])
    return found if all(walk(stage["dict"]) for stage in stages) else None


def stamp(origin: str, files: list[str]) -> list:
    """Where OpenCC is imported from, and the size and modification time of its files."""
    out: list = [origin]
    for path in files:
        st = os.stat(path)
        out.append([path, st.st_size, st.st_mtime_ns])
    return out


def still_valid(stored: dict) -> bool:
    """Whether a stored table still describes the OpenCC this process would load."""
    try:
        origin, *files = stored["stamp"]
        return origin == package_origin("opencc") and stamp(origin, [f[0] for f in files]) == stored["stamp"]
    except (OSError, KeyError, TypeError, ValueError):
        return False
