"""A braille dot canvas: each terminal cell holds 2x4 dots, so a line chart gets 8x the points."""

from __future__ import annotations

from collections.abc import Sequence

# Bit of each dot (column, row) within a cell, as Unicode's braille block numbers them.
_DOT_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
_BLANK = 0x2800


class BrailleCanvas:
    """Dots on a grid of `width` x `height` cells; each cell remembers the last layer drawn."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(width, 1)
        self.height = max(height, 1)
        self._bits = [[0] * self.width for _ in range(self.height)]
        self._layer: list[list[int | None]] = [[None] * self.width for _ in range(self.height)]

    @property
    def dot_width(self) -> int:
        return self.width * 2

    @property
    def dot_height(self) -> int:
        return self.height * 4

    def dot(self, x: int, y: int, layer: int) -> None:
        if 0 <= x < self.dot_width and 0 <= y < self.dot_height:
            row, col = y // 4, x // 2
            self._bits[row][col] |= _DOT_BITS[x % 2][y % 4]
            self._layer[row][col] = layer

    def y_of(self, value: float, low: float, high: float) -> int:
        """The dot row of `value` on a scale from `low` (bottom) to `high` (top)."""
        span = high - low or 1.0
        share = (value - low) / span
        return round((1.0 - min(max(share, 0.0), 1.0)) * (self.dot_height - 1))

    def line(
        self,
        values: Sequence[float | None],
        low: float,
        high: float,
        layer: int,
        *,
        dotted: bool = False,
    ) -> None:
        """Values spread evenly across the width, joined; None leaves a gap."""
        xs = spread(len(values), self.dot_width)
        previous: tuple[int, int] | None = None
        for x, value in zip(xs, values, strict=True):
            if value is None:
                previous = None
                continue
            y = self.y_of(value, low, high)
            start = previous if previous is not None else (x, y)
            for px, py in _segment(start, (x, y)):
                if not dotted or px % 4 < 2:
                    self.dot(px, py, layer)
            previous = (x, y)

    def hline(self, value: float, low: float, high: float, layer: int) -> None:
        """A dotted level line across the whole width."""
        y = self.y_of(value, low, high)
        for x in range(0, self.dot_width, 3):
            self.dot(x, y, layer)

    def rows(self) -> list[list[tuple[str, int | None]]]:
        """Each cell's character and the layer that drew in it last (None: empty)."""
        return [
            [(chr(_BLANK + bits), layer) for bits, layer in zip(bit_row, layer_row, strict=True)]
            for bit_row, layer_row in zip(self._bits, self._layer, strict=True)
        ]

    def text(self) -> str:
        return "\n".join("".join(char for char, _ in row) for row in self.rows())


def spread(count: int, width: int) -> list[int]:
    """`count` x positions from 0 to width-1, evenly apart."""
    if count <= 1:
        return [0] * count
    return [round(i * (width - 1) / (count - 1)) for i in range(count)]


def _segment(start: tuple[int, int], end: tuple[int, int]) -> list[tuple[int, int]]:
    """The dots from start to end: every column, and every row where the line is steep."""
    (x0, y0), (x1, y1) = start, end
    steps = max(abs(x1 - x0), abs(y1 - y0), 1)
    return [
        (round(x0 + (x1 - x0) * i / steps), round(y0 + (y1 - y0) * i / steps))
        for i in range(steps + 1)
    ]
