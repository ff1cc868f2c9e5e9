"""The shared output options, exit codes, compact who table, pager, colour and progress bars."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner
import pytest

from conftest import ROOT, run
from govkg.cli import cli
from govkg.cli import exit_codes
from govkg.who_text import who_compact
from govkg.cli.output_options import FORMATS, SUFFIXES
from govkg.who import who

BAD_GRAPH = ROOT / "tests" / "data" / "shapes" / "invalid_assignment_dates.ttl"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _commands():
    return [(name, cli.get_command(None, name)) for name in cli.list_commands(None)]


# ------------------------------------------------------------------ one vocabulary, every command


def test_every_format_option_uses_the_one_vocabulary_and_comes_with_o_file():
    checked = 0
    for name, command in _commands():
        params = {p.name: p for p in command.params}
        if "fmt" not in params:
            continue
        checked += 1
        choices = set(params["fmt"].type.choices)
        assert choices <= set(FORMATS), (name, choices - set(FORMATS))
        assert "output" in params and "-o" in params["output"].opts, name
    assert checked >= 8  # who, history, query, queries, export, stats, validate, analyze, viz …


@pytest.mark.parametrize("args, suffix, check", [
    (["who", "价格监督检查", "--on", "2010-06-01"], ".json", lambda t: json.loads(t)["results"]),
    (["history", "发改委"], ".json", lambda t: json.loads(t)["entity"]["iri"].endswith("/inst/ndrc")),
    (["query", "-e", "SELECT ?i WHERE { ?i a gk:Institution }"], ".csv", lambda t: t.startswith("i\r\n")),
    (["analyze", "org", "--on", "2025-01-01"], ".json", lambda t: json.loads(t)["counts"]),
    (["stats"], ".csv", lambda t: t.startswith("what,count")),
    (["who", "价格监督检查", "--on", "2010-06-01"], ".txt", lambda t: "价格监督检查司" in t and "\x1b" not in t),
])
def test_o_file_writes_the_format_its_suffix_names(tmp_path, args, suffix, check):
    target = tmp_path / f"out{suffix}"
    result = run(CliRunner(), *args, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # it went to the file, not the terminal
    assert check(target.read_bytes().decode("utf-8"))


@pytest.mark.parametrize("args", [
    ["export", "-o", "g.foo"],
    ["who", "价格", "-o", "answer.xlsx"],
    ["query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-o", "r.svg"],
    ["viz", "org", "-o", "org.pdf"],
    ["stats", "-o", "counts"],
])
def test_a_suffix_the_command_cannot_write_is_refused_and_nothing_is_written(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(CliRunner(), *args)
    assert result.exit_code == 2, result.output
    assert "cannot tell the format" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_export_honours_format_over_an_unknown_suffix(tmp_path):
    target = tmp_path / "g.foo"
    assert run(CliRunner(), "export", "--format", "nt", "-o", target).exit_code == 0
    first = target.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("<") and first.endswith(" .")  # N-Triples, not Turtle


@pytest.mark.parametrize("args, flag", [
    (["viz", "lineage", "--year", "2018", "-o", "x.svg"], "--year"),
    (["viz", "org", "--all", "-o", "x.svg"], "--all"),
    (["viz", "transfers", "--on", "2010-01-01", "-o", "x.svg"], "--on"),
    (["viz", "lineage", "--domain", "价格", "-o", "x.svg"], "--domain"),
    (["analyze", "lineage", "--year", "2018"], "--year"),
    (["analyze", "domains", "--departments"], "--departments"),
    (["who", "价格", "--long", "--format", "json"], "--long"),
])
def test_an_option_that_does_not_apply_is_refused(tmp_path, monkeypatch, args, flag):
    monkeypatch.chdir(tmp_path)
    result = run(CliRunner(), *args)
    assert result.exit_code == 2, result.output
    assert flag in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_body_takes_the_names_history_takes():
    runner = CliRunner()
    by_key = json.loads(run(runner, "analyze", "org", "--on", "2025-01-01", "--format", "json").output)
    for name in ("发改委", "NDRC", "inst:ndrc", "国家发展和改革委员会"):
        result = run(runner, "analyze", "org", "--on", "2025-01-01", "--body", name, "--format", "json")
        assert result.exit_code == 0, (name, result.output)
        assert json.loads(result.output) == by_key
    bad = run(runner, "analyze", "org", "--body", "火星管理局")
    assert bad.exit_code == 2 and "火星管理局" in bad.output


# ------------------------------------------------------------------ exit codes


def test_exit_code_table_is_the_same_in_code_help_and_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert exit_codes.markdown() in readme
    help_text = run(CliRunner(), "--help").output
    for code, meaning in exit_codes.TABLE:
        assert f"{code}  {meaning[:40]}" in " ".join(help_text.split()) or f"{code}  {meaning[:40]}" in help_text


@pytest.mark.parametrize("args, code", [
    (["query", "-e", "SELECT ?i WHERE { ?i a gk:Institution }", "--format", "csv"], exit_codes.OK),
    (["query", "-e", "SELECT ?i WHERE { ?i a gk:NoSuchClass }", "--format", "csv"], exit_codes.NOTHING_FOUND),
    (["query", "-e", "CONSTRUCT { ?i a gk:X } WHERE { ?i a gk:NoSuchClass }"], exit_codes.NOTHING_FOUND),
    (["who", "黑洞蒸发", "--format", "json"], exit_codes.NOTHING_FOUND),
    (["validate", "--no-bundled", "--data", str(BAD_GRAPH)], exit_codes.NOTHING_FOUND),
    (["query", "-e", "SELECT ?i WHERE { ?i a }"], exit_codes.BAD_INPUT),
    (["who", "价格", "--on", "2023-02-30"], exit_codes.BAD_INPUT),
    (["history", "火星管理局"], exit_codes.NOTHING_FOUND),
    (["analyze", "org", "--body", "火星管理局"], exit_codes.BAD_INPUT),
])
def test_exit_codes_mean_what_the_table_says(args, code):
    result = run(CliRunner(), *args)
    assert result.exit_code == code, result.output
    if code == exit_codes.BAD_INPUT:
        assert "Traceback" not in result.output


def test_empty_select_still_prints_its_header():
    result = run(CliRunner(), "query", "-e", "SELECT ?i WHERE { ?i a gk:NoSuchClass }",
                 "--format", "csv")
    assert result.exit_code == 1 and result.stdout_bytes == b"i\r\n"


# ------------------------------------------------------------------ compact who


def _cells(text):
    from rich.cells import cell_len

    return cell_len(text)


@pytest.mark.parametrize("width", [80, 120])
def test_compact_who_is_two_lines_per_result_and_never_cuts_a_name(backend, width):
    result = who(backend, "价格监督检查", "2010-06-01", limit=6)
    text = who_compact(result, width)
    lines = text.rstrip("\n").split("\n")
    body = [line for line in lines[3:] if not line.startswith("(+ ")]
    assert len(body) <= 2 * len(result["results"])
    assert all(_cells(line) <= width for line in lines), [l for l in lines if _cells(l) > width]
    for r in result["results"]:
        holder = r["holder"]
        assert any(holder["label_zh"] in line for line in body)
        if holder.get("parent"):
            assert any(holder["parent"]["label_zh"] in line for line in body)
        assert any(r["duty"]["label_zh"] in line for line in body)
    # English words are shortened at a space, never inside a word
    for line in body[1::2]:
        for piece in re.findall(r"([A-Za-z]+)…", line):
            assert any(re.search(rf"\b{piece}\b", (r["duty"]["label_en"] or "") + " " + (r["holder"]["label_en"] or ""))
                       for r in result["results"]), piece


def test_long_who_gives_the_detail(runner):
    short = run(runner, "who", "价格监督检查", "--on", "2010-06-01", "--format", "text", "--limit", "1").output
    long = run(runner, "who", "价格监督检查", "--on", "2010-06-01", "--format", "text", "--limit", "1", "--long").output
    assert "“" not in short.split("\n", 1)[1] and "“" in long  # the quote of the source passage
    assert len(short.splitlines()) <= 5


# ------------------------------------------------------------------ colour, pager, progress


def test_severities_are_coloured_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from govkg.cli.output_options import Output

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("govkg.output_target.stdout_is_terminal", lambda: True)
    out = Output("text", None)
    assert out.colour and ANSI.search(out.style("[Violation]", fg="red"))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not Output("text", None).colour
    monkeypatch.delenv("NO_COLOR")
    assert not Output("text", "report.txt").colour  # files never get colour


def test_validate_report_is_coloured_on_a_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()
    plain = run(runner, "validate", "--no-bundled", "--data", str(BAD_GRAPH))
    assert plain.exit_code == 1 and not ANSI.search(plain.output) and "[Violation]" in plain.output
    monkeypatch.setattr("govkg.output_target.stdout_is_terminal", lambda: True)
    monkeypatch.setenv("GOVKG_PAGER", "cat")
    coloured = run(runner, "validate", "--no-bundled", "--data", str(BAD_GRAPH))
    assert re.search(r"\x1b\[31m(\x1b\[[0-9;]*m)*\[Violation\]", coloured.output), coloured.output
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(run(runner, "validate", "--no-bundled", "--data", str(BAD_GRAPH)).output)


def _pty_run(args, env, rows=12, cols=100):
    """Run govkg on a pseudo-terminal of ``rows`` lines; return what the terminal showed."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "govkg", *args], stdin=follower, stdout=follower,
                            stderr=follower, env=env, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_long_output_is_paged_on_a_terminal_and_not_in_a_pipe(tmp_path):
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open({str(paged)!r}, 'w').write(sys.stdin.read())\""
    env = {**os.environ, "GOVKG_PAGER": pager, "NO_COLOR": "1"}
    code, shown = _pty_run(["history", "发改委"], env, rows=12)
    assert code == 0
    assert "timeline 沿革" in paged.read_text(encoding="utf-8")  # the pager got the whole text
    assert "timeline 沿革" not in shown
    paged.unlink()
    piped = subprocess.run([sys.executable, "-m", "govkg", "history", "发改委", "--format", "text"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert piped.returncode == 0 and "timeline 沿革" in piped.stdout and not paged.exists()


def test_short_output_is_not_paged(tmp_path):
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open({str(paged)!r}, 'w').write(sys.stdin.read())\""
    env = {**os.environ, "GOVKG_PAGER": pager, "NO_COLOR": "1"}
    code, shown = _pty_run(["who", "价格监督检查", "--on", "2010-06-01", "--limit", "1"], env, rows=40)
    assert code == 0 and "价格监督检查司" in shown and not paged.exists()


def test_progress_bar_leaves_no_last_frame(monkeypatch):
    import io

    from govkg import output

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    factory = output.progress_factory(True, "loading graph")
    advance = factory(5_000_000)
    advance(1_000_000)  # the work ends early (as a parse of fewer bytes than announced does)
    assert output._LIVE
    output.finish_progress()
    assert not output._LIVE
    text = screen.getvalue()
    # the bar was drawn, and the last thing written erases it
    assert "loading graph" in text
    tail = text[text.rfind("loading graph"):]
    assert "\x1b[2K" in tail
