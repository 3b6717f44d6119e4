"""A widget drawn whole, line by line, and kept until its size or its data change: the
charts (line_chart.py, bar_chart.py) draw every cell themselves, so Textual's per-line
render_line would otherwise draw the whole chart again for each line."""

from __future__ import annotations

from textual.strip import Strip
from textual.widget import Widget


class DrawnWidget(Widget):
    """Subclasses draw all their lines in `_draw`; `redraw()` when what they show changes."""

    _strips: tuple[tuple[int, int], list[Strip]] | None = None

    def redraw(self) -> None:
        self._strips = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None  # a theme change recolours every line

    def render_line(self, y: int) -> Strip:
        size = (self.size.width, self.size.height)
        if self._strips is None or self._strips[0] != size:
            self._strips = (size, self._draw(*size))
        strips = self._strips[1]
        return strips[y] if y < len(strips) else Strip.blank(self.size.width)

    def _draw(self, width: int, height: int) -> list[Strip]:
        raise NotImplementedError
