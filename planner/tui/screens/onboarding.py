"""Onboarding: the few facts the plan needs before the first morning (age first of all)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from planner.core.errors import InputError, PlannerError
from planner.tui.messages import ProfileSaved
from planner.tui.view import DISCLAIMER
from planner.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from planner.service import Planner

INTRO = (
    "Your age sets your WMA age group, and with it how hard the plan lets you go. "
    "Give your age or your birth date; the rest is optional."
)


def profile_changes(
    *, age: str, birth_date: str, weight: str, weight_unit: str, units: str, tz: str | None
) -> dict[str, str]:
    """The form as `Planner.set_profile` takes it; the service validates the values."""
    age, birth_date, weight = age.strip(), birth_date.strip(), weight.strip()
    if not age and not birth_date:
        raise InputError("give your age or your birth date, so the plan fits your age group")
    if age and birth_date:
        raise InputError("give your age or your birth date, not both")
    changes = {"birth_date": birth_date} if birth_date else {"age": age}
    if weight:
        changes["weight_lb" if weight_unit == "lb" else "weight_kg"] = weight
    changes["units"] = units
    if tz:
        changes["tz"] = tz
    return changes


class OnboardingScreen(Screen[None]):
    """A short form; a bad value is explained in place and the runner stays on the form."""

    CSS_PATH = "screens.tcss"  # the styles of every screen but Today, read when first needed

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start planning"),
        # Priority, as on the App, so that this one (shown) wins over the App's (hidden).
        Binding("ctrl+q", "app.force_quit", "Quit", priority=True),
    ]
    AUTO_FOCUS = "#age"

    def __init__(self, planner: Planner, *, machine_tz: str | None = None) -> None:
        super().__init__()
        self.planner = planner
        self.machine_tz = machine_tz

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="onboarding-form"):
            yield Static("Welcome to planner", id="welcome")
            yield Static(INTRO, id="intro", markup=False)
            with Horizontal(classes="field"):
                yield Label("Age", classes="field-label")
                yield Input(placeholder="years", type="integer", max_length=3, id="age")
                yield Label("or birth date", classes="field-or")
                yield Input(placeholder="YYYY-MM-DD", restrict=r"[0-9-]*", id="birth-date")
            with Horizontal(classes="field"):
                yield Label("Weight", classes="field-label")
                yield Input(type="number", max_length=6, id="weight")
                yield Select(
                    [("kg", "kg"), ("lb", "lb")], value="kg", allow_blank=False, id="weight-unit"
                )
                yield Label("optional", classes="field-or")
            with Horizontal(classes="field"):
                yield Label("Units", classes="field-label")
                with RadioSet(id="units"):
                    yield RadioButton("metric (km)", value=True, id="metric")
                    yield RadioButton("imperial (miles)", id="imperial")
            yield Static(DISCLAIMER, id="onboarding-disclaimer", markup=False)
            yield Static(id="onboarding-error", markup=False)
            yield Button("Start planning", variant="primary", id="start")
        yield KeyFooter()

    @on(RadioSet.Changed, "#units")
    def weight_unit_follows_units(self, event: RadioSet.Changed) -> None:
        imperial = event.pressed.id == "imperial"
        self.query_one("#weight-unit", Select).value = "lb" if imperial else "kg"

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        """Save the profile; on a bad value say why in place, and stay."""
        try:
            self.planner.set_profile(self._changes())
        except PlannerError as error:
            self.show_error(error.message)
            return
        self.post_message(ProfileSaved())

    def _changes(self) -> dict[str, str]:
        pressed = self.query_one("#units", RadioSet).pressed_button
        return profile_changes(
            age=self.query_one("#age", Input).value,
            birth_date=self.query_one("#birth-date", Input).value,
            weight=self.query_one("#weight", Input).value,
            weight_unit=str(self.query_one("#weight-unit", Select).value),
            units="imperial" if pressed is not None and pressed.id == "imperial" else "metric",
            tz=self.machine_tz,
        )

    def show_error(self, message: str) -> None:
        error = self.query_one("#onboarding-error", Static)
        error.update(message[:1].upper() + message[1:])
        error.display = True
