"""What Week shows of each day, worked out from a plan: plain text, no widgets, easy to test."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.model import DayPlan
from planner.core.wording import DAY_TYPE_NAMES as BADGES
from planner.core.wording import day_label, done_of_doable, run_cell

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
    done, doable = done_of_doable(plan.checklist)
    return WeekDay(
        day=plan.date,
        name=day_label(plan.date),
        part=part,
        day_type=plan.day_type,
        badge=BADGES.get(plan.day_type, plan.day_type.upper()),
        run=run_cell(plan.run, plan.see_clinician),
        ticks="" if part == "next" else f"{done}/{doable}",
        done=done,
        doable=doable,
        reasons=plan.reasons,
        warnings=plan.warnings,
    )


def bar(done: int, total: int, cells: int = BAR_CELLS) -> tuple[str, str]:
    """The filled and the empty part of a small bar: ('━━━', '─────')."""
    filled = round(cells * done / total) if total else 0
    return "━" * filled, "─" * (cells - filled)
