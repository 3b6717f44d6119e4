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
from planner.core.wording import DISCLAIMER
from planner.runner_input import CONSERVATIVE, first_year
from planner.tui.messages import ProfileSaved
from planner.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from planner.service import Planner

INTRO = (
    "Your age sets your WMA age group, and with it how hard the plan lets you go. "
    "Give your age or your birth date; the rest is optional."
)
PLAN_WHY = (
    "In your first year of running, or if you leave it blank, the conservative plan is "
    "suggested: fewer and gentler hard sessions. You can change it in the profile (p)."
)
STANDARD = "standard"


def suggested_plan(years_running: str) -> str | None:
    """The plan to propose for the years typed: None while they are not a number yet."""
    years = years_running.strip()
    if not years:
        return CONSERVATIVE
    try:
        return CONSERVATIVE if first_year(float(years)) else STANDARD
    except ValueError:  # "-" or "1e" on the way to a number
        return None


def profile_changes(
    *,
    age: str,
    birth_date: str,
    weight: str,
    weight_unit: str,
    units: str,
    tz: str | None,
    years_running: str = "",
    plan: str = "",
) -> dict[str, str]:
    """The form as `Planner.set_profile` takes it; the service validates the values."""
    age, birth_date, weight = age.strip(), birth_date.strip(), weight.strip()
    years_running = years_running.strip()
    if not age and not birth_date:
        raise InputError("give your age or your birth date, so the plan fits your age group")
    if age and birth_date:
        raise InputError("give your age or your birth date, not both")
    changes = {"birth_date": birth_date} if birth_date else {"age": age}
    if weight:
        changes["weight_lb" if weight_unit == "lb" else "weight_kg"] = weight
    changes["units"] = units
    if years_running:
        changes["years_running"] = years_running
    if plan:
        changes["plan"] = plan
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
        self.plan_picked = False  # the runner chose a plan: the years no longer change it
        self._years_pressed: list[str] = []  # plans pressed for the years, their Changed to come

    def compose(self) -> ComposeResult:
        # One line a field (compact widgets, as on Profile): all of it fits 80x24.
        with VerticalScroll(id="onboarding-form"):
            yield Static("Welcome to planner", id="welcome")
            yield Static(INTRO, id="intro", markup=False)
            with Horizontal(classes="field"):
                yield Label("Age", classes="field-label")
                yield Input(
                    placeholder="years", type="integer", max_length=3, id="age", compact=True
                )
                yield Label("or birth date", classes="field-or")
                yield Input(
                    placeholder="YYYY-MM-DD", restrict=r"[0-9-]*", id="birth-date", compact=True
                )
            with Horizontal(classes="field"):
                yield Label("Weight", classes="field-label")
                yield Input(
                    type="number", max_length=6, valid_empty=True, id="weight", compact=True
                )
                units = [("kg", "kg"), ("lb", "lb")]
                yield Select(units, value="kg", allow_blank=False, id="weight-unit", compact=True)
                yield Label("optional", classes="field-or")
            with Horizontal(classes="field"):
                yield Label("Units", classes="field-label")
                with RadioSet(id="units", compact=True):
                    yield RadioButton("metric (km)", value=True, id="metric")
                    yield RadioButton("imperial (miles)", id="imperial")
            with Horizontal(classes="field"):
                yield Label("Years running", classes="field-label")
                yield Input(
                    placeholder="years",
                    type="number",
                    max_length=5,
                    valid_empty=True,  # optional: blank is not an error
                    id="years-running",
                    compact=True,
                )
                yield Label("optional, e.g. 0.5", classes="field-or")
            with Horizontal(classes="field"):
                yield Label("Plan", classes="field-label")
                with RadioSet(id="plan", compact=True):
                    yield RadioButton(STANDARD, id=STANDARD)
                    yield RadioButton(CONSERVATIVE, value=True, id=CONSERVATIVE)
            yield Static(PLAN_WHY, id="plan-why", markup=False)
            yield Static(DISCLAIMER, id="onboarding-disclaimer", markup=False)
            yield Static(id="onboarding-error", markup=False)
            yield Button("Start planning", variant="primary", id="start", compact=True)
        yield KeyFooter()

    @on(RadioSet.Changed, "#units")
    def weight_unit_follows_units(self, event: RadioSet.Changed) -> None:
        imperial = event.pressed.id == "imperial"
        self.query_one("#weight-unit", Select).value = "lb" if imperial else "kg"

    @on(Input.Changed, "#years-running")
    def plan_follows_years(self, event: Input.Changed) -> None:
        """Until the runner picks a plan, the plan shown is the one their years suggest."""
        plan = suggested_plan(event.value)
        if plan is None or self.plan_picked:
            return
        button = self.query_one(f"#{plan}", RadioButton)
        if not button.value:
            self._years_pressed.append(plan)
            button.value = True

    @on(RadioSet.Changed, "#plan")
    def plan_chosen(self, event: RadioSet.Changed) -> None:
        """A press the years did not make is the runner's own choice, and it stays."""
        if event.pressed.id in self._years_pressed:
            self._years_pressed.remove(event.pressed.id)
        else:
            self.plan_picked = True

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
            years_running=self.query_one("#years-running", Input).value,
            plan=self._plan(),
        )

    def _plan(self) -> str:
        pressed = self.query_one("#plan", RadioSet).pressed_button
        return STANDARD if pressed is not None and pressed.id == STANDARD else CONSERVATIVE

    def show_error(self, message: str) -> None:
        error = self.query_one("#onboarding-error", Static)
        error.update(message[:1].upper() + message[1:])
        error.display = True
