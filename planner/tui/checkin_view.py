"""What the check-in asks, from past check-ins and unrated runs: plain text, no widgets."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from planner.core.effort import Effort
from planner.core.model import Run
from planner.core.units import format_distance, format_duration
from planner.core.wording import day_label, weekday_name

if TYPE_CHECKING:
    from planner.core.signs import FlagInForce

# How the plan got its guess of a run's effort, in words.
METHODS: dict[str, str] = {
    "imported": "from the file",
    "heart_rate": "from your heart rate",
    "pace": "from your pace",
    "default": "as an easy run",
}


def standing_note(held: FlagInForce) -> str:
    """'In force since Thu 3 Dec; you answered no on Fri 4 Dec, but only a clinician can lift
    it.' The line under a sign that stands from an earlier morning."""
    since = f"In force since {day_label(held.since)}"
    if held.from_soreness:
        since = f"In force since {day_label(held.since)}, after a run of sore mornings"
    if not held.flag.needs_clinician:
        return since + "; leave it unticked once it is gone."
    if held.held_no:
        return (
            f"{since}; you answered no on {day_label(held.held_no[-1])}, but only a clinician "
            "can lift it: tick the box below once one has cleared you."
        )
    return since + "; only a clinician can lift it: tick the box below once one has cleared you."


def area_label(area: str) -> str:
    return area.replace("_", " ")


def run_when(run_day: date, today: date) -> str:
    """'today's', "yesterday's", "Thursday's": how a runner names a run of this week."""
    offset = (today - run_day).days
    if offset == 0:
        return "today's"
    if offset == 1:
        return "yesterday's"
    return f"{weekday_name(run_day)}'s" if offset < 7 else f"{day_label(run_day)}'s"


def rating_question(run: Run, effort: Effort, today: date, units: str) -> str:
    """'How hard was yesterday's 16.0 km (1:32:00)? The plan guessed 5 from your heart rate.'"""
    what = f"{format_distance(run.distance_m, units)} ({format_duration(run.moving_s)})"
    guess = f"The plan guessed {effort.rpe:.0f} {METHODS.get(effort.method, '')}".rstrip()
    return f"How hard was {run_when(run.date, today)} {what}? {guess}."
