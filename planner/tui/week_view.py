"""What Week shows of each day, worked out from a plan: plain text, no widgets, easy to test."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.model import ChecklistItem, DayPlan, RunGuidance
from planner.core.wording import DAY_TYPE_NAMES as BADGES

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
    run: str
    ticks: str  # "4/9" for today and past days, "" for projected ones
    done: int
    doable: int
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]


def week_span(today: date) -> tuple[date, int]:
    """The first day Week shows and how many days: the past 7, today and the next 7."""
    return today - timedelta(days=PAST_DAYS), PAST_DAYS + 1 + NEXT_DAYS


def week_days(days: Sequence[DayPlan], today: date) -> list[WeekDay]:
    return [week_day(day, today) for day in days]


def week_day(plan: DayPlan, today: date) -> WeekDay:
    part = "today" if plan.date == today else "past" if plan.date < today else "next"
    done, doable = tick_count(plan.checklist)
    return WeekDay(
        day=plan.date,
        name=short_day(plan.date),
        part=part,
        day_type=plan.day_type,
        badge=BADGES.get(plan.day_type, plan.day_type.upper()),
        run=run_label(plan.run, plan.see_clinician),
        ticks="" if part == "next" else f"{done}/{doable}",
        done=done,
        doable=doable,
        reasons=plan.reasons,
        warnings=plan.warnings,
    )


def short_day(day: date) -> str:
    """'Mon 30 Nov', 'Tue 1 Dec': the day of the month unpadded, as people write it."""
    return f"{day:%a} {day.day} {day:%b}"


def run_label(run: RunGuidance, see_clinician: bool = False) -> str:
    """The run guidance in a table cell: 'up to 40 min · RPE ≤ 4', 'no run'."""
    if see_clinician:
        return "no run: see a clinician"
    if not run.allowed:
        return "no run"
    minutes = f"up to {run.max_minutes} min" if run.max_minutes is not None else "any length"
    return minutes if run.max_rpe is None else f"{minutes} · RPE ≤ {run.max_rpe}"


def tick_count(items: Sequence[ChecklistItem]) -> tuple[int, int]:
    """(ticked, could be ticked): withheld items cannot be done that day, so do not count."""
    doable = [item for item in items if not item.withheld]
    return sum(item.done for item in doable), len(doable)


def bar(done: int, total: int, cells: int = BAR_CELLS) -> tuple[str, str]:
    """The filled and the empty part of a small bar: ('━━━', '─────')."""
    filled = round(cells * done / total) if total else 0
    return "━" * filled, "─" * (cells - filled)
