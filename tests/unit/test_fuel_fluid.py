"""Fuel and fluid (issue 12, point 5): before and during long or hot runs; after a run, what
was actually lost; the usual temperature learnt from the runs logged lately."""

from __future__ import annotations

from datetime import date, timedelta

from plan_states import TUE, easy_base, plan_rules, run, state

from planner.core.engine import build_plan
from planner.core.model import ChecklistItem, DayPlan, Run, State


def day(st: State, on: date = TUE) -> DayPlan:
    return build_plan(st, plan_rules(), on, days=1).days[0]


def items(st: State, on: date = TUE) -> dict[str, ChecklistItem]:
    return {i.id: i for i in day(st, on).checklist}


def today(*runs: Run, **profile: object) -> State:
    profile.setdefault("weight_kg", 70.0)
    return state([*easy_base(TUE), *runs], checkins=(), age=40, **profile)


def test_no_fuel_item_for_a_mild_40_minute_run() -> None:
    kinds = {i.kind for i in items(today(run(TUE, 40, 4, temp_c=15.0))).values()}
    assert "fuel" not in kinds


def test_a_two_and_a_half_hour_run_gets_fuel_before_and_during() -> None:
    got = items(today(run(TUE, 150, 5, "long", temp_c=15.0)))
    before, during = got["fuel:before"], got["fuel:during"]
    assert before.kind == during.kind == "fuel"
    assert before.doses == {"carbs_g": 70}  # 1 g/kg, 1 h before; up to 4 g/kg 4 h before
    assert "up to 280 g" in before.detail
    # 800 ml/h at most for 2.5 h; sodium beyond 2 h; 30-60 g carbs an hour for up to 2.5 h.
    assert during.doses == {"fluid_ml": 2000, "sodium_mg": 1150, "carbs_g": 75}
    assert "400-800 ml an hour" in during.detail and "30-60 g an hour" in during.detail


def test_beyond_two_and_a_half_hours_carbs_go_up_to_90_g_an_hour() -> None:
    during = items(today(run(TUE, 180, 5, "long", temp_c=15.0)))["fuel:during"]
    assert "60-90 g an hour" in during.detail and during.doses["carbs_g"] == 180


def test_a_short_run_in_heat_gets_fluid_and_sodium_but_no_carbs_or_loading() -> None:
    got = items(today(run(TUE, 40, 4, temp_c=30.0)))
    assert "fuel:before" not in got
    assert got["fuel:during"].doses == {"fluid_ml": 550, "sodium_mg": 320}


def test_weights_give_the_fluid_from_what_was_lost() -> None:
    weighed = run(TUE, 120, 5, "long", temp_c=30.0, weight_before_kg=70.2, weight_after_kg=69.1)
    hydration = items(today(weighed))["hydration"]
    assert hydration.doses["fluid_ml"] == 1400  # 1.1 kg x 1.25, not the 2.9 L estimate
    assert "you lost 1.1 kg" in hydration.detail
    assert "No more than about 1000 ml an hour" in hydration.detail


def test_without_weights_what_was_drunk_comes_off_the_estimate() -> None:
    hot = 30.0
    plain = items(today(run(TUE, 120, 5, "long", temp_c=hot)))["hydration"].doses["fluid_ml"]
    drank = items(today(run(TUE, 120, 5, "long", drank_ml=1500.0, temp_c=hot)))["hydration"]
    assert plain == 3000  # 1.2 L/h x 2 h x 1.25
    assert drank.doses["fluid_ml"] == 1150  # (2.4 - 1.5) x 1.25
    assert "The 1500 ml you drank on the run is taken off." in drank.detail


def test_a_huge_estimate_is_capped_at_about_a_litre_an_hour() -> None:
    heavy = today(run(TUE, 300, 5, "long", temp_c=40.0), weight_kg=110.0)
    assert items(heavy)["hydration"].doses["fluid_ml"] == 6000  # 6 h at 1 L an hour at most


def test_a_weight_that_rose_warns_of_over_drinking_and_asks_for_no_more() -> None:
    rose = run(TUE, 100, 5, "long", weight_before_kg=70.0, weight_after_kg=70.6)
    d = day(today(rose))
    hydration = {i.id: i for i in d.checklist}["hydration"]
    assert "fluid_ml" not in hydration.doses and "Drink only to thirst" in hydration.detail
    assert any("hyponatraemia" in w and "0.6 kg" in w for w in d.warnings)


def test_a_long_run_without_weights_asks_for_them() -> None:
    asked = items(today(run(TUE, 100, 5, "long")))["hydration"].detail
    assert "Weigh yourself before and after runs over 90 min" in asked
    short = items(today(run(TUE, 60, 4)))["hydration"].detail
    assert "Weigh yourself" not in short


def test_the_usual_temperature_is_the_median_of_the_last_28_days() -> None:
    warm = [
        run(TUE - timedelta(days=d), 40, 4, id=f"w{d}", temp_c=t)
        for d, t in ((1, 26.0), (3, 28.0), (5, 30.0), (40, -5.0))
    ]
    st = today(*warm, run(TUE, 40, 4), temp_c=10.0)  # a setting of 10 °C, runs at 28 lately
    hydration = items(st)["hydration"]
    assert hydration.doses == {"fluid_ml": 950, "sodium_mg": 550}  # 28 °C: hot, with sodium
    assert "28 °C is the median of your runs' temperatures over the last 28 days" in (
        hydration.detail
    )
