"""Checklist doses fitted to the day: fluid by time, heat and body mass; refuelling."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from plan_states import TUE, easy_base, plan_rules, run, state

from planner.core.engine import build_plan
from planner.core.model import ChecklistItem, Race, Run, State


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
