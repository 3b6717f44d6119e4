"""Today: the morning loop. What kind of day it is, and the checklist to tick off."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from planner.core.errors import PlannerError
from planner.core.morning import DayView, no_plan_view
from planner.tui.messages import DataChanged, PlanShown
from planner.tui.widgets.checklist import Checklist, withheld_reason
from planner.tui.widgets.day_header import DayHeader
from planner.tui.widgets.day_summary import DaySummary
from planner.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from planner.service import Planner

WIDE_FROM = 100  # columns


class TodayScreen(Screen[None]):
    """One day's plan; `[` and `]` browse the days around today."""

    # t (back to today), ? and q are the App's: they work on every screen.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left_square_bracket", "previous_day", "Prev day", tooltip="The plan of the day before"
        ),
        Binding(
            "right_square_bracket", "next_day", "Next day", tooltip="The plan of the day after"
        ),
        # The reasons pane scrolls too: tab to it, then the arrow keys.
        Binding("tab", "app.focus_next", "Other pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Other pane", show=False),
    ]
    # Side by side once the checklist and the reasons both fit; stacked on an 80-column terminal.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]  # noqa: RUF012 (Textual's API)
    AUTO_FOCUS = "Checklist"

    def __init__(self, planner: Planner, *, demo: bool = False) -> None:
        super().__init__()
        self.planner = planner
        self.demo = demo
        self.day = self._today()

    def compose(self) -> ComposeResult:
        # Breakpoint classes come with the first Resize, after the first frame: set them here,
        # before the children are styled.
        wide = self.app.size.width >= WIDE_FROM
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")
        # Every widget is built with its content, so the first frame is the finished day.
        try:
            view = self._view(self.day)
        except PlannerError as error:
            self._toast(error)
            view = no_plan_view(self.day, self.day, error.message)
        yield DayHeader(view, demo=self.demo, id="day-header")
        with Horizontal(id="today-body"):
            yield DaySummary(view, id="summary")
            with Vertical(id="checklist-pane"):
                yield Static(view.progress, id="progress", markup=False)
                yield Checklist(view.checklist, id="checklist")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.post_message(PlanShown())

    def show_day(self, day: date) -> None:
        """Show the plan of `day`; on a service error stay on the day shown."""
        try:
            view = self._view(day)
        except PlannerError as error:
            self._toast(error)
            return
        self.day = day
        self.query_one(DayHeader).show(view)
        self.query_one(DaySummary).show(view)
        self.query_one("#progress", Static).update(view.progress)
        self.query_one(Checklist).show_items(view.checklist)
        self.post_message(PlanShown())

    def on_data_changed(self, _: DataChanged) -> None:
        """Files arrived or another screen wrote: show the same day afresh, cursor kept."""
        self.show_day(self.day)

    def _view(self, day: date) -> DayView:
        return self.planner.morning(day)

    def _toast(self, error: PlannerError) -> None:
        """A service error is a toast, never a traceback."""
        self.notify(error.message, title="Could not build the plan", severity="error")

    def on_checklist_tick_requested(self, event: Checklist.TickRequested) -> None:
        item = event.item
        if item.withheld:
            self.notify(withheld_reason(item), title=f"{item.title}: not today", severity="warning")
            return
        try:
            # The service writes durably before it returns: the tick is on disk before it shows.
            self.planner.toggle(item.id, self.day)
        except PlannerError as error:
            self.notify(error.message, title="Not saved", severity="error")
            return
        self.show_day(self.day)

    def action_previous_day(self) -> None:
        self.show_day(self.day - timedelta(days=1))

    def action_next_day(self) -> None:
        self.show_day(self.day + timedelta(days=1))

    def action_back_to_today(self) -> None:
        self.show_day(self._today())

    def _today(self) -> date:
        """The runner's today; the machine's if their profile cannot be read (a toast says why)."""
        try:
            return self.planner.today()
        except PlannerError:
            return date.today()
