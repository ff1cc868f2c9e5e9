"""The plan picture (`govkg viz plan -o FILE.html`) opened offline in Debian's headless Chromium.

It must draw every body, task and platform of the plan (the same counts `govkg plan` reports),
show the tasks whose body the plan does not name as coming from "未载明责任主体", fetch nothing
from the network, and switch its labels between Chinese and English.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from govkg.cli import cli

LOCAL = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("plan") / "plan.html"
    result = CliRunner().invoke(cli, ["viz", "plan", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def page(page_file, chromium):
    """The plan page in the session's Chromium (conftest.chromium)."""
    pg = chromium.new_page()
    pg.errors, pg.remote = [], []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            pg.remote.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.goto(page_file.as_uri())
    pg.wait_for_selector("body[data-ready='1']", timeout=60_000)
    yield pg
    pg.close()


def test_plan_picture_draws_every_body_task_and_platform(page):
    from govkg.plan import plan_report
    from govkg.sparql import open_backend
    from govkg.viz.plan import plan_model

    backend = open_backend()
    m = plan_model(backend)
    counts = plan_report(backend)["counts"]
    assert sum(1 for n in m["nodes"] if n["column"] == 1) == counts["tasks"]
    plot = page.locator("#plan")
    assert int(plot.get_attribute("data-nodes")) == len(m["nodes"])
    assert int(plot.get_attribute("data-links")) == len(m["links"])
    texts = page.locator("#plan g.textpoint text").all_text_contents()
    assert len(texts) == len(m["nodes"])
    assert "未载明责任主体" in texts and "穗好办" in texts and "广州市政务服务数据管理局" in texts
    assert not page.errors and not page.remote


def test_plan_picture_switches_to_english_and_hovers(page):
    page.locator("button[data-lang='en']").click()
    texts = page.locator("#plan g.textpoint text").all_text_contents()
    assert "Suihaoban government services app" in texts and "穗好办" not in texts
    point = page.locator("#plan g.textpoint text", has_text="Suihaoban government services app").first
    box = point.bounding_box()
    page.mouse.move(box["x"] - 8, box["y"] + box["height"] / 2)
    page.mouse.move(box["x"] - 6, box["y"] + box["height"] / 2, steps=3)
    page.wait_for_timeout(300)
    hover = "\n".join(t or "" for t in page.locator(".hoverlayer").all_text_contents())
    assert "tasks" in hover and "municipal" in hover
    page.locator("button[data-lang='zh']").click()
