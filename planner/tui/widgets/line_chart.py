"""A line chart in braille dots: a legend line, the plot with its scale, and the dates under it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from planner.tui.widgets.braille import BrailleCanvas
from planner.tui.widgets.drawn import DrawnWidget

# The roles a line can play; each is a component class, coloured in app.tcss.
ROLES = ("fitness", "fatigue", "form", "ratio", "guide", "danger")


@dataclass(frozen=True)
class Series:
    role: str  # one of ROLES
    values: tuple[float | None, ...]
    legend: str  # "fitness 42"
    dotted: bool = False


@dataclass(frozen=True)
class Guide:
    """A dotted level line: zero, or a threshold."""

    value: float
    role: str = "guide"


@dataclass(frozen=True)
class ChartData:
    title: str
    series: tuple[Series, ...]
    first_label: str  # under the left edge
    last_label: str  # under the right edge
    low: float
    high: float
    band: tuple[float, float] | None = None  # a shaded range of values, like 0.8-1.3
    guides: tuple[Guide, ...] = ()
    decimals: int = 0


def fit_width(values: tuple[float | None, ...], dots: int) -> tuple[float | None, ...]:
    """More values than dot columns (years of days): each column the mean of its values, so a
    long window reads as a line, not as a hatch of every day's ups and downs."""
    if len(values) <= dots or dots < 1:
        return values
    fitted: list[float | None] = []
    for column in range(dots):
        part = values[column * len(values) // dots : (column + 1) * len(values) // dots]
        known = [v for v in part if v is not None]
        fitted.append(sum(known) / len(known) if known else None)
    return tuple(fitted)


def scale_label(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace("-", "−")


class LineChart(DrawnWidget):
    """Draws one `ChartData`; the last series drawn wins a shared cell's colour."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-chart--title",
        "line-chart--axis",
        "line-chart--band",
        *(f"line-chart--{role}" for role in ROLES),
    }
    DEFAULT_CSS = """
    LineChart { height: 8; min-height: 5; }
    """

    def __init__(self, data: ChartData | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data

    def show(self, data: ChartData) -> None:
        self.data = data
        self.redraw()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"line-chart--{name}")

    def _draw(self, width: int, height: int) -> list[Strip]:
        data = self.data
        if data is None or height < 3 or width < 12:
            return []
        labels = [scale_label(v, data.decimals) for v in (data.high, data.low)]
        gutter = max(len(label) for label in labels) + 1
        canvas = BrailleCanvas(width - gutter, height - 2)
        roles = [guide.role for guide in data.guides] + [s.role for s in data.series]
        for layer, guide in enumerate(data.guides):
            canvas.hline(guide.value, data.low, data.high, layer)
        offset = len(data.guides)
        for layer, series in enumerate(data.series, start=offset):
            values = fit_width(series.values, canvas.dot_width)
            canvas.line(values, data.low, data.high, layer, dotted=series.dotted)
        rows = canvas.rows()
        strips = [self._legend(data, width)]
        for index, row in enumerate(rows):
            label = labels[0] if index == 0 else labels[1] if index == len(rows) - 1 else ""
            banded = self._banded(data, canvas, index)
            strips.append(self._plot_row(label.rjust(gutter - 1) + " ", row, roles, banded))
        strips.append(self._dates(data, gutter, width))
        return strips

    def _legend(self, data: ChartData, width: int) -> Strip:
        segments = [Segment(data.title, self._style("title"))]
        for series in data.series:
            mark = "┅" if series.dotted else "━"
            segments += [Segment("  ", self.rich_style), Segment(mark, self._style(series.role))]
            segments.append(Segment(f" {series.legend}", self._style("axis")))
        return Strip(segments).crop(0, width).extend_cell_length(width, self.rich_style)

    @staticmethod
    def _banded(data: ChartData, canvas: BrailleCanvas, row: int) -> bool:
        """Whether a cell row's values overlap the band."""
        if data.band is None:
            return False
        span = data.high - data.low or 1.0
        top = data.high - span * (row * 4) / canvas.dot_height
        bottom = data.high - span * (row * 4 + 3) / canvas.dot_height
        low, high = data.band
        return bottom <= high and top >= low

    def _plot_row(
        self, label: str, row: list[tuple[str, int | None]], roles: list[str], banded: bool
    ) -> Strip:
        base = self._style("band") if banded else self.rich_style
        segments = [Segment(label, self._style("axis"))]
        for char, layer in row:
            fg = Style() if layer is None else self._style(roles[layer])
            segments.append(Segment(char, base + Style(color=fg.color, bold=fg.bold)))
        return Strip(Segment.simplify(segments)).extend_cell_length(
            len(label) + len(row), self.rich_style
        )

    def _dates(self, data: ChartData, gutter: int, width: int) -> Strip:
        room = width - gutter
        first, last = data.first_label, data.last_label
        text = " " * gutter + first + last.rjust(max(room - len(first), 0))
        return Strip([Segment(text[:width], self._style("axis"))]).extend_cell_length(
            width, self.rich_style
        )
