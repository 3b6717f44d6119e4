"""Today's summary, one widget for every block: each in its place, styled, and scrolling."""

from __future__ import annotations

from dataclasses import replace

from textual.color import Color

from planner.tui.app import PlannerApp
from planner.tui.widgets.checklist import Checklist
from planner.tui.widgets.day_summary import DaySummary

WARNING = (
    "Urgent: numbness or weakness in a leg needs a clinician today, before any running at all."
)
GUIDANCE = "Run up to 39 min · RPE ≤ 4, on the flat, and stop if it hurts."


def hex_of(app: PlannerApp, variable: str) -> str:
    return Color.parse(app.theme_variables[variable]).hex.lower()


async def test_warnings_come_between_the_headline_and_the_reasons_on_a_red_bar(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(80, 40)) as pilot:
        summary = app.screen.query_one(DaySummary)
        assert "█" not in summary.summary_text()  # no warnings today: no bar
        summary.show(replace(summary.view, warnings=(WARNING,)))
        summary.set_compact(False)
        await pilot.pause()

        lines = summary.summary_text().splitlines()
        top = next(y for y, line in enumerate(lines) if line.startswith("█ ⚠ Urgent: numbness"))
        assert lines[top - 1] == ""  # a blank line above, as a margin
        assert lines[top + 1].startswith("█   ")  # the wrapped line hangs under the text
        assert lines[top + 2] == "" and lines[top + 3].startswith("• ")  # then the reasons
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
        badge = f" {summary.shown('badge')}  "  # padding either side, then a cell of margin
        assert lines[0].startswith(badge + "Run up to 39 min")  # no check-in prompt above it
        column = len(badge)
        assert not summary.compact  # 80x40: all of the day fits, in blocks with a blank between
        wrapped = lines[1 : lines.index("")]
        assert len(wrapped) >= 2
        assert all(line[:column].isspace() and not line[column].isspace() for line in wrapped)
        assert max(len(line) for line in lines) <= summary.scrollable_content_region.width
        assert summary.shown("guidance") == GUIDANCE * 3


async def test_the_prompt_shows_until_the_check_in_then_the_answers(app: PlannerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        summary = app.screen.query_one(DaySummary)
        assert summary.compact  # 80x24: the short form
        lines = summary.summary_text().splitlines()
        assert lines[0].startswith(f" {summary.view.badge} ")  # the headline first
        assert " Morning check-in not done yet: press c" in lines
        assert summary.shown("checkin") == ""
        answers = "Checked in 07:12 · soreness 2/10 · calves"
        summary.show(replace(summary.view, checkin_due=False, checkin=answers))
        await pilot.pause()
        assert summary.shown("prompt") == ""
        assert summary.shown("checkin") == answers
        assert answers in summary.summary_text().splitlines()


async def test_the_compact_summary_gives_one_reason_and_y_gives_them_all(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        summary = app.screen.query_one(DaySummary)
        reasons = summary.view.reasons
        assert len(reasons) > 1
        one = summary.shown("reasons")
        assert one.startswith("• " + reasons[0][:30]) and one.endswith("y: why")
        assert len(one.splitlines()) == 1
        await pilot.press("y")
        assert not summary.compact and app.focused is summary
        assert summary.shown("reasons").splitlines() == [f"• {r}" for r in reasons]
        await pilot.press("j", "j")
        assert summary.scroll_y == 2  # j and k scroll it, as the help says
        await pilot.press("k")
        assert summary.scroll_y == 1
        await pilot.press("y")
        assert summary.compact and summary.scroll_y == 0
        assert isinstance(app.focused, Checklist)


async def test_on_80_columns_the_summary_scrolls_by_keys_once_tabbed_to(app: PlannerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        summary = app.screen.query_one(DaySummary)
        summary.show(replace(summary.view, warnings=(WARNING,) * 5))
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
