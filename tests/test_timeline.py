"""The timeline of duties, checked as a reader sees it: in Chromium, in the SVG, in the PNG.

One browser for the whole session (conftest.chromium), small pictures where the check allows (a few years).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.cli import cli
from govkg.viz import timeline as T

from test_viz import Page, _png_pixels_vary  # shared helpers

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"


def viz(*args):
    result = CliRunner().invoke(cli, ["viz", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    out = tmp_path_factory.mktemp("timeline")
    files = {"html": out / "t.html", "svg": out / "t.svg", "small": out / "small.svg"}
    viz("timeline", "-o", str(files["html"]))
    viz("timeline", "-o", str(files["svg"]))
    viz("timeline", "--since", "2017", "--until", "2019", "--body", "发改委", "-o", str(files["small"]))
    return files


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


BOXES = """() => {
  const svg = document.querySelector('#figure svg');
  const frame = svg.getBoundingClientRect();
  const out = [];
  for (const t of svg.querySelectorAll('text')) {
    const r = t.getBoundingClientRect();
    const g = t.closest('g.node');
    out.push({text: t.textContent, cls: g ? g.getAttribute('class') : '', x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
  }
  return {frame: {x0: frame.left, y0: frame.top, x1: frame.right, y1: frame.bottom}, texts: out};
}"""


def test_timeline_in_chromium_reads_without_overlaps(drawn, browser, backend):
    m = T.timeline_model(backend)
    page = Page(browser, drawn["html"])
    try:
        assert page.errors == [] and page.remote == []
        boxes = page.page.evaluate(BOXES)
        texts = boxes["texts"]
        frame = boxes["frame"]
        shown = {t["text"] for t in texts}
        # every receiver and every giver is named on its lane
        for a in m["arrows"]:
            for end in (a["from"], a["to"]):
                lane = next(l for l in m["lanes"] if l["id"] == end)
                assert any(lane["zh"] in t for t in shown), lane["zh"]
        # the legend explains every colour: each reorganisation, the kinds of body, dashed bars
        assert "图例 Legend" in shown
        for ev in m["events"]:
            assert any(ev["zh"] in t and ev["date"] in t for t in shown), ev
        assert any("not recorded" in t for t in shown) and any("arrow width" in t for t in shown)
        assert any(t.startswith("来源") for t in shown) and any(t.startswith("Source:") for t in shown)
        # no label is cut off by the picture's edge, and no two texts overlap
        for t in texts:
            assert t["x0"] >= frame["x0"] - 0.5 and t["x1"] <= frame["x1"] + 0.5, t
            assert t["y0"] >= frame["y0"] - 0.5 and t["y1"] <= frame["y1"] + 0.5, t
        overlaps = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:]
                    if min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 1.5
                    and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > 1.5]
        assert overlaps == []
        # the years of the five reorganisations are on the axis
        ticks = {t["text"] for t in texts if "tick" in t["cls"]}
        assert {"1952", "1998", "2003", "2008", "2018", "2023"} <= ticks
        assert max(int(y) for y in ticks) <= int(T.today()[:4])
        # a screenshot shows every reorganisation's colour (arrows and legend drawn, not blank)
        shot = page.page.screenshot(full_page=True)
        colours = _colours(browser, shot)
        for ev in m["events"]:
            assert _near(colours, ev["colour"]), ev
        # hovering an arrow shows the duty and its source passage
        k = next(i for i, a in enumerate(m["arrows"]) if a["to"] == "inst:nhsa")
        arrow = page.page.locator(f"#figure g#arrow{k} polygon").first  # the arrow head
        arrow.scroll_into_view_if_needed()
        box = arrow.bounding_box()
        page.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=2)
        hover = page.page.locator("#hover")
        hover.wait_for(state="visible")
        text = hover.inner_text()
        assert "国家医疗保障局" in text and "药品和医疗服务价格管理" in text and "来源 source" in text
    finally:
        page.close()


def test_in_page_filters_match_the_cli_filters(drawn, browser, backend):
    """The page's body / domain / year controls show the transfers the CLI's --body, --domain,
    --since would draw (the same rule), and fade the rest; lane names say what the sources record."""
    m = T.timeline_model(backend)
    s = T.graphs.snapshot(backend)
    domain = sorted(T._match_domains(s, ("价格",)))[0]
    page = Page(browser, drawn["html"])

    def shown():
        return int(page.page.evaluate("document.body.dataset.shown"))

    def count(**kw):
        return sum(1 for a in T.timeline_model(backend, **kw)["arrows"] if a["kind"] == "transfer")

    try:
        total = sum(1 for a in m["arrows"] if a["kind"] == "transfer")
        assert shown() == total
        page.page.select_option("#f-domain", domain)
        assert shown() == count(domains=(domain,)) < total
        visible = page.page.evaluate("""() => [...document.querySelectorAll('#figure g.edge.arrow')]
            .filter(g => !g.classList.contains('faded')).length""")
        assert visible == shown()
        labels = page.page.evaluate("""() => [...document.querySelectorAll('#figure g.arrow-label')]
            .filter(g => !g.classList.contains('hidden')).map(g => g.textContent.trim())""")
        assert labels and all("价格" in text or "药品" in text for text in labels), labels
        page.page.click("#f-reset")
        assert shown() == total
        page.page.select_option("#f-body", "inst:nda")
        assert shown() == count(body="inst:nda")
        page.page.click("#f-reset")
        page.page.fill("#f-since", "2020")
        page.page.dispatch_event("#f-since", "input")
        assert shown() == count(since=2020)
        assert f"showing {shown()} of {total}" in page.page.locator("#f-status").inner_text()
        # a lane's name: what the sources record about the body
        lane = page.page.locator("#figure g[id='lane:inst:nao'] text")
        lane.scroll_into_view_if_needed()
        box = lane.bounding_box()
        page.page.mouse.move(box["x"] + 4, box["y"] + box["height"] / 2, steps=2)
        page.page.locator("#hover").wait_for(state="visible")
        assert "审计署" in page.page.locator("#hover").inner_text()
        assert page.errors == []
    finally:
        page.close()


def _colours(context, png: bytes) -> set:
    """The set of RGB colours in a PNG screenshot, decoded by the browser itself (a canvas on a
    blank page: fast, and the same pixels the reader sees)."""
    import base64

    page = context.new_page()
    try:
        found = page.evaluate("""async (data) => {
            const img = new Image();
            img.src = 'data:image/png;base64,' + data;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const px = ctx.getImageData(0, 0, img.width, img.height).data;
            const seen = new Set();
            for (let i = 0; i < px.length; i += 4) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
            return [...seen];
        }""", base64.b64encode(png).decode("ascii"))
    finally:
        page.close()
    return {(c >> 16 & 255, c >> 8 & 255, c & 255) for c in found}


def _near(colours: set, hex_colour: str, tolerance: int = 12) -> bool:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return any(abs(r - c[0]) <= tolerance and abs(g - c[1]) <= tolerance and abs(b - c[2]) <= tolerance
               for c in colours)


def _structure(svg_text: str) -> dict:
    """What a golden SVG is compared on: texts (dates of drawing removed), element kinds, tooltips."""
    root = ET.fromstring(svg_text.encode("utf-8"))
    texts, kinds, titles = [], {}, []
    for g in root.iter(f"{SVG}g"):
        cls = g.get("class") or ""
        kinds[cls] = kinds.get(cls, 0) + 1
        title = g.find(f"{SVG}title")
        if title is not None and title.text:
            titles.append(title.text)
    for t in root.iter(f"{SVG}text"):
        texts.append(re.sub(r"\d{4}-\d{2}-\d{2}(（govkg）|( with govkg))", "DATE", t.text or ""))
    return {"texts": sorted(texts), "kinds": kinds, "titles": sorted(titles)}


def test_small_timeline_matches_its_golden_svg(drawn):
    golden = GOLDEN / "timeline-ndrc-2017-2019.svg"
    now = drawn["small"].read_text(encoding="utf-8")
    if os.environ.get("GOVKG_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(now, encoding="utf-8")
    assert _structure(now) == _structure(golden.read_text(encoding="utf-8"))


def test_svg_tooltips_are_words_not_internal_ids(drawn):
    root = ET.fromstring(drawn["svg"].read_bytes())
    titles = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert titles, "the arrows and lanes carry tooltips"
    assert not [t for t in titles if re.fullmatch(r"[a-z]?\d+(->[a-z]?\d+)?|[pbt]\d+.*", t)]
    assert any("→" in t and "国家市场监督管理总局" in t for t in titles)


def test_unknown_dates_are_dashed_and_never_drawn_from_1952(backend):
    m = T.timeline_model(backend)
    lanes = {l["id"]: l for l in m["lanes"]}
    # the NAO's founding is not in the graph: its first record is the 2018 transfer, before it dashed
    nao = lanes["inst:nao"]["segments"]
    assert nao[0]["known"] is False and nao[0]["from"] is None and nao[1]["from"] == "2018-03-17"
    lay = T.layout(m)
    x1952 = lay["axis"][0]
    i = [l["id"] for l in m["lanes"]].index("inst:nao")
    assert all(b["x0"] > x1952 + 100 for b in lay["bars"] if b["lane"] == i)
    # a department whose duties all left in 2018: its later fate is "not recorded", dashed
    tail = lanes["dept:ndrc-price-supervision"]["segments"][-1]
    assert tail["known"] is False and tail["from"] == "2018-03-17" and "not recorded" in tail["note"]
    # the State Planning Commission's dates are recorded: solid from 1952 to 1998
    assert lanes["inst:spc"]["segments"] == [
        {"from": "1952-11-15", "to": "1998-03-10", "known": True, "note": "1952-11-15 – 1998-03-10"}]


def test_departments_nest_under_their_institution_and_bureaus_are_marked(backend):
    m = T.timeline_model(backend)
    ids = [l["id"] for l in m["lanes"]]
    lanes = {l["id"]: l for l in m["lanes"]}
    ndrc = ids.index("inst:ndrc")
    price = ids.index("dept:ndrc-price")
    assert lanes["dept:ndrc-price"]["depth"] == 1 and lanes["dept:ndrc-price"]["parent"] == "inst:ndrc"
    assert ndrc < price and all(lanes[x]["depth"] >= 1 for x in ids[ndrc + 1:price + 1])
    assert lanes["inst:nfsra"]["kind"] == "bureau" and lanes["inst:nfsra"]["parent"] == "inst:ndrc"


@pytest.mark.parametrize("args, expect", [
    (["--domain", "价格"], {"inst:samr", "inst:nhsa"}),
    (["--body", "国家数据局"], {"inst:nda"}),
    (["--since", "2020"], {"inst:nda", "inst:nhc"}),
])
def test_filters_choose_the_transfers(backend, args, expect, tmp_path):
    out = tmp_path / "f.svg"
    viz("timeline", *args, "-o", str(out))
    names = {t.text for t in ET.fromstring(out.read_bytes()).iter(f"{SVG}text")}
    m_all = T.timeline_model(backend)
    lanes = {l["id"]: l for l in m_all["lanes"]}
    for body in expect:
        assert any(lanes[body]["zh"] in (n or "") for n in names), body
    if args[0] == "--since":
        assert "1998" not in names and "国家计划委员会" not in names


@pytest.mark.parametrize("args, message", [
    (["--domain", "量子引力"], "no duty domain"),
    (["--since", "2019", "--until", "2010"], "after --until"),
    (["--since", "1960", "--until", "1970"], "no duty transfers recorded"),
    (["--body", "火星管理局"], "火星管理局"),
    (["--since", "2099"], "after this year"),
])
def test_timeline_bad_filters_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["viz", "timeline", *args, "-o", "t.svg"])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_png_timeline_is_drawn(tmp_path):
    out = tmp_path / "t.png"
    viz("timeline", "--since", "2017", "--until", "2019", "-o", str(out))
    assert _png_pixels_vary(out)


def test_png_without_a_cjk_font_is_refused(tmp_path, monkeypatch):
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir>'
                    f'<cachedir>{tmp_path}/cache</cachedir></fontconfig>', encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    monkeypatch.chdir(tmp_path)
    for kind in ("timeline", "org", "transfers"):
        result = CliRunner().invoke(cli, ["viz", kind, "-o", "x.png"])
        assert result.exit_code == 2, result.output
        assert "fonts-noto-cjk" in result.output and not (tmp_path / "x.png").exists()
    monkeypatch.delenv("FONTCONFIG_FILE")
    assert CliRunner().invoke(cli, ["viz", "org", "-o", "x.svg"]).exit_code == 0  # SVG keeps its text


def test_labels_of_close_dates_take_separate_rows(backend):
    """Two transfers to one body a few weeks apart: their labels would sit on top of each other
    on the receiver's lane; the layout gives the second a row of its own (and the lane grows)."""
    m = T.timeline_model(backend)
    first = next(a for a in m["arrows"] if a["kind"] == "transfer" and a["to"] == "inst:mee")
    m["arrows"].append({**first, "date": "2018-05-01", "label": "另一项职责的标签文字"})
    lay = T.layout(m)
    mee = [lab for lab in lay["labels"] if lab["arrow"]["to"] == "inst:mee"]
    boxes = [(lab["x"], lab["y"] - T.LABEL_ROW / 2, lab["x"] + lab["w"], lab["y"] + T.LABEL_ROW / 2) for lab in lay["labels"]]
    assert len(mee) >= 2 and len({lab["row"] for lab in mee}) >= 2
    assert [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5] == []


@pytest.mark.parametrize("kind, args, present, absent", [
    ("lineage", [], ["前身 → 后继", "机关 institution"], ["arrow width", "arrow colour", "内设机构 department"]),
    ("timeline", ["--domain", "价格"], ["arrow width", "2018-03-17 2018年国务院机构改革"], ["predecessor → successor", "管理的国家局"]),
])
def test_legend_explains_what_is_drawn_and_nothing_else(tmp_path, kind, args, present, absent):
    out = tmp_path / "p.svg"
    viz(kind, *args, "-o", str(out))
    root = ET.fromstring(out.read_bytes())
    legend = " ".join(t.text or "" for g in root.iter(f"{SVG}g") if "legend" in (g.get("class") or "")
                      for t in g.iter(f"{SVG}text"))
    for words in present:
        assert words in legend, words
    for words in absent:
        assert words not in legend, words
