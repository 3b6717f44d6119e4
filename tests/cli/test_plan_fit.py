"""Issue 12 through the CLI and the JSON contract: a 71-year-old on three runs a week, a woman
and a man of 70, a novice's first hard session, and a marathon's rest days by age."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from clitools import Cli

TODAY = date(2026, 11, 27)  # the clitools default today


def log_runs(cli: Cli, days: list[int], minutes: int, rpe: int = 4, kind: str = "easy") -> None:
    for back in days:
        when = (TODAY - timedelta(days=back)).isoformat()
        km = f"{minutes / 6:.1f}km"
        code, _, err = cli(
            "log", "--date", when, "--distance", km, "--duration", f"{minutes}:00",
            "--rpe", str(rpe), "--type", kind,
        )  # fmt: skip
        assert code == 0, err


def plan(cli: Cli, days: int = 14) -> list[dict[str, Any]]:
    code, out, err = cli("plan", "--days", str(days), "--json")
    assert code == 0, err
    result: list[dict[str, Any]] = json.loads(out)["days"]
    return result


def test_a_71_year_old_of_three_runs_a_week_keeps_two_rest_days_in_every_seven(cli: Cli) -> None:
    cli("profile", "set", "--age", "71", "--years-running", "30", "--sex", "m")
    log_runs(
        cli, [d for d in range(1, 43) if (TODAY - timedelta(days=d)).weekday() in (0, 2, 4)], 35
    )
    days = plan(cli, 15)
    projected = [d for d in days if d["projected"]]
    for i in range(len(projected) - 6):
        week = projected[i : i + 7]
        assert sum(not d["run"]["allowed"] for d in week) >= 2
        assert sum(d["run"]["allowed"] for d in week) <= 3
    first = next(d for d in days if d["day_type"] == "quality_ok")
    assert first["run"]["max_minutes"] <= 35 and first["run"]["max_rpe"] <= 7
    assert any("strides or a fartlek" in r for r in first["reasons"])
    # The intensity cap is said on quality days only: on an easy day it limits nothing.
    code, out, _ = cli("plan", "--days", "15", "--full")
    blocks = out.split(" · age ")
    assert code == 0 and any("QUALITY" in b and "intensity cap" in b for b in blocks)
    assert all("QUALITY" in b for b in blocks if "intensity cap" in b)


def test_a_woman_of_70_gets_a_lower_cap_than_a_man_of_70(cli: Cli) -> None:
    log_runs(cli, list(range(2, 30, 2)), 45)
    log_runs(cli, [9], 45, 8, "tempo")
    caps = {}
    for sex in ("f", "m", "x"):
        cli("profile", "set", "--age", "70", "--years-running", "30", "--sex", sex)
        caps[sex] = plan(cli, 1)[0]["run"]["intensity_cap"]
    assert caps["f"] < caps["m"] and caps["x"] == caps["f"]


def test_after_a_marathon_an_82_year_old_rests_four_days(cli: Cli) -> None:
    cli("profile", "set", "--age", "82", "--years-running", "40", "--sex", "f")
    log_runs(cli, list(range(4, 40, 2)), 40)
    code, _, err = cli(
        "log", "--date", (TODAY - timedelta(days=1)).isoformat(), "--distance", "42.195km",
        "--duration", "5:30:00", "--rpe", "9", "--type", "race",
    )  # fmt: skip
    assert code == 0, err
    days = plan(cli, 6)
    assert [d["day_type"] for d in days[:4]] == ["rest"] * 4
    assert "4 rest days first at 82" in days[0]["reasons"][0]
    assert days[4]["day_type"] in ("race_recovery", "rest")
