"""A calendar of completed days, like a contribution graph: weeks across, Monday to Sunday down."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from planner.tui.history_view import LEVEL_MARKS, heat_weeks, level

GUTTER = 4  # "Mon "
CELL = 2  # a mark and a space
DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
MAX_WEEKS = 53


class Heatmap(Widget):
    """One mark per day: · nothing ticked, ░ ▒ ▓ partly, █ everything; blank before and after."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heatmap--axis",
        *(f"heatmap--level-{n}" for n in range(len(LEVEL_MARKS))),
    }
    DEFAULT_CSS = """
    Heatmap { height: 9; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shares: dict[date, float] = {}
        self.today: date | None = None

    def show(self, shares: dict[date, float], today: date) -> None:
        self.shares = shares
        self.today = today
        self.refresh()

    @property
    def weeks(self) -> int:
        return max(min((self.size.width - GUTTER) // CELL, MAX_WEEKS), 1)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self.today is None:
            return Strip.blank(width, self.rich_style)
        mondays = heat_weeks(self.today, self.weeks)
        if y == 0:
            strip = Strip([Segment(month_row(mondays), self._style("axis"))])
        elif y <= 7:
            strip = self._day_row(mondays, y - 1)
        elif y == 8:
            strip = self._legend()
        else:
            return Strip.blank(width, self.rich_style)
        return strip.crop(0, width).extend_cell_length(width, self.rich_style)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"heatmap--{name}")

    def _legend(self) -> Strip:
        """'Less · ░ ▒ ▓ █ More', each mark in its own shade."""
        segments = [Segment(" " * GUTTER + "Less ", self._style("axis"))]
        for n, mark in enumerate(LEVEL_MARKS):
            segments += [Segment(mark, self._style(f"level-{n}")), Segment(" ", self.rich_style)]
        segments.append(Segment("More   · nothing ticked, █ every item", self._style("axis")))
        return Strip(segments)

    def _day_row(self, mondays: list[date], weekday: int) -> Strip:
        segments = [Segment(DAY_LABELS[weekday].ljust(GUTTER), self._style("axis"))]
        for monday in mondays:
            day = monday + timedelta(days=weekday)
            share = self.shares.get(day)
            if share is None or self.today is None or day > self.today:
                segments.append(Segment(" " * CELL, self.rich_style))
                continue
            n = level(share)
            segments.append(Segment(LEVEL_MARKS[n], self._style(f"level-{n}")))
            segments.append(Segment(" " * (CELL - 1), self.rich_style))
        return Strip(Segment.simplify(segments))


def month_row(mondays: list[date]) -> str:
    """Month names over the first week that starts in each month, where there is room."""
    row = [" "] * (GUTTER + CELL * len(mondays) + 3)
    free_from = 0
    for index, monday in enumerate(mondays):
        if index == 0:  # a month cut short on the left gets a name only if it has room
            starts_month = all(m.month == monday.month for m in mondays[1:3])
        else:
            starts_month = monday.month != mondays[index - 1].month
        column = GUTTER + CELL * index
        if starts_month and column >= free_from:
            name = f"{monday:%b}"
            row[column : column + len(name)] = name
            free_from = column + len(name) + 1
    return "".join(row).rstrip()
