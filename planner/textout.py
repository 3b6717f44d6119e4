"""Plain-text views for the CLI: read well in a terminal, over ssh and in a motd (no colour)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.core.effort import Effort, effort_text
from planner.core.model import DayPlan, Plan, Profile, Run
from planner.core.units import format_distance, format_duration
from planner.core.wording import (
    DAY_TYPE_NAMES,
    DISCLAIMER,
    day_label,
    guidance_label,
    in_units,
    pace_label,
    progress_label,
)


def day_text(
    plan: Plan, day: DayPlan, *, with_header: bool = True, units: str = "metric"
) -> list[str]:
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
    for item in day.checklist:
        box = "[x]" if item.done else ("[-]" if item.withheld else "[ ]")
        text = f"{item.title}: {in_units(item.detail, units)}" if item.detail else item.title
        lines.append(f"  {box} {item.id:<{width}}  {text}")
    return lines


def today_text(plan: Plan, show_disclaimer: bool = True, units: str = "metric") -> str:
    lines = day_text(plan, plan.days[0], units=units)
    if show_disclaimer:
        lines += ["", DISCLAIMER]
    return "\n".join(lines)


def plan_text(plan: Plan, units: str = "metric") -> str:
    blocks = ["\n".join(day_text(plan, day, units=units)) for day in plan.days]
    return "\n\n".join(blocks)


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
