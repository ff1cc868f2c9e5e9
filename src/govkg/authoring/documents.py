"""The source documents the tables quote, and how a reader names a line of each (its locator).

The documents are shipped in the package (``govkg.data`` → ``data/sources/``), so ``govkg
source`` can open a citation on any machine and the builder checks quotes against the very
text a user reads.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from govkg.authoring.builder import Document

MAIN = "doc-5877207f"
MAIN_FILE = "000_5877207f3088a5d6.txt"
CN_NUM = "一二三四五六七八九十"


def sources_dir() -> Path:
    """``data/sources/`` of the installed package (or of the checkout, for an editable install)."""
    return Path(str(files("govkg.data"))) / "sources"


def cn(n: int) -> str:
    """1 -> 一, 12 -> 十二, 21 -> 二十一 (article numbers)."""
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + CN_NUM[n - 11]
    t, u = divmod(n, 10)
    return CN_NUM[t - 1] + "十" + (CN_NUM[u - 1] if u else "")


class MainStructure:
    """Where the FAQ questions (lines 297–823) and Order No. 102's articles (825–897) begin."""

    def __init__(self, lines: list[str]):
        self.faq_head: dict[int, tuple[int, str]] = {}  # question number -> (line, title)
        for i in range(297, 824):
            m = re.match(r"^\s*(\d{1,3})\s*[.．]\s*(.*)$", lines[i - 1])
            if m:
                self.faq_head[int(m.group(1))] = (i, m.group(2).strip())
        self.art_line: dict[str, int] = {}  # 一 … 二十一 -> line
        self.art_of_line: dict[int, str | None] = {}
        cur = None
        for i in range(825, 898):
            m = re.match(r"^\s*第([一二三四五六七八九十]+)条", lines[i - 1])
            if m:
                cur = m.group(1)
                self.art_line[cur] = i
            self.art_of_line[i] = cur

    def locator(self, n: int) -> str:
        if 825 <= n <= 897:
            a = self.art_of_line.get(n)
            return f"第{a}条" if a else f"line {n}"
        if 299 <= n <= 823:
            q = max((k for k, (ln, _) in self.faq_head.items() if ln <= n), default=None)
            return f"FAQ {q}" if q else f"line {n}"
        return f"line {n}"


@lru_cache(maxsize=1)
def main_document() -> Document:
    doc = Document(MAIN, path=sources_dir() / MAIN_FILE, id_prefix="L")
    structure = MainStructure(doc.lines)
    doc.locator = structure.locator
    doc.structure = structure  # type: ignore[attr-defined]
    return doc


REFERENCE = "doc-govkg-reference"
REFERENCE_FILE = "reference.md"


@lru_cache(maxsize=1)
def reference_document() -> Document:
    """The project's reference notes; a line is located as "§n, line m" (its section)."""
    doc = Document(REFERENCE, path=sources_dir() / REFERENCE_FILE, id_prefix="ref-L")
    section_of: dict[int, str] = {}
    current = None
    for n, text in enumerate(doc.lines, 1):
        m = re.match(r"^## (§\d+)", text)
        if m:
            current = m.group(1)
        section_of[n] = current
    doc.locator = lambda n: f"{section_of[n]}, line {n}" if section_of.get(n) else f"line {n}"
    return doc


def documents() -> list[Document]:
    """Every document the bundled tables cite."""
    return [main_document(), reference_document()]
