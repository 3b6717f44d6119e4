"""The engine's rarer paths and its inputs at the edges: typed values out of range, plan files
that break a rule, the ends of the calendar, and numbers no runner has.
(The everyday engine is in test_engine*.py; the bad-input corpus is in tests/torture.)"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from plan_states import plan_rules, run

from planner.core.checkin import parse_day
from planner.core.days import runner_day, zone
from planner.core.effort import run_load
from planner.core.engine import build_plan
from planner.core.errors import DataError, InputError, PlannerError
from planner.core.history import Session, Timeline
from planner.core.injury import flagged_areas
from planner.core.jsonout import race_to_json
from planner.core.load import rest_days_to_fresh
from planner.core.model import Profile, Race, State
from planner.core.planfile import parse_plan
from planner.core.taper import race_data
from planner.core.units import EARLIEST_DAY, LATEST_DAY, parse_date, parse_number

REPO = Path(__file__).resolve().parents[2]
STANDARD = (REPO / "plans" / "standard.toml").read_text(encoding="utf-8")
TODAY = date(2026, 11, 28)


# ---- what runners type -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_dates_outside_the_planners_calendar_are_refused(text: str) -> None:
    with pytest.raises(InputError, match=f"'{text}': outside the years 1900 to 2199"):
        parse_date(text, "--date")


def test_the_ends_of_the_calendar_are_dates() -> None:
    assert parse_date(" 1900-01-01 ") == EARLIEST_DAY and parse_date("2199-12-31") == LATEST_DAY


@pytest.mark.parametrize(
    ("text", "says"),
    [("heavy", "give a number from 25 to 250"), ("nan", "must be"), ("1e400", "must be")],
)
def test_numbers_that_are_no_numbers_or_out_of_range_are_refused(text: str, says: str) -> None:
    with pytest.raises(InputError, match=says):
        parse_number(text, "weight (kg)", 25, 250)
    assert parse_number("61,5", "weight (kg)", 25, 250) == 61.5


def test_a_checkin_day_is_optional() -> None:
    assert parse_day(None) is None and parse_day("2026-11-27") == date(2026, 11, 27)


# ---- the runner's day --------------------------------------------------------------------------


def test_the_runners_day_follows_their_zone_and_day_start() -> None:
    assert zone(None) is UTC and zone("") is UTC
    late = datetime(2026, 11, 28, 1, 30, tzinfo=UTC)  # 02:30 in Berlin, before a 03:00 start
    assert runner_day(late, "Europe/Berlin", 3) == date(2026, 11, 27)
    assert runner_day(late, "Europe/Berlin", 0) == date(2026, 11, 28)
    for bad in ("Mars/Olympus", "../../etc/passwd"):
        with pytest.raises(InputError, match="unknown; use an Area/City name"):
            zone(bad)


# ---- races --------------------------------------------------------------------------------------


def test_a_race_is_checked_field_by_field() -> None:
    data = race_data("race-1", date(2026, 12, 20), "10km", "  City   10k ", TODAY)
    assert data == {
        "id": "race-1",
        "date": date(2026, 12, 20),
        "distance_m": 10000.0,
        "name": "City 10k",
    }
    with pytest.raises(InputError, match="in the past"):
        race_data("race-1", TODAY - timedelta(days=1), "10km", "", TODAY)
    for name in ("x" * 81, "bell\x07"):
        with pytest.raises(InputError, match="printable characters"):
            race_data("race-1", TODAY, "10km", name, TODAY)
    race = Race("race-1", date(2026, 12, 20), 10000.0, "City 10k")
    assert race_to_json(race)["date"] == "2026-12-20"


# ---- the model -----------------------------------------------------------------------------


def test_model_odds_and_ends() -> None:
    assert PlannerError("x", exit_code=5).exit_code == 5 and DataError("x").exit_code == 3
    assert run(TODAY, minutes=45).minutes == 45
    assert not Profile().is_set and Profile(age=40).is_set
    assert flagged_areas({}, (), TODAY) == set()


def test_sessions_go_on_the_timeline_in_date_order() -> None:
    timeline = Timeline([])
    timeline.add(Session(TODAY, 45, 4, False, "easy"))
    with pytest.raises(ValueError, match="date order"):
        timeline.add(Session(TODAY - timedelta(days=1), 45, 4, False, "easy"))


def test_a_run_load_for_charts_is_the_plans_own() -> None:
    runs = [run(TODAY - timedelta(days=2), minutes=50, rpe=5)]
    load = run_load(runs, Profile(age=52), plan_rules(), TODAY)
    assert load(runs[0]) == pytest.approx(250)


def test_rest_days_to_fresh_when_fatigue_outlasts_fitness() -> None:
    rules = plan_rules().load
    assert rest_days_to_fresh(10.0, 0.0, rules) == 0
    slow_fatigue = type(rules)(**{**rules.__dict__, "fatigue_days": rules.fitness_days + 10})
    assert rest_days_to_fresh(10.0, 20.0, slow_fatigue) == 0


# ---- plan files that break a rule ----------------------------------------------------------------


def _broken(old: str, new: str, count: int = 1) -> str:
    assert old in STANDARD
    return STANDARD.replace(old, new, count)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (_broken("hard_max_new_runner = 1", "hard_max_new_runner = 9"), "a new runner never"),
        (_broken("anchor_age = 40", "anchor_age = 30"), "anchor"),
        (_broken("anchor_age = 34", "anchor_age = 99"), "anchor"),
        (_broken('id = "swelling"', 'id = "Swelling!"'), "lower-case"),
        (_broken('id = "shin_splints"', 'id = "stress_fracture"'), "new id"),
        (_broken('areas = ["shins", "feet"]', 'areas = ["elbows"]'), "is not one of"),
        (_broken("factor = 1.00", "factor = -1.0"), "below"),
    ],
)
def test_a_plan_file_that_breaks_a_rule_names_it(text: str, says: str) -> None:
    with pytest.raises(DataError, match=says):
        parse_plan(text, "mine.toml")


# ---- the calendar's ends and numbers no runner has: the engine itself --------------------------
# The fold drops such values (tests/unit/test_store_edges.py) and the CLI refuses such dates
# (tests/torture/test_bad_input.py), so no user reaches these; build_plan itself still fails
# on them, which the engine's owner may want to know.


@pytest.mark.xfail(
    strict=True,
    raises=OverflowError,
    reason="engine: a run on 0001-01-01 without an RPE overflows the pace estimate "
    "(effort.py: run.date - timedelta(lookback)); the fold keeps such dates out",
)
def test_the_engine_with_a_run_at_the_start_of_the_calendar() -> None:
    state = State(runs=(run(date(1, 1, 1), rpe=None, type=None),))
    build_plan(state, plan_rules(), TODAY, days=1)


def test_the_engine_with_a_weight_no_runner_has() -> None:
    # The post-run fluid is capped at about 1 L an hour (fluid.py): no overflow any more.
    build_plan(State(profile=Profile(age=52, weight_kg=1e308)), plan_rules(), TODAY, days=1)


@pytest.mark.xfail(
    strict=True,
    raises=OverflowError,
    reason="engine: planning on the last days of the calendar overflows (engine.py: "
    "start + timedelta); the CLI refuses years after 2199",
)
def test_the_engine_at_the_end_of_the_calendar() -> None:
    build_plan(State(profile=Profile(age=52)), plan_rules(), date(9999, 12, 30), days=7)


def test_the_engine_at_the_ends_of_the_planners_calendar() -> None:
    """What the CLI and the fold let through, the engine plans."""
    for today in (EARLIEST_DAY, LATEST_DAY - timedelta(days=366)):
        state = State(profile=Profile(age=52), runs=(run(today, rpe=None, type=None),))
        plan = build_plan(state, plan_rules(), today, days=366)
        assert len(plan.days) == 366
    old = State(runs=(run(EARLIEST_DAY, rpe=None, type=None),))
    assert build_plan(old, plan_rules(), TODAY, days=1).days[0].date == TODAY
