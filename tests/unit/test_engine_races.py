"""Entered races: the taper before (Bosquet 2007), race day, recovery, the reverse taper."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from plan_states import SUN, TUE, after, easy_base, no_rest_days, run, state

from planner.core.engine import build_plan
from planner.core.model import Checkin, DayPlan, Plan, Race, State


def plan(st: State, today: date, days: int = 1, name: str = "standard") -> Plan:
    return build_plan(st, no_rest_days(name), today, days=days)


def with_race(st: State, race_day: date, km: float, name: str = "") -> State:
    return dataclasses.replace(st, races=(Race("race-1", race_day, km * 1000, name),))


def easy_history(today: date, age: int = 30) -> State:
    """Easy 40-minute runs every other day: base enough (12 logged runs in 28 days, for the
    conservative plan's 10 too), no hard session, usual length 40."""
    return state([run(today - timedelta(days=2 * i), 40) for i in range(1, 13)], age=age)


def tapering(d: DayPlan) -> bool:
    return any(r.startswith("Taper for your") for r in d.reasons)


# ---- the taper -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("km", "taper_days"), [(5.0, 8), (10.0, 8), (20.0, 8), (21.1, 14), (42.2, 14)]
)
def test_the_taper_starts_8_days_before_a_short_race_and_14_before_a_long_one(
    km: float, taper_days: int
) -> None:
    race_day = after(TUE, taper_days + 1)
    p = plan(with_race(easy_history(TUE), race_day, km), TUE, days=taper_days + 1)
    assert [tapering(d) for d in p.days] == [False] + [True] * taper_days
    assert f"{taper_days}-day taper; Bosquet 2007" in " ".join(p.days[1].reasons)


@pytest.mark.parametrize(
    ("days_to_go", "expected"), [(5, "quality_ok"), (4, "quality_ok"), (3, "easy"), (1, "easy")]
)
def test_no_new_hard_session_in_the_last_three_days(days_to_go: int, expected: str) -> None:
    st = with_race(easy_history(TUE), after(TUE, days_to_go), 10.0)
    d = plan(st, TUE).days[0]
    assert d.day_type == expected
    assert plan(easy_history(TUE), TUE).days[0].day_type == "quality_ok"  # without the race
    last_days = "no hard session in the last 3 days" in " ".join(d.reasons)
    assert last_days == (days_to_go <= 3)


def test_the_conservative_plan_stops_hard_sessions_four_days_out() -> None:
    st = with_race(easy_history(TUE), after(TUE, 4), 10.0)
    base = plan(easy_history(TUE), TUE, name="conservative").days[0]
    d = plan(st, TUE, name="conservative").days[0]
    assert (base.day_type, d.day_type) == ("quality_ok", "easy")


def test_a_taper_halves_run_length_and_keeps_one_race_pace_session() -> None:
    st = with_race(easy_history(TUE), after(TUE, 6), 10.0)
    free, taper = plan(easy_history(TUE), TUE, days=2).days, plan(st, TUE, days=2).days
    assert [d.day_type for d in taper] == [d.day_type for d in free] == ["quality_ok", "easy"]
    assert [d.run.max_minutes for d in taper] == [20, 20]  # the usual 40 min -50% (Bosquet)
    assert free[1].run.max_minutes == 40
    # 6 days out, race week's one hard session: 15-20 min of work at RPE 8 at most (10K).
    assert taper[0].run.max_rpe == 8
    assert "Race-pace session, 6 days before your 10K" in " ".join(taper[0].reasons)
    assert [d.run.intensity_cap for d in taper] == [d.run.intensity_cap for d in free]


def test_a_tapered_run_is_never_shorter_than_the_plans_shortest() -> None:
    st = state([run(TUE - timedelta(days=2 * i), 20) for i in range(1, 8)], age=30)
    d = plan(with_race(st, after(TUE, 3), 10.0), TUE).days[0]
    assert d.run.max_minutes == 15  # 20 x 50% = 10, but never under 15


# ---- race day and after --------------------------------------------------------------------


def test_race_day_sets_no_limit_and_is_followed_by_its_recovery() -> None:
    st = with_race(easy_history(TUE), after(TUE, 2), 10.0, "Turkey Trot")
    p = plan(st, TUE, days=12)
    race_day = p.days[2]
    assert race_day.day_type == "quality_ok" and race_day.projected
    assert (race_day.run.allowed, race_day.run.max_minutes, race_day.run.max_rpe) == (
        True,
        None,
        None,
    )
    assert race_day.reasons[0].startswith("Race day: your 10K (Turkey Trot), 10.0 km.")
    # Projected as raced: 6.2 mi x 1.0 at 30 = 7 easy days of race recovery.
    assert [d.day_type for d in p.days[3:10]] == ["race_recovery"] * 7
    assert p.days[10].day_type != "race_recovery"
    assert "= 7 easy days" in p.days[3].reasons[0]


def test_race_day_when_sore_is_active_recovery_with_a_warning() -> None:
    st = with_race(easy_history(TUE), TUE, 10.0)
    st = dataclasses.replace(st, checkins={TUE: Checkin(TUE, 6)})
    d = plan(st, TUE).days[0]
    assert d.day_type == "active_recovery"
    assert any(w.startswith("You are entered in your 10K today") for w in d.warnings)


def test_race_day_with_a_red_flag_is_see_a_clinician() -> None:
    st = with_race(easy_history(TUE), TUE, 42.195)
    st = dataclasses.replace(st, checkins={TUE: Checkin(TUE, 1, red_flags=("numbness",))})
    d = plan(st, TUE).days[0]
    assert d.day_type == "see_clinician" and not d.run.allowed
    assert "Do not race your marathon today: a warning sign is in force." in d.warnings


def test_a_race_logged_today_closes_race_day() -> None:
    """RULES.md, "Today's runs count": the race run this morning is today's hard session."""
    raced = run(TUE, 48, 9, "race", km=10.0, id="race-today")
    st = with_race(easy_history(TUE), TUE, 10.0)
    st = dataclasses.replace(st, runs=tuple(sorted((*st.runs, raced), key=lambda r: r.date)))
    d = plan(st, TUE).days[0]
    assert d.day_type == "easy" and not d.run.allowed
    said = " ".join(d.reasons)
    assert "Today's hard session is done (race, 48 min): no second one today." in said
    assert not any(r.startswith("Race day:") for r in d.reasons)
    assert not any(w.startswith("You are entered in") for w in d.warnings)  # it was run


def test_after_a_hard_session_this_morning_the_race_is_not_offered() -> None:
    morning = run(TUE, 40, 8, "intervals", id="intervals-today")
    st = with_race(easy_history(TUE), TUE, 5.0)
    st = dataclasses.replace(st, runs=tuple(sorted((*st.runs, morning), key=lambda r: r.date)))
    d = plan(st, TUE).days[0]
    assert d.day_type == "easy"
    assert "Today's hard session is done (intervals, 40 min)" in " ".join(d.reasons)
    assert "You are entered in your 5K today; as things stand the plan does not offer it" in (
        " ".join(d.warnings)
    )


def test_race_day_without_a_base_is_not_quality() -> None:
    """RULES.md, "The base is runs that happened": no history, no quality, race day too."""
    d = plan(with_race(State(), TUE, 5.0), TUE).days[0]
    assert d.day_type == "easy" and d.run.max_minutes is not None
    assert "No runs logged yet" in " ".join(d.reasons)
    assert any(w.startswith("You are entered in your 5K today") for w in d.warnings)


def test_an_entered_race_that_was_not_logged_brings_no_recovery() -> None:
    st = with_race(easy_history(TUE), after(TUE, -2), 10.0)
    assert plan(st, TUE).days[0].day_type == "quality_ok"


@pytest.mark.parametrize(
    ("days_after", "minutes"),
    [(3, 15), (7, 15), (8, 27), (14, 27), (15, 40), (21, 40), (22, 45)],
)
def test_the_reverse_taper_after_a_marathon_is_30_60_90_percent(
    days_after: int, minutes: int
) -> None:
    """Usual 45 min: 30% is 13.5 (never under 15), 60% 27, 90% 40.5, then 45 again.

    From day 15 the runner has run since the race (else 14 days without a run is a return)."""
    since = [run(after(SUN, d)) for d in range(3, days_after, 2)] if days_after > 14 else []
    st = state([*easy_base(SUN), run(SUN, 200, 9, "race", km=42.195), *since], age=30)
    d = plan(st, after(SUN, days_after)).days[0]
    assert d.run.max_minutes == minutes
    week = (days_after - 1) // 7 + 1
    said = any(r.startswith(f"Week {week} after your marathon") for r in d.reasons)
    assert said == (days_after <= 21)


@pytest.mark.parametrize(("km", "reverse"), [(10.0, False), (21.0975, True), (42.195, True)])
def test_the_reverse_taper_follows_a_half_or_full_marathon_only(km: float, reverse: bool) -> None:
    st = state([*easy_base(SUN), run(SUN, km * 5, 9, "race", km=km)], age=30)
    d = plan(st, after(SUN, 3)).days[0]
    assert any(r.startswith("Week 1 after your") for r in d.reasons) == reverse


def test_the_conservative_reverse_taper_starts_at_15_km_and_is_gentler() -> None:
    st = state([*easy_base(SUN), run(SUN, 80, 9, "race", km=16.0)], age=30)
    assert plan(st, after(SUN, 3)).days[0].run.max_minutes == 45  # standard: not a half
    d = plan(st, after(SUN, 10), name="conservative").days[0]
    assert any(r.startswith("Week 2 after your 16.0 km race") for r in d.reasons)
    assert d.run.max_minutes == 22  # 50% of a 45-minute usual run
