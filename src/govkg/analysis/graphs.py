"""networkx graphs derived from the RDF graph, one function per graph.

Every function takes a :class:`govkg.sparql.Backend` (embedded store or remote endpoint) and
returns a networkx graph whose nodes are CURIEs (``inst:ndrc``, ``dept:ndrc-price``,
``duty:…``) carrying plain attributes (``zh``, ``en`` labels, dates as ISO strings, …), so the
graphs can be used from Python directly::

    from govkg.sparql import open_backend
    from govkg.analysis import graphs
    g = graphs.transfer_network(open_backend(), year=2018)
    g["inst:ndrc"]["inst:mee"]            # {event key: edge data with weight and duties}

The RDF graph is read once per backend by a handful of SELECT queries (:func:`snapshot`);
the functions then only rearrange that snapshot.

Conventions (the model's, see ontology/govkg.ttl):
  * an assignment without start date is held since before the records; without end date it is
    still held; a body holds a duty on day D when ``start <= D < end``;
  * an institution exists on day D when ``foundingDate <= D < dissolutionDate`` (missing dates
    do not exclude it);
  * *roll-up*: a department (``org:unitOf``) counts as its institution in the transfer network;
    the department that actually gave a duty stays on the duty's record (``from``).
"""

from __future__ import annotations

import re
import weakref
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from govkg.dates import today
from govkg.errors import InputError
from govkg.namespaces import PREFIXES, expand_curie

GK = PREFIXES["gk"]

# ------------------------------------------------------------------ identifiers and dates

_BY_LENGTH = sorted(((p, ns) for p, ns in PREFIXES.items()), key=lambda item: -len(item[1]))


def curie(iri: str) -> str:
    """``inst:ndrc`` for the NDRC's IRI; the IRI itself when no project prefix fits."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def node_id(text: str) -> str:
    """A body named by CURIE (``inst:ndrc``), full IRI, or bare institution key (``ndrc``)."""
    if re.fullmatch(r"[a-z][a-z0-9-]*", text):
        return f"inst:{text}"
    if text.startswith(("http://", "https://")):
        return curie(text)
    if expand_curie(text):
        return text
    raise InputError(f"not a body name: {text!r} (use a CURIE such as inst:ndrc, or an IRI)")




def held_on(start: str | None, end: str | None, on: str) -> bool:
    """Whether an interval [start, end) (open ends allowed) contains the day ``on``."""
    return (start is None or start <= on) and (end is None or end > on)


# ------------------------------------------------------------------ snapshot of the RDF graph

Q_LABELS = """
SELECT ?s ?label WHERE { ?s skos:prefLabel ?label FILTER(lang(?label) IN ("zh", "en")) }
"""
Q_KINDS = """
SELECT ?s ?kind WHERE {
  VALUES (?class ?kind) { (gk:Institution "institution") (gk:Department "department") (gk:Role "role") }
  ?s a ?class
}
"""
Q_UNITS = "SELECT ?unit ?inst WHERE { ?unit org:unitOf ?inst }"
Q_INSTITUTIONS = """
SELECT ?i ?founding ?dissolution ?managedBy WHERE {
  ?i a gk:Institution .
  OPTIONAL { ?i gk:foundingDate ?founding }
  OPTIONAL { ?i gk:dissolutionDate ?dissolution }
  OPTIONAL { ?i gk:managedBy ?managedBy }
}
"""
Q_NOT_RECORDED = "SELECT ?b ?after WHERE { ?b gk:notRecordedAfter ?after }"
Q_LINEAGE = """
SELECT ?pred ?succ WHERE { { ?succ gk:predecessor ?pred } UNION { ?pred gk:successor ?succ } }
"""
Q_DUTIES = """
SELECT ?d ?text ?co WHERE {
  ?d a gk:Duty .
  OPTIONAL { ?d gk:canonicalText ?text }
  OPTIONAL { ?d gk:coResponsible ?co }
}
"""
Q_DUTY_LINKS = """
SELECT ?d ?p ?o WHERE {
  VALUES ?p { gk:domain gk:partOfDuty }
  ?d a gk:Duty ; ?p ?o
}
"""
Q_SOURCES = """
SELECT ?x ?passage ?locator ?quote WHERE {
  { ?x a gk:Duty } UNION { ?x a gk:DutyTransfer }
  ?x gk:source ?passage .
  OPTIONAL { ?passage gk:locator ?locator }
  OPTIONAL { ?passage gk:quote ?quote }
}
"""
Q_ASSIGNMENTS = """
SELECT ?a ?d ?h ?start ?end WHERE {
  ?a a gk:DutyAssignment ; gk:duty ?d ; gk:holder ?h .
  OPTIONAL { ?a gk:startDate ?start }
  OPTIONAL { ?a gk:endDate ?end }
}
"""
Q_TRANSFERS = """
SELECT ?t ?d ?from ?to ?date ?event WHERE {
  ?t a gk:DutyTransfer ; gk:duty ?d ; gk:transferredFrom ?from ; gk:transferredTo ?to .
  OPTIONAL { ?t gk:date ?date }
  OPTIONAL { ?t gk:partOfReorganisation ?event }
}
"""
Q_EVENTS = """
SELECT ?e ?date ?role ?body WHERE {
  ?e a gk:Reorganisation .
  OPTIONAL { ?e gk:date ?date }
  OPTIONAL {
    VALUES (?p ?role) { (org:originalOrganization "original") (org:resultingOrganization "resulting") }
    ?e ?p ?body
  }
}
"""


@dataclass
class Snapshot:
    """The part of the RDF graph the analyses use, keyed by CURIE."""

    labels: dict = field(default_factory=lambda: defaultdict(dict))   # id -> {"zh":…, "en":…}
    kinds: dict = field(default_factory=dict)                          # body id -> institution|department|role
    unit_of: dict = field(default_factory=dict)                        # department -> institution
    institutions: dict = field(default_factory=dict)                   # id -> {founding, dissolution, managed_by}
    lineage: list = field(default_factory=list)                        # (predecessor, successor)
    duties: dict = field(default_factory=dict)                         # id -> {text, co_responsible, domains, part_of}
    sources: dict = field(default_factory=lambda: defaultdict(list))   # duty/transfer id -> [passages]
    assignments: list = field(default_factory=list)                    # {id, duty, holder, start, end}
    transfers: list = field(default_factory=list)                      # {id, duty, from, to, date, event}
    events: dict = field(default_factory=dict)                         # id -> {date, original, resulting}
    not_recorded: dict = field(default_factory=dict)                   # body -> date after which no source records it

    def label(self, node: str, lang: str = "zh") -> str:
        names = self.labels.get(node, {})
        return names.get(lang) or names.get("en" if lang == "zh" else "zh") or node

    def names(self, node: str) -> dict:
        return {"zh": self.label(node, "zh"), "en": self.label(node, "en")}

    def institution_of(self, body: str) -> str:
        """The institution a department belongs to (roll-up); any other body is itself."""
        seen = set()
        while body in self.unit_of and body not in seen:
            seen.add(body)
            body = self.unit_of[body]
        return body

    def exists_on(self, inst: str, on: str) -> bool:
        info = self.institutions.get(inst, {})
        return held_on(info.get("founding"), info.get("dissolution"), on)

    def duty_record(self, duty: str, passages: list | None = None) -> dict:
        """A duty as plain data: labels, canonical text, domains and source passages."""
        info = self.duties.get(duty, {})
        return {
            "id": duty, **self.names(duty),
            "text": info.get("text") or self.label(duty, "zh"),
            "domains": [{"id": d, **self.names(d)} for d in info.get("domains", [])],
            "co_responsible": bool(info.get("co_responsible")),
            "sources": passages if passages is not None else self.sources.get(duty, []),
        }


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def snapshot(backend) -> Snapshot:
    """Read what the analyses need from ``backend`` (once per backend object)."""
    try:
        return _CACHE[backend]
    except (KeyError, TypeError):
        pass
    snap = _load(backend)
    try:
        _CACHE[backend] = snap
    except TypeError:
        pass
    return snap


def _v(row, key):
    term = row.get(key)
    return None if term is None else term.value


def _load(backend) -> Snapshot:
    s = Snapshot()
    for row in backend.select(Q_LABELS):
        s.labels[curie(row["s"].value)][row["label"].lang] = row["label"].value
    for row in backend.select(Q_KINDS):
        s.kinds.setdefault(curie(row["s"].value), row["kind"].value)
    for row in backend.select(Q_UNITS):
        s.unit_of[curie(row["unit"].value)] = curie(row["inst"].value)
    for row in backend.select(Q_INSTITUTIONS):
        info = s.institutions.setdefault(curie(row["i"].value), {
            "founding": _v(row, "founding"), "dissolution": _v(row, "dissolution"), "managed_by": []})
        if row.get("managedBy") and curie(row["managedBy"].value) not in info["managed_by"]:
            info["managed_by"].append(curie(row["managedBy"].value))
    s.lineage = sorted({(curie(r["pred"].value), curie(r["succ"].value)) for r in backend.select(Q_LINEAGE)})
    for row in backend.select(Q_NOT_RECORDED):
        s.not_recorded[curie(row["b"].value)] = row["after"].value
    for row in backend.select(Q_DUTIES):
        info = s.duties.setdefault(curie(row["d"].value), {"text": None, "co_responsible": False,
                                                           "domains": [], "part_of": []})
        info["text"] = info["text"] or _v(row, "text")
        info["co_responsible"] = info["co_responsible"] or _v(row, "co") in ("true", "1")
    for row in backend.select(Q_DUTY_LINKS):
        info = s.duties.get(curie(row["d"].value))
        if info is None:
            continue
        key = "domains" if row["p"].value == GK + "domain" else "part_of"
        value = curie(row["o"].value)
        if value not in info[key]:
            info[key].append(value)
    for info in s.duties.values():
        info["domains"].sort()
        info["part_of"].sort()
    for row in sorted(backend.select(Q_SOURCES), key=lambda r: (r["x"].value, r["passage"].value)):
        passage = {"id": curie(row["passage"].value), "locator": _v(row, "locator"), "quote": _v(row, "quote")}
        if passage not in s.sources[curie(row["x"].value)]:
            s.sources[curie(row["x"].value)].append(passage)
    s.assignments = sorted(({
        "id": curie(r["a"].value), "duty": curie(r["d"].value), "holder": curie(r["h"].value),
        "start": _v(r, "start"), "end": _v(r, "end")} for r in backend.select(Q_ASSIGNMENTS)),
        key=lambda a: a["id"])
    s.transfers = sorted(({
        "id": curie(r["t"].value), "duty": curie(r["d"].value), "from": curie(r["from"].value),
        "to": curie(r["to"].value), "date": _v(r, "date"),
        "event": curie(r["event"].value) if r.get("event") else None} for r in backend.select(Q_TRANSFERS)),
        key=lambda t: (t["date"] or "", t["id"]))
    for row in backend.select(Q_EVENTS):
        info = s.events.setdefault(curie(row["e"].value), {"date": _v(row, "date"), "original": [], "resulting": []})
        if row.get("body"):
            body = curie(row["body"].value)
            if body not in info[row["role"].value]:
                info[row["role"].value].append(body)
    for info in s.events.values():
        info["original"].sort()
        info["resulting"].sort()
    for t in s.transfers:  # a transfer without a date takes its reorganisation's
        if t["date"] is None and t["event"] in s.events:
            t["date"] = s.events[t["event"]]["date"]
    return s


def body_attrs(s: Snapshot, body: str) -> dict:
    attrs = {**s.names(body), "kind": s.kinds.get(body, "body")}
    if body in s.unit_of:
        attrs["institution"] = s.unit_of[body]
    return attrs


# ------------------------------------------------------------------ 1. transfer network


def transfer_records(backend, year: int | None = None, event: str | None = None) -> list[dict]:
    """Every duty transfer (department level, nothing rolled up) as plain data, by date."""
    s = snapshot(backend)
    out = []
    for t in s.transfers:
        if year is not None and not (t["date"] or "").startswith(f"{year:04d}-"):
            continue
        if event is not None and t["event"] != event:
            continue
        ev = t["event"]
        out.append({
            **t,
            "from_institution": s.institution_of(t["from"]),
            "to_institution": s.institution_of(t["to"]),
            "from_names": s.names(t["from"]), "to_names": s.names(t["to"]),
            "event_names": s.names(ev) if ev else None,
            "duty_record": s.duty_record(t["duty"], s.sources.get(t["id"]) or s.sources.get(t["duty"], [])),
        })
    return out


def transfer_network(backend, year: int | None = None, event: str | None = None,
                     rollup: bool = True) -> nx.MultiDiGraph:
    """Bodies as nodes; one edge giver → receiver per reorganisation, weighted by duties moved.

    Edge key: the reorganisation's CURIE (or the date when a transfer names none). Edge data:
    ``event``, ``zh``/``en`` (the event's names), ``date``, ``weight`` (distinct duties),
    ``transfers`` (count) and ``duties`` (list of duty records, each with the department that
    actually gave it in ``from``). With ``rollup`` (default) departments count as their
    institution; the node then lists the departments in ``units``.
    """
    s = snapshot(backend)
    g = nx.MultiDiGraph(kind="transfers", year=year, event=event, rollup=rollup)
    for rec in transfer_records(backend, year, event):
        giver = rec["from_institution"] if rollup else rec["from"]
        taker = rec["to_institution"] if rollup else rec["to"]
        for body, original in ((giver, rec["from"]), (taker, rec["to"])):
            if body not in g:
                g.add_node(body, **body_attrs(s, body), units=[])
            if original != body and original not in g.nodes[body]["units"]:
                g.nodes[body]["units"].append(original)
        key = rec["event"] or rec["date"] or "undated"
        if not g.has_edge(giver, taker, key):
            names = rec["event_names"] or {"zh": key, "en": key}
            g.add_edge(giver, taker, key, event=rec["event"], date=rec["date"], **names,
                       weight=0, transfers=0, duties=[])
        data = g.edges[giver, taker, key]
        data["transfers"] += 1
        duty = {**rec["duty_record"], "transfer": rec["id"], "from": rec["from"],
                "from_names": rec["from_names"], "to": rec["to"]}
        data["duties"].append(duty)
        data["weight"] = len({d["id"] for d in data["duties"]})
    for _, attrs in g.nodes(data=True):
        attrs["units"].sort()
    return g


# ------------------------------------------------------------------ 2. lineage graph


def lineage_graph(backend) -> nx.DiGraph:
    """Institutions linked predecessor → successor, with founding/dissolution dates.

    Edge data: ``date`` (the predecessor's dissolution, else the successor's founding) and
    ``event`` (the reorganisation that had the predecessor as original and the successor as
    resulting organisation, or else one on that date).
    """
    s = snapshot(backend)
    g = nx.DiGraph(kind="lineage")
    for pred, succ in s.lineage:
        for body in (pred, succ):
            if body not in g:
                info = s.institutions.get(body, {})
                g.add_node(body, **body_attrs(s, body), founding=info.get("founding"),
                           dissolution=info.get("dissolution"))
        date = s.institutions.get(pred, {}).get("dissolution") or s.institutions.get(succ, {}).get("founding")
        event = _lineage_event(s, pred, succ, date)
        g.add_edge(pred, succ, date=date, event=event, event_names=s.names(event) if event else None)
    return g


def _lineage_event(s: Snapshot, pred: str, succ: str, date: str | None) -> str | None:
    for ev, info in sorted(s.events.items()):
        if pred in info["original"] and succ in info["resulting"]:
            return ev
    for ev, info in sorted(s.events.items()):
        if date and info["date"] == date and (succ in info["resulting"] or pred in info["original"]):
            return ev
    for ev, info in sorted(s.events.items()):
        if date and info["date"] == date:
            return ev
    return None


def lineage_of(g: nx.DiGraph, node: str) -> dict:
    """An institution's full lineage: the main line of names (the longest chain of
    predecessors and successors through it, earliest first) and the bodies merged in or out."""
    if node not in g:
        return {"institution": node, "main_line": [node], "merged_in": [], "split_off": [],
                "ancestors": [], "descendants": []}

    def founding(n):  # ties broken by id: sets iterate in a per-process hash order
        return g.nodes[n].get("founding") or g.nodes[n].get("dissolution") or "", n

    def longest(n, step):
        best: list[str] = []
        for nxt in sorted(step(n), key=founding):
            chain = longest(nxt, step)
            if len(chain) > len(best):
                best = chain
        return [n] + best

    back = longest(node, g.predecessors)[1:]
    forward = longest(node, g.successors)[1:]
    main = list(reversed(back)) + [node] + forward
    ancestors = nx.ancestors(g, node)
    descendants = nx.descendants(g, node)
    return {
        "institution": node,
        "main_line": main,
        "merged_in": sorted(ancestors - set(main), key=founding),
        "split_off": sorted(descendants - set(main), key=founding),
        "ancestors": sorted(ancestors, key=founding),
        "descendants": sorted(descendants, key=founding),
    }


# ------------------------------------------------------------------ 3. organisation tree


def org_tree(backend, on: str | None = None, root: str | None = None) -> nx.DiGraph:
    """The organisation on a date: institution → departments → duties, ministry → bureaus.

    Node ``kind``: institution, department or duty; edge ``relation``: ``unit`` (institution →
    department), ``holds`` (body → duty) and ``manages`` (ministry → bureau). Only institutions
    existing on the date appear; a department appears if it holds a duty on the date or has no
    recorded assignment at all (a department whose duties all ended is gone). A body the
    sources stop recording (gk:notRecordedAfter) before the date is not drawn as current: it is
    listed in ``g.graph["not_recorded"]`` ({body: date}) for the views to say "not recorded".
    With ``root``, only that institution's subtree is kept.
    """
    s = snapshot(backend)
    on = on or today()
    g = nx.DiGraph(kind="org", on=on, root=root, not_recorded={})
    held = defaultdict(list)
    has_assignments = set()
    for a in s.assignments:
        has_assignments.add(a["holder"])
        if held_on(a["start"], a["end"], on):
            held[a["holder"]].append(a)
    institutions = sorted(i for i in s.institutions if s.exists_on(i, on))
    for inst in institutions:
        info = s.institutions[inst]
        g.add_node(inst, **body_attrs(s, inst), founding=info.get("founding"),
                   dissolution=info.get("dissolution"), depth=0)
    for inst in institutions:
        for manager in s.institutions[inst]["managed_by"]:
            if manager in g:
                g.add_edge(manager, inst, relation="manages")
    for dept, inst in sorted(s.unit_of.items()):
        silent_after = s.not_recorded.get(dept)
        if inst in g and silent_after and silent_after <= on:
            if root is None or inst == root:
                g.graph["not_recorded"][dept] = silent_after
            continue
        if inst in g and (held.get(dept) or dept not in has_assignments):
            g.add_node(dept, **body_attrs(s, dept))
            g.add_edge(inst, dept, relation="unit")
    for body in list(g.nodes):
        for a in sorted(held.get(body, []), key=lambda a: a["duty"]):
            duty = a["duty"]
            rec = s.duty_record(duty)
            g.add_node(duty, kind="duty", zh=rec["zh"], en=rec["en"], text=rec["text"],
                       domains=[d["id"] for d in rec["domains"]], co_responsible=rec["co_responsible"],
                       sources=rec["sources"], assignment=a["id"], start=a["start"])
            g.add_edge(body, duty, relation="holds")
    if root is not None:
        if root not in g:
            if root in s.institutions:
                raise InputError(f"{root} did not exist on {on}")
            raise InputError(f"unknown institution: {root}")
        keep = {root} | nx.descendants(g, root)
        g = g.subgraph(keep).copy()
    return g


# ------------------------------------------------------------------ 4. duty-domain view


def department_duties(backend, institution: str = "inst:ndrc", on: str | None = None) -> dict:
    """Department → its duties (ids), for the departments of ``institution``; all recorded
    assignments when ``on`` is None, else those held on that date."""
    s = snapshot(backend)
    out = defaultdict(list)
    for a in s.assignments:
        if s.unit_of.get(a["holder"]) != institution:
            continue
        if on is not None and not held_on(a["start"], a["end"], on):
            continue
        if a["duty"] not in out[a["holder"]]:
            out[a["holder"]].append(a["duty"])
    return {k: sorted(v) for k, v in sorted(out.items())}


def domain_graph(backend, institution: str = "inst:ndrc", on: str | None = None) -> nx.Graph:
    """Departments linked by shared responsibilities.

    Two departments are linked when (a) they hold duties in the same policy domain
    (``shared_domains``), (b) one of the institution's own duties spans a domain of each
    (two different domains) or contains duties of both (``main_duties``: they carry out parts
    of the same duty), (c) a duty one of them carries out together with other bodies (gk:coResponsible,
    会同有关部门) lies in a domain of the other (``co_responsible``). ``weight`` is the sum of
    the three counts. Duties: every recorded assignment of the departments (``on``: on a date).
    """
    s = snapshot(backend)
    by_dept = department_duties(backend, institution, on)
    g = nx.Graph(kind="domains", institution=institution, on=on)
    domains = {}
    for dept, duties in by_dept.items():
        counts = Counter(dom for d in duties for dom in s.duties.get(d, {}).get("domains", []))
        domains[dept] = counts
        co = [d for d in duties if s.duties.get(d, {}).get("co_responsible")]
        g.add_node(dept, **body_attrs(s, dept), duties=len(duties),
                   domains=dict(sorted(counts.items())), co_responsible=len(co))
    main = [a["duty"] for a in s.assignments
            if a["holder"] == institution and (on is None or held_on(a["start"], a["end"], on))]
    parents = defaultdict(set)  # dept -> main duties its duties are part of
    for dept, duties in by_dept.items():
        for d in duties:
            for p in _ancestor_duties(s, d):
                parents[dept].add(p)
    depts = sorted(by_dept)
    for i, a in enumerate(depts):
        for b in depts[i + 1:]:
            shared = sorted(set(domains[a]) & set(domains[b]))
            spans = sorted({m for m in set(main) if _bridges(s, m, domains[a], domains[b])}
                           | (parents[a] & parents[b] & set(main)))
            co = sum(1 for x, y in ((a, b), (b, a)) for d in by_dept[x]
                     if s.duties.get(d, {}).get("co_responsible")
                     and set(s.duties[d]["domains"]) & set(domains[y]))
            weight = len(shared) + len(spans) + co
            if weight:
                g.add_edge(a, b, weight=weight, shared_domains=shared, main_duties=spans, co_responsible=co)
    return g


def _bridges(s: Snapshot, duty: str, a: Counter, b: Counter) -> bool:
    """Whether a duty spans a domain of ``a`` and a *different* domain of ``b`` (sharing one
    domain is already counted as a shared domain)."""
    mine = set(s.duties.get(duty, {}).get("domains", []))
    return any(x != y for x in mine & set(a) for y in mine & set(b))


def _ancestor_duties(s: Snapshot, duty: str) -> set:
    seen, stack = set(), list(s.duties.get(duty, {}).get("part_of", []))
    while stack:
        d = stack.pop()
        if d not in seen:
            seen.add(d)
            stack.extend(s.duties.get(d, {}).get("part_of", []))
    return seen
