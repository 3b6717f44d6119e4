"""The acute:chronic ratio day by day as the plan walks, the days it projects included."""

from __future__ import annotations

from datetime import date, timedelta

from planner.core.history import Timeline
from planner.core.load import acwr, smoothing_factor
from planner.core.rules import LoadRules


class RatioWalk:
    """EWMAs of daily session-RPE load, moved forward one day at a time.

    Days before the one asked about count in full (projected sessions too); the day itself
    counts what is on the timeline so far (logged runs, not the one the plan is deciding).
    The arithmetic is `load_summary`'s, from the same start, so on today both agree.
    """

    def __init__(self, first_run: date | None, start: date, rules: LoadRules) -> None:
        self._first = first_run
        self._next = start  # the first day not yet folded into the levels
        self._rules = rules
        self._acute = self._chronic = 0.0
        self._lam_a = smoothing_factor(rules.acute_days, "runalyze")
        self._lam_c = smoothing_factor(rules.chronic_days, "runalyze")

    def ratio_on(self, day: date, timeline: Timeline) -> float | None:
        """The ratio on `day` (rounded as shown), or None before enough history."""
        if self._first is None or day < self._next:
            return None
        while self._next < day:
            self._acute, self._chronic = self._step(self._day_load(self._next, timeline))
            self._next += timedelta(days=1)
        acute, chronic = self._step(self._day_load(day, timeline))
        ratio = acwr(acute, chronic, (day - self._first).days + 1, self._rules)
        return None if ratio is None else round(ratio, 2)

    def _step(self, load: float) -> tuple[float, float]:
        return (
            self._lam_a * load + (1.0 - self._lam_a) * self._acute,
            self._lam_c * load + (1.0 - self._lam_c) * self._chronic,
        )

    @staticmethod
    def _day_load(day: date, timeline: Timeline) -> float:
        total = 0.0
        for session in timeline.between(day, day):
            total += session.rpe * session.minutes
        return total
