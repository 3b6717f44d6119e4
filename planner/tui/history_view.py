"""What History shows, worked out from runs and plans: table cells, sort orders, heatmap levels."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from planner.core.effort import Effort, effort_text
from planner.core.model import DayPlan, Run
from planner.core.units import format_distance, format_duration
from planner.core.wording import day_label
from planner.core.wording import pace_label as pace_label  # the one pace label, kept at hand here


@dataclass(frozen=True)
class RunColumn:
    key: str
    label: str
    sort_key: Callable[[Run], Any]
    numeric: bool = False  # right-aligned


def _pace_seconds(run: Run) -> float:
    return run.moving_s / (run.distance_m / 1000) if run.distance_m > 0 else float("inf")


RUN_COLUMNS: tuple[RunColumn, ...] = (
    RunColumn("date", "Date", lambda r: (r.date, r.start is not None, r.start or 0, r.id)),
    RunColumn("distance", "Distance", lambda r: r.distance_m, numeric=True),
    RunColumn("time", "Time", lambda r: r.moving_s, numeric=True),
    RunColumn("pace", "Pace", _pace_seconds, numeric=True),
    RunColumn("rpe", "RPE", lambda r: -1.0 if r.rpe is None else r.rpe, numeric=True),
    RunColumn("hr", "HR", lambda r: r.avg_hr or 0, numeric=True),
    RunColumn("type", "Type", lambda r: r.type or ""),
    RunColumn("source", "Source", lambda r: r.source),
)
COLUMN_KEYS = tuple(column.key for column in RUN_COLUMNS)


def sorted_runs(
    runs: Iterable[Run],
    column: str,
    reverse: bool,
    efforts: Mapping[str, Effort] | None = None,
) -> list[Run]:
    """Runs in the order of `column`; ties keep date order, newest first when reversed.

    With `efforts`, the RPE column sorts by the effort the plan counts (an estimate included)."""
    in_date_order = sorted(runs, key=RUN_COLUMNS[0].sort_key, reverse=reverse)
    return sorted(in_date_order, key=_sort_key(column, efforts or {}), reverse=reverse)


def _sort_key(column: str, efforts: Mapping[str, Effort]) -> Callable[[Run], Any]:
    if column == "rpe" and efforts:
        return lambda r: _effort_value(r, efforts.get(r.id))
    return next(c for c in RUN_COLUMNS if c.key == column).sort_key


def _effort_value(run: Run, effort: Effort | None) -> float:
    if effort is not None:
        return effort.rpe
    return -1.0 if run.rpe is None else run.rpe


def run_cells(run: Run, units: str, effort: Effort | None = None) -> tuple[str, ...]:
    """One table row, in the order of RUN_COLUMNS."""
    return (
        day_label(run.date, year=True, padded=True),
        format_distance(run.distance_m, units),
        format_duration(run.moving_s),
        pace_label(run, units),  # '' for a run without a distance or a time
        effort_text(run, effort, unknown=""),
        "" if run.avg_hr is None else str(run.avg_hr),
        run.type or "",
        run.source,
    )


# ---- the calendar heatmap ---------------------------------------------------------------

LEVEL_MARKS = ("·", "░", "▒", "▓", "█")  # nothing ticked … everything ticked


def day_completion(days: Sequence[DayPlan]) -> dict[date, float]:
    """The share of each day's doable items that were ticked (withheld items do not count)."""
    shares: dict[date, float] = {}
    for day in days:
        doable = [item for item in day.checklist if not item.withheld]
        if doable:
            shares[day.date] = sum(item.done for item in doable) / len(doable)
    return shares


def level(share: float) -> int:
    """0 nothing ticked, 4 all of it; 1-3 the thirds in between."""
    if share <= 0:
        return 0
    if share >= 1:
        return 4
    return 1 + min(int(share * 3), 2)


def heat_weeks(today: date, weeks: int) -> list[date]:
    """The Monday of each week shown, oldest first, the last one holding `today`."""
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


@dataclass(frozen=True)
class HeatSummary:
    full: int
    partial: int
    none: int
    streak: int  # days in a row, up to yesterday or today, with every item ticked


def heat_summary(shares: dict[date, float], today: date) -> HeatSummary:
    full = sum(1 for s in shares.values() if s >= 1)
    none = sum(1 for s in shares.values() if s <= 0)
    streak = 0
    day = today if shares.get(today, 0) >= 1 else today - timedelta(days=1)
    while shares.get(day, 0) >= 1:
        streak += 1
        day -= timedelta(days=1)
    return HeatSummary(full=full, partial=len(shares) - full - none, none=none, streak=streak)
