"""Under the checklist: the highlighted item in full, as far as a few lines go."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from planner.core.model import ChecklistItem
from planner.tui.widgets.checklist import withheld_reason

MORE = " enter: all"  # where the text is cut: the key that shows the whole item


def detail_text(item: ChecklistItem | None, planned: bool = False) -> str:
    """What the line says of `item`: its dose in full (why it is withheld), its source."""
    if item is None:
        return "Nothing to tick on this day."
    text = withheld_reason(item) if item.withheld else item.detail or item.why
    if planned:
        text = f"Planned: {text}" if text else "Planned."
    return text


class ItemDetail(Widget):
    """The highlighted item's whole text, cut to `max_lines` with the key for the rest.

    One widget drawing one Content, as the day header does: a Static would parse markup and
    wrap again on every cursor move.
    """

    DEFAULT_CSS = """
    ItemDetail { height: auto; }
    """

    def __init__(
        self,
        item: ChecklistItem | None,
        *,
        planned: bool = False,
        max_lines: int = 3,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.max_lines = max_lines
        self.show(item, planned)

    def show(self, item: ChecklistItem | None, planned: bool = False) -> None:
        self.text = detail_text(item, planned)
        self.refresh(layout=True)

    def set_max_lines(self, max_lines: int) -> None:
        if max_lines != self.max_lines:
            self.max_lines = max_lines
            self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """The text wrapped to `width`, at most `max_lines`, the last cut with '…' and MORE."""
        rows = Content(self.text).wrap(max(width, 1))
        if len(rows) <= self.max_lines:
            return rows
        more = Content(MORE).stylize("b")
        last = Content(" ").join([rows[self.max_lines - 1], rows[self.max_lines]])
        last = last.truncate(max(width - more.cell_length, 1), ellipsis=True)
        return [*rows[: self.max_lines - 1], last + more]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width)) if width else 1

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width or 80))

    def plain(self) -> str:
        return self.render().plain
