"""What the check-in asks, from past check-ins and unrated runs: plain text, no widgets."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from planner.core.effort import Effort
from planner.core.model import Checkin, Run
from planner.core.units import format_distance, format_duration

# How the plan got its guess of a run's effort, in words.
METHODS: dict[str, str] = {
    "imported": "from the file",
    "heart_rate": "from your heart rate",
    "pace": "from your pace",
    "default": "as an easy run",
}


def flags_in_force(checkins: Mapping[date, Checkin], day: date) -> set[str]:
    """Warning signs answered yes on or before `day` and not answered no since."""
    live: set[str] = set()
    for checkin in sorted((c for d, c in checkins.items() if d <= day), key=lambda c: c.date):
        live -= set(checkin.answered_no)
        live |= set(checkin.red_flags)
    return live


def area_label(area: str) -> str:
    return area.replace("_", " ")


def run_when(run_day: date, today: date) -> str:
    """'today's', "yesterday's", "Thursday's": how a runner names a run of this week."""
    offset = (today - run_day).days
    if offset == 0:
        return "today's"
    if offset == 1:
        return "yesterday's"
    return f"{run_day:%A}'s" if offset < 7 else f"{run_day:%a} {run_day.day} {run_day:%b}'s"


def rating_question(run: Run, effort: Effort, today: date, units: str) -> str:
    """'How hard was yesterday's 16.0 km (1:32:00)? The plan guessed 5 from your heart rate.'"""
    what = f"{format_distance(run.distance_m, units)} ({format_duration(run.moving_s)})"
    guess = f"The plan guessed {effort.rpe:.0f} {METHODS.get(effort.method, '')}".rstrip()
    return f"How hard was {run_when(run.date, today)} {what}? {guess}."
