"""Session-RPE, TRIMP, fitness/fatigue and the acute:chronic ratio."""

from __future__ import annotations

import dataclasses
import math
from datetime import timedelta

import pytest
from plan_states import TUE, plan_rules, run

from planner.core.load import (
    banister_trimp,
    daily_loads,
    ewma,
    heart_rate,
    load_summary,
    run_minutes,
    session_load,
    session_rpe,
    smoothing_factor,
)
from planner.core.model import Profile
from planner.core.rules import DEFAULT_LOAD


def test_session_load_is_rpe_times_moving_minutes() -> None:
    r = run(TUE, minutes=60, rpe=5)
    assert r.elapsed_s > r.moving_s
    assert session_load(r) == pytest.approx(300)


def test_elapsed_time_stands_in_when_there_is_no_moving_time() -> None:
    r = dataclasses.replace(run(TUE, minutes=30), moving_s=0, elapsed_s=1800)
    assert run_minutes(r) == 30


def test_a_run_without_rpe_or_heart_rate_is_an_estimated_easy_run() -> None:
    assert session_rpe(run(TUE, rpe=None)) == (4.0, True)
    assert session_load(run(TUE, minutes=50, rpe=None)) == pytest.approx(200)


def test_a_run_with_trimp_gets_its_rpe_from_trimp_per_minute() -> None:
    rpe, estimated = session_rpe(run(TUE, minutes=40, rpe=None, trimp=96.0))
    assert estimated and rpe == pytest.approx(96 / 40 * 2.5)


def test_an_estimate_from_heart_rate_uses_the_runners_numbers() -> None:
    heart = heart_rate(Profile(hr_rest=50, hr_max=190, sex="m"), 40)
    rpe, estimated = session_rpe(run(TUE, minutes=60, rpe=None, avg_hr=176), heart=heart)
    assert estimated and 8 <= rpe <= 10  # HRr 0.9: hard


def test_a_given_rpe_is_kept_and_clamped() -> None:
    assert session_rpe(run(TUE, rpe=7)) == (7.0, False)
    assert session_rpe(run(TUE, rpe=14)) == (10.0, False)


@pytest.mark.parametrize(
    ("sex", "a", "b"),
    [("m", 0.64, 1.92), ("f", 0.86, 1.67), (None, 0.75, 1.795), ("x", 0.75, 1.795)],
)
def test_banister_trimp_weights_by_sex(sex: str | None, a: float, b: float) -> None:
    # 60 min at HRr 0.5
    assert banister_trimp(60, 125, 60, 190, sex) == pytest.approx(60 * 0.5 * a * math.exp(b * 0.5))


def test_banister_trimp_clamps_impossible_heart_rates() -> None:
    assert banister_trimp(60, 40, 60, 190, "m") == 0
    assert banister_trimp(60, 250, 60, 190, "m") == pytest.approx(60 * 0.64 * math.exp(1.92))
    assert banister_trimp(60, 150, 190, 60, "m") == 0


def test_heart_rate_defaults_are_estimates() -> None:
    heart = heart_rate(Profile(), 50)
    assert (heart.rest, heart.max, heart.estimated) == (60, 173, True)  # 208 - 0.7 x 50


def test_daily_loads_sum_runs_of_a_day_and_skip_days_outside() -> None:
    runs = [run(TUE, 30, 4, id="a"), run(TUE, 20, 5, id="b"), run(TUE + timedelta(days=9), 30, 4)]
    assert daily_loads(runs, TUE - timedelta(days=1), TUE + timedelta(days=1)) == [0, 220, 0]


def test_ewma_smoothing_factors() -> None:
    assert smoothing_factor(7, "runalyze") == pytest.approx(0.25)
    assert smoothing_factor(42, "goldencheetah") == pytest.approx(1 - math.exp(-1 / 42))
    assert ewma([100] * 200, 7)[-1] == pytest.approx(100)
    assert ewma([100], 7) == [pytest.approx(25)]


def test_acwr_is_hidden_before_28_days_of_history() -> None:
    runs = [run(TUE - timedelta(days=i)) for i in range(27)]
    assert load_summary(runs, TUE).acwr is None
    runs.append(run(TUE - timedelta(days=27)))
    ratio = load_summary(runs, TUE).acwr
    # Both averages start from 0, so a steady month still reads as a (small) build.
    assert ratio is not None and 1.0 < ratio < 1.3


def test_load_summary_form_is_yesterdays_fitness_minus_fatigue() -> None:
    runs = [run(TUE - timedelta(days=i), 45, 4) for i in range(1, 60)]
    today = load_summary(runs, TUE)
    assert today.form < 0  # fatigue (7 days) runs above fitness (42 days) in a steady build
    assert today.fatigue < today.fitness + 180


def test_no_runs_no_load() -> None:
    summary = load_summary([], TUE)
    assert (summary.fitness, summary.acwr) == (0.0, None)


def test_runs_after_today_do_not_count() -> None:
    assert load_summary([run(TUE + timedelta(days=1))], TUE).acute == 0


def test_default_load_constants_equal_the_standard_plan() -> None:
    loaded = plan_rules().load
    # Compare the numbers; the reason and source live only in the file.
    parts = {
        name: dataclasses.replace(getattr(loaded, name), cited=getattr(DEFAULT_LOAD, name).cited)
        for name in ("trimp", "pace", "monotony", "distance")
    }
    assert dataclasses.replace(loaded, cited=DEFAULT_LOAD.cited, **parts) == DEFAULT_LOAD
