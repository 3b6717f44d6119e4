"""The day-type rules, strictest first, each with its reasons in plain words."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

from planner.core.dayfacts import DayFacts
from planner.core.gate import (
    at_age,
    return_reason,
    spike_reasons,
    why_not_a_race,
    why_not_quality,
    why_quality,
)
from planner.core.history import FlagInForce, Session
from planner.core.injury import guide_reason
from planner.core.model import DayType, Race
from planner.core.raceweek import race_pace_day, race_week_reason
from planner.core.rules import AgeRow, PlanRules
from planner.core.taper import entered_label, race_day_reason, race_label, taper_reason
from planner.core.units import METRES_PER_MILE
from planner.core.wording import count, day_label, number

TEN_K_M = 10_000.0
MARATHON_M = 42_195.0

__all__ = ["DayFacts", "Verdict", "at_age", "decide", "race_window"]


@dataclass(frozen=True)
class Verdict:
    day_type: DayType
    reasons: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    intensity_multiplier: float = 1.0
    max_minutes: int | None = None  # a tighter limit than the day type's own (pain, injury)
    race_day: bool = False  # an entered race: the plan sets no limit
    race_pace: bool = False  # race week's one hard session: a race-pace rehearsal


@dataclass(frozen=True)
class RaceWindow:
    race: Session
    day_number: int  # 1 on the day after the race
    total_days: int
    resting: bool
    rest_days: int = 0  # rest days first after a long race, by age
    reason: str = ""


def decide(f: DayFacts, rules: PlanRules) -> Verdict:
    """The day type: warning signs, pain, race rest, a spent return budget, soreness, race day,
    race recovery, then whatever holds quality back (gate.py)."""
    stop = _red_flag_verdict(f, rules)
    if stop is not None:
        return stop
    pain = _pain_verdict(f, rules)
    if pain is not None and pain.day_type == "see_clinician":
        return pain
    race = race_window(f, rules)
    if race is not None and f.spike is not None:
        # The race is the spike, and its recovery the stricter rule: shorter runs, no quality.
        f = replace(f, spike=None)
    if race is not None and race.resting:
        return Verdict("rest", (race.reason,), intensity_multiplier=0.0)
    resting = _rest_in_the_week(f, rules)
    if resting is not None:
        return resting
    spent = _budget_spent(f, rules)
    if spent is not None:
        return spent
    warnings: tuple[str, ...] = ()
    # Pain and a sore shin, knee, heel or Achilles both mean: reduce the load.
    reduce = (*(pain.reasons if pain else ()), *_guide_reasons(f))
    limit = _tightest(
        pain.max_minutes if pain else None,
        rules.injuries.reduce_max_minutes if f.guides else None,
        f.comeback.max_minutes if f.comeback else None,
        f.spike.easy_cap if f.spike else None,
        # Yesterday's sore morning with no check-in since: no longer than that morning allowed.
        rules.soreness.max_minutes if f.cautions.carry_over else None,
    )
    soreness = f.checkin.soreness if f.checkin is not None else None
    sore = soreness is not None and soreness >= rules.soreness.threshold
    if f.race_today is not None:
        held_back = why_not_a_race(f, rules)
        if not sore and not reduce and not held_back:
            return Verdict("quality_ok", (race_day_reason(f.race_today),), warnings, race_day=True)
        if not any(s.race for s in f.logged_today):  # a race logged today is the race, run
            hurt = sore or bool(reduce) or (f.comeback is not None and f.comeback.kind == "sign")
            warnings = (*warnings, _race_day_warning(f.race_today, hurt))
    taper = (taper_reason(f.taper, rules),) if f.taper is not None else ()
    race_reasons = (race.reason,) if race else ()
    race_factor = rules.race_recovery.intensity_multiplier if race else 1.0
    # A return or a spike that shortens the run says so on these days too.
    back = (return_reason(f.comeback),) if f.comeback is not None else ()
    held = (*back, *spike_reasons(f, rules))
    if sore and soreness is not None:
        shortest = _tightest(rules.soreness.max_minutes, limit) or rules.soreness.max_minutes
        reasons = (_soreness_reason(soreness, shortest, rules), *race_reasons, *reduce, *held)
        factor = rules.soreness.intensity_multiplier * race_factor
        return Verdict("active_recovery", (*reasons, *taper), warnings, factor, limit)
    if race is not None:
        reasons = (*race_reasons, *reduce, *held, *taper)
        return Verdict("race_recovery", reasons, warnings, race_factor, limit)
    over = f.overreached if f.comeback is None else None
    easy_week = (over.reason(f.day),) if over is not None and over.on(f.day) == "easy" else ()
    blocked = (*reduce, *easy_week, *why_not_quality(f, rules))
    if blocked or (f.taper is not None and f.taper.no_hard(rules)):
        return Verdict("easy", (*blocked, *taper), warnings, max_minutes=limit)
    if f.taper is not None and f.taper.race_week(rules):
        if not race_pace_day(f, rules):
            return Verdict("easy", (*taper, race_week_reason(f, f.taper, rules)), warnings)
        return Verdict("quality_ok", (*why_quality(f, rules), *taper), warnings, race_pace=True)
    return Verdict("quality_ok", (*why_quality(f, rules), *taper), warnings)


def _rest_in_the_week(f: DayFacts, rules: PlanRules) -> Verdict | None:
    """Rest days of the runner's own week and after overreaching; never on a race day, nor on
    a day whose run is already logged (today's run done is said by the run line)."""
    if f.race_today is not None or f.logged_today:
        return None
    # A return is its own gentle build-up; its rest days come from its weekly budget.
    over = f.overreached if f.comeback is None else None
    if over is not None and over.on(f.day) == "rest":
        return Verdict("rest", (over.reason(f.day),), intensity_multiplier=0.0)
    if f.habit_rest is not None:
        # What else stands goes on through the rest day: a return's days, a taper's.
        more = (
            *((return_reason(f.comeback),) if f.comeback is not None else ()),
            *((taper_reason(f.taper, rules),) if f.taper is not None else ()),
        )
        return Verdict("rest", (f.habit_rest, *more), intensity_multiplier=0.0)
    return None


def _guide_reasons(f: DayFacts) -> tuple[str, ...]:
    since = f.cautions.areas_since
    held = "" if f.flags or since is None or since >= f.day else (
        f" (sore {', '.join(a.replace('_', ' ') for a in f.cautions.areas)} at the check-in of "
        f"{day_label(since)}; this holds until a check-in no longer names it)"
    )  # fmt: skip
    return tuple(guide_reason(g) + held for g in f.guides)


def _budget_spent(f: DayFacts, rules: PlanRules) -> Verdict | None:
    """Back from a break, with this week's minutes already run: a rest day.

    Run means too little is left for a run: less than the plan's shortest run, or than the
    week's run cap when that is shorter still (half of a usual 20-minute run is 10 minutes, a
    run the return allows; it is not "this week's minutes are run")."""
    r = f.comeback
    if r is None or r.budget_left is None:
        return None
    if math.floor(r.budget_left) >= min(r.run_cap, rules.easy.shortest_minutes):
        return None
    left = max(math.floor(r.budget_left), 0)
    shortest = min(r.run_cap, rules.easy.shortest_minutes)
    week_ends = r.start + timedelta(days=r.week * 7 - 1)
    spent = (
        f"Rest today: {left} min are left of this return week's minutes, less than a "
        f"{shortest}-minute run; the next week's minutes start on "
        f"{day_label(week_ends + timedelta(days=1))}."
    )
    return Verdict("rest", (spent, return_reason(r)), intensity_multiplier=0.0)


def _tightest(*limits: int | None) -> int | None:
    given = [limit for limit in limits if limit is not None]
    return min(given) if given else None


def _race_day_warning(race: Race, hurt: bool) -> str:
    if hurt:
        return (
            f"You are entered in {entered_label(race)} today; as things stand, racing risks "
            "making it worse, so the plan does not offer it."
        )
    return (
        f"You are entered in {entered_label(race)} today; as things stand the plan does not "
        "offer it (the reasons say why)."
    )


# ---- red flags and pain --------------------------------------------------------------------


def _red_flag_verdict(f: DayFacts, rules: PlanRules) -> Verdict | None:
    if not f.flags:
        return None
    reasons: list[str] = []
    warnings: list[str] = []
    clinician = False
    for held in f.flags:
        flag, days = held.flag, held.days_in_force(f.day)
        reasons.append(f"{flag.advice.rstrip('.')} ({_since(held, rules)}).")
        reasons.extend(_held_no(held))
        escalated = flag.clinician_after_days is not None and days >= flag.clinician_after_days
        if flag.consequence != "no_run" or escalated:
            clinician = True
        if escalated:
            reasons.append(f"It has lasted {count(days, 'day')}: see a clinician.")
        if flag.consequence == "urgent":
            warnings.append(f"Urgent: {flag.advice}")
    for guide in f.guides:
        reasons.append(guide_reason(guide))
        if guide.urgent:
            warnings.append(f"Urgent: {guide.advice}")
    if any(h.flag.bone_stress for h in f.flags) and (f.sex or "unset") in rules.red_s.sexes:
        reasons.append(rules.red_s.advice)
    if f.race_today is not None:
        warnings.append(
            f"Do not race {entered_label(f.race_today)} today: a warning sign is in force."
        )
    if clinician:
        reasons.insert(0, "A warning sign is in force: the plan stops and offers no run.")
        return Verdict("see_clinician", tuple(reasons), tuple(warnings), 0.0)
    return Verdict("rest", ("No running today.", *reasons), tuple(warnings), 0.0)


def _since(held: FlagInForce, rules: PlanRules) -> str:
    if held.from_soreness:
        s = rules.soreness
        start = (
            f"soreness of {s.threshold} or more on more than {s.doms_days} mornings in a row, "
            f"to {day_label(held.since)}"
        )
    else:
        start = f"answered yes on {day_label(held.since)}"
    flag = held.flag
    if flag.needs_clinician:
        if held.held_no:
            return f"{start}; in force until a clinician clears you to run"  # _held_no says how
        return (
            f"{start}; in force until a clinician clears you to run: record it with planner "
            f"checkin --cleared {flag.id}"
        )
    return (
        f"{start}; in force until a check-in answers no to '{flag.question}': planner checkin "
        f"--no-flag {flag.id}"
    )


def _held_no(held: FlagInForce) -> tuple[str, ...]:
    """A "no" that could not lift the sign: say so, and how a clearance is recorded."""
    if not held.held_no:
        return ()
    return (
        f"You answered no to {held.flag.label} on {day_label(held.held_no[-1])}, but only a "
        "clinician can lift this sign: once one has seen you and cleared you to run, record "
        "it with "
        f"planner checkin --cleared {held.flag.id}.",
    )


def _pain_verdict(f: DayFacts, rules: PlanRules) -> Verdict | None:
    """Pain above the line: a shorter easy run, or a clinician after a streak, until it settles."""
    pain, held = rules.pain, f.cautions.pain
    if held is None:
        return None
    settle = f"until a check-in reports pain of {pain.settled_at}/10 or less"
    if held.clinician:
        reason = (
            f"Pain above {pain.reduce_above}/10 at {count(pain.clinician_after, 'check-in')} in a "
            f"row (since {day_label(held.since)}): see a clinician before running again; this "
            f"stands {settle}."
        )
        return Verdict("see_clinician", (reason,), intensity_multiplier=0.0)
    # Quote the pain that holds the caution (above the line), not a lower one reported since.
    high, high_on = held.high or held.last, held.high_on or held.since
    if high_on == f.day:
        when = "during or after your last run"
    else:
        when = f"at the check-in of {day_label(high_on)}"
    latest = "" if held.last == high else f"; {held.last}/10 at the latest check-in"
    reason = (
        f"Pain {high}/10 {when} (above {pain.reduce_above}){latest}: reduce the load, an easy "
        f"run of {pain.max_minutes} min at most, and no quality {settle}."
    )
    return Verdict("easy", (reason,), max_minutes=pain.max_minutes)


# ---- soreness ------------------------------------------------------------------------------


def _soreness_reason(soreness: int, minutes: int, rules: PlanRules) -> str:
    s = rules.soreness
    return (
        f"Soreness {soreness}/10 at the check-in ({s.threshold} or more): no hard session; "
        f"active recovery, or an easy run of {minutes} min at most."
    )


# ---- race recovery -------------------------------------------------------------------------


def race_extra_days(row: AgeRow, distance_m: float) -> float:
    """Extra days for the race distance: the 10K figure up to 10K, the marathon's from 42.2 km."""
    share = (distance_m - TEN_K_M) / (MARATHON_M - TEN_K_M)
    share = min(max(share, 0.0), 1.0)
    return row.race_extra_days_10k + share * (
        row.race_extra_days_marathon - row.race_extra_days_10k
    )


def race_recovery_days(row: AgeRow, distance_m: float) -> tuple[int, float]:
    """Easy days after a race: miles x the age multiplier + extra days, rounded up."""
    extra = race_extra_days(row, distance_m)
    total = distance_m / METRES_PER_MILE * row.race_multiplier + extra
    return math.ceil(round(total, 6)), extra  # round first: 9.000000001 is 9 days, not 10


def race_window(f: DayFacts, rules: PlanRules) -> RaceWindow | None:
    """The race recovery `day` is in: a race's rest days first, else the window ending last."""
    windows: list[tuple[bool, date, RaceWindow, float]] = []
    for race in f.timeline.races_before(f.day):
        total, extra = race_recovery_days(f.limits.row, race.distance_m)
        day_number = (f.day - race.date).days
        if day_number <= total:
            rest_days = rules.race_rest.days(f.limits.age, race.distance_m)
            window = RaceWindow(race, day_number, total, day_number <= rest_days, rest_days)
            windows.append((window.resting, race.date + timedelta(days=total), window, extra))
    if not windows:
        return None
    # Any race still in its rest days rests the day, whichever race recovers longest.
    _, _, window, extra = max(windows, key=lambda w: (w[0], w[1], w[2].race.date))
    return replace(window, reason=_race_reason(window, f, extra))


def _race_reason(w: RaceWindow, f: DayFacts, extra: float) -> str:
    label, when = race_label(w.race.distance_m), day_label(w.race.date)
    miles = w.race.distance_m / METRES_PER_MILE
    sum_ = f"{miles:.1f} mi × {f.limits.row.race_multiplier:g} {at_age(f.limits)}"
    if extra:
        sum_ += f" + {number(round(extra, 1))} extra days"
    head = f"Recovering from your {label} on {when}: {sum_} = {count(w.total_days, 'easy day')}"
    tail = "one easy day per mile raced, a coaching convention, longer with age"
    if w.resting:
        rest = f"{count(w.rest_days, 'rest day')} first {at_age(f.limits)}"
        return f"{head}; day {w.day_number} is a rest day, no running ({rest}; {tail})."
    return f"{head}; this is day {w.day_number} of {w.total_days} ({tail})."
