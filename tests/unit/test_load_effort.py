"""Efforts of unrated runs (heart rate, pace), monotony and strain, rest days, the ratio."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, timedelta

import pytest
from plan_states import TUE, plan_rules, run

from planner.core.effort import EffortEstimator, estimator_for, hard_by_kind
from planner.core.history import Timeline, session_of
from planner.core.load import (
    heart_rate,
    load_summary,
    monotony_and_strain,
    rest_days_to_fresh,
    same_load_every_day,
    smoothing_factor,
)
from planner.core.model import Profile, Run
from planner.core.rules import DEFAULT_LOAD
from planner.core.spikes import SpikeWatch

RULES = plan_rules()


def easy_refs(before: date, count: int = 3, pace: float = 6.0, rpe: float = 4) -> list[Run]:
    """Rated easy runs of 40 min at `pace` min/km in the days before `before`."""
    return [
        run(before - timedelta(days=i), 40, rpe, km=40 / pace, id=f"e{i}")
        for i in range(1, count + 1)
    ]


def unrated(pace: float, **extra: object) -> Run:
    return run(TUE, 40, None, None, km=40 / pace, id="u", **extra)


def estimate(runs: list[Run], target: Run, heart: bool = False) -> tuple[float, str]:
    hr = heart_rate(Profile(), 40, RULES.load) if heart else None
    effort = EffortEstimator(
        [*runs, target], RULES.load, hr, lambda r: hard_by_kind(r, RULES)
    ).effort(target)
    return round(effort.rpe, 2), effort.method


# ---- effort from pace ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pace", "rpe"),
    [(6.0, 4.0), (5.0, 7.0), (4.0, 10.0), (6.6, 2.64), (12.0, 1.0)],
)
def test_effort_from_pace_against_the_runners_easy_pace(pace: float, rpe: float) -> None:
    """Easy pace 6:00/km at effort 4; each 10% faster adds 1.5 (20% faster: 7)."""
    assert estimate(easy_refs(TUE), unrated(pace)) == (rpe, "pace")


def test_pace_needs_three_recent_rated_easy_runs() -> None:
    assert estimate(easy_refs(TUE, count=2), unrated(5.0)) == (4.0, "default")
    old = [dataclasses.replace(r, date=r.date - timedelta(days=45)) for r in easy_refs(TUE)]
    assert estimate(old, unrated(5.0)) == (4.0, "default")  # older than 42 days


def test_hard_or_estimated_runs_do_not_set_the_easy_pace() -> None:
    intervals = [dataclasses.replace(r, type="intervals", rpe=3) for r in easy_refs(TUE)]
    assert estimate(intervals, unrated(5.0))[1] == "default"
    # An estimated effort is no rating: such runs only give the runner's own median pace,
    # taken at the default effort (4), not at the effort they were guessed at.
    guessed = [dataclasses.replace(r, rpe=2, rpe_estimated=True) for r in easy_refs(TUE)]
    assert estimate(guessed, unrated(5.0)) == (7.0, "pace")
    rides = [dataclasses.replace(r, sport="cycling") for r in easy_refs(TUE)]
    assert estimate(rides, unrated(5.0))[1] == "default"


def test_an_impossible_pace_is_not_compared() -> None:
    assert estimate(easy_refs(TUE), unrated(0.5))[1] == "default"  # 30 s per km
    assert estimate(easy_refs(TUE), dataclasses.replace(unrated(5.0), distance_m=5e-324))[1] == (
        "default"
    )


def test_heart_rate_comes_first_and_can_be_switched_off() -> None:
    target = unrated(5.0, avg_hr=150)
    assert estimate(easy_refs(TUE), target, heart=True)[1] == "heart_rate"
    assert estimate(easy_refs(TUE), target, heart=False) == (7.0, "pace")
    profile = Profile(age=40, hr_unreliable=True)
    effort = estimator_for([*easy_refs(TUE), target], profile, RULES, TUE).effort(target)
    assert effort.method == "pace"
    reliable = estimator_for([*easy_refs(TUE), target], Profile(age=40), RULES, TUE)
    assert reliable.effort(target).method == "heart_rate"


def test_a_rated_run_keeps_its_rating() -> None:
    effort = EffortEstimator([], RULES.load, None).effort(run(TUE, 40, 6))
    assert (effort.rpe, effort.method, effort.estimated) == (6.0, "rated", False)
    imported = EffortEstimator([], RULES.load, None).effort(run(TUE, 40, 6, rpe_estimated=True))
    assert (imported.method, imported.estimated) == ("imported", True)


# ---- monotony and strain (Foster 1998) -------------------------------------------------------


@pytest.mark.parametrize(
    ("week", "monotony", "strain"),
    [
        ([160, 160, 160, 160, 160, 160, 200], 11.84, 13733),
        ([160, 0, 160, 0, 160, 0, 160], 1.15, 739),
        ([0, 0, 0, 0, 0, 0, 400], 0.41, 163),
    ],
)
def test_monotony_is_mean_over_sd_and_strain_the_week_times_it(
    week: list[float], monotony: float, strain: float
) -> None:
    m, s = monotony_and_strain(week, 30)
    assert m is not None and s is not None
    assert (round(m, 2), round(s)) == (monotony, strain)


def test_monotony_needs_a_week_of_history_and_a_spread() -> None:
    assert monotony_and_strain([100.0] * 7, 6) == (None, None)
    assert monotony_and_strain([100.0] * 7, 30) == (None, None)
    assert same_load_every_day([100.0] * 7) and not same_load_every_day([0.0] * 7)
    assert not same_load_every_day([100.0] * 6 + [90.0])


# ---- rest days until form is 0 (Runalyze) ----------------------------------------------------


def test_rest_days_to_fresh_follow_the_runalyze_derivation() -> None:
    lam_a, lam_c = smoothing_factor(7, "runalyze"), smoothing_factor(42, "runalyze")
    days = math.log(40 / 60) / math.log((1 - lam_a) / (1 - lam_c))
    assert rest_days_to_fresh(40, 60) == math.ceil(days) == 2
    assert rest_days_to_fresh(60, 40) == 0 and rest_days_to_fresh(0, 10) == 0
    # GoldenCheetah's lambda gives a different answer for the same state; the plan may choose.
    gc = dataclasses.replace(DEFAULT_LOAD, smoothing="goldencheetah")
    assert rest_days_to_fresh(40, 60, gc) != rest_days_to_fresh(40, 60)


def test_after_a_rest_of_that_many_days_form_is_back_to_zero() -> None:
    runs = [run(TUE - timedelta(days=i), 60, 6) for i in range(0, 60)]
    runs += [run(TUE - timedelta(days=i), 90, 8, id=f"x{i}") for i in range(0, 5)]
    today = load_summary(runs, TUE)
    n = today.rest_days_to_fresh
    assert n >= 1
    later = load_summary(runs, TUE + timedelta(days=n + 1))  # form is the day before's
    before = load_summary(runs, TUE + timedelta(days=n))
    assert later.form >= 0 > before.form


# ---- the ratio day by day --------------------------------------------------------------------


def test_the_spike_ratio_is_the_load_summarys_of_the_day_before() -> None:
    """Spikes count completed days: the ratio measured on a day is yesterday's load summary's."""
    runs = [run(TUE - timedelta(days=i), 30 + i % 5 * 10, 3 + i % 4) for i in range(0, 70)]
    timeline = Timeline(session_of(r, RULES, r.rpe or 4) for r in runs)
    first = min(r.date for r in runs)
    plan = plan_rules()
    for start in (first, TUE - timedelta(days=40)):
        watch = SpikeWatch(timeline.sessions, first, start, RULES.load, plan.spikes)
        for day in (TUE - timedelta(days=2), TUE, TUE + timedelta(days=1)):
            ratio, _ = watch.ratios_before(day)
            yesterday = load_summary(runs, day - timedelta(days=1), start=start)
            assert ratio == yesterday.acwr


def test_an_effort_is_written_as_rated_or_marked_estimated() -> None:
    from datetime import date

    from planner.core.effort import Effort, effort_text
    from planner.core.model import Run

    run = Run("r", date(2026, 11, 24), 8000.0, 2700, 2700)
    assert effort_text(run, None) == "-" and effort_text(run, None, unknown="") == ""
    assert effort_text(run, Effort(6.6, "heart_rate")) == "~7"
    assert effort_text(run, Effort(5.0, "rated")) == "5"
    imported = Run("i", date(2026, 11, 24), 8000.0, 2700, 2700, rpe=6.0, rpe_estimated=True)
    assert effort_text(imported, None) == "~6"
