"""Text with a hanging indent: wrapped lines start under the text, not under its mark."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

_NARROWEST = 8  # below this the text column is unreadable anyway; let it overflow instead


class Hanging(Visual):
    """A mark ('○ ', '• ') then text; the text wraps in its own column at any width."""

    def __init__(self, mark: Content, text: Content) -> None:
        self.mark = mark
        self.text = text
        self._wrapped: tuple[int, Content] | None = None

    def lines(self, width: int) -> Content:
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, Content("\n").join(self.rows(width)))
        return self._wrapped[1]

    def rows(self, width: int) -> list[Content]:
        """The lines at `width` cells, one Content each (for widgets that draw line by line)."""
        indent = self.mark.cell_length
        rows = self.text.wrap(max(width - indent, _NARROWEST))
        pad = Content(" " * indent)
        return [(self.mark if i == 0 else pad) + row for i, row in enumerate(rows)]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.mark.cell_length + self.text.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.lines(width).plain.count("\n") + 1
