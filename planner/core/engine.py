"""The plan engine: a folded State, a plan file and `today` in, one DayPlan per day out."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.age import AgeLimits, age_group, age_limits
from planner.core.checklist import DayNeeds, build_checklist
from planner.core.decide import DayFacts, Verdict, decide
from planner.core.errors import InputError
from planner.core.history import (
    FlagTracker,
    Session,
    Timeline,
    is_hard,
    session_of,
    usual_easy_minutes,
)
from planner.core.load import heart_rate, load_summary, session_load
from planner.core.model import Checkin, DayPlan, LoadSummary, Plan, RunGuidance, State
from planner.core.planfile import PlanRules


@dataclass(frozen=True)
class _Inputs:
    """What stays the same for every day of one plan."""

    state: State
    rules: PlanRules
    today: date
    checkins: Mapping[date, Checkin]  # none after today: a check-in is a morning's answers
    usual_minutes: int
    usual_is_default: bool
    future_runs: int  # runs dated after today, not counted until that day comes


def build_plan(
    state: State, rules: PlanRules, today: date, start: date | None = None, days: int = 14
) -> Plan:
    """One DayPlan per day from `start` (default today); days after today are projected."""
    if days < 1:
        raise InputError(f"days {days}: must be at least 1")
    start = today if start is None else start
    end = start + timedelta(days=days - 1)
    age_today = state.profile.age_on(today)
    heart = heart_rate(state.profile, age_today, rules.load)
    past_runs = [r for r in state.runs if r.date <= today]
    timeline = Timeline(session_of(r, rules, heart) for r in past_runs)
    usual, usual_is_default = usual_easy_minutes(timeline, today, rules)
    inputs = _Inputs(
        state=state,
        rules=rules,
        today=today,
        checkins={d: c for d, c in state.checkins.items() if d <= today},
        usual_minutes=usual,
        usual_is_default=usual_is_default,
        future_runs=len(state.runs) - len(past_runs),
    )
    load = load_summary(past_runs, today, rules.load, lambda r: session_load(r, rules.load, heart))
    plans = _walk(inputs, timeline, start, end, load)
    return Plan(
        date_generated=today,
        age=age_today,
        age_group=age_group(age_today),
        load=load,
        days=tuple(plans),
    )


def _walk(
    inputs: _Inputs, timeline: Timeline, start: date, end: date, load: LoadSummary
) -> list[DayPlan]:
    """Walk day by day; ahead of today each day's plan becomes a session the next days see."""
    tracker = FlagTracker(inputs.checkins, inputs.today, inputs.rules)
    day = min(start, inputs.today)
    plans: list[DayPlan] = []
    while day <= end:
        plan, session = _plan_day(inputs, timeline, tracker, day, load)
        # From today on, the days ahead assume the plan is followed; a run logged today stands.
        if session is not None and day >= inputs.today and not timeline.between(day, day):
            timeline.add(session)
        if day >= start:
            plans.append(plan)
        day += timedelta(days=1)
    return plans


def _plan_day(
    inputs: _Inputs, timeline: Timeline, tracker: FlagTracker, day: date, load: LoadSummary
) -> tuple[DayPlan, Session | None]:
    rules, profile = inputs.rules, inputs.state.profile
    projected = day > inputs.today
    limits = age_limits(rules.age, profile.age_on(day), profile.years_running)
    facts = DayFacts(
        day=day,
        is_today=day == inputs.today,
        projected=projected,
        limits=limits,
        checkin=inputs.checkins.get(day),
        checkins=inputs.checkins,
        flags=tracker.in_force(day),
        timeline=timeline,
    )
    verdict = decide(facts, rules)
    run = _guidance(verdict, limits, inputs.usual_minutes, rules)
    plan = DayPlan(
        date=day,
        projected=projected,
        day_type=verdict.day_type,
        run=run,
        reasons=(*verdict.reasons, *_context_reasons(inputs, facts, run)),
        warnings=(*verdict.warnings, *_today_warnings(inputs, day, load)),
        checklist=build_checklist(
            _needs(inputs, timeline, facts, verdict, run), rules.checklist, inputs.state.is_done
        ),
    )
    return plan, _projected_session(day, verdict, run, rules)


def _guidance(verdict: Verdict, limits: AgeLimits, usual: int, rules: PlanRules) -> RunGuidance:
    """What a run may be that day: no run, easy, active recovery, or quality within the age cap."""
    kind = verdict.day_type
    if kind in ("rest", "see_clinician"):
        return RunGuidance(allowed=False, max_minutes=None, max_rpe=None, intensity_cap=0.0)
    cap = limits.intensity_cap * verdict.intensity_multiplier
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


def _projected_session(
    day: date, verdict: Verdict, run: RunGuidance, rules: PlanRules
) -> Session | None:
    """The one stated assumption: the runner does what the plan says, at its limits."""
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
    if facts.day == inputs.today and facts.checkin is None:
        reasons.append(
            "No check-in yet today: your soreness and any warning signs can change this day."
        )
    if facts.projected:
        reasons.append("Projected on one assumption: you follow the plan until then.")
    return tuple(reasons)


def _today_warnings(inputs: _Inputs, day: date, load: LoadSummary) -> tuple[str, ...]:
    if day != inputs.today:
        return ()
    rules = inputs.rules.load
    warnings: list[str] = []
    if load.acwr is not None and load.acwr >= rules.acwr_danger:
        warnings.append(
            f"Load spike: acute:chronic ratio {load.acwr:.2f} ({rules.acwr_danger:g} or more; "
            f"{rules.acwr_sweet_low:g}-{rules.acwr_sweet_high:g} is usual). An advisory flag from "
            "weak, team-sport evidence: consider an easier day."
        )
    if inputs.future_runs:
        warnings.append(
            f"{inputs.future_runs} run(s) dated after today are not counted until their day comes."
        )
    return tuple(warnings)


def _needs(
    inputs: _Inputs, timeline: Timeline, facts: DayFacts, verdict: Verdict, run: RunGuidance
) -> DayNeeds:
    day, profile = facts.day, inputs.state.profile
    logged = [s for s in timeline.between(day, day) if not s.projected]
    if logged:
        minutes: float | None = sum(s.minutes for s in logged)
    else:
        minutes = float(run.max_minutes) if run.allowed and run.max_minutes is not None else None
    yesterday = day - timedelta(days=1)
    entered_race = any(r.date == day for r in inputs.state.races)
    return DayNeeds(
        day=day,
        day_type=verdict.day_type,
        run_allowed=run.allowed,
        run_minutes=minutes,
        age=facts.limits.age,
        weight_kg=profile.weight_kg,
        hard_day=verdict.day_type == "quality_ok" or entered_race or any(s.hard for s in logged),
        after_hard=any(s.hard for s in timeline.between(yesterday, yesterday)),
        ice_bath=profile.ice_bath,
    )
