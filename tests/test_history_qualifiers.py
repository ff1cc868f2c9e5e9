"""history says what the sources do not: year-only starts, inferred transfers, units not
recorded after a date, and the acts that exercise a duty."""

from __future__ import annotations

import json

from govkg.history import history
from tests.conftest import run


def test_a_2008_mandate_start_is_shown_as_the_year_with_its_basis(backend, runner):
    r = history(backend, "duty:ndrc-2008-main-03")
    (h,) = [h for h in r["holders"] if h["holder"]["iri"].endswith("/inst/ndrc")]
    assert (h["from"], h["from_shown"], h["start_precision"]) == ("2008-03-15", "2008", "year")
    assert "August 2008" in h["start_basis"]
    text = run(runner, "history", "duty:ndrc-2008-main-03", "--format", "text").output
    assert "2008 (exact day not in the sources)" in text and "2008-03-15" not in text


def test_inferred_transfers_are_marked(backend, runner):
    r = history(backend, "duty:comprehensive-economic-management")
    assert [t["inferred"] for t in r["transfers"]] == [True, True]
    assert all(t["inference_basis"] for t in r["transfers"])
    assert not any(t["inferred"] for t in history(backend, "duty:price-supervision-and-antimonopoly")["transfers"])


def test_a_unit_not_recorded_after_2018_says_so(backend, runner):
    r = history(backend, "dept:ndrc-price-supervision")
    assert r["not_recorded_after"] == "2018-03-17" and r["timeline"][-1]["what"] == "not recorded after"
    assert history(backend, "dept:ndrc-price")["not_recorded_after"] is None
    text = run(runner, "history", "dept:ndrc-price-supervision", "--format", "text").output
    assert "not recorded after 2018-03-17" in text


def test_acts_are_shown_under_the_duty_they_exercise(backend, runner):
    r = history(backend, "duty:ndrc-2008-main-05")
    dates = [a["date"] for a in r["acts"]]
    assert dates[:2] == ["2008-07", "2008-07"] and None in dates  # the expressway approval has no date
    data = json.loads(run(runner, "history", "duty:ndrc-economic-system-reform-01", "--format", "json").output)
    assert {a["by"]["iri"].rsplit("/", 1)[1] for a in data["acts"]} == {"ndrc-economic-system-reform"}
    assert not history(backend, "duty:ndrc-2008-main-11")["acts"]
