"""`planner race add|list|remove`: an entered race brings its taper; removing it takes it away."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import Cli, tree_digest


def base(cli: Cli) -> None:
    """A 47-year-old of 10 years with the base a race needs: 8 runs logged in 28 days."""
    cli("profile", "set", "--age", "47", "--years-running", "10")
    for day in ("12", "14", "16", "18", "20", "22", "24", "26"):
        cli(
            "log",
            "--date",
            f"2026-11-{day}",
            "--distance",
            "8km",
            "--duration",
            "48:00",
            "--rpe",
            "4",
        )


def days(cli: Cli, n: int = 12) -> list[dict[str, object]]:
    code, out, _ = cli("plan", "--days", str(n), "--json")
    assert code == 0
    result: list[dict[str, object]] = json.loads(out)["days"]
    return result


def test_add_list_and_remove_a_race(cli: Cli) -> None:
    base(cli)
    code, out, _ = cli(
        "race", "add", "--date", "2026-12-06", "--distance", "10km", "--name", "Trot"
    )
    assert code == 0 and out.startswith("Entered: 2026-12-06   10.0 km  10K  Trot  (in 8 days)")
    code, out, _ = cli("race", "list", "--json")
    (race,) = json.loads(out)["races"]
    assert race["date"] == "2026-12-06" and race["distance_m"] == 10000 and race["name"] == "Trot"
    assert race["id"].startswith("race-")
    assert race["id"] in cli("race", "list")[1] and race["id"] in cli("race")[1]
    code, out, _ = cli("race", "remove", race["id"])
    assert code == 0 and out.startswith("Removed: 2026-12-06")
    assert json.loads(cli("race", "list", "--json")[1]) == {"races": []}
    assert "No races entered" in cli("race", "list")[1]


def test_an_entered_race_brings_its_taper_race_day_and_recovery(cli: Cli) -> None:
    base(cli)
    before = days(cli)
    assert not any("Taper for" in " ".join(d["reasons"]) for d in before)  # type: ignore[arg-type]
    cli("race", "add", "--date", "2026-12-06", "--distance", "10km")
    after = days(cli)
    tapering = ["Taper for" in " ".join(d["reasons"]) for d in after]  # type: ignore[arg-type]
    assert tapering == [True] * 8 + [False] * 4  # Sat 28 Nov to Sat 5 Dec: 8 days
    race_day = after[8]
    assert race_day["date"] == "2026-12-06" and race_day["day_type"] == "quality_ok"
    assert race_day["run"]["max_minutes"] is None  # type: ignore[index]
    # The runner's own week keeps its rest days (week.py); the other days are the recovery.
    recovery = [d["day_type"] for d in after[9:] if d["day_type"] != "rest"]
    assert recovery and recovery == ["race_recovery"] * len(recovery)
    easy = next(d for d in after[:5] if d["day_type"] == "easy")
    assert easy["run"]["max_minutes"] == 24  # type: ignore[index]  # 48 min halved


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["race", "add", "--date", "2026-11-01", "--distance", "10km"], "date 2026-11-01"),
        (["race", "add", "--date", "2026-13-01", "--distance", "10km"], "--date '2026-13-01'"),
        (["race", "add", "--date", "2026-12-06", "--distance", "10"], "distance '10'"),
        (["race", "add", "--date", "2026-12-06", "--distance", "-5km"], "distance '-5km'"),
        (["race", "add", "--date", "2026-12-06", "--distance", "500km"], "distance '500km'"),
        (["race", "add", "--date", "2026-12-06", "--distance", "5km", "--name", "x" * 81], "name"),
        (["race", "add", "--distance", "10km"], "the following arguments are required: --date"),
        (["race", "remove", "race-nope"], "race 'race-nope'"),
    ],
)
def test_bad_race_input_is_one_line_exit_2_and_writes_nothing(
    cli: Cli, data: Path, args: list[str], field: str
) -> None:
    base(cli)
    before = tree_digest(data)
    code, out, err = cli(*args)
    assert code == 2, (out, err)
    assert err.startswith(f"planner: {field}") and err.count("\n") == 1, err
    assert tree_digest(data) == before
