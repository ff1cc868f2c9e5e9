"""``govkg source``: a citation can be opened — document title, locator, the lines around it."""

from __future__ import annotations

import json

from tests.conftest import run


def _json(runner, *args):
    result = run(runner, "source", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_quote_opens_with_its_document_locator_and_context(runner, source_lines):
    r = _json(runner, "src:L95", "--context", "1")
    assert r["kind"] == "quote" and r["text"] == source_lines[94].strip()
    assert r["document"]["file"] == "000_5877207f3088a5d6.txt" and r["document"]["label_zh"]
    assert r["locator"] == "line 95"
    lines = [c["line"] for c in r["context"]]
    assert lines == [93, 95, 97]  # the nearest non-empty lines (the source separates paragraphs by blanks)
    assert [c["text"] for c in r["context"] if c["cited"]] == [source_lines[94]]
    assert any(c["iri"].endswith("/dept/ndrc-price-supervision") for c in r["cited_by"])


def test_the_short_and_full_forms_name_the_same_passage(runner):
    full = _json(runner, "https://w3id.org/govkg/id/source/L95", "--context", "0")
    short = _json(runner, "L95", "--context", "0")
    assert full == short and [c["line"] for c in short["context"]] == [95]


def test_a_reference_paraphrase_is_shown_as_a_paraphrase_with_its_section(runner, backend):
    row = backend.select("""SELECT ?p WHERE { ?p gk:paraphrase ?t ; gk:inDocument src:doc-govkg-reference }
                            ORDER BY ?p LIMIT 1""")[0]
    r = _json(runner, row["p"].value)
    assert r["kind"] == "paraphrase" and r["locator"].startswith("§")
    assert r["document"]["file"] == "reference.md" and r["context"]
    text = run(runner, "source", row["p"].value, "--format", "text").output
    assert "paraphrase (not the document's wording)" in text and "govkg reference notes" in text


def test_unknown_or_malformed_passages_are_one_line_errors(runner):
    for bad in ("src:L99999", "L95; DROP ALL", "src:"):
        result = run(runner, "source", bad)
        assert result.exit_code == 2, (bad, result.output)
        assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert run(runner, "source", "L95", "--context", "99").exit_code == 2
