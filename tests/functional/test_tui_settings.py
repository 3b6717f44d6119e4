"""Display choices survive a restart: the theme chosen in the palette, and $PLANNER_THEME."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.settings import config_file

SIZE = (80, 24)


async def test_the_theme_survives_a_restart(
    planner: Planner, reopen: Callable[[], Planner]
) -> None:
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme != "textual-light"
        app.theme = "textual-light"  # what the palette's theme picker does
        await pilot.pause()
    assert 'theme = "textual-light"' in config_file().read_text()
    assert config_file().stat().st_mode & 0o777 == 0o600
    again = PlannerApp(reopen(), poll_seconds=0)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"
        assert again.current_theme.dark is False


async def test_the_environment_wins_and_a_bad_file_is_no_choice(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("theme = [not toml")
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE):
        assert app.theme == "textual-dark"  # the default: the file could not be read
    monkeypatch.setenv("PLANNER_THEME", "nord")
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE):
        assert app.theme == "nord"
