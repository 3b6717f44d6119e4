"""What kind of day it is, what running it allows, its warnings and the reasons behind it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from planner.tui.view import CHECKIN_PROMPT, DISCLAIMER, DayView
from planner.tui.widgets.bullets import Bullets


def badge_class(view: DayView) -> str:
    """'-see-clinician' for the tcss; no class when there is no plan."""
    return f"-{view.day_type.replace('_', '-')}" if view.day_type else ""


class DaySummary(VerticalScroll):
    """Badge, run guidance, warnings, the disclaimer, reasons and the last run, top to bottom."""

    def __init__(self, view: DayView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.set_class(view.see_clinician, "-see-clinician")

    def compose(self) -> ComposeResult:
        view = self.view
        prompt = Static(CHECKIN_PROMPT, id="checkin-prompt", markup=False)
        prompt.display = view.checkin_due
        yield prompt
        with Horizontal(id="headline"):
            yield Label(view.badge, id="badge", classes=badge_class(view))
            yield Static(Content(view.guidance), id="guidance")
        yield Bullets("⚠", view.warnings, id="warnings")
        yield Static(DISCLAIMER, id="disclaimer", markup=False)
        yield Bullets("•", view.reasons, id="reasons")
        yield Static(Content(view.last_run), id="last-run")

    def show(self, view: DayView) -> None:
        self.view = view
        self.set_class(view.see_clinician, "-see-clinician")
        self.query_one("#checkin-prompt").display = view.checkin_due
        badge = self.query_one("#badge", Label)
        badge.update(view.badge)
        badge.set_classes(badge_class(view))
        self.query_one("#guidance", Static).update(Content(view.guidance))
        self.query_one("#warnings", Bullets).lines = view.warnings
        self.query_one("#reasons", Bullets).lines = view.reasons
        self.query_one("#last-run", Static).update(Content(view.last_run))
