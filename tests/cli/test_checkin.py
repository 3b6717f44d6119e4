"""`planner checkin` as a runner uses it: the day changes at once; bad answers write nothing."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
from clitools import Cli, tree_digest

from planner.core.checkin import RED_FLAG_IDS
from planner.events import RunLogged


def setup_runner(cli: Cli) -> None:
    """A 41-year-old of 5 years with the base quality needs: 8 easy runs logged in 16 days."""
    cli("profile", "set", "--age", "41", "--weight-kg", "70", "--years-running", "5")
    for day in ("12", "14", "16", "18", "20", "22", "24", "26"):
        cli(
            "log",
            "--date",
            f"2026-11-{day}",
            "--distance",
            "8km",
            "--duration",
            "45:00",
            "--rpe",
            "4",
        )


def today_json(cli: Cli) -> dict[str, object]:
    code, out, _ = cli("today", "--json")
    assert code == 0
    day: dict[str, object] = json.loads(out)["days"][0]
    return day


def checkin_events(data: Path) -> list[dict[str, object]]:
    events = []
    for path in sorted((data / "events").rglob("*.toml")):
        for event in tomllib.loads(path.read_text())["event"]:
            if event["kind"] == "checkin":
                events.append(event["data"])
    return events


def test_soreness_changes_the_very_day(cli: Cli) -> None:
    setup_runner(cli)
    assert today_json(cli)["day_type"] == "quality_ok"
    code, out, _ = cli("checkin", "--soreness", "5", "--area", "quads")
    assert code == 0
    assert out.startswith("Check-in saved for Sat 28 Nov: soreness 5/10; sore: quads")
    assert "ACTIVE RECOVERY" in out and "Soreness 5/10 at the check-in (4 or more)" in out
    day = today_json(cli)
    assert day["day_type"] == "active_recovery"
    # The cap at 41 (0.944, between the 40 and 50 anchors) halved on a sore day.
    assert day["run"] == {"allowed": True, "max_minutes": 30, "max_rpe": 3, "intensity_cap": 0.472}


def test_one_event_with_the_fields_the_fold_reads(cli: Cli, data: Path) -> None:
    setup_runner(cli)
    cli("checkin", "--soreness", "2", "--area", "shins,knees", "--no-flag", "pop", "--pain", "3")
    (event,) = checkin_events(data)
    assert event == {
        "date": date(2026, 11, 28),
        "soreness": 2,
        "areas": ["shins", "knees"],
        "red_flags": [],
        "answered_no": ["pop"],
        "run_rpe": {},
        "pain": 3,
    }


def test_a_warning_sign_stops_the_plan_until_answered_no(cli: Cli) -> None:
    setup_runner(cli)
    code, out, _ = cli("checkin", "--soreness", "3", "--area", "shins", "--flag", "hopping_pain")
    assert code == 0 and "SEE A CLINICIAN" in out and "No running today" in out
    assert "Points to possible stress fracture" in out
    assert "not medical advice" in out  # the disclaimer, where a flagged runner reads it
    tomorrow = json.loads(cli("plan", "--days", "2", "--json")[1])["days"][1]
    assert tomorrow["day_type"] == "see_clinician"  # in force until a check-in answers it no
    code, out, _ = cli("checkin", "--soreness", "1", "--no-flag", "hopping_pain")
    assert code == 0 and "warning signs: none" in out
    assert today_json(cli)["see_clinician"] is False


def test_rating_an_unrated_run(cli: Cli, data: Path) -> None:
    setup_runner(cli)
    from planner.service import Planner

    planner = Planner.open(data, today=date(2026, 11, 28))
    planner.data.append(
        RunLogged(id="imp-1", date=planner.today(), distance_m=9000.0, moving_s=2400,
                  elapsed_s=2400, source="import")
    )  # fmt: skip
    code, out, _ = cli("checkin", "--soreness", "2")
    assert "Runs without your effort rating" in out and "imp-1" in out and "(from pace)" in out
    assert "planner checkin --rate imp-1=RPE" in out
    code, out, _ = cli("checkin", "--soreness", "2", "--rate", "imp-1=6")
    assert code == 0 and "rated 1 run(s)" in out and "Runs without" not in out
    (run,) = [r for r in json.loads(cli("runs", "--json")[1])["runs"] if r["id"] == "imp-1"]
    assert (run["rpe"], run["rpe_estimated"]) == (6, False)


def test_the_questions_list_every_warning_sign(cli: Cli) -> None:
    code, out, _ = cli("checkin", "--questions")
    assert code == 0
    for flag in RED_FLAG_IDS:
        assert f"  {flag} " in out
    assert "Sore areas (--area): calves, hamstrings" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["checkin"], "check-in: nothing to record"),
        (["checkin", "--soreness", "11"], "soreness 11"),
        (["checkin", "--soreness", "x"], "soreness 'x'"),
        (["checkin", "--soreness", "2", "--area", "elbow"], "area 'elbow'"),
        (["checkin", "--soreness", "2", "--flag", "sore_toe"], "flag 'sore_toe'"),
        (["checkin", "--soreness", "2", "--flag", "pop", "--no-flag", "pop"], "flag 'pop'"),
        (["checkin", "--soreness", "2", "--pain", "12"], "pain 12"),
        (["checkin", "--soreness", "2", "--rate", "nope=4"], "rate 'nope'"),
        (["checkin", "--soreness", "2", "--rate", "4"], "rate '4'"),
        (["checkin", "--soreness", "2", "--date", "2026-11-29"], "date 2026-11-29"),
        (["checkin", "--soreness", "2", "--date", "2026-02-30"], "--date '2026-02-30'"),
    ],
)
def test_bad_answers_are_one_line_exit_2_and_write_nothing(
    cli: Cli, data: Path, args: list[str], field: str
) -> None:
    setup_runner(cli)
    before = tree_digest(data)
    code, out, err = cli(*args)
    assert code == 2, (out, err)
    assert err.startswith(f"planner: {field}") and err.count("\n") == 1, err
    assert tree_digest(data) == before


def test_temperature_and_the_heart_rate_switch_reach_the_plan(cli: Cli, data: Path) -> None:
    """Not check-in answers, but what the check-in's day is planned with: °C and heart rate."""
    setup_runner(cli)
    args = ["log", "--distance", "8km", "--duration", "40:00", "--rpe", "4", "--temp-c", "30"]
    assert cli(*args)[0] == 0
    hydration = next(i for i in today_json(cli)["checklist"] if i["id"] == "hydration")  # type: ignore[attr-defined]
    assert hydration["doses"] == {"fluid_ml": 1000, "sodium_mg": 570}  # 1.2 L/h in the heat
    assert cli("profile", "set", "--temp-c", "10", "--hr-unreliable", "yes")[0] == 0
    profile = json.loads(cli("profile", "show", "--json")[1])
    assert (profile["temp_c"], profile["hr_unreliable"]) == (10, True)
    assert "unreliable: not used" in cli("profile", "show")[1]
    before = tree_digest(data)
    for bad in (["--temp-c", "90"], ["--hr-unreliable", "maybe"]):
        code, _, err = cli("profile", "set", *bad)
        assert code == 2 and err.count("\n") == 1
    code, _, err = cli(
        "log", "--distance", "8km", "--duration", "40:00", "--rpe", "4", "--temp-c", "x"
    )
    assert code == 2 and err.startswith("planner: temperature (°C) 'x'")
    assert tree_digest(data) == before
