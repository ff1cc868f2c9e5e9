"""Words that mean the same: curated synonym groups applied when the index is built.

The groups live in ``data/search_synonyms.tsv`` (one group a line, its words, its language and
the basis for saying they are equivalent — general usage of the field, never one question's
wording). When a duty's label, alias or text contains any word of a group, the other words are
added to its ``synonym`` field, so a user who types 物价 finds the duties the source words with
价格. Expanding the documents (not the query) keeps the query path light and the ranking the
same on the embedded store and on an endpoint.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib.resources import files

from govkg.search.text import fold

SYNONYMS_FILE = "search_synonyms.tsv"
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


@dataclass
class Thesaurus:
    groups: list[list[str]]

    def __post_init__(self):
        self._member = {w: i for i, g in enumerate(self.groups) for w in g}
        words = sorted(self._member, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(w) for w in words)) if words else None

    def expansions(self, texts: list[str]) -> list[str]:
        """The words of every group that one of ``texts`` mentions, minus the words already there."""
        if self._pattern is None:
            return []
        found: set[int] = set()
        folded = [_join_cjk(fold(t)) for t in texts]
        for text in folded:
            for m in self._pattern.finditer(text):
                word = m.group(0)
                if word.isascii() and not _whole_word(text, m.start(), m.end()):
                    continue
                found.add(self._member[word])
        seen = " ".join(folded)
        return [w for i in sorted(found) for w in self.groups[i] if w not in seen]


def _join_cjk(text: str) -> str:
    """Folded text with the spaces between Chinese characters removed (粮食、棉花 -> 粮食棉花)."""
    return _CJK_SPACE.sub("", text)


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def synonyms_text() -> str:
    return (files("govkg.data") / SYNONYMS_FILE).read_text(encoding="utf-8")


def load() -> Thesaurus:
    """The curated groups shipped with govkg (folded like every other text)."""
    text = synonyms_text()
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    groups = []
    for row in csv.DictReader(lines, delimiter="\t"):
        words = list(dict.fromkeys(_join_cjk(fold(w)) for w in row["words"].split("|") if w.strip()))
        if len(words) > 1:
            groups.append(words)
    return Thesaurus(groups)
