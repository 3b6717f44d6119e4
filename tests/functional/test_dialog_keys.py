"""Issue 14, point 9: under each dialog the footer shows that dialog's keys, and each dialog
fits the runner's 80x24 terminal above it."""

from __future__ import annotations

import pytest
from test_key_footer import footer_text
from textual.widgets import DataTable, Input

from planner.tui.app import PlannerApp
from planner.tui.screens.races import RacesScreen

SIZE = (80, 24)

# How each dialog is opened from Today (keys), the keys its footer must show, and its panel.
DIALOGS = [
    ("help", ("question_mark",), ["esc Close"], "#help-panel"),
    ("check-in", ("c",), ["^s Save", "esc Cancel"], "#checkin-panel"),
    ("log run", ("L",), ["^s Log run", "esc Cancel"], "#log-run-panel"),
    ("sync", ("s",), ["esc Close"], "#sync-panel"),
    ("item", ("enter",), ["esc Close", "space Tick"], "#item-panel"),
    ("run detail", ("H", "enter"), ["^s Save", "^d Delete", "esc Close"], "#run-detail-panel"),
]


@pytest.mark.parametrize(
    ("keys", "shown", "panel"),
    [dialog[1:] for dialog in DIALOGS],
    ids=[dialog[0] for dialog in DIALOGS],
)
async def test_the_footer_under_a_dialog_is_the_dialogs(
    app: PlannerApp, keys: tuple[str, ...], shown: list[str], panel: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        today_footer = footer_text(app)
        assert "w Week" in today_footer
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        bottom = footer_text(app)
        for key in shown:
            assert key in bottom, (key, bottom)
        assert "w Week" not in bottom and "[ Prev day" not in bottom, bottom
        # The panel is whole on the screen, above the footer's row.
        region = app.screen.query_one(panel).region
        assert region.height > 0 and region.bottom <= SIZE[1] - 1, region
        assert region.x >= 0 and region.right <= SIZE[0], region


async def test_the_confirm_dialog_shows_yes_and_no(app: PlannerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _enter_race(pilot, app, "2027-01-10", "10km", "New Year 10k")
        await pilot.press("shift+tab")  # from the form's first field back to the table
        await pilot.press("x")
        await pilot.pause()
        bottom = footer_text(app)
        assert "y Yes" in bottom and "n No" in bottom, bottom


async def _enter_race(pilot: object, app: PlannerApp, day: str, distance: str, name: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    if not isinstance(app.screen, RacesScreen):
        await pilot.press("r")
        await pilot.pause()
    screen = app.screen
    screen.query_one("#race-date", Input).focus()
    for field, text in (("date", day), ("distance", distance), ("name", name)):
        screen.query_one(f"#race-{field}", Input).value = text
    screen.query_one("#race-name", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


async def test_after_a_race_is_entered_the_form_is_ready_for_the_next(app: PlannerApp) -> None:
    """The new race is highlighted in the table and the date field has the focus again, so a
    season's races go in one after another."""
    async with app.run_test(size=SIZE) as pilot:
        await _enter_race(pilot, app, "2027-03-14", "21.1km", "Spring half")
        await _enter_race(pilot, app, "2027-01-10", "10km", "New Year 10k")
        screen = app.screen
        assert isinstance(screen, RacesScreen)
        assert app.focused is screen.query_one("#race-date", Input)
        assert all(not field.value for field in screen.query(Input))
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        highlighted = table.get_row_at(table.cursor_row)
        assert "New Year 10k" in str(highlighted[1]), highlighted  # the one just entered
