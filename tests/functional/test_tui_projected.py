"""A projected day (after today) is shown, not ticked: the service refuses, the TUI says why."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.widgets.checklist import Checklist

SIZE = (80, 24)


async def test_a_tick_on_tomorrow_is_refused_and_nothing_is_written(
    planner: Planner, data_dir: Path
) -> None:
    before = sorted((data_dir / "events").rglob("*.toml"))
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")  # tomorrow
        await pilot.pause()
        assert app.screen.day == planner.today() + timedelta(days=1)  # type: ignore[attr-defined]
        await pilot.press("space")
        await pilot.pause()
        items = app.screen.query_one(Checklist).items
        assert not any(item.done for item in items)
        assert any("after today" in n.message for n in app._notifications)
    assert sorted((data_dir / "events").rglob("*.toml")) == before
