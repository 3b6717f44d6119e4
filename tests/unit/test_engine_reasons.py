"""Reasons name the rule that decided the day, in the runner's own age row."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from planner.core.engine import build_plan
from planner.core.model import Profile, Run, State
from planner.planfiles import load_plan

TODAY = date(2026, 11, 23)  # a Monday


def _run(day: date, minutes: int, rpe: int, kind: str) -> Run:
    start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    return Run(f"r-{day}", day, minutes * 170.0, minutes * 60, minutes * 60, start, rpe, type=kind)


def test_a_full_week_names_the_runners_own_limit_not_a_younger_rows() -> None:
    easy = [_run(TODAY - timedelta(days=d), 40, 4, "easy") for d in (8, 9, 10, 12, 14)]
    hard = [
        _run(date(2026, 11, 17), 50, 8, "intervals"),
        _run(date(2026, 11, 20), 40, 7, "tempo"),
        _run(date(2026, 11, 21), 40, 8, "tempo"),
    ]
    state = State(
        profile=Profile(age=52, years_running=10),
        runs=tuple(sorted(easy + hard, key=lambda r: r.date)),
    )
    day = build_plan(state, load_plan("standard"), TODAY, days=1).days[0]
    text = " ".join(day.reasons)
    assert day.day_type == "easy"
    assert "at 52 the limit is 2 per 7 days" in text
    assert "limit is 3 per 7" not in text
