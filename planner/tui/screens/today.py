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
from planner.core.wording import DISCLAIMER, day_label
from planner.tui.messages import DataChanged, PlanShown
from planner.tui.widgets.checklist import Checklist, withheld_reason
from planner.tui.widgets.day_header import DayHeader
from planner.tui.widgets.day_summary import DaySummary, summary_lines
from planner.tui.widgets.item_detail import ItemDetail
from planner.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from planner.service import Planner

WIDE_FROM = 100  # columns
DETAIL_LINES = 3  # the highlighted item's text under the checklist, at most; enter shows all
WIDE_DETAIL_LINES = 6  # beside the summary, under a list that takes only its own height
# Rows Today always gives: the header, the checklist's progress line and the footer.
FIXED_ROWS = 3


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
        # Not in the footer: the short summary's reason line ends with "y: why" itself.
        Binding("y", "why", "Why", show=False, tooltip="Every reason; y again: the short form"),
        # The reasons pane scrolls too: tab to it, then j and k or the arrow keys.
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
        self._why = False  # `y`: every reason, on a terminal where the summary is compact
        # Every widget is built with its content, so the first frame is the finished day.
        try:
            view = self._view(self.day)
        except PlannerError as error:
            self._toast(error)
            view = no_plan_view(self.day, self.day, error.message)
        self.view = view
        checklist = Checklist(view.checklist, planned=view.projected, id="checklist")
        yield DayHeader(view, demo=self.demo, id="day-header")
        with Horizontal(id="today-body"):
            yield DaySummary(view, compact=self._compact(view), id="summary")
            with Vertical(id="checklist-pane"):
                yield Static(progress_text(view), id="progress", markup=False)
                yield checklist
                yield ItemDetail(
                    checklist.highlighted_item, planned=view.projected,
                    max_lines=WIDE_DETAIL_LINES if wide else DETAIL_LINES, id="item-detail",
                )  # fmt: skip
        yield KeyFooter()

    def on_mount(self) -> None:
        self.post_message(PlanShown())
        say_once = getattr(self.app, "say_disclaimer_once", None)
        if say_once is not None and say_once(self._today().isoformat()):
            self.notify(DISCLAIMER, title="planner", timeout=12)

    def on_resize(self) -> None:
        self._fit()

    def _compact(self, view: DayView) -> bool:
        """The short summary, unless the terminal is wide, `y` asked for all of it, or all of
        it fits above every item with room for the item's detail."""
        size = self.app.size
        if size.width >= WIDE_FROM or self._why:
            return False
        rows = len(view.checklist) + len({item.when for item in view.checklist})
        width = max(size.width - 2, 1)  # the summary's padding
        full = len(summary_lines(view, width)) + (4 if view.see_clinician else 0)  # border
        return FIXED_ROWS + full + rows + DETAIL_LINES > size.height

    def _fit(self) -> None:
        self.query_one(DaySummary).set_compact(self._compact(self.view))

    def show_day(self, day: date, *, ticked: str | None = None) -> None:
        """Show the plan of `day`; on a service error stay on the day shown. `ticked`: the
        item just ticked, so the cursor moves on to the next one still open."""
        try:
            view = self._view(day)
        except PlannerError as error:
            self._toast(error)
            return
        if day != self.day:
            self._why = False
        self.day, self.view = day, view
        self.query_one(DayHeader).show(view)
        summary = self.query_one(DaySummary)
        summary.show(view)
        summary.set_compact(self._compact(view))
        self.query_one("#progress", Static).update(progress_text(view))
        checklist = self.query_one(Checklist)
        checklist.show_items(view.checklist, planned=view.projected, after=ticked)
        self.query_one(ItemDetail).show(checklist.highlighted_item, view.projected)
        self.post_message(PlanShown())

    def on_data_changed(self, _: DataChanged) -> None:
        """Files arrived or another screen wrote: show the same day afresh, cursor kept."""
        self.show_day(self.day)

    def _view(self, day: date) -> DayView:
        return self.planner.morning(day)

    def _toast(self, error: PlannerError) -> None:
        """A service error is a toast, never a traceback."""
        self.notify(error.message, title="Could not build the plan", severity="error")

    def on_checklist_highlighted(self, event: Checklist.Highlighted) -> None:
        self.query_one(ItemDetail).show(event.item, self.view.projected)

    def on_checklist_tick_requested(self, event: Checklist.TickRequested) -> None:
        item = event.item
        if item.withheld:
            self.notify(withheld_reason(item), title=f"{item.title}: not today", severity="warning")
            return
        try:
            # The service writes durably before it returns: the tick is on disk before it shows.
            done = self.planner.toggle(item.id, self.day)
        except PlannerError as error:
            self.notify(error.message, title="Not saved", severity="error")
            return
        # A tick moves the cursor on to the next open item (an untick leaves it there): a
        # day's items are ticked with one key each.
        self.show_day(self.day, ticked=item.id if done else None)

    def on_checklist_group_tick_requested(self, event: Checklist.GroupTickRequested) -> None:
        """Tick the group's open items at once; untick them all when none was open."""
        doable = [item for item in event.items if not item.withheld]
        if not doable:
            return
        tick = any(not item.done for item in doable)
        try:
            self.planner.set_ticks([item.id for item in doable], self.day, done=tick)
        except PlannerError as error:
            self.notify(error.message, title="Not saved", severity="error")
            return
        self.show_day(self.day, ticked=doable[-1].id if tick else None)

    def on_checklist_detail_requested(self, event: Checklist.DetailRequested) -> None:
        from planner.tui.screens.item import ItemScreen

        item = event.item

        def closed(tick: bool | None) -> None:
            if tick:
                self.on_checklist_tick_requested(Checklist.TickRequested(item))

        self.app.push_screen(ItemScreen(item, planned=self.view.projected), closed)

    def action_why(self) -> None:
        """Every reason for the day, and back to the short form: on a narrow terminal."""
        summary = self.query_one(DaySummary)
        if not summary.compact and not self._why:
            summary.focus()  # all of it is already shown: go and scroll it
            return
        self._why = not self._why
        self._fit()
        if self._why:
            summary.focus()
        else:
            self.query_one(Checklist).focus()

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


def progress_text(view: DayView) -> str:
    """'Checklist  3/9 done · assumes 70 kg: p sets it'; a projected day says it is a plan."""
    if view.projected:
        return f"Planned for {day_label(view.day)}: items are ticked on the day"
    return " · ".join(part for part in (view.progress, view.assumes) if part)
