"""Plain-text views for the CLI: lines of text, no colour and no wrapping (planner/term.py fits
them to the terminal), so they read well in a terminal, over ssh, in a motd and in a pipe."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from planner.core.effort import Effort, effort_text
from planner.core.model import DayPlan, Plan, Profile, Run
from planner.core.morning import DayView
from planner.core.units import format_distance, format_duration
from planner.core.wording import (
    DAY_TYPE_NAMES,
    DISCLAIMER,
    count,
    day_label,
    done_of_doable,
    guidance_label,
    in_units,
    pace_label,
    progress_label,
    run_cell,
)


def day_text(
    plan: Plan, day: DayPlan, *, with_header: bool = True, units: str = "metric"
) -> list[str]:
    """A day in full: its type, every reason, the run, each checklist item with its dose;
    what the doses assume is said once, under them. Lines as long as they come: the CLI
    wraps them to the terminal (planner/term.py)."""
    lines: list[str] = []
    if with_header:
        age = "age not set" if plan.age is None else f"age {plan.age} ({plan.age_group})"
        projected = " · projected" if day.projected else ""
        lines.append(f"{day_label(day.date, year=True)} · {age}{projected}")
    lines.append(DAY_TYPE_NAMES.get(day.day_type, day.day_type.upper()))
    lines += [f"  - {in_units(reason, units)}" for reason in day.reasons]
    lines += [f"  ! {in_units(warning, units)}" for warning in day.warnings]
    lines.append(guidance_label(day.run, day.see_clinician, day.day_type == "quality_ok"))
    lines.append(f"Checklist ({progress_label(day.checklist)}):")
    width = max((len(item.id) for item in day.checklist), default=0)
    assumed: list[str] = []
    for item in day.checklist:
        box = "[x]" if item.done else ("[-]" if item.withheld else "[ ]")
        detail = item.detail.removesuffix(item.assumes_text).rstrip()
        if item.assumes_text and item.assumes_text not in assumed:
            assumed.append(item.assumes_text)
        text = f"{item.title}: {in_units(detail, units)}" if detail else item.title
        lines.append(f"  {box} {item.id:<{width}}  {text}")
    lines += [in_units(text, units) for text in assumed]
    return lines


def today_text(plan: Plan, show_disclaimer: bool = True, units: str = "metric") -> list[str]:
    lines = day_text(plan, plan.days[0], units=units)
    if show_disclaimer:
        lines += ["", DISCLAIMER]
    return lines


def plan_text(plan: Plan, units: str = "metric") -> list[str]:
    """`planner plan --full`: every day in full, a blank line between days."""
    lines: list[str] = []
    for day in plan.days:
        if lines:
            lines.append("")
        lines += day_text(plan, day, units=units)
    return lines


def plan_lines(plan: Plan, today: date) -> list[str]:
    """`planner plan`: one line a day, as the Week screen shows it; days to come projected."""
    age = "age not set" if plan.age is None else f"age {plan.age} ({plan.age_group})"
    lines = [f"{count(len(plan.days), 'day')} from {day_label(plan.days[0].date)} · {age}"]
    rows = []
    for day in plan.days:
        done, doable = done_of_doable(day.checklist)
        ticks = f"{done}/{doable} done" if day.date <= today else "projected"
        when = "today" if day.date == today else ""
        flag = "!" if day.warnings or day.see_clinician else ""
        badge = DAY_TYPE_NAMES.get(day.day_type, day.day_type.upper())
        rows.append(
            (day_label(day.date), badge, run_cell(day.run, day.see_clinician), ticks, when, flag)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    if any(row[-1] for row in rows):
        lines.append("! a warning sign or a red flag stands: planner plan --full says which")
    lines.append("Each day's reasons and checklist: planner plan --full")
    return lines


BRIEF_LINES = 8  # `planner today --brief`: a motd's or a cron mail's worth


def brief_lines(view: DayView) -> list[str]:
    """`planner today --brief`, at most eight lines: the day and its run, the open items one a
    line (with the id to tick them by), then what is done and the streak."""
    run = run_cell(view.run, view.day_type == "see_clinician") if view.run else view.guidance
    lines = [f"{day_label(view.day)} · {view.badge} · {run}"]
    if view.warnings:
        lines.append(f"! {count(len(view.warnings), 'warning')} stand today: planner today")
    items = [item for item in view.checklist if not item.done and not item.withheld]
    room = BRIEF_LINES - len(lines) - 1  # the last line: done and the streak
    shown = items if len(items) <= room else items[: room - 1]
    width = max((len(item.id) for item in shown), default=0)
    for item in shown:
        brief = f" · {item.brief}" if item.brief else ""
        lines.append(f"  [ ] {item.id:<{width}}  {item.title}{brief}")
    if len(shown) < len(items):
        lines.append(f"  … and {len(items) - len(shown)} more: planner today")
    done, doable = done_of_doable(view.checklist)
    tail = "all done" if doable and done == doable else f"{done}/{doable} done"
    streak = f" · {count(view.streak, 'day')} in a row all ticked" if view.streak else ""
    lines.append(tail + streak)
    return lines


def runs_text(runs: Sequence[Run], units: str, efforts: Mapping[str, Effort] | None = None) -> str:
    """A header, then a line a run as given (newest first is the caller's order); an effort
    the runner did not give is marked '~' and explained below."""
    if not runs:
        return "No runs yet. Log one with: planner log --distance 8km --duration 45:00 --rpe 4"
    efforts = efforts or {}
    rows = [("Date", "Distance", "Time", "Pace", "RPE", "HR", "Type", "Id")]
    guessed = False
    for run in runs:
        rpe = effort_text(run, efforts.get(run.id))
        guessed = guessed or rpe.startswith("~")
        rows.append((
            str(run.date), format_distance(run.distance_m, units), format_duration(run.moving_s),
            pace_label(run, units) or "-", rpe, "-" if run.avg_hr is None else str(run.avg_hr),
            run.type or "-", run.id,
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {1, 2, 3}  # the numbers line up on their right
    lines = [
        "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    if guessed:
        lines.append(
            "~ estimated effort (from heart rate, pace or the easy default; planner runs --json "
            "says which): rate a run with planner checkin --rate RUN_ID=RPE"
        )
    return "\n".join(lines)


def profile_text(profile: Profile, age: int | None, age_group: str | None) -> str:
    def show(value: object) -> str:
        return "-" if value is None else str(value)

    weight = profile.weight_kg
    if weight is not None and profile.units == "imperial":
        weight_text = f"{weight / 0.45359237:.1f} lb"
    else:
        weight_text = "-" if weight is None else f"{weight:g} kg"
    born = show(profile.birth_date) if profile.birth_date else "-"
    rows = [
        ("age", f"{age} ({age_group})" if age is not None else "not set"),
        ("birth date", born),
        ("sex", show(profile.sex)),
        ("weight", weight_text),
        ("units", profile.units),
        ("HR max", show(profile.hr_max)),
        ("HR rest", show(profile.hr_rest)),
        ("years running", show(profile.years_running)),
        ("time zone", profile.tz or "UTC (not set)"),
        ("day starts", f"{profile.day_starts:02d}:00"),
        ("plan", profile.plan + (f" ({profile.plan_sha[:8]})" if profile.plan_sha else "")),
        ("ice bath", "yes" if profile.ice_bath else "no"),
        ("heart rate", "unreliable: not used" if profile.hr_unreliable else "used"),
        (
            "usual temp",
            "-" if profile.temp_c is None else in_units(f"{profile.temp_c:g} °C", profile.units),
        ),
    ]
    return "\n".join(f"{name:<14} {value}" for name, value in rows)
