"""Named SPARQL queries (``queries/*.rq``): header parsing, registry, typed parameters.

(Not ``govkg.queries``: that name is the package of the bundled ``.rq`` files.)

Each file is a self-contained query (its own PREFIX lines) that opens with a grlc-style header::

    #+ name: duties_of_body_on_date
    #+ summary: Duties a body held on a date.
    #+ params:
    #+   - body: iri
    #+   - date: date
    #+ booleans: direct

Parameter values given on the command line are converted to RDF terms by their declared type
(``iri`` accepts a full IRI or a project CURIE such as ``inst:ndrc``; ``date`` must be a real
calendar date; ``integer``; ``string``) and bound through a VALUES block
(:func:`govkg.sparql.with_values`) — never pasted into the query text.

``booleans`` lists result variables that hold truth values: servers without a boolean type
for computed values (Virtuoso answers ``EXISTS {…}`` with the integer 1 or 0) then read the
same as the embedded store (:meth:`NamedQuery.normalise`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govkg import resources
from govkg.dates import parse_date
from govkg.errors import InputError
from govkg.namespaces import expand_curie
from govkg.sparql import XSD, Term, iri, literal

PARAM_TYPES = ("iri", "date", "string", "integer")
_TRUTH = {"1": "true", "0": "false", "true": "true", "false": "false"}
_HEADER = re.compile(r"^#\+\s?(.*)$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_PARAM = re.compile(r"^-\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([A-Za-z]+)\s*$")


@dataclass(frozen=True)
class Param:
    """A declared parameter: its variable name and type (iri, date, string, integer)."""

    name: str
    type: str


@dataclass
class NamedQuery:
    """A query with its header: name, one-line summary, typed parameters and full text."""

    name: str
    summary: str
    params: list[Param]
    text: str
    source: str = ""
    example: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_check(self) -> bool:
        """Checks (``check_*``) must return no rows on a sound graph."""
        return self.name.startswith("check_")

    @property
    def booleans(self) -> list[str]:
        """Result variables declared (``#+ booleans: a b``) to hold truth values."""
        return self.extra.get("booleans", "").replace(",", " ").split()

    def normalise(self, results):
        """The results with the declared boolean variables as xsd:boolean true/false
        (1/0, integer or boolean, from any server); other values untouched."""
        for row in results.rows if self.booleans else ():
            for name in self.booleans:
                term = row.get(name)
                if term is not None and term.kind == "literal" and term.value in _TRUTH and \
                        term.datatype in (XSD + "boolean", XSD + "integer"):
                    row[name] = literal(_TRUTH[term.value], datatype=XSD + "boolean")
        return results

    def bind(self, raw: dict[str, str]) -> dict[str, Term]:
        """Typed terms for the given ``name -> text`` values; InputError on any mismatch."""
        return bind_params(self.params, raw, self.name)


def parse_header(text: str, source: str = "query") -> NamedQuery:
    """Parse the ``#+`` header of a query text (a query without one has no parameters)."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    in_params = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        match = _HEADER.match(stripped)
        if not match:
            if stripped.startswith("#"):
                continue  # ordinary comments may precede or follow the header
            break
        body = match.group(1).strip()
        if not body:
            continue
        param = _PARAM.match(body)
        if in_params and param:
            name, kind = param.group(1), param.group(2).lower()
            if kind not in PARAM_TYPES:
                raise InputError(f"{source}:{number}: parameter {name!r} has unknown type {kind!r}; "
                                 f"use one of {', '.join(PARAM_TYPES)}")
            if any(p.name == name for p in params):
                raise InputError(f"{source}:{number}: parameter {name!r} declared twice")
            params.append(Param(name, kind))
            continue
        key = _KEY.match(body)
        if not key:
            raise InputError(f"{source}:{number}: cannot read header line {line.strip()!r} "
                             "(expected '#+ key: value' or '#+   - name: type')")
        in_params = key.group(1).lower() == "params"
        if in_params and key.group(2).strip() not in ("", "[]"):
            raise InputError(f"{source}:{number}: list parameters on the lines after '#+ params:'")
        if not in_params:
            fields[key.group(1).lower()] = key.group(2).strip()
    name = fields.pop("name", "")
    return NamedQuery(name=name, summary=fields.pop("summary", ""), params=params, text=text,
                      source=source, example=fields.pop("example", ""), extra=fields)


def load_registry() -> dict[str, NamedQuery]:
    """Every bundled named query, by name (the file stem)."""
    registry = {}
    for item in resources.query_files():
        stem = item.name[: -len(".rq")]
        query = parse_header(item.read_text(encoding="utf-8"), f"queries/{item.name}")
        if query.name and query.name != stem:
            raise InputError(f"queries/{item.name}: header names it {query.name!r}, expected {stem!r}")
        query.name = stem
        registry[stem] = query
    return registry


def get(name: str, registry: dict[str, NamedQuery] | None = None) -> NamedQuery | None:
    """The named query ``name`` (hyphens and underscores are interchangeable), or None."""
    registry = load_registry() if registry is None else registry
    return registry.get(name.replace("-", "_"))


def bind_params(params: list[Param], raw: dict[str, str], query_name: str = "query") -> dict[str, Term]:
    """Convert ``name -> text`` values to terms of the declared types.

    Raises:
        InputError: an undeclared or missing parameter, or a value of the wrong type; the
            message names the parameter, the value and the declared parameters.
    """
    declared = {p.name: p for p in params}
    listing = ", ".join(f"{p.name} ({p.type})" for p in params) or "none"
    for name in raw:
        if name not in declared:
            raise InputError(f"{query_name}: unknown parameter {name!r}; declared parameters: {listing}")
    missing = [p.name for p in params if p.name not in raw]
    if missing:
        raise InputError(f"{query_name}: missing parameter(s) {', '.join(missing)}; "
                         f"declared parameters: {listing}")
    return {p.name: convert(p, raw[p.name]) for p in params}


def convert(param: Param, value: str) -> Term:
    """One value as a term of the parameter's type; InputError naming parameter and value."""
    where = f"parameter {param.name!r}"
    if param.type == "iri":
        full = expand_curie(value)
        if full is None and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value) and not value.startswith("urn:"):
            raise InputError(f"{where}: {value!r} is neither an IRI nor a known CURIE (e.g. inst:ndrc)")
        try:
            return iri(full or value)
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    if param.type == "date":
        return literal(parse_date(value, where), datatype=XSD + "date")
    if param.type == "integer":
        # canonical xsd:integer lexical form by string rules: int() would refuse (or take
        # quadratic time on) numbers over 4,300 digits, and SPARQL integers have no bound
        match = re.fullmatch(r"\s*([+-]?)([0-9]+)\s*", value)
        if match is None:
            shown = value if len(value) <= 40 else value[:40] + "…"
            raise InputError(f"{where}: {shown!r} is not an integer")
        digits = match.group(2).lstrip("0") or "0"
        return literal(("-" if match.group(1) == "-" and digits != "0" else "") + digits, datatype=XSD + "integer")
    return literal(value)


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings (from ``--param``) as a dict; InputError for a malformed one."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"--param {pair!r}: expected KEY=VALUE")
        if key in out:
            raise InputError(f"--param {key!r} given twice")
        out[key] = value
    return out
