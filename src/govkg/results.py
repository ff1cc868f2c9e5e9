"""Render query results: SELECT/ASK as table, csv, tsv, json or markdown; graphs as turtle,
json-ld or nt.

- ``csv`` and ``tsv`` follow SPARQL 1.1 Query Results CSV and TSV (CSV: plain values, full
  IRIs; TSV: terms in N-Triples syntax, header ``?var``).
- ``json`` is SPARQL 1.1 Query Results JSON.
- ``table`` and ``markdown`` are for reading: IRIs shortened to project CURIEs (``inst:ndrc``),
  literals shown by value.
- ASK gives one column, ``boolean``, in the tabular formats.
- Graphs are sorted (deterministic) and written with the project prefixes; JSON-LD is compact
  with the published context (see :mod:`govkg.export`).
"""

from __future__ import annotations

import csv
import io
import json

from govkg.errors import InputError
from govkg.namespaces import PREFIXES
from govkg.sparql import Results, Term

TABULAR_FORMATS = ("table", "csv", "tsv", "json", "markdown")
GRAPH_FORMATS = ("turtle", "json-ld", "nt")


def default_format(form: str, terminal: bool) -> str:
    """``table`` on a terminal, ``json`` in a pipe; ``turtle`` for graphs."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        return "turtle"
    return "table" if terminal else "json"


def check_format(form: str, fmt: str) -> None:
    """InputError if ``fmt`` does not suit a query of this form."""
    if form in ("CONSTRUCT", "DESCRIBE") and fmt not in GRAPH_FORMATS:
        raise InputError(f"--format {fmt} is for SELECT/ASK results; a {form} query gives a graph: "
                         f"use {', '.join(GRAPH_FORMATS)}")
    if form in ("SELECT", "ASK") and fmt not in TABULAR_FORMATS:
        raise InputError(f"--format {fmt} is for graphs; a {form} query gives results: "
                         f"use {', '.join(TABULAR_FORMATS)}")


# ------------------------------------------------------------------ terms


_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def curie(value: str) -> str:
    """``inst:ndrc`` for an IRI in a project namespace, else the IRI itself."""
    for prefix, namespace in _BY_LENGTH:
        if value.startswith(namespace) and len(value) > len(namespace):
            return f"{prefix}:{value[len(namespace):]}"
    return value


def display(term: Term | None) -> str:
    """A term for reading: CURIE for IRIs, ``_:x`` for blank nodes, the value for literals."""
    if term is None:
        return ""
    if term.kind == "uri":
        return curie(term.value)
    if term.kind == "bnode":
        return "_:" + term.value
    return term.value


def csv_value(term: Term | None) -> str:
    """SPARQL CSV: the plain value (full IRI, ``_:x`` for blank nodes, lexical form)."""
    if term is None:
        return ""
    return "_:" + term.value if term.kind == "bnode" else term.value


def tsv_value(term: Term | None) -> str:
    """SPARQL TSV: the term in N-Triples/Turtle syntax (tabs and newlines escaped)."""
    if term is None:
        return ""
    if term.kind == "bnode":
        return "_:" + term.value
    if term.kind == "triple":
        return term.value
    return term.n3()


# ------------------------------------------------------------------ tabular


def tabular(results: Results) -> tuple[list[str], list[list[Term | None]]]:
    """Header and rows; ASK becomes one column ``boolean`` with a true/false literal."""
    if results.form == "ASK":
        value = "true" if results.boolean else "false"
        return ["boolean"], [[Term("literal", value, None, "http://www.w3.org/2001/XMLSchema#boolean")]]
    return list(results.variables), [[row.get(v) for v in results.variables] for row in results.rows]


def to_json(results: Results) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if results.form == "ASK":
        payload = {"head": {}, "boolean": bool(results.boolean)}
    else:
        payload = {
            "head": {"vars": list(results.variables)},
            "results": {"bindings": [{k: v.to_json() for k, v in row.items()}
                                     for row in results.rows]},
        }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_csv(results: Results) -> str:
    headers, rows = tabular(results)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_value(t) for t in row])
    return buffer.getvalue()


def to_tsv(results: Results) -> str:
    headers, rows = tabular(results)
    lines = ["\t".join("?" + h if results.form == "SELECT" else h for h in headers)]
    lines += ["\t".join(tsv_value(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def to_markdown(results: Results) -> str:
    headers, rows = tabular(results)
    lines = ["| " + " | ".join(_md_cell(h) for h in headers) + " |",
             "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md_cell(display(t)) for t in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render_text(results: Results, fmt: str) -> str:
    """SELECT/ASK results as text in ``csv``, ``tsv``, ``json`` or ``markdown``."""
    if fmt == "json":
        return to_json(results)
    if fmt == "csv":
        return to_csv(results)
    if fmt == "tsv":
        return to_tsv(results)
    if fmt == "markdown":
        return to_markdown(results)
    raise InputError(f"unknown results format {fmt!r}")


def print_table(results: Results, title: str | None = None) -> None:
    """SELECT/ASK results as a terminal table (plain aligned text in a pipe)."""
    from govkg.output import table

    headers, rows = tabular(results)
    table(headers, [[display(t) for t in row] for row in rows], title=title)


# ------------------------------------------------------------------ graphs


def graph_bytes(results: Results, fmt: str) -> bytes:
    """CONSTRUCT/DESCRIBE triples, sorted, in ``turtle``, ``json-ld`` or ``nt``."""
    from govkg import export

    if fmt not in GRAPH_FORMATS:
        raise InputError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    lines = export.triples_lines(results.triples)
    buffer = io.BytesIO()
    export.write(lines, fmt, buffer)
    return buffer.getvalue()
