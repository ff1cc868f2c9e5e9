"""Whole-graph export: deterministic (sorted) Turtle, JSON-LD, N-Triples, N-Quads, RDF/XML.

Every format starts from the same sorted, de-duplicated N-Triples lines, made from the parsed
source files (not the cached store, which keeps literals by value rather than as written; see
:func:`source_sorted_lines`): pyoxigraph parses and serialises each file in Rust, the text is
cut into runs of bounded size that are sorted and merged while the output is written (an
external sort: memory stays flat however large the graph). Blank nodes are labelled in the
order the parser meets them, so the same files always give the same bytes.
Turtle and RDF/XML are then written by pyoxigraph from the sorted triples; JSON-LD is written
by :func:`write_jsonld`, a linear streaming writer that groups triples by subject and compacts
them with the published context ``ontology/govkg.context.jsonld`` (embedded in the output, so
the file parses offline to the same graph).

Files are written through :func:`govkg.outfile.open_output` (atomic for regular files,
streamed into ``-``, FIFOs and devices).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import groupby, islice
from importlib.resources import files
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from govkg.errors import InputError
from govkg.namespaces import PREFIXES
from govkg.outfile import open_output
from govkg.store import Source, reading

BASE_IRI = "https://w3id.org/govkg/id/"  # as in govkg.store.load_into

#: export format name -> file suffix
FORMATS = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt", "nquads": ".nq", "xml": ".rdf"}
CONTEXT_FILE = "govkg.context.jsonld"

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


# ------------------------------------------------------------------ sorted lines


#: bytes of N-Triples text sorted in memory at once by :func:`source_sorted_lines` (~2x in RAM)
RUN_BYTES = 64 * 1024 * 1024

#: formats whose triples pyoxigraph can write as N-Quads lines of the default graph directly
#: (no named graphs): the parse feeds the serialiser without a Python step per triple
_TRIPLE_FORMATS = (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML)


def source_lines(sources: Sequence[Source]) -> list[bytes]:
    """The sources' triples as sorted N-Triples lines, in memory (small graphs, tests)."""
    with tempfile.TemporaryDirectory(prefix="govkg-export-") as workdir:
        return list(source_sorted_lines(sources, workdir, run_bytes=1 << 62))


def source_sorted_lines(sources: Sequence[Source], workdir: str | os.PathLike,
                        run_bytes: int = RUN_BYTES) -> Iterator[bytes]:
    """The sources' triples as sorted, de-duplicated N-Triples lines, streamed.

    Every source is parsed before this returns (a syntax error is an InputError here, before
    anything is written); the lines are then merged as the caller iterates.

    Why the parsed sources and not the cached store: the store keeps a literal by its value,
    not as written (``"150.0"^^xsd:decimal`` comes back as ``"150"``, ``"5"^^xsd:int`` as
    ``"5"^^xsd:integer`` — and merged with a ``"05"^^xsd:integer`` of the same subject and
    predicate into one triple), so an export from it would not be the graph the files say.
    Parsing is also quicker than dumping the store (pyoxigraph parses and serialises in Rust).

    External sort: each source is parsed and written as N-Triples text, cut into runs of
    about ``run_bytes``; each run is sorted and, when there is more than one, written to a
    file in ``workdir``; the runs are merged lazily while the caller writes. Memory stays
    bounded by one run whatever the size of the graph.

    Blank nodes are labelled ``_:b1, _:b2, …`` in the order the parser first meets them,
    per source (two files' ``_:x`` are different nodes): the same files give the same labels
    on every run, in time linear in the input. (RDFC-1.0 canonicalisation is exponential on
    some tiny inputs: a list of 1,000 empty blank nodes ran past 120 s, and 100,000 nested
    ones overflowed its stack.)
    """
    runs = _Runs(Path(workdir), run_bytes)
    for source in sources:
        runs.start_source()
        with reading(source):
            if source.format in _TRIPLE_FORMATS:
                quads = _parse(source)
            else:  # named graphs are merged into the one exported graph
                quads = (q.triple if isinstance(q, ox.Quad) else q for q in _parse(source))
            ox.serialize(quads, runs, format=ox.RdfFormat.N_QUADS if source.format in _TRIPLE_FORMATS
                         else ox.RdfFormat.N_TRIPLES)
        runs.end_source()
    return runs.merged()


def _merge_blocks(runs: Sequence[BinaryIO], block_bytes: int = 1 << 20) -> Iterator[list[bytes]]:
    """Merge sorted line files into sorted, de-duplicated batches of lines.

    A block at a time from each run rather than a line at a time (``heapq.merge`` costs
    ~2 µs a line in Python): every line up to the smallest of the blocks' last lines is in
    the blocks already, so those lines are taken from each block, sorted together (Timsort
    merges sorted stretches in C) and given out; equal lines always land in the same batch.
    """
    live = [(block, run) for run in runs if (block := run.readlines(block_bytes))]
    while live:
        threshold = min(block[-1] for block, _ in live)
        batch: list[bytes] = []
        rest = []
        for block, run in live:
            cut = bisect_right(block, threshold)
            batch += block[:cut]
            block = block[cut:] or run.readlines(block_bytes)
            if block:
                rest.append((block, run))
        live = rest
        batch.sort()
        yield [line for line, _ in groupby(batch)]


def _parse(source: Source):
    if source.path is not None and source._data is None:
        return ox.parse(path=str(source.path), format=source.format, base_iri=BASE_IRI)
    return ox.parse(source.data, format=source.format, base_iri=BASE_IRI)


class _Runs:
    """The file-like object pyoxigraph serialises into: it cuts the text into sorted runs.

    Text is taken a whole line at a time (blank-node labels rewritten on the way, per
    source) and gathered until ``run_bytes``; then that run is sorted and written to a file.
    A graph that fits in one run never touches the disk.
    """

    #: bytes of serialised text gathered before it is split into lines
    CHUNK = 4 * 1024 * 1024

    def __init__(self, workdir: Path, run_bytes: int):
        self.workdir = workdir
        self.run_bytes = run_bytes
        self.pending = bytearray()
        self.lines: list[bytes] = []
        self.size = 0
        self.files: list[Path] = []
        self.labels: dict[bytes, bytes] = {}
        self.blank_count = 0

    def start_source(self) -> None:
        self.labels = {}  # a label is local to its file

    def write(self, data) -> int:
        self.pending += data
        if len(self.pending) >= self.CHUNK:
            cut = self.pending.rindex(b"\n") + 1
            self._take(bytes(self.pending[:cut]))
            del self.pending[:cut]
        return len(data)

    def flush(self) -> None:
        pass

    def end_source(self) -> None:
        if self.pending:
            text = bytes(self.pending)
            self.pending.clear()
            self._take(text if text.endswith(b"\n") else text + b"\n")

    def _take(self, text: bytes) -> None:
        lines = text.splitlines(keepends=True)
        if b"_:" in text:
            lines = [self._relabel(line) if b"_:" in line else line for line in lines]
        self.lines += lines
        self.size += len(text)
        if self.size >= self.run_bytes:
            self._spill()

    def _sorted(self) -> list[bytes]:
        self.lines.sort()
        lines = [line for line, _ in groupby(self.lines)]
        self.lines = []
        self.size = 0
        return lines

    def _spill(self) -> None:
        run = self.workdir / f"run-{len(self.files)}.nt"
        with open(run, "wb") as out:
            out.writelines(self._sorted())
        self.files.append(run)

    def merged(self) -> Iterator[bytes]:
        """Every line once, in byte order (the runs are deleted as the merge ends)."""
        if not self.files:
            yield from self._sorted()
            return
        if self.lines:
            self._spill()
        handles = [open(run, "rb", buffering=1024 * 1024) for run in self.files]
        try:
            for batch in _merge_blocks(handles):
                yield from batch
        finally:
            for handle in handles:
                handle.close()
            for run in self.files:
                run.unlink(missing_ok=True)

    def _relabel(self, line: bytes) -> bytes:
        """The N-Triples line with its blank subject/object renamed in first-seen order.

        Only the subject (first term) and the object (last term) can be blank nodes; a ``_:``
        inside a literal is text and is left alone.
        """
        s_end = line.index(b" ")
        subject = line[:s_end]
        if subject[:2] == b"_:":
            subject = self._label(subject)
        p_end = line.index(b" ", s_end + 1)
        end = line.rindex(b" .")
        obj = line[p_end + 1:end]
        if obj[:2] == b"_:":
            obj = self._label(obj)
        return subject + line[s_end:p_end + 1] + obj + line[end:]

    def _label(self, term: bytes) -> bytes:
        found = self.labels.get(term)
        if found is None:
            self.blank_count += 1
            found = self.labels[term] = b"_:b%d" % self.blank_count
        return found


def triples_lines(triples: Iterable) -> list[bytes]:
    """Triples (e.g. a CONSTRUCT result) as sorted N-Triples lines.

    Blank nodes are labelled ``_:b1, _:b2, …`` in the order the result first names them (the
    same query on the same data gives the same labels), in linear time: RDFC-1.0 here took
    24 s and 11 GB before crashing on a CONSTRUCT of 100,000 nested blank nodes."""
    with tempfile.TemporaryDirectory(prefix="govkg-construct-") as workdir:
        runs = _Runs(Path(workdir), 1 << 62)
        runs.start_source()
        ox.serialize((t.triple if isinstance(t, ox.Quad) else t for t in triples), runs,
                     format=ox.RdfFormat.N_TRIPLES)
        runs.end_source()
        return list(runs.merged())


def _batches(lines: Iterable[bytes], size: int = 65536) -> Iterator[list[bytes]]:
    lines = iter(lines)
    while batch := list(islice(lines, size)):
        yield batch


def _triples(lines: Iterable[bytes], check=None):
    """Triples parsed from N-Triples lines, a batch at a time (``check`` sees each batch)."""
    for batch in _batches(lines):
        if check is not None:
            check(batch)
        for quad in ox.parse(b"".join(batch), format=ox.RdfFormat.N_TRIPLES):
            yield quad.triple if isinstance(quad, ox.Quad) else quad


# ------------------------------------------------------------------ writers


def write(lines: Iterable[bytes], fmt: str, out: BinaryIO) -> None:
    """Write sorted N-Triples lines (a list or a stream) to ``out`` in export format ``fmt``."""
    if fmt in ("nt", "nquads"):
        # A default-graph N-Quads line is an N-Triples line.
        for batch in _batches(lines):
            out.write(b"".join(batch))
    elif fmt == "turtle":
        ox.serialize(_triples(lines), out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    elif fmt == "xml":
        ox.serialize(_triples(lines, _check_xml_chars), out, ox.RdfFormat.RDF_XML, prefixes=_xml_prefixes())
    elif fmt == "json-ld":
        write_jsonld(lines, out)
    else:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


_XML_FORBIDDEN = re.compile(rb"(?<!\\)(?:\\\\)*\\(?:u00[01][0-9A-Fa-f]|[bf])")  # odd backslashes


def _check_xml_chars(lines: Sequence[bytes]) -> None:
    """InputError if a literal holds a character XML 1.0 cannot carry (U+0001 … U+001F other
    than tab, newline and return): RDF/XML could not be read back."""
    for line in lines:
        if b"\\" in line and _XML_FORBIDDEN.search(line):
            subject = line.split(b" ", 1)[0].decode("utf-8", "replace")
            raise InputError(f"RDF/XML cannot carry control characters; {subject} has a literal with one: "
                             "export as turtle, nt, nquads or json-ld instead")


def _xml_prefixes() -> dict[str, str]:
    return {p: iri for p, iri in PREFIXES.items()}


# ------------------------------------------------------------------ JSON-LD


@lru_cache(maxsize=1)
def context_document() -> dict:
    """The published JSON-LD context (``{"@context": {...}}``)."""
    return json.loads((files("govkg.ontology") / CONTEXT_FILE).read_text(encoding="utf-8"))


def _dumps(value: str) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


class _Compactor:
    """Maps N-Triples terms (bytes) to JSON-LD fragments (bytes) under the context.

    Works on the N-Triples text itself: a canonical N-Triples string literal ``"..."`` only uses
    the escapes backslash-quote, -backslash, -n, -r, -t, -b, -f and -uXXXX, all valid in JSON, so it is
    copied as it is.
    """

    def __init__(self, context: dict):
        self.namespaces: dict[str, str] = {}
        for key, value in context.items():
            if not key.startswith("@") and isinstance(value, str):
                self.namespaces[value] = key
        self.longest_first = sorted(self.namespaces, key=len, reverse=True)
        #: predicate in N-Triples (b"<iri>") -> (JSON key, kind, container)
        self.terms: dict[bytes, tuple[bytes, bytes | None, str | None]] = {}
        for key, value in context.items():
            if isinstance(value, dict) and "@id" in value:
                iri = self.expand(value["@id"])
                kind = value.get("@type")
                kind_b = None if kind is None else b"@id" if kind == "@id" else b"<" + self.expand(kind).encode() + b">"
                self.terms[b"<" + iri.encode() + b">"] = (_dumps(key), kind_b, value.get("@container"))
        self._cache: dict[bytes, bytes] = {}
        self._prefix_of = {ns.encode(): name.encode() for ns, name in self.namespaces.items()}

    def expand(self, curie: str) -> str:
        prefix, sep, local = curie.partition(":")
        for namespace, name in self.namespaces.items():
            if sep and name == prefix:
                return namespace + local
        return curie

    def compact(self, iri: str) -> str:
        """``inst:ndrc`` where a prefix fits, else the full IRI."""
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        name = self.namespaces.get(iri[:cut])
        if name is not None:
            return f"{name}:{iri[cut:]}"
        for namespace in self.longest_first:
            if iri.startswith(namespace) and not iri[len(namespace):].startswith("//"):
                return f"{self.namespaces[namespace]}:{iri[len(namespace):]}"
        return iri

    def ref(self, term: bytes, cache: bool = True) -> bytes:
        """A node reference (``b'"inst:ndrc"'``, ``b'"_:c14n0"'``) for b"<iri>" or b"_:label".

        N-Triples IRIs cannot contain quotes, backslashes or control characters, so the bytes
        go into the JSON string as they are.
        """
        found = self._cache.get(term)
        if found is not None:
            return found
        if term[:1] == b"_":
            return b'"' + term + b'"'
        iri = term[1:-1]
        cut = max(iri.rfind(b"/"), iri.rfind(b"#")) + 1
        name = self._prefix_of.get(iri[:cut])
        if name is not None:
            found = b'"' + name + b":" + iri[cut:] + b'"'
        else:
            found = b'"' + self.compact(iri.decode()).encode() + b'"'
        if cache and len(self._cache) < 100_000:
            self._cache[term] = found
        return found

    def value_object(self, obj: bytes) -> bytes:
        """An explicit node or value object, valid under any key."""
        first = obj[:1]
        if first != b'"':
            return b'{"@id": ' + self.ref(obj) + b"}"
        q = obj.rindex(b'"')
        lexical, rest = obj[:q + 1], obj[q + 1:]
        if rest[:1] == b"@":
            return b'{"@value": ' + lexical + b', "@language": "' + rest[1:] + b'"}'
        if rest[:2] == b"^^":
            return b'{"@value": ' + lexical + b', "@type": ' + self.ref(rest[2:]) + b"}"
        return b'{"@value": ' + lexical + b"}"


RDF_TYPE_NT = b"<" + RDF_TYPE.encode() + b">"


def _node(subject: bytes, pairs: list[tuple[bytes, bytes]], c: _Compactor) -> bytes:
    """One node object (JSON text) from a subject's sorted (predicate, object) pairs."""
    types: list[bytes] = []
    props: dict[bytes, list[bytes]] = {}
    langmaps: dict[bytes, dict[bytes, list[bytes]]] = {}
    for predicate, obj in pairs:
        is_literal = obj[:1] == b'"'
        if predicate == RDF_TYPE_NT and not is_literal:
            types.append(c.ref(obj))
            continue
        term = c.terms.get(predicate)
        if term is not None:
            key, kind, container = term
            if container == "@language":
                if is_literal:
                    q = obj.rindex(b'"')
                    if obj[q + 1:q + 2] == b"@":
                        langmaps.setdefault(key, {}).setdefault(_dumps(obj[q + 2:].decode()), []).append(obj[:q + 1])
                        continue
                # any other value: under the predicate's compact IRI below
            else:
                if kind == b"@id":
                    value = c.value_object(obj) if is_literal else c.ref(obj)
                elif is_literal:
                    q = obj.rindex(b'"')
                    rest = obj[q + 1:]
                    plain = (rest == b"") if kind is None else (rest[:2] == b"^^" and rest[2:] == kind)
                    value = obj[:q + 1] if plain else c.value_object(obj)
                else:
                    value = c.value_object(obj)
                props.setdefault(key, []).append(value)
                continue
        key = c.ref(predicate)
        if is_literal and obj.endswith(b'"'):  # plain string: no coercion under a compact IRI key
            props.setdefault(key, []).append(obj)
        else:
            props.setdefault(key, []).append(c.value_object(obj))
    parts = [b'{"@id": ', c.ref(subject, cache=False)]
    if types:
        parts += [b', "@type": ', types[0] if len(types) == 1 else b"[" + b", ".join(types) + b"]"]
    entries = {key: (values[0] if len(values) == 1 else b"[" + b", ".join(values) + b"]")
               for key, values in props.items()}
    for key, langs in langmaps.items():
        entries[key] = b"{" + b", ".join(
            lang + b": " + (v[0] if len(v) == 1 else b"[" + b", ".join(v) + b"]")
            for lang, v in sorted(langs.items())) + b"}"
    for key in sorted(entries):
        parts += [b", ", key, b": ", entries[key]]
    parts.append(b"}")
    return b"".join(parts)


def write_jsonld(lines: Iterable[bytes], out: BinaryIO, context: dict | None = None) -> None:
    """Compact JSON-LD with the published context embedded; one node object per line.

    Linear in the number of triples: ``lines`` are sorted N-Triples, so each subject's triples
    are contiguous and each node is written as soon as the next subject starts.
    """
    context = context if context is not None else context_document()["@context"]
    compactor = _Compactor(context)
    out.write(b'{\n  "@context": ')
    out.write(json.dumps(context, ensure_ascii=False, indent=2).replace("\n", "\n  ").encode())
    out.write(b',\n  "@graph": [')
    separator = b"\n    "
    subject = None
    pairs: list[tuple[bytes, bytes]] = []
    chunk: list[bytes] = []
    for line in lines:
        s_end = line.index(b" ")
        p_end = line.index(b" ", s_end + 1)
        this = line[:s_end]
        if this != subject:
            if subject is not None:
                chunk += [separator, _node(subject, pairs, compactor)]
                separator = b",\n    "
                if len(chunk) > 8192:
                    out.write(b"".join(chunk))
                    chunk.clear()
            subject = this
            pairs = []
        pairs.append((line[s_end + 1:p_end], line[p_end + 1:line.rindex(b" .")]))
    if subject is not None:
        chunk += [separator, _node(subject, pairs, compactor)]
    out.write(b"".join(chunk))
    out.write(b"\n  ]\n}\n")


def export_graph(fmt: str, output: str | os.PathLike | None = None, data: Sequence[str] = (),
                 include_shapes: bool = False) -> int:
    """Export the bundled graph (plus ``data`` files, optionally the shapes) to ``output``.

    The files are parsed and streamed through an external sort (:func:`source_sorted_lines`),
    so memory stays flat at any size (no store is needed: the cache is not built for this).
    ``output`` None or ``"-"`` writes to stdout; a path is written atomically.

    Returns:
        the number of triples written.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    from govkg.store import bundled_sources, user_sources

    sources = bundled_sources(include_shapes) + user_sources(data)
    count = 0

    def counted(lines: Iterable[bytes]) -> Iterator[bytes]:
        nonlocal count
        for line in lines:
            count += 1
            yield line

    with tempfile.TemporaryDirectory(prefix="govkg-export-") as workdir:
        lines = counted(source_sorted_lines(sources, workdir))
        with open_output(output, binary=True, inputs=data) as out:
            write(lines, fmt, out)
    return count
