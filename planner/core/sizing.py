"""How big a quality session may be for this runner (RULES.md, "Quality sized to the runner").

The age table gives the upper bound; what the runner has run lately gives the size: at most
1.1 x their longest run and 1.2 x their longest hard session of the last 28 days, strides as
the first hard session after 8 weeks without one, and the top effort only once they have done
a few sessions near it. Only logged runs count: the plan's own projected sessions never size
the next one (a projection that grew itself would be the plan believing its own advice).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.dayfacts import DayFacts
from planner.core.history import Timeline
from planner.core.rules import PlanRules
from planner.core.wording import percent


@dataclass(frozen=True)
class DayCap:
    """The intensity cap of a day and the factors it is the product of, for its reason."""

    cap: float
    parts: tuple[tuple[float, str], ...]  # (factor, what it is for)

    def words(self) -> str:
        """ "77%: 97% for age × 80% for a load spike"; "97% (for age)" with one factor."""
        named = " × ".join(f"{percent(v)} {what}" for v, what in self.parts)
        if len(self.parts) < 2:
            return f"{percent(self.cap)} ({self.parts[0][1]})"
        return f"{percent(self.cap)}: {named}"


def day_cap(f: DayFacts, multiplier: float, multiplier_for: str, rules: PlanRules) -> DayCap:
    """The day's cap: the age cap (with the runner's sex), the day's own multiplier, a spike's."""
    age_words = {
        "m": "for age",
        "f": "for age, on women's age-grading",
        "x": "for age, on the lower (women's) age-grading",
    }.get(f.sex or "", "for age, on women's age-grading until you set your sex")
    parts: list[tuple[float, str]] = [(f.limits.intensity_cap, age_words)]
    if multiplier != 1.0:
        parts.append((multiplier, multiplier_for))
    if f.spike is not None and f.spike.acwr is not None:
        parts.append((rules.load.spike_cap_multiplier, "for a load spike"))
    cap = 1.0
    for value, _ in parts:
        cap *= value
    return DayCap(round(cap, 3), tuple(parts))


@dataclass(frozen=True)
class QualitySize:
    minutes: int
    rpe: int
    strides: bool  # the first hard session in a long while: strides or a fartlek
    reason: str


def quality_size(f: DayFacts, cap: DayCap, usual: int, rules: PlanRules) -> QualitySize:
    """The quality session this runner may do on `f.day`, and the reason that says why."""
    s, q = rules.sizing, rules.quality
    recent = f.logged_before(s.lookback_days)
    by_age = round(q.max_minutes * cap.cap)
    limits = [(by_age, f"your cap's {percent(cap.cap)} of {q.max_minutes} min")]
    longest = max((r.minutes for r in recent), default=None)
    if longest is not None:
        limits.append(
            (math.floor(longest * s.longest_run_share),
             f"{s.longest_run_share:g} × your longest run of the last {s.lookback_days} days "
             f"({round(longest)} min)")
        )  # fmt: skip
    hard = [r.minutes for r in recent if r.hard]
    if hard:
        limits.append(
            (math.floor(max(hard) * s.longest_hard_share),
             f"{s.longest_hard_share:g} × your longest hard session of the last "
             f"{s.lookback_days} days ({round(max(hard))} min)")
        )  # fmt: skip
    minutes, _ = min(limits)
    minutes = max(minutes, 1)
    hard_line = math.ceil(rules.hard_session.min_rpe)
    rpe = min(q.max_rpe, max(hard_line, round(q.max_rpe * cap.cap)))
    if not any(r.hard for r in f.logged_before(s.first_after_days)):
        minutes = min(minutes, usual)
        rpe = min(rpe, s.first_max_rpe)
        return QualitySize(
            minutes,
            rpe,
            True,
            f"No hard session logged in the last {s.first_after_days // 7} weeks: the first one "
            f"is strides or a fartlek inside an easy run of {minutes} min, at most "
            f"{s.first_fast_minutes} min of faster running at {rpe}/10 at most.",
        )
    top_note = ""
    if rpe >= s.top_rpe:
        near_top = [r for r in f.logged_before(s.top_rpe_lookback_days) if r.rpe >= s.top_rpe_from]
        if len(near_top) < s.top_rpe_needs:
            rpe = s.top_rpe - 1
            top_note = (
                f"; {s.top_rpe}/10 only after {s.top_rpe_needs} logged sessions at "
                f"{s.top_rpe_from} or more in {s.top_rpe_lookback_days // 7} weeks "
                f"({len(near_top)} so far)"
            )
    which = " and ".join(f"{words}: {value}" for value, words in limits)
    return QualitySize(
        minutes,
        rpe,
        False,
        f"Quality session of {minutes} min at most, up to {rpe}/10: the least of {which}"
        f"{top_note}.",
    )


@dataclass(frozen=True)
class Habit:
    """The runner's usual hard session (median of the logged ones), for projected quality days.

    A projected day assumes the runner does what they usually do within the day's limit, not
    the limit itself: projecting every session at the cap would load the days after it more for
    a runner whose cap is higher, so a younger runner's projection could hold them back more.
    """

    minutes: float | None
    rpe: float | None

    def session(self, minutes: float, rpe: float) -> tuple[float, float]:
        if self.minutes is None or self.rpe is None:
            return minutes, rpe
        return min(minutes, self.minutes), min(rpe, self.rpe)


def habit_of(timeline: Timeline, today: date, rules: PlanRules) -> Habit:
    first = today - timedelta(days=rules.sizing.top_rpe_lookback_days)
    hard = [s for s in timeline.between(first, today) if s.hard and not s.projected and s.on_foot]
    if not hard:
        return Habit(None, None)
    return Habit(statistics.median(s.minutes for s in hard), statistics.median(s.rpe for s in hard))
