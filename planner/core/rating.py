"""Quality waits for a rating: recent runs whose effort is unknown (heart rate unreliable).

A separate rule beside gate.py's, so the plan engine's checks stay as they are: gate.py only
calls `rating_reasons`.
"""

from __future__ import annotations

from datetime import timedelta

from planner.core.dayfacts import DayFacts
from planner.core.effort import ToRate
from planner.core.rules import PlanRules
from planner.core.wording import count, day_label


def _guess(r: ToRate) -> str:
    if r.effort.method == "pace":
        return f"{day_label(r.date)} ~{r.effort.rpe:.0f} from pace"
    return f"{day_label(r.date)} counted as {r.effort.rpe:.0f}, with no pace to go by"


def rating_reasons(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    """No quality while a run of the last `acute_days` days has an unknown effort."""
    first = f.day - timedelta(days=rules.load.acute_days - 1)
    waiting = [r for r in f.to_rate if first <= r.date <= f.day]
    if not waiting:
        return ()
    guesses = "; ".join(_guess(r) for r in waiting)
    them = "it" if len(waiting) == 1 else "them"
    command = " ".join(f"--rate {r.run_id}=RPE" for r in waiting)
    return (
        f"Heart rate is marked unreliable, so the effort of {count(len(waiting), 'recent run')} "
        f"is unknown, only estimated ({guesses}): no quality session until you rate {them} "
        f"(planner checkin {command}).",
    )
