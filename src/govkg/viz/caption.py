"""What every picture says about itself: its sources and the date it was drawn.

One place for the caption line ("来源 Source: … · 绘制 drawn 2026-12-01"), so that every picture a
reader screenshots still says where the data came from.
"""

from __future__ import annotations

from govkg.dates import today

Q_DOCUMENTS = """
SELECT ?passage ?doc ?label WHERE {
  ?passage gk:inDocument ?doc .
  OPTIONAL { ?doc skos:prefLabel ?label }
}
"""


def documents(backend, passages: set[str] | None = None) -> list[dict]:
    """The source documents of ``passages`` (CURIEs; None: every passage), as {id, zh, en}."""
    from govkg.analysis.graphs import curie

    found: dict[str, dict] = {}
    for row in backend.select(Q_DOCUMENTS):
        if passages is not None and curie(row["passage"].value) not in passages:
            continue
        doc = found.setdefault(curie(row["doc"].value), {"id": curie(row["doc"].value), "zh": None, "en": None})
        label = row.get("label")
        if label is not None and label.lang in ("zh", "en") and doc[label.lang] is None:
            doc[label.lang] = label.value
    return sorted(found.values(), key=lambda d: d["id"])


def caption(backend, passages: set[str] | None = None) -> dict:
    """``{"zh", "en", "documents", "drawn"}``: the sources of what is drawn and today's date."""
    docs = documents(backend, passages)
    drawn = today()
    zh = "；".join(d["zh"] or d["en"] or d["id"] for d in docs) or "govkg 知识图谱"
    en = "; ".join(d["en"] or d["zh"] or d["id"] for d in docs) or "the govkg knowledge graph"
    return {"zh": f"来源：{zh}。绘制于 {drawn}（govkg）",
            "en": f"Source: {en}. Drawn {drawn} with govkg.",
            "documents": docs, "drawn": drawn}
