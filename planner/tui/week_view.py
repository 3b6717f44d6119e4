"""What Week shows of each day, worked out from a plan: plain text, no widgets, easy to test."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.model import DayPlan, Run
from planner.core.wording import DAY_TYPE_NAMES as BADGES
from planner.core.wording import (
    day_label,
    done_of_doable,
    in_keys,
    in_units,
    ran_label,
    run_cell,
)

PAST_DAYS = 7
NEXT_DAYS = 7
BAR_CELLS = 8


@dataclass(frozen=True)
class WeekDay:
    """One line of Week."""

    day: date
    name: str  # "Mon 30 Nov"
    part: str  # "past", "today" or "next": which group it sits in
    day_type: str
    badge: str
    run: str  # the plan's run guidance: "up to 40 min · RPE ≤ 4"
    ticks: str  # "4/9" for today and past days, "" for projected ones and days before the start
    done: int
    doable: int
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    ran: str = ""  # what was run that day (today and past days): "8.0 km easy", "no run"
    before_start: bool = False  # before the first run or tick: not a day of misses


def week_span(today: date) -> tuple[date, int]:
    """The first day Week shows and how many days: the past 7, today and the next 7."""
    return today - timedelta(days=PAST_DAYS), PAST_DAYS + 1 + NEXT_DAYS


def week_days(
    days: Sequence[DayPlan],
    today: date,
    runs: Sequence[Run] = (),
    units: str = "metric",
    started: date | None = None,
) -> list[WeekDay]:
    """Week's lines; `started` is the first day of use (a run or a tick), None if there is none:
    the days before it were not missed, the app was not there."""
    by_day: dict[date, list[Run]] = {}
    for run in runs:
        by_day.setdefault(run.date, []).append(run)
    return [week_day(day, today, by_day.get(day.date, []), units, started) for day in days]


def week_day(
    plan: DayPlan,
    today: date,
    runs: Sequence[Run] = (),
    units: str = "metric",
    started: date | None = None,
) -> WeekDay:
    part = "today" if plan.date == today else "past" if plan.date < today else "next"
    done, doable = done_of_doable(plan.checklist)
    before_start = part == "past" and (started is None or plan.date < started)
    happened = part != "next" and not before_start
    return WeekDay(
        day=plan.date,
        name=day_label(plan.date),
        part=part,
        day_type=plan.day_type,
        badge=BADGES.get(plan.day_type, plan.day_type.upper()),
        run=run_cell(plan.run, plan.see_clinician),
        ticks=f"{done}/{doable}" if happened else "",
        done=done,
        doable=doable,
        reasons=tuple(in_keys(in_units(r, units)) for r in plan.reasons),
        warnings=tuple(in_keys(in_units(w, units)) for w in plan.warnings),
        # Today without a run yet shows its plan: "no run" would read as an instruction.
        ran=ran_label(runs, units) if happened and (runs or part == "past") else "",
        before_start=before_start,
    )


def bar(done: int, total: int, cells: int = BAR_CELLS) -> tuple[str, str]:
    """The filled and the empty part of a small bar: ('━━━', '─────')."""
    filled = round(cells * done / total) if total else 0
    return "━" * filled, "─" * (cells - filled)
