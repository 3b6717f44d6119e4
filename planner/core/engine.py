"""The plan engine: a folded State, a plan file and `today` in, one DayPlan per day out."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.age import AgeLimits, age_group, age_limits
from planner.core.checklist import DayNeeds, build_checklist
from planner.core.decide import DayFacts, Verdict, decide
from planner.core.effort import EffortEstimator, hard_by_kind
from planner.core.errors import InputError
from planner.core.history import (
    FlagTracker,
    Session,
    Timeline,
    is_hard,
    session_of,
    usual_easy_minutes,
    usual_pace,
)
from planner.core.injury import flagged_areas, guides_for
from planner.core.load import heart_rate, load_summary, series_start
from planner.core.model import Checkin, DayPlan, Plan, Race, Run, RunGuidance, State
from planner.core.notes import spike_reason, today_reasons, today_warnings
from planner.core.planfile import PlanRules
from planner.core.ratio import RatioWalk
from planner.core.taper import race_on, reverse_taper_on, reverse_taper_reason, shortened, taper_on


@dataclass(frozen=True)
class _Inputs:
    """What stays the same for every day of one plan."""

    state: State
    rules: PlanRules
    today: date
    checkins: Mapping[date, Checkin]  # none after today: a check-in is a morning's answers
    runs_by_day: Mapping[date, tuple[Run, ...]]  # logged runs, up to today
    usual_minutes: int
    usual_is_default: bool
    usual_pace: float  # min per km, to project an entered race
    today_reasons: tuple[str, ...]
    today_warnings: tuple[str, ...]


def build_plan(
    state: State, rules: PlanRules, today: date, start: date | None = None, days: int = 14
) -> Plan:
    """One DayPlan per day from `start` (default today); days after today are projected."""
    if days < 1:
        raise InputError(f"days {days}: must be at least 1")
    start = today if start is None else start
    end = start + timedelta(days=days - 1)
    profile = state.profile
    age_today = profile.age_on(today)
    heart = None if profile.hr_unreliable else heart_rate(profile, age_today, rules.load)
    past_runs = [r for r in state.runs if r.date <= today]
    estimator = EffortEstimator(past_runs, rules.load, heart, lambda r: hard_by_kind(r, rules))
    efforts = [estimator.effort(r) for r in past_runs]
    timeline = Timeline(
        session_of(r, rules, e.rpe) for r, e in zip(past_runs, efforts, strict=True)
    )
    first_run = min((r.date for r in past_runs), default=None)
    walk_from = min(start, today)
    origin = walk_from if first_run is None else series_start(first_run, walk_from, rules.load)
    load = load_summary(past_runs, today, rules.load, estimator.load, start=origin)
    usual, usual_is_default = usual_easy_minutes(timeline, today, rules)
    future_runs = len(state.runs) - len(past_runs)
    inputs = _Inputs(
        state=state,
        rules=rules,
        today=today,
        checkins={d: c for d, c in state.checkins.items() if d <= today},
        runs_by_day=_by_day(past_runs),
        usual_minutes=usual,
        usual_is_default=usual_is_default,
        usual_pace=usual_pace(timeline, today, rules),
        today_reasons=today_reasons(
            past_runs, efforts, heart, profile.hr_unreliable, load, rules.load, today
        ),
        today_warnings=today_warnings(
            past_runs, estimator.load, load, rules.load, today, future_runs, profile.units
        ),
    )
    walk = RatioWalk(first_run, origin, rules.load)
    plans = _walk(inputs, timeline, walk, start, end)
    return Plan(
        date_generated=today,
        age=age_today,
        age_group=age_group(age_today),
        load=load,
        days=tuple(plans),
    )


def _by_day(runs: Sequence[Run]) -> dict[date, tuple[Run, ...]]:
    out: dict[date, list[Run]] = {}
    for run in runs:
        out.setdefault(run.date, []).append(run)
    return {day: tuple(runs) for day, runs in out.items()}


def _walk(
    inputs: _Inputs, timeline: Timeline, walk: RatioWalk, start: date, end: date
) -> list[DayPlan]:
    """Walk day by day; ahead of today each day's plan becomes a session the next days see."""
    tracker = FlagTracker(inputs.checkins, inputs.today, inputs.rules)
    day = min(start, inputs.today)
    plans: list[DayPlan] = []
    while day <= end:
        plan, session = _plan_day(inputs, timeline, tracker, walk, day)
        # From today on, the days ahead assume the plan is followed; a run logged today stands.
        if session is not None and day >= inputs.today and not timeline.between(day, day):
            timeline.add(session)
        if day >= start:
            plans.append(plan)
        day += timedelta(days=1)
    return plans


def _facts(inputs: _Inputs, timeline: Timeline, tracker: FlagTracker, day: date) -> DayFacts:
    rules, profile, races = inputs.rules, inputs.state.profile, inputs.state.races
    flags = tracker.in_force(day)
    checkin = inputs.checkins.get(day)
    if flags:
        areas = flagged_areas(inputs.checkins, flags, day)
        guides = guides_for(rules.injuries, areas, {f.flag.id for f in flags})
    else:
        guides = guides_for(rules.injuries, set(checkin.areas) if checkin else set(), set())
    return DayFacts(
        day=day,
        is_today=day == inputs.today,
        projected=day > inputs.today,
        limits=age_limits(rules.age, profile.age_on(day), profile.years_running),
        checkin=checkin,
        checkins=inputs.checkins,
        flags=flags,
        timeline=timeline,
        guides=guides,
        taper=taper_on(races, day, rules),
        race_today=race_on(races, day),
    )


def _plan_day(
    inputs: _Inputs, timeline: Timeline, tracker: FlagTracker, walk: RatioWalk, day: date
) -> tuple[DayPlan, Session | None]:
    rules = inputs.rules
    facts = _facts(inputs, timeline, tracker, day)
    verdict = decide(facts, rules)
    ratio = walk.ratio_on(day, timeline)
    spike = ratio is not None and ratio >= rules.load.acwr_danger
    run = _guidance(verdict, facts.limits, inputs.usual_minutes, rules, spike)
    run, volume_reasons = _volume(run, verdict, facts, rules)
    reasons = [*verdict.reasons, *volume_reasons]
    if spike and run.allowed and ratio is not None:
        reasons.append(spike_reason(ratio, rules.load))
    is_today = day == inputs.today
    plan = DayPlan(
        date=day,
        projected=facts.projected,
        day_type=verdict.day_type,
        run=run,
        reasons=(*reasons, *_context_reasons(inputs, facts, run)),
        warnings=(*verdict.warnings, *(inputs.today_warnings if is_today else ())),
        checklist=build_checklist(
            _needs(inputs, timeline, facts, verdict, run), rules.checklist, inputs.state.is_done
        ),
        checkin=facts.checkin,
    )
    return plan, _projected_session(day, verdict, run, facts.race_today, inputs)


def _guidance(
    verdict: Verdict, limits: AgeLimits, usual: int, rules: PlanRules, spike: bool
) -> RunGuidance:
    """What a run may be that day: no run, easy, active recovery, or quality within the age cap."""
    kind = verdict.day_type
    if kind in ("rest", "see_clinician"):
        return RunGuidance(allowed=False, max_minutes=None, max_rpe=None, intensity_cap=0.0)
    cap = limits.intensity_cap * verdict.intensity_multiplier
    if spike:
        cap *= rules.load.spike_cap_multiplier
    if verdict.race_day:
        return RunGuidance(
            allowed=True, max_minutes=None, max_rpe=None, intensity_cap=round(cap, 3)
        )
    if kind == "active_recovery":
        minutes, rpe = min(rules.soreness.max_minutes, usual), rules.soreness.max_rpe
    elif kind == "quality_ok":
        # A quality day never allows less time than an easy one, nor less effort than "hard".
        minutes = max(usual, round(rules.quality.max_minutes * cap))
        hard_line = math.ceil(rules.hard_session.min_rpe)
        rpe = min(rules.quality.max_rpe, max(hard_line, round(rules.quality.max_rpe * cap)))
    else:
        minutes, rpe = usual, rules.easy.max_rpe
    if verdict.max_minutes is not None:
        minutes = min(minutes, verdict.max_minutes)
    return RunGuidance(allowed=True, max_minutes=minutes, max_rpe=rpe, intensity_cap=round(cap, 3))


def _volume(
    run: RunGuidance, verdict: Verdict, facts: DayFacts, rules: PlanRules
) -> tuple[RunGuidance, tuple[str, ...]]:
    """Shorter runs in a taper (its reason is the verdict's) and in a reverse taper."""
    if not run.allowed or run.max_minutes is None:
        return run, ()
    minutes, shortest = run.max_minutes, rules.easy.shortest_minutes
    if facts.taper is not None:
        minutes = shortened(minutes, rules.taper.volume_share, shortest)
    reasons: tuple[str, ...] = ()
    after = reverse_taper_on(facts.timeline, facts.day, rules)
    if after is not None:
        minutes = shortened(minutes, after.share, shortest)
        reasons = (reverse_taper_reason(after, minutes),)
    return RunGuidance(run.allowed, minutes, run.max_rpe, run.intensity_cap), reasons


def _projected_session(
    day: date, verdict: Verdict, run: RunGuidance, race: Race | None, inputs: _Inputs
) -> Session | None:
    """The one stated assumption: the runner does what the plan says, at its limits."""
    rules = inputs.rules
    if verdict.race_day and race is not None:
        minutes = race.distance_m / 1000 * inputs.usual_pace
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
    return Session(
        date=day,
        minutes=float(run.max_minutes),
        rpe=float(run.max_rpe),
        hard=quality or is_hard(run.max_minutes, run.max_rpe, None, rules),
        label="planned quality session" if quality else "planned easy run",
        projected=True,
    )


def _context_reasons(inputs: _Inputs, facts: DayFacts, run: RunGuidance) -> tuple[str, ...]:
    """What more data would change, and the assumption a projected day rests on."""
    rules = inputs.rules
    reasons: list[str] = []
    if facts.limits.assumed:
        reasons.append(
            f"Age not set: the plan assumes {facts.limits.age}; set your age to fit the caps "
            "to you."
        )
    if run.allowed and inputs.usual_is_default:
        reasons.append(
            f"Easy runs of {inputs.usual_minutes} min are the plan's default until you log easy "
            f"runs (the median of the last {rules.easy.lookback_days} days is used)."
        )
    if facts.is_today:
        if facts.checkin is None:
            reasons.append(
                "No check-in yet today: your soreness and any warning signs can change this day "
                "(planner checkin)."
            )
        reasons.extend(inputs.today_reasons)
    if facts.projected:
        reasons.append("Projected on one assumption: you follow the plan until then.")
    return tuple(reasons)


def _needs(
    inputs: _Inputs, timeline: Timeline, facts: DayFacts, verdict: Verdict, run: RunGuidance
) -> DayNeeds:
    day, profile, rules = facts.day, inputs.state.profile, inputs.rules
    logged = [s for s in timeline.between(day, day) if not s.projected]
    runs = inputs.runs_by_day.get(day, ())
    if logged:
        minutes: float | None = sum(s.minutes for s in logged)
    elif facts.race_today is not None and verdict.race_day:
        minutes = facts.race_today.distance_m / 1000 * inputs.usual_pace
    else:
        minutes = float(run.max_minutes) if run.allowed and run.max_minutes is not None else None
    temps = [r.temp_c for r in runs if r.temp_c is not None]
    temp = max(temps) if temps else profile.temp_c
    yesterday = day - timedelta(days=1)
    hard_today = any(s.hard for s in logged)
    return DayNeeds(
        day=day,
        day_type=verdict.day_type,
        run_allowed=run.allowed,
        run_minutes=minutes,
        age=facts.limits.age,
        weight_kg=profile.weight_kg,
        hard_day=verdict.day_type == "quality_ok" or hard_today,
        after_hard=any(s.hard for s in timeline.between(yesterday, yesterday)),
        ice_bath=profile.ice_bath,
        temp_c=temp,
        flag_in_force=bool(facts.flags),
        refuel=_refuel(list(zip(runs, logged, strict=False)), facts.race_today, rules),
    )


def _refuel(day_runs: Sequence[tuple[Run, Session]], race: Race | None, rules: PlanRules) -> bool:
    """Two hard sessions within hours of each other on one day: refuel faster in between."""
    hard = [run for run, session in day_runs if session.hard]
    if race is not None and hard and not any(session.race for _, session in day_runs):
        return True  # a hard session logged, and the entered race still to come
    if len(hard) < 2:
        return False
    if any(run.start is None for run in hard):
        return True  # start times unknown: on the same day, assume within hours
    within = rules.checklist.items["meal:recovery"].numbers["refuel_within_hours"] * 3600
    starts = sorted(run.start for run in hard if run.start is not None)
    return any((b - a).total_seconds() <= within for a, b in itertools.pairwise(starts))
