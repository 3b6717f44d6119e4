"""What the load does to a day: a spike lowers the cap; monotony, distance and form are told."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from plan_states import TUE, after, no_rest_days, plan_rules, run, state

from planner.core.engine import build_plan
from planner.core.model import DayPlan, Run, State


def today_plan(st: State, today: date = TUE, rules_name: str = "standard") -> DayPlan:
    return build_plan(st, no_rest_days(rules_name), today, days=1).days[0]


def spike_state() -> State:
    steady = [run(after(TUE, -i), 30, 3) for i in range(8, 60)]
    spike = [run(after(TUE, -i), 90, 8, "intervals", id=f"s{i}") for i in range(1, 7)]
    return state([*steady, *spike, run(TUE, 30, 3, id="today")], age=30)


# ---- a load spike (acute:chronic 1.5 or more) ------------------------------------------------


@pytest.mark.parametrize(("name", "multiplier"), [("standard", 0.8), ("conservative", 0.7)])
def test_a_load_spike_lowers_the_intensity_cap(name: str, multiplier: float) -> None:
    rules = plan_rules(name)
    flat = dataclasses.replace(rules, load=dataclasses.replace(rules.load, spike_cap_multiplier=1))
    spiked = build_plan(spike_state(), rules, TUE, days=1)
    unchanged = build_plan(spike_state(), flat, TUE, days=1)
    assert spiked.load.acwr is not None and spiked.load.acwr >= 1.5
    d, base = spiked.days[0], unchanged.days[0]
    assert d.run.intensity_cap == pytest.approx(base.run.intensity_cap * multiplier, abs=0.001)
    assert any(r.startswith("Load spike:") and "acute:chronic load ratio" in r for r in d.reasons)
    assert d.day_type == "easy"


def test_no_spike_no_change() -> None:
    steady = [run(after(TUE, -i), 40, 4) for i in range(0, 60)]
    d = today_plan(state(steady, age=30))
    assert not any("Load spike" in r for r in (*d.reasons, *d.warnings))


def test_the_ratio_is_not_shown_before_28_days_of_history() -> None:
    runs = [run(after(TUE, -i), 90, 8, "intervals", id=f"s{i}") for i in range(0, 20)]
    p = build_plan(state(runs, age=30), no_rest_days(), TUE, days=1)
    assert p.load.acwr is None
    assert not any("Load spike" in r for r in p.days[0].reasons)


# ---- monotony, distance, form -------------------------------------------------------------


def week_of(minutes: list[int], km: float = 8.0) -> list[Run]:
    return [run(after(TUE, -i), m, 4, km=km, id=f"w{i}") for i, m in enumerate(minutes) if m]


@pytest.mark.parametrize(
    ("minutes", "warned"),
    [
        ([40, 40, 40, 40, 40, 40, 50], "Monotony 11.8"),  # loads 160 x 6 and 200: mean/SD 11.8
        ([40] * 7, "The same load on each of the last 7 days"),
        ([40, 0, 40, 0, 40, 0, 40], None),  # rest days vary the load: monotony 1.2
    ],
)
def test_monotony_above_two_is_flagged(minutes: list[int], warned: str | None) -> None:
    older = [run(after(TUE, -i), 40, 4, km=8.0, id=f"o{i}") for i in range(7, 21, 2)]
    d = today_plan(state([*older, *week_of(minutes)], age=30))
    flags = [w for w in d.warnings if "Monotony" in w or "same load" in w]
    if warned is None:
        assert not flags
    else:
        assert len(flags) == 1 and flags[0].startswith(warned), flags


@pytest.mark.parametrize(("this_week", "spiked"), [(40.0, True), (38.0, False), (80.0, True)])
def test_weekly_distance_up_more_than_30_percent_blocks_quality_for_three_days(
    this_week: float, spiked: bool
) -> None:
    """The 7 days to yesterday against the mean week of the 4 weeks before (30 km)."""
    before = [run(after(TUE, -i), 40, 4, km=6.0, id=f"l{i}") for i in range(8, 36) if i % 7 < 5]
    this = [run(after(TUE, -i), 40, 4, km=this_week / 4, id=f"t{i}") for i in range(1, 5)]
    p = build_plan(state([*before, *this], age=30), no_rest_days(), TUE, days=4)
    said = [" ".join(d.reasons) for d in p.days]
    assert ("Load spike: running distance up" in said[0]) == spiked
    if spiked:
        assert [d.day_type for d in p.days[:3]] == ["easy"] * 3
        assert f"up {round((this_week / 30 - 1) * 100)}%" in said[0]
        assert "No quality through Thu 26 Nov" in said[0]
        # Ahead of today the spike stands, with its cap: logged runs alone cannot end it.
        assert "No quality on the days the plan projects" in said[3]
        assert p.days[3].day_type == "easy"


def test_distance_from_nothing_is_not_a_30_percent_rise() -> None:
    d = today_plan(state([run(after(TUE, -i), 40, 4, km=8.0) for i in range(0, 5)], age=30))
    assert not any("running distance up" in r for r in d.reasons)


def test_tired_legs_are_told_how_many_rest_days_bring_form_back() -> None:
    # Six weeks of history (fitness and fatigue say little before), the last ten days hard.
    steady = [run(after(TUE, -i), 30, 3) for i in range(10, 50, 2)]
    runs = [*steady, *(run(after(TUE, -i), 60, 7) for i in range(0, 10))]
    p = build_plan(state(runs, age=30), no_rest_days(), TUE, days=2)
    n = p.load.rest_days_to_fresh
    assert n >= 1
    assert any(f"about {n} rest day" in r for r in p.days[0].reasons)
    assert not any("rest day" in r and "form back" in r for r in p.days[1].reasons)


# ---- estimated efforts -----------------------------------------------------------------------


def unrated(day: date, **extra: object) -> Run:
    return run(day, 40, None, None, km=8.0, id=f"u-{day}", **extra)


def test_estimated_efforts_are_named_with_how_to_rate_them() -> None:
    refs = [run(after(TUE, -i), 40, 4, km=40 / 6, id=f"e{i}") for i in range(3, 9)]
    runs = [*refs, unrated(after(TUE, -1), avg_hr=150), unrated(after(TUE, -2))]
    said = " ".join(today_plan(state(runs, age=50)).reasons)
    assert "Effort estimated for 2 runs of the last 7 days (1 from heart rate, 1 from pace)" in said
    assert "planner checkin --rate RUN_ID=RPE" in said
    assert (
        "max HR 173 estimated (208 - 0.7 x age 50) and rest HR 60 assumed; "
        "set yours with planner profile set --hr-max N --hr-rest N"
    ) in said


def test_with_heart_rate_marked_unreliable_the_plan_says_it_does_not_use_it() -> None:
    runs = [unrated(after(TUE, -1), avg_hr=150)]
    said = " ".join(today_plan(state(runs, age=50, hr_unreliable=True)).reasons)
    assert "(1 at the easy default, with no heart rate or pace to go by)" in said
    assert "Heart rate is marked unreliable, so the plan does not use it." in said
    assert "max HR" not in said


def test_an_unrated_runs_estimate_decides_whether_it_was_hard() -> None:
    """A run 20% faster than the easy pace is estimated at 7: hard, so the next day is easy."""
    refs = [run(after(TUE, -i), 40, 4, km=40 / 6, id=f"e{i}") for i in range(2, 9)]
    fast = run(after(TUE, -1), 40, None, None, km=8.0, id="fast")  # 5:00 per km
    slow = dataclasses.replace(fast, distance_m=40 / 6 * 1000)  # easy pace
    assert today_plan(state([*refs, fast], age=30)).day_type == "easy"
    assert today_plan(state([*refs, slow], age=30)).day_type == "quality_ok"
