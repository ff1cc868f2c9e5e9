"""One colour per reorganisation, the same in every picture (Sankey, network view, timeline).

A reorganisation's colour is fixed by its place among the reorganisations the graph records
transfers for (in date order), not by which of them a picture happens to show: 2018 is the
same purple in `viz transfers --year 2018` as in the full timeline.
"""

from __future__ import annotations

PALETTE = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
#: Transfers that name no reorganisation (only a date).
UNNAMED = "#7f7f7f"


def event_colour(s, event: str | None) -> str:
    """The colour of ``event`` (a CURIE; None or "" for a transfer that names none)."""
    if not event:
        return UNNAMED
    with_transfers = {t["event"] for t in s.transfers if t.get("event")}
    order = sorted(with_transfers, key=lambda e: (s.events.get(e, {}).get("date") or "", e))
    if event not in order:
        return UNNAMED
    return PALETTE[order.index(event) % len(PALETTE)]
