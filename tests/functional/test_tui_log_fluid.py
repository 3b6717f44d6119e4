"""The log form takes what the run cost in fluid: drunk, and weights before and after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input, Static

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.log_run import LogRunScreen
from planner.tui.screens.today import TodayScreen

SIZE = (80, 24)
TODAY = date(2026, 11, 28)  # as pinned in conftest.py
Reopen = Callable[[], Planner]


def error_text(app: PlannerApp) -> str:
    return str(app.screen.query_one("#log-run-error", Static).content).lower()


async def fill(app: PlannerApp, values: dict[str, str]) -> None:
    for field, value in values.items():
        app.screen.query_one(f"#{field}", Input).value = value


async def test_the_log_form_refuses_a_bad_amount_in_place_then_stores_it(
    planner: Planner, reopen: Reopen
) -> None:
    before = len(planner.runs())
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        assert isinstance(app.screen, LogRunScreen)
        await fill(app, {"run-distance": "21km", "run-duration": "2:00:00", "run-rpe": "5"})
        await fill(app, {"run-drank": "lots", "run-weight-before": "70.2kg"})
        await fill(app, {"run-weight-after": "69.1kg"})
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LogRunScreen)
        assert error_text(app).startswith("drank 'lots': give a number with a unit")
        drank = app.screen.query_one("#run-drank", Input)
        assert drank.has_class("-invalid") and app.focused is drank
        assert len(reopen().runs()) == before  # nothing written

        await fill(app, {"run-drank": "750ml", "run-weight-after": "69.1"})
        await pilot.press("ctrl+s")
        after = app.screen.query_one("#run-weight-after", Input)
        assert error_text(app).startswith("weight after '69.1': give a number with a unit")
        assert app.focused is after

        await fill(app, {"run-weight-after": "152.3lb"})
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)
    run = next(r for r in reopen().runs() if r.date == TODAY and r.distance_m == 21_000)
    assert (run.drank_ml, run.weight_before_kg, run.weight_after_kg) == (750, 70.2, 69.08)
