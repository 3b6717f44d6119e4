"""Race week (RULES.md, "Race week"): one race-pace session 4 to 6 days out, and no top effort.

The taper (taper.py) shortens the runs; in its last 7 days the one hard session left is a
rehearsal at race pace, so the legs remember the pace without new fatigue on race day.
"""

from __future__ import annotations

from datetime import timedelta

from planner.core.dayfacts import DayFacts
from planner.core.rules import PlanRules
from planner.core.taper import Taper, entered_label
from planner.core.wording import count, day_label


def _long_race(t: Taper, rules: PlanRules) -> bool:
    return t.race.distance_m >= rules.taper.long_from_km * 1000


def _pace_window(t: Taper, rules: PlanRules) -> tuple[int, int]:
    w = rules.race_week
    return w.pace_to_days, w.pace_from_days


def race_pace_day(f: DayFacts, rules: PlanRules) -> bool:
    """The first day 4-6 days out that the other rules allow, unless one is done already."""
    t = f.taper
    if t is None:
        return False
    low, high = _pace_window(t, rules)
    if not low <= t.days_to_go <= high:
        return False
    first = t.race.date - timedelta(days=high)
    return not any(s.hard for s in f.timeline.between(first, f.day - timedelta(days=1)))


def race_week_reason(f: DayFacts, t: Taper, rules: PlanRules) -> str:
    low, high = _pace_window(t, rules)
    pace_from = t.race.date - timedelta(days=high)
    if t.days_to_go > high:
        return (
            f"Race week: its one hard session is a race-pace session {low} to {high} days before "
            f"{entered_label(t.race)}, from {day_label(pace_from)}; easy running until then."
        )
    done = [s for s in f.timeline.between(pace_from, f.day - timedelta(days=1)) if s.hard]
    if done:
        last = done[-1]
        name = "the planned race-pace session" if last.projected else last.label
        return (
            f"Race week: its one hard session was {name} on {day_label(last.date)}; easy "
            f"running until {entered_label(t.race)}."
        )
    return (
        f"Race week: the days for a race-pace session ({low} to {high} days out) are past or "
        f"held back; easy running until {entered_label(t.race)}."
    )


def race_pace_session(t: Taper, rules: PlanRules, minutes: int) -> tuple[int, str]:
    """The session's top RPE and its reason, inside a run of `minutes` (the taper's length)."""
    w = rules.race_week
    if _long_race(t, rules):
        (low, high), rpe, what = w.long_pace_minutes, w.long_pace_rpe, "at race pace"
    else:
        (low, high), rpe, what = w.short_pace_minutes, w.short_pace_rpe, "of work at race pace"
    work = f"{low} to {min(high, minutes)}" if minutes > low else f"up to {minutes}"
    return rpe, (
        f"Race-pace session, {count(t.days_to_go, 'day')} before {entered_label(t.race)}: "
        f"within a run of {minutes} min, {work} min {what}, {rpe}/10 at most; the one hard "
        "session of race week (Bosquet 2007: intensity kept, volume cut)."
    )
