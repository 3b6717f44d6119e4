"""Checklist doses fitted to the day: fluid by time, heat and body mass; refuelling."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from plan_states import SUN, TUE, WED, after, easy_base, plan_rules, run, state

from planner.core.engine import build_plan
from planner.core.model import Checkin, ChecklistItem, Race, Run, State


def items(st: State, day: date = TUE) -> dict[str, ChecklistItem]:
    d = build_plan(st, plan_rules(), day, days=1).days[0]
    return {i.id: i for i in d.checklist}


@pytest.mark.parametrize(
    ("temp", "weight", "fluid", "sodium"),
    [
        (20.0, 70.0, 650, None),  # 0.8 L/h x 40 min x 1.25
        (10.0, 70.0, 350, None),  # 0.4 L/h
        (-20.0, 70.0, 250, None),  # never under 0.3 L/h
        (30.0, 70.0, 1000, 570),  # 1.2 L/h, and hot (25 °C or more): sodium 25 mmol/L
        (45.0, 70.0, 1500, 860),  # 1.8 L/h
        (20.0, 100.0, 950, None),  # heavier: 0.8 x 100/70 L/h
        (20.0, 50.0, 500, None),
    ],
)
def test_fluid_follows_run_time_temperature_and_body_mass(
    temp: float, weight: float, fluid: int, sodium: int | None
) -> None:
    st = state([*easy_base(TUE), run(TUE, 40, 4, temp_c=temp)], age=30, weight_kg=weight)
    hydration = items(st)["hydration"]
    assert hydration.doses.get("fluid_ml") == fluid
    assert hydration.doses.get("sodium_mg") == sodium
    assert f"at {round(temp)} °C and {round(weight)} kg" in hydration.detail
    assert "Assumes" not in hydration.detail  # both were given


def test_without_a_temperature_the_profile_default_or_a_mild_day_is_assumed() -> None:
    runs = [*easy_base(TUE), run(TUE, 40, 4)]
    mild = items(state(runs, age=30))["hydration"]
    assert "Assumes 20 °C until you give a temperature" in mild.detail
    assert "Assumes 70 kg until you set your weight." in mild.detail
    warm = items(state(runs, age=30, temp_c=30.0, weight_kg=70.0))["hydration"]
    assert warm.doses == {"fluid_ml": 1000, "sodium_mg": 570} and "Assumes" not in warm.detail


def test_the_hottest_run_of_the_day_sets_the_temperature() -> None:
    runs = [*easy_base(TUE), run(TUE, 20, 4, temp_c=12.0, id="a"), run(TUE, 20, 4, temp_c=28.0)]
    assert "at 28 °C" in items(state(runs, age=30, weight_kg=70.0))["hydration"].detail


def hard(hour: int, run_id: str) -> Run:
    start = datetime(TUE.year, TUE.month, TUE.day, hour, tzinfo=UTC)
    return run(TUE, 40, 8, "intervals", id=run_id, start=start)


@pytest.mark.parametrize("second_at", [10, 15, 17])
def test_two_hard_sessions_both_done_leave_nothing_to_refuel_for(second_at: int) -> None:
    """Refuelling for another hard session comes only when one is still to come (RULES.md)."""
    st = state([*easy_base(TUE), hard(7, "am"), hard(second_at, "pm")], age=30, weight_kg=70.0)
    meal = items(st)["meal:recovery"]
    assert meal.doses["carbs_g"] == 70
    assert "Another hard session within 8 h" not in meal.detail


def test_a_hard_session_on_the_morning_of_an_entered_race_means_refuelling() -> None:
    st = state([*easy_base(TUE), hard(7, "am")], age=30, weight_kg=70.0)
    raced = dataclasses.replace(st, races=(Race("r", TUE, 10_000.0),))
    assert items(st)["meal:recovery"].doses["carbs_g"] == 70
    assert items(raced)["meal:recovery"].doses["carbs_g"] == 280


def test_every_day_has_the_five_kinds_even_a_race_day() -> None:
    st = dataclasses.replace(state(easy_base(TUE), age=30), races=(Race("r", TUE, 42195.0),))
    kinds = {i.kind for i in items(st).values()}
    assert kinds >= {"hydration", "stretching", "yoga", "foam_rolling", "meal"}
    assert items(st)["hydration"].doses["fluid_ml"] > 3000  # a marathon at 6 min/km: 4.2 h


# ---- checklist doses (issue 12, point 6) -----------------------------------------------------


def ice_bath(st: State, day: date = TUE) -> ChecklistItem | None:
    return items(st, day).get("ice_bath")


def intervals_at(temp: float | None, age: int = 30, **profile: object) -> State:
    hard_run = run(TUE, 45, 8, "intervals", temp_c=temp)
    return state([*easy_base(TUE), hard_run], checkins=(), age=age, ice_bath=True, **profile)


def test_no_ice_bath_for_a_quality_session_that_is_only_planned() -> None:
    st = state(easy_base(TUE), age=30, ice_bath=True)
    d = build_plan(st, plan_rules(), TUE, days=1).days[0]
    assert d.day_type == "quality_ok"
    assert "ice_bath" not in {i.id for i in d.checklist}  # nothing hard was logged yet


def test_no_ice_bath_after_an_easy_run_even_at_minus_two() -> None:
    st = state([*easy_base(TUE), run(TUE, 40, 3, temp_c=-2.0)], age=30, ice_bath=True)
    assert ice_bath(st) is None


@pytest.mark.parametrize(("temp", "offered"), [(-2.0, False), (9.9, False), (10.0, True)])
def test_no_ice_bath_after_a_hard_run_in_air_under_10_degrees(temp: float, offered: bool) -> None:
    assert (ice_bath(intervals_at(temp)) is not None) is offered
    # The day after, the same run decides.
    assert (ice_bath(intervals_at(temp), WED) is not None) is offered


def test_a_cold_usual_temperature_stands_in_for_a_run_without_one() -> None:
    assert ice_bath(intervals_at(None, temp_c=5.0)) is None
    assert ice_bath(intervals_at(None, temp_c=18.0)) is not None


def test_without_any_temperature_the_ice_bath_says_when_to_skip_it() -> None:
    item = ice_bath(intervals_at(None))
    assert item is not None and "Skip it if the run was in air under 10 °C" in item.detail
    warm = ice_bath(intervals_at(18.0))
    assert warm is not None and "Skip it if the run was in air" not in warm.detail


@pytest.mark.parametrize(
    ("age", "water", "minutes", "caution"), [(64, 12, 10, False), (65, 15, 10, True)]
)
def test_from_65_the_ice_bath_is_warmer_shorter_and_warns_of_cold_shock(
    age: int, water: int, minutes: int, caution: bool
) -> None:
    item = ice_bath(intervals_at(20.0, age=age))
    assert item is not None
    assert item.doses == {"minutes": minutes, "water_temp_c": water}
    assert ("Cold shock" in item.detail) is caution
    assert f"never more than {10 if caution else 15}" in item.detail


def test_the_conservative_plan_ice_bath_is_never_looser() -> None:
    std, cons = plan_rules("standard").checklist, plan_rules("conservative").checklist
    s, c = std.items["ice_bath"].numbers, cons.items["ice_bath"].numbers
    assert c["min_air_temp_c"] >= s["min_air_temp_c"]
    assert c["older_from_age"] <= s["older_from_age"]
    assert c["older_max_minutes"] <= s["older_max_minutes"]
    assert c["older_water_temp_c"] >= s["older_water_temp_c"]


@pytest.mark.parametrize(
    ("age", "weight", "protein"),
    [(30, 45.0, 20), (30, 80.0, 24), (52, 45.0, 25), (52, 70.0, 28), (70, 50.0, 25)],
)
def test_recovery_protein_is_at_least_20_g_and_25_g_from_50(
    age: int, weight: float, protein: int
) -> None:
    st = state([*easy_base(TUE), run(TUE, 40, 4)], age=age, weight_kg=weight)
    assert items(st)["meal:recovery"].doses["protein_g"] == protein


def recovery_days() -> list[tuple[str, State, date]]:
    race = [*easy_base(SUN), run(SUN, 50, 9, "race", km=10.0)]
    sore = state(race, [Checkin(after(SUN, 2), 5)], age=66)
    return [
        ("race_recovery", state(race, age=66), after(SUN, 1)),
        ("active_recovery", sore, after(SUN, 2)),
    ]


@pytest.mark.parametrize(("day_type", "st", "day"), recovery_days())
def test_on_recovery_days_the_warm_up_is_the_first_5_easy_minutes_without_drills(
    day_type: str, st: State, day: date
) -> None:
    d = build_plan(st, plan_rules(), day, days=1).days[0]
    assert d.day_type == day_type
    warm_up = {i.id: i for i in d.checklist}["warm_up"]
    assert warm_up.doses == {"minutes": 5}  # not the 15 min from 50
    assert "first 5 min of the run" in warm_up.detail and "no drills" in warm_up.detail
