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
def browser(chromium):
    """The session's Chromium (conftest.chromium), one launch for every picture test."""
    return chromium


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


@pytest.fixture(scope="module")
def transfers_page(pages, browser):
    """The 2018 transfers page (≈5 MB with plotly.js), opened once for the tests that read it."""
    page = Page(browser, pages["transfers"])
    yield page
    page.close()


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


SANKEY_GEOMETRY = """() => {
  const svg = document.querySelector('#sankey svg');
  const frame = svg.getBoundingClientRect();
  const bars = [...svg.querySelectorAll('rect.bar')].map(r => ({body: r.dataset.body,
      x: r.x.baseVal.value, y: r.y.baseVal.value, w: r.width.baseVal.value, h: r.height.baseVal.value}));
  const crossings = [];
  for (const band of svg.querySelectorAll('path.band')) {
    for (const b of bars) {
      if (b.body === band.dataset.from || b.body === band.dataset.to) continue;
      for (let i = 1; i < 4; i++) for (let j = 1; j < 8; j++) {
        const p = new DOMPoint(b.x + b.w * i / 4, b.y + b.h * j / 8);
        if (band.isPointInFill(p)) { crossings.push([band.dataset.from, band.dataset.to, b.body]); i = j = 99; }
      }
    }
  }
  const box = el => { const r = el.getBoundingClientRect(); return {text: el.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; };
  return {frame: {x0: frame.left, y0: frame.top, x1: frame.right, y1: frame.bottom}, crossings,
          bands: [...svg.querySelectorAll('path.band')].map(p => ({from: p.dataset.from, to: p.dataset.to, link: +p.dataset.link})),
          numbers: [...svg.querySelectorAll('text.number')].map(t => ({link: +t.dataset.link, ...box(t)})),
          labels: [...svg.querySelectorAll('g.node-label text, g.frame text')].map(box),
          legend: svg.querySelector('#sankey-legend') ? svg.querySelector('#sankey-legend').textContent : '',
          caption: svg.querySelector('g.caption') ? svg.querySelector('g.caption').textContent : '',
          receivers: [...svg.querySelectorAll('g.node-label')].map(g => ({body: g.dataset.body, text: g.textContent}))};
}"""


def _overlaps(boxes):
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 1 and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > 1]


def check_sankey(page, m):
    """What a reader of the Sankey relies on, read from the drawn page: no band runs through a
    body it does not connect, every flow has its number, every body is named, nothing overlaps
    or leaves the picture, the legend names every reorganisation, the caption its source."""
    g = page.page.evaluate(SANKEY_GEOMETRY)
    assert g["crossings"] == []
    assert len(g["bands"]) == len(m["links"])
    numbers = {n["link"]: n["text"] for n in g["numbers"]}
    assert numbers == {i: str(l["weight"]) for i, l in enumerate(m["links"])}
    named = {r["body"]: r["text"] for r in g["receivers"]}
    for l in m["links"]:
        for end in (l["from"], l["to"]):
            n = next(x for x in m["nodes"] if x["id"] == end)
            assert n["zh"] in named[end], end
    texts = g["labels"] + g["numbers"]
    assert _overlaps(texts) == []
    for t in texts:
        assert g["frame"]["x0"] - 0.5 <= t["x0"] and t["x1"] <= g["frame"]["x1"] + 0.5, t
        assert g["frame"]["y0"] - 0.5 <= t["y0"] and t["y1"] <= g["frame"]["y1"] + 0.5, t
    for l in m["links"]:
        assert l["event_zh"] in g["legend"] and l["date"] in g["legend"]
    assert "带宽与数字" in g["legend"] and "只划出" in g["legend"]
    assert g["caption"].startswith("来源") and "Source:" in g["caption"]
    return g


def test_transfers_2018_page(transfers_page, backend):
    m = model.transfers_model(backend, 2018)
    assert (len(m["nodes"]), len(m["links"])) == (12, 11)
    detail = model.transfers_model(backend, 2018, rollup=False)
    page = transfers_page
    assert page.errors == [] and page.remote == []
    # Sankey: one bar per body (departments apart), one band per flow
    assert page.count("#sankey rect.bar") == len(detail["nodes"]) == 19
    assert page.count("#sankey path.band") == len(detail["links"]) == 17
    check_sankey(page, detail)
    # departments framed with the NDRC; the bureau it manages outside the frame, marked
    frame = page.page.locator("#sankey g.frame[data-body='inst:ndrc']")
    assert "国家发展和改革委员会" in frame.text_content()
    inside = page.page.evaluate("""() => {
        const f = document.querySelector("#sankey g.frame[data-body='inst:ndrc'] rect").getBBox();
        return [...document.querySelectorAll('#sankey rect.bar')].filter(r => {
            const b = r.getBBox(); return b.x >= f.x && b.x + b.width <= f.x + f.width && b.y >= f.y && b.y + b.height <= f.y + f.height;
        }).map(r => r.dataset.body);
    }""")
    assert "dept:ndrc-price" in inside and "inst:state-bureau-material-reserve" not in inside
    assert page.count("#sankey rect.bar.bureau[data-body='inst:state-bureau-material-reserve']") == 1
    # network view: one arrow per flow, one marker per body
    assert page.count("#network g.annotation") == 11
    assert page.count("#network .scatterlayer .trace:nth-child(2) path.point") == 12

    # hovering a band shows its duties with their text and source, inside the window
    k = next(i for i, l in enumerate(detail["links"]) if l["from"] == "dept:ndrc-climate-change")
    band = page.page.locator(f"#sankey path.band[data-link='{k}']")
    band.scroll_into_view_if_needed()
    num = page.page.locator(f"#sankey text.number[data-link='{k}']").bounding_box()
    page.page.mouse.move(num["x"] + num["width"] / 2, num["y"] + num["height"] / 2, steps=2)
    hover = page.page.locator("#hover")
    hover.wait_for(state="visible")
    text = hover.inner_text()
    assert "生态环境部" in text and "应对气候变化" in text and "来源" in text
    hb = hover.bounding_box()
    assert hb["x"] >= 0 and hb["y"] >= 0 and hb["x"] + hb["width"] <= 1400 and hb["y"] + hb["height"] <= 1000

    # hovering a flow in the network view shows the duties, their text and source
    mee = next(i for i, l in enumerate(m["links"]) if l["to"] == "inst:mee")
    page.page.mouse.move(0, 0)
    page.page.locator("#hover").wait_for(state="hidden")
    page.hover(page.page.locator("#network .scatterlayer .trace:nth-child(1) path.point").nth(mee))
    hover.wait_for(state="visible")
    text = hover.inner_text()
    assert "生态环境部" in text and "应对气候变化" in text and "line 159" in text
    hb = hover.bounding_box()  # the whole box inside the window, not clipped by the plot
    assert hb["x"] >= 0 and hb["y"] >= 0 and hb["x"] + hb["width"] <= 1400 and hb["y"] + hb["height"] <= 1000
    assert page.count("#network .hoverlayer .hovertext") == 0  # no second, clippable plotly box


def test_language_buttons_switch_labels(transfers_page):
    page = transfers_page

    def shown():
        return page.page.evaluate("""() => [...document.querySelectorAll('#sankey g.node-label text, #sankey g.frame text')]
            .filter(t => getComputedStyle(t).display !== 'none').map(t => t.textContent)""")

    assert any("国家发展和改革委员会" in t for t in shown()) and any("Commission" in t for t in shown())
    page.page.click("button[data-lang='en']")
    en = shown()
    assert any("National Development and Reform Commission" in t for t in en)
    assert not any(re.search(r"[\u4e00-\u9fff]", t) for t in en)
    page.page.click("button[data-lang='zh']")
    assert not any("Commission" in t for t in shown())
    assert page.errors == []
    page.page.click("button[data-lang='both']")


def test_all_transfers_page(pages, open_page, backend):
    """Every reorganisation: bands crossing a layer go round the bodies in it (国家物资储备局 →
    国家粮食和物资储备局 never through the NDRC), each coloured as the legend says."""
    m = model.transfers_model(backend, None, rollup=False)
    page = open_page(pages["all"])
    assert page.errors == [] and page.remote == []
    assert page.count("#sankey rect.bar") == len(m["nodes"]) == 28
    assert page.count("#sankey path.band") == len(m["links"]) == 27
    check_sankey(page, m)
    colours = page.page.evaluate("""() => [...document.querySelectorAll('#sankey path.band')].map(
        p => [p.dataset.link, p.getAttribute('fill')])""")
    legend = page.page.evaluate("""() => [...document.querySelectorAll('#sankey-legend g.legend-item')].map(
        g => [g.querySelector('rect').getAttribute('fill'), g.textContent])""")
    for link, fill in colours:
        l = m["links"][int(link)]
        assert any(c == fill and l["event_zh"] in words for c, words in legend), (l["event_zh"], fill)


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
    """The org chart reads as a tree: the institution, then its own duties, its departments and
    the bureaus it manages, every body named with its number of duties, readable at first sight."""
    m = model.org_model(backend, "2025-01-01")
    assert len(m["nodes"]) == 1 + 27 + 3 + 156  # 国家粮食局 no longer retained after 2018
    page = open_page(pages["org"])
    assert page.errors == [] and page.remote == []
    shown = page.page.evaluate("""() => [...document.querySelectorAll('#org g.slice text.slicetext')]
        .filter(t => { const r = t.getBoundingClientRect(); return r.width > 4 && r.height > 4
                       && getComputedStyle(t).opacity !== '0'; })
        .map(t => t.textContent)""")
    for n in m["nodes"]:
        if n["kind"] in ("department", "bureau"):
            assert any(s.startswith(n["zh"]) and f"{n['duties']} 项职责" in s for s in shown), n["zh"]
    assert any(s.startswith("管理的国家局") for s in shown) and any(s.startswith("内设机构") for s in shown)
    box = page.page.evaluate("""() => {
        const s = [...document.querySelectorAll('#org g.slice')].find(
            g => g.querySelector('text.slicetext') && g.querySelector('text.slicetext').textContent.startsWith('价格司'));
        const r = s.querySelector('path.surface').getBoundingClientRect();
        return {x: r.x, y: r.y};
    }""")
    page.page.mouse.move(box["x"] + 6, box["y"] + 6)
    page.page.mouse.move(box["x"] + 8, box["y"] + 8, steps=2)
    page.page.locator("#hover").wait_for(state="visible")
    assert "价格司" in page.page.locator("#hover").inner_text() and "项职责" in page.page.locator("#hover").inner_text()


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


class _FakeSnapshot:
    """Just what the Sankey layout asks of a snapshot: departments, managers, labels."""
    unit_of = {"d:a1": "i:a"}
    institutions = {"i:b": {"managed_by": ["i:a"]}}
    events = {}
    transfers = []

    def institution_of(self, body):
        return self.unit_of.get(body, body)

    def label(self, body, lang="zh"):
        return body


def test_sankey_bands_run_forward_even_when_duties_come_back():
    """A gave to B in 2003 and B gave back to A in 2018, and a body gives to itself: every band
    still runs left to right (the receiver gets a second bar, named "again"), between bars only."""
    from govkg.viz import sankey

    def node(i, gave, received):
        return {"id": i, "zh": i, "en": i, "kind": "institution", "gave": gave, "received": received,
                "hover": i, "column": 0}

    def link(a, b, w, date):
        return {"from": a, "to": b, "weight": w, "date": date, "event": "e" + date, "event_zh": date,
                "event_en": date, "hover": "", "duties": []}

    m = {"nodes": [node("i:a", 3, 2), node("i:b", 3, 4), node("d:a1", 1, 0), node("i:c", 0, 1)],
         "links": [link("i:a", "i:b", 3, "2003"), link("i:b", "i:a", 2, "2018"), link("d:a1", "i:c", 1, "2018"),
                   link("i:b", "i:b", 1, "2018")]}
    lay = sankey.layout(m, _FakeSnapshot())
    assert [(b["from"], b["to"]) for b in lay["bands"]] == [(l["from"], l["to"]) for l in m["links"]]
    bars = lay["bars"]
    for band in lay["bands"]:
        for piece in band["pieces"]:
            assert piece["x1"] > piece["x0"]
            assert not [b for b in bars if piece["x0"] + 0.5 < b["x1"] and b["x0"] < piece["x1"] - 0.5]
    assert sum(1 for b in bars if b["id"] == "i:a") == 2 and sum(1 for b in bars if b["id"] == "i:b") == 2
    assert any("again" in " ".join(l["en"]) for l in lay["labels"])


def test_static_transfers_is_the_pages_sankey(tmp_path, backend):
    """`viz transfers -o t.svg` draws the same layout as the page: one band per flow with its
    tooltip in words, one number per flow, the framed departments, legend and source."""
    import xml.etree.ElementTree as ET

    out = tmp_path / "t.svg"
    viz("transfers", "--year", "2018", "-o", str(out))
    m = model.transfers_model(backend, 2018, rollup=False)
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.fromstring(out.read_bytes())
    groups = list(root.iter(f"{ns}g"))
    bands = [g for g in groups if "band" in (g.get("class") or "").split()]
    assert len(bands) == len(m["links"])
    titles = sorted(g.find(f"{ns}title").text for g in bands)
    assert titles == sorted(f"{next(n['zh'] for n in m['nodes'] if n['id'] == l['from'])} → "
                            f"{next(n['zh'] for n in m['nodes'] if n['id'] == l['to'])}，{l['date']}，{l['weight']} 项职责："
                            + "；".join(d["zh"] for d in l["duties"]) for l in m["links"])
    numbers = sorted(int(t.text) for g in groups if "number" in (g.get("class") or "").split() for t in g.iter(f"{ns}text"))
    assert numbers == sorted(l["weight"] for l in m["links"])
    texts = " ".join(t.text or "" for t in root.iter(f"{ns}text"))
    assert "国家发展和改革委员会 及其内设机构" in texts and "（发改委管理）" in texts
    assert "图例 Legend" in texts and "来源" in texts and "2018-03-17 2018年国务院机构改革" in texts


def test_lineage_page_filters_its_links(pages, open_page):
    """The lineage page filters predecessor → successor links (it has no duties to filter by)."""
    page = open_page(pages["lineage"])
    assert not page.page.locator("#f-domain").is_visible()
    total = int(page.page.evaluate("document.body.dataset.shown"))
    assert total >= 6 and f"showing {total} of {total} predecessor → successor links" in page.page.locator("#f-status").inner_text()
    page.page.select_option("#f-body", "inst:spc")
    assert int(page.page.evaluate("document.body.dataset.shown")) == 1  # 国家计划委员会 → 国家发展计划委员会


def test_a_reorganisation_has_one_colour_in_every_picture(backend):
    """2018 is drawn in the same colour in the 2018 Sankey, the all-years Sankey and the timeline."""
    from govkg.analysis.graphs import snapshot
    from govkg.viz import sankey
    from govkg.viz import timeline as T

    s = snapshot(backend)
    one = sankey.layout(model.transfers_model(backend, 2018, rollup=False), s)["colours"]
    every = sankey.layout(model.transfers_model(backend, None, rollup=False), s)["colours"]
    lanes = {ev["date"]: ev["colour"] for ev in T.timeline_model(backend)["events"]}
    assert one["event:2018-state-council-reform"] == every["event:2018-state-council-reform"] == lanes["2018-03-17"]
    assert len(set(every.values())) == len(every)  # and the reorganisations are told apart
