"""Races: the races entered, and a line to enter one; the plan tapers before each."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Static

from planner.core.errors import PlannerError
from planner.core.model import Race
from planner.core.taper import race_label
from planner.core.units import format_distance, parse_date
from planner.core.wording import day_label
from planner.tui.messages import DataSaved
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.section import SectionScreen
from planner.tui.widgets.form_error import FormError
from planner.tui.widgets.key_footer import KeyFooter

COLUMNS = ("Date", "Race", "Distance", "When", "Taper from")
EMPTY = "No races entered yet. Enter one below: the plan tapers before it and eases you back after."
HELP = "The plan tapers before each race and brings you back gently after it. x removes one."


def when_label(race_day: date, today: date) -> str:
    days = (race_day - today).days
    if days == 0:
        return "today"
    if days > 0:
        return "tomorrow" if days == 1 else f"in {days} days"
    return "yesterday" if days == -1 else f"{-days} days ago"


def race_cells(race: Race, today: date, units: str, taper_days: int) -> tuple[str, ...]:
    """Date, the race's name (or what it is), distance, how far off, when its taper starts."""
    taper = race.date - timedelta(days=taper_days)
    return (
        day_label(race.date, year=True),
        race.name or race_label(race.distance_m),
        format_distance(race.distance_m, units),
        when_label(race.date, today),
        day_label(taper) if race.date > today else "",
    )


def highlighted_key(table: DataTable[Text]) -> str | None:
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


class RacesScreen(SectionScreen):
    """The table of races on top, the form to enter one under it."""

    SECTION_ACTION = "races"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x,delete", "remove", "Remove race", tooltip="Remove the highlighted race"),
    ]
    AUTO_FOCUS = ""  # on_mount picks: the table when there are races, else the date

    def compose(self) -> ComposeResult:
        yield Static("Races", classes="section-title", markup=False)
        with Vertical(id="races-body"):
            yield DataTable(id="races-table", cursor_type="row")
            yield Static(EMPTY, id="races-empty", markup=False)
            yield Static(HELP, id="races-help", markup=False)
            yield Static("Enter a race", classes="question")
            with Horizontal(classes="form-row"):
                yield Label("Date", classes="form-label")
                yield Input(placeholder="YYYY-MM-DD", id="race-date", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Distance", classes="form-label")
                yield Input(placeholder="42.2km", id="race-distance", compact=True)
                yield Label("42.2km, 21.1km, 10km, 13.1mi…", classes="form-hint")
            with Horizontal(classes="form-row"):
                yield Label("Name", classes="form-label")
                yield Input(placeholder="optional", id="race-name", compact=True)
            yield FormError(id="race-error")
            yield Button("Enter race", variant="primary", id="race-add", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        self.reload()
        (table if table.display else self.query_one("#race-date", Input)).focus()

    def reload(self) -> None:
        try:
            races, today = self.planner.races(), self.planner.today()
            units, taper = self.planner.profile.units, self.planner.rules().taper
        except PlannerError as error:
            self.toast_error(error)
            return
        table = self.query_one(DataTable)
        keep = highlighted_key(table)
        table.clear()
        for race in sorted(races, key=lambda r: (r.date, r.id)):
            cells = race_cells(race, today, units, taper.days_for(race.distance_m))
            table.add_row(*map(Text, cells), key=race.id)
        if (
            keep is not None and keep in table.rows
        ):  # the cursor stays on its race when the table is read again
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        table.display = bool(races)
        self.query_one("#races-empty").display = not races
        self.query_one("#races-help").display = bool(races)

    @on(Input.Submitted)
    @on(Button.Pressed, "#race-add")
    def add_race(self) -> None:
        fields = {name: self.query_one(f"#race-{name}", Input) for name in ("date", "distance")}
        try:
            race = self.planner.add_race(
                parse_date(fields["date"].value, "date"),
                fields["distance"].value,
                self.query_one("#race-name", Input).value.strip(),
            )
        except PlannerError as error:
            self.query_one(FormError).say(error.message)
            return
        self.query_one(FormError).clear()
        for field in self.query(Input):
            field.value = ""
        entered = f"{race_label(race.distance_m)} on {day_label(race.date, year=True)}"
        self.notify(entered, title="Race entered")
        # The new race shows highlighted in the table, and the form is ready for the next one
        # from its first field (a season's races go in one after another).
        self.reload()
        table = self.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(race.id), animate=False)
        fields["date"].focus()
        self.post_message(DataSaved())

    def action_remove(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        race_id = highlighted_key(table)
        race = next((r for r in self.planner.races() if r.id == race_id), None)
        if race is None:
            return
        question = f"Remove the {race_label(race.distance_m)} on {day_label(race.date, year=True)}?"
        self.app.push_screen(ConfirmScreen(question, "Remove"), lambda yes: self._remove(race, yes))

    def _remove(self, race: Race, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.planner.remove_race(race.id)
        except PlannerError as error:
            self.toast_error(error, "Not removed")
            return
        self.post_message(DataSaved())
