"""The top line of Today: which day is shown, how far from today, and the runner's age group.

One widget drawing one line (four labels in a row cost four widgets' styling and layout on
every first paint): the date and its distance from today on the left, the age group right.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from planner.core.morning import DayView

DEMO_NOTE = "demo data: nothing is kept"


class DayHeader(Widget):
    """Date and marker on the left, demo note, age and WMA age group on the right.

    A widget drawing one Content line, kept for the first paint: it saves 4 ms of it (median
    of 100 runs, 95% interval 3-5 ms) against the Horizontal of three or four Labels it once
    was, measured as the checklist's saving is (see Checklist). Its colours are its
    component classes', in app.tcss; the marker's follows the class "-today" or "-projected".
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "day-header--when",
        "day-header--demo",
        "day-header--runner",
    }
    DEFAULT_CSS = """
    DayHeader { height: 1; }
    """

    def __init__(self, view: DayView, *, demo: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.demo = demo
        self.show(view)

    def show(self, view: DayView) -> None:
        self.view = view
        kind = when_kind(view)
        self.set_class(kind == "today", "-today")
        self.set_class(kind == "projected", "-projected")
        self.refresh()

    def render(self) -> Content:
        return self.line(self.content_size.width)

    def line(self, width: int) -> Content:
        """The line at `width` cells: the marker gives way first on a narrow terminal."""
        view = self.view
        style = self.get_visual_style
        left = Content(f"{view.date_text}  ").stylize("b", 0, len(view.date_text))
        right = Content(view.runner).stylize(style("day-header--runner"))
        if self.demo:
            # Demo ticks go to a throwaway folder; say so before anyone relies on them.
            note = Content(DEMO_NOTE).stylize(style("day-header--demo"))
            right = note + "  " + right
        when = Content(view.when_text).stylize(style("day-header--when"))
        room = max(width - left.cell_length - right.cell_length, 0)
        when = when.truncate(room).pad_right(room - min(when.cell_length, room))
        return (left + when + right).truncate(width)

    def plain(self) -> str:
        """What the line says (for tests and screen readers of the log)."""
        return self.line(self.content_size.width or 80).plain


def when_kind(view: DayView) -> str:
    return "today" if view.is_today else "projected" if view.projected else ""
