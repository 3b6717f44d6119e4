"""What today's plan adds about the load: estimated efforts, spikes, monotony, distance, form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from planner.core.effort import Effort
from planner.core.load import HeartRate, daily_loads, heart_rate_words, same_load_every_day
from planner.core.model import LoadSummary, Run
from planner.core.rules import LoadRules
from planner.core.wording import count

_METHODS = (
    ("heart_rate", "from heart rate"),
    ("pace", "from pace"),
    ("default", "at the easy default, with no heart rate or pace to go by"),
    ("imported", "by the app they came from"),
)


def effort_reasons(
    rated: Sequence[tuple[Run, Effort]],
    heart: HeartRate | None,
    hr_unreliable: bool,
    rules: LoadRules,
) -> tuple[str, ...]:
    """Runs of the last week whose effort is a guess: say how, and how to make it exact."""
    guessed = [(run, effort) for run, effort in rated if effort.method != "rated"]
    if not guessed:
        return ()
    how = [
        f"{n} {words}"
        for method, words in _METHODS
        if (n := sum(1 for _, e in guessed if e.method == method))
    ]
    them = "it" if len(guessed) == 1 else "them"
    reasons = [
        f"Effort estimated for {count(len(guessed), 'run')} of the last {rules.acute_days} days "
        f"({', '.join(how)}): rate {them} at the check-in (planner checkin --rate RUN_ID=RPE) "
        "to make the load exact."
    ]
    from_our_heart = any(e.method == "heart_rate" and run.avg_hr is not None for run, e in guessed)
    if heart is not None and heart.estimated and from_our_heart:
        reasons.append(heart_rate_words(heart, rules))  # which max and rest HR, and estimated
    if hr_unreliable and any(run.avg_hr is not None or run.trimp is not None for run, _ in guessed):
        reasons.append("Heart rate is marked unreliable, so the plan does not use it.")
    return tuple(reasons)


def fresh_reason(load: LoadSummary) -> tuple[str, ...]:
    if load.rest_days_to_fresh <= 0:
        return ()
    return (
        f"Fatigue ({load.fatigue:g}) is above fitness ({load.fitness:g}) today: about "
        f"{count(load.rest_days_to_fresh, 'rest day')} would bring form (fitness minus fatigue) "
        "back to 0 (Runalyze's formula).",
    )


def load_warnings(
    load: LoadSummary, rules: LoadRules, same_load_every_day: bool
) -> tuple[str, ...]:
    # A load spike or a jump in distance is no longer a warning: it acts (planner/core/spikes.py).
    warnings: list[str] = []
    m = rules.monotony
    if load.monotony is not None and load.monotony > m.flag_above:
        warnings.append(
            f"Monotony {load.monotony:.1f} over the last {m.days} days (above {m.flag_above:g}), "
            f"strain {load.strain:g}: the same load day after day; vary hard and easy days."
        )
    elif same_load_every_day:
        warnings.append(
            f"The same load on each of the last {m.days} days: as monotonous as training gets "
            f"(above {m.flag_above:g} is flagged); vary hard and easy days."
        )
    return tuple(warnings)


def today_reasons(
    past_runs: Sequence[Run],
    efforts: Sequence[Effort],
    heart: HeartRate | None,
    hr_unreliable: bool,
    load: LoadSummary,
    rules: LoadRules,
    today: date,
) -> tuple[str, ...]:
    """What today's plan says about the efforts of the last week and about form."""
    first = today - timedelta(days=rules.acute_days - 1)
    recent = [(r, e) for r, e in zip(past_runs, efforts, strict=True) if r.date >= first]
    return effort_reasons(recent, heart, hr_unreliable, rules)


def today_warnings(
    past_runs: Sequence[Run],
    load_of: Callable[[Run], float],
    load: LoadSummary,
    rules: LoadRules,
    today: date,
    future_runs: int,
) -> tuple[str, ...]:
    """Today's warnings: monotony, runs dated after today (spikes act: planner/core/spikes.py)."""
    week = daily_loads(past_runs, today - timedelta(days=rules.monotony.days - 1), today, load_of)
    history = (today - min((r.date for r in past_runs), default=today)).days + 1
    same = history >= rules.monotony.days and same_load_every_day(week, rules)
    warnings = list(load_warnings(load, rules, same))
    if future_runs:
        warnings.append(
            f"{future_runs} run(s) dated after today are not counted until their day comes."
        )
    return tuple(warnings)
