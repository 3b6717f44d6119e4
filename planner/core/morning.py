"""The morning view: what Today shows of one day, worked out from its plan in plain text and
flags (core types, no widgets), so a snapshot can keep it and the TUI paints it at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from planner.core.model import Checkin, ChecklistItem, Plan, Run, RunGuidance
from planner.core.wording import (
    DAY_TYPE_NAMES,
    assumes_label,
    checkin_label,
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
    checkin: str = ""  # the day's check-in in a line: "Checked in 07:12 · soreness 2/10"
    recap: str = ""  # today only: "Yesterday: ran 8.0 km easy · 9/9 ticked · streak 3 days..."
    assumes: str = ""  # what the doses assume, said once: "assumes 70 kg, 20 °C: p sets them"
    run: RunGuidance | None = None  # the numbers of `guidance`, for `planner status`
    streak: int = 0  # the days in a row all ticked, as `recap` says it

    @property
    def see_clinician(self) -> bool:
        return self.day_type == "see_clinician"

    @property
    def progress(self) -> str:
        return f"Checklist  {progress_label(self.checklist)}"


def day_view(
    plan: Plan,
    runs: Sequence[Run],
    today: date,
    units: str,
    checkin: Checkin | None = None,
    recap: str = "",
) -> DayView:
    """The last day of `plan` as Today shows it, with that day's `checkin` (if any) and the
    `recap` of the day before."""
    day = plan.days[-1]
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
        checkin_due=day.date == today and checkin is None,
        checkin=checkin_label(checkin) if checkin is not None and checkin.answered else "",
        recap=recap,
        assumes=in_units(assumes_label(day.checklist), units),
        run=day.run,
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
    """The item as the screen says it: in the runner's units, naming keys, not commands, and
    without the assumptions the view says once for the whole day."""
    detail = item.detail.removesuffix(item.assumes_text).rstrip()
    detail, why = in_keys(in_units(detail, units)), in_keys(in_units(item.why, units))
    brief = in_units(item.brief, units)
    if (detail, why, brief) == (item.detail, item.why, item.brief):
        return item
    return dataclasses.replace(item, detail=detail, why=why, brief=brief)


STATUS_FIELDS = ("type", "run", "minutes", "rpe", "done", "total", "open", "flag", "streak",
                 "day", "date")  # fmt: skip


def status_fields(view: DayView) -> dict[str, str]:
    """The day as `planner status` prints it, field by field ('EASY', "41'", '3', '9', '⚑')."""
    run = view.run
    minutes = rpe = ""
    if run is not None and run.allowed and view.day_type != "see_clinician":
        minutes = "" if run.max_minutes is None else str(run.max_minutes)
        rpe = "" if run.max_rpe is None else str(run.max_rpe)
    said = f"{minutes}'" if minutes else ("" if run is None or run.allowed else "no run")
    doable = [item for item in view.checklist if not item.withheld]
    done = sum(item.done for item in doable)
    flagged = bool(view.warnings) or view.day_type == "see_clinician"
    return {
        "type": view.badge,
        "run": said if view.day_type != "see_clinician" else "",  # the type says it all
        "minutes": minutes,
        "rpe": rpe,
        "done": str(done),
        "total": str(len(doable)),
        "open": str(len(doable) - done),
        "flag": "⚑" if flagged else "",
        "streak": str(view.streak),
        "day": day_label(view.day),
        "date": view.day.isoformat(),
    }
