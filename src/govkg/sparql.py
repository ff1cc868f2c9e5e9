"""Read-only SPARQL over the embedded store or a remote SPARQL 1.1 endpoint (:mod:`govkg.remote`).

Both backends take the same query text and the same bindings, and return the same plain
results, so every command and named query runs unchanged on either.

Bindings are never pasted into query text as user strings: each value becomes an RDF term
(IRI checked, literal escaped by N-Triples rules) and each parameter gets its own one-variable
``VALUES`` block at the start of the outermost WHERE group — the same text for every backend
(Virtuoso 7.2 rejects a multi-variable VALUES row binding a date, and BIND), so results agree.
Update operations are refused before anything is sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from govkg.errors import EndpointError, InputError
from govkg.namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# ------------------------------------------------------------------ terms


@dataclass(frozen=True)
class Term:
    """An RDF term as plain data: ``kind`` is 'uri', 'literal', 'bnode' or 'triple'."""

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None

    def n3(self) -> str:
        """The term in SPARQL/N-Triples syntax, escaped (safe to put in a VALUES block)."""
        if self.kind == "uri":
            return str(ox.NamedNode(self.value))
        if self.kind == "bnode":
            raise InputError("blank nodes cannot be bound as parameters")
        return str(self.to_oxigraph())

    def to_oxigraph(self):
        if self.kind == "uri":
            return ox.NamedNode(self.value)
        if self.kind == "bnode":
            return ox.BlankNode(self.value)
        if self.lang:
            return ox.Literal(self.value, language=self.lang)
        if self.datatype:
            return ox.Literal(self.value, datatype=ox.NamedNode(self.datatype))
        return ox.Literal(self.value)

    def to_json(self) -> dict:
        """SPARQL 1.1 Query Results JSON form of the term."""
        if self.kind == "literal":
            out = {"type": "literal", "value": self.value}
            if self.lang:
                out["xml:lang"] = self.lang
            elif self.datatype and self.datatype != XSD + "string":
                out["datatype"] = self.datatype
            return out
        return {"type": self.kind, "value": self.value}

    def __str__(self) -> str:
        return self.value


def _check_unicode(value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"not valid UTF-8 text: {value!r} (character {exc.start + 1})") from None


def iri(value: str) -> Term:
    """An IRI term; InputError if ``value`` is not an absolute IRI."""
    _check_unicode(value)
    try:
        ox.NamedNode(value)
    except ValueError:
        raise InputError(f"not a valid IRI: {value!r}") from None
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise InputError(f"not an absolute IRI: {value!r}")
    return Term("uri", value)


def literal(value: str, lang: str | None = None, datatype: str | None = None) -> Term:
    """A literal term (any text is safe: it is escaped when written); InputError for text that
    is not Unicode (lone surrogates, i.e. bytes of invalid UTF-8 from the command line)."""
    _check_unicode(value)
    if datatype == XSD + "string":
        datatype = None
    return Term("literal", value, lang, datatype)


_INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def canonical_lexical(value: str, datatype: str | None) -> str:
    """The canonical lexical form of a boolean or integer literal (``1`` -> ``true`` for
    xsd:boolean, ``+07`` -> ``7``), so that every server's answer reads the same; other
    values (and invalid lexical forms) unchanged."""
    if datatype == XSD + "boolean":
        return {"1": "true", "0": "false"}.get(value.strip(), value.strip())
    if datatype in _INTEGER_TYPES:
        try:
            return str(int(value.strip()))
        except ValueError:
            return value
    return value


def from_oxigraph(term) -> Term | None:
    """A pyoxigraph term (from the store or parsed from a server's answer) as a Term,
    literals in canonical form (:func:`canonical_lexical`)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language:
            return Term("literal", term.value, term.language, None)
        if datatype == XSD + "string":
            return Term("literal", term.value, None, None)
        return Term("literal", canonical_lexical(term.value, datatype), None, datatype)
    return Term("triple", str(term))


# ------------------------------------------------------------------ query text

_UPDATE = re.compile(
    r"^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_TOKENS = re.compile(
    r'(?P<comment>\#[^\n]*)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\s]*>)'
    r'|(?P<word>[A-Za-z_][A-Za-z0-9_]*)'
    r'|(?P<brace>\{)'
    r'|(?P<other>.)',
    re.DOTALL,
)


def _significant(query: str):
    """Yield (kind, text, start) for the query's tokens, skipping comments and strings' insides."""
    for match in _TOKENS.finditer(query):
        kind = match.lastgroup
        if kind != "comment":
            yield kind, match.group(), match.start()


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; InputError for an update or anything else.

    The first keyword after the prologue (PREFIX/BASE declarations) decides: SPARQL does not
    allow a query and an update in one request, so refusing here refuses updates everywhere.
    The text is also checked for nesting and encoding (:func:`govkg.limits.check_query_text`)
    before any parser sees it.
    """
    from govkg.limits import check_query_text

    check_query_text(query, service=False)
    skip_name = False
    for kind, text, _ in _significant(query):
        if kind == "iri":
            skip_name = False
        if kind != "word":
            continue
        if skip_name:  # the prefix name after PREFIX
            skip_name = False
            continue
        word = text.upper()
        if word in ("PREFIX", "BASE"):
            skip_name = word == "PREFIX"
            continue
        if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return word
        if _UPDATE.match(word):
            raise InputError(f"update operations ({word}) are refused: govkg only reads")
        break
    raise InputError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def with_values(query: str, bindings: Mapping[str, Term] | None = None,
                values: tuple[Sequence[str], Sequence[Sequence[Term | None]]] | None = None) -> str:
    """The query with VALUES blocks at the start of its outermost WHERE group.

    Args:
        bindings: one row, variable name -> term (named-query parameters).
        values: several rows: (variable names, rows of terms; None leaves a variable UNDEF).
    """
    blocks = []
    # one single-variable block per parameter: Virtuoso 7.2 fails on a multi-variable row
    # ("SP031 ... no SPART_VARR_FIXED") and on BIND; both servers and the store accept this
    single = [([name], [[term]]) for name, term in bindings.items()] if bindings else []
    for names, rows in single + ([values] if values else []):
        for name in names:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise InputError(f"not a valid SPARQL variable name: {name!r}")
        body = " ".join("(" + " ".join("UNDEF" if t is None else t.n3() for t in row) + ")" for row in rows)
        blocks.append(" VALUES (" + " ".join("?" + n for n in names) + ") { " + body + " } ")
    if not blocks:
        return query
    block = "".join(blocks)
    form = None
    after_where = False
    for kind, text, start in _significant(query):
        word = text.upper() if kind == "word" else None
        if form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form = word
            continue
        if form is None:
            continue
        if word == "WHERE":
            after_where = True
        elif kind == "brace" and (after_where or form in ("SELECT", "ASK")):
            return query[: start + 1] + block + query[start + 1:]
    raise InputError("cannot bind parameters: the query has no WHERE group")


# ------------------------------------------------------------------ results


@dataclass
class Results:
    """Query results as plain data: SELECT rows, an ASK boolean, or CONSTRUCT triples."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)  # pyoxigraph Triples
    _raw_graph: bytes | None = None  # N-Triples from a remote endpoint


# ------------------------------------------------------------------ backends


class Backend:
    """What every command reads the graph through."""

    description = "graph"

    def query(self, query: str, bindings: Mapping[str, Term] | None = None, values=None) -> Results:
        """Run a read-only query; ``bindings``/``values`` as in :func:`with_values`."""
        raise NotImplementedError

    def select(self, query: str, bindings: Mapping[str, Term] | None = None, values=None) -> list[dict[str, Term]]:
        """SELECT rows as dicts of variable name -> Term (unbound variables are absent)."""
        return self.query(query, bindings, values).rows

    def single(self, query: str, bindings: Mapping[str, Term] | None = None) -> dict[str, Term]:
        """The one row of an aggregate query; an error naming the backend if there is none."""
        rows = self.select(query, bindings)
        if len(rows) != 1:
            raise EndpointError(f"{self.description}: expected one result row, got "
                                f"{'no result row' if not rows else len(rows)}")
        return rows[0]

    def integer(self, term: Term, what: str) -> int:
        """An integer result (a count), or an error naming the backend and the value."""
        try:
            return int(term.value)
        except ValueError:
            raise EndpointError(f"{self.description}: {what} is not a number: {term.value[:40]!r}") from None


class EmbeddedBackend(Backend):
    """The pyoxigraph store (bundled graph + user files), in-process."""

    description = "embedded store"

    def __init__(self, store: ox.Store | None = None, index_path=None, graphs: Sequence[str] = (), opener=None):
        #: the store, or None until ``opener()`` gives it (opening RocksDB costs more than a
        #: ``who`` answered from the search index: it is opened on first use)
        self._store = store
        self._opener = opener
        #: where derived indexes of this exact content live (beside the cache), or None
        self.index_path = index_path
        #: the named graphs read as the default graph (--graph), or [] for the default graph
        self.graphs = [ox.NamedNode(g) for g in graphs]
        for graph in self.graphs:
            if not store.contains_named_graph(graph):
                raise InputError(f"--graph {graph.value}: the embedded store has no such named graph "
                                 "(the bundled graph is its default graph; named graphs come from "
                                 "--data N-Quads/TriG files)")
        if self.graphs:
            self.index_path = None  # the duty index covers the whole store, not these graphs

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            self._store = self._opener()
        return self._store

    def query(self, query: str, bindings: Mapping[str, Term] | None = None, values=None) -> Results:
        """Evaluate under :mod:`govkg.limits`: no SERVICE unless allowed, a deadline, a row limit."""
        from govkg import limits

        form = query_form(query)
        text = with_values(query, bindings, values)
        bounds = limits.active()
        limits.check_query_text(text, bounds, limits.declared_prefixes(text, PREFIXES))
        return limits.run_bounded(lambda: self._evaluate(text, form, limits.RowLimit(bounds.max_rows)), bounds)

    def _evaluate(self, text: str, form: str, counter) -> Results:
        try:
            if self.graphs:
                result = self.store.query(text, prefixes=PREFIXES, default_graph=self.graphs)
            else:
                result = self.store.query(text, prefixes=PREFIXES)
            if isinstance(result, ox.QueryBoolean):
                return Results("ASK", boolean=bool(result))
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                rows = []
                for solution in result:
                    counter.add()
                    row = {}
                    for v in variables:
                        term = from_oxigraph(solution[v])
                        if term is not None:
                            row[v] = term
                    rows.append(row)
                return Results("SELECT", variables, rows)
            triples = []
            for triple in result:
                counter.add()
                triples.append(triple)
            return Results(form, triples=triples)
        except SyntaxError as exc:
            raise syntax_error(exc, text) from None
        except OSError as exc:
            raise InputError(f"query failed: {one_line(str(exc))}") from None


def one_line(text: str) -> str:
    """An error text from a parser or server on one line (pyoxigraph's can span several)."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


_EXPECTED = re.compile(r"^(?P<where>error at \d+:\d+): expected one of (?P<options>.*)$", re.DOTALL)


def syntax_error(exc: Exception, query: str) -> InputError:
    """A one-line 'SPARQL syntax error' for pyoxigraph's message: an unknown prefix is named,
    and the long lists of character classes the parser would have accepted are dropped."""
    message = one_line(str(exc))
    unknown = _unknown_prefix(query) if "Prefix not found" in message or "prefix" in message.lower() else None
    match = _EXPECTED.match(message)
    where = match.group("where") if match else None
    if unknown is not None:
        line, prefix = unknown
        return InputError(f"SPARQL syntax error: unknown prefix {prefix}: at line {line} "
                          f"(declare it with PREFIX {prefix}: <…>; predeclared: {', '.join(sorted(PREFIXES))})")
    if match:
        options = [o.strip() for o in re.findall(r'"[^"]*"|\[[^\]]*\]|[^,]+', match.group("options"))]
        words = [o for o in options if o and not o.startswith("[") and "'" not in o]
        shown = ", ".join(words[:8]) + (", …" if len(words) > 8 else "")
        return InputError(f"SPARQL syntax error: {where}: expected {shown or 'something else'}")
    return InputError(f"SPARQL syntax error: {message[:300]}")


def _unknown_prefix(query: str) -> tuple[int, str] | None:
    """(line, prefix) of the first prefixed name whose prefix is neither declared nor predeclared."""
    declared = {m.group(1) or "" for m in re.finditer(r"(?i)PREFIX\s+([A-Za-z][\w.-]*)?\s*:", query)}
    known = declared | set(PREFIXES)
    tokens = list(_significant(query))
    for (kind, text, start), (next_kind, next_text, _) in zip(tokens, tokens[1:]):
        if kind == "word" and next_kind == "other" and next_text == ":" and text not in known:
            before = query[start - 1:start] if start else ""
            if before not in ("?", "$", "_") and text.upper() != "PREFIX":
                return query.count("\n", 0, start) + 1, text
    return None


def open_backend(endpoint: str | None = None, data: tuple = (), timeout: float = 30.0, progress=None,
                 graphs: Sequence[str] = (), headers: Sequence[str] = (), max_bytes: int | None = None) -> Backend:
    """The remote endpoint if one is given (:mod:`govkg.remote`), else the embedded store
    with the user's files; ``graphs`` scopes either to those named graphs."""
    for graph in graphs:
        iri(graph)
    if endpoint:
        if data:
            raise InputError("--data cannot be combined with --endpoint (load the files into the server)")
        from govkg.remote import RemoteBackend

        return RemoteBackend(endpoint, timeout, graphs=graphs, headers=headers, max_bytes=max_bytes)
    if headers:
        raise InputError("--header is for --endpoint (the embedded store is not reached over HTTP)")
    from govkg.store import built_cache, bundled_sources, open_cached, user_sources

    sources = bundled_sources() + user_sources(data)
    derived = built_cache(sources) if not graphs else None
    if derived is not None:  # a finished cache: its store is opened only if a query needs it
        return EmbeddedBackend(index_path=derived / "duty-index.json",
                               opener=lambda: open_cached(sources, progress_factory=progress)[0])
    store, derived = open_cached(sources, progress_factory=progress)
    return EmbeddedBackend(store, index_path=derived / "duty-index.json" if derived else None, graphs=graphs)
