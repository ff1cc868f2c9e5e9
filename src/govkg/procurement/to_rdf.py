"""Turn :class:`~govkg.procurement.records.Record` objects into RDF in the procurement ontology.

Each record becomes a ``gk:PurchaseProject`` (``dcterms:identifier`` = the record id); each party
name becomes one ``gk:ProcurementParty`` shared by every record that names it, so that a body
acting as purchaser in one record and provider in another is one node (rule R03).
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date, timedelta
from functools import lru_cache
from urllib.parse import quote

from govkg.namespaces import GK, PREFIXES

PROC = PREFIXES["proc"]
RECORD_BASE = PROC + "record/"
PARTY_BASE = PROC + "party/"
DCTERMS_ID = "http://purl.org/dc/terms/identifier"


def record_iri(record_id: str) -> str:
    return RECORD_BASE + quote(record_id, safe="")


def party_key(name: str) -> str:
    """Names that differ only in width, spacing, case or script (蘭州/兰州) are the same party."""
    text = unicodedata.normalize("NFKC", name)
    if not text.isascii():
        from govkg.chinese import to_mainland

        text = to_mainland(text)
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=65536)
def party_iri(name: str) -> str:
    return PARTY_BASE + hashlib.sha1(party_key(name).encode("utf-8")).hexdigest()[:16]


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def records_to_graph(records, graph=None):
    """Add the records to ``graph`` (a new rdflib Graph if None) and return it."""
    from rdflib import XSD, Graph, Literal, URIRef

    from govkg.namespaces import bind_prefixes

    g = graph if graph is not None else Graph()
    bind_prefixes(g)
    terms = {
        "iri": URIRef, "text": Literal,
        "date": lambda d: Literal(d, datatype=XSD.date), "bool": Literal,
        "decimal": lambda d: Literal(d, datatype=XSD.decimal),
    }
    for triple in record_triples(records, terms):
        g.add(triple)
    return g


def records_to_quads(records) -> list:
    """The records as pyoxigraph quads (no rdflib on the way: ten times faster for the check)."""
    import pyoxigraph as ox

    xsd = "http://www.w3.org/2001/XMLSchema#"
    date_type, bool_type, dec_type = (ox.NamedNode(xsd + t) for t in ("date", "boolean", "decimal"))
    iris: dict = {}

    def iri(text):
        node = iris.get(text)
        if node is None:
            node = iris[text] = ox.NamedNode(text)
        return node

    terms = {
        "iri": iri, "text": ox.Literal,
        "date": lambda d: ox.Literal(d.isoformat(), datatype=date_type),
        "bool": lambda b: ox.Literal("true" if b else "false", datatype=bool_type),
        "decimal": lambda d: ox.Literal(str(d), datatype=dec_type),
    }
    return [ox.Quad(s, p, o) for s, p, o in record_triples(records, terms)]


def records_to_ntriples(records) -> bytes:
    """The records as N-Triples for ``Store.bulk_load`` — faster again than quads: each distinct
    term is written once by pyoxigraph (its escaping) and a line is three cached strings, while a
    ``pyoxigraph.Quad`` holding a literal costs ~5 µs to build."""
    import pyoxigraph as ox

    xsd = "http://www.w3.org/2001/XMLSchema#"
    written: dict = {}

    def iri(text):
        out = written.get(text)
        if out is None:
            out = written[text] = str(ox.NamedNode(text))
        return out

    def literal(text, datatype=None):
        key = (text, datatype)
        out = written.get(key)
        if out is None:
            out = written[key] = str(ox.Literal(text) if datatype is None else ox.Literal(text, datatype=ox.NamedNode(datatype)))
        return out

    terms = {
        "iri": iri, "text": literal,
        "date": lambda d: literal(d.isoformat(), xsd + "date"),
        "bool": lambda b: literal("true" if b else "false", xsd + "boolean"),
        "decimal": lambda d: literal(str(d), xsd + "decimal"),
    }
    return "".join(f"{s} {p} {o} .\n" for s, p, o in record_triples(records, terms)).encode("utf-8")


def record_triples(records, terms: dict):
    """The triples of the records, with terms made by ``terms`` (iri, text, date, bool, decimal)."""
    iri, text, day, flag, decimal = (terms[k] for k in ("iri", "text", "date", "bool", "decimal"))
    rdf_type = iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    gk = {local: iri(GK + local) for local in (
        "PurchaseProject", "ProcurementParty", "partyName", "purchaser", "provider", "purchaserCategory",
        "providerCategory", "serviceName", "contentType", "purchaseMode", "procurementMethod", "methodText",
        "termStart", "termEnd", "oneYearLimit", "threeYearLimit", "budgeted", "stableContinuous",
        "subcontractApproved", "subcontracting", "contractAmount")}
    identifier = iri(DCTERMS_ID)
    parties_done: set = set()
    for rec in records:
        node = iri(record_iri(rec.id))
        yield node, rdf_type, gk["PurchaseProject"]
        yield node, identifier, text(rec.id)
        for prop, name in [("purchaser", rec.purchaser)] + [("provider", p) for p in rec.providers]:
            party_text = party_iri(name)
            party = iri(party_text)
            if party_text not in parties_done:
                parties_done.add(party_text)
                yield party, rdf_type, gk["ProcurementParty"]
            yield party, gk["partyName"], text(unicodedata.normalize("NFKC", name).strip())
            yield node, gk[prop], party
        yield node, gk["purchaserCategory"], iri(rec.purchaser_type)
        yield node, gk["providerCategory"], iri(rec.provider_type)
        if rec.service:
            yield node, gk["serviceName"], text(rec.service)
        yield node, gk["contentType"], iri(rec.content_type)
        yield node, gk["purchaseMode"], iri(rec.mode)
        if rec.method:
            yield node, gk["procurementMethod"], iri(rec.method)
        if rec.method_text:
            yield node, gk["methodText"], text(rec.method_text)
        yield node, gk["termStart"], day(rec.start_date)
        yield node, gk["termEnd"], day(rec.end_date)
        yield node, gk["oneYearLimit"], day(add_years(rec.start_date, 1))
        yield node, gk["threeYearLimit"], day(add_years(rec.start_date, 3))
        for prop, value in (("budgeted", rec.budgeted), ("stableContinuous", rec.continuous),
                            ("subcontractApproved", rec.subcontract_approved)):
            if value is not None:
                yield node, gk[prop], flag(value)
        yield node, gk["subcontracting"], iri(rec.subcontract)
        if rec.amount is not None:
            yield node, gk["contractAmount"], decimal(rec.amount)


__all__ = ["records_to_graph", "records_to_quads", "records_to_ntriples", "record_triples", "record_iri", "party_iri", "add_years", "timedelta"]
