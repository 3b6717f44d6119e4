"""The morning view: what Today shows of one day, worked out from its plan in plain text and
flags (core types, no widgets), so a snapshot can keep it and the TUI paints it at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from planner.core.model import ChecklistItem, Plan, Run
from planner.core.wording import (
    DAY_TYPE_NAMES,
    day_label,
    guidance_label,
    in_keys,
    in_units,
    last_run_label,
    progress_label,
    runner_label,
    when_label,
)

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
        date_text=day_label(day.date, year=True),
        when_text=when_label(day.date, today, day.projected),
        is_today=day.date == today,
        projected=day.projected,
        runner=runner_label(plan.age, plan.age_group),
        day_type=day.day_type,
        badge=DAY_TYPE_NAMES.get(day.day_type, day.day_type.upper()),
        guidance=guidance_label(day.run, day.see_clinician, day.day_type == "quality_ok"),
        # The plan's words name CLI commands; on the screen they name the keys.
        warnings=tuple(in_keys(in_units(w, units)) for w in day.warnings),
        reasons=tuple(in_keys(in_units(r, units)) for r in day.reasons),
        last_run=last_run_label(runs, day.date, units),
        checklist=tuple(_as_said(item, units) for item in day.checklist),
        checkin_due=day.date == today and not checked_in,
    )


def no_plan_view(day: date, today: date, message: str) -> DayView:
    """What Today shows when the plan cannot be built: the reason, in place of the plan."""
    return DayView(
        day=day,
        date_text=day_label(day, year=True),
        when_text=when_label(day, today, False),
        is_today=day == today,
        projected=False,
        runner="",
        day_type=None,
        badge="NO PLAN",
        guidance=message,
    )


def _as_said(item: ChecklistItem, units: str) -> ChecklistItem:
    """The item as the screen says it: in the runner's units, naming keys, not commands."""
    detail, why = in_keys(in_units(item.detail, units)), in_keys(in_units(item.why, units))
    if (detail, why) == (item.detail, item.why):
        return item
    return dataclasses.replace(item, detail=detail, why=why)
