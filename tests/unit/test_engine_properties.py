"""Plan-engine invariants over random, valid (sometimes absurd) histories."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from functools import cache

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_states import SCHEMA, plan_rules

from planner.core.engine import build_plan
from planner.core.jsonout import DOSE_KEYS, plan_to_json
from planner.core.model import DAILY_KINDS, RUN_TYPES, Checkin, Plan, Profile, Race, Run, State

TODAY = date(2026, 11, 24)
FLAG_IDS = [f.id for f in plan_rules().red_flags.flags] + ["not_in_the_plan"]
ITEM_IDS = ["hydration", "yoga", "meal:recovery", "warm_up", "ice_bath"]

PROPERTY = settings(
    deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _offset_day(low: int, high: int) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda n: TODAY + timedelta(days=n))


@st.composite
def absurd_runs(draw: st.DrawFn) -> Run:
    """Valid but odd: zero or two-day runs, 300 km, no RPE, any type and sport, after today."""
    moving = draw(st.integers(0, 2 * 86_400))
    return Run(
        id=draw(st.text("abcdef0123456789", min_size=1, max_size=6)),
        date=draw(_offset_day(-70, 5)),
        distance_m=draw(st.floats(0, 300_000)),
        moving_s=moving,
        elapsed_s=moving + draw(st.integers(0, 7_200)),
        rpe=draw(st.none() | st.floats(0, 10)),
        rpe_estimated=draw(st.booleans()),
        type=draw(st.none() | st.sampled_from(RUN_TYPES)),
        sport=draw(st.sampled_from(["running", "cycling"])),
        avg_hr=draw(st.none() | st.integers(30, 230)),
        trimp=draw(st.none() | st.floats(0, 2_000)),
    )


@st.composite
def usual_runs(draw: st.DrawFn) -> Run:
    """Most histories: easy runs of 20-100 min, some quality, now and then a race."""
    minutes = draw(st.integers(20, 100))
    kind = draw(
        st.sampled_from(
            ["easy"] * 8 + ["long", "recovery", None] * 2 + ["tempo", "intervals", "race"]
        )
    )
    return Run(
        id=draw(st.text("abcdef0123456789", min_size=1, max_size=6)),
        date=draw(_offset_day(-45, 0)),
        distance_m=minutes / 6 * 1000,
        moving_s=minutes * 60,
        elapsed_s=minutes * 60 + 60,
        rpe=draw(
            st.one_of(st.none(), st.integers(2, 5), st.integers(2, 5), st.integers(2, 9)).map(
                _maybe_float
            )
        ),
        type=kind,
    )


def _maybe_float(value: int | None) -> float | None:
    return None if value is None else float(value)


def runs() -> st.SearchStrategy[Run]:
    return st.one_of(usual_runs(), usual_runs(), usual_runs(), absurd_runs())


@st.composite
def checkins(draw: st.DrawFn) -> Checkin:
    some_flags = st.lists(st.sampled_from(FLAG_IDS), min_size=1, max_size=2, unique=True)
    return Checkin(
        date=draw(_offset_day(-40, 3)),
        soreness=draw(st.one_of(st.integers(0, 3), st.integers(0, 3), st.integers(0, 10))),
        red_flags=tuple(draw(st.one_of(st.just([]), st.just([]), st.just([]), some_flags))),
        answered_no=tuple(draw(st.lists(st.sampled_from(FLAG_IDS), max_size=3, unique=True))),
        pain=draw(st.one_of(st.none(), st.none(), st.integers(0, 10))),
    )


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    return Profile(
        age=draw(st.none() | st.integers(0, 110)),
        sex=draw(st.sampled_from([None, "f", "m", "x"])),
        weight_kg=draw(st.none() | st.floats(20, 250)),
        hr_max=draw(st.none() | st.integers(100, 240)),
        hr_rest=draw(st.none() | st.integers(25, 120)),
        years_running=draw(st.none() | st.floats(0, 60)),
        ice_bath=draw(st.booleans()),
    )


@st.composite
def states(draw: st.DrawFn) -> State:
    history = draw(st.lists(runs(), max_size=40))
    answers = draw(st.lists(checkins(), max_size=6))
    ticks = draw(st.lists(st.tuples(_offset_day(-5, 10), st.sampled_from(ITEM_IDS)), max_size=6))
    races = draw(st.lists(_offset_day(-5, 20), max_size=2))
    return State(
        profile=draw(profiles()),
        runs=tuple(sorted(history, key=lambda r: (r.date, r.id))),
        checkins={c.date: c for c in answers},
        checks={tick: frozenset({"ev"}) for tick in ticks},
        races=tuple(Race(f"race{i}", d, 10_000.0) for i, d in enumerate(races)),
    )


windows = st.tuples(
    st.integers(-10, 10), st.integers(1, 21), st.sampled_from(["standard", "conservative"])
)


def _build(state: State, window: tuple[int, int, str], today: date = TODAY) -> Plan:
    offset, days, name = window
    return build_plan(
        state, plan_rules(name), today, start=today + timedelta(days=offset), days=days
    )


def _flags_in_force(state: State, day: date) -> set[str]:
    """Red flags in force on `day`, recomputed the plain way."""
    held: set[str] = set()
    for when in sorted(d for d in state.checkins if d <= min(day, TODAY)):
        c = state.checkins[when]
        held -= set(c.answered_no) - set(c.red_flags)
        held |= set(c.red_flags)
    return held


@PROPERTY
@given(states(), windows)
def test_every_plan_keeps_the_contract(state: State, window: tuple[int, int, str]) -> None:
    plan = _build(state, window)
    _validator().validate(plan_to_json(plan))
    offset, days, _ = window
    start = TODAY + timedelta(days=offset)
    assert [d.date for d in plan.days] == [start + timedelta(days=i) for i in range(days)]
    for day in plan.days:
        assert day.projected == (day.date > TODAY)
        assert day.reasons and all(r.strip() for r in day.reasons)
        assert {i.kind for i in day.checklist} >= set(DAILY_KINDS)
        assert len({i.id for i in day.checklist}) == len(day.checklist)
        assert all(set(i.doses) <= set(DOSE_KEYS) for i in day.checklist)
        assert all(i.done == state.is_done(day.date, i.id) for i in day.checklist)
        assert 0.0 <= day.run.intensity_cap <= 1.0
        if not day.run.allowed:
            assert day.run.max_minutes is None and day.run.max_rpe is None
        if _flags_in_force(state, day.date):
            assert not day.run.allowed and day.day_type in ("see_clinician", "rest")
        if day.day_type == "see_clinician":
            assert all(i.withheld for i in day.checklist if i.id in ("yoga", "foam_rolling"))


@PROPERTY
@given(states(), windows)
def test_see_clinician_is_true_exactly_on_see_clinician_days(
    state: State, window: tuple[int, int, str]
) -> None:
    for day in plan_to_json(_build(state, window))["days"]:
        assert day["see_clinician"] == (day["day_type"] == "see_clinician")


@PROPERTY
@given(states(), windows)
def test_same_inputs_give_identical_json(state: State, window: tuple[int, int, str]) -> None:
    first = json.dumps(plan_to_json(_build(state, window)))
    again = json.dumps(plan_to_json(_build(dataclasses.replace(state), window)))
    assert first == again


def _no_looser(strict: Plan, loose: Plan, *, compare_minutes: bool) -> None:
    """Day by day up to today (same history, no projection), `strict` never allows more."""
    for s, lo in zip(strict.days, loose.days, strict=True):
        if s.projected:
            continue
        assert s.run.intensity_cap <= lo.run.intensity_cap + 1e-9, (s, lo)
        if s.day_type == "quality_ok":
            assert lo.day_type == "quality_ok", (s, lo)
        if s.run.allowed:
            assert lo.run.allowed, (s, lo)
            assert s.run.max_rpe is not None and lo.run.max_rpe is not None
            assert s.run.max_rpe <= lo.run.max_rpe, (s, lo)
            if compare_minutes:
                assert s.run.max_minutes is not None and lo.run.max_minutes is not None
                assert s.run.max_minutes <= lo.run.max_minutes, (s, lo)


@PROPERTY
@given(
    states(), st.integers(0, 100), st.integers(1, 30), st.sampled_from(["standard", "conservative"])
)
def test_caps_and_spacing_never_loosen_as_age_rises(
    state: State, age: int, more: int, name: str
) -> None:
    def at(years: int) -> Plan:
        aged = dataclasses.replace(state, profile=dataclasses.replace(state.profile, age=years))
        return build_plan(aged, plan_rules(name), TODAY, start=TODAY - timedelta(days=10), days=11)

    _no_looser(at(age + more), at(age), compare_minutes=True)


@PROPERTY
@given(states())
def test_the_conservative_plan_is_never_looser_than_the_standard(state: State) -> None:
    def with_plan(name: str) -> Plan:
        return build_plan(state, plan_rules(name), TODAY, start=TODAY - timedelta(days=10), days=11)

    # Easy-run length is the runner's own median; the plans may count different runs as easy.
    _no_looser(with_plan("conservative"), with_plan("standard"), compare_minutes=False)


@PROPERTY
@given(st.lists(runs(), max_size=12), st.sampled_from(FLAG_IDS), st.integers(-3, 0))
def test_a_red_flag_means_no_run_that_day_and_after(
    history: list[Run], flag: str, when: int
) -> None:
    flagged = TODAY + timedelta(days=when)
    state = State(
        profile=Profile(age=45),
        runs=tuple(sorted(history, key=lambda r: (r.date, r.id))),
        checkins={flagged: Checkin(flagged, 0, red_flags=(flag,))},
    )
    plan = build_plan(state, plan_rules(), TODAY, start=flagged, days=10)
    assert all(not d.run.allowed for d in plan.days)


@settings(deadline=None, max_examples=5, derandomize=True)
@given(states())
def test_a_long_window_stays_fast_and_valid(state: State) -> None:
    plan = build_plan(state, plan_rules(), TODAY, start=TODAY - timedelta(days=30), days=366)
    assert len(plan.days) == 366
    _validator().validate(plan_to_json(plan))
