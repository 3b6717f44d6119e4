"""Issue 11 through `planner checkin`: signs only a clinician lifts, clearances and their return
period, illness, sleep, RED-S questions, and ratings without soreness; each checked in the
printed day and in the JSON contract."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from clitools import Cli, tree_digest
from test_checkin import checkin_events, setup_runner

from planner.events import RunLogged

TODAY = date(2026, 11, 28)  # the cli fixture's pinned today


def on(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def days_json(cli: Cli, offset: int = 0, days: int = 1) -> list[dict[str, Any]]:
    code, out, err = cli("plan", "--days", str(days), "--json", today=on(offset))
    assert code == 0, err
    result: list[dict[str, Any]] = json.loads(out)["days"]
    return result


def test_a_no_keeps_a_stress_fracture_sign_until_a_clinician_clears_it(cli: Cli) -> None:
    setup_runner(cli)
    cli("checkin", "--soreness", "3", "--area", "shins", "--flag", "hopping_pain")
    code, out, _ = cli("checkin", "--soreness", "1", "--no-flag", "hopping_pain", today=on(1))
    assert code == 0 and "SEE A CLINICIAN" in out and "No running today" in out
    assert "only a clinician can lift this sign" in out
    assert "planner checkin --cleared hopping_pain" in out
    (day,) = days_json(cli, 1)
    assert day["see_clinician"] and day["run"]["allowed"] is False
    assert day["checkin"]["answered_no"] == ["hopping_pain"] and day["checkin"]["flags"] == []
    # A week of "no" still does not lift it.
    assert all(d["see_clinician"] for d in days_json(cli, 1, 7))


def test_a_clearance_starts_the_return_period(cli: Cli) -> None:
    setup_runner(cli)  # 8 easy runs of 45 min: the usual run is 45 min
    cli("checkin", "--soreness", "3", "--flag", "hopping_pain")
    code, out, _ = cli("checkin", "--soreness", "1", "--cleared", "hopping_pain", today=on(2))
    assert code == 0 and "cleared by a clinician: hopping_pain" in out
    assert "Return after pain on hopping" in out and "easy running only" in out
    days = days_json(cli, 2, 35)
    assert days[0]["checkin"]["cleared"] == ["hopping_pain"]
    # The lift day and a bone-stress sign's 28 days after it in the standard plan (RULES.md).
    ret = 29
    assert [d["day_type"] for d in days[:ret]].count("quality_ok") == 0
    week_one = [d["run"]["max_minutes"] for d in days[:7] if d["run"]["allowed"]]
    assert week_one and max(week_one) <= 45 // 2
    assert all("Return after pain on hopping" in " ".join(d["reasons"]) for d in days[:ret])
    assert not any("Return after pain on hopping" in " ".join(d["reasons"]) for d in days[ret:])


def test_illness_stops_running_and_then_quality_for_two_days(cli: Cli) -> None:
    setup_runner(cli)
    code, out, _ = cli("checkin", "--soreness", "1", "--flag", "illness")
    assert code == 0 and "No running today" in out
    assert days_json(cli)[0]["run"]["allowed"] is False
    code, out, _ = cli("checkin", "--soreness", "1", "--no-flag", "illness", today=on(1))
    assert code == 0  # a runner may lift illness themselves
    days = days_json(cli, 1, 4)
    assert days[0]["run"]["allowed"] is True
    assert [d["day_type"] == "quality_ok" for d in days[:2]] == [False, False]
    assert "Return after an illness" in " ".join(days[0]["reasons"])


def test_a_short_night_takes_quality_off_today(cli: Cli) -> None:
    setup_runner(cli)
    (day,) = days_json(cli)
    assert day["day_type"] == "quality_ok"
    code, out, _ = cli("checkin", "--soreness", "1", "--sleep-hours", "5.5")
    assert code == 0 and "slept 5.5 h" in out
    (day,) = days_json(cli)
    assert day["day_type"] != "quality_ok" and day["checkin"]["sleep_hours"] == 5.5
    assert "5.5 h" in " ".join(day["reasons"])


def test_a_bone_stress_sign_in_a_woman_asks_about_periods_and_eating(cli: Cli) -> None:
    setup_runner(cli)
    cli("profile", "set", "--sex", "f")
    code, out, _ = cli("checkin", "--soreness", "2", "--flag", "hopping_pain")
    assert code == 0 and "periods" in out and "RED-S" in out
    cli("profile", "set", "--sex", "m")
    assert "RED-S" not in cli("today")[1]


def test_rating_a_run_needs_no_soreness_and_keeps_the_mornings_answers(
    cli: Cli, data: Path
) -> None:
    setup_runner(cli)
    from planner.service import Planner

    planner = Planner.open(data, today=TODAY)
    planner.data.append(
        RunLogged(id="imp-1", date=TODAY, distance_m=9000.0, moving_s=2400, elapsed_s=2400,
                  source="import")
    )  # fmt: skip
    code, out, _ = cli("checkin", "--rate", "imp-1=6")
    assert code == 0 and "rated 1 run(s)" in out and "soreness" not in out.split("\n")[0]
    (event,) = checkin_events(data)
    assert "soreness" not in event  # not answered: not written
    assert days_json(cli)[0]["checkin"]["soreness"] is None
    cli("checkin", "--soreness", "4", "--sleep-hours", "8")
    cli("checkin", "--rate", "imp-1=7")
    checkin = days_json(cli)[0]["checkin"]
    assert (checkin["soreness"], checkin["sleep_hours"]) == (4, 8)


def test_old_keys_only_when_nothing_new_was_answered(cli: Cli, data: Path) -> None:
    setup_runner(cli)
    cli("checkin", "--soreness", "2")
    cli("checkin", "--soreness", "2", "--cleared", "limp", "--sleep-hours", "7", today=on(1))
    first, second = checkin_events(data)
    assert "cleared" not in first and "sleep_hours" not in first
    assert second["cleared"] == ["limp"] and second["sleep_hours"] == 7


def test_the_questions_say_which_signs_a_clinician_must_lift(cli: Cli) -> None:
    code, out, _ = cli("checkin", "--questions")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ")}
    assert "*" in lines["hopping_pain"].split()[1] and "*" in lines["chest_pain"]
    assert "*" not in lines["limp"] and "illness" in lines
    assert "--cleared" in out and "--sleep-hours" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["checkin"], "check-in: nothing to record"),
        (["checkin", "--cleared", "sore_toe"], "cleared 'sore_toe'"),
        (["checkin", "--flag", "pop", "--cleared", "pop"], "flag 'pop'"),
        (["checkin", "--no-flag", "pop", "--cleared", "pop"], "flag 'pop'"),
        (["checkin", "--sleep-hours", "lots"], "sleep hours 'lots'"),
        (["checkin", "--sleep-hours", "25"], "sleep hours '25'"),
        (["checkin", "--rate", "nope=4"], "rate 'nope'"),
    ],
)
def test_bad_new_answers_are_one_line_exit_2_and_write_nothing(
    cli: Cli, data: Path, args: list[str], field: str
) -> None:
    setup_runner(cli)
    before = tree_digest(data)
    code, out, err = cli(*args)
    assert code == 2, (out, err)
    assert err.startswith(f"planner: {field}") and err.count("\n") == 1, err
    assert tree_digest(data) == before
