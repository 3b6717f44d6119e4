"""Every screen past Today driven by keys: week, history, log run, check-in, profile, races."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Static

from planner.events import CheckinGiven
from planner.service import Planner, RunInput
from planner.tui.app import PlannerApp
from planner.tui.commands import GLOBAL_KEYS
from planner.tui.screens.checkin import CheckinScreen
from planner.tui.screens.history import HistoryScreen
from planner.tui.screens.log_run import LogRunScreen
from planner.tui.screens.profile import ProfileScreen
from planner.tui.screens.races import RacesScreen
from planner.tui.screens.today import TodayScreen
from planner.tui.screens.week import WeekScreen
from planner.tui.widgets.checklist import Checklist
from planner.tui.widgets.day_header import DayHeader
from planner.tui.widgets.day_summary import DaySummary
from planner.tui.widgets.line_chart import LineChart
from planner.tui.widgets.scale import Scale
from planner.tui.widgets.tick_box import TickBox
from planner.tui.widgets.week_list import WeekList

SIZE = (80, 24)
TODAY = date(2026, 11, 28)  # as pinned in conftest.py
Reopen = Callable[[], Planner]


def text_of(app: PlannerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def toasts(app: PlannerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def quiet(planner: Planner) -> PlannerApp:
    """An app that does not poll the disk (the refresh tests turn it on themselves)."""
    return PlannerApp(planner, poll_seconds=0)


# ---- week ----------------------------------------------------------------------------------


async def test_week_shows_fifteen_named_days_and_what_was_ticked(planner: Planner) -> None:
    yesterday = TODAY - timedelta(days=1)
    planner.check("hydration", yesterday)
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, WeekScreen)
        week = app.screen.query_one(WeekList)
        days = {day.day: day for day in week._days.values()}
        assert len(days) == 15
        assert days[TODAY].part == "today" and week.highlighted_day == days[TODAY]
        assert days[date(2026, 11, 30)].name == "Mon 30 Nov"
        assert days[yesterday].ticks.startswith("1/")
        assert days[TODAY + timedelta(days=3)].ticks == ""  # projected: nothing to tick yet
        assert "EASY" in text_of(app, "#week-day") or days[TODAY].badge in text_of(app, "#week-day")


async def test_enter_on_a_week_day_shows_it_on_today(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "k", "enter")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(DayHeader).plain().startswith("Fri 27 Nov 2026  ")
        await pilot.press("w", "j", "j", "enter")  # the heading "Next 7 days" is skipped
        assert app.screen.query_one(DayHeader).plain().startswith("Mon 30 Nov 2026  ")


async def test_sections_replace_each_other_and_escape_goes_back(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "H", "r")
        assert isinstance(app.screen, RacesScreen)
        assert len(app.screen_stack) == 2  # Today and one section, never a pile
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("p", "escape", "H")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("t")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(DayHeader).plain().startswith("Sat 28 Nov 2026  ")


async def test_t_comes_back_to_today_from_another_day(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "t")
        assert app.screen.query_one(DayHeader).plain().startswith("Sat 28 Nov 2026  ")


async def test_h_and_l_stay_free(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        before = app.screen.query_one(Checklist).highlighted
        await pilot.press("h", "l")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(DayHeader).plain().startswith("Sat 28 Nov 2026  ")
        assert app.screen.query_one(Checklist).highlighted == before


# ---- history -------------------------------------------------------------------------------


async def test_history_sorts_runs_and_keeps_the_cursor_on_its_run(demo_planner: Planner) -> None:
    app = quiet(demo_planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("H")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one(DataTable)
        runs = demo_planner.runs()
        assert table.row_count == len(runs)
        assert screen.highlighted_run_id() == runs[-1].id  # newest first
        await pilot.press("j", "j")
        kept = screen.highlighted_run_id()
        await pilot.press("o")  # by distance, longest first
        assert screen.sort_column == "distance"
        first = table.coordinate_to_cell_key(Coordinate(0, 0)).row_key.value
        assert first == max(runs, key=lambda r: r.distance_m).id
        assert screen.highlighted_run_id() == kept
        await pilot.press("O")  # shortest first
        first = table.coordinate_to_cell_key(Coordinate(0, 0)).row_key.value
        assert first == min(runs, key=lambda r: r.distance_m).id


async def test_history_charts_end_on_the_plans_numbers_today(demo_planner: Planner) -> None:
    load = demo_planner.plan(days=1).load
    app = quiet(demo_planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("H")
        await app.workers.wait_for_complete()
        await pilot.press("2")
        chart = app.screen.query_one("#fitness-chart", LineChart)
        assert chart.data is not None
        legends = " ".join(series.legend for series in chart.data.series)
        assert f"fitness {load.fitness:.0f}" in legends
        ratio = app.screen.query_one("#ratio-chart", LineChart).data
        assert ratio is not None and ratio.band == (0.8, 1.3)
        assert f"ratio {load.acwr:.2f}" in ratio.series[0].legend
        await pilot.press("3")
        assert "partly" in text_of(app, "#heat-summary")


# ---- log run -------------------------------------------------------------------------------


async def test_log_run_refuses_in_place_then_logs(planner: Planner, reopen: Reopen) -> None:
    before = len(planner.runs())
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        assert isinstance(app.screen, LogRunScreen)
        assert app.screen.query_one("#run-date", Input).value == "2026-11-28"  # today
        await pilot.press(*"10", "tab", *"45:00", "enter")
        assert isinstance(app.screen, LogRunScreen)
        assert "give a number with a unit" in text_of(app, "#log-run-error")
        distance = app.screen.query_one("#run-distance", Input)
        assert distance.has_class("-invalid") and app.focused is distance
        assert len(reopen().runs()) == before  # nothing written

        await pilot.press("k", "m", "enter")
        assert isinstance(app.screen, TodayScreen)
        summary = app.screen.query_one(DaySummary)
        summary.set_compact(False)
        assert "10.0 km in 45:00" in summary.shown("last-run")  # Today re-read at once
    runs = reopen().runs()
    assert len(runs) == before + 1
    assert any(run.date == TODAY and run.distance_m == 10_000 for run in runs)


async def test_log_run_refuses_a_run_in_the_future(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        app.screen.query_one("#run-date", Input).value = "2026-12-01"
        await pilot.press(*"8km", "tab", *"40:00", "enter")
        assert "in the future" in text_of(app, "#log-run-error")
        assert app.focused is app.screen.query_one("#run-date", Input)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_global_keys_wait_while_a_dialog_is_open(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        app.screen.query_one("#log-run-cancel").focus()
        await pilot.press("w", "q")
        assert isinstance(app.screen, LogRunScreen)


# ---- check-in ------------------------------------------------------------------------------


async def test_checkin_changes_todays_plan_in_place(planner: Planner, reopen: Reopen) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        summary = app.screen.query_one(DaySummary)
        assert summary.shown("prompt") == "Morning check-in not done yet: press c"
        badge_before = summary.shown("badge")
        await pilot.press("c")
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("2")
        app.screen.query_one("#flag-cannot_bear_weight").focus()
        await pilot.press("space", "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        badge = app.screen.query_one(DaySummary).shown("badge")
        assert badge == "SEE A CLINICIAN" != badge_before
        assert app.screen.query_one(DaySummary).shown("prompt") == ""
        assert "withheld" in text_of(app, "#progress")
    checkin = reopen().checkins()[TODAY]
    assert (checkin.soreness, checkin.red_flags) == (2, ("cannot_bear_weight",))


async def test_a_sore_morning_takes_quality_off(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "7", "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(DaySummary).shown("badge") != "QUALITY OK"
        assert "Check-in saved" in [n.title for n in app._notifications]


async def test_checkin_needs_a_soreness(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "ctrl+s")
        assert isinstance(app.screen, CheckinScreen)
        assert "soreness" in text_of(app, "#checkin-error").lower()
        assert TODAY not in planner.checkins()


async def test_checkin_asks_how_hard_an_unrated_run_was(planner: Planner, reopen: Reopen) -> None:
    run = planner.log_run(RunInput("12km", "1:05:00", day=TODAY - timedelta(days=1)))
    app = quiet(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "3")
        questions = [str(s.content) for s in app.screen.query(".rating").results(Static)]
        assert any("How hard was yesterday's 12.0 km" in q for q in questions)
        rate = app.screen.query_one("#rate-0", Scale)
        rate.focus()
        await pilot.press("6", "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
    assert reopen().checkins()[TODAY].run_rpe == {run.id: 6.0}


async def test_a_flag_in_force_is_asked_ticked(red_flag_planner: Planner) -> None:
    app = quiet(red_flag_planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert app.screen.query_one("#flag-cannot_bear_weight", TickBox).value
        assert not app.screen.query_one("#flag-limp", TickBox).value


# ---- profile and races -------------------------------------------------------------------


async def test_profile_saves_what_changed(planner: Planner, reopen: Reopen) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.query_one("#profile-age", Input).value == "52"
        weight = app.screen.query_one("#profile-weight", Input)
        weight.value = "72.5"
        app.screen.query_one("#profile-hr_max", Input).value = "300"
        await pilot.press("ctrl+s")
        assert "300" in text_of(app, "#profile-error")
        assert app.focused is not None and app.focused.id == "profile-hr_max"  # error.field
        assert reopen().profile.weight_kg == 70  # nothing saved: all or nothing
        app.screen.query_one("#profile-hr_max", Input).value = "178"
        await pilot.press("ctrl+s")
    profile = reopen().profile
    assert (profile.weight_kg, profile.hr_max, profile.age) == (72.5, 178, 52)


async def test_races_enter_and_remove(planner: Planner, reopen: Reopen) -> None:
    app = quiet(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RacesScreen)
        assert app.screen.query_one("#races-empty").display
        await pilot.press(*"2027-03-14", "tab", *"21.1km", "tab", *"Spring Half", "enter")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert [str(cell) for cell in table.get_row_at(0)] == [
            "Sun 14 Mar 2027",
            "Spring Half",
            "21.1 km",
            "in 106 days",
            "Sun 28 Feb",
        ]
        assert reopen().races()[0].name == "Spring Half"
        table.focus()
        await pilot.press("x", "y")
        await pilot.pause()
        assert table.row_count == 0
    assert reopen().races() == ()


async def test_races_refuse_a_bad_distance_in_place(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", *"2027-03-14", "tab", *"far", "enter")
        assert "distance" in text_of(app, "#race-error").lower()
        assert planner.races() == ()


# ---- the command palette -------------------------------------------------------------------


async def test_the_palette_reaches_every_key(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {key.title for key in GLOBAL_KEYS} <= titles
        assert {"Prev day", "Next day", "Light or dark theme", "Theme"} <= titles
        await pilot.press("H")
        await app.workers.wait_for_complete()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Runs", "Load", "Calendar", "Sort", "Back"} <= titles


async def test_a_palette_command_runs(planner: Planner) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        week = next(c for c in app.get_system_commands(app.screen) if c.title == "Week")
        await week.callback()
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
        theme = next(c for c in app.get_system_commands(app.screen) if c.title.startswith("Light"))
        theme.callback()
        assert app.theme == "textual-light"


@pytest.fixture
def red_flag_planner(planner: Planner) -> Planner:
    planner.data.append(CheckinGiven(TODAY, soreness=2, red_flags=("cannot_bear_weight",)))
    return planner
