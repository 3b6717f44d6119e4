"""Training load: session-RPE, Banister TRIMP, fitness and fatigue, and the acute:chronic ratio."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.model import LoadSummary, Profile, Run
from planner.core.rules import DEFAULT_LOAD, LoadRules, Smoothing, TrimpConstants

# Loads older than ten time constants weigh less than e^-10 of today's: the series can start there.
_SERIES_TIME_CONSTANTS = 10


@dataclass(frozen=True)
class HeartRate:
    """The runner's heart-rate numbers for TRIMP, and which of them the plan's defaults filled."""

    rest: int
    max: int
    sex: str | None
    max_estimated: bool = False  # 208 - 0.7 x age (Tanaka 2001): not the runner's own
    rest_estimated: bool = False  # the plan's resting default: not the runner's own
    age: int | None = None  # the age the estimate used; None: the assumed age of 40

    @property
    def estimated(self) -> bool:
        return self.max_estimated or self.rest_estimated


_ASSUMED_AGE = 40  # an age for the max-HR estimate when none is set (said so where it is used)


def heart_rate(profile: Profile, age: int | None, rules: LoadRules = DEFAULT_LOAD) -> HeartRate:
    """The profile's HR rest and max, or the plan's defaults (208 - 0.7 x age, rest 60)."""
    t = rules.trimp
    rest = profile.hr_rest if profile.hr_rest is not None else t.hr_rest_default
    if profile.hr_max is not None:
        top = profile.hr_max
    else:
        top = round(
            t.hr_max_intercept - t.hr_max_slope * (age if age is not None else _ASSUMED_AGE)
        )
    return HeartRate(
        rest=rest,
        max=max(top, rest + 1),
        sex=profile.sex,
        max_estimated=profile.hr_max is None,
        rest_estimated=profile.hr_rest is None,
        age=age,
    )


def heart_rate_words(heart: HeartRate, rules: LoadRules = DEFAULT_LOAD) -> str:
    """Which max and rest HR the TRIMP used, each said to be estimated where it is, and how to
    set one's own (RULES.md: say in the UI that the defaults are estimates)."""
    t = rules.trimp
    if heart.max_estimated:
        age = f"age {heart.age}" if heart.age is not None else f"an assumed age of {_ASSUMED_AGE}"
        top = f"max HR {heart.max} estimated ({t.hr_max_intercept:g} - {t.hr_max_slope:g} x {age})"
    else:
        top = f"max HR {heart.max} (yours)"
    rest = f"rest HR {heart.rest} " + ("assumed" if heart.rest_estimated else "(yours)")
    flags = [
        flag
        for flag, unset in (
            ("--hr-max N", heart.max_estimated),
            ("--hr-rest N", heart.rest_estimated),
        )
        if unset
    ]
    how = f"; set yours with planner profile set {' '.join(flags)}" if flags else ""
    return f"Heart-rate efforts use {top} and {rest}{how}."


def run_minutes(run: Run) -> float:
    """Moving time where the file has it (pauses skew load), else elapsed time."""
    seconds = run.moving_s if run.moving_s > 0 else run.elapsed_s
    return max(seconds, 0) / 60.0


def _trimp_weights(sex: str | None, t: TrimpConstants) -> tuple[float, float]:
    if sex == "m":
        return t.men_a, t.men_b
    if sex == "f":
        return t.women_a, t.women_b
    return (t.men_a + t.women_a) / 2, (t.men_b + t.women_b) / 2


def banister_trimp(
    minutes: float,
    hr_avg: float,
    hr_rest: float,
    hr_max: float,
    sex: str | None,
    constants: TrimpConstants = DEFAULT_LOAD.trimp,
) -> float:
    """Banister TRIMP: minutes x HRr x a x e^(b x HRr), HRr clamped to 0-1."""
    if hr_max <= hr_rest or minutes <= 0:
        return 0.0
    hrr = min(max((hr_avg - hr_rest) / (hr_max - hr_rest), 0.0), 1.0)
    a, b = _trimp_weights(sex, constants)
    return minutes * hrr * a * math.exp(b * hrr)


def session_rpe(
    run: Run, rules: LoadRules = DEFAULT_LOAD, heart: HeartRate | None = None
) -> tuple[float, bool]:
    """The run's RPE and whether it is estimated: given, else from TRIMP per minute, else easy.

    (The plan uses `effort.EffortEstimator`, which also reads pace and honours the profile's
    "heart rate unreliable" switch.)
    """
    if run.rpe is not None:
        return min(max(run.rpe, 0.0), 10.0), run.rpe_estimated
    minutes = run_minutes(run)
    trimp = run.trimp
    if trimp is None and run.avg_hr is not None and heart is not None:
        trimp = banister_trimp(minutes, run.avg_hr, heart.rest, heart.max, heart.sex, rules.trimp)
    if trimp is not None and minutes > 0:
        return rpe_from_trimp(trimp, minutes, rules), True
    return rules.default_rpe, True


def rpe_from_trimp(trimp: float, minutes: float, rules: LoadRules = DEFAULT_LOAD) -> float:
    """TRIMP per minute runs ~0.8 (easy) to ~3.8 (near max); x 2.5 lands on CR-10 (1-10)."""
    return min(max(trimp / minutes * rules.rpe_per_trimp_minute, 1.0), 10.0)


def session_load(
    run: Run, rules: LoadRules = DEFAULT_LOAD, heart: HeartRate | None = None
) -> float:
    """Session-RPE load (Foster 2001): RPE x moving minutes; an unrated run's RPE is estimated."""
    rpe, _ = session_rpe(run, rules, heart)
    return rpe * run_minutes(run)


def daily_loads(
    runs: Iterable[Run],
    start: date,
    end: date,
    load_of: Callable[[Run], float] = session_load,
) -> list[float]:
    """One load per day from `start` to `end` inclusive; days without runs are 0."""
    days = (end - start).days + 1
    loads = [0.0] * max(days, 0)
    for run in runs:
        index = (run.date - start).days
        if 0 <= index < days:
            loads[index] += load_of(run)
    return loads


def smoothing_factor(days: int, smoothing: Smoothing) -> float:
    """λ of an N-day EWMA: 2/(N+1) (Runalyze, Williams 2017) or 1 - e^(-1/N) (GoldenCheetah)."""
    if smoothing == "goldencheetah":
        return 1.0 - math.exp(-1.0 / days)
    return 2.0 / (days + 1)


def ewma(loads: Iterable[float], days: int, smoothing: Smoothing = "runalyze") -> list[float]:
    """The exponentially weighted average of daily loads, one value per day, starting from 0."""
    lam = smoothing_factor(days, smoothing)
    out: list[float] = []
    level = 0.0
    for load in loads:
        level = lam * load + (1.0 - lam) * level
        out.append(level)
    return out


def acwr(
    acute: float, chronic: float, history_days: int, rules: LoadRules = DEFAULT_LOAD
) -> float | None:
    """Acute:chronic ratio, or None before `acwr_min_history_days` of history or with no load."""
    if history_days < rules.acwr_min_history_days or chronic <= 0:
        return None
    ratio = acute / chronic
    return ratio if math.isfinite(ratio) else None  # a vanishing chronic load: no ratio


def series_start(first_run: date, day: date, rules: LoadRules) -> date:
    """Where a load series read on `day` may start: older loads weigh less than e^-10."""
    longest = max(rules.fitness_days, rules.chronic_days, rules.fatigue_days, rules.acute_days)
    return max(first_run, day - timedelta(days=longest * _SERIES_TIME_CONSTANTS))


def load_summary(
    runs: Iterable[Run],
    today: date,
    rules: LoadRules = DEFAULT_LOAD,
    load_of: Callable[[Run], float] = session_load,
    start: date | None = None,
    form_days: int = 7,
) -> LoadSummary:
    """Fitness, fatigue, form and the load ratio on `today`; runs after today do not count yet.

    `week_form` is form averaged over the `form_days` days before today: one hard day dips form
    for a day or two and a steady week swings it by a third of fitness, so overreaching, a
    state that lasts, is read from the mean (week.py).

    `start` (default: as far back as still matters) lets the plan's day-by-day ratio start at
    the same day, so both read the same number on today.
    """
    past = [r for r in runs if r.date <= today]
    if not past:
        return LoadSummary(acute=0.0, chronic=0.0, acwr=None, fitness=0.0, fatigue=0.0, form=0.0)
    first = min(r.date for r in past)
    start = series_start(first, today, rules) if start is None else max(start, first)
    # One day before the start gives "yesterday" for form even on the first day of history.
    loads = [0.0, *daily_loads(past, start, today, load_of)]
    fitness = ewma(loads, rules.fitness_days, rules.smoothing)
    fatigue = ewma(loads, rules.fatigue_days, rules.smoothing)
    acute = ewma(loads, rules.acute_days, "runalyze")[-1]
    chronic = ewma(loads, rules.chronic_days, "runalyze")[-1]
    history = (today - first).days + 1
    ratio = acwr(acute, chronic, history, rules)
    rolling = rolling_acwr(loads[1:], history, rules)
    monotony, strain = monotony_and_strain(loads[1:], history, rules)
    # Index -1 is today, so -1 - form_days .. -2 are the days before it, each with its own load.
    recent = [
        f - g
        for f, g in zip(fitness[-1 - form_days : -1], fatigue[-1 - form_days : -1], strict=True)
    ]
    return LoadSummary(
        acute=round(acute, 1),
        chronic=round(chronic, 1),
        acwr=None if ratio is None else round(ratio, 2),
        fitness=round(fitness[-1], 1),
        fatigue=round(fatigue[-1], 1),
        form=round(fitness[-2] - fatigue[-2], 1),  # form is the day before's (TSB)
        monotony=None if monotony is None else round(monotony, 2),
        strain=None if strain is None else round(strain),
        rest_days_to_fresh=rest_days_to_fresh(fitness[-1], fatigue[-1], rules),
        acwr_rolling=None if rolling is None else round(rolling, 2),
        week_form=sum(recent) / form_days if len(loads) > form_days + 1 else None,
    )


def rolling_acwr(
    loads: list[float], history_days: int, rules: LoadRules = DEFAULT_LOAD
) -> float | None:
    """The rolling acute:chronic ratio: the sum of the last 7 daily loads over the mean week of
    the last 28; None when the EWMA ratio is (too little history, or no load)."""
    if history_days < rules.acwr_min_history_days:
        return None
    weeks = rules.chronic_days / rules.acute_days
    month = sum(loads[-rules.chronic_days :]) / weeks
    return sum(loads[-rules.acute_days :]) / month if month > 0 else None


def monotony_and_strain(
    loads: list[float], history_days: int, rules: LoadRules = DEFAULT_LOAD
) -> tuple[float | None, float | None]:
    """Foster's monotony (mean / SD of the last N daily loads) and strain (their sum x monotony).

    None before N days of history, and when the SD is 0 (no load, or the same load every day:
    the ratio has no value then; `same_load_every_day` tells the two apart).
    """
    days = rules.monotony.days
    if history_days < days or len(loads) < days:
        return None, None
    week = loads[-days:]
    spread = statistics.pstdev(week)
    if spread <= 1e-9:
        return None, None
    monotony = statistics.fmean(week) / spread
    return monotony, sum(week) * monotony


def same_load_every_day(loads: list[float], rules: LoadRules = DEFAULT_LOAD) -> bool:
    """The most monotonous week: a load above 0 on each of the last N days, all alike."""
    week = loads[-rules.monotony.days :]
    return len(week) == rules.monotony.days and week[0] > 0 and max(week) - min(week) <= 1e-9


def rest_days_to_fresh(fitness: float, fatigue: float, rules: LoadRules = DEFAULT_LOAD) -> int:
    """Rest days until form (fitness - fatigue) is back to 0 (Runalyze's derivation), rounded up.

    With no load both decay: fitness x (1-λf)^t = fatigue x (1-λa)^t gives
    t = ln(fitness / fatigue) / ln((1-λa) / (1-λf)).
    """
    share = fitness / fatigue if fatigue > 0 else 1.0
    if not 0 < share < 1:
        return 0
    fast = 1.0 - smoothing_factor(rules.fatigue_days, rules.smoothing)
    slow = 1.0 - smoothing_factor(rules.fitness_days, rules.smoothing)
    if fast >= slow:  # fatigue decays no faster than fitness: form never comes back by resting
        return 0
    days = math.log(share) / math.log(fast / slow)
    return max(math.ceil(round(days, 6)), 0)
