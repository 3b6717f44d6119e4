"""A day's run line: how long and how hard the run may be, once the day's type is decided.

The verdict (decide.py) says what kind of day it is; this sizes its run: the quality session
to the runner (sizing.py), shorter in a taper and after a long race, race week's race-pace
session (raceweek.py), minus what is already logged today; and the session the days ahead
assume the runner does.
"""

from __future__ import annotations

import math

from planner.core.dayfacts import DayFacts
from planner.core.decide import Verdict
from planner.core.history import Session, is_hard
from planner.core.model import RunGuidance
from planner.core.raceweek import race_pace_session
from planner.core.rules import PlanRules
from planner.core.sizing import Habit, day_cap, quality_size
from planner.core.taper import reverse_taper_on, reverse_taper_reason, shortened


def day_run(
    verdict: Verdict, f: DayFacts, usual: int, rules: PlanRules
) -> tuple[RunGuidance, tuple[str, ...]]:
    """The day's run and the reasons that size it (the verdict's own reasons come first)."""
    run, size_reasons = _guidance(verdict, f, usual, rules)
    run, volume_reasons = _volume(run, f, rules)
    if verdict.race_pace and f.taper is not None and run.max_minutes is not None:
        rpe, pace_reason = race_pace_session(f.taper, rules, run.max_minutes)
        run = RunGuidance(True, run.max_minutes, min(rpe, run.max_rpe or rpe), run.intensity_cap)
        size_reasons = (pace_reason,)
    run, today_reasons = _so_far(run, f, rules)
    return run, (*size_reasons, *volume_reasons, *today_reasons)


def _so_far(run: RunGuidance, f: DayFacts, rules: PlanRules) -> tuple[RunGuidance, tuple[str, ...]]:
    """Minutes logged today come off today's run; when too little is left, today's run is done."""
    logged = sum(s.minutes for s in f.logged_today if s.on_foot)
    if not f.logged_today or not run.allowed or run.max_minutes is None or logged <= 0:
        return run, ()
    limit, left = run.max_minutes, math.floor(run.max_minutes - logged)
    if left < rules.easy.shortest_minutes:
        done = RunGuidance(False, None, None, run.intensity_cap, done_minutes=round(logged))
        return done, (
            f"Today's run is done: {round(logged)} min logged against today's {limit} min.",
        )
    kept = RunGuidance(True, left, run.max_rpe, run.intensity_cap)
    return kept, (f"{round(logged)} min logged today: {left} min left of today's {limit} min.",)


def _guidance(
    verdict: Verdict, f: DayFacts, usual: int, rules: PlanRules
) -> tuple[RunGuidance, tuple[str, ...]]:
    """What a run may be that day: no run, easy, active recovery, or quality sized to the runner
    within the day's cap (sizing.py), with the reason that gives the quality session's size."""
    kind = verdict.day_type
    if kind in ("rest", "see_clinician"):
        return RunGuidance(allowed=False, max_minutes=None, max_rpe=None, intensity_cap=0.0), ()
    why = "for race recovery" if kind == "race_recovery" else "for soreness"
    cap = day_cap(f, verdict.intensity_multiplier, why, rules)
    if verdict.race_day:
        return RunGuidance(True, None, None, cap.cap), ()
    reasons: tuple[str, ...] = ()
    if kind == "active_recovery":
        minutes, rpe = min(rules.soreness.max_minutes, usual), rules.soreness.max_rpe
    elif kind == "quality_ok" and verdict.race_pace:
        minutes, rpe = usual, rules.quality.max_rpe  # raceweek.py sets the effort
    elif kind == "quality_ok":
        size = quality_size(f, cap, usual, rules)
        minutes, rpe = size.minutes, size.rpe
        if f.taper is not None and f.taper.no_top_rpe(rules):
            rpe = min(rpe, rules.sizing.top_rpe - 1)
        reasons = (size.reason,)
    else:
        minutes, rpe = usual, rules.easy.max_rpe
    if verdict.max_minutes is not None:
        minutes = min(minutes, verdict.max_minutes)
    return RunGuidance(True, minutes, rpe, cap.cap), reasons


def _volume(
    run: RunGuidance, facts: DayFacts, rules: PlanRules
) -> tuple[RunGuidance, tuple[str, ...]]:
    """Shorter runs in a taper (its reason is the verdict's) and in a reverse taper."""
    if not run.allowed or run.max_minutes is None:
        return run, ()
    minutes, shortest = run.max_minutes, rules.easy.shortest_minutes
    if facts.taper is not None:
        minutes = shortened(minutes, facts.taper.share(rules), shortest)
    reasons: tuple[str, ...] = ()
    after = reverse_taper_on(facts.timeline, facts.day, rules)
    if after is not None:
        minutes = shortened(minutes, after.share, shortest)
        reasons = (reverse_taper_reason(after, minutes),)
    return RunGuidance(run.allowed, minutes, run.max_rpe, run.intensity_cap), reasons


def projected_session(
    verdict: Verdict,
    run: RunGuidance,
    f: DayFacts,
    rules: PlanRules,
    usual_pace: float,
    habit: Habit,
) -> Session | None:
    """The one stated assumption: the runner does what the plan says, as they usually do it."""
    day, race = f.day, f.race_today
    if verdict.race_day and race is not None:
        minutes = race.distance_m / 1000 * usual_pace
        return Session(
            date=day,
            minutes=minutes,
            rpe=float(rules.quality.max_rpe),
            hard=True,
            label="race",
            distance_m=race.distance_m,
            race=True,
            projected=True,
        )
    if not run.allowed or run.max_minutes is None or run.max_rpe is None:
        return None
    quality = verdict.day_type == "quality_ok"
    # The runner's habit, not the plan's limit: their median hard session, within the limit.
    minutes, rpe = float(run.max_minutes), float(run.max_rpe)
    if quality:
        minutes, rpe = habit.session(minutes, rpe)
    return Session(
        date=day,
        minutes=minutes,
        rpe=rpe,
        hard=quality or is_hard(run.max_minutes, run.max_rpe, None, rules),
        label="planned quality session" if quality else "planned easy run",
        projected=True,
    )
