"""Finding duties by text: the one place that decides which duties match a query, and in what order.

:func:`rank` is the engine of ``govkg who`` (BM25 over an FTS5 index, :mod:`govkg.search.engine`);
:mod:`govkg.search.matcher` is the substring-and-bigram matcher it replaced, kept so
``bench/search_eval.py`` can compare the two.
"""

from __future__ import annotations

from govkg.search.engine import ANSWER_COVERAGE, Hit
from govkg.search.text import fold

__all__ = ["ANSWER_COVERAGE", "Hit", "fold", "normalise_query", "rank"]


def rank(backend, text: str, limit: int) -> list[Hit]:
    """The ``limit`` duties that best match ``text``, best first (same on every backend)."""
    from govkg.search.cache import search_engine

    return search_engine(backend).search(text, limit)


def normalise_query(text: str) -> str:
    """The query as it is matched: folded (NFKC, simplified, lower case, no punctuation)."""
    return fold(text)
