"""Whether a day may hold quality: every rule that holds it back, each with its reason.

Strictest first: today's hard session already done, a return in progress, a load spike, a
caution carried over or standing ahead, short sleep, the base of logged runs, then spacing and
the hard sessions allowed per window. What is left is a day for quality.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from planner.core.age import AgeLimits, HardLimit
from planner.core.comeback import ReturnPeriod
from planner.core.dayfacts import DayFacts
from planner.core.history import Session
from planner.core.rating import rating_reasons
from planner.core.rules import PlanRules
from planner.core.sizing import day_cap
from planner.core.spikes import Spike
from planner.core.units import format_distance
from planner.core.wording import count, day_label, percent

AGE_TABLE = "age table: a convention anchored to WMA age-grading"


def at_age(limits: AgeLimits) -> str:
    return f"at the assumed age of {limits.age}" if limits.assumed else f"at {limits.age}"


def why_not_quality(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    """Every rule that keeps quality off this day (empty: quality is allowed)."""
    reasons = [*why_not_a_race(f, rules), *_spacing_reasons(f, rules)]
    reasons += rating_reasons(f, rules)  # unknown efforts first need a rating (rating.py)
    full = _full_window(f)
    if full is not None:
        reasons.append(_window_reason(f, *full))
    return tuple(reasons)


def why_not_a_race(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    """The rules that hold back an entered race too: a hard session (or the race) already logged
    today, a return, a spike, a caution carried over, short sleep, too small a base. Spacing and
    the hard sessions per window are not among them: before a race the taper keeps those."""
    return (
        *_done_today(f),
        *_return_reasons(f.comeback),
        *spike_reasons(f, rules),
        *_carried_over(f, rules),
        *_sleep_reasons(f, rules),
        *_base_reasons(f, rules),
    )


# ---- what happened today, returns, spikes, cautions, sleep ----------------------------------


def _done_today(f: DayFacts) -> tuple[str, ...]:
    hard = [s for s in f.logged_today if s.hard]
    if not hard:
        return ()
    what = " and ".join(f"{s.label}, {round(s.minutes)} min" for s in hard)
    if len(hard) == 1:
        return (f"Today's hard session is done ({what}): no second one today.",)
    return (f"Today's {len(hard)} hard sessions are done ({what}): no more today.",)


def return_reason(r: ReturnPeriod) -> str:
    if r.kind == "sign":
        by = "by a clinician" if r.by == "clinician" else "at your check-in"
        head = f"Return after {r.what} (lifted {by} on {day_label(r.start)}): easy running only "
        if not r.builds_up:
            return (
                f"{head}until {day_label(r.end)}, whatever the spacing or your base; runs of "
                f"{r.run_cap} min at most (your usual run)."
            )
        return (
            f"{head}until {day_label(r.end)}, whatever the spacing or your base{_build(r)}; "
            f"week {r.week} of the return: runs of {r.run_cap} min at most ({percent(r.share)} of "
            f"your usual {r.usual_minutes} min)."
        )
    last = f" (last run {day_label(r.last_run)})" if r.last_run is not None else ""
    if r.weekly_minutes is None or r.budget_left is None:
        return (
            f"Back after {r.what}{last}: easy running only until {day_label(r.end)}{_build(r)}; "
            f"{count(r.runs_before or 0, 'run')} logged in the weeks before the break is too "
            f"few to know your week, so the runs build from the plan's {r.usual_minutes}-minute "
            f"easy run: return week {r.week}: runs of {r.run_cap} min at most "
            f"({percent(r.share)})."
        )
    budget = r.weekly_minutes * r.share
    return (
        f"Back after {r.what}{last}: easy running only until {day_label(r.end)}{_build(r)}; "
        f"return week {r.week}: at most {round(budget)} min this week ({percent(r.share)} of "
        f"your {round(r.weekly_minutes)} min a week before the break; "
        f"{max(round(r.budget_left), 0)} left) and runs of {r.run_cap} min at most "
        f"({percent(r.share)} of your usual {r.usual_minutes} min)."
    )


def _build(r: ReturnPeriod) -> str:
    """Why the return outlasts its rule's days: the runs are not back to their usual length."""
    if r.end <= r.rule_end:
        return ""
    if r.kind == "sign":
        days = f"{count((r.rule_end - r.start).days, 'day')} after the lift"
    else:
        days = count((r.rule_end - r.start).days + 1, "day")
    return f" ({days}, then until your runs are back to your usual {r.usual_minutes} min)"


def _return_reasons(r: ReturnPeriod | None) -> tuple[str, ...]:
    return () if r is None else (return_reason(r),)


def spike_reason(f: DayFacts, spike: Spike, rules: PlanRules) -> str:
    weeks = count(max(spike.weeks, 1), "week")
    cap = (
        f"; easy runs of {spike.easy_cap} min at most (your average run of the {weeks} before)"
        if spike.easy_cap is not None and spike.easy_cap <= min(_other_caps(f, rules))
        else ""
    )
    parts = []
    if spike.distance_rise is not None:
        parts.append(
            f"running distance up {percent(spike.distance_rise)} ("
            f"{format_distance(spike.week_m, f.units)} in the 7 days to "
            f"{day_label(spike.day - timedelta(days=1))} against a mean week of "
            f"{format_distance(spike.mean_week_m, f.units)} over the {weeks} before; more than "
            f"{percent(rules.spikes.distance_rise)} is linked to more injuries)"
        )
    if spike.acwr is not None:
        rolling = f", rolling 7:28-day ratio {spike.rolling:.2f}" if spike.rolling else ""
        if f.is_today and spike.day == f.day and f.logged_today:
            # The load summary's ratio includes today's runs; a spike counts completed days.
            rolling += "; today's runs count from tomorrow"
        parts.append(
            f"acute:chronic load ratio {spike.acwr:.2f} to {day_label(spike.day - timedelta(1))} "
            f"({rules.load.acwr_danger:g} or more{rolling}; advisory, from weak team-sport "
            "evidence)"
        )
    return f"Load spike: {' and '.join(parts)}. {_spike_holds(f, spike, rules)}{cap}."


def _spike_holds(f: DayFacts, spike: Spike, rules: PlanRules) -> str:
    """How long the spike blocks quality: its days, and on projected days until real runs say."""
    settled = "until the runs you log show the load has settled"
    if f.projected:
        return f"No quality on the days the plan projects, {settled}"
    last = spike.day + timedelta(days=rules.spikes.block_days - 1)
    if last <= f.day:
        return f"No quality today; the days the plan projects keep it {settled}"
    return f"No quality through {day_label(last)}; the days the plan projects keep it {settled}"


def _other_caps(f: DayFacts, rules: PlanRules) -> list[float]:
    """The day's other run limits, beside which a longer spike cap says nothing."""
    caps: list[float] = [math.inf]
    if f.cautions.pain is not None:
        caps.append(rules.pain.max_minutes)
    if f.guides:
        caps.append(rules.injuries.reduce_max_minutes)
    soreness = f.checkin.soreness if f.checkin is not None else None
    sore = soreness is not None and soreness >= rules.soreness.threshold
    if sore or f.cautions.carry_over is not None:
        caps.append(rules.soreness.max_minutes)
    return caps


def spike_reasons(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    return () if f.spike is None else (spike_reason(f, f.spike, rules),)


def _carried_over(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    if f.ahead:
        return (
            "Projected after what stands today ("
            + "; ".join(f.ahead)
            + "): no quality on the days ahead until a check-in says it has settled.",
        )
    carry = f.cautions.carry_over
    if carry is None:
        return ()
    return (
        f"Soreness {carry.soreness}/10 on {day_label(carry.day)} and no check-in since: easy "
        f"running only, {rules.soreness.max_minutes} min at most as on that morning, until you "
        "check in (planner checkin); soreness peaks 1 to 3 days after a run.",
    )


def _sleep_reasons(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    hours, least = f.sleep_hours, rules.sleep.min_hours_for_quality
    if hours is None or hours >= least:
        return ()
    return (
        f"{hours:g} h of sleep last night (under {least:g}): no quality session today; an easy "
        "run is fine.",
    )


# ---- the base: runs that happened -----------------------------------------------------------


def _base_reasons(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    base = rules.base
    logged = len(f.logged_before(base.lookback_days))
    if logged >= base.min_recent_runs:
        return ()
    need = (
        f"quality comes once {base.min_recent_runs} runs are logged within "
        f"{base.lookback_days} days"
    )
    # A run logged today is a run logged: never "no runs yet" beside it.
    if not any(not s.projected for s in f.timeline.before(f.day + timedelta(days=1))):
        start = (
            "No runs logged yet: the plan starts with easy running. Log or import your runs so it "
            "can space hard sessions and track your load"
        )
        if f.limits.assumed:
            start += ", and set your age"
        return (f"{start}; {need}.",)
    return (
        f"{count(logged, 'run')} logged in the {base.lookback_days} days before this day: easy "
        f"running first; {need} (the plan's projected runs do not count).",
    )


# ---- spacing and the hard sessions per window -----------------------------------------------


def required_gap(f: DayFacts, rules: PlanRules) -> tuple[int, bool]:
    """Days from one hard session to the next, and whether the 48 h rule (not the table) binds."""
    by_table = f.limits.easy_days_between + 1
    by_hours = math.ceil(rules.spacing.min_hours_between_hard / 24)
    return max(by_table, by_hours), by_hours > by_table


def _spacing_reasons(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    last = f.timeline.last_hard_before(f.day)
    gap, by_hours = required_gap(f, rules)
    if last is None or (f.day - last.date).days >= gap:
        return ()
    ago = (f.day - last.date).days
    when = f"{count(ago, 'day')} {'ago' if f.is_today else 'earlier'}"
    if by_hours:
        need = f"hard sessions are at least {rules.spacing.min_hours_between_hard:g} h apart"
    else:
        need = (
            f"{at_age(f.limits)} you need {count(gap - 1, 'easy day')} between hard sessions "
            f"({AGE_TABLE})"
        )
    return (
        f"Last hard session ({session_name(last)}, {day_label(last.date)}) was {when}; {need}.",
    )


def _window_reason(f: DayFacts, limit: HardLimit, sessions: list[Session]) -> str:
    rule = (
        f"{at_age(f.limits)} the limit is {limit.count} per {limit.window_days} days"
        f"{new_runner_note(f)} ({AGE_TABLE})."
    )
    if not sessions:
        return f"No hard sessions: {rule}"
    dates = ", ".join(day_label(s.date) for s in sessions)
    return (
        f"Already {count(len(sessions), 'hard session')} in the last {limit.window_days} days "
        f"({dates}); {rule}"
    )


def hard_in_window(f: DayFacts, limit: HardLimit) -> list[Session]:
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
        if len(sessions := hard_in_window(f, limit)) >= limit.count
    ]
    return max(full, key=lambda pair: (_frees_on(*pair), -pair[0].count), default=None)


def _frees_on(limit: HardLimit, sessions: list[Session]) -> date:
    """The day this window has room again: once enough of its oldest sessions drop out."""
    oldest_to_go = sorted(s.date for s in sessions)[len(sessions) - limit.count]
    return oldest_to_go + timedelta(days=limit.window_days)


def new_runner_note(f: DayFacts) -> str:
    if not f.limits.new_runner:
        return ""
    if f.limits.years_unset:
        return " until you say how many years you have run (planner profile set --years-running N)"
    return " in your first year of running"


def session_name(s: Session) -> str:
    return "planned quality session" if s.projected else s.label


def why_quality(f: DayFacts, rules: PlanRules) -> tuple[str, ...]:
    reasons: list[str] = []
    last = f.timeline.last_hard_before(f.day)
    gap, _ = required_gap(f, rules)
    if last is None:
        reasons.append("No hard session logged before this day: spacing allows one.")
    else:
        easy_days = (f.day - last.date).days - 1
        reasons.append(
            f"{count(easy_days, 'easy day')} since the last hard session ({session_name(last)}, "
            f"{day_label(last.date)}); {at_age(f.limits)} you need {gap - 1} ({AGE_TABLE})."
        )
    tightest = min(f.limits.hard_limits, key=lambda lim: lim.count / lim.window_days)
    done = len(hard_in_window(f, tightest))
    reasons.append(
        f"{count(done, 'hard session')} in the last {tightest.window_days} days; "
        f"{at_age(f.limits)} the limit is {tightest.count}{new_runner_note(f)}."
    )
    cap = day_cap(f, 1.0, "", rules)
    reasons.append(f"Intensity cap {cap.words()} of an under-35's quality load ({AGE_TABLE}).")
    return tuple(reasons)
