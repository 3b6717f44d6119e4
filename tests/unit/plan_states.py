"""Runner states for the plan-engine tests and the docs/examples outputs, built from the model."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path

from planner.core.model import Checkin, Profile, Race, Run, State
from planner.core.planfile import PlanRules, parse_plan

REPO = Path(__file__).resolve().parents[2]
PLANS = REPO / "plans"
EXAMPLES = REPO / "docs" / "examples"
SCHEMA = REPO / "docs" / "plan.schema.json"

# A fixed week to talk about: Tuesday 24 November 2026.
MON = date(2026, 11, 23)
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=i) for i in range(1, 7))


def after(first: date, days: int) -> date:
    return first + timedelta(days=days)


@cache
def plan_rules(name: str = "standard") -> PlanRules:
    path = PLANS / f"{name}.toml"
    return parse_plan(path.read_text(encoding="utf-8"), f"plans/{name}.toml")


@cache
def no_rest_days(name: str = "standard") -> PlanRules:
    """The plan with the runner's own week switched off, a run allowed on any day: for the tests
    of other rules (spacing, signs, returns, tapers) on days a rest day of the week would hide.
    The week itself, with its rest days, is tested in test_engine_fit.py."""
    rules = plan_rules(name)
    week = dataclasses.replace(
        rules.week, lookback_weeks=1, default_runs=7, rest_days=0, older_rest_days=0
    )
    return dataclasses.replace(rules, week=week)


def run(
    day: date,
    minutes: float = 45,
    rpe: float | None = 4,
    type: str | None = "easy",
    km: float | None = None,
    id: str | None = None,
    **extra: object,
) -> Run:
    """A run; distance defaults to a 6 min/km pace."""
    distance = km * 1000 if km is not None else minutes / 6 * 1000
    return Run(
        id=id or f"{day.isoformat()}-{type}-{minutes}",
        date=day,
        distance_m=distance,
        moving_s=round(minutes * 60),
        elapsed_s=round(minutes * 60) + 120,
        rpe=rpe,
        type=type,
        **extra,  # type: ignore[arg-type]
    )


def easy_base(before: date, count: int = 8, every: int = 2) -> list[Run]:
    """`count` easy runs every `every` days, the last `every` days before `before`: by default
    8 runs in 16 days, the base quality needs (8 logged runs in 28 days)."""
    return [run(before - timedelta(days=every * i)) for i in range(count, 0, -1)]


def state(
    runs: list[Run] | tuple[Run, ...] = (),
    checkins: list[Checkin] | tuple[Checkin, ...] = (),
    **profile: object,
) -> State:
    ordered = tuple(sorted(runs, key=lambda r: (r.date, r.id)))
    # Years running unset is a first-year runner's limit now; these runners have some years.
    profile.setdefault("years_running", 10.0)
    return State(
        profile=Profile(**profile),  # type: ignore[arg-type]
        runs=ordered,
        checkins={c.date: c for c in checkins},
    )


def after_intervals(age: int, intervals_on: date = TUE) -> State:
    """A runner with an easy base and intervals on Tuesday 24 November."""
    return state([*easy_base(intervals_on), run(intervals_on, 50, 8, "intervals")], age=age)


# ---- realistic states for docs/examples ------------------------------------------------------


def _weeks_of_training(first: date, last: date) -> list[Run]:
    """A steady masters week: easy Mon/Wed/Fri, intervals Tue, long run Sat (at the 90 min line)."""
    runs: list[Run] = []
    day = first
    while day <= last:
        weekday = day.weekday()
        if weekday in (0, 2, 4):
            runs.append(run(day, 42 + weekday, 4, "easy", start=_start(day, 7)))
        elif weekday == 1:
            runs.append(run(day, 55, 8, "intervals", start=_start(day, 18), avg_hr=158))
        elif weekday == 5:
            runs.append(run(day, 85, None, "long", km=13.2, avg_hr=132, trimp=98.0))
        day += timedelta(days=1)
    return runs


def _start(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def example_states() -> dict[str, tuple[State, date, date, int]]:
    """name -> (state, today, start, days) for each file in docs/examples."""
    today = THU
    runs = _weeks_of_training(today - timedelta(days=41), today - timedelta(days=1))
    trained = State(
        profile=Profile(
            birth_date=date(1974, 3, 9), sex="f", weight_kg=61.0, years_running=12, ice_bath=True
        ),
        runs=tuple(sorted(runs, key=lambda r: (r.date, r.id))),
        checkins={today: Checkin(today, soreness=2)},
        checks={
            (today, "hydration"): ("ev-1",),
            (today, "meal:breakfast"): ("ev-2",),
        },
    )
    race_day = SUN - timedelta(days=7)
    older_runs = [r for r in easy_base(race_day) if r.date < race_day]
    older_runs.append(run(race_day, 52, 9, "race", km=10.0, id="race-10k"))
    older_runs += [run(race_day + timedelta(days=2), 30, 3, "recovery")]
    recovering = State(
        profile=Profile(age=67, age_as_of=date(2026, 1, 1), sex="m", years_running=30),
        runs=tuple(sorted(older_runs, key=lambda r: (r.date, r.id))),
        checkins={
            race_day + timedelta(days=3): Checkin(
                race_day + timedelta(days=3), soreness=5, areas=("calves",)
            ),
        },
    )
    flagged = State(
        profile=Profile(age=38, weight_kg=78.0),
        runs=tuple(easy_base(TUE)),
        checkins={TUE: Checkin(TUE, soreness=3, red_flags=("hopping_pain",), areas=("shins",))},
    )
    race = Race("race-berlin", today + timedelta(days=10), 42_195.0, "Winter Marathon")
    tapering = State(
        profile=Profile(age=45, sex="m", weight_kg=72.0, years_running=6, temp_c=8.0),
        runs=trained.runs,
        races=(race,),
    )
    # A stress-fracture sign answered yes, a "no" two days later that cannot lift it, and a
    # clinician's clearance a week on: the return period's first days.
    sign_day = today - timedelta(days=9)
    returning = State(
        profile=Profile(age=58, sex="m", weight_kg=80.0, years_running=30),
        runs=tuple(easy_base(sign_day)),
        checkins={
            sign_day: Checkin(sign_day, soreness=3, red_flags=("hopping_pain",), areas=("shins",)),
            sign_day + timedelta(days=2): Checkin(
                sign_day + timedelta(days=2), soreness=1, answered_no=("hopping_pain",)
            ),
            today: Checkin(today, soreness=1, cleared=("hopping_pain",), sleep_hours=7.5),
        },
    )
    return {
        "plan-58-cleared-return": (returning, today, today, 9),
        "plan-45-marathon-taper": (tapering, today, today, 24),
        "today-52-after-intervals": (trained, today, today, 7),
        "plan-67-after-10k-sore": (
            recovering,
            race_day + timedelta(days=3),
            race_day + timedelta(days=3),
            10,
        ),
        "plan-38-red-flag": (flagged, TUE, TUE, 3),
    }
