"""Heart rate when planning (issue 12, point 7): each run's effort is worked out from its stored
average heart rate and today's HR settings; estimated max and rest HR are named; with heart
rate marked unreliable an unrated run is judged by pace and quality waits for its rating."""

from __future__ import annotations

import dataclasses
from datetime import date

from plan_states import TUE, after, plan_rules, run, state

from planner.core.effort import EffortEstimator, estimator_for
from planner.core.engine import build_plan
from planner.core.load import heart_rate, heart_rate_words
from planner.core.model import DayPlan, Profile, Run, State

RULES = plan_rules()


def imported(day: date = TUE, avg_hr: int = 150, trimp: float = 98.0, **extra: object) -> Run:
    """An unrated run as an import stores it: its heart rate, and a TRIMP of the import's day."""
    return run(day, 40, None, None, km=8.0, id=f"imp-{day}", avg_hr=avg_hr, trimp=trimp, **extra)


def today_plan(s: State, day: date = TUE) -> DayPlan:
    return build_plan(s, RULES, day, days=1).days[0]


# ---- today's HR numbers for every past run --------------------------------------------------


def test_a_new_max_hr_changes_the_effort_of_a_run_imported_before() -> None:
    target = imported()
    efforts = [
        estimator_for([target], Profile(age=40, hr_max=hr_max), RULES, TUE).effort(target)
        for hr_max in (190, 170)
    ]
    assert [e.method for e in efforts] == ["heart_rate", "heart_rate"]
    # 150 bpm is a harder effort for a heart that tops out at 170 than for one at 190.
    assert efforts[1].rpe > efforts[0].rpe + 1
    # The TRIMP stored at import (98 for 40 min: effort 6.1) is not what either one uses.
    assert all(abs(e.rpe - 98.0 / 40 * 2.5) > 0.3 for e in efforts)
    # A TRIMP from elsewhere with no average heart rate cannot be redone: it stands.
    bare = dataclasses.replace(imported(avg_hr=150, trimp=160.0), avg_hr=None)
    effort = EffortEstimator([bare], RULES.load, heart_rate(Profile(), 40)).effort(bare)
    assert (round(effort.rpe, 2), effort.method) == (10.0, "heart_rate")


def test_the_plans_load_follows_the_hr_settings_of_today() -> None:
    runs = [imported(after(TUE, -i)) for i in range(1, 4)]
    loads = [
        build_plan(state(runs, age=40, hr_max=m, hr_rest=r), RULES, TUE, days=1).load.fatigue
        for m, r in ((190, 50), (170, 50), (170, 65))
    ]
    # A lower max, or a lower resting HR, makes 150 bpm more of the heart-rate reserve.
    assert loads[0] < loads[1] and loads[2] < loads[1]


# ---- estimated HR numbers are named ----------------------------------------------------------


def test_each_estimated_hr_number_is_named_with_how_it_was_made() -> None:
    both = heart_rate_words(heart_rate(Profile(), 50))
    assert both == (
        "Heart-rate efforts use max HR 173 estimated (208 - 0.7 x age 50) and rest HR 60 "
        "assumed; set yours with planner profile set --hr-max N --hr-rest N."
    )
    rest_only = heart_rate_words(heart_rate(Profile(hr_max=170), 50))
    assert rest_only == (
        "Heart-rate efforts use max HR 170 (yours) and rest HR 60 assumed; "
        "set yours with planner profile set --hr-rest N."
    )
    no_age = heart_rate_words(heart_rate(Profile(hr_rest=48), None))
    assert "max HR 180 estimated (208 - 0.7 x an assumed age of 40)" in no_age
    assert "rest HR 48 (yours)" in no_age and "--hr-rest" not in no_age


def test_the_plan_names_estimated_hr_numbers_for_an_imported_run() -> None:
    """An imported run carries a stored TRIMP: its heart-rate effort still uses the estimates."""
    said = " ".join(today_plan(state([imported(after(TUE, -1))], age=50)).reasons)
    assert "max HR 173 estimated (208 - 0.7 x age 50) and rest HR 60 assumed" in said
    with_own = " ".join(
        today_plan(state([imported(after(TUE, -1))], age=50, hr_max=181, hr_rest=52)).reasons
    )
    assert "max HR" not in with_own  # both are the runner's: nothing estimated to name


# ---- heart rate unreliable: pace against the runner's own median, and a rating -------------


def test_with_heart_rate_unreliable_an_unrated_run_is_judged_by_the_runners_median_pace() -> None:
    usual = [
        run(after(TUE, -i), 40, None, None, km=40 / 6, id=f"u{i}", avg_hr=140) for i in range(2, 6)
    ]
    fast = run(after(TUE, -1), 40, None, None, km=8.0, id="fast", avg_hr=150)  # 5:00 per km
    profile = Profile(age=40, hr_unreliable=True)
    effort = estimator_for([*usual, fast], profile, RULES, TUE).effort(fast)
    # 20% faster than their own median pace (6:00), taken at the easy default of 4: 7.
    assert (round(effort.rpe, 2), effort.method, effort.estimated) == (7.0, "pace", True)


def base(day: date = TUE) -> list[Run]:
    """Eight rated easy runs in 16 days: a base for quality."""
    return [run(after(day, -i), 40, 4, km=40 / 6, id=f"e{i}", avg_hr=140) for i in range(2, 18, 2)]


def test_quality_waits_for_a_rating_of_a_run_of_unknown_effort() -> None:
    easy_one = run(after(TUE, -1), 40, None, None, km=40 / 6, id="r-unrated", avg_hr=150)
    reliable = today_plan(state([*base(), easy_one], age=30))
    assert reliable.day_type == "quality_ok"
    held = today_plan(state([*base(), easy_one], age=30, hr_unreliable=True))
    assert held.day_type != "quality_ok"
    said = " ".join(held.reasons)
    assert "Heart rate is marked unreliable" in said
    assert "planner checkin --rate r-unrated=RPE" in said
    assert "Mon 23 Nov ~4 from pace" in said
    rated = dataclasses.replace(easy_one, rpe=4.0)
    assert today_plan(state([*base(), rated], age=30, hr_unreliable=True)).day_type == (
        "quality_ok"
    )


def test_a_run_of_unknown_effort_holds_quality_for_its_week_only() -> None:
    old = run(after(TUE, -6), 40, None, None, km=40 / 6, id="r-old")
    days = build_plan(state([*base(), old], age=30, hr_unreliable=True), RULES, TUE, days=2).days
    assert any("--rate r-old=RPE" in r for r in days[0].reasons)
    assert not any("--rate r-old=RPE" in r for r in days[1].reasons)  # 7 days on: out of the week
