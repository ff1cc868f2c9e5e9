"""Static pictures for papers (.svg, .png), drawn by Graphviz: the org chart by ``dot``, the
transfers Sankey by ``neato -n2`` from the layout of :mod:`govkg.viz.sankey` (the same picture
as the HTML page's), the timeline and lineage by :mod:`govkg.viz.timeline`.

Chinese labels need a CJK font known to fontconfig: on Debian/Ubuntu ``apt-get install
fonts-noto-cjk graphviz``. In SVG the labels stay text (searchable, selectable); PNG is
rendered at 200 dpi.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from govkg.errors import GovkgError, InputError
from govkg.viz import model as M

FONT = "Noto Sans CJK SC"


def _q(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _attrs(**kw) -> str:
    return "[" + ", ".join(f"{k}={_q(v)}" for k, v in kw.items() if v is not None) + "]"


def _name(n: dict, extra: str = "") -> str:
    label = n["zh"] if n["en"] == n["zh"] else f"{n['zh']}\n{n['en']}"
    return label + (f"\n{extra}" if extra else "")


def _header(title: dict, rankdir: str = "LR") -> list[str]:
    return [
        "digraph govkg {",
        f"  graph {_attrs(rankdir=rankdir, fontname=FONT, fontsize='16', labelloc='t', label=title['zh'] + chr(10) + title['en'], pad='0.3', nodesep='0.25', ranksep='1.2', bgcolor='white')};",
        f"  node {_attrs(fontname=FONT, fontsize='11', shape='box', style='rounded,filled', fillcolor='#eef3f8', color='#4e79a7')};",
        f"  edge {_attrs(fontname=FONT, fontsize='10', color='#777777')};",
    ]


CJK_PACKAGE = "fonts-noto-cjk"


def cjk_fonts() -> list[str]:
    """The font families fontconfig knows that cover Chinese (``fc-list :lang=zh``)."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        proc = subprocess.run([exe, ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return sorted({name.strip() for line in proc.stdout.splitlines() for name in line.split(",") if name.strip()})


def require_cjk_font() -> None:
    """Refuse (exit 2) to draw a PNG when no CJK font is installed: the Chinese labels would be
    drawn as empty boxes (tofu) in a picture that looks fine at a glance."""
    if not cjk_fonts():
        raise GovkgError("PNG pictures need a CJK font, and fontconfig knows none: install one "
                         f"(Debian/Ubuntu: apt-get install {CJK_PACKAGE}), or write .svg or .html")


def render(dot_source: str, output, fmt: str, engine: str = "dot", extra: list[str] | None = None) -> None:
    """Run Graphviz; GovkgError (exit 2) when it is missing or fails."""
    exe = shutil.which(engine)
    if exe is None:
        raise GovkgError(f"static pictures need Graphviz '{engine}' (e.g. apt-get install graphviz fonts-noto-cjk)")
    args = [exe, *(extra or []), f"-T{fmt}", "-o", str(output)]
    if fmt == "png":
        args.insert(1, "-Gdpi=200")
    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, timeout=120)
    except OSError as exc:
        raise InputError(f"-o {output}: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GovkgError(f"graphviz failed on {output}: {detail[0] if detail else proc.returncode}")


# ------------------------------------------------------------------ readable SVG

SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"


def readable_svg(svg: str) -> str:
    """Graphviz titles each element with its internal name (``n12``, ``n3->n4``) and readers
    see that as the tooltip. Put the element's tooltip (words) in its <title>; drop the rest."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK)
    root = ET.fromstring(svg.encode("utf-8"))
    for g in root.iter(f"{{{SVG_NS}}}g"):
        title = g.find(f"{{{SVG_NS}}}title")
        if title is None:
            continue
        words = None
        for a in g.iter(f"{{{SVG_NS}}}a"):
            words = a.get(f"{{{XLINK}}}title") or a.get("title")
            if words:
                break
        if words and g.get("class") != "graph":
            title.text = words
        else:
            g.remove(title)
    return '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + ET.tostring(root, encoding="unicode")


def render_readable(dot_source: str, output, fmt: str, **kw) -> None:
    render(dot_source, output, fmt, **kw)
    if fmt == "svg":
        Path(output).write_text(readable_svg(Path(output).read_text(encoding="utf-8")), encoding="utf-8")


def _html(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def legend_node(rows: list[tuple[str, str]], cap: dict, name: str = "legend") -> str:
    """A legend as one Graphviz HTML-like table: (swatch, words) rows, then the caption.

    A swatch is ``fill:#hex``, ``border:#hex``, ``line:#hex:width`` or ``dashed:#hex``."""
    cells = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>图例 Legend</B></TD></TR>']
    for swatch, words in rows:
        kind, _, rest = swatch.partition(":")
        if kind == "fill":
            sw = f'<TD BGCOLOR="{rest}" WIDTH="28" HEIGHT="12" BORDER="1"></TD>'
        elif kind == "border":
            sw = f'<TD WIDTH="28" HEIGHT="12" BORDER="2" COLOR="{rest}"></TD>'
        elif kind == "dashed":
            sw = f'<TD WIDTH="28" HEIGHT="12" BORDER="1" STYLE="dashed" COLOR="{rest}"></TD>'
        else:  # line:#hex:width — a bar as tall as the line is wide
            colour, _, width = rest.partition(":")
            sw = f'<TD WIDTH="28" HEIGHT="{max(2, int(float(width or 2)))}" BGCOLOR="{colour}" FIXEDSIZE="TRUE"></TD>'
        cells.append(f'<TR>{sw}<TD ALIGN="LEFT">{_html(words)}</TD></TR>')
    cells.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#555555">{_html(cap["zh"])}<BR ALIGN="LEFT"/>'
                 f'{_html(cap["en"])}<BR ALIGN="LEFT"/></FONT></TD></TR>')
    table = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">{"".join(cells)}</TABLE>'
    return f'  {name} [shape=plaintext, style="", label=<{table}>, tooltip="图例与来源 legend and source"];'


# ------------------------------------------------------------------ transfers

BUREAU_BORDER = "#f28e2b"


# ------------------------------------------------------------------ organisation chart


def org_dot(m: dict, columns: int = 4) -> str:
    """The institution on a date as a tree: the institution on top, its departments in a grid
    below, the bureaus it manages in a box of their own, each with its number of duties; a
    bureau the sources give no dates and no duties for is drawn dashed, "not recorded"."""
    lines = _header(m["title"], rankdir="TB")
    lines[1] = lines[1].replace("];", ", compound=\"true\", newrank=\"true\", ranksep=\"0.45\", nodesep=\"0.18\"];")
    root = next(n for n in m["nodes"] if n["parent"] is None)
    depts = [n for n in m["nodes"] if n["kind"] == "department"]
    bureaus = [n for n in m["nodes"] if n["kind"] == "bureau"]
    own = f"本级 {root['duties']} 项职责 own duties"
    tip = f"{root['zh']} / {root['en']}"
    lines.append(f"  root {_attrs(label=_name(root, own), fillcolor='#c6d9ec', fontsize='13', tooltip=tip)};")

    def box(name, n, fill, **kw):
        tip = f"{n['zh']} / {n['en']}：{n['duties']} 项职责 duties"
        count = f"{n['duties']} 项职责"
        return f"    {name} {_attrs(label=_name(n, count), fillcolor=fill, tooltip=tip, **kw)};"

    grid = [depts[i:i + columns] for i in range(0, len(depts), columns)]
    lines.append("  subgraph cluster_departments {")
    lines.append(f"    graph {_attrs(label=f'内设机构 departments（{len(depts)}）', labeljust='l', style='rounded', color='#4e79a7')};")
    for r, row in enumerate(grid):
        for c, n in enumerate(row):
            lines.append(box(f"d{r}_{c}", n, "#eef3f8"))
        lines.append("    { rank=same; " + " ".join(f"d{r}_{c};" for c in range(len(row))) + " }")
        if r:
            for c in range(len(row)):
                lines.append(f"    d{r - 1}_{c} -> d{r}_{c} [style=invis];")
    lines.append("  }")
    if grid:
        lines.append(f"  root -> d0_{min(len(grid[0]) - 1, columns // 2)} {_attrs(lhead='cluster_departments', label='内设 units', color='#4e79a7')};")
    if bureaus:
        lines.append("  subgraph cluster_bureaus {")
        lines.append(f"    graph {_attrs(label=f'管理的国家局 bureaus it manages（{len(bureaus)}）', labeljust='l', style='rounded,dashed', color=BUREAU_BORDER)};")
        for k, n in enumerate(bureaus):
            unknown = n.get("status") == "not recorded"
            extra = {"style": "rounded,dashed"} if unknown else {}
            if unknown:
                n = {**n, "en": n["en"] + "\n存续情况未记载 status not recorded"}
            lines.append(box(f"b{k}", n, "white" if unknown else "#fde9d6", color=BUREAU_BORDER, **extra))
            if k:
                lines.append(f"    b{k - 1} -> b{k} [style=invis];")
        lines.append("  }")
        lines.append(f"  root -> b0 {_attrs(lhead='cluster_bureaus', style='dashed', label='管理 manages', color=BUREAU_BORDER)};")
    rows = [("fill:#c6d9ec", "机关 institution (duties of its own)"), ("fill:#eef3f8", "内设机构 department"),
            (f"fill:#fde9d6", "管理的国家局 bureau it manages"),
            (f"dashed:{BUREAU_BORDER}", "虚线：来源未记载其存续 dashed: the sources do not record it on this date")]
    lines.append(legend_node(rows, m["caption"]))
    last = f"d{len(grid) - 1}_0" if grid else "root"
    lines.append(f"  {last} -> legend [style=invis];")
    lines.append("}")
    return "\n".join(lines)


# ------------------------------------------------------------------ entry points (same as viz.html)


def transfers(backend, output, year=2018, rollup=True, fmt="svg") -> str:
    from govkg.analysis.graphs import snapshot

    from govkg.viz import sankey

    m = M.transfers_model(backend, year, rollup=False)
    lay = sankey.layout(m, snapshot(backend), frames=rollup, short=sankey.abbreviations(backend))
    source = sankey.dot(m, lay, sankey.legend_rows(m, lay), m["caption"])
    render_readable(source, output, fmt, engine="neato", extra=["-n2"])
    return f"{len(m['nodes'])} bodies, {len(m['links'])} flows"


def lineage(backend, output, fmt="svg") -> str:
    """The lineage on the timeline's axis: lanes for the institutions, grey successor arrows."""
    from govkg.viz import timeline

    return timeline.lineage(backend, output, fmt=fmt)


def org(backend, output, on=None, root="inst:ndrc", fmt="svg") -> str:
    m = M.org_model(backend, on, root)
    render_readable(org_dot(m), output, fmt)
    n = sum(1 for x in m["nodes"] if x["kind"] != "duty")
    return f"{n} bodies on {m['on']}"
