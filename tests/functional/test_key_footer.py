"""The footer of keys: what it shows per screen, where, and when it is composed again."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import RenderableType
from textual.app import ComposeResult

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.today import TodayScreen
from planner.tui.widgets.day_header import DayHeader
from planner.tui.widgets.day_summary import DaySummary
from planner.tui.widgets.key_footer import KeyFooter

SIZE = (80, 24)
SVG_TEXT = re.compile(
    r'<text[^>]* x="([\d.]+)"[^>]* textLength="([\d.]+)"'
    r'[^>]* clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)"[^>]*>([^<]*)</text>'
)


def painted_rows(app: PlannerApp) -> list[str]:
    """The terminal's rows as painted, read back from Textual's SVG screenshot."""
    cells: dict[int, dict[int, str]] = {}
    cell_width = 0.0
    for x, length, line, escaped in SVG_TEXT.findall(app.export_screenshot()):
        text = html.unescape(escaped).replace("\xa0", " ")
        cell_width = cell_width or float(length) / cell_len(text)
        row = cells.setdefault(int(line), {})
        for offset, char in enumerate(text):
            row[round(float(x) / cell_width) + offset] = char
    return [
        "".join(cells.get(line, {}).get(column, " ") for column in range(app.size.width))
        for line in range(app.size.height)
    ]


def footer(app: PlannerApp) -> KeyFooter:
    return app.screen.query_one(KeyFooter)


def footer_text(app: PlannerApp) -> str:
    """The bottom row as the runner sees it (over a modal: the footer of the screen below)."""
    return painted_rows(app)[app.size.height - 1]


def footer_keys(app: PlannerApp) -> list[str]:
    """The keys the screen's footer is composed of, in order: its FooterKey widgets, found by
    their CSS type (Textual's module of them is private)."""
    keys: list[Any] = list(footer(app).query("FooterKey"))
    return [f"{key.key_display} {key.description}".strip() for key in keys]


def on_label(app: PlannerApp, label: str) -> tuple[int, int]:
    """The offset in the footer of the first letter of `label`."""
    return (footer_text(app).index(label), 0)


def header_text(app: PlannerApp) -> str:
    return app.screen.query_one(DayHeader).plain()


def count_composes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The screens whose footer composes, one entry a compose, from now on."""
    composed: list[str] = []
    compose = KeyFooter.compose

    def counted(self: KeyFooter) -> ComposeResult:
        composed.append(type(self.screen).__name__)
        return compose(self)

    monkeypatch.setattr(KeyFooter, "compose", counted)
    return composed


TODAY_KEYS = [
    "space Tick",
    "[ Prev day",
    "] Next day",
    "c Check-in",
    "w Week",
    "? Keys",
    "q Quit",
    "^p palette",
]


PROFILE_KEYS = ["esc Back", "^s Save", "c Check-in", "w Week", "? Keys", "q Quit", "^p palette"]


async def test_the_footer_lists_the_keys_of_the_screen_shown(app: PlannerApp) -> None:
    from planner.tui.screens.week import WeekScreen

    async with app.run_test(size=SIZE) as pilot:
        assert footer_keys(app) == TODAY_KEYS
        today = footer_text(app)
        assert [today.index(key) for key in TODAY_KEYS] == sorted(
            today.index(key) for key in TODAY_KEYS
        )
        assert today.rstrip().endswith("▏^p palette")
        await pilot.press("w")
        assert isinstance(app.screen, WeekScreen)
        await pilot.pause()
        week = footer_text(app)
        assert "esc Back" in week and "c Check-in" in week
        assert "w Week" not in week  # this is Week
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert footer_text(app) == today


async def test_the_footer_follows_the_bindings_as_they_change(app: PlannerApp) -> None:
    """Over a dialog the footer is the dialog's: its keys, not Today's; then Today's again."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        below = app.screen_stack[-2]
        assert isinstance(below, TodayScreen)
        over_help = footer_text(app)
        assert "esc Close" in over_help, over_help
        assert "space Tick" not in over_help and "w Week" not in over_help
        await pilot.press("escape")
        await pilot.pause()
        assert "w Week" in footer_text(app) and "space Tick" in footer_text(app)


async def test_the_first_frame_has_the_keys(planner: Planner) -> None:
    """Textual's Footer is empty until the first bindings refresh, a frame later; this one is
    composed again at once, so the first frame (what the start-up benchmark times) has them."""
    from test_bench_first_paint import bench_module

    app: PlannerApp = bench_module().first_paint_app()(planner)  # exits at Today's first frame
    at_exit: list[str] = []
    app_exit = app.exit

    def exit_(
        result: int | None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        at_exit.append(footer_text(app))
        app_exit(result, return_code, message)

    app.exit = exit_  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert at_exit
    assert at_exit[0].startswith("space Tick [ Prev day ] Next day c Check-in w Week")


async def test_a_focus_change_that_keeps_the_keys_does_not_compose_again(
    app: PlannerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Profile: from one Select to the next the keys stay; to an Input the global keys go."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#profile-weight_unit").focus()
        await pilot.pause()
        shown = footer_keys(app)
        assert shown == PROFILE_KEYS
        composed = count_composes(monkeypatch)
        screen.query_one("#profile-units").focus()
        await pilot.pause()
        assert app.focused is screen.query_one("#profile-units")
        assert composed == []  # Textual's Footer composes again here
        assert footer_keys(app) == shown
        screen.query_one("#profile-weight").focus()  # an Input: typing owns the letters
        await pilot.pause()
        assert composed == ["ProfileScreen"]
        assert footer_keys(app) == ["esc Back", "^s Save", "^p palette"]
        assert footer_text(app).startswith("esc Back ^s Save ")


async def test_a_focus_change_that_changes_the_keys_composes_once(
    app: PlannerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today: tab to the reasons pane, the checklist's space Tick goes; tab back, it is back."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        composed = count_composes(monkeypatch)
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, DaySummary)
        assert "space Tick" not in footer_keys(app)
        assert composed == ["TodayScreen"]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert footer_keys(app) == TODAY_KEYS
        assert composed == ["TodayScreen", "TodayScreen"]


async def test_a_click_on_a_footer_key_runs_it(app: PlannerApp) -> None:
    from textual.command import CommandPalette

    from planner.tui.screens.week import WeekScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(footer(app), offset=on_label(app, "Next day"))
        await pilot.pause()
        assert header_text(app).startswith("Sun 29 Nov 2026  ")
        await pilot.click(footer(app), offset=on_label(app, "Week"))
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
        await pilot.click(footer(app), offset=on_label(app, "Back"))
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.click(footer(app), offset=on_label(app, "palette"))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_a_click_between_footer_keys_does_nothing(app: PlannerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        text = footer_text(app)
        blank = text.index("] Next day") + len("] Next day")  # the gap before "c Check-in"
        assert text[blank] == " "
        await pilot.click(footer(app), offset=(blank, 0))
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert header_text(app).startswith("Sat 28 Nov 2026  ")


async def test_the_footer_is_compact_below_100_columns(
    app: PlannerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        assert not footer(app).compact
        assert footer_text(app).startswith(" space Tick  [ Prev day  ] Next day ")
        composed = count_composes(monkeypatch)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert footer(app).compact
        text = footer_text(app)
        assert text.startswith("space Tick [ Prev day ] Next day c Check-in w Week ? Keys q Quit")
        assert text.rstrip().endswith("▏^p palette") and len(text) == 80
        assert composed == []  # the same keys, restyled
