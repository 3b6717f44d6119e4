"""The day-type rules, strictest first, each with its reasons in plain words."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from planner.core.age import AgeLimits, HardLimit
from planner.core.history import FlagInForce, Session, Timeline, pain_streak, sore_streak
from planner.core.injury import guide_reason
from planner.core.model import Checkin, DayType, Race
from planner.core.rules import AgeRow, InjuryGuide, PlanRules
from planner.core.taper import Taper, entered_label, race_day_reason, race_label, taper_reason
from planner.core.units import METRES_PER_MILE
from planner.core.wording import count, day_label, number, percent

TEN_K_M = 10_000.0
MARATHON_M = 42_195.0
_AGE_TABLE = "age table: a convention anchored to WMA age-grading"


@dataclass(frozen=True)
class DayFacts:
    """What is known on the morning of `day`: the past (and, ahead of today, the plan followed)."""

    day: date
    is_today: bool
    projected: bool
    limits: AgeLimits
    checkin: Checkin | None
    checkins: Mapping[date, Checkin]
    flags: tuple[FlagInForce, ...]
    timeline: Timeline
    guides: tuple[InjuryGuide, ...] = ()  # what the areas and flags point to
    taper: Taper | None = None  # before an entered race
    race_today: Race | None = None  # an entered race on this day


@dataclass(frozen=True)
class Verdict:
    day_type: DayType
    reasons: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    intensity_multiplier: float = 1.0
    max_minutes: int | None = None  # a tighter limit than the day type's own (pain, injury)
    race_day: bool = False  # an entered race: the plan sets no limit


@dataclass(frozen=True)
class RaceWindow:
    race: Session
    day_number: int  # 1 on the day after the race
    total_days: int
    resting: bool
    reason: str = ""


def decide(f: DayFacts, rules: PlanRules) -> Verdict:
    """The day type: red flags, pain, race rest, soreness, race day, race recovery, spacing."""
    stop = _red_flag_verdict(f)
    if stop is not None:
        return stop
    pain = _pain_verdict(f, rules)
    if pain is not None and pain.day_type == "see_clinician":
        return pain
    race = race_window(f, rules)
    if race is not None and race.resting:
        return Verdict("rest", (race.reason,), intensity_multiplier=0.0)
    warnings = _soreness_warnings(f, rules)
    # Pain and a sore shin, knee, heel or Achilles both mean: reduce the load.
    reduce = (*(pain.reasons if pain else ()), *(guide_reason(g) for g in f.guides))
    limit = _tightest(
        pain.max_minutes if pain else None,
        rules.injuries.reduce_max_minutes if f.guides else None,
    )
    soreness = f.checkin.soreness if f.checkin is not None else 0
    sore = soreness >= rules.soreness.threshold
    if f.race_today is not None:
        if not sore and not reduce:
            return Verdict("quality_ok", (race_day_reason(f.race_today),), warnings, race_day=True)
        warnings = (*warnings, _race_day_warning(f.race_today))
    taper = (taper_reason(f.taper, rules),) if f.taper is not None else ()
    race_reasons = (race.reason,) if race else ()
    race_factor = rules.race_recovery.intensity_multiplier if race else 1.0
    if sore:
        reasons = (_soreness_reason(soreness, rules), *race_reasons, *reduce, *taper)
        factor = rules.soreness.intensity_multiplier * race_factor
        return Verdict("active_recovery", reasons, warnings, factor, limit)
    if race is not None:
        return Verdict(
            "race_recovery", (*race_reasons, *reduce, *taper), warnings, race_factor, limit
        )
    blocked = (*reduce, *_why_not_quality(f, rules))
    if blocked or (f.taper is not None and f.taper.no_hard(rules)):
        return Verdict("easy", (*blocked, *taper), warnings, max_minutes=limit)
    return Verdict("quality_ok", (*_why_quality(f, rules), *taper), warnings)


def _tightest(*limits: int | None) -> int | None:
    given = [limit for limit in limits if limit is not None]
    return min(given) if given else None


def _race_day_warning(race: Race) -> str:
    return (
        f"You are entered in {entered_label(race)} today; as things stand, racing risks making "
        "it worse, so the plan does not offer it."
    )


def at_age(limits: AgeLimits) -> str:
    return f"at the assumed age of {limits.age}" if limits.assumed else f"at {limits.age}"


# ---- red flags and pain --------------------------------------------------------------------


def _red_flag_verdict(f: DayFacts) -> Verdict | None:
    if not f.flags:
        return None
    reasons: list[str] = []
    warnings: list[str] = []
    clinician = False
    for held in f.flags:
        flag, days = held.flag, held.days_in_force(f.day)
        since = f"answered yes on {day_label(held.since)}; in force until a check-in answers it no"
        reasons.append(f"{flag.advice.rstrip('.')} ({since}).")
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
    if f.race_today is not None:
        warnings.append(
            f"Do not race {entered_label(f.race_today)} today: a warning sign is in force."
        )
    if clinician:
        reasons.insert(0, "A warning sign is in force: the plan stops and offers no run.")
        return Verdict("see_clinician", tuple(reasons), tuple(warnings), 0.0)
    return Verdict("rest", ("No running today.", *reasons), tuple(warnings), 0.0)


def _pain_verdict(f: DayFacts, rules: PlanRules) -> Verdict | None:
    pain = rules.pain
    streak = pain_streak(f.checkins, f.day, pain.reduce_above, pain.clinician_after)
    if streak == 0 or f.checkin is None or f.checkin.pain is None:
        return None
    if streak >= pain.clinician_after:
        reason = (
            f"Pain above {pain.reduce_above}/10 at {count(streak, 'check-in')} in a row: "
            "see a clinician before running again."
        )
        return Verdict("see_clinician", (reason,), intensity_multiplier=0.0)
    reason = (
        f"Pain {f.checkin.pain}/10 during or after your last run (above {pain.reduce_above}): "
        f"reduce the load, an easy run of {pain.max_minutes} min at most."
    )
    return Verdict("easy", (reason,), max_minutes=pain.max_minutes)


# ---- soreness ------------------------------------------------------------------------------


def _soreness_reason(soreness: int, rules: PlanRules) -> str:
    s = rules.soreness
    return (
        f"Soreness {soreness}/10 at the check-in ({s.threshold} or more): no hard session; "
        f"active recovery, or an easy run of {s.max_minutes} min at most."
    )


def _soreness_warnings(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    s = rules.soreness
    streak = sore_streak(f.checkins, f.day, s.threshold, s.doms_days + 1)
    if streak <= s.doms_days:
        return ()
    return (
        f"Sore for more than {s.doms_days} days in a row: that is not ordinary muscle soreness "
        "(DOMS is gone within 5 to 7 days); consider seeing a clinician.",
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
    rr = rules.race_recovery
    for race in f.timeline.races_before(f.day):
        total, extra = race_recovery_days(f.limits.row, race.distance_m)
        day_number = (f.day - race.date).days
        if day_number <= total:
            resting = race.distance_m >= rr.rest_from_km * 1000 and day_number <= rr.rest_days
            window = RaceWindow(race, day_number, total, resting)
            windows.append((resting, race.date + timedelta(days=total), window, extra))
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
        return f"{head}; day {w.day_number} is a rest day, no running ({tail})."
    return f"{head}; this is day {w.day_number} of {w.total_days} ({tail})."


# ---- spacing: easy or quality --------------------------------------------------------------


def _required_gap(f: DayFacts, rules: PlanRules) -> tuple[int, bool]:
    """Days from one hard session to the next, and whether the 48 h rule (not the table) binds."""
    by_table = f.limits.easy_days_between + 1
    by_hours = math.ceil(rules.spacing.min_hours_between_hard / 24)
    return max(by_table, by_hours), by_hours > by_table


def _why_not_quality(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    reasons = list(_base_reasons(f, rules))
    last = f.timeline.last_hard_before(f.day)
    gap, by_hours = _required_gap(f, rules)
    if last is not None and (f.day - last.date).days < gap:
        ago = (f.day - last.date).days
        when = f"{count(ago, 'day')} {'ago' if f.is_today else 'earlier'}"
        if by_hours:
            need = f"hard sessions are at least {rules.spacing.min_hours_between_hard:g} h apart"
        else:
            need = (
                f"{at_age(f.limits)} you need {count(gap - 1, 'easy day')} between hard sessions "
                f"({_AGE_TABLE})"
            )
        reasons.append(
            f"Last hard session ({_session_name(last)}, {day_label(last.date)}) was {when}; {need}."
        )
    full = _full_window(f)
    if full is not None:
        reasons.append(_window_reason(f, *full))
    return tuple(reasons)


def _window_reason(f: DayFacts, limit: HardLimit, sessions: list[Session]) -> str:
    rule = (
        f"{at_age(f.limits)} the limit is {limit.count} per {limit.window_days} days"
        f"{_new_runner_note(f)} ({_AGE_TABLE})."
    )
    if not sessions:
        return f"No hard sessions: {rule}"
    dates = ", ".join(day_label(s.date) for s in sessions)
    return (
        f"Already {count(len(sessions), 'hard session')} in the last {limit.window_days} days "
        f"({dates}); {rule}"
    )


def _base_reasons(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    base = rules.base
    first = f.day - timedelta(days=base.lookback_days)
    # Easy runs build the base; counting hard ones would let a hard session unlock quality.
    recent = sum(1 for s in f.timeline.between(first, f.day - timedelta(days=1)) if not s.hard)
    if recent >= base.min_recent_runs:
        return ()
    start = (
        "No runs logged yet: the plan starts with easy running. Log or import your runs so it "
        "can space hard sessions and track your load"
        if not f.timeline.before(f.day)
        else f"{count(recent, 'easy run')} in the last {base.lookback_days} days: easy running "
        "first"
    )
    return (
        f"{start}; quality sessions come once {base.min_recent_runs} easy runs are logged within "
        f"{base.lookback_days} days (build a base first).",
    )


def _hard_in_window(f: DayFacts, limit: HardLimit) -> list[Session]:
    first = f.day - timedelta(days=limit.window_days - 1)
    return [s for s in f.timeline.between(first, f.day - timedelta(days=1)) if s.hard]


def _full_window(f: DayFacts) -> tuple[HardLimit, list[Session]] | None:
    """The hard-session limit that today's session would break for longest, with its sessions.

    An older runner is held to the younger rows' limits too; the reason names the limit that
    keeps quality away longest (usually their own row), not whichever row comes first.
    """
    full = [
        (limit, sessions)
        for limit in f.limits.hard_limits
        if len(sessions := _hard_in_window(f, limit)) >= limit.count
    ]
    return max(full, key=lambda pair: (_frees_on(*pair), -pair[0].count), default=None)


def _frees_on(limit: HardLimit, sessions: list[Session]) -> date:
    """The day this window has room again: once enough of its oldest sessions drop out."""
    oldest_to_go = sorted(s.date for s in sessions)[len(sessions) - limit.count]
    return oldest_to_go + timedelta(days=limit.window_days)


def _new_runner_note(f: DayFacts) -> str:
    return " in your first year of running" if f.limits.new_runner else ""


def _session_name(s: Session) -> str:
    return "planned quality session" if s.projected else s.label


def _why_quality(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    reasons: list[str] = []
    last = f.timeline.last_hard_before(f.day)
    gap, _ = _required_gap(f, rules)
    if last is None:
        reasons.append("No hard session logged before this day: spacing allows one.")
    else:
        easy_days = (f.day - last.date).days - 1
        reasons.append(
            f"{count(easy_days, 'easy day')} since the last hard session ({_session_name(last)}, "
            f"{day_label(last.date)}); {at_age(f.limits)} you need {gap - 1} ({_AGE_TABLE})."
        )
    tightest = min(f.limits.hard_limits, key=lambda lim: lim.count / lim.window_days)
    done = len(_hard_in_window(f, tightest))
    reasons.append(
        f"{count(done, 'hard session')} in the last {tightest.window_days} days; "
        f"{at_age(f.limits)} the limit is {tightest.count}{_new_runner_note(f)}."
    )
    reasons.append(
        f"Quality allowed at {percent(f.limits.intensity_cap)} of an under-35's load "
        f"({_AGE_TABLE})."
    )
    return tuple(reasons)
