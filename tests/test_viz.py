"""Pictures: HTML pages checked in real headless Chromium, SVG/PNG checked for content.

Chromium is Debian's (/usr/bin/chromium, installed by .ci/run), driven by Playwright without
a browser download. Static pictures need Graphviz and a CJK font (graphviz, fonts-noto-cjk).
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.cli import cli
from govkg.sparql import open_backend
from govkg.viz import model

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL = ("file:", "data:", "blob:", "about:")


def viz(*args):
    result = CliRunner().invoke(cli, ["viz", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def backend():
    return open_backend()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    files = {"transfers": out / "t.html", "all": out / "all.html", "lineage": out / "l.html", "org": out / "o.html"}
    viz("transfers", "--year", "2018", "-o", str(files["transfers"]))
    viz("transfers", "--all", "-o", str(files["all"]))
    viz("lineage", "-o", str(files["lineage"]))
    viz("org", "--on", "2025-01-01", "-o", str(files["org"]))
    return files


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed (apt-get install chromium)"
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


class Page:
    """A page opened offline, recording console errors and any request leaving the machine."""

    def __init__(self, context, path):
        self.errors, self.remote = [], []
        self.page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(Path(path).as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=60_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()

    def hover(self, locator):
        """Move the mouse over an element (plotly's drag layer sits on top of scatter points)."""
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        self.page.mouse.move(box["x"] + box["width"] / 2 - 5, box["y"] + box["height"] / 2)
        self.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)

    def count(self, selector):
        return self.page.locator(selector).count()

    def hover_text(self):
        return "\n".join((t or "" for t in self.page.locator(".hoverlayer").all_text_contents()))

    def close(self):
        self.page.close()


@pytest.fixture
def open_page(browser):
    opened = []

    def _open(path):
        page = Page(browser, path)
        opened.append(page)
        return page

    yield _open
    for page in opened:
        page.close()


# ------------------------------------------------------------------ HTML in Chromium


def test_transfers_2018_page(pages, open_page, backend):
    m = model.transfers_model(backend, 2018)
    assert (len(m["nodes"]), len(m["links"])) == (12, 11)
    ndrc_out = [l for l in m["links"] if l["from"] == "inst:ndrc"]
    assert len(ndrc_out) == 7

    page = open_page(pages["transfers"])
    assert page.errors == [] and page.remote == []
    # Sankey: one node per body, one link per flow
    assert page.count("#sankey g.sankey-node") == 12
    assert page.count("#sankey path.sankey-link") == 11
    # network view: one arrow per flow, one marker per body
    assert page.count("#network g.annotation") == 11
    assert page.count("#network .scatterlayer .trace:nth-child(2) path.point") == 12
    assert page.page.get_attribute("#sankey", "data-nodes") == "12"
    # a legend for every colour, and a caption naming the source and the date
    legend = page.page.locator("#legend").inner_text()
    assert "2018年国务院机构改革" in legend and "只划入" in legend and "number of duties" in legend
    assert "来源" in page.page.locator("p.caption").inner_text()

    # hovering a body shows its label
    ndrc = next(i for i, n in enumerate(m["nodes"]) if n["id"] == "inst:ndrc")
    page.page.locator("#sankey g.sankey-node").nth(ndrc).locator("rect").hover()
    page.page.wait_for_selector("#sankey .hoverlayer .hovertext")
    assert "国家发展和改革委员会" in page.hover_text() and "gave: 33" in page.hover_text()

    # hovering a flow in the network view shows the duties, their text and source
    mee = next(i for i, l in enumerate(m["links"]) if l["to"] == "inst:mee")
    page.hover(page.page.locator("#network .scatterlayer .trace:nth-child(1) path.point").nth(mee))
    page.page.wait_for_selector("#network .hoverlayer .hovertext")
    text = page.hover_text()
    assert "生态环境部" in text and "应对气候变化" in text and "line 159" in text


def test_language_buttons_switch_labels(pages, open_page):
    page = open_page(pages["transfers"])
    labels = lambda: page.page.locator("#sankey g.sankey-node text").all_text_contents()  # noqa: E731
    assert any("国家发展和改革委员会" in t for t in labels())
    page.page.click("button[data-lang='en']")
    en = labels()
    assert any("National Development and Reform Commission" in t for t in en)
    assert not any(re.search(r"[\u4e00-\u9fff]", t) for t in en)
    page.page.click("button[data-lang='zh']")
    assert not any("Commission" in t for t in labels())
    assert page.errors == []


def test_all_transfers_page(pages, open_page, backend):
    m = model.transfers_model(backend, None)
    page = open_page(pages["all"])
    assert page.errors == [] and page.remote == []
    assert page.count("#sankey g.sankey-node") == len(m["nodes"]) == 21
    assert page.count("#sankey path.sankey-link") == len(m["links"]) == 21


def test_lineage_page(pages, open_page, backend):
    """The lineage is drawn on the timeline's axis: a lane per institution, grey successor arrows."""
    from govkg.viz import timeline

    m = timeline.timeline_model(backend, lineage_only=True)
    page = open_page(pages["lineage"])
    assert page.errors == [] and page.remote == []
    assert page.count("#figure g.edge.arrow") == len(m["arrows"]) >= 6
    names = page.page.locator("#figure g.lane-label text").all_text_contents()
    assert len(names) == len(m["lanes"]) >= 9 and any("国家计划委员会" in n for n in names)
    ticks = [int(t) for t in page.page.locator("#figure g.tick text").all_text_contents()]
    assert min(ticks) == 1952 and max(ticks) <= int(timeline.today()[:4])  # not running to 2040


def test_org_page(pages, open_page, backend):
    m = model.org_model(backend, "2025-01-01")
    assert len(m["nodes"]) == 1 + 27 + 3 + 156  # 国家粮食局 no longer retained after 2018
    page = open_page(pages["org"])
    assert page.errors == [] and page.remote == []
    assert page.count("#org g.slice") == len(m["nodes"])
    box = page.page.evaluate("""() => {
        const s = [...document.querySelectorAll('#org g.slice')].find(
            g => g.querySelector('text.slicetext') && g.querySelector('text.slicetext').textContent === '价格司');
        const r = s.querySelector('path.surface').getBoundingClientRect();
        return {x: r.x, y: r.y};
    }""")
    page.page.mouse.move(box["x"] + 6, box["y"] + 6)
    page.page.mouse.move(box["x"] + 8, box["y"] + 8, steps=2)
    page.page.wait_for_selector("#org .hoverlayer .hovertext")
    assert "价格司" in page.hover_text()


def test_page_embeds_plotly_and_references_nothing_remote(pages):
    text = pages["transfers"].read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", text) and not re.search(r"<link[^>]+href=", text)
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert len(text) > 1_000_000  # plotly.js is inside


# ------------------------------------------------------------------ static pictures


def _png_pixels_vary(path: Path) -> bool:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    assert width > 200 and height > 100
    return len(set(raw)) > 16  # a blank picture has a handful of byte values at most


@pytest.mark.parametrize("kind, args, expected", [
    ("transfers", ["--year", "2018"], ["国家发展和改革委员会", "生态环境部", "国家医疗保障局", "价格司",
                                    "图例 Legend", "来源"]),
    ("transfers", ["--all"], ["国家经济贸易委员会", "国家数据局", "2018年国务院机构改革"]),
    ("lineage", [], ["国家计划委员会", "国家发展计划委员会", "国家发展和改革委员会"]),
    ("org", ["--on", "2025-01-01"], ["国家发展和改革委员会", "价格司", "国家数据局"]),
])
def test_svg_has_chinese_text(tmp_path, kind, args, expected):
    out = tmp_path / f"{kind}.svg"
    viz(kind, *args, "-o", str(out))
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    texts = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    for word in expected:
        assert word in texts, word
    assert "Noto Sans CJK SC" in svg


def test_default_transfers_svg_is_2018(tmp_path):
    out = tmp_path / "t.svg"
    viz("transfers", "-o", str(out))
    svg = out.read_text(encoding="utf-8")
    assert "2018年国务院机构改革" in svg and "国家数据局" not in svg


@pytest.mark.parametrize("kind", ["transfers", "lineage", "org"])
def test_png_is_not_blank(tmp_path, kind):
    out = tmp_path / f"{kind}.png"
    viz(kind, "-o", str(out))
    assert out.stat().st_size > 10_000
    assert _png_pixels_vary(out)


def test_cjk_font_is_installed():
    """Static pictures need a CJK font (Debian: fonts-noto-cjk), else Chinese is drawn as boxes."""
    import subprocess

    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    assert "Noto Sans CJK SC" in fonts


@pytest.mark.parametrize("args, message", [
    (["transfers", "-o", "x.pdf"], "cannot tell the format from '.pdf'"),
    (["org", "--on", "yesterday", "-o", "x.svg"], "--on: 'yesterday' is not a calendar date"),
    (["transfers", "--year", "1990", "-o", "x.svg"], "no duty transfers recorded for 1990"),
    (["transfers", "--all", "--year", "2018", "-o", "x.svg"], "--all and --year cannot be combined"),
])
def test_viz_bad_input_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["viz", *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
