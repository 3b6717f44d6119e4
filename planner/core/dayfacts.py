"""What is known on the morning of a day, for the rules that decide it (decide.py, gate.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.core.age import AgeLimits
from planner.core.cautions import DayCautions
from planner.core.comeback import ReturnPeriod
from planner.core.effort import ToRate
from planner.core.history import FlagInForce, Session, Timeline
from planner.core.model import Checkin, Race
from planner.core.rules import InjuryGuide
from planner.core.spikes import Spike
from planner.core.taper import Taper
from planner.core.week import Overreached


@dataclass(frozen=True)
class DayFacts:
    """What is known on the morning of `day`: the past (and, ahead of today, the plan followed)."""

    day: date
    is_today: bool
    projected: bool
    limits: AgeLimits
    checkin: Checkin | None
    flags: tuple[FlagInForce, ...]
    timeline: Timeline
    guides: tuple[InjuryGuide, ...] = ()  # what the areas and flags point to
    taper: Taper | None = None  # before an entered race
    race_today: Race | None = None  # an entered race on this day
    cautions: DayCautions = field(default_factory=DayCautions)
    comeback: ReturnPeriod | None = None  # a return after a lifted sign or a break
    spike: Spike | None = None  # a spike that blocks quality on this day
    logged_today: tuple[Session, ...] = ()  # runs logged on the day, when it is today
    # Cautions that stood on today and that no check-in ahead can lift (projected days only).
    ahead: tuple[str, ...] = ()
    sex: str | None = None
    units: str = "metric"
    habit_rest: str | None = None  # why the runner's own week rests this day (week.py)
    overreached: Overreached | None = None  # signs of overreaching found today (week.py)
    to_rate: tuple[ToRate, ...] = ()  # runs of unknown effort (heart rate unreliable)

    def logged_before(self, days: int) -> list[Session]:
        """Logged runs on foot in the `days` days before this day; projected ones never count."""
        first, last = self.day - timedelta(days=days), self.day - timedelta(days=1)
        return [s for s in self.timeline.between(first, last) if not s.projected and s.on_foot]

    @property
    def sleep_hours(self) -> float | None:
        return self.checkin.sleep_hours if self.checkin is not None else None
