"""The day-by-day load trend the History chart draws ends where the plan's load summary is."""

from __future__ import annotations

from datetime import date, timedelta

from planner.core.load import load_summary, session_load
from planner.core.model import Run
from planner.core.rules import DEFAULT_LOAD
from planner.core.trend import load_trend

TODAY = date(2026, 11, 28)


def runs(days: int) -> list[Run]:
    out = []
    for back in range(days, 0, -2):
        day = TODAY - timedelta(days=back)
        out.append(Run(f"r{back}", day, 8000.0, 2700, 2700, rpe=4.0 + back % 3))
    return out


def test_the_last_point_is_todays_load_summary() -> None:
    history = runs(90)
    trend = load_trend(history, TODAY - timedelta(days=59), TODAY, DEFAULT_LOAD, session_load)
    summary = load_summary(history, TODAY, DEFAULT_LOAD, session_load)
    last = trend[-1]
    assert len(trend) == 60 and last.date == TODAY
    assert (last.fitness, last.fatigue, last.form, last.acwr) == (
        summary.fitness,
        summary.fatigue,
        summary.form,
        summary.acwr,
    )


def test_no_ratio_before_enough_history_and_zeros_before_any_run() -> None:
    history = runs(20)
    first = TODAY - timedelta(days=29)
    trend = load_trend(history, first, TODAY, DEFAULT_LOAD, session_load)
    assert trend[0].fitness == 0.0 and trend[0].acwr is None
    assert all(point.acwr is None for point in trend)  # 20 days < 28
    assert trend[-1].fitness > 0


def test_an_empty_history_is_flat() -> None:
    trend = load_trend([], TODAY - timedelta(days=6), TODAY, DEFAULT_LOAD, session_load)
    assert [p.fitness for p in trend] == [0.0] * 7
    assert load_trend([], TODAY, TODAY - timedelta(days=1), DEFAULT_LOAD, session_load) == ()
