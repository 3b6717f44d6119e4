"""What the past says about a day: the sessions on the timeline, hard ones, races, usual runs."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from planner.core.load import run_minutes
from planner.core.model import Run
from planner.core.rules import PlanRules
from planner.core.signs import FlagInForce as FlagInForce  # re-exported for the faces
from planner.core.signs import FlagTracker as FlagTracker
from planner.core.units import plausible_pace


class Session(NamedTuple):
    """One session on the timeline: a logged run, or one the projection assumes the runner does.

    A NamedTuple, not a frozen dataclass: a plan makes one per run in the history (thousands
    over ten years), and a tuple is made in half the time.
    """

    date: date
    minutes: float
    rpe: float
    hard: bool
    label: str  # "intervals", "race", "90+ min run", "planned quality session"
    distance_m: float = 0.0
    race: bool = False
    projected: bool = False
    on_foot: bool = True  # a run, not a ride or a swim: its pace means something


def is_hard(minutes: float, rpe: float, run_type: str | None, rules: PlanRules) -> bool:
    """Hard: RPE at or above the line, a hard type (race, intervals, tempo), or a long session."""
    hard = rules.hard_session
    return rpe >= hard.min_rpe or run_type in hard.types or minutes > hard.over_minutes


def session_of(run: Run, rules: PlanRules, rpe: float) -> Session:
    """The run on the timeline, at its effort (as rated, or estimated)."""
    minutes = run_minutes(run)
    hard = is_hard(minutes, rpe, run.type, rules)
    if run.type:
        label = run.type
    elif minutes > rules.hard_session.over_minutes:
        label = f"run over {rules.hard_session.over_minutes:g} min"
    else:
        label = f"run rated {rpe:.0f}/10" if hard else "run"
    return Session(
        date=run.date,
        minutes=minutes,
        rpe=rpe,
        hard=hard,
        label=label,
        distance_m=max(run.distance_m, 0.0),
        race=run.type == "race",
        on_foot=run.sport == "running",
    )


class Timeline:
    """Sessions in date order; projected sessions are appended as the plan walks forward."""

    def __init__(self, sessions: Iterable[Session]) -> None:
        self.sessions = sorted(sessions, key=lambda s: s.date)
        self._dates = [s.date for s in self.sessions]
        self._races = [s for s in self.sessions if s.race]  # asked for every day planned
        self._race_dates = [s.date for s in self._races]

    def add(self, session: Session) -> None:
        if self._dates and session.date < self._dates[-1]:
            raise ValueError("sessions are added in date order")
        self.sessions.append(session)
        self._dates.append(session.date)
        if session.race:
            self._races.append(session)
            self._race_dates.append(session.date)

    def between(self, first: date, last: date) -> list[Session]:
        """Sessions dated from `first` to `last` inclusive."""
        lo = bisect.bisect_left(self._dates, first)
        hi = bisect.bisect_right(self._dates, last)
        return self.sessions[lo:hi]

    def before(self, day: date) -> list[Session]:
        return self.sessions[: bisect.bisect_left(self._dates, day)]

    def last_hard_before(self, day: date) -> Session | None:
        sessions = self.sessions
        for i in range(bisect.bisect_left(self._dates, day) - 1, -1, -1):
            if sessions[i].hard:
                return sessions[i]
        return None

    def races_before(self, day: date) -> list[Session]:
        return self._races[: bisect.bisect_left(self._race_dates, day)]


def usual_easy_minutes(timeline: Timeline, today: date, rules: PlanRules) -> tuple[int, bool]:
    """The median length of recent easy runs, and whether it is the plan's default instead."""
    easy = rules.easy
    first = today - timedelta(days=easy.lookback_days - 1)
    minutes = sorted(s.minutes for s in timeline.between(first, today) if not s.hard)
    if not minutes:
        return easy.default_minutes, True
    mid = len(minutes) // 2
    median = minutes[mid] if len(minutes) % 2 else (minutes[mid - 1] + minutes[mid]) / 2
    upper = max(int(rules.hard_session.over_minutes), easy.shortest_minutes)
    return min(max(round(median), easy.shortest_minutes), upper), False


def usual_pace(timeline: Timeline, today: date, rules: PlanRules) -> float:
    """Minutes per km of recent easy runs (their median), else the plan's default."""
    first = today - timedelta(days=rules.easy.lookback_days - 1)
    paces = sorted(
        pace
        for s in timeline.between(first, today)
        if not s.hard
        and s.on_foot
        and (pace := plausible_pace(s.minutes, s.distance_m)) is not None
    )
    if not paces:
        return rules.taper.default_pace_min_per_km
    mid = len(paces) // 2
    return paces[mid] if len(paces) % 2 else (paces[mid - 1] + paces[mid]) / 2
