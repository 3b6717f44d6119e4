"""What Today shows, worked out from a plan: plain text and flags, no widgets, easy to test."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from planner.core.model import ChecklistItem, Plan, Run, RunGuidance
from planner.core.units import format_distance, format_duration
from planner.core.wording import DAY_TYPE_NAMES as BADGES

if TYPE_CHECKING:
    from planner.service import Planner

CHECKIN_PROMPT = "Morning check-in not done yet: press c"


@dataclass(frozen=True)
class DayView:
    """One day of Today, ready to put on screen."""

    day: date
    date_text: str
    when_text: str
    is_today: bool
    projected: bool
    runner: str
    day_type: str | None  # None when there is no plan to show
    badge: str
    guidance: str
    warnings: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    last_run: str = ""
    checklist: tuple[ChecklistItem, ...] = ()
    checkin_due: bool = False  # today, and no morning check-in yet

    @property
    def see_clinician(self) -> bool:
        return self.day_type == "see_clinician"

    @property
    def progress(self) -> str:
        return f"Checklist  {progress_label(self.checklist)}"


def day_view(
    plan: Plan, runs: Sequence[Run], today: date, units: str, checked_in: bool = True
) -> DayView:
    """The first day of `plan` as Today shows it; `checked_in`: today's check-in is done."""
    day = plan.days[0]
    return DayView(
        day=day.date,
        date_text=day_label(day.date),
        when_text=when_label(day.date, today, day.projected),
        is_today=day.date == today,
        projected=day.projected,
        runner=runner_label(plan.age, plan.age_group),
        day_type=day.day_type,
        badge=BADGES.get(day.day_type, day.day_type.upper()),
        guidance=guidance_label(day.run, day.see_clinician, day.day_type == "quality_ok"),
        warnings=day.warnings,
        reasons=day.reasons,
        last_run=last_run_label(runs, day.date, units),
        checklist=day.checklist,
        checkin_due=day.date == today and not checked_in,
    )


def remembered_view(planner: Planner, day: date) -> DayView:
    """Today's view of `day`, kept in the fold cache with the event set: opening the app
    again with nothing new shows it without unpacking years of history (or planning)."""
    today, in_use = planner.today(), planner.plan_in_use()
    key = f"today-view:{day}:{today}:{in_use.name}:{in_use.sha}"
    return planner.remembered(key, lambda: planned_view(planner, day, today), DayView)


def planned_view(planner: Planner, day: date, today: date) -> DayView:
    plan = planner.plan(start=day, days=1)
    checked_in = today in planner.checkins()
    return day_view(plan, planner.runs(), today, planner.profile.units, checked_in)


def no_plan_view(day: date, today: date, message: str) -> DayView:
    """What Today shows when the plan cannot be built: the reason, in place of the plan."""
    return DayView(
        day=day,
        date_text=day_label(day),
        when_text=when_label(day, today, False),
        is_today=day == today,
        projected=False,
        runner="",
        day_type=None,
        badge="NO PLAN",
        guidance=message,
    )


def day_label(day: date) -> str:
    """'Sat 28 Nov 2026': the day of the month unpadded, as people write it."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def when_label(day: date, today: date, projected: bool) -> str:
    """How the shown day relates to today; future days are projections, and say so."""
    offset = (day - today).days
    if offset == 0:
        return "today"
    if offset == 1:
        near = "tomorrow"
    elif offset == -1:
        near = "yesterday"
    elif offset > 0:
        near = f"in {offset} days"
    else:
        near = f"{-offset} days ago"
    return f"{near} · projected" if projected else near


def runner_label(age: int | None, age_group: str | None) -> str:
    if age is None:
        return "age not set"
    group = f" · WMA {age_group}" if age_group else ""
    return f"age {age}{group}"


def guidance_label(run: RunGuidance, see_clinician: bool = False, quality: bool = False) -> str:
    """The run line; the intensity cap only on a quality day, where it limits the session."""
    if see_clinician:
        return "No running today: see a clinician before you run again."
    if run.done_minutes is not None:
        return f"Today's run is done: {run.done_minutes} min logged."
    if not run.allowed:
        return "No running today."
    limits = [f"up to {run.max_minutes} min" if run.max_minutes is not None else "no time cap"]
    if run.max_rpe is not None:
        limits.append(f"RPE ≤ {run.max_rpe}")
    if quality:
        limits.append(f"intensity cap {run.intensity_cap:.0%}")
    return "Run " + " · ".join(limits)


def last_run_label(runs: Sequence[Run], day: date, units: str) -> str:
    """The latest run on or before `day`: what the plan of that day is reacting to."""
    upto = bisect.bisect_right(runs, day, key=lambda run: run.date)
    if upto == 0:
        return "No run logged before this day."
    run = runs[upto - 1]
    parts = [f"{format_distance(run.distance_m, units)} in {format_duration(run.moving_s)}"]
    if run.rpe is not None:
        parts.append(f"RPE {run.rpe:g}{' (est.)' if run.rpe_estimated else ''}")
    if run.type:
        parts.append(run.type)
    return f"Last run {run.date:%a} {run.date.day} {run.date:%b}: " + ", ".join(parts)


def progress_label(items: Sequence[ChecklistItem]) -> str:
    """'3/8 done': withheld items are not counted, since they cannot be done today."""
    doable = [item for item in items if not item.withheld]
    done = sum(item.done for item in doable)
    withheld = len(items) - len(doable)
    extra = f" · {withheld} withheld" if withheld else ""
    return f"{done}/{len(doable)} done{extra}"
