"""The top line of Today: which day is shown, how far from today, and the runner's age group."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from planner.tui.view import DayView


class DayHeader(Horizontal):
    """Date and marker on the left, age and WMA age group on the right."""

    def __init__(self, view: DayView, *, demo: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.demo = demo

    def compose(self) -> ComposeResult:
        yield Label(self.view.date_text, id="day-date")
        yield Label(self.view.when_text, id="day-when", classes=self._when_classes(self.view))
        if self.demo:
            # Demo ticks go to a throwaway folder; say so before anyone relies on them.
            yield Label("demo data: nothing is kept", id="day-demo")
        yield Label(self.view.runner, id="day-runner")

    def show(self, view: DayView) -> None:
        self.view = view
        self.query_one("#day-date", Label).update(view.date_text)
        when = self.query_one("#day-when", Label)
        when.update(view.when_text)
        when.set_classes(self._when_classes(view))
        self.query_one("#day-runner", Label).update(view.runner)

    @staticmethod
    def _when_classes(view: DayView) -> str:
        return "-today" if view.is_today else "-projected" if view.projected else ""
