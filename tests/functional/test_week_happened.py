"""Week shows what happened on the days gone by: the runs done, and no misses before the start."""

from __future__ import annotations

from datetime import date, timedelta

from planner.core.model import ChecklistItem, DayPlan, Run, RunGuidance
from planner.tui.week_view import week_days
from planner.tui.widgets.week_list import day_prompt

TODAY = date(2026, 11, 28)
EASY = RunGuidance(True, 40, 4, 0.9)
ITEM = ChecklistItem("yoga", "yoga", "Yoga", "")


def plan_day(day: date) -> DayPlan:
    return DayPlan(day, day > TODAY, "easy", EASY, (), (), (ITEM,))


def test_past_days_show_the_runs_done_and_days_before_the_start_are_not_misses() -> None:
    days = [plan_day(TODAY + timedelta(days=n)) for n in range(-3, 2)]
    runs = [
        Run("a", TODAY - timedelta(days=2), 8000.0, 2700, 2700, type="easy"),
        Run("b", TODAY - timedelta(days=1), 5000.0, 1500, 1500),
        Run("c", TODAY - timedelta(days=1), 3200.0, 1000, 1000),
    ]
    week = week_days(days, TODAY, runs, "metric", started=TODAY - timedelta(days=2))
    before, first, second, today, tomorrow = week
    assert before.before_start and before.ticks == "" and before.ran == ""
    assert "not yet begun" in day_prompt(before).plain and "0/1" not in day_prompt(before).plain
    assert first.ran == "8.0 km easy" and "ran 8.0 km easy" in day_prompt(first).plain
    assert second.ran == "5.0 km + 3.2 km" and first.ticks == "0/1"
    assert today.ran == "" and "up to 40 min" in day_prompt(today).plain  # no run yet: the plan
    assert tomorrow.ran == "" and "projected" in day_prompt(tomorrow).plain
    imperial = week_days(days, TODAY, runs, "imperial", started=None)
    assert all(day.before_start for day in imperial[:3])  # no run, no tick: nothing missed
