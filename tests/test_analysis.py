"""Analyses on the bundled graph: exact figures (govkg.analysis and `govkg analyze`)."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from govkg.analysis import graphs, reports
from govkg.cli import cli
from govkg.sparql import open_backend

RECEIVERS_2018 = {"inst:mnr", "inst:mee", "inst:mara", "inst:nao", "inst:samr", "inst:nhsa", "inst:nfsra"}


@pytest.fixture(scope="module")
def backend():
    return open_backend()


# ------------------------------------------------------------------ transfer network


def test_2018_network_ndrc_gives_to_seven_bodies(backend):
    g = graphs.transfer_network(backend, year=2018)
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.successors("inst:ndrc")) == RECEIVERS_2018
    weights = {v: d["weight"] for _, v, d in g.out_edges("inst:ndrc", data=True)}
    # the clauses carved out of main duties (三)(五)(七)(八)(十) and the 减排 parts of line 81 move too
    assert weights == {"inst:mee": 12, "inst:samr": 7, "inst:nao": 6, "inst:mnr": 3, "inst:nfsra": 3,
                       "inst:mara": 1, "inst:nhsa": 1}
    # the other 2018 givers: the material-reserve bureau and three ministries
    assert {u for u, _ in g.in_edges("inst:mara")} == {"inst:ndrc", "inst:mof", "inst:mlr", "inst:mwr"}
    assert g.number_of_nodes() == 12 and g.number_of_edges() == 11
    # departments are rolled up but kept on each duty
    mee = g.edges["inst:ndrc", "inst:mee", "event:2018-state-council-reform"]
    assert sum(d["from"] == "dept:ndrc-climate-change" for d in mee["duties"]) == 8
    assert "dept:ndrc-climate-change" in g.nodes["inst:ndrc"]["units"]


def test_department_level_network(backend):
    g = graphs.transfer_network(backend, year=2018, rollup=False)
    assert g.edges["dept:ndrc-climate-change", "inst:mee", "event:2018-state-council-reform"]["weight"] == 8
    assert g.edges["dept:ndrc-price-supervision", "inst:samr", "event:2018-state-council-reform"]["weight"] == 6
    # mee (main duty 11, the 减排 clause of (十)), mara, and the clauses carved out of (三)(五)(七)(八)
    assert set(g.successors("inst:ndrc")) == {"inst:mee", "inst:mara", "inst:samr", "inst:nao", "inst:mnr",
                                              "inst:nfsra"}


def test_transfers_report_2018(backend):
    r = reports.transfers_report(backend, 2018)
    (ev,) = r["reorganisations"]
    assert (ev["event"], ev["date"], ev["transfers"], ev["duties"]) == (
        "event:2018-state-council-reform", "2018-03-17", 39, 35)
    assert ev["top_gainer"]["id"] == "inst:mee" and ev["top_gainer"]["gained"] == 12
    assert ev["top_loser"]["id"] == "inst:ndrc" and ev["top_loser"]["lost"] == 33
    out = r["outflows"]
    assert out["receiver_count"] == 7
    assert {x["id"] for x in out["receivers"]} == RECEIVERS_2018
    assert (out["duties"], out["transfers"]) == (35, 36)
    nfsra = next(x for x in out["receivers"] if x["id"] == "inst:nfsra")
    assert (nfsra["duties"], nfsra["transfers"]) == (5, 6)
    assert {g["id"] for g in nfsra["givers"]} == {"dept:ndrc-economy-trade", "inst:state-bureau-material-reserve",
                                                  "inst:ndrc"}
    # every duty has its text and a source passage
    for flow in ev["flows"]:
        for duty in flow["duties"]:
            assert duty["text"] and duty["sources"] and duty["sources"][0]["locator"]
    json.dumps(r, ensure_ascii=False)


def test_transfers_report_all_years(backend):
    r = reports.transfers_report(backend)
    got = [(e["event"], e["transfers"], e["duties"], e["top_gainer"]["id"], e["top_loser"]["id"])
           for e in r["reorganisations"]]
    assert got == [
        ("event:1998-state-council-reform", 1, 1, "inst:sdpc", "inst:spc"),
        ("event:2003-state-council-reform", 10, 10, "inst:ndrc", "inst:setc"),
        ("event:2008-state-council-reform", 3, 3, "inst:miit", "inst:ndrc"),
        ("event:2018-state-council-reform", 39, 35, "inst:mee", "inst:ndrc"),
        ("event:2023-institutional-reform", 7, 5, "inst:nda", "inst:ndrc"),
    ]


# ------------------------------------------------------------------ lineage


def test_ndrc_lineage_has_three_names(backend):
    g = graphs.lineage_graph(backend)
    lin = graphs.lineage_of(g, "inst:ndrc")
    assert lin["main_line"] == ["inst:spc", "inst:sdpc", "inst:ndrc"]
    # 国家经济贸易委员会 gave part of its duties (transfers), it is not a predecessor
    assert set(lin["merged_in"]) == {"inst:scores"}
    r = reports.lineage_report(backend)
    names = [n["zh"] for n in r["lineages"]["inst:ndrc"]["names"]]
    assert names == ["国家计划委员会", "国家发展计划委员会", "国家发展和改革委员会"]
    assert g.edges["inst:spc", "inst:sdpc"]["event"] == "event:1998-state-council-reform"
    assert g.edges["inst:sdpc", "inst:ndrc"]["date"] == "2003-03-10"
    assert g.edges["inst:serc", "inst:nea"]["date"] == "2013-03-14"
    assert [n["id"] for n in r["lineages"]["inst:nfsra"]["names"]] == ["inst:sag", "inst:nfsra"]
    assert set(g.predecessors("inst:nfsra")) == {"inst:sag", "inst:state-bureau-material-reserve"}
    assert g.edges["inst:mlr", "inst:mnr"]["date"] == "2018-03-17"
    assert g.number_of_nodes() == 11 and g.number_of_edges() == 7


# ------------------------------------------------------------------ organisation tree


def test_org_tree_2010_and_2025(backend):
    r2010 = reports.org_report(backend, "2010-01-01")
    assert r2010["counts"]["departments"] == 30
    assert {b["id"] for b in r2010["bureaus"]} == {"inst:nea", "inst:sag", "inst:state-bureau-material-reserve"}
    r2025 = reports.org_report(backend, "2025-01-01")
    # 国家粮食局 was no longer retained in 2018 (reference §7): not a bureau in 2025, and the
    # NDRC's management of it (one of its own duties in 2010) has ended
    assert r2025["counts"] == {"departments": 27, "bureaus": 3, "own_duties": 30, "department_duties": 116,
                               "duties_in_tree": 156}
    assert {b["id"] for b in r2025["bureaus"]} == {"inst:nda", "inst:nea", "inst:nfsra"}
    depts = {d["id"] for d in r2025["departments"]}
    assert "dept:ndrc-climate-change" not in depts and "dept:ndrc-price" in depts
    g = graphs.org_tree(backend, "2025-01-01", "inst:ndrc")
    assert g.edges["inst:ndrc", "inst:nea"]["relation"] == "manages"
    assert g.edges["inst:ndrc", "dept:ndrc-price"]["relation"] == "unit"


def test_org_tree_before_founding_is_an_error(backend):
    from govkg.errors import InputError

    with pytest.raises(InputError, match="did not exist on 1990-01-01"):
        graphs.org_tree(backend, "1990-01-01", "inst:ndrc")


# ------------------------------------------------------------------ duty-domain view


def test_domain_centrality_and_communities(backend):
    g = graphs.domain_graph(backend)
    assert (g.number_of_nodes(), g.number_of_edges()) == (30, 45)
    r = reports.domains_report(backend)
    top = [(x["id"], x["strength"]) for x in r["top"][:3]]
    # the 减排 clauses carved out of 资源节约和环境保护司's line 81 are climate-change duties
    assert top == [("dept:ndrc-development-planning", 8), ("dept:ndrc-resource-conservation", 8),
                   ("dept:ndrc-climate-change", 7)]
    assert r["top"][0]["zh"] == "发展规划司"
    assert len(r["communities"]) == 11
    admin = {"dept:ndrc-general-office", "dept:ndrc-party-committee", "dept:ndrc-personnel",
             "dept:ndrc-policy-studies", "dept:ndrc-retired-cadres"}
    assert any({d["id"] for d in c["departments"]} == admin for c in r["communities"])
    edge = g.edges["dept:ndrc-economic-operation", "dept:ndrc-economy-trade"]
    assert edge["shared_domains"] == ["domain:trade-and-reserves"] and edge["co_responsible"] == 1


# ------------------------------------------------------------------ summary


def test_summary_2008_to_2025(backend):
    r = reports.summary_report(backend, end="2025-01-01")
    assert (r["duties_start"], r["duties_end"], r["change"]) == (178, 146, -32)
    changes = {c["event"]: (c["duties_out"], c["duties_in"]) for c in r["reorganisations"]}
    assert changes == {"event:2018-state-council-reform": (33, 0), "event:2023-institutional-reform": (4, 1)}
    climate = next(d for d in r["domains"] if d["id"] == "domain:climate-change")
    assert (climate["before"], climate["after"], climate["change"]) == (13, 1, -12)
    assert len(r["duties_gone"]) == 38 and len(r["duties_new"]) == 6


# ------------------------------------------------------------------ CLI


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_analyze_transfers_json():
    result = run("analyze", "transfers", "--year", "2018", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["outflows"]["receiver_count"] == 7
    assert "生态环境部" in result.output  # Chinese kept readable


@pytest.mark.parametrize("topic", ["summary", "transfers", "lineage", "org", "domains"])
def test_cli_analyze_every_topic_as_table(topic):
    result = run("analyze", topic, "--format", "table")
    assert result.exit_code == 0, result.output
    assert "国家发展和改革委员会" in result.output or "发展规划司" in result.output


def test_cli_default_topic_is_summary():
    data = json.loads(run("analyze", "--format", "json", "--on", "2025-01-01").output)
    assert data["duties_start"] == 178 and data["duties_end"] == 146


@pytest.mark.parametrize("args, message", [
    (["analyze", "org", "--on", "2018-02-30"], "--on: '2018-02-30' is not a calendar date"),
    (["analyze", "org", "--body", "inst:nowhere"], "inst:nowhere: no institution"),
    (["analyze", "org", "--body", "not a body"], "not a body: no institution"),
    (["analyze", "transfers", "--year", "20180"], "--year: not a plausible year: 20180"),
    (["analyze", "--data", "/nonexistent/x.ttl"], "/nonexistent/x.ttl"),
])
def test_cli_bad_input_exit_2(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_org_says_not_recorded_for_units_the_sources_stop_recording(backend):
    before = reports.org_report(backend, "2010-01-01")
    assert before["not_recorded"] == []
    assert "dept:ndrc-price-supervision" in {d["id"] for d in before["departments"]}
    after = reports.org_report(backend, "2020-01-01")
    silent = {u["id"]: u["not_recorded_after"] for u in after["not_recorded"]}
    assert silent == {"dept:ndrc-price-supervision": "2018-03-17", "dept:ndrc-climate-change": "2018-03-17",
                      "dept:ndrc-key-project-inspectors": "2018-03-17"}
    assert not silent.keys() & {d["id"] for d in after["departments"]}
    text = run("analyze", "org", "--on", "2020-01-01", "--format", "table").output
    assert text.count("not recorded after 2018-03-17") == 3
