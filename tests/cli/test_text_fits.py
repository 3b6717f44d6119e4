"""Issue 15, point 1: text that fits the terminal, with a hanging indent; `today --brief` in
eight lines; `plan` a line a day; colour only on a terminal, and never with NO_COLOR."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from clitools import Cli

from planner.term import wrap

ANSI = re.compile(r"\x1b\[[0-9;]*m")
RUNS = [("2026-11-22", "12km"), ("2026-11-24", "8km"), ("2026-11-27", "10km")]


@pytest.fixture
def runner(cli: Cli) -> Cli:
    """A 52-year-old with a few runs: a day with nine checklist items and long reasons."""
    assert cli("profile", "set", "--age", "52", "--weight-kg", "61")[0] == 0
    for day, distance in RUNS:
        assert cli("log", "--date", day, "--distance", distance, "--duration", "55:00",
                   "--rpe", "7")[0] == 0  # fmt: skip
    return cli


def _at(cli: Cli, monkeypatch: pytest.MonkeyPatch, columns: int | None, *args: str) -> str:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)  # not a terminal: 80
    else:
        monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = cli(*args)
    assert code == 0, err
    return out


COMMANDS = [("today",), ("today", "--brief"), ("plan", "--days", "7"), ("plan", "--full"),
            ("runs",), ("profile", "show")]  # fmt: skip


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
@pytest.mark.parametrize("columns", [None, 80, 120, 40])
def test_no_line_is_wider_than_the_terminal(
    runner: Cli, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], columns: int | None
) -> None:
    out = _at(runner, monkeypatch, columns, *args)
    width = columns or 80
    assert max(len(line) for line in out.splitlines()) <= width, out
    assert not ANSI.search(out)  # not a terminal: no colour


@pytest.mark.parametrize("columns", [80, 120])
def test_wrapping_breaks_no_word_and_loses_none(
    runner: Cli, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    whole = _at(runner, monkeypatch, 1000, "today")
    wrapped = _at(runner, monkeypatch, columns, "today")
    assert wrapped.split() == whole.split()
    assert len(wrapped.splitlines()) > len(whole.splitlines())  # the long lines did wrap


def test_a_wrapped_item_hangs_under_its_text(runner: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _at(runner, monkeypatch, 80, "today").splitlines()
    at = next(i for i, line in enumerate(lines) if "[ ] hydration" in line)
    text_column = lines[at].index("Rehydrate")
    follow = lines[at + 1]
    assert follow[:text_column].strip() == "" and follow[text_column] != " ", lines[at : at + 2]
    reason = next(i for i, line in enumerate(lines) if line.startswith("  - "))
    assert lines[reason + 1].startswith("    ") and lines[reason + 1][4] != " "


def test_wrap_keeps_a_short_line_and_hangs_a_reason() -> None:
    assert wrap("  - short", 80) == ["  - short"]
    rows = wrap("  - " + "word " * 30, 40)
    assert all(len(row) <= 40 for row in rows) and all(r.startswith("    w") for r in rows[1:])
    long_word = wrap("x" * 100, 40)  # a word wider than the row is the one thing broken
    assert [len(row) for row in long_word] == [40, 40, 20]


def test_today_brief_is_eight_lines_at_most(runner: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _at(runner, monkeypatch, 80, "today", "--brief")
    lines = out.splitlines()
    assert len(lines) <= 8, out
    assert lines[0].startswith("Sat 28 Nov · ") and "min" in lines[0]
    assert "[ ] " in lines[1]  # the open items, one a line, each with the id to tick it by
    assert re.match(r"\d+/\d+ done", lines[-1]), lines[-1]
    # Nine open items do not fit: the rest are counted, not dropped silently.
    assert any(re.search(r"… and \d+ more: planner today", line) for line in lines)
    runner("check", "all")
    done = _at(runner, monkeypatch, 80, "today", "--brief").splitlines()
    assert done[-1].startswith("all done") and not any("[ ]" in line for line in done)


def test_plan_is_a_line_a_day_and_full_is_the_long_form(
    runner: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = _at(runner, monkeypatch, 80, "plan", "--days", "7").splitlines()
    days = [line for line in short if re.match(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d", line)]
    assert len(days) == 7 and len(short) <= 7 + 3, short
    assert "today" in days[0] and all("projected" in line for line in days[1:])
    full = _at(runner, monkeypatch, 80, "plan", "--days", "7", "--full")
    assert full.count("Checklist (") == 7 and len(full.splitlines()) > 7 * 10


def _on_a_terminal(args: list[str], data: Path, tmp_path: Path, **env: str) -> str:
    """`planner ARGS` with its stdout a real terminal (a pty), as a runner at a shell sees it."""
    leader, follower = pty.openpty()
    environ = {
        "PATH": "/usr/bin:/bin",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PLANNER_DATA": str(data),
        "PLANNER_TODAY": "2026-11-28",
        "TERM": "xterm-256color",
        "COLUMNS": "100",
        **env,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner", *args], stdout=follower, stderr=subprocess.PIPE,
        env=environ,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the pty closes with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=30) == 0
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_and_never_with_no_color(
    runner: Cli, data: Path, tmp_path: Path
) -> None:
    coloured = _on_a_terminal(["today"], data, tmp_path)
    assert ANSI.search(coloured), coloured[:200]
    plain = _on_a_terminal(["today"], data, tmp_path, NO_COLOR="1")
    assert not ANSI.search(plain)
    assert ANSI.sub("", coloured).split() == plain.split()  # the same words either way
