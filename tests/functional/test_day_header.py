"""Today's header line: the marker's colour is its CSS's, whatever the day."""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.geometry import Region

from planner.tui.app import PlannerApp
from planner.tui.widgets.day_header import DayHeader


def segment_with(header: DayHeader, text: str) -> Segment:
    (strip,) = header.render_lines(Region(0, 0, header.size.width, 1))
    return next(segment for segment in strip if text in segment.text)


def colour(segment: Segment) -> str:
    assert segment.style and segment.style.color and segment.style.color.triplet
    return segment.style.color.triplet.hex.lower()


async def test_the_marker_is_green_today_and_muted_on_a_past_day(app: PlannerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        header = app.screen.query_one(DayHeader)
        today = segment_with(header, "today")
        assert colour(today) == Color.parse(app.theme_variables["text-success"]).hex.lower()
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        past, date = segment_with(header, "2 days ago"), segment_with(header, "Thu 26 Nov")
        # $text-muted is "auto 60%": dimmer than the date's $text, not the full white (or
        # black) that the markup "[$text-muted]" gave.
        muted = header.get_visual_style("day-header--when")
        assert muted.background is not None and muted.foreground is not None
        assert colour(past) == (muted.background + muted.foreground).hex.lower()
        assert colour(past) != colour(date) and colour(past) not in ("#ffffff", "#000000")
