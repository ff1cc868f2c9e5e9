"""Words that mean the same: curated synonym groups applied when the index is built.

The groups are data in the graph: the concepts of ``domain:search-terms`` (data/search_terms.ttl,
generated from ``govkg.authoring.tables.search_terms``, each with the basis for the
equivalence as its skos:note — general usage of the field, never one question's wording),
read by :func:`govkg.search.documents.read_synonym_groups`. When a duty's label, alias or text
contains any word of a group, the other words are added to its ``synonym`` field, so a user
who types 物价 finds the duties the source words with 价格. The groups are also kept in the
index, so a query word can be rewritten into the other words of its group
(:meth:`govkg.search.engine.Engine.search`): 药价 meets a duty worded 药品和医疗服务价格, which
holds no word of the group as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkg.search.text import fold, join_cjk, whole_word


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
        folded = [join_cjk(fold(t)) for t in texts]
        for text in folded:
            for m in self._pattern.finditer(text):
                word = m.group(0)
                if word.isascii() and not whole_word(text, m.start(), m.end()):
                    continue
                found.add(self._member[word])
        seen = " ".join(folded)
        return [w for i in sorted(found) for w in self.groups[i] if w not in seen]


def from_groups(groups) -> Thesaurus:
    """A thesaurus of these word groups, folded like every other text (groups left with one
    word after folding are dropped)."""
    folded = []
    for group in groups:
        words = list(dict.fromkeys(join_cjk(fold(w)) for w in group if w.strip()))
        if len(words) > 1:
            folded.append(words)
    return Thesaurus(folded)


def load(backend) -> Thesaurus:
    """The backend's synonym groups (the concepts of ``domain:search-terms``)."""
    from govkg.search.documents import read_synonym_groups

    return from_groups(read_synonym_groups(backend))
