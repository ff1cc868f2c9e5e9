"""Finding duties by text: the one place that decides which duties match a query, and in what order.

``find_duties`` and ``normalise_query`` are the interface the rest of govkg uses; how they
rank is an implementation detail of this package.
"""

from govkg.search.matcher import DutyText, find_duties, normalise_query

__all__ = ["DutyText", "find_duties", "normalise_query"]
