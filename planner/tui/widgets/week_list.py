"""The days of Week, one line each under 'Past 7 days', 'Today' and 'Next 7 days'."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from planner.tui.week_view import WeekDay, bar

PARTS: tuple[tuple[str, str], ...] = (
    ("past", "Past 7 days"),
    ("today", "Today"),
    ("next", "Next 7 days · projected"),
)
# Text colours, not backgrounds: fourteen coloured blocks in a column would shout.
BADGE_STYLES: dict[str, str] = {
    "quality_ok": "$text-success",
    "easy": "$text-primary",
    "rest": "$text-secondary",
    "active_recovery": "$text-accent",
    "race_recovery": "$text-warning",
    "see_clinician": "$text-error",
}
NAME_WIDTH = 10
BADGE_WIDTH = 15
TICKS_WIDTH = 14  # " 4/9 " and a bar of 8
_HEADING = "part:"


def day_prompt(day: WeekDay) -> Content:
    """'Mon 30 Nov  EASY             4/9 ████░░░░  up to 40 min · RPE ≤ 4', columns aligned."""
    badge_style = f"b {BADGE_STYLES.get(day.day_type, '')}".strip()
    head = Content.from_markup(
        f"$name  [{badge_style}]$badge[/]  ",
        name=day.name.ljust(NAME_WIDTH),
        badge=day.badge.ljust(BADGE_WIDTH),
    )
    # A day gone by shows what was run; the plan for it is in the detail line.
    run = f"ran {day.ran}" if day.ran and day.ran != "no run" else day.ran or day.run
    if day.before_start:
        run = ""
    return head + ticks_cell(day) + Content(f"  {run}")


def ticks_cell(day: WeekDay) -> Content:
    """'4/9 ━━━━────' in the success colour, a dim 'projected' for the days ahead, and a dim
    'before you began' for days before the first run or tick (not misses)."""
    if day.before_start:
        return Content.from_markup("[dim i]$text[/]", text="not yet begun".ljust(TICKS_WIDTH))
    if not day.ticks:
        return Content.from_markup("[dim i]$text[/]", text="projected".ljust(TICKS_WIDTH))
    filled, empty = bar(day.done, day.doable)
    return Content.from_markup(
        "$ticks [b $text-success]$filled[/][dim]$empty[/]",
        ticks=day.ticks.rjust(5),
        filled=filled,
        empty=empty,
    )


def week_options(days: Sequence[WeekDay]) -> list[Option]:
    options: list[Option] = []
    for part, heading in PARTS:
        group = [day for day in days if day.part == part]
        if group:
            options.append(Option(Content(heading), id=_HEADING + part, disabled=True))
            options.extend(Option(day_prompt(day), id=day.day.isoformat()) for day in group)
    return options


class WeekList(OptionList):
    """Fifteen days; moving the cursor posts `DayHighlighted`, enter posts `DayPicked`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open day", tooltip="Show the highlighted day on Today"),
        Binding("j,down", "cursor_down", "Next day", show=False),
        Binding("k,up", "cursor_up", "Previous day", show=False),
    ]
    DEFAULT_CSS = """
    WeekList > .option-list--option-disabled {
        color: $text-secondary;
        text-style: bold;
    }
    """

    class DayHighlighted(Message):
        def __init__(self, day: WeekDay) -> None:
            super().__init__()
            self.day = day

    class DayPicked(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, days: Sequence[WeekDay] = (), *, id: str | None = None) -> None:
        super().__init__(*week_options(days), id=id)
        self._days = {day.day.isoformat(): day for day in days}

    @property
    def highlighted_day(self) -> WeekDay | None:
        option = self.highlighted_option
        return None if option is None or option.id is None else self._days.get(option.id)

    def highlight_day(self, day: date) -> None:
        if day.isoformat() in self._days:
            self.highlighted = self.get_option_index(day.isoformat())

    def show_days(self, days: Sequence[WeekDay], keep: date) -> None:
        """Show new days and put the cursor back on `keep` (or on today if it is gone)."""
        self._days = {day.day.isoformat(): day for day in days}
        self.set_options(week_options(days))
        if keep.isoformat() not in self._days:
            keep = next((day.day for day in days if day.part == "today"), keep)
        self.highlight_day(keep)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        day = self.highlighted_day
        if day is not None:
            self.post_message(self.DayHighlighted(day))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        day = self.highlighted_day
        if day is not None:
            self.post_message(self.DayPicked(day.day))
