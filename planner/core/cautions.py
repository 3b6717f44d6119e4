"""Cautions that outlast their morning: pain, a sore area, soreness carried over to a new day.

Each holds until a check-in says it has settled (RULES.md, "Cautions persist"): pain above the
line until a check-in reports pain at or below `settled_at`, a pain streak's "see a clinician"
likewise, an injury guide until a check-in no longer names its area, and soreness at or above
the threshold on a morning with no check-in since means "easy, check in first".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.model import Checkin
from planner.core.rules import PlanRules


@dataclass(frozen=True)
class PainCaution:
    """Pain above the line, reported `since`, not reported settled since."""

    since: date
    last: int  # the latest pain reported
    streak: int  # reports in a row above the line
    clinician: bool  # the streak reached `clinician_after`: see a clinician
    high: int = 0  # the latest pain above the line: the one that holds the caution
    high_on: date | None = None  # the check-in that reported it


@dataclass(frozen=True)
class SoreCarryOver:
    """A sore morning `day` with no check-in since: easy running until the runner checks in."""

    day: date
    soreness: int


@dataclass(frozen=True)
class DayCautions:
    pain: PainCaution | None = None
    areas: tuple[str, ...] = ()  # from the latest answered check-in, held until not named
    areas_since: date | None = None
    carry_over: SoreCarryOver | None = None


class CautionTracker:
    """Cautions in force day by day; days must be asked in rising order."""

    def __init__(self, checkins: Mapping[date, Checkin], last_day: date, rules: PlanRules) -> None:
        self._checkins = sorted((c for d, c in checkins.items() if d <= last_day), key=_by_date)
        self._all = checkins
        self._next = 0
        self._rules = rules
        self._pain: PainCaution | None = None
        self._areas: tuple[str, ...] = ()
        self._areas_since: date | None = None
        self._last_answered: Checkin | None = None
        self._settled_streaks: list[tuple[date, date]] = []  # (since, settled on)

    def on(self, day: date) -> DayCautions:
        while self._next < len(self._checkins) and self._checkins[self._next].date <= day:
            self._apply(self._checkins[self._next])
            self._next += 1
        return DayCautions(self._pain, self._areas, self._areas_since, self._carry_over(day))

    def settled_streaks(self, day: date) -> tuple[tuple[date, date], ...]:
        """Pain streaks that reached "see a clinician" and have settled since: (since, on)."""
        self.on(day)
        return tuple(self._settled_streaks)

    def _apply(self, checkin: Checkin) -> None:
        if checkin.pain is not None:
            before = self._pain
            self._pain = self._pain_after(checkin.date, checkin.pain)
            if before is not None and before.clinician and self._pain is None:
                self._settled_streaks.append((before.since, checkin.date))
        if checkin.answered:
            if not checkin.areas:
                self._areas, self._areas_since = (), None
            elif set(checkin.areas) != set(self._areas):
                self._areas, self._areas_since = checkin.areas, checkin.date
            self._last_answered = checkin

    def _pain_after(self, day: date, pain: int) -> PainCaution | None:
        rule = self._rules.pain
        held = self._pain
        if pain <= rule.settled_at:
            return None
        if pain <= rule.reduce_above:
            # Not above the line, so the streak breaks; not settled either, so the caution holds.
            if held is None:
                return None
            return PainCaution(held.since, pain, 0, held.clinician, held.high, held.high_on)
        streak = held.streak + 1 if held is not None and held.last > rule.reduce_above else 1
        since = held.since if held is not None else day
        clinician = streak >= rule.clinician_after or (held is not None and held.clinician)
        return PainCaution(since, pain, streak, clinician, pain, day)

    def _carry_over(self, day: date) -> SoreCarryOver | None:
        today = self._all.get(day)
        if today is not None and today.answered:
            return None
        last = self._last_answered
        if last is None or last.date >= day or last.soreness is None:
            return None
        if last.soreness < self._rules.soreness.threshold:
            return None
        if day - last.date > timedelta(days=self._rules.cautions.carry_over_days):
            return None
        return SoreCarryOver(last.date, last.soreness)


def _by_date(checkin: Checkin) -> date:
    return checkin.date
