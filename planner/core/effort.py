"""A run's effort (CR-10 RPE): as rated, else from heart rate, else from pace, else a default.

Worked out each time the plan is made, from the run's stored average heart rate and the
profile's current HR numbers: a TRIMP fixed at import would keep old settings for ever.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, NamedTuple

from planner.core.load import HeartRate, banister_trimp, heart_rate, rpe_from_trimp, run_minutes
from planner.core.model import Profile, Run
from planner.core.rules import LoadRules, PlanRules
from planner.core.units import plausible_pace

Method = Literal["rated", "imported", "heart_rate", "pace", "default"]


@dataclass(frozen=True)
class Effort:
    rpe: float
    method: Method

    @property
    def estimated(self) -> bool:
        return self.method != "rated"


class EffortEstimator:
    """Efforts of a runner's runs; pace is judged against their own recent rated easy runs."""

    def __init__(
        self,
        runs: Iterable[Run],
        rules: LoadRules,
        heart: HeartRate | None,
        hard: Callable[[Run], bool] = lambda run: False,
    ) -> None:
        self._rules = rules
        self._heart = heart  # None: heart rate is not to be used (marked unreliable)
        pace = rules.pace
        # Each run's speed once: ten years of runs are read here on every plan.
        timed = [(r, speed, hard(r)) for r in runs if (speed := _speed(r)) > 0]
        # Only easy runs set the easy pace: not a race or intervals the runner rated low.
        refs = sorted(
            (r.date, speed, min(r.rpe, 10.0))
            for r, speed, is_hard in timed
            if r.rpe is not None
            and not r.rpe_estimated
            and r.rpe <= pace.reference_max_rpe
            and not is_hard
        )
        self._ref_dates = [d for d, _, _ in refs]
        self._refs = [(speed, rpe) for _, speed, rpe in refs]
        # Without enough rated easy runs, the runner's own median pace is the reference: every
        # run on foot that is not hard by kind nor rated hard (RULES.md, Heart rate: an unrated
        # run is unknown, judged against the runner's own median pace, not assumed easy).
        usual = sorted(
            (r.date, speed)
            for r, speed, is_hard in timed
            if not is_hard and (r.rpe is None or r.rpe_estimated or r.rpe <= pace.reference_max_rpe)
        )
        self._usual_dates = [d for d, _ in usual]
        self._usual = [speed for _, speed in usual]

    def effort(self, run: Run) -> Effort:
        if run.rpe is not None:
            return Effort(
                min(max(run.rpe, 0.0), 10.0), "imported" if run.rpe_estimated else "rated"
            )
        minutes = run_minutes(run)
        from_heart = self._from_heart(run, minutes)
        if from_heart is not None:
            return Effort(from_heart, "heart_rate")
        from_pace = self._from_pace(run)
        if from_pace is not None:
            return Effort(from_pace, "pace")
        return Effort(self._rules.default_rpe, "default")

    def load(self, run: Run) -> float:
        """Session-RPE load (Foster 2001): effort x moving minutes."""
        return self.effort(run).rpe * run_minutes(run)

    def _from_heart(self, run: Run, minutes: float) -> float | None:
        heart = self._heart
        if heart is None or minutes <= 0:
            return None
        if run.avg_hr is not None:  # today's HR numbers, not those the import had
            trimp = banister_trimp(
                minutes, run.avg_hr, heart.rest, heart.max, heart.sex, self._rules.trimp
            )
        elif run.trimp is not None:  # a TRIMP from elsewhere, with no heart rate to redo it
            trimp = run.trimp
        else:
            return None
        return rpe_from_trimp(trimp, minutes, self._rules)

    def _from_pace(self, run: Run) -> float | None:
        """Faster than the runner's easy pace: harder, in proportion (a coaching convention).

        The easy pace is that of their rated easy runs; with too few of those, their own median
        pace, taken at the plan's default (easy) effort."""
        pace = self._rules.pace
        speed = _speed(run)
        if speed <= 0:
            return None
        since = run.date - timedelta(days=pace.lookback_days)
        lo = bisect.bisect_left(self._ref_dates, since)
        hi = bisect.bisect_left(self._ref_dates, run.date)
        window = self._refs[lo:hi]
        if len(window) >= pace.min_runs:
            easy_speed = statistics.median(s for s, _ in window)
            easy_rpe = statistics.median(r for _, r in window)
        else:
            lo = bisect.bisect_left(self._usual_dates, since)
            hi = bisect.bisect_left(self._usual_dates, run.date)
            usual = self._usual[lo:hi]
            if len(usual) < pace.min_runs:
                return None
            easy_speed, easy_rpe = statistics.median(usual), self._rules.default_rpe
        return _clamp(easy_rpe + pace.rpe_per_speed * (speed / easy_speed - 1.0))


class ToRate(NamedTuple):
    """A logged run whose effort is not known, only guessed: it needs the runner's rating."""

    date: date
    run_id: str
    effort: Effort


def runs_to_rate(
    runs: Iterable[Run], efforts: Iterable[Effort], hr_unreliable: bool
) -> tuple[ToRate, ...]:
    """With heart rate marked unreliable, unrated runs guessed from pace or the default.

    RULES.md (Heart rate): such a run is unknown, not easy; the plan asks for its RPE before a
    quality day is offered. With heart rate in use, the heart-rate estimate stands instead.
    """
    if not hr_unreliable:
        return ()
    return tuple(
        ToRate(run.date, run.id, effort)
        for run, effort in zip(runs, efforts, strict=True)
        if run.rpe is None and effort.method in ("pace", "default")
    )


def _speed(run: Run) -> float:
    """Km per minute of a run on foot; 0 when it cannot be compared (a ride, a bad recording)."""
    pace = plausible_pace(run_minutes(run), run.distance_m)
    if run.sport != "running" or pace is None:
        return 0.0
    return 1.0 / pace


def _clamp(rpe: float) -> float:
    return min(max(rpe, 1.0), 10.0)


def estimator_for(
    runs: Iterable[Run], profile: Profile, plan: PlanRules, today: date
) -> EffortEstimator:
    """The estimator the plan uses for this runner: their heart-rate numbers, unless unreliable."""
    rules = plan.load
    heart = None if profile.hr_unreliable else heart_rate(profile, profile.age_on(today), rules)
    past = [r for r in runs if r.date <= today]
    return EffortEstimator(past, rules, heart, lambda r: hard_by_kind(r, plan))


def hard_by_kind(run: Run, plan: PlanRules) -> bool:
    """Hard whatever its rating: a race, intervals or tempo, or a session over the time line."""
    rule = plan.hard_session
    return run.type in rule.types or run_minutes(run) > rule.over_minutes


def run_load(
    runs: Iterable[Run], profile: Profile, plan: PlanRules, today: date
) -> Callable[[Run], float]:
    """Session-RPE load of a run as the plan counts it (for charts that must agree with it)."""
    return estimator_for(runs, profile, plan, today).load


def effort_text(run: Run, effort: Effort | None, unknown: str = "-") -> str:
    """'5' as rated, '~7' estimated (the plan's guess, or the app's it came from), else `unknown`.

    The one spelling of an effort for `planner runs` and the TUI History (issue 12: estimated
    efforts say so)."""
    if effort is not None:
        return f"~{effort.rpe:.0f}" if effort.estimated else f"{effort.rpe:g}"
    if run.rpe is None:
        return unknown
    return f"~{run.rpe:.0f}" if run.rpe_estimated else f"{run.rpe:g}"
