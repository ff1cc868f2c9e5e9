"""Plans (规划) read back from the graph: outline, tasks with their bodies, platforms, targets.

What ``govkg plan`` prints and the plan picture draws. Everything reads through a
:class:`govkg.sparql.Backend` (embedded store or endpoint); the plan is bound as a value, never
pasted into the query. Where the source is silent the result says so (``"not named"``,
``"not stated"``) and where it lost text the result carries the ``gap`` the data records.
"""

from __future__ import annotations

from govkg.errors import InputError
from govkg.labels import Graph
from govkg.search import normalise_query
from govkg.namespaces import expand_curie
from govkg.sparql import Backend, iri

GK = "https://w3id.org/govkg/def#"
NOT_NAMED = "not named in the plan"
NOT_STATED = "not stated in the source"

PLANS = """
SELECT ?plan ?zh ?en WHERE {
  ?plan a gk:Plan .
  OPTIONAL { ?plan skos:prefLabel ?zh FILTER (LANG(?zh) = "zh") }
  OPTIONAL { ?plan skos:prefLabel ?en FILTER (LANG(?en) = "en") }
  FILTER EXISTS { ?part gk:provisionOf ?plan }
} ORDER BY ?plan
"""

PLAN_FACTS = """
SELECT ?period ?gap WHERE {
  OPTIONAL { ?plan dcterms:temporal ?period }
  OPTIONAL { ?plan gk:sourceGap ?gap FILTER (LANG(?gap) = "en") }
}
"""

PARTS = """
SELECT ?part ?parent ?kind ?notation ?zh ?en ?line ?gap ?year WHERE {
  ?part gk:provisionOf ?plan ; eli:is_part_of ?parent .
  OPTIONAL { ?part dcterms:type ?kind }
  OPTIONAL { ?part skos:notation ?notation }
  OPTIONAL { ?part skos:prefLabel ?zh FILTER (LANG(?zh) = "zh") }
  OPTIONAL { ?part skos:prefLabel ?en FILTER (LANG(?en) = "en") }
  OPTIONAL { ?part gk:source/gk:line ?line }
  OPTIONAL { ?part gk:sourceGap ?gap FILTER (LANG(?gap) = "en") }
  OPTIONAL { ?part gk:year ?year }
}
"""

TASKS = """
SELECT ?task ?part ?zh ?en ?key ?line ?holder ?start ?end ?notNamed ?broader WHERE {
  ?part gk:provisionOf ?plan .
  ?task a gk:PlanTask ; gk:legalBasis ?part .
  BIND (EXISTS { ?task a gk:KeyProject } AS ?key)
  OPTIONAL { ?task skos:prefLabel ?zh FILTER (LANG(?zh) = "zh") }
  OPTIONAL { ?task skos:prefLabel ?en FILTER (LANG(?en) = "en") }
  OPTIONAL { ?task gk:source/gk:line ?line }
  OPTIONAL { ?a a gk:DutyAssignment ; gk:duty ?task ; gk:holder ?holder .
             OPTIONAL { ?a gk:startDate ?start } OPTIONAL { ?a gk:endDate ?end } }
  BIND (EXISTS { ?task gk:notStated gk:holder } AS ?notNamed)
  OPTIONAL { ?task gk:partOfDuty ?broader }
}
"""

TASK_PLATFORMS = """
SELECT ?task ?platform WHERE {
  ?part gk:provisionOf ?plan . ?task a gk:PlanTask ; gk:legalBasis ?part ; gk:platform ?platform .
}
"""

PLATFORMS = """
SELECT ?platform ?zh ?en ?level ?line WHERE {
  ?platform a gk:Platform .
  OPTIONAL { ?platform skos:prefLabel ?zh FILTER (LANG(?zh) = "zh") }
  OPTIONAL { ?platform skos:prefLabel ?en FILTER (LANG(?en) = "en") }
  OPTIONAL { ?platform gk:level/skos:prefLabel ?level FILTER (LANG(?level) = "en") }
  OPTIONAL { ?platform gk:source/gk:line ?line }
}
"""

TARGETS = """
SELECT ?x ?zh ?en ?value ?unit ?year ?qualifier ?indicator ?noBaseline ?line ?quote
       ?b ?bvalue ?bunit ?byear ?bqualifier ?bline ?bquote WHERE {
  ?x a gk:Target ; gk:legalBasis/gk:provisionOf ?plan ;
     rdf:value ?value ; gk:year ?year ; qudt:unit/skos:prefLabel ?unit .
  FILTER (LANG(?unit) = "zh")
  OPTIONAL { ?x skos:prefLabel ?zh FILTER (LANG(?zh) = "zh") }
  OPTIONAL { ?x skos:prefLabel ?en FILTER (LANG(?en) = "en") }
  OPTIONAL { ?x gk:valueQualifier/skos:prefLabel ?qualifier FILTER (LANG(?qualifier) = "en") }
  OPTIONAL { ?x gk:indicator ?indicator }
  BIND (EXISTS { ?x gk:notStated gk:baseline } AS ?noBaseline)
  OPTIONAL { ?x gk:source ?p . ?p gk:line ?line ; gk:quote ?quote }
  OPTIONAL { ?x gk:baseline ?b . ?b rdf:value ?bvalue ; gk:year ?byear ; qudt:unit/skos:prefLabel ?bunit .
             FILTER (LANG(?bunit) = "zh")
             OPTIONAL { ?b gk:valueQualifier/skos:prefLabel ?bqualifier FILTER (LANG(?bqualifier) = "en") }
             OPTIONAL { ?b gk:source ?bp . ?bp gk:line ?bline ; gk:quote ?bquote } }
}
"""

MEASUREMENTS = """
SELECT ?x ?zh ?en ?value ?unit ?year ?qualifier ?platform ?line ?quote WHERE {
  # the plan's documents first, once (a join per part, or FILTER EXISTS, took seconds)
  { SELECT DISTINCT ?plan ?doc WHERE { ?part gk:provisionOf ?plan ; gk:source/gk:inDocument ?doc } }
  ?x a gk:Measurement ; rdf:value ?value ; gk:year ?year ; qudt:unit/skos:prefLabel ?unit .
  FILTER (LANG(?unit) = "zh")
  ?x gk:source ?p . ?p gk:line ?line ; gk:quote ?quote ; gk:inDocument ?doc .
  OPTIONAL { ?x skos:prefLabel ?zh FILTER (LANG(?zh) = "zh") }
  OPTIONAL { ?x skos:prefLabel ?en FILTER (LANG(?en) = "en") }
  OPTIONAL { ?x gk:valueQualifier/skos:prefLabel ?qualifier FILTER (LANG(?qualifier) = "en") }
  OPTIONAL { ?x gk:platform ?platform }
}
"""

INDICATORS = """
SELECT ?x ?notation ?zh ?en ?unit ?gap ?line WHERE {
  ?x a gk:Indicator ; skos:inScheme ?table ; qudt:unit/skos:prefLabel ?unit .
  ?table gk:legalBasis/gk:provisionOf ?plan .
  FILTER (LANG(?unit) = "zh")
  OPTIONAL { ?x skos:notation ?notation }
  OPTIONAL { ?x skos:prefLabel ?zh FILTER (LANG(?zh) = "zh") }
  OPTIONAL { ?x skos:prefLabel ?en FILTER (LANG(?en) = "en") }
  OPTIONAL { ?x gk:sourceGap ?gap FILTER (LANG(?gap) = "en") }
  OPTIONAL { ?x gk:source/gk:line ?line }
}
"""


def _v(row, name, default=None):
    return row[name].value if name in row else default


def _num(text: str) -> int | float | str:
    """A decimal literal as a JSON number when it is one exactly (100.0 -> 100, 1.33 stays)."""
    try:
        f = float(text)
    except ValueError:
        return text
    return int(f) if f == int(f) else f


def list_plans(backend: Backend) -> list[dict]:
    """Every plan in the graph that has parts: IRI and labels."""
    return [{"iri": r["plan"].value, "label_zh": _v(r, "zh"), "label_en": _v(r, "en")}
            for r in backend.select(PLANS)]


def choose_plan(backend: Backend, name: str | None) -> str:
    """The IRI of the plan ``name`` (label, CURIE or IRI); the only plan when ``name`` is None."""
    plans = list_plans(backend)
    if not plans:
        raise InputError("the graph holds no plan with parts (gk:Plan with gk:provisionOf parts)")
    if name is None:
        if len(plans) > 1:
            raise InputError("several plans: name one of " + ", ".join(p["label_zh"] or p["iri"] for p in plans))
        return plans[0]["iri"]
    wanted = expand_curie(name) or name
    exact = [p["iri"] for p in plans if wanted in (p["iri"], p["label_zh"], p["label_en"])]
    if exact:
        return exact[0]
    query = normalise_query(name)  # '' for punctuation or nothing: it names no plan, not every plan
    partial = [p["iri"] for p in plans
               if query and any(query in (lab or "").lower() for lab in (p["label_zh"], p["label_en"]))]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise InputError(f"{name}: ambiguous, it names {len(partial)} plans: " + ", ".join(partial))
    raise InputError(f"{name}: no plan with parts has this name (plans: "
                     + ", ".join(p["label_zh"] or p["iri"] for p in plans) + ")")


def plan_report(backend: Backend, name: str | None = None) -> dict:
    """The JSON of ``govkg plan``: the plan, its outline with tasks, platforms, targets, indicators."""
    plan = choose_plan(backend, name)
    bind = {"plan": iri(plan)}
    g = Graph(backend)
    facts = backend.select(PLAN_FACTS, bind)
    head = {**g.ref(plan), "period": next((_v(r, "period") for r in facts if "period" in r), None),
            "gaps": sorted({_v(r, "gap") for r in facts if "gap" in r})}

    parts: dict[str, dict] = {}
    for r in backend.select(PARTS, bind):
        p = parts.setdefault(r["part"].value, {
            "iri": r["part"].value, "parent": r["parent"].value, "kind": _v(r, "kind", "").rsplit("part-", 1)[-1],
            "notation": _v(r, "notation"), "label_zh": _v(r, "zh"), "label_en": _v(r, "en"),
            "line": None, "gap": _v(r, "gap"), "year": _v(r, "year"), "tasks": [], "parts": []})
        if "line" in r:
            line = int(r["line"].value)
            p["line"] = line if p["line"] is None else min(p["line"], line)

    platforms_of: dict[str, list[str]] = {}
    for r in backend.select(TASK_PLATFORMS, bind):
        platforms_of.setdefault(r["task"].value, []).append(r["platform"].value)
    tasks: dict[str, dict] = {}
    for r in backend.select(TASKS, bind):
        t = tasks.setdefault(r["task"].value, {
            "iri": r["task"].value, "part": r["part"].value, "label_zh": _v(r, "zh"), "label_en": _v(r, "en"),
            "key_project": _v(r, "key") == "true", "line": int(_v(r, "line")) if "line" in r else None,
            "part_of": _v(r, "broader"), "bodies": [],
            "platforms": sorted(set(platforms_of.get(r["task"].value, [])))})
        if "holder" in r:
            body = {"iri": r["holder"].value, "from": _v(r, "start"), "to": _v(r, "end")}
            if body not in t["bodies"]:
                t["bodies"].append(body)
        if _v(r, "notNamed") == "true":
            t["responsible"] = NOT_NAMED
    g.labels({b["iri"] for t in tasks.values() for b in t["bodies"]})
    for t in tasks.values():
        t["bodies"] = sorted(({**g.ref(b["iri"]), "from": b["from"], "to": b["to"]} for b in t["bodies"]),
                             key=lambda b: b["iri"])
        t.setdefault("responsible", "named" if t["bodies"] else NOT_NAMED)

    platforms = {}
    for r in backend.select(PLATFORMS):
        p = platforms.setdefault(r["platform"].value, {
            "iri": r["platform"].value, "label_zh": _v(r, "zh"), "label_en": _v(r, "en"), "level": _v(r, "level"),
            "line": None, "tasks": []})
        if "line" in r:
            line = int(r["line"].value)
            p["line"] = line if p["line"] is None else min(p["line"], line)
    for t in tasks.values():
        for pl in t["platforms"]:
            if pl in platforms:
                platforms[pl]["tasks"].append(t["iri"])
    for p in platforms.values():
        concerned = [tasks[i] for i in sorted(p["tasks"])]
        p["tasks"] = [{"iri": t["iri"], "label_zh": t["label_zh"], "responsible": t["responsible"],
                       "bodies": t["bodies"]} for t in concerned]
        p["bodies"] = sorted({b["label_zh"] for t in concerned for b in t["bodies"]}) or [NOT_NAMED]

    for t in sorted(tasks.values(), key=lambda t: (t["line"] or 0, t["iri"])):
        if t["part"] in parts:
            parts[t["part"]]["tasks"].append(t)
    roots = []
    for p in sorted(parts.values(), key=lambda p: (listed_only(p), p["line"] or 0, p["iri"])):
        parent = parts.get(p["parent"])
        (parent["parts"] if parent else roots).append(p)

    targets: dict[str, dict] = {}
    for r in backend.select(TARGETS, bind):
        if r["x"].value in targets:
            continue
        targets[r["x"].value] = {
            "iri": r["x"].value, "label_zh": _v(r, "zh"), "label_en": _v(r, "en"),
            "baseline": ({"iri": r["b"].value, "value": _num(r["bvalue"].value), "qualifier": _v(r, "bqualifier"),
                          "year": int(r["byear"].value[:4]), "unit": _v(r, "bunit"),
                          "line": int(_v(r, "bline")) if "bline" in r else None, "quote": _v(r, "bquote")}
                         if "b" in r else None),
            "baseline_note": NOT_STATED if _v(r, "noBaseline") == "true" else None,
            "target": {"value": _num(r["value"].value), "qualifier": _v(r, "qualifier"), "year": int(r["year"].value[:4]),
                       "unit": _v(r, "unit"), "line": int(_v(r, "line")) if "line" in r else None, "quote": _v(r, "quote")},
            "indicator": _v(r, "indicator")}
    targets = sorted(targets.values(), key=lambda t: (t["target"]["line"] or 0, t["iri"]))

    indicators = []
    with_targets = {t["indicator"] for t in targets if t["indicator"]}
    for r in backend.select(INDICATORS, bind):
        indicators.append({"iri": r["x"].value, "notation": _v(r, "notation"), "label_zh": _v(r, "zh"),
                           "label_en": _v(r, "en"), "unit": _v(r, "unit"), "line": int(_v(r, "line", 0)),
                           "values": "lost by the scraper (gk:sourceGap)" if "gap" in r else None,
                           "target_from_text": r["x"].value in with_targets})
    indicators.sort(key=lambda i: (i["line"], i["iri"]))
    figures_2020 = []
    for r in backend.select(MEASUREMENTS, bind):
        if r["x"].value in {f["iri"] for f in figures_2020}:
            continue
        figures_2020.append({"iri": r["x"].value, "label_zh": _v(r, "zh"), "label_en": _v(r, "en"),
                             "value": _num(r["value"].value), "qualifier": _v(r, "qualifier"), "unit": _v(r, "unit"),
                             "year": int(r["year"].value[:4]), "platform": _v(r, "platform"),
                             "line": int(r["line"].value), "quote": r["quote"].value})
    figures_2020.sort(key=lambda f: (f["line"], f["iri"]))
    return {"plan": head, "outline": roots, "targets": targets, "indicators": indicators,
            "figures": figures_2020, "platforms": sorted(platforms.values(), key=lambda p: (p["line"] or 0, p["iri"])),
            "counts": {"parts": len(parts), "tasks": len(tasks),
                       "key_projects": sum(1 for t in tasks.values() if t["key_project"]),
                       "tasks_with_named_body": sum(1 for t in tasks.values() if t["bodies"]),
                       "platforms": len(platforms), "targets": len(targets), "indicators": len(indicators),
                       "missing_parts": sum(1 for p in parts.values() if p["gap"])}}


def listed_only(part: dict) -> bool:
    """A part the source only lists in its table of contents (its text is missing): such parts
    are cited by their contents line, so they go after the parts whose text survives."""
    return bool(part["gap"]) and "table of contents" in part["gap"] and not part["tasks"]


def value_text(v: dict | None) -> str:
    """'≥ 95 %', '1518 个', '> 170 亿条': a figure as a reader says it."""
    if not v:
        return ""
    sign = {"at least": "≥ ", "more than": "> ", "nearly": "≈< ", "about": "≈ "}.get(v.get("qualifier") or "", "")
    return f"{sign}{v['value']} {v['unit']}"
