"""A bar chart in block characters: a title line, the bars over their scale, each bar's value
over it where it fits, and the periods under them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from planner.tui.widgets.drawn import DrawnWidget

EIGHTHS = " ▁▂▃▄▅▆▇█"  # a cell's share of a bar, in eighths
MAX_CELL = 8  # columns per bar at most, the gap included: wide bars would not read better


@dataclass(frozen=True)
class Bar:
    label: str  # under it: "31 Aug", "Sep", "2012"
    value: float  # in the chart's unit
    start: date  # the first day of its period


@dataclass(frozen=True)
class BarData:
    title: str  # "Distance a week, km": names the unit of the scale
    bars: tuple[Bar, ...]
    decimals: int = 0


def nice_top(value: float) -> float:
    """The scale's top: the value rounded up to a round number (1, 1.5, 2 ... 8 times a power
    of ten), so the tallest bar nearly fills the height."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    steps = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    return next(step * power for step in steps if step * power >= value - 1e-9)


def number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


class BarChart(DrawnWidget):
    """Draws the first of its `BarData` whose bars fit the width (the others are coarser)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bar-chart--title",
        "bar-chart--axis",
        "bar-chart--bar",
        "bar-chart--value",
    }
    DEFAULT_CSS = """
    BarChart { height: 10; min-height: 6; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options: tuple[BarData, ...] = ()

    def show(self, *options: BarData) -> None:
        self.options = options
        self.redraw()

    def chosen(self, width: int) -> BarData | None:
        """The first option whose bars fit `width` columns; the last one when none does."""
        for data in self.options:
            if len(data.bars) <= width - self._gutter(data):
                return data
        return self.options[-1] if self.options else None

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"bar-chart--{name}")

    @staticmethod
    def _top(data: BarData) -> float:
        return nice_top(max((bar.value for bar in data.bars), default=0.0))

    def _gutter(self, data: BarData) -> int:
        return len(number(self._top(data), data.decimals)) + 1

    def _draw(self, width: int, height: int) -> list[Strip]:
        data = self.chosen(width)
        if data is None or height < 4 or width < 12:
            return []
        top, gutter = self._top(data), self._gutter(data)
        bars = data.bars[-(width - gutter) :]  # when even the coarsest does not fit: the latest
        cell = max(1, min(MAX_CELL, (width - gutter) // max(len(bars), 1)))
        bar_width = cell - 1 if cell >= 2 else 1
        rows = height - 2  # under the title, over the labels; the top row for values
        eighths = [self._eighths(bar.value, top, (rows - 1) * 8) for bar in bars]
        strips = [self._line([Segment(data.title, self._style("title"))], width)]
        for row in range(rows):
            scale = number(top, data.decimals) if row == 1 else "0" if row == rows - 1 else ""
            segments = [Segment(scale.rjust(gutter - 1) + " ", self._style("axis"))]
            for bar, filled in zip(bars, eighths, strict=True):
                segments += self._cell(bar, filled, rows - 1 - row, bar_width, cell, data)
            strips.append(self._line(segments, width))
        strips.append(self._labels(bars, gutter, cell, width))
        return strips

    @staticmethod
    def _eighths(value: float, top: float, full: int) -> int:
        if value <= 0:
            return 0
        return max(1, min(full, round(value / top * full)))

    def _cell(
        self, bar: Bar, filled: int, level: int, bar_width: int, cell: int, data: BarData
    ) -> list[Segment]:
        """A bar's part in one row, `level` rows above the bottom: a block, its value just
        over its top when it fits the bar, or nothing."""
        gap = Segment(" " * (cell - bar_width), self.rich_style)
        share = filled - level * 8
        if share > 0:
            char = EIGHTHS[min(share, 8)]
            return [Segment(char * bar_width, self._style("bar")), gap]
        value = number(bar.value, data.decimals)
        if filled and level == (filled - 1) // 8 + 1 and len(value) <= bar_width:
            return [Segment(value.rjust(bar_width), self._style("value")), gap]
        return [Segment(" " * bar_width, self.rich_style), gap]

    def _labels(self, bars: tuple[Bar, ...], gutter: int, cell: int, width: int) -> Strip:
        """Each bar's period under it where there is room, one space apart at least."""
        line = [" "] * width
        free = gutter
        for index, bar in enumerate(bars):
            x = gutter + index * cell
            if x >= free and x + len(bar.label) <= width:
                line[x : x + len(bar.label)] = bar.label
                free = x + len(bar.label) + 1
        return Strip([Segment("".join(line), self._style("axis"))])

    def _line(self, segments: list[Segment], width: int) -> Strip:
        strip = Strip(Segment.simplify(segments))
        return strip.crop(0, width).extend_cell_length(width, self.rich_style)
