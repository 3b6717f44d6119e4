"""Safety properties of the plan engine (issue 11, RULES.md "Safety and fit"), over generated
histories, check-ins and ages.

Each property recomputes, the plain way and from logged data only, when a rule applies, and
then checks what `build_plan` shows:

1. a projected day after a caution active today is never quality;
2. a lifted warning sign is followed by its whole return period, with short runs in week one;
3. a sign only a clinician may lift is not lifted by a "no";
4. a hard session logged today closes today;
5. the base is logged runs: fewer than 8 in the 28 days before a day, no quality that day;
6. no quality on the day of a load spike and the 2 days after it;
7. the conservative plan is never looser than the standard one, projected days included.

Numbers come from the plan file when it has them and from RULES.md otherwise (each such
fallback says so). The plan files are read from beside the `planner` package that is
imported, not from this checkout, so the file also runs against an older engine (whose parser
cannot read newer plan files):

    PYTHONPATH=/path/to/checkout pytest tests/unit/test_engine_safety.py

Against an engine from before issue 11 the answers it cannot hold are given as it can (a
clearance as a "no", its only lift; no sleep hours; soreness 0 for "not answered"), and who
lifts a sign and its return days come from RULES.md (see BEFORE_ISSUE_11).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import planner
from planner.core.checkin import AREAS
from planner.core.engine import build_plan
from planner.core.model import Checkin, Plan, Profile, Race, Run, State
from planner.core.planfile import parse_plan
from planner.core.rules import PlanRules, RedFlag

TODAY = date(2026, 11, 24)
PLAN_NAMES = ("standard", "conservative")
PLANS = Path(planner.__file__).resolve().parents[1] / "plans"

PROPERTY = settings(
    deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@cache
def plan_rules(name: str = "standard") -> PlanRules:
    """plan_states.plan_rules, but from the plans of the engine under test."""
    path = PLANS / f"{name}.toml"
    return parse_plan(path.read_text(encoding="utf-8"), f"plans/{name}.toml")


def rule_number(rules: PlanRules, section: str, key: str, default: float) -> float:
    """The plan's number for a rule when its plan file has one, else RULES.md's `default`."""
    part = getattr(rules, section, None)
    return getattr(part, key, default) if part is not None else default


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


# ---- an engine from before issue 11 --------------------------------------------------------------
# Its RedFlag does not say who lifts a sign or how long its return is, and its Checkin has no
# clearance, no hours of sleep and always a soreness. The properties then take RULES.md's rules
# ("Warning signs: who may lift them, and what comes after") and the answers it can hold.

BEFORE_ISSUE_11 = "cleared" not in {f.name for f in dataclasses.fields(Checkin)}
RULES_CLINICIAN_SIGNS = frozenset(
    {"chest_pain", "fainting", "unusual_breathlessness", "dark_urine", "hopping_pain",
     "cannot_bear_weight", "pop", "swelling", "numbness"}
)  # fmt: skip
# Bone-stress and structural signs 28 days, urgent ones 14, an illness 2, the others 7.
RULES_RETURN_DAYS = {
    "hopping_pain": 28, "cannot_bear_weight": 28, "pop": 28, "swelling": 28,
    "chest_pain": 14, "fainting": 14, "unusual_breathlessness": 14, "dark_urine": 14,
    "illness": 2,
}  # fmt: skip


def lifted_by(flag: RedFlag) -> str:
    """Who lifts the sign ("clinician" or "checkin"): the plan's word, else RULES.md's."""
    by = getattr(flag, "lifted_by", None)
    return by if by is not None else (
        "clinician" if flag.id in RULES_CLINICIAN_SIGNS else "checkin"
    )  # fmt: skip


def return_days(flag: RedFlag) -> int:
    """The days of the return after the sign lifts: the plan's, else RULES.md's."""
    days = getattr(flag, "return_days", None)
    return days if days is not None else RULES_RETURN_DAYS.get(flag.id, 7)


def checkin(
    on: date,
    soreness: int | None,
    *,
    areas: tuple[str, ...] = (),
    red_flags: tuple[str, ...] = (),
    answered_no: tuple[str, ...] = (),
    pain: int | None = None,
    cleared: tuple[str, ...] = (),
    sleep_hours: float | None = None,
) -> Checkin:
    """A Checkin the engine under test can hold. Before issue 11 a "no" was the only way to lift
    a sign, so a clearance is given as a "no" there; no sleep hours; "not answered" is 0."""
    if not BEFORE_ISSUE_11:
        return Checkin(
            on, soreness, areas, red_flags, answered_no, pain, cleared=cleared,
            sleep_hours=sleep_hours,
        )  # fmt: skip
    no = tuple(dict.fromkeys((*answered_no, *cleared)))
    return Checkin(on, 0 if soreness is None else soreness, areas, red_flags, no, pain)


def cleared_in(c: Checkin) -> tuple[str, ...]:
    return tuple(getattr(c, "cleared", ()))


FLAG_IDS = [f.id for f in plan_rules().red_flags.flags]
CLINICIAN_FLAGS = [f.id for f in plan_rules().red_flags.flags if lifted_by(f) == "clinician"]
# A sore shin, knee, heel or Achilles holds its injury advice until a check-in no longer names it.
INJURY_AREAS = frozenset({"shins", "knees", "feet", "achilles"})
RACE_KM = [5.0, 10.0, 21.0975, 42.195]


# ---- strategies ----------------------------------------------------------------------------------


def _offset_day(low: int, high: int) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(day)


@st.composite
def usual_runs(draw: st.DrawFn, low: int = -45, high: int = 0) -> Run:
    """Mostly easy runs of 20-100 min, some quality, now and then a race or a bike ride."""
    minutes = draw(st.integers(20, 100))
    kind = draw(
        st.sampled_from(
            ["easy"] * 8 + ["long", "recovery", None] * 2 + ["tempo", "intervals", "race"]
        )
    )
    rpe = draw(st.one_of(st.none(), st.integers(2, 5), st.integers(2, 5), st.integers(2, 9)))
    return Run(
        id=draw(st.text("abcdef0123456789", min_size=1, max_size=6)),
        date=draw(_offset_day(low, high)),
        distance_m=minutes / draw(st.sampled_from([5.0, 6.0, 7.0])) * 1000,
        moving_s=minutes * 60,
        elapsed_s=minutes * 60 + 60,
        rpe=None if rpe is None else float(rpe),
        type=kind,
        sport=draw(st.sampled_from(["running"] * 9 + ["cycling"])),
    )


@st.composite
def checkins(draw: st.DrawFn, low: int = -40, high: int = 3) -> Checkin:
    """A morning's answers; sometimes only runs rated (soreness None), never yes and no at once."""
    yes = draw(
        st.one_of(
            st.just([]),
            st.just([]),
            st.just([]),
            st.lists(st.sampled_from(FLAG_IDS), min_size=1, max_size=2, unique=True),
        )
    )
    no = draw(st.lists(st.sampled_from(FLAG_IDS), max_size=3, unique=True))
    cleared = draw(
        st.one_of(st.just([]), st.just([]), st.lists(st.sampled_from(FLAG_IDS), max_size=2))
    )
    return checkin(
        draw(_offset_day(low, high)),
        draw(st.one_of(st.none(), st.integers(0, 3), st.integers(0, 3), st.integers(0, 10))),
        red_flags=tuple(yes),
        answered_no=tuple(f for f in no if f not in yes),
        pain=draw(st.one_of(st.none(), st.none(), st.integers(0, 10))),
        areas=tuple(draw(st.lists(st.sampled_from(AREAS), max_size=2, unique=True))),
        cleared=tuple(dict.fromkeys(f for f in cleared if f not in yes)),
        sleep_hours=draw(st.none() | st.floats(3, 10)),
    )


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    return Profile(
        age=draw(st.none() | st.integers(14, 95)),
        sex=draw(st.sampled_from([None, "f", "m", "x"])),
        weight_kg=draw(st.none() | st.floats(40, 120)),
        years_running=draw(st.none() | st.floats(0, 40)),
    )


def _sorted_runs(runs: Iterable[Run]) -> tuple[Run, ...]:
    unique = {r.id: r for r in runs}  # ids are unique in a State
    return tuple(sorted(unique.values(), key=lambda r: (r.date, r.id)))


@st.composite
def states(draw: st.DrawFn, max_runs: int = 40) -> State:
    history = draw(st.lists(usual_runs(), max_size=max_runs))
    answers = draw(st.lists(checkins(), max_size=6))
    races = draw(st.lists(st.tuples(_offset_day(-5, 20), st.sampled_from(RACE_KM)), max_size=1))
    return State(
        profile=draw(profiles()),
        runs=_sorted_runs(history),
        checkins={c.date: c for c in answers},
        races=tuple(Race(f"race{i}", d, km * 1000) for i, (d, km) in enumerate(races)),
    )


plan_names = st.sampled_from(PLAN_NAMES)


def _plan(state: State, name: str, start: date, end: date) -> Plan:
    days = (end - start).days + 1
    return build_plan(state, plan_rules(name), TODAY, start=start, days=days)


# ---- 1. cautions last into the days ahead --------------------------------------------------------


def signs_in_force(checkins: Iterable[Checkin], rules: PlanRules, on: date) -> set[str]:
    """Warning signs in force on `on`: a yes holds until a "no" (signs the runner may lift) or a
    clinician's clearance (any sign) on a later check-in."""
    held: set[str] = set()
    for c in sorted((c for c in checkins if c.date <= on), key=lambda c: c.date):
        for flag_id in list(held):
            flag = rules.red_flags.get(flag_id)
            by_no = flag is not None and lifted_by(flag) == "checkin" and flag_id in c.answered_no
            if (by_no or flag_id in cleared_in(c)) and flag_id not in c.red_flags:
                held.discard(flag_id)
        held |= {f for f in c.red_flags if rules.red_flags.get(f) is not None}
    return held


def caution_today(state: State, rules: PlanRules) -> str | None:
    """The caution active on TODAY, from the check-ins on or before it (None: no caution)."""
    past = sorted((c for d, c in state.checkins.items() if d <= TODAY), key=lambda c: c.date)
    signs = signs_in_force(past, rules, TODAY)
    if signs:
        return f"warning sign {sorted(signs)}"
    pains = [c for c in past if c.pain is not None]
    if pains and pains[-1].pain is not None and pains[-1].pain > rules.pain.reduce_above:
        return f"pain {pains[-1].pain} on {pains[-1].date}"
    answered = [c for c in past if c.soreness is not None]
    if answered and INJURY_AREAS & set(answered[-1].areas):
        return f"sore {answered[-1].areas} on {answered[-1].date}"
    threshold = rules.soreness.threshold
    now, yesterday = state.checkins.get(TODAY), state.checkins.get(day(-1))
    if now is not None and now.soreness is not None and now.soreness >= threshold:
        return f"soreness {now.soreness} today"
    if now is None and yesterday is not None and (yesterday.soreness or 0) >= threshold:
        return f"soreness {yesterday.soreness} yesterday, no check-in today"
    return None


@PROPERTY
@given(states(), plan_names, st.integers(1, 21))
def test_no_quality_ahead_of_a_caution_active_today(state: State, name: str, ahead: int) -> None:
    """A caution active today (a warning sign in force, the latest pain above the line, the latest
    answered check-in naming a shin, knee, foot or Achilles, soreness at the threshold today, or
    yesterday with no check-in today): no projected day is quality_ok."""
    caution = caution_today(state, plan_rules(name))
    note(f"caution today: {caution}")
    if caution is None:
        return
    for d in _plan(state, name, TODAY, day(ahead)).days:
        if d.date > TODAY:
            assert d.day_type != "quality_ok", (caution, d.date, d.reasons)


# ---- 2. the return period after a lifted sign ----------------------------------------------------


def easy_run(on: date, minutes: int) -> Run:
    return Run(
        id=f"easy-{on.isoformat()}",
        date=on,
        distance_m=minutes / 6 * 1000,
        moving_s=minutes * 60,
        elapsed_s=minutes * 60 + 60,
        rpe=3.0,
        type="easy",
    )


@st.composite
def lifted_signs(draw: st.DrawFn) -> tuple[str, RedFlag, int, date, date, State]:
    """(plan, sign, usual minutes M, yes on Y, lifted on L, state): every run before Y an easy
    run of M minutes, 8 or more of them in the 28 days before Y, no run from Y on."""
    name = draw(plan_names)
    rules = plan_rules(name)
    flag = draw(st.sampled_from(rules.red_flags.flags))
    # Longer than the plan's hard-session line, an "easy" run counts as hard (conservative: 75).
    minutes = draw(st.integers(20, min(80, int(rules.hard_session.over_minutes))))
    back = draw(st.integers(1, 40))
    yes_on = day(-back)
    lifted_on = yes_on + timedelta(days=draw(st.integers(1, back)))
    recent = draw(st.sets(st.integers(1, 28), min_size=8, max_size=20))
    older = draw(st.sets(st.integers(29, 70), max_size=12))
    runs = [easy_run(yes_on - timedelta(days=n), minutes) for n in recent | older]
    if lifted_by(flag) == "checkin":
        how = draw(st.sampled_from([("no",), ("cleared",), ("no", "cleared")]))
    else:
        how = draw(st.sampled_from([("cleared",), ("no", "cleared")]))
    quiet = st.one_of(st.none(), st.integers(0, 2))  # below either plan's soreness threshold
    yes = checkin(yes_on, draw(st.integers(0, 2)), red_flags=(flag.id,))
    lift = checkin(
        lifted_on,
        draw(quiet),
        answered_no=(flag.id,) if "no" in how else (),
        cleared=(flag.id,) if "cleared" in how else (),
    )
    state = State(
        profile=draw(profiles()),
        runs=_sorted_runs(runs),
        checkins={yes_on: yes, lifted_on: lift},
    )
    return name, flag, minutes, yes_on, lifted_on, state


@PROPERTY
@given(lifted_signs())
def test_a_lifted_sign_is_followed_by_its_whole_return_period(
    case: tuple[str, RedFlag, int, date, date, State],
) -> None:
    """A sign lifted on L (a "no" or a clearance for a sign the runner may lift, a clearance for a
    clinician's sign): L .. L + return_days (the lift day and the return's days after it) are
    never quality_ok. For a sign whose runs build up (every sign but an illness), week k of the
    return allows runs of at most first_week_share x (1 + weekly_increase)^(k-1) of the usual
    easy run (50% in the first week), and quality stays off until that share is the whole run:
    the return goes on past its own days rather than jump from half-length jogs to quality (the
    coach's review).

    An illness has its own, shorter return (RULES.md: "no quality for 2 days after it lifts",
    the neck check; 2 days in the standard plan, 3 in the conservative), easy runs of the usual
    length, with nothing to build up."""
    name, flag, usual, yes_on, lifted_on, state = case
    rules = plan_rules(name)
    first = rule_number(rules, "return_to_run", "first_week_share", 0.5)  # RULES.md: 50%
    rise = rule_number(rules, "return_to_run", "weekly_increase", 0.2)  # RULES.md: +10-20%
    builds = getattr(flag, "build_up", flag.id != "illness")
    weeks = 1  # the first week of the return whose share is the whole usual run
    while builds and first * (1 + rise) ** (weeks - 1) < 1.0:
        weeks += 1
    rule_end = lifted_on + timedelta(days=return_days(flag))
    no_quality_until = max(rule_end, lifted_on + timedelta(days=(weeks - 1) * 7 - 1))
    note(f"{flag.id} ({lifted_by(flag)}, {return_days(flag)} d): usual {usual}, {weeks} weeks")
    for d in _plan(state, name, yes_on, no_quality_until + timedelta(days=1)).days:
        if lifted_on <= d.date <= no_quality_until:
            assert d.day_type != "quality_ok", (d.date, d.reasons)
        week = (d.date - lifted_on).days // 7 + 1
        if builds and lifted_on <= d.date <= no_quality_until and d.run.allowed:
            longest = math.ceil(usual * min(first * (1 + rise) ** (week - 1), 1.0))
            assert d.run.max_minutes is not None and d.run.max_minutes <= longest, (
                d.date,
                d.run,
                d.reasons,
            )


# ---- 3. a "no" does not lift a clinician's sign --------------------------------------------------


@st.composite
def clinician_signs_answered_no(draw: st.DrawFn) -> tuple[str, str, date, State, date, date]:
    """(plan, sign, yes on Y, state, plan start, plan end): a clinician's sign answered yes on Y
    and no on a later day up to today, never cleared; other runs and check-ins around it."""
    name = draw(plan_names)
    flag = draw(st.sampled_from(CLINICIAN_FLAGS))
    back = draw(st.integers(1, 30))
    yes_on = day(-back)
    no_on = yes_on + timedelta(days=draw(st.integers(1, back)))
    others = draw(st.lists(checkins(-40, 3), max_size=5))
    answers = {
        c.date: checkin(
            c.date,
            c.soreness,
            areas=c.areas,
            red_flags=c.red_flags,
            answered_no=c.answered_no,
            pain=c.pain,
            cleared=tuple(f for f in cleared_in(c) if f != flag),
            sleep_hours=getattr(c, "sleep_hours", None),
        )
        for c in others
    }
    soreness = st.none() | st.integers(0, 10)
    answers[yes_on] = checkin(yes_on, draw(st.integers(0, 10)), red_flags=(flag,))
    answers[no_on] = checkin(no_on, draw(soreness), answered_no=(flag,))
    state = State(
        profile=draw(profiles()),
        runs=_sorted_runs(draw(st.lists(usual_runs(-60, 0), max_size=30))),
        checkins=answers,
    )
    start = yes_on - timedelta(days=draw(st.integers(0, 3)))
    return name, flag, yes_on, state, start, day(draw(st.integers(0, 14)))


@PROPERTY
@given(clinician_signs_answered_no())
def test_a_no_never_lifts_a_sign_only_a_clinician_may_lift(
    case: tuple[str, str, date, State, date, date],
) -> None:
    """A sign that needs a clinician, answered yes on Y and no later, never cleared: no run from Y
    to the end of the plan, projected days included."""
    name, flag, yes_on, state, start, end = case
    for d in _plan(state, name, start, end).days:
        if d.date >= yes_on:
            assert not d.run.allowed, (flag, d.date, d.day_type, d.reasons)


# ---- 4. today's hard session closes today --------------------------------------------------------


@st.composite
def hard_today(draw: st.DrawFn) -> tuple[str, Run]:
    """A plan and a run logged today that is hard by that plan's line: a hard type, a high RPE
    or a long run."""
    name = draw(plan_names)
    line = plan_rules(name).hard_session
    over, min_rpe = int(line.over_minutes), math.ceil(line.min_rpe)
    soft_types = [t for t in (None, "easy", "long", "recovery") if t not in line.types]
    why = draw(st.sampled_from(["type", "rpe", "minutes"]))
    kind: str | None
    if why == "type":
        kind = draw(st.sampled_from(list(line.types)))
        rpe = draw(st.none() | st.integers(1, 10))
        minutes = draw(st.integers(10, 150))
    elif why == "rpe":
        kind = draw(st.sampled_from(soft_types))
        rpe = draw(st.integers(min_rpe, 10))
        minutes = draw(st.integers(10, over))
    else:
        kind = draw(st.sampled_from(soft_types))
        rpe = draw(st.none() | st.integers(1, min_rpe - 1))
        minutes = draw(st.integers(over + 1, 200))
    return name, Run(
        id="today-hard",
        date=TODAY,
        distance_m=minutes / 5.5 * 1000,
        moving_s=minutes * 60,
        elapsed_s=minutes * 60 + 60,
        rpe=None if rpe is None else float(rpe),
        type=kind,
    )


@PROPERTY
@given(states(), hard_today())
def test_a_hard_session_logged_today_closes_today(state: State, case: tuple[str, Run]) -> None:
    """A run logged today with a hard type (intervals, tempo, race), RPE 7 or more or over 90 min
    (the plan's hard-session line): today is not quality_ok."""
    name, session = case
    logged = State(
        profile=state.profile,
        runs=_sorted_runs([*state.runs, session]),
        checkins=state.checkins,
        races=state.races,
    )
    (today,) = [d for d in _plan(logged, name, day(-2), day(2)).days if d.date == TODAY]
    assert today.day_type != "quality_ok", (session, today.reasons)


# ---- 5. the base is runs that happened -----------------------------------------------------------


def logged_runs_before(runs: Sequence[Run], on: date, lookback: int) -> int:
    """Logged runs on foot in on - lookback .. on - 1 (never a projected session)."""
    first = on - timedelta(days=lookback)
    return sum(1 for r in runs if r.sport == "running" and r.date <= TODAY and first <= r.date < on)


@PROPERTY
@given(states(), plan_names, st.integers(-10, 0), st.integers(14, 24))
def test_the_base_counts_logged_runs_only(state: State, name: str, offset: int, ahead: int) -> None:
    """Fewer than 8 logged runs in the 28 days before a day (past, today or projected), or fewer
    than the plan's own base: that day is not quality_ok. Projected sessions never count."""
    base = plan_rules(name).base
    for d in _plan(state, name, day(offset), day(ahead)).days:
        rules_md = logged_runs_before(state.runs, d.date, 28)
        own = logged_runs_before(state.runs, d.date, base.lookback_days)
        if rules_md < 8 or own < base.min_recent_runs:
            assert d.day_type != "quality_ok", (d.date, rules_md, own, d.reasons)


# ---- 6. spikes act -------------------------------------------------------------------------------


@st.composite
def rated_histories(draw: st.DrawFn) -> State:
    """Running only, every run rated (rpe given, not estimated): a steadier block of weeks, then
    a recent block that may be much more, or less, and a few odd runs."""
    runs: list[Run] = []

    def add(on: date, minutes: int, rpe: int, pace: float) -> None:
        runs.append(
            Run(
                id=f"r{len(runs)}",
                date=on,
                distance_m=minutes / pace * 1000,
                moving_s=minutes * 60,
                elapsed_s=minutes * 60 + 60,
                rpe=float(rpe),
                type=draw(st.sampled_from(["easy", "easy", "long", "tempo", None])),
            )
        )

    first = draw(st.integers(-70, -10))
    switch = draw(st.integers(first, 0))
    every, minutes = draw(st.integers(1, 4)), draw(st.integers(20, 60))
    for n in range(first, switch, every):
        add(day(n), minutes + draw(st.integers(-10, 10)), draw(st.integers(2, 5)), 6.0)
    every, minutes = draw(st.integers(1, 3)), draw(st.integers(20, 120))
    for n in range(switch, 1, every):
        add(day(n), minutes, draw(st.integers(2, 8)), draw(st.sampled_from([4.5, 6.0, 7.0])))
    for _ in range(draw(st.integers(0, 4))):
        add(day(draw(st.integers(first, 0))), draw(st.integers(10, 150)), 5, 6.0)
    return State(profile=draw(profiles()), runs=_sorted_runs(runs))


def spike_on(runs: Sequence[Run], on: date, rules: PlanRules) -> str | None:
    """The spike measured on `on` from logged runs of the completed days before it, or None."""
    logged = [r for r in runs if r.date <= TODAY and r.date < on]
    if not logged:
        return None
    rise = rule_number(rules, "spikes", "distance_rise", 0.30)  # RULES.md: more than 30%
    weeks = int(rule_number(rules, "spikes", "compare_weeks", 4))  # RULES.md: 4 weeks before

    def metres(first_back: int, last_back: int) -> float:
        first, last = on - timedelta(days=last_back), on - timedelta(days=first_back)
        return sum(r.distance_m for r in logged if r.sport == "running" and first <= r.date <= last)

    week, mean_week = metres(1, 7), metres(8, 7 * (weeks + 1)) / weeks
    start = min(r.date for r in logged)
    # The mean of the 4 weeks before exists once the log covers them: weeks before the first
    # logged run are unknown, not weeks of nothing. (Read as zero, every new log would "spike"
    # for its first five weeks, and "8 logged runs in 28 days" would never be what lets quality
    # in.) A runner new to the log is held by the base rule and the first-year limits instead.
    covered = start <= on - timedelta(days=7 * (weeks + 1))
    # "More than 30%" is strict; a hair's breadth either way is left to floating point.
    if covered and mean_week > 0 and week > (1 + rise) * mean_week * (1 + 1e-9):
        return f"distance {week:.0f} m against a mean week of {mean_week:.0f} m"
    load = rules.load
    if (on - start).days < load.acwr_min_history_days:
        return None
    lam_a, lam_c = 2 / (load.acute_days + 1), 2 / (load.chronic_days + 1)
    by_day: dict[date, float] = {}
    for r in logged:
        by_day[r.date] = by_day.get(r.date, 0.0) + (r.rpe or 0.0) * r.moving_s / 60
    acute = chronic = 0.0
    d = start
    while d < on:
        acute = lam_a * by_day.get(d, 0.0) + (1 - lam_a) * acute
        chronic = lam_c * by_day.get(d, 0.0) + (1 - lam_c) * chronic
        d += timedelta(days=1)
    if chronic > 0 and acute / chronic >= load.acwr_danger + 1e-9:
        return f"acute:chronic {acute / chronic:.3f}"
    return None


@PROPERTY
@given(rated_histories(), plan_names)
def test_no_quality_within_two_days_after_a_spike(state: State, name: str) -> None:
    """A spike on D (weekly running distance more than 30% over the mean of the 4 weeks before,
    or an EWMA acute:chronic load ratio of 1.5 or more after 28 days of history), measured on
    logged runs of the days before D: D, D + 1 and D + 2 are not quality_ok."""
    rules = plan_rules(name)
    block = int(rule_number(rules, "spikes", "block_days", 3))  # RULES.md: that day and 2 more
    # Far enough ahead for a spike on day(1) and its whole block (4 days in the conservative plan).
    plan = _plan(state, name, day(-20), day(1 + block - 1))
    by_date = {d.date: d for d in plan.days}
    for d in plan.days:
        if d.date > day(1):
            break
        spike = spike_on(state.runs, d.date, rules)
        if spike is None:
            continue
        for n in range(block):
            blocked = by_date[d.date + timedelta(days=n)]
            assert blocked.day_type != "quality_ok", (d.date, spike, blocked.date, blocked.reasons)


# ---- 7. the conservative plan, every day shown ---------------------------------------------------


@PROPERTY
@given(states())
def test_the_conservative_plan_is_never_looser_on_any_day_shown(state: State) -> None:
    """Same runner, same days, projected ones included: no quality_ok on the conservative plan
    where the standard one has none."""
    strict, loose = (_plan(state, name, day(-10), day(14)) for name in ("conservative", "standard"))
    for s, lo in zip(strict.days, loose.days, strict=True):
        if s.day_type == "quality_ok":
            assert lo.day_type == "quality_ok", (s.date, s.reasons, lo.day_type, lo.reasons)
