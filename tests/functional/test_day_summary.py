"""Today's summary, one widget for every block: each in its place, styled, and scrolling."""

from __future__ import annotations

from dataclasses import replace

from textual.color import Color

from planner.tui.app import PlannerApp
from planner.tui.widgets.day_summary import DaySummary

WARNING = (
    "Urgent: numbness or weakness in a leg needs a clinician today, before any running at all."
)
GUIDANCE = "Run up to 39 min · RPE ≤ 4, on the flat, and stop if it hurts."


def hex_of(app: PlannerApp, variable: str) -> str:
    return Color.parse(app.theme_variables[variable]).hex.lower()


async def test_warnings_come_between_the_headline_and_the_disclaimer_on_a_red_bar(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(80, 40)) as pilot:
        summary = app.screen.query_one(DaySummary)
        assert "█" not in summary.summary_text()  # no warnings today: no bar
        summary.show(replace(summary.view, warnings=(WARNING,)))
        await pilot.pause()

        lines = summary.summary_text().splitlines()
        top = next(y for y, line in enumerate(lines) if line.startswith("█ ⚠ Urgent: numbness"))
        assert lines[top - 1] == ""  # a blank line above, as a margin
        assert lines[top + 1].startswith("█   ")  # the wrapped line hangs under the text
        assert lines[top + 2].startswith("planner gives general guidance")
        assert summary.shown("warnings") == f"⚠ {WARNING}"

        bar, pad, text, *_ = summary.render_line(top)  # not scrolled: line y is row y
        assert (bar.text, pad.text) == ("█", " ")
        assert bar.style and bar.style.color and bar.style.color.triplet
        assert bar.style.color.triplet.hex == hex_of(app, "error")
        assert text.style and text.style.bold and text.style.color and text.style.color.triplet
        assert text.style.color.triplet.hex == hex_of(app, "text-error")
        blank = next(iter(summary.render_line(top - 1)))  # the margin, on the summary's own
        assert blank.style and text.style.bgcolor and text.style.bgcolor != blank.style.bgcolor


async def test_the_guidance_wraps_in_its_own_column_at_80_columns(app: PlannerApp) -> None:
    async with app.run_test(size=(80, 40)) as pilot:
        summary = app.screen.query_one(DaySummary)
        summary.show(replace(summary.view, guidance=GUIDANCE * 3, checkin_due=False))
        await pilot.pause()

        lines = summary.summary_text().splitlines()
        assert lines[0] == ""  # no check-in prompt: the headline's margin first
        badge = f" {summary.shown('badge')}  "  # padding either side, then a cell of margin
        assert lines[1].startswith(badge + "Run up to 39 min")
        column = len(badge)
        wrapped = lines[2 : lines.index(next(x for x in lines if x.startswith("planner gives")))]
        assert len(wrapped) >= 2
        assert all(line[:column].isspace() and not line[column].isspace() for line in wrapped)
        assert max(len(line) for line in lines) <= summary.scrollable_content_region.width
        assert summary.shown("guidance") == GUIDANCE * 3


async def test_the_prompt_shows_until_the_check_in(app: PlannerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        summary = app.screen.query_one(DaySummary)
        lines = summary.summary_text().splitlines()
        assert lines[:3] == ["", " Morning check-in not done yet: press c", ""]
        summary.show(replace(summary.view, checkin_due=False))
        await pilot.pause()
        assert summary.shown("prompt") == ""
        assert summary.summary_text().splitlines()[1].startswith(f" {summary.view.badge} ")


async def test_on_80_columns_the_summary_scrolls_by_keys_once_tabbed_to(app: PlannerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        summary = app.screen.query_one(DaySummary)
        summary.show(replace(summary.view, warnings=(WARNING, WARNING)))
        await pilot.pause()
        assert summary.max_scroll_y > 0 and summary.scroll_y == 0
        assert summary.show_vertical_scrollbar
        assert summary.outer_size.height <= 24 * 45 // 100 + 1  # at most 45% of the screen
        await pilot.press("tab")
        assert app.focused is summary
        await pilot.press("down", "down")
        assert summary.scroll_y == 2
        await pilot.press("end")
        assert summary.scroll_y == summary.max_scroll_y
