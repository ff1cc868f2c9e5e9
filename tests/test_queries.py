"""Named queries, `govkg query` and `govkg queries`: registry, typed parameters, formats, refusals."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import rdflib
from click.testing import CliRunner
from oxigraph_server import govkg_cache  # noqa: F401  (session fixture)
from rdf_compare import isomorphic

from govkg import named_queries
from govkg.cli import cli
from govkg.errors import InputError
from govkg.namespaces import PREFIXES
from govkg.sparql import EmbeddedBackend, query_form

GK = PREFIXES["gk"]
INST = PREFIXES["inst"]

#: parameters that make each shipped query return something on the bundled graph
SAMPLE_PARAMS = {
    "duties_of_body_on_date": {"body": "inst:ndrc", "date": "2010-01-01"},
    "holders_of_duty_on_date": {"duty": "duty:ndrc-2008-main-01", "date": "2010-01-01"},
    "transfers_of_reorganisation": {"reorganisation": "event:2018-state-council-reform"},
    "predecessors_and_successors": {"institution": "inst:ndrc"},
    "departments_of_institution": {"institution": "inst:ndrc"},
    "bodies_managed_by": {"body": "inst:ndrc"},
}
_DEFAULTS = {"iri": "inst:ndrc", "date": "2010-01-01", "string": "x", "integer": "1"}


def sample_params(query: named_queries.NamedQuery) -> dict[str, str]:
    """Parameters for a named query: the samples above, else a default per type."""
    given = SAMPLE_PARAMS.get(query.name, {})
    return {p.name: given.get(p.name, _DEFAULTS[p.type]) for p in query.params}


REGISTRY = named_queries.load_registry()


@pytest.fixture(autouse=True, scope="module")
def _private_cache(govkg_cache):  # noqa: F811
    """Every test here builds its graph cache in a temporary directory."""


@pytest.fixture(scope="module")
def backend(govkg_cache):  # noqa: F811
    from govkg.store import open_store

    return EmbeddedBackend(open_store())


def run(*args, input=None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


def values(rows, var):
    return {row[var].value for row in rows if var in row}


# ------------------------------------------------------------------ registry


def test_required_queries_are_shipped():
    required = {"duties_of_body_on_date", "holders_of_duty_on_date", "transfers_of_reorganisation",
                "predecessors_and_successors", "departments_of_institution", "bodies_managed_by",
                "check_duties_without_source"}
    assert required <= set(REGISTRY)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_named_query_is_well_formed(name):
    query = REGISTRY[name]
    assert query.summary, f"{name} has no summary"
    header = named_queries.parse_header(query.text)
    assert header.name == name, "the '#+ name:' header must equal the file stem"
    assert query_form(query.text) in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    for line in re.findall(r"(?im)^\s*PREFIX\s+(\w*):\s*<([^>]*)>", query.text):
        assert PREFIXES.get(line[0], line[1]) == line[1], f"{name}: prefix {line[0]} differs from the project's"
    used = set(re.findall(r"\b(\w+):\w", re.sub(r"<[^>]*>|\"[^\"]*\"|#[^\n]*", "", query.text)))
    declared = set(re.findall(r"(?im)^\s*PREFIX\s+(\w*):", query.text))
    assert used <= declared, f"{name} is not self-contained: undeclared prefixes {used - declared}"
    for param in query.params:
        assert param.type in named_queries.PARAM_TYPES
        body = query.text.split("\n#+", 1)[-1]
        assert re.search(rf"\?{param.name}\b", re.sub(r"(?m)^#.*$", "", body)), \
            f"{name}: parameter {param.name} is not used in the query"
    if query_form(query.text) == "SELECT":
        assert re.search(r"(?i)\bORDER\s+BY\b", query.text), f"{name}: a SELECT needs ORDER BY"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_named_query_runs_on_bundled_graph(name, backend):
    query = REGISTRY[name]
    result = backend.query(query.text, query.bind(sample_params(query)))
    if query.is_check:
        assert result.rows == [], f"check {name} found: {result.rows[:5]}"
    elif name in SAMPLE_PARAMS or not query.params:
        assert result.rows, f"{name} returned nothing with {sample_params(query)}"


def test_named_queries_content(backend):
    def rows(name, **params):
        query = REGISTRY[name]
        return backend.query(query.text, query.bind(params)).rows

    assert PREFIXES["duty"] + "ndrc-2008-main-01" in values(
        rows("duties_of_body_on_date", body="inst:ndrc", date="2010-01-01"), "duty")
    before_2003 = rows("duties_of_body_on_date", body="inst:ndrc", date="1990-01-01")
    # only assignments with no recorded start can be in force before the NDRC's 2008 mandate
    assert all("start" not in r for r in before_2003)
    assert PREFIXES["duty"] + "ndrc-2008-main-01" not in values(before_2003, "duty")
    assert INST + "ndrc" in values(
        rows("holders_of_duty_on_date", duty="duty:ndrc-2008-main-01", date="2010-01-01"), "holder")
    transfers = rows("transfers_of_reorganisation", reorganisation="event:2018-state-council-reform")
    assert transfers and all(r["date"].value == "2018-03-17" for r in transfers)
    lineage = rows("predecessors_and_successors", institution="inst:ndrc")
    predecessors = {r["body"].value: r["direct"].value for r in lineage if r["relation"].value == "predecessor"}
    assert predecessors[INST + "sdpc"] == "true" and predecessors[INST + "spc"] == "false"
    successors = {r["body"].value for r in rows("predecessors_and_successors", institution="inst:spc")
                  if r["relation"].value == "successor"}
    assert {INST + "sdpc", INST + "ndrc"} <= successors
    assert PREFIXES["dept"] + "ndrc-personnel" in values(
        rows("departments_of_institution", institution="inst:ndrc"), "department")
    assert {INST + "nea", INST + "sag"} <= values(rows("bodies_managed_by", body="inst:ndrc"), "managed")


def test_iri_parameter_accepts_curie_and_full_iri(backend):
    query = REGISTRY["bodies_managed_by"]
    by_curie = backend.query(query.text, query.bind({"body": "inst:ndrc"})).rows
    by_iri = backend.query(query.text, query.bind({"body": INST + "ndrc"})).rows
    assert by_curie == by_iri and by_curie


@pytest.mark.parametrize("params, message", [
    ({"body": "inst:ndrc", "date": "2023-02-30"}, "'date': '2023-02-30'"),
    ({"body": "inst:ndrc", "date": "2023-13-01"}, "'date': '2023-13-01'"),
    ({"body": "inst:ndrc", "date": "yesterday"}, "'date': 'yesterday'"),
    ({"body": "not an iri", "date": "2010-01-01"}, "'body'"),
    ({"body": "inst:ndrc> } ; DROP ALL #", "date": "2010-01-01"}, "'body'"),
    ({"body": "inst:ndrc"}, "missing parameter(s) date; declared parameters: body (iri), date (date)"),
    ({"body": "inst:ndrc", "date": "2010-01-01", "colour": "red"},
     "unknown parameter 'colour'; declared parameters: body (iri), date (date)"),
])
def test_bad_parameters_are_refused(params, message):
    with pytest.raises(InputError) as info:
        REGISTRY["duties_of_body_on_date"].bind(params)
    assert message in str(info.value)
    args = ["query", "duties_of_body_on_date"] + [f"--param={k}={v}" for k, v in params.items()]
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_header_errors():
    with pytest.raises(InputError, match="unknown type 'float'"):
        named_queries.parse_header("#+ params:\n#+   - x: float\nSELECT * {}", "q.rq")
    parsed = named_queries.parse_header("# a comment\n#+ summary: s\n#+ params:\n#+   - n: integer\nSELECT ?n {}")
    assert parsed.summary == "s" and parsed.params == [named_queries.Param("n", "integer")]
    assert named_queries.convert(parsed.params[0], "+7").value == "7"
    with pytest.raises(InputError, match="'n'"):
        named_queries.convert(parsed.params[0], "7.5")


# ------------------------------------------------------------------ parameter injection


def test_string_parameter_is_bound_as_data(tmp_path, govkg_cache):  # noqa: F811
    evil = '" } ; DROP ALL #'
    path = tmp_path / "echo.rq"
    path.write_text("#+ summary: echo a string\n#+ params:\n#+   - text: string\n"
                    "SELECT ?text ?len WHERE { BIND (STRLEN(?text) AS ?len) } ORDER BY ?text\n", encoding="utf-8")
    result = run("query", str(path), "--param", f"text={evil}", "--format", "json")
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.output)["results"]["bindings"]
    assert bindings == [{"text": {"type": "literal", "value": evil},
                         "len": {"type": "literal", "value": str(len(evil)),
                                 "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    # the graph is untouched
    count = run("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert int(count.output.splitlines()[1]) > 1000


# ------------------------------------------------------------------ formats

SELECT = ("SELECT ?i ?zh WHERE { ?i gk:managedBy inst:ndrc ; skos:prefLabel ?zh FILTER (LANG(?zh) = 'zh') } "
          "ORDER BY ?i")


def _expected_managed(backend):
    return [(r["i"].value, r["zh"].value) for r in backend.select(SELECT)]


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "markdown"])
def test_select_formats(fmt, backend):
    expected = _expected_managed(backend)
    assert expected
    result = run("query", "-e", SELECT, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["i", "zh"] and [tuple(r) for r in rows[1:]] == expected
    elif fmt == "tsv":
        lines = out.rstrip("\n").split("\n")
        assert lines[0] == "?i\t?zh"
        assert [tuple(line.split("\t")) for line in lines[1:]] == [(f"<{i}>", f'"{zh}"@zh') for i, zh in expected]
    elif fmt == "json":
        payload = json.loads(out)
        assert payload["head"]["vars"] == ["i", "zh"]
        assert [(b["i"]["value"], b["zh"]["value"]) for b in payload["results"]["bindings"]] == expected
        assert payload["results"]["bindings"][0]["zh"]["xml:lang"] == "zh"
        assert payload["results"]["bindings"][0]["i"]["type"] == "uri"
    elif fmt == "markdown":
        lines = out.rstrip("\n").split("\n")
        assert lines[0] == "| i | zh |" and lines[1] == "| --- | --- |"
        cells = [tuple(c.strip() for c in line.strip("|").split("|")) for line in lines[2:]]
        assert cells == [(i.replace(INST, "inst:"), zh) for i, zh in expected]
    else:  # table
        for i, zh in expected:
            assert i.replace(INST, "inst:") in out and zh in out


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "markdown"])
@pytest.mark.parametrize("answer", [True, False])
def test_ask_formats(fmt, answer):
    text = "ASK { inst:ndrc a gk:Institution }" if answer else "ASK { inst:ndrc a gk:Duty }"
    result = run("query", "-e", text, "--format", fmt)
    assert result.exit_code == (0 if answer else 1), result.output  # false: nothing found
    word = "true" if answer else "false"
    if fmt == "json":
        assert json.loads(result.output) == {"head": {}, "boolean": answer}
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(result.output))) == [["boolean"], [word]]
    else:
        assert word in result.output and "boolean" in result.output


CONSTRUCT = ("CONSTRUCT { ?i gk:managedBy ?m ; skos:prefLabel ?l } "
             "WHERE { ?i gk:managedBy ?m ; skos:prefLabel ?l }")


def _rdflib_graph(data: str, fmt: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data, format={"turtle": "turtle", "json-ld": "json-ld", "nt": "nt"}[fmt])


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
@pytest.mark.parametrize("text", [CONSTRUCT, "DESCRIBE inst:ndrc"])
def test_graph_formats(fmt, text, backend):
    import pyoxigraph as ox

    expected = rdflib.Graph().parse(
        data=ox.serialize(backend.query(text).triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    assert len(expected) > 3
    result = run("query", "-e", text, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert isomorphic(_rdflib_graph(result.output, fmt), expected)
    if fmt == "json-ld":
        doc = json.loads(result.output)
        assert "@context" in doc and any("label" in node for node in doc["@graph"])


def test_default_formats_in_a_pipe():
    assert json.loads(run("query", "-e", "ASK { ?s ?p ?o }").output)["boolean"] is True
    assert run("query", "-e", CONSTRUCT).output.startswith("@prefix")


@pytest.mark.parametrize("text, fmt", [(CONSTRUCT, "csv"), (SELECT, "turtle"), ("ASK { ?s ?p ?o }", "nt")])
def test_format_must_suit_the_query_form(text, fmt):
    result = run("query", "-e", text, "--format", fmt)
    assert result.exit_code == 2 and "--format" in result.output


# ------------------------------------------------------------------ sources of query text


def test_query_from_file_stdin_and_name(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(SELECT, encoding="utf-8")
    outputs = [run("query", str(path), "--format", "csv").output,
               run("query", "-", "--format", "csv", input=SELECT).output,
               run("query", "-e", SELECT, "--format", "csv").output]
    assert outputs[0] == outputs[1] == outputs[2] and outputs[0].count("\n") > 1
    named = run("query", "bodies-managed-by", "-p", "body=inst:ndrc", "--format", "csv")
    assert named.exit_code == 0 and "inst/nea" in named.output


@pytest.mark.parametrize("args, message", [
    (["no_such_query"], "no named query 'no_such_query'"),
    (["missing.rq"], "missing.rq: no such file"),
    ([], "no query given"),
    (["bodies_managed_by", "-e", "ASK {}"], "not both"),
    (["bodies_managed_by", "-p", "body"], "expected KEY=VALUE"),
])
def test_query_source_errors(args, message):
    result = run("query", *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_check_query_exits_1_when_it_finds_rows(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"<{PREFIXES['duty']}unsourced> a <{GK}Duty> .\n", encoding="utf-8")
    assert run("query", "check_duties_without_source", "--format", "csv").exit_code == 0
    result = run("query", "check_duties_without_source", "--data", str(bad), "--format", "csv")
    assert result.exit_code == 1 and "unsourced" in result.output


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://x/s> <http://x/p> 1 }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR DEFAULT",
    "DROP ALL",
    "PREFIX ex: <http://x/> # comment\nDELETE DATA { ex:s ex:p ex:o }",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CREATE GRAPH <http://x/g>",
])
def test_updates_are_refused(text):
    result = run("query", "-e", text)
    assert result.exit_code == 2
    assert "refused" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("text, position", [
    ("SELECT * WHERE { ?s ?p }", "1:25"),
    ("SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER (?o = )\n}", "at 5:2"),
    ("SELECT ?s\nWHERE {\n  ?s ?p ?o ..\n}", "at 4:2"),
])
def test_malformed_query_reports_position(text, position):
    result = run("query", "-e", text)
    assert result.exit_code == 2, result.output
    assert "syntax error" in result.output and position in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


# ------------------------------------------------------------------ govkg queries


def test_queries_lists_every_named_query():
    result = run("queries", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = {item["name"]: item for item in json.loads(result.output)}
    assert set(listed) == set(REGISTRY)
    assert listed["duties_of_body_on_date"]["params"] == [{"name": "body", "type": "iri"},
                                                          {"name": "date", "type": "date"}]
    assert listed["check_duties_without_source"]["check"] is True
    table = run("queries", "--format", "table")
    assert table.exit_code == 0 and "bodies_managed_by" in table.output and "body: iri" in table.output


def test_queries_shows_one_query():
    result = run("queries", "transfers-of-reorganisation")
    assert result.exit_code == 0 and "#+ name: transfers_of_reorganisation" in result.output
    assert run("queries", "nope").exit_code == 2
