"""Issue 15, point 5: `planner runs` with a header and pace, newest first, --since, --limit."""

from __future__ import annotations

import json

import pytest
from clitools import Cli

RUNS = [  # date, distance, duration, rpe
    ("2026-11-20", "5km", "30:00", "3"),
    ("2026-11-24", "10km", "50:00", "6"),
    ("2026-11-27", "8km", "44:00", "4"),
]


@pytest.fixture
def logged(cli: Cli) -> Cli:
    assert cli("profile", "set", "--age", "44")[0] == 0
    for day, distance, duration, rpe in RUNS:
        code, _, err = cli(
            "log", "--date", day, "--distance", distance, "--duration", duration, "--rpe", rpe
        )
        assert code == 0, err
    return cli


def _rows(out: str) -> list[list[str]]:
    header, *lines = out.splitlines()
    assert header.split() == ["Date", "Distance", "Time", "Pace", "RPE", "HR", "Type", "Id"]
    return [line.split() for line in lines]


def test_a_header_then_the_newest_run_first_with_its_pace(logged: Cli) -> None:
    code, out, _ = logged("runs")
    assert code == 0
    rows = _rows(out)
    assert [row[0] for row in rows] == ["2026-11-27", "2026-11-24", "2026-11-20"]
    # 8 km in 44:00 is 5:30 a km; 10 km in 50:00 is 5:00; 5 km in 30:00 is 6:00.
    assert [row[4] for row in rows] == ["5:30/km", "5:00/km", "6:00/km"]


def test_the_columns_line_up(logged: Cli) -> None:
    _, out, _ = logged("runs")
    lines = out.splitlines()
    pace_ends = {line.index("/km") + 3 for line in lines[1:]}
    assert pace_ends == {lines[0].index("Pace") + 4}, out  # right-aligned under its title


def test_pace_in_the_runners_units(logged: Cli) -> None:
    logged("profile", "set", "--units", "imperial")
    _, out, _ = logged("runs")
    # 8 km is 4.97 mi; 44:00 over it is 8:51 a mile.
    assert _rows(out)[0][4] == "8:51/mi"


def test_since_a_day_and_a_limit(logged: Cli) -> None:
    _, out, _ = logged("runs", "--since", "2026-11-24")
    assert [row[0] for row in _rows(out)] == ["2026-11-27", "2026-11-24"]
    _, out, _ = logged("runs", "--limit", "1")
    assert [row[0] for row in _rows(out)] == ["2026-11-27"]
    _, out, _ = logged("runs", "--since", "-7")  # today is 28 Nov: from the 21st
    assert [row[0] for row in _rows(out)] == ["2026-11-27", "2026-11-24"]


def test_oldest_first_on_request_and_in_json(logged: Cli) -> None:
    _, out, _ = logged("runs", "--oldest-first")
    assert [row[0] for row in _rows(out)] == ["2026-11-20", "2026-11-24", "2026-11-27"]
    _, out, _ = logged("runs", "--json", "--limit", "2")
    assert [run["date"] for run in json.loads(out)["runs"]] == ["2026-11-24", "2026-11-27"]


def test_a_filter_that_leaves_nothing_says_so(logged: Cli) -> None:
    code, out, _ = logged("runs", "--since", "2026-11-28")
    assert (code, out.strip()) == (0, "No runs on or after 2026-11-28.")


def test_a_bad_since_or_limit_is_refused_in_one_line(logged: Cli) -> None:
    code, _, err = logged("runs", "--since", "someday")
    assert code == 2 and "--since" in err and len(err.strip().splitlines()) == 1
    code, _, err = logged("runs", "--limit", "0")
    assert code == 2 and len(err.strip().splitlines()) == 1
