"""The new screens' pure parts: week lines, history sorting and heatmap, charts, forms, check-in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.core.effort import Effort
from planner.core.errors import InputError
from planner.core.model import ChecklistItem, Profile, Run, RunGuidance
from planner.core.rules import LoadRules, RedFlag
from planner.core.signs import FlagInForce
from planner.core.trend import LoadPoint
from planner.core.wording import day_label, done_of_doable, run_cell
from planner.tui.checkin_view import rating_question, run_when, standing_note
from planner.tui.history_view import (
    day_completion,
    heat_summary,
    heat_weeks,
    level,
    pace_label,
    sorted_runs,
)
from planner.tui.load_charts import fitness_chart, ratio_chart
from planner.tui.profile_form import profile_edits, profile_form
from planner.tui.week_view import bar, week_span
from planner.tui.widgets.braille import BrailleCanvas, spread
from planner.tui.widgets.heatmap import month_row

SAT = date(2026, 11, 28)


def run(day: date, km: float, minutes: int, **kw: object) -> Run:
    return Run(f"r{day}{km}", day, km * 1000, minutes * 60, minutes * 60, **kw)  # type: ignore[arg-type]


# ---- week -----------------------------------------------------------------------------------


def test_week_spans_the_past_seven_days_today_and_the_next_seven() -> None:
    assert week_span(SAT) == (date(2026, 11, 21), 15)
    assert day_label(date(2026, 11, 30)) == "Mon 30 Nov"
    assert day_label(date(2026, 12, 1)) == "Tue 1 Dec"


def test_run_cell() -> None:
    assert run_cell(RunGuidance(True, 40, 4, 0.9)) == "up to 40 min · RPE ≤ 4"
    assert run_cell(RunGuidance(False, None, None, 0.0)) == "no run"
    assert run_cell(RunGuidance(False, None, None, 0.0), see_clinician=True).endswith("clinician")


def test_ticks_leave_withheld_items_out() -> None:
    items = (
        ChecklistItem("a", "yoga", "A", "", done=True),
        ChecklistItem("b", "yoga", "B", ""),
        ChecklistItem("c", "yoga", "C", "", withheld=True),
    )
    assert done_of_doable(items) == (1, 2)
    assert bar(1, 2) == ("━━━━", "────")
    assert bar(0, 0) == ("", "────────")


# ---- history ------------------------------------------------------------------------------


def test_runs_sort_by_any_column_and_back() -> None:
    runs = [run(SAT, 10, 50), run(SAT - timedelta(days=1), 21.1, 110), run(SAT, 5, 30)]
    assert [r.distance_m for r in sorted_runs(runs, "distance", True)] == [21100, 10000, 5000]
    assert [r.distance_m for r in sorted_runs(runs, "distance", False)] == [5000, 10000, 21100]
    newest = sorted_runs(runs, "date", True)
    assert newest[-1].date == SAT - timedelta(days=1)
    assert pace_label(runs[0], "metric") == "5:00/km"
    assert pace_label(runs[0], "imperial") == "8:03/mi"


def test_heat_levels_and_streak() -> None:
    assert [level(s) for s in (0.0, 0.2, 0.5, 0.8, 1.0)] == [0, 1, 2, 3, 4]
    shares = {SAT: 0.5, SAT - timedelta(1): 1.0, SAT - timedelta(2): 1.0, SAT - timedelta(3): 0.0}
    summary = heat_summary(shares, SAT)
    assert (summary.full, summary.partial, summary.none, summary.streak) == (2, 1, 1, 2)
    weeks = heat_weeks(SAT, 3)
    assert weeks[-1] == date(2026, 11, 23) and weeks[0] == date(2026, 11, 9)


def test_month_names_sit_over_the_first_week_of_each_month() -> None:
    mondays = heat_weeks(date(2026, 12, 9), 4)  # 16 Nov, 23 Nov, 30 Nov, 7 Dec
    row = month_row(mondays)
    assert row.index("Nov") == 4 and row.index("Dec") == 4 + 2 * 3


def test_day_completion_counts_only_doable_items() -> None:
    class Day:
        date = SAT
        checklist = (
            ChecklistItem("a", "yoga", "A", "", done=True),
            ChecklistItem("b", "yoga", "B", "", withheld=True),
        )

    assert day_completion([Day()]) == {SAT: 1.0}  # type: ignore[list-item]


# ---- charts -------------------------------------------------------------------------------


def test_braille_lines_join_their_points() -> None:
    canvas = BrailleCanvas(4, 1)
    canvas.line([0.0, 1.0], 0.0, 1.0, layer=0)
    text = canvas.text()
    assert len(text) == 4 and all(0x2800 <= ord(c) <= 0x28FF for c in text)
    assert all(c != "⠀" for c in text)  # a line from corner to corner touches every cell
    assert spread(3, 9) == [0, 4, 8]


def test_fitness_chart_starts_at_the_first_load_and_says_todays_values() -> None:
    points = [
        LoadPoint(SAT - timedelta(days=2 - i), f, f / 2, -f, None)
        for i, f in enumerate((0, 10, 20))
    ]
    chart = fitness_chart(points)
    fitness = next(s for s in chart.series if s.role == "fitness")
    assert fitness.values[0] is None and fitness.legend == "fitness 20"
    assert next(s for s in chart.series if s.role == "form").legend == "form −20"
    assert chart.low == -20 and chart.guides


def test_ratio_chart_waits_for_history() -> None:
    points = [LoadPoint(SAT, 5.0, 5.0, 0.0, None)]
    chart = ratio_chart(points, LoadRules())
    assert "after 28 days" in chart.series[0].legend and chart.band == (0.8, 1.3)


# ---- forms --------------------------------------------------------------------------------


def test_profile_form_sends_only_what_changed() -> None:
    profile = Profile(age=52, age_as_of=SAT, weight_kg=70.0, hr_max=178)
    before = profile_form(profile, SAT)
    assert (before["age"], before["weight"], before["weight_unit"]) == ("52", "70", "kg")
    after = {**before, "weight": "72", "hr_max": "178", "tz": "Europe/Berlin"}
    assert profile_edits(before, after) == {"weight_kg": "72", "tz": "Europe/Berlin"}
    assert profile_edits(before, {**before, "hr_max": ""}) == {"hr_max": ""}  # emptied: cleared
    assert profile_edits(before, {**before, "weight": ""}) == {"weight_kg": ""}
    assert profile_edits(before, {**before, "age": ""}) == {}  # the plan needs an age: kept
    in_lb = {**before, "weight_unit": "lb"}
    assert profile_edits(before, in_lb) == {"weight_lb": "70"}  # the same number, now pounds
    with pytest.raises(InputError, match="not both"):
        profile_edits(before, {**before, "age": "53", "birth_date": "1974-01-01"})


# ---- check-in -----------------------------------------------------------------------------


def test_the_note_under_a_standing_sign_says_who_may_lift_it() -> None:
    """Signs in force come from the engine's FlagTracker now; the view only words them."""
    limp = RedFlag("limp", "Limping?", "no_run", "", name="a limp")
    pop = RedFlag("pop", "A pop?", "no_run", "", name="a pop", lifted_by="clinician")
    since = SAT - timedelta(days=3)
    assert standing_note(FlagInForce(limp, since)) == (
        "In force since Wed 25 Nov; leave it unticked once it is gone."
    )
    held = standing_note(FlagInForce(pop, since, held_no=(SAT - timedelta(days=1),)))
    assert "you answered no on Fri 27 Nov, but only a clinician can lift it" in held


def test_rating_question_names_the_run_as_a_runner_would() -> None:
    yesterday = run(SAT - timedelta(days=1), 12, 65)
    question = rating_question(yesterday, Effort(5.2, "pace"), SAT, "metric")
    assert (
        question == "How hard was yesterday's 12.0 km (1:05:00)? The plan guessed 5 from your pace."
    )
    assert run_when(SAT, SAT) == "today's"
    assert run_when(date(2026, 11, 26), SAT) == "Thursday's"
