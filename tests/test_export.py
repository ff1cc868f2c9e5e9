"""`govkg export`: every format round-trips, output is deterministic and written atomically."""

from __future__ import annotations

import json
import os

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from oxigraph_server import govkg_cache  # noqa: F401  (session fixture)
from rdf_compare import canonical, canonical_triples, isomorphic

from govkg import export, resources
from govkg.cli import cli
from govkg.errors import InputError
from govkg.namespaces import PREFIXES

RDFLIB_FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt", "nquads": "nquads", "xml": "xml"}
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
              "nquads": ox.RdfFormat.N_QUADS, "xml": ox.RdfFormat.RDF_XML}


@pytest.fixture(autouse=True, scope="module")
def _private_cache(govkg_cache):  # noqa: F811
    """Every test here builds its graph cache in a temporary directory."""


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def reference_graph(include_shapes: bool, extra=()) -> rdflib.Graph:
    """The bundled files parsed by rdflib on their own: an independent reference."""
    graph = rdflib.Graph()
    for item in resources.graph_files(include_shapes=include_shapes):
        graph.parse(data=item.read_bytes(), format="turtle", publicID="https://w3id.org/govkg/id/")
    for path in extra:
        graph.parse(str(path), format="turtle")
    return graph


def parse_back(data: bytes, fmt: str) -> rdflib.Graph:
    if fmt == "nquads":
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format="nquads")
        graph = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])


@pytest.fixture(scope="module")
def references():
    return {False: reference_graph(False), True: reference_graph(True)}


@pytest.mark.parametrize("shapes", [False, True], ids=["data", "with-shapes"])
@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_every_format_round_trips(fmt, shapes, tmp_path, references):
    target = tmp_path / f"govkg{export.FORMATS[fmt]}"
    args = ["export", "--format", fmt, "-o", str(target)] + (["--shapes"] if shapes else [])
    result = run(*args)
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    reference = references[shapes]
    back = parse_back(data, fmt)
    assert len(back) == len(reference)
    assert isomorphic(back, reference)
    # pyoxigraph reads it back to the same graph too
    assert canonical_triples(ox.parse(data, format=OX_FORMATS[fmt])) == canonical(reference)


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_export_is_byte_identical_on_two_runs(fmt, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("export", "--format", fmt, "--shapes", "-o", str(first)).exit_code == 0
    assert run("export", "--format", fmt, "--shapes", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_nt_export_is_sorted():
    result = run("export", "--format", "nt")
    lines = result.stdout_bytes.splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines)) > 1000


def test_format_follows_output_suffix(tmp_path):
    target = tmp_path / "graph.jsonld"
    assert run("export", "-o", str(target)).exit_code == 0
    assert "@context" in json.loads(target.read_text(encoding="utf-8"))
    assert run("export").stdout.startswith("@prefix")


def test_jsonld_is_compact_with_the_published_context():
    result = run("export", "--format", "json-ld")
    document = json.loads(result.stdout)
    from importlib.resources import files

    published = json.loads((files("govkg.ontology") / "govkg.context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == published["@context"]
    nodes = {node["@id"]: node for node in document["@graph"]}
    ndrc = nodes["inst:ndrc"]
    assert ndrc["@type"] == "gk:Institution"
    assert ndrc["label"]["zh"] == "国家发展和改革委员会" and ndrc["label"]["en"].startswith("National Development")
    assert ndrc["foundingDate"] == "2003-03-10"
    assignment = next(n for n in nodes.values() if n.get("@type") == "gk:DutyAssignment" and "startDate" in n)
    assert assignment["holder"].split(":")[0] in PREFIXES and ":" in assignment["forDuty"]


def test_context_declares_every_prefix_and_is_not_data():
    context = export.context_document()["@context"]
    for prefix, namespace in PREFIXES.items():
        assert context[prefix] == namespace
    assert context["holder"] == {"@id": "gk:holder", "@type": "@id"}
    assert context["label"] == {"@id": "skos:prefLabel", "@container": "@language"}
    assert context["startDate"] == {"@id": "gk:startDate", "@type": "xsd:date"}
    assert not any(item.name.endswith(".context.jsonld") for item in resources.graph_files(include_shapes=True))


TRICKY = r'''
@prefix gk: <https://w3id.org/govkg/def#> .
@prefix inst: <https://w3id.org/govkg/id/inst/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
inst:tricky a gk:Institution , <http://other.example/Type> ;
    skos:prefLabel "quote \" backslash \\ tab	newline\n ctrl \u0001 del \u007F 中文 \U0001F600"@zh-hans , "plain, no language" ;
    skos:notation "7"^^xsd:integer , "plain" , "tagged"@en , inst:an-iri ;
    gk:foundingDate "2001"^^xsd:gYear , "2001-02-03"^^xsd:date , "not a date" ;
    gk:holder "a literal where an IRI is expected" , _:b1 ;
    gk:predecessor [ skos:prefLabel "anonymous"@en ; gk:successor inst:tricky ] ;
    rdf:type "a literal type" ;
    <http://no.prefix.example/p> "x" , <http://no.prefix.example/o> ;
    <https://w3id.org/govkg/id/inst//odd> "slashes" .
_:b1 skos:prefLabel "blank"@en .
'''


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_tricky_terms_round_trip(fmt, tmp_path, references):
    extra = tmp_path / "tricky.ttl"
    # XML 1.0 cannot carry U+0001 at all (see test_xml_refuses_control_characters)
    extra.write_text(TRICKY.replace(r"ctrl \u0001 ", "") if fmt == "xml" else TRICKY, encoding="utf-8")
    target = tmp_path / "out"
    result = run("export", "--format", fmt, "--data", str(extra), "-o", str(target))
    assert result.exit_code == 0, result.output
    reference = rdflib.Graph()
    reference += references[False]
    reference.parse(str(extra), format="turtle")
    assert isomorphic(parse_back(target.read_bytes(), fmt), reference)


def test_xml_refuses_control_characters(tmp_path):
    extra = tmp_path / "ctrl.ttl"
    extra.write_text('<http://x.example/s> <http://x.example/p> "bell \\u0007" , "backslash-b \\\\b" .\n',
                     encoding="utf-8")
    target = tmp_path / "out.rdf"
    result = run("export", "--format", "xml", "--data", str(extra), "-o", str(target))
    assert result.exit_code == 2 and "RDF/XML cannot carry control characters" in result.output
    assert "<http://x.example/s>" in result.output and not target.exists()
    # a literal backslash followed by b is not a control character
    extra.write_text('<http://x.example/s> <http://x.example/p> "backslash-b \\\\b" .\n', encoding="utf-8")
    assert run("export", "--format", "xml", "--data", str(extra), "-o", str(target)).exit_code == 0
    back = rdflib.Graph().parse(target, format="xml")
    assert rdflib.Literal("backslash-b \\b") in set(back.objects(None, rdflib.URIRef("http://x.example/p")))


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "govkg.ttl"

    def broken(lines, fmt, out):
        out.write(b"@prefix gk: <https://w3id.org/govkg/def#> .\n")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "write", broken)
    result = run("export", "-o", str(target))
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert list(tmp_path.iterdir()) == []
    # an existing file is left exactly as it was
    target.write_bytes(b"old")
    assert run("export", "-o", str(target)).exit_code == 2
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]


def test_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch):
    """Ctrl-C half-way: no temporary file left, and an existing export is kept as it was
    (deleting the target would not pass)."""
    target = tmp_path / "govkg.nt"

    def interrupted(lines, fmt, out):
        out.write(next(iter(lines)))
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export.export_graph("nt", target)
    assert list(tmp_path.iterdir()) == []
    target.write_bytes(b"the previous export\n")
    with pytest.raises(KeyboardInterrupt):
        export.export_graph("nt", target)
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_bytes() == b"the previous export\n"


def test_written_file_has_normal_permissions(tmp_path):
    target = tmp_path / "govkg.nt"
    export.export_graph("nt", target)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_export_errors(tmp_path):
    result = run("export", "-o", str(tmp_path / "missing-dir" / "x.ttl"))
    assert result.exit_code == 2 and "does not exist" in result.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .", encoding="utf-8")
    result = run("export", "--data", str(bad))
    assert result.exit_code == 2 and "bad.ttl" in result.output and "Traceback" not in result.output
    with pytest.raises(InputError):
        export.export_graph("yaml")


def test_streamed_export_sorts_in_runs_like_in_memory(tmp_path):
    """The external sort (small runs: many of them merged) gives exactly the in-memory sorted
    lines — blank nodes of the shapes included — and leaves no temporary file."""
    from govkg.store import bundled_sources

    sources = bundled_sources(include_shapes=True)
    streamed = export.source_sorted_lines(sources, tmp_path, run_bytes=50_000)
    assert len(list(tmp_path.glob("run-*.nt"))) > 10
    streamed = list(streamed)
    assert streamed == export.source_lines(sources) == sorted(set(streamed))
    assert len(streamed) > 9000 and any(line.startswith(b"_:") for line in streamed)
    assert list(tmp_path.iterdir()) == []


def test_literals_are_exported_as_written(tmp_path):
    """The store keeps literals by value ("150.0" -> "150", xsd:int -> xsd:integer, and
    "5"^^xsd:int merged with "05"^^xsd:integer); the export must write what the files say."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    written = [f'<http://x.example/s> <http://x.example/p> "{lexical}"^^<{xsd}{kind}> .\n'
               for lexical, kind in (("5", "int"), ("05", "integer"), ("150.0", "decimal"), ("1", "boolean"),
                                     ("2001-01-01T00:00:00+00:00", "dateTime"))]
    extra = tmp_path / "typed.nt"
    extra.write_text("".join(written), encoding="utf-8")
    result = run("export", "--format", "nt", "--data", str(extra))
    assert result.exit_code == 0, result.output
    exported = set(result.stdout.splitlines(keepends=True))
    assert set(written) <= exported


def test_block_merge_equals_sorted_set(tmp_path):
    """Runs merged a few lines at a time (blocks refilled many times, duplicates across runs
    and inside blocks) give every line once, in order."""
    import random

    rng = random.Random(5)
    pool = [b"<http://x.example/%d> <http://x.example/p> \"%d\" .\n" % (rng.randrange(300), i % 7)
            for i in range(2000)]
    runs = []
    for n in range(6):
        path = tmp_path / f"run-{n}"
        path.write_bytes(b"".join(sorted(set(rng.sample(pool, 400)))))
        runs.append(open(path, "rb"))
    merged = [line for batch in export._merge_blocks(runs, block_bytes=200) for line in batch]
    for run in runs:
        run.close()
    expected = sorted(set(b"".join(p.read_bytes() for p in tmp_path.iterdir()).splitlines(keepends=True)))
    assert merged == expected and len(merged) > 1000
