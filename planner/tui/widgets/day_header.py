"""The top line of Today: which day is shown, how far from today, and the runner's age group.

One widget drawing one line (four labels in a row cost four widgets' styling and layout on
every first paint): the date and its distance from today on the left, the age group right.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from planner.core.morning import DayView

DEMO_NOTE = "demo data: nothing is kept"
# Styles by theme variable, so light, dark and NO_COLOR all work.
WHEN_STYLE = {"today": "b $text-success", "projected": "$text-warning", "": "$text-muted"}


class DayHeader(Widget):
    """Date and marker on the left, demo note, age and WMA age group on the right."""

    DEFAULT_CSS = """
    DayHeader { height: 1; }
    """

    def __init__(self, view: DayView, *, demo: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.demo = demo

    def show(self, view: DayView) -> None:
        self.view = view
        self.refresh()

    def render(self) -> Content:
        return self.line(self.content_size.width)

    def line(self, width: int) -> Content:
        """The line at `width` cells: the marker gives way first on a narrow terminal."""
        view = self.view
        left = Content.from_markup("[b]$date[/b]  ", date=view.date_text)
        right = Content.from_markup("[$text-secondary]$runner[/]", runner=view.runner)
        if self.demo:
            # Demo ticks go to a throwaway folder; say so before anyone relies on them.
            note = Content.from_markup("[b $text-warning]$note[/]  ", note=DEMO_NOTE)
            right = note + right
        when = Content.from_markup(f"[{WHEN_STYLE[when_kind(view)]}]$when[/]", when=view.when_text)
        room = max(width - left.cell_length - right.cell_length, 0)
        when = when.truncate(room).pad_right(room - min(when.cell_length, room))
        return (left + when + right).truncate(width)

    def plain(self) -> str:
        """What the line says (for tests and screen readers of the log)."""
        return self.line(self.content_size.width or 80).plain


def when_kind(view: DayView) -> str:
    return "today" if view.is_today else "projected" if view.projected else ""
