"""Static pictures for papers (.svg, .png), drawn by Graphviz ``dot``.

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
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]


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


# ------------------------------------------------------------------ DOT sources


def transfers_dot(m: dict) -> str:
    lines = _header(m["title"])
    events = sorted({l["event"] or "" for l in m["links"]})
    colour = {e: PALETTE[i % len(PALETTE)] for i, e in enumerate(events)}
    fill = {0: "#dbe7f3", 1: "#e3f1ef", 2: "#fde9d6"}
    for i, n in enumerate(m["nodes"]):
        counts = []
        if n["gave"]:
            counts.append(f"划出 {n['gave']}")
        if n["received"]:
            counts.append(f"划入 {n['received']}")
        lines.append(f"  n{i} {_attrs(label=_name(n, ' · '.join(counts)), fillcolor=fill[n['column']])};")
    for col, rank in ((0, "source"), (2, "sink")):
        members = " ".join(f"n{i};" for i, n in enumerate(m["nodes"]) if n["column"] == col)
        if members:
            lines.append(f"  {{ rank={rank}; {members} }}")
    for l in m["links"]:
        label = f"{l['weight']} 项" if m["year"] else f"{l['weight']} 项 ({(l['date'] or '')[:4]})"
        lines.append(f"  n{l['source']} -> n{l['target']} {_attrs(label=label, penwidth=str(round(1 + 0.8 * l['weight'], 1)), color=colour[l['event'] or ''], arrowsize='0.8')};")
    if not m["year"] and len(events) > 1:
        legend = "\n".join(f"{(l['date'] or '')[:4]} {l['event_zh']}" for l in
                           sorted({(l['date'], l['event_zh']): l for l in m["links"]}.values(), key=lambda l: l["date"] or ""))
        lines.append(f"  legend {_attrs(shape='note', label=legend, fillcolor='white')};")
    lines.append("}")
    return "\n".join(lines)


def lineage_dot(m: dict) -> str:
    lines = _header(m["title"])
    for i, n in enumerate(m["nodes"]):
        span = f"{(n['founding'] or '?')[:4]}–{(n['dissolution'] or '')[:4]}"
        lines.append(f"  n{i} {_attrs(label=_name(n, span), fillcolor='#eef3f8' if not n['dissolution'] else '#eeeeee')};")
    for l in m["links"]:
        lines.append(f"  n{l['source']} -> n{l['target']} {_attrs(label=(l['date'] or '')[:4] + ' ' + l['event_zh'])};")
    lines.append("}")
    return "\n".join(lines)


def org_dot(m: dict) -> str:
    """Institution → departments and managed bureaus, each with its number of duties (the duties
    themselves are too many for a printed page; the HTML chart lists them)."""
    lines = _header(m["title"])
    ids = {}
    for n in m["nodes"]:
        if n["kind"] == "duty":
            continue
        ids[n["id"]] = f"n{len(ids)}"
        extra = f"{n['duties']} 项职责"
        fill = {"institution": "#c6d9ec", "department": "#eef3f8", "bureau": "#fde9d6"}[n["kind"]]
        lines.append(f"  {ids[n['id']]} {_attrs(label=_name(n, extra), fillcolor=fill)};")
    for n in m["nodes"]:
        if n["kind"] == "duty" or n["parent"] is None:
            continue
        style = "dashed" if n["kind"] == "bureau" else "solid"
        lines.append(f"  {ids[n['parent']]} -> {ids[n['id']]} {_attrs(style=style, label='管理' if n['kind'] == 'bureau' else None)};")
    lines.append("}")
    return "\n".join(lines)


# ------------------------------------------------------------------ entry points (same as viz.html)


def transfers(backend, output, year=2018, rollup=True, fmt="svg") -> str:
    m = M.transfers_model(backend, year, rollup)
    render(transfers_dot(m), output, fmt)
    return f"{len(m['nodes'])} bodies, {len(m['links'])} flows"


def lineage(backend, output, fmt="svg") -> str:
    m = M.lineage_model(backend)
    render(lineage_dot(m), output, fmt)
    return f"{len(m['nodes'])} institutions, {len(m['links'])} links"


def org(backend, output, on=None, root="inst:ndrc", fmt="svg") -> str:
    m = M.org_model(backend, on, root)
    render(org_dot(m), output, fmt)
    n = sum(1 for x in m["nodes"] if x["kind"] != "duty")
    return f"{n} bodies on {m['on']}"
