"""Fitness, fatigue, form and the acute:chronic ratio day by day: the series a chart draws.

The same load and the same averages as `load.load_summary`, kept for every day instead of the
last one, so the chart's last point equals the plan's load summary of that day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.load import acwr, daily_loads, ewma, series_start
from planner.core.model import Run
from planner.core.rules import LoadRules


@dataclass(frozen=True)
class LoadPoint:
    """One day of the load chart."""

    date: date
    fitness: float
    fatigue: float
    form: float  # the day before's fitness minus its fatigue (TSB)
    acwr: float | None  # None before enough history, as the plan says


def load_trend(
    runs: Sequence[Run],
    first: date,
    last: date,
    rules: LoadRules,
    load_of: Callable[[Run], float],
) -> tuple[LoadPoint, ...]:
    """One point per day from `first` to `last`; runs after `last` do not count."""
    if last < first:
        return ()
    past = [run for run in runs if run.date <= last]
    if not past:
        return tuple(
            LoadPoint(first + timedelta(d), 0.0, 0.0, 0.0, None) for d in _days(first, last)
        )
    history_start = min(run.date for run in past)
    start = min(first, series_start(history_start, last, rules))
    loads = [0.0, *daily_loads(past, start, last, load_of)]  # a zero day before: form's yesterday
    fitness = ewma(loads, rules.fitness_days, rules.smoothing)
    fatigue = ewma(loads, rules.fatigue_days, rules.smoothing)
    acute = ewma(loads, rules.acute_days, "runalyze")
    chronic = ewma(loads, rules.chronic_days, "runalyze")
    points = []
    for offset in _days(first, last):
        day = first + timedelta(days=offset)
        i = (day - start).days + 1  # +1 for the zero day in front
        history_days = (day - history_start).days + 1
        ratio = acwr(acute[i], chronic[i], history_days, rules) if history_days > 0 else None
        points.append(
            LoadPoint(
                date=day,
                fitness=round(fitness[i], 1),
                fatigue=round(fatigue[i], 1),
                form=round(fitness[i - 1] - fatigue[i - 1], 1),
                acwr=None if ratio is None else round(ratio, 2),
            )
        )
    return tuple(points)


def _days(first: date, last: date) -> range:
    return range((last - first).days + 1)
