"""The morning check-in: soreness, where, warning signs in plain words, and unrated runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from planner.core.checkin import AREAS, CheckinAnswers
from planner.core.errors import PlannerError
from planner.core.model import Checkin, Run
from planner.tui.checkin_view import area_label, flags_in_force, rating_question
from planner.tui.view import BADGES, guidance_label
from planner.tui.week_view import short_day
from planner.tui.widgets.form_error import FormError
from planner.tui.widgets.scale import Scale
from planner.tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from planner.core.rules import RedFlag
    from planner.service import Planner

FLAGS_INTRO = (
    "Warning signs: tick any that are true this morning. A tick stops running until a later "
    "check-in clears it."
)


class CheckinScreen(ModalScreen[Checkin | None]):
    """Dismissed with the saved check-in, or None when cancelled; Today then shows the new plan."""

    CSS_PATH = "screens.tcss"  # the styles of every screen but Today, read when first needed

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the check-in"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]
    AUTO_FOCUS = "#soreness"

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner
        self.today = planner.today()
        self.flags: tuple[RedFlag, ...] = planner.rules().red_flags.flags
        self.in_force = flags_in_force(planner.checkins(), self.today)
        self.unrated = planner.unrated_runs(self.today)
        self.units = planner.profile.units

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-panel", classes="modal-panel") as panel:
            panel.border_title = f"Morning check-in · {short_day(self.today)}"
            panel.border_subtitle = "ctrl+s to save · esc to cancel"
            with VerticalScroll(id="checkin-form"):
                yield from self._soreness()
                yield from self._areas()
                yield from self._flags()
                yield from self._ratings()
            yield FormError(id="checkin-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save check-in", variant="primary", id="checkin-save", compact=True)
                yield Button("Cancel", id="checkin-cancel", compact=True)

    def _soreness(self) -> ComposeResult:
        yield Static("How sore are your legs this morning?", classes="question")
        with Horizontal(classes="scale-row"):
            yield Scale(0, 10, id="soreness")
            yield Label("0 none · 10 worst", classes="form-hint")

    def _areas(self) -> ComposeResult:
        yield Static("Where? (leave blank if nowhere in particular)", classes="question")
        with Grid(id="checkin-areas"):
            for area in AREAS:
                yield TickBox(area_label(area), id=f"area-{area}")

    def _flags(self) -> ComposeResult:
        yield Static(FLAGS_INTRO, classes="question")
        for flag in self.flags:
            yield TickBox(
                flag.question,
                flag.id in self.in_force,
                id=f"flag-{flag.id}",
                classes="flag",
            )

    def _ratings(self) -> ComposeResult:
        if not self.unrated:
            return
        yield Static("Rate your runs: 1 very easy … 10 all out", classes="question")
        for index, (run, effort) in enumerate(self.unrated):
            yield Static(rating_question(run, effort, self.today, self.units), classes="rating")
            yield Scale(1, 10, id=f"rate-{index}")

    def answers(self) -> CheckinAnswers:
        soreness = self.query_one("#soreness", Scale).value
        ticked = {box.id for box in self.query(TickBox) if box.value and box.id}
        rated: list[tuple[Run, int]] = []
        for index, (run, _) in enumerate(self.unrated):
            value = self.query_one(f"#rate-{index}", Scale).value
            if value is not None:
                rated.append((run, value))
        return CheckinAnswers(
            soreness="" if soreness is None else str(soreness),
            areas=[area for area in AREAS if f"area-{area}" in ticked],
            flags=[f.id for f in self.flags if f"flag-{f.id}" in ticked],
            no_flags=[f.id for f in self.flags if f"flag-{f.id}" not in ticked],
            rates=[f"{run.id}={value}" for run, value in rated],
        )

    @on(Button.Pressed, "#checkin-save")
    def action_save(self) -> None:
        try:
            checkin = self.planner.checkin(self.answers())
            day = self.planner.day(self.today)
        except PlannerError as error:
            self.query_one(FormError).say(error.message)
            if error.message.startswith("soreness"):
                self.query_one("#soreness", Scale).focus()
            return
        badge = BADGES.get(day.day_type, day.day_type)
        self.app.notify(
            f"Today: {badge}. {guidance_label(day.run, day.see_clinician)}",
            title="Check-in saved",
            severity="warning" if day.see_clinician else "information",
        )
        self.dismiss(checkin)

    @on(Button.Pressed, "#checkin-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
