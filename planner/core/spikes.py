"""Load spikes that act: a jump in weekly distance or in the acute:chronic ratio blocks quality.

Measured on completed days (yesterday back) and on logged runs only: the plan's projected
sessions never make or end a spike (RULES.md, "Spikes act"). A spike measured on a day blocks
quality that day and the `block_days - 1` after it, and caps easy runs at the runner's average
run of the weeks before.

Beyond the last day that logged runs can measure (tomorrow: its window ends with today), a
spike standing then stands on every projected day, with its easy cap: measured on logged runs
alone, the days ahead would see the spike's week slide out of the 7-day window and into the
baseline, and "recover" by no run at all (the coach's review: a tenfold week's cap climbed from
30 to 48 minutes and quality came back within a week on paper).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.history import Session
from planner.core.load import smoothing_factor
from planner.core.rules import LoadRules, SpikeRule

WEEK = 7


@dataclass(frozen=True)
class Spike:
    """What was measured on `day` (from the days before it) and why it is a spike."""

    day: date
    distance_rise: float | None  # the fraction above the mean week, when that rule fired
    week_m: float  # running distance of the 7 days before `day`
    mean_week_m: float  # the mean week of the weeks before those
    weeks: int  # how many weeks that mean is over (fewer when the log is younger)
    acwr: float | None  # the EWMA ratio through the day before, when it reached the line
    rolling: float | None  # the 7:28-day sum ratio, beside it
    easy_cap: int | None  # the mean run of the weeks before, in minutes


@dataclass
class _Day:
    load: float = 0.0
    metres: float = 0.0  # on foot
    minutes: float = 0.0  # on foot
    runs: int = 0  # on foot


class SpikeWatch:
    """Spikes day by day over logged sessions; days must be asked in rising order."""

    def __init__(
        self,
        logged: Iterable[Session],
        first_run: date | None,
        origin: date,
        load: LoadRules,
        rule: SpikeRule,
        last_measured: date | None = None,
    ) -> None:
        self._days: dict[date, _Day] = {}
        for s in logged:
            slot = self._days.setdefault(s.date, _Day())
            slot.load += s.rpe * s.minutes
            if s.on_foot:
                slot.metres += s.distance_m
                slot.minutes += s.minutes
                slot.runs += 1
        self._first = first_run
        self._load, self._rule = load, rule
        self._lam_a = smoothing_factor(load.acute_days, "runalyze")
        self._lam_c = smoothing_factor(load.chronic_days, "runalyze")
        self._next = origin  # the first day not yet folded into the levels
        self._acute = self._chronic = 0.0
        self._measured: dict[date, Spike | None] = {}
        self._last_measured = last_measured  # None: every day is measured (the tests' watch)

    def blocking(self, day: date) -> Spike | None:
        """The latest spike measured on `day` or the days before it that still blocks `day`;
        after the last measured day, the spike that blocks that day."""
        if self._last_measured is not None and day > self._last_measured:
            day = self._last_measured
        found = None
        for back in range(self._rule.block_days - 1, -1, -1):
            spike = self._measure(day - timedelta(days=back))
            found = spike or found
        return found

    def _measure(self, day: date) -> Spike | None:
        if day not in self._measured:
            self._measured[day] = self._spike_on(day)
        return self._measured[day]

    def _spike_on(self, day: date) -> Spike | None:
        if self._first is None or day <= self._first:
            return None
        ratio, rolling = self.ratios_before(day)
        # Compare with the weeks before that the log covers: days before the first logged run
        # are unknown, not zero (a runner who started logging 10 days ago has not spiked).
        known = (day - timedelta(days=WEEK + 1) - self._first).days + 1
        weeks = min(self._rule.compare_weeks, max(known, 0) // WEEK)
        week_m = self._sum(day, 1, WEEK, "metres")
        before_m = self._sum(day, WEEK + 1, WEEK * (weeks + 1), "metres")
        # Fewer weeks make a noisy mean (3 runs one week, 2 the next is not a 50% spike): the
        # rule compares with the full weeks before, once the log covers them.
        mean_week = before_m / weeks if weeks >= self._rule.compare_weeks else 0.0
        rise = week_m / mean_week - 1 if mean_week > 0 else None
        by_distance = rise is not None and rise > self._rule.distance_rise
        by_ratio = ratio is not None and ratio >= self._load.acwr_danger
        if not (by_distance or by_ratio):
            return None
        span = WEEK * (max(weeks, 1) + 1)
        runs = self._sum(day, WEEK + 1, span, "runs")
        minutes = self._sum(day, WEEK + 1, span, "minutes")
        return Spike(
            day=day,
            distance_rise=rise if by_distance else None,
            week_m=week_m,
            mean_week_m=mean_week,
            weeks=weeks,
            acwr=ratio if by_ratio else None,
            rolling=rolling,
            easy_cap=round(minutes / runs) if runs else None,
        )

    def _sum(self, day: date, first_back: int, last_back: int, what: str) -> float:
        total = 0.0
        for back in range(first_back, last_back + 1):
            slot = self._days.get(day - timedelta(days=back))
            if slot is not None:
                total += getattr(slot, what)
        return total

    def ratios_before(self, day: date) -> tuple[float | None, float | None]:
        """The EWMA ratio and the rolling 7:28 ratio over the days before `day`."""
        assert self._first is not None
        history = (day - self._first).days  # completed days since the first run
        while self._next < day:
            slot = self._days.get(self._next)
            load = slot.load if slot is not None else 0.0
            self._acute = self._lam_a * load + (1 - self._lam_a) * self._acute
            self._chronic = self._lam_c * load + (1 - self._lam_c) * self._chronic
            self._next += timedelta(days=1)
        if history < self._load.acwr_min_history_days:
            return None, None
        ratio = self._acute / self._chronic if self._chronic > 0 else None
        chronic_days = self._load.chronic_days
        month = self._sum(day, 1, chronic_days, "load") / (chronic_days / self._load.acute_days)
        week = self._sum(day, 1, self._load.acute_days, "load")
        rolling = week / month if month > 0 else None
        return (None if ratio is None else round(ratio, 2)), (
            None if rolling is None else round(rolling, 2)
        )
