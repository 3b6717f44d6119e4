"""The plan engine: a folded State, a plan file and `today` in, one DayPlan per day out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.age import age_group, age_limits
from planner.core.cautions import CautionTracker
from planner.core.checklist import DayNeeds, build_checklist
from planner.core.comeback import LayoffWatch, ReturnPeriod, sign_return
from planner.core.dayfacts import DayFacts
from planner.core.decide import Verdict, decide
from planner.core.effort import EffortEstimator, ToRate, hard_by_kind, runs_to_rate
from planner.core.errors import InputError
from planner.core.fluid import fluid_warnings, usual_temp
from planner.core.history import (
    FlagTracker,
    Session,
    Timeline,
    session_of,
    usual_easy_minutes,
    usual_pace,
)
from planner.core.icebath import hard_runs
from planner.core.injury import flagged_areas, guides_for
from planner.core.load import heart_rate, load_summary, series_start
from planner.core.model import Checkin, DayPlan, Plan, Race, Run, RunGuidance, State
from planner.core.notes import fresh_reason, today_reasons, today_warnings
from planner.core.planfile import PlanRules
from planner.core.runline import day_run, projected_session
from planner.core.signs import LiftedSign
from planner.core.sizing import Habit, habit_of
from planner.core.spikes import SpikeWatch
from planner.core.taper import race_on, taper_on
from planner.core.week import (
    Overreached,
    UsualWeek,
    overreached,
    rest_day,
    training_days,
    usual_week,
)
from planner.core.wording import day_label

# A pain streak that reached "see a clinician" returns, once settled, like this sign.
PAINFUL_RUN_SIGN = "run_pain_over_5"


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
    fresh_reasons: tuple[str, ...]  # only with enough history, never beside a clinician's day
    week: UsualWeek
    overreached: Overreached | None
    habit: Habit
    to_rate: tuple[ToRate, ...] = ()  # unknown efforts: quality waits for a rating


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
    load = load_summary(
        past_runs,
        today,
        rules.load,
        estimator.load,
        start=origin,
        form_days=rules.overreaching.window_days,
    )
    usual, usual_is_default = usual_easy_minutes(timeline, today, rules)
    future_runs = len(state.runs) - len(past_runs)
    history_days = training_days(timeline, today, rules.layoff.min_gap_days)
    age_or_assumed = rules.age.unknown_age if age_today is None else age_today
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
            past_runs, estimator.load, load, rules.load, today, future_runs
        ),
        to_rate=runs_to_rate(past_runs, efforts, profile.hr_unreliable),
        fresh_reasons=fresh_reason(load) if history_days >= rules.load.fitness_days else (),
        week=usual_week(timeline, today, rules.week, age_or_assumed),
        overreached=overreached(load, timeline, today, history_days, rules.overreaching),
        habit=habit_of(timeline, today, rules),
    )
    spikes = SpikeWatch(
        timeline.sessions, first_run, origin, rules.load, rules.spikes, today + timedelta(days=1)
    )
    plans = _walk(inputs, timeline, spikes, start, end)
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


@dataclass
class _Trackers:
    """What the walk carries from one day to the next: signs, cautions, breaks, spikes."""

    signs: FlagTracker
    cautions: CautionTracker
    layoffs: LayoffWatch
    spikes: SpikeWatch
    ahead: tuple[str, ...] = ()  # what stands on today, for the projected days after it


def _walk(
    inputs: _Inputs, timeline: Timeline, spikes: SpikeWatch, start: date, end: date
) -> list[DayPlan]:
    """Walk day by day; ahead of today each day's plan becomes a session the next days see."""
    today, rules = inputs.today, inputs.rules
    trackers = _Trackers(
        signs=FlagTracker(inputs.checkins, today, rules),
        cautions=CautionTracker(inputs.checkins, today, rules),
        layoffs=LayoffWatch(timeline, today, rules),
        spikes=spikes,
    )
    day = min(start, today)
    plans: list[DayPlan] = []
    while day <= end:
        plan, session, facts = _plan_day(inputs, timeline, trackers, day)
        # From today on, the days ahead assume the plan is followed (what is left of it today).
        if session is not None and day >= today:
            timeline.add(session)
        if day == today:
            trackers.ahead = _standing(facts, rules)
        if day >= start:
            plans.append(plan)
        day += timedelta(days=1)
    return plans


def _standing(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    """Cautions in force on today that no projected day can see lifted (no check-in ahead)."""
    names: list[str] = []
    pain = f.cautions.pain
    if pain is not None and not pain.clinician:
        names.append(f"pain {pain.high or pain.last}/10, not yet reported settled")
    if f.guides and not f.flags:
        names.append("sore " + ", ".join(a.replace("_", " ") for a in f.cautions.areas))
    soreness = f.checkin.soreness if f.checkin is not None else None
    if soreness is not None and soreness >= rules.soreness.threshold:
        names.append(f"soreness {soreness}/10 this morning")
    elif f.cautions.carry_over is not None:
        carry = f.cautions.carry_over
        names.append(f"soreness {carry.soreness}/10 on {day_label(carry.day)}, no check-in since")
    return tuple(names)


def _facts(inputs: _Inputs, timeline: Timeline, trackers: _Trackers, day: date) -> DayFacts:
    rules, profile, races = inputs.rules, inputs.state.profile, inputs.state.races
    flags = trackers.signs.in_force(day)
    cautions = trackers.cautions.on(day)
    if flags:
        areas = flagged_areas(inputs.checkins, flags, day)
        guides = guides_for(rules.injuries, areas, {f.flag.id for f in flags})
    else:
        guides = guides_for(rules.injuries, set(cautions.areas), set())
    is_today = day == inputs.today
    logged_today = tuple(s for s in timeline.between(day, day) if not s.projected)
    limits = age_limits(rules.age, profile.age_on(day), profile.years_running, profile.sex)
    comeback = _strictest(
        sign_return(_lifted(trackers, day, rules), day, timeline, rules),
        trackers.layoffs.on(day),
    )
    return DayFacts(
        day=day,
        is_today=is_today,
        projected=day > inputs.today,
        limits=limits,
        checkin=inputs.checkins.get(day),
        flags=flags,
        timeline=timeline,
        guides=guides,
        taper=taper_on(races, day, rules),
        race_today=race_on(races, day),
        cautions=cautions,
        comeback=comeback,
        # A return is the load's own build-up: a spike beside it would count the first runs
        # back against the weeks without them (a 20-minute jog after 42 days is no spike).
        spike=None if comeback is not None else trackers.spikes.blocking(day),
        logged_today=logged_today if is_today else (),
        ahead=trackers.ahead if day > inputs.today else (),
        sex=profile.sex,
        units=profile.units,
        to_rate=inputs.to_rate,
        habit_rest=rest_day(timeline, day, inputs.today, inputs.week, rules.week, limits.age),
        overreached=inputs.overreached,
    )


def _lifted(trackers: _Trackers, day: date, rules: PlanRules) -> tuple[LiftedSign, ...]:
    """Lifted signs, and settled pain streaks: those return like the painful-run sign."""
    painful, pain = rules.red_flags.get(PAINFUL_RUN_SIGN), rules.pain
    what = f"pain above {pain.reduce_above}/10 at {pain.clinician_after} check-ins in a row"
    settled = () if painful is None else tuple(
        LiftedSign(painful, since, on, "checkin", what)
        for since, on in trackers.cautions.settled_streaks(day)
    )  # fmt: skip
    return (*trackers.signs.lifted(day), *settled)


def _strictest(*returns: ReturnPeriod | None) -> ReturnPeriod | None:
    """The return that allows the shortest run (then the one that lasts longer)."""
    given = [r for r in returns if r is not None]
    return min(given, key=lambda r: (r.max_minutes, -r.end.toordinal()), default=None)


def _plan_day(
    inputs: _Inputs, timeline: Timeline, trackers: _Trackers, day: date
) -> tuple[DayPlan, Session | None, DayFacts]:
    rules = inputs.rules
    facts = _facts(inputs, timeline, trackers, day)
    verdict = decide(facts, rules)
    # A return builds back to the usual run from before it, not to the short runs since.
    usual = facts.comeback.usual_minutes if facts.comeback else inputs.usual_minutes
    run, run_reasons = day_run(verdict, facts, usual, rules)
    reasons = [*verdict.reasons, *run_reasons]
    is_today = day == inputs.today
    plan = DayPlan(
        date=day,
        projected=facts.projected,
        day_type=verdict.day_type,
        run=run,
        reasons=(*reasons, *_context_reasons(inputs, facts, run, verdict)),
        warnings=(
            *verdict.warnings,
            *(inputs.today_warnings if is_today else ()),
            *fluid_warnings(inputs.runs_by_day.get(day, ()), rules.checklist),
        ),
        checklist=build_checklist(
            _needs(inputs, timeline, facts, verdict, run), rules.checklist, inputs.state.is_done
        ),
        checkin=facts.checkin,
    )
    ahead = projected_session(verdict, run, facts, rules, inputs.usual_pace, inputs.habit)
    return plan, ahead, facts


def _context_reasons(
    inputs: _Inputs, facts: DayFacts, run: RunGuidance, verdict: Verdict
) -> tuple[str, ...]:
    """What more data would change, and the assumption a projected day rests on."""
    rules = inputs.rules
    reasons: list[str] = []
    if facts.limits.assumed:
        reasons.append(
            f"Age not set: the plan assumes {facts.limits.age}; set your age to fit the caps "
            "to you."
        )
    # A return names the usual run it builds back to (from the runs before the sign or break).
    if run.allowed and inputs.usual_is_default and facts.comeback is None:
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
        if verdict.day_type != "see_clinician":
            reasons.extend(inputs.fresh_reasons)
    if facts.projected:
        reasons.append("Projected on one assumption: you follow the plan until then.")
    return tuple(reasons)


def _needs(
    inputs: _Inputs, timeline: Timeline, facts: DayFacts, verdict: Verdict, run: RunGuidance
) -> DayNeeds:
    day, profile = facts.day, inputs.state.profile
    logged = [s for s in timeline.between(day, day) if not s.projected]
    runs = inputs.runs_by_day.get(day, ())
    if logged:
        minutes: float | None = sum(s.minutes for s in logged)
    elif facts.race_today is not None and verdict.race_day:
        minutes = facts.race_today.distance_m / 1000 * inputs.usual_pace
    else:
        minutes = float(run.max_minutes) if run.allowed and run.max_minutes is not None else None
    temps = [r.temp_c for r in runs if r.temp_c is not None]
    # Without a run's own, the weather the runner runs in lately (fluid.py), else their setting.
    checklist = inputs.rules.checklist
    usual = usual_temp(inputs.runs_by_day, min(day, inputs.today), profile.temp_c, checklist)
    temp = max(temps) if temps else usual.temp_c
    yesterday = day - timedelta(days=1)
    before = [s for s in timeline.between(yesterday, yesterday) if not s.projected]
    hard = (*hard_runs(inputs.runs_by_day.get(yesterday, ()), before), *hard_runs(runs, logged))
    return DayNeeds(
        day=day,
        day_type=verdict.day_type,
        run_allowed=run.allowed,
        run_minutes=minutes,
        age=facts.limits.age,
        weight_kg=profile.weight_kg,
        hard_runs=hard,
        runs=runs,
        usual_learnt=usual.learnt,
        race_day=(verdict.race_day and facts.race_today is not None) or any(s.race for s in logged),
        ice_bath=profile.ice_bath,
        temp_c=temp,
        flag_in_force=bool(facts.flags),
        refuel=_refuel(logged, facts.race_today),
    )


def _refuel(logged: Sequence[Session], race: Race | None) -> bool:
    """Refuel fast only for a hard session still to come: the entered race later today."""
    if race is None or any(s.race for s in logged):
        return False
    return any(s.hard for s in logged)
