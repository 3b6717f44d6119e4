"""History for years (issue 14, point 6): the Load and Distance charts show a window the runner
moves ([ ]) and zooms (+ −); a runner whose runs ended years ago sees them, not flat lines; the
distance of each week (or month) in km or mi; empty tabs name the keys that fill them; an
estimated effort reads '~5' in the table and in the run's own screen."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from planner.core.effort import run_load
from planner.core.model import Run
from planner.core.trend import load_trend
from planner.core.wording import pace_label
from planner.events import RunLogged
from planner.service import Planner, RunInput
from planner.tui import history_view
from planner.tui.app import PlannerApp
from planner.tui.load_charts import ChartWindow, distance_bars, distance_charts
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.history import HistoryScreen, whole_trend
from planner.tui.widgets.bar_chart import BarChart
from planner.tui.widgets.line_chart import LineChart

TODAY = date(2026, 11, 28)  # as pinned in conftest.py, a Saturday
OLD_FIRST, OLD_LAST = date(2012, 1, 2), date(2021, 12, 29)  # a Monday, a Wednesday
EMPTY = "No runs yet: press L to log one, or i to import."


@pytest.fixture
def old_planner(new_planner: Planner) -> Planner:
    """Ten years of runs, Monday, Wednesday and Saturday, 2012 to 2021; nothing since."""
    new_planner.set_profile({"age": "52", "weight_kg": "70"})
    runs = []
    day = OLD_FIRST
    while day <= OLD_LAST:
        if day.weekday() in (0, 2, 5):
            runs.append(RunLogged(f"old-{day}", day, 10_000.0, 3000, rpe=5.0, source="manual"))
        day += timedelta(days=1)
    new_planner.data.append_batch(runs)
    assert new_planner.runs()[-1].date == OLD_LAST
    return new_planner


async def open_history(pilot: Pilot[Any], *keys: str) -> HistoryScreen:
    await pilot.press("H")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def span(screen: HistoryScreen, tab: str = "load") -> str:
    return str(screen.query_one(f"#{tab}-span", Static).render())


def chart_text(chart: BarChart) -> str:
    return "\n".join(chart.render_line(y).text for y in range(chart.size.height))


# ---- the window ----------------------------------------------------------------------------


async def test_an_old_history_opens_on_its_last_run(old_planner: Planner) -> None:
    app = PlannerApp(old_planner, poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, "2")
        assert span(screen) == "12 weeks to Wed 29 Dec 2021"
        chart = screen.query_one("#fitness-chart", LineChart).data
        assert chart is not None
        assert (chart.first_label, chart.last_label) == ("Thu 7 Oct 2021", "Wed 29 Dec 2021")
        fitness = next(s for s in chart.series if s.role == "fitness")
        assert len(fitness.values) == 84
        # Years of running: the fitness line is up, not at zero as it would be in 2026.
        assert all(v is not None and v > 20 for v in fitness.values)
        assert screen.data is not None and screen.data.trend[-1].fitness < 1


async def test_keys_move_and_zoom_the_window(old_planner: Planner) -> None:
    app = PlannerApp(old_planner, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, "2")

        async def press(key: str) -> str:
            await pilot.press(key)
            await pilot.pause()
            return span(screen)

        assert await press("left_square_bracket") == "12 weeks to Wed 8 Dec 2021"  # 3 weeks
        assert await press("left_square_bracket") == "12 weeks to Wed 17 Nov 2021"
        assert await press("right_square_bracket") == "12 weeks to Wed 8 Dec 2021"
        assert await press("plus") == "4 weeks to Wed 8 Dec 2021"
        chart = screen.query_one("#ratio-chart", LineChart).data
        assert chart is not None and chart.first_label == "Thu 11 Nov 2021"
        assert len(chart.series[0].values) == 28
        assert await press("left_square_bracket") == "4 weeks to Wed 1 Dec 2021"  # a week
        assert await press("plus") == "1 week to Wed 1 Dec 2021"
        assert await press("plus") == "1 week to Wed 1 Dec 2021"  # the closest there is
        assert await press("minus") == "4 weeks to Wed 1 Dec 2021"
        assert await press("minus") == "12 weeks to Wed 1 Dec 2021"
        assert await press("minus") == "1 year to Wed 1 Dec 2021"
        assert await press("minus") == "All 10 years to Wed 1 Dec 2021"
        assert await press("minus") == "All 10 years to Wed 1 Dec 2021"  # no further out
        chart = screen.query_one("#fitness-chart", LineChart).data
        assert chart is not None and chart.first_label == "Mon 26 Dec 2011"  # a week before
        # Forward as far as today, and no further.
        for _ in range(8):
            await press("right_square_bracket")
        assert span(screen) == "All 15 years to Sat 28 Nov 2026"
        assert await press("plus") == "1 year to Sat 28 Nov 2026"
        # The Distance tab follows the same window.
        await pilot.press("4")
        await pilot.pause()
        assert span(screen, "distance") == "1 year to Sat 28 Nov 2026"
        # On the Runs tab the keys leave the window alone.
        await pilot.press("1", "left_square_bracket", "minus", "2")
        await pilot.pause()
        assert span(screen) == "1 year to Sat 28 Nov 2026"


async def test_the_keys_are_in_the_help_and_the_footer(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner, poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, "2")
        shown = {b.description for _, b, enabled, _ in screen.active_bindings.values() if enabled}
        assert {"Earlier", "Later", "Zoom in", "Zoom out"} <= shown
        assert "Months" not in shown  # the distance bars are on the Distance tab
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict((what, keys) for keys, what in app.screen.rows)
        assert rows["Earlier"] == "[" and rows["Later"] == "]"
        assert rows["Zoom in"].startswith("+") and rows["Zoom out"] == "−"
        assert rows["Months"] == "m" and rows["Distance"] == "4"


def test_the_window_starts_on_4_weeks_for_a_short_history() -> None:
    window = ChartWindow.default(TODAY - timedelta(days=6), TODAY - timedelta(days=1), TODAY)
    assert window.label() == "4 weeks to Sat 28 Nov 2026"
    assert window.start < window.first  # 4 weeks already hold the runs and a week before
    assert window.zoomed(1) == window  # so zooming out shows nothing more
    assert window.moved(-1) == window == window.moved(1)  # nor moving: no day before, or after
    assert window.zoomed(-1).label() == "1 week to Sat 28 Nov 2026"


def test_a_long_trend_comes_in_pieces_without_a_seam(old_planner: Planner) -> None:
    """15 years do not come from the service at once (3660 days at most): the pieces agree
    with one reading of the whole history, day by day."""
    runs = old_planner.runs()
    trend = whole_trend(old_planner, runs, TODAY)
    first = OLD_FIRST - timedelta(days=7)
    assert (trend[0].date, trend[-1].date, len(trend)) == (first, TODAY, (TODAY - first).days + 1)
    assert len(trend) > old_planner.MAX_TREND_DAYS
    rules = old_planner.rules()
    whole = load_trend(
        runs, first, TODAY, rules.load, run_load(runs, old_planner.profile, rules, TODAY)
    )
    assert [(p.date, p.fitness, p.fatigue, p.acwr) for p in trend] == [
        (p.date, p.fitness, p.fatigue, p.acwr) for p in whole
    ]


# ---- distance ------------------------------------------------------------------------------


async def test_weekly_distance_in_km_and_in_miles(planner: Planner) -> None:
    """conftest's runs: 8 km on Sun 22 Nov, then 10, 6 and 16 km in the week of Mon 23 Nov."""

    async def bars() -> tuple[str, list[tuple[str, float]], str]:
        app = PlannerApp(planner, poll_seconds=0)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_history(pilot, "4")
            assert span(screen, "distance") == "4 weeks to Sat 28 Nov 2026"
            chart = screen.query_one(BarChart)
            data = chart.chosen(chart.size.width)
            assert data is not None
            return data.title, [(b.label, round(b.value, 2)) for b in data.bars], chart_text(chart)

    title, weeks, text = await bars()
    assert title == "Distance a week, km"
    assert weeks == [("26 Oct", 0), ("2 Nov", 0), ("9 Nov", 0), ("16 Nov", 8.0), ("23 Nov", 32.0)]
    assert " 32 " in text and " 8 " in text and "40" in text  # values over bars, the scale's top

    planner.set_profile({"units": "imperial"})
    title, weeks, text = await bars()
    assert title == "Distance a week, mi"
    assert weeks[-2:] == [("16 Nov", 4.97), ("23 Nov", 19.88)]
    assert "19.9" in text and "5.0" in text


async def test_m_shows_the_distance_by_the_month_and_back(planner: Planner) -> None:
    planner.log_run(RunInput("12km", "1:00:00", rpe="4", day=date(2026, 10, 31)))
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, "4")
        chart = screen.query_one(BarChart)

        def shown() -> tuple[str, list[tuple[str, float]]]:
            data = chart.chosen(chart.size.width)
            assert data is not None
            return data.title, [(b.label, b.value) for b in data.bars]

        assert shown()[1][-3:] == [("9 Nov", 0.0), ("16 Nov", 8.0), ("23 Nov", 32.0)]
        await pilot.press("m")
        await pilot.pause()
        assert shown() == ("Distance a month, km", [("Sep", 0.0), ("Oct", 12.0), ("Nov", 40.0)])
        shown_keys = {b.description for _, b, on, _ in screen.active_bindings.values() if on}
        assert "Weeks" in shown_keys and "Months" not in shown_keys
        note = str(screen.query_one("#distance-note", Static).render())
        # The total is that of the bars: from the first of the first bar's month.
        assert note == "Tue 1 Sep to Sat 28 Nov: 52.0 km in 5 runs. m: by the week."
        await pilot.press("m")
        await pilot.pause()
        assert shown()[0] == "Distance a week, km"


def test_distance_bars_count_whole_weeks_months_and_years() -> None:
    def run(day: date, km: float) -> Run:
        return Run(f"r{day}", day, km * 1000, 3000, 3000)

    runs = [run(date(2025, 12, 31), 5), run(date(2026, 1, 4), 10), run(date(2026, 1, 5), 7)]
    weeks = distance_bars(runs, date(2026, 1, 1), date(2026, 1, 6), "week", "metric")
    assert [(b.start, b.value) for b in weeks] == [
        (date(2025, 12, 29), 15.0),
        (date(2026, 1, 5), 7.0),
    ]
    months = distance_bars(runs, date(2025, 12, 1), date(2026, 1, 31), "month", "imperial")
    assert [(b.label, round(b.value, 3)) for b in months] == [("Dec", 3.107), ("2026", 10.563)]
    years = distance_bars(runs, date(2025, 6, 1), date(2026, 1, 6), "year", "metric")
    assert [(b.label, b.value) for b in years] == [("2025", 5.0), ("2026", 17.0)]


def test_weeks_too_many_for_the_width_show_as_years() -> None:
    """All of 2012 to 2026 at 80 columns: 779 weeks and 179 months do not fit, 15 years do."""
    window = ChartWindow(date(2012, 1, 1), TODAY, TODAY, zoom=4)  # all years
    options = distance_charts([], window, "week", "metric")
    assert [len(option.bars) for option in options] == [779, 179, 15]
    chart = BarChart()
    chart.show(*options)
    chosen = chart.chosen(80)
    assert chosen is options[2]
    assert chosen.title == "Distance a year, km (weeks do not fit this width)"
    assert [bar.label for bar in chosen.bars] == [str(year) for year in range(2012, 2027)]
    assert chart.chosen(200) is options[1]  # 179 months fit 200 columns


# ---- empty tabs, efforts, pace -------------------------------------------------------------


async def test_empty_history_names_the_keys_that_fill_it(new_planner: Planner) -> None:
    new_planner.set_profile({"age": "40"})
    app = PlannerApp(new_planner, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        for tab, chart in (
            ("runs", "#runs-table"),
            ("load", "#fitness-chart"),
            ("distance", "#distance-chart"),
        ):
            await pilot.press({"runs": "1", "load": "2", "distance": "4"}[tab])
            await pilot.pause()
            empty = screen.query_one(f"#{tab}-empty", Static)
            assert empty.display and str(empty.render()) == EMPTY
            assert not screen.query_one(chart).display
        # The keys it names are the App's: L logs a run, i imports.
        await pilot.press("L")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogRunScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "ImportScreen"


async def test_runs_hide_the_empty_note(app: PlannerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, "2")
        assert not screen.query_one("#load-empty", Static).display
        assert screen.query_one("#fitness-chart").display


async def test_an_estimated_effort_reads_with_a_tilde_in_history(new_planner: Planner) -> None:
    """A run with heart rate and no rating: the plan estimates its effort from the heart rate."""
    new_planner.set_profile({"age": "45", "hr_max": "180", "hr_rest": "50"})
    new_planner.log_run(RunInput("10km", "50:00", avg_hr="160", day=TODAY - timedelta(days=1)))
    (run,) = new_planner.runs()
    effort = new_planner.efforts()[run.id]
    assert effort.estimated and run.rpe is None
    app = PlannerApp(new_planner, poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DataTable)
        assert str(table.get_row_at(0)[4]) == f"~{effort.rpe:.0f}"
        await pilot.press("enter")
        await pilot.pause()
        summary = str(app.screen.query_one("#detail-summary", Static).render())
        assert f"RPE ~{effort.rpe:.0f}" in summary and "5:00/km" in summary


def test_history_uses_the_one_pace_label() -> None:
    assert history_view.pace_label is pace_label
    run = Run("r", TODAY, 10_000.0, 3000, 3000)
    assert history_view.run_cells(run, "metric")[3] == "5:00/km"
    assert history_view.run_cells(run, "imperial")[3] == "8:03/mi"
    assert history_view.run_cells(Run("z", TODAY, 0.0, 3000, 3000), "metric")[3] == ""
