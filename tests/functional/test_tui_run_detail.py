"""History's runs open: enter shows one run, which can be rated, retyped or deleted there."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.history import HistoryScreen
from planner.tui.screens.run_detail import RunDetailScreen

SIZE = (100, 30)


async def open_first_run(app: PlannerApp, pilot: object) -> str:
    await pilot.press("H")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    table = screen.query_one(DataTable)
    assert table.row_count
    run_id = screen.highlighted_run_id()
    assert run_id is not None
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, RunDetailScreen) and app.screen.run.id == run_id
    return run_id


async def test_a_run_is_rated_and_retyped_in_its_detail(planner: Planner) -> None:
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        run_id = await open_first_run(app, pilot)
        rpe = app.screen.query_one("#detail-rpe", Input)
        rpe.value = "7"
        app.screen.query_one("#detail-type", Select).value = "tempo"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    run = planner.run(run_id)
    assert (run.rpe, run.rpe_estimated, run.type) == (7.0, False, "tempo")


async def test_a_bad_rating_is_said_in_place_with_the_cursor_on_it(planner: Planner) -> None:
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        run_id = await open_first_run(app, pilot)
        before = planner.run(run_id)
        app.screen.query_one("#detail-type", Select).focus()
        app.screen.query_one("#detail-rpe", Input).value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunDetailScreen)
        assert app.focused is app.screen.query_one("#detail-rpe", Input)
        assert "RPE 12: must be from 1 to 10" in str(app.screen.query_one("#detail-error").render())
    assert planner.run(run_id) == before


async def test_delete_asks_once_then_deletes(planner: Planner) -> None:
    app = PlannerApp(planner, poll_seconds=0)
    count = len(planner.runs())
    async with app.run_test(size=SIZE) as pilot:
        run_id = await open_first_run(app, pilot)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, RunDetailScreen)  # asked, not yet deleted
        assert len(planner.runs()) == count
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert len(planner.runs()) == count - 1
    assert run_id not in {r.id for r in planner.runs()}
