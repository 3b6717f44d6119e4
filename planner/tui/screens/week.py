"""Week: the past 7 days with how much of each was ticked, today, and the next 7 days."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from planner.core.errors import PlannerError
from planner.core.wording import day_label
from planner.tui.messages import DayChosen, PlanShown
from planner.tui.screens.section import SectionScreen
from planner.tui.week_view import WeekDay, week_days, week_span
from planner.tui.widgets.bullets import Bullets
from planner.tui.widgets.key_footer import KeyFooter
from planner.tui.widgets.week_list import WeekList

WIDE_FROM = 110  # columns: the reasons go beside the days instead of under them


class WeekScreen(SectionScreen):
    """Fifteen days around today; enter opens the highlighted one on Today."""

    SECTION_ACTION = "week"

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]  # noqa: RUF012 (Textual's API)
    AUTO_FOCUS = "WeekList"

    def compose(self) -> ComposeResult:
        wide = self.app.size.width >= WIDE_FROM  # before the first Resize sets the breakpoint
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")
        today = self._today()
        days = self._days(today)
        first, count = week_span(today)
        last = date.fromordinal(first.toordinal() + count - 1)
        yield Static(f"Week  {day_label(first)} – {day_label(last)}", id="week-title")
        with Horizontal(id="week-body"):
            yield WeekList(days, id="week-list")
            with VerticalScroll(id="week-detail"):
                yield Static(id="week-day", markup=False)
                yield Bullets("⚠", id="week-warnings")
                yield Bullets("•", id="week-reasons")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(WeekList).highlight_day(self._today())
        self.post_message(PlanShown())

    def reload(self) -> None:
        week = self.query_one(WeekList)
        shown = week.highlighted_day
        today = self._today()
        week.show_days(self._days(today), shown.day if shown else today)
        self.post_message(PlanShown())

    def _days(self, today: date) -> list[WeekDay]:
        first, count = week_span(today)
        try:
            plan = self.planner.plan(start=first, days=count)
            runs = self.planner.runs()
            started = self.planner.first_day()
            return week_days(plan.days, today, runs, self.planner.profile.units, started)
        except PlannerError as error:
            self.toast_error(error, "Could not build the plan")
            return []

    def _today(self) -> date:
        try:
            return self.planner.today()
        except PlannerError:
            return date.today()

    def on_week_list_day_highlighted(self, event: WeekList.DayHighlighted) -> None:
        day = event.day
        ran = f" · ran {day.ran}" if day.ran and day.ran != "no run" else ""
        line = f"{day_label(day.day)}: {day.badge}, {day.run}{ran}"
        self.query_one("#week-day", Static).update(line)
        self.query_one("#week-warnings", Bullets).lines = day.warnings
        self.query_one("#week-reasons", Bullets).lines = day.reasons

    def on_week_list_day_picked(self, event: WeekList.DayPicked) -> None:
        self.post_message(DayChosen(event.day))
