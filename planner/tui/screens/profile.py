"""Profile: the runner's settings, as `planner profile set` takes them, saved with ctrl+s."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from planner.core.age import age_group
from planner.core.errors import PlannerError
from planner.core.model import SEXES, UNITS
from planner.core.wording import DISCLAIMER, runner_label
from planner.runner_input import CONSERVATIVE, conservative_suggested
from planner.tui.messages import DataSaved
from planner.tui.profile_form import WEIGHT_UNIT, profile_edits, profile_form
from planner.tui.screens.section import SectionScreen
from planner.tui.widgets.form_error import FormError
from planner.tui.widgets.key_footer import KeyFooter
from planner.tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from planner.service import Planner

# (key, label, placeholder, hint) of the plain text fields, in the order shown.
TEXT_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("hr_max", "HR max", "bpm", "blank: estimated from your age"),
    ("hr_rest", "HR rest", "bpm", "blank: 60 is assumed"),
    ("years_running", "Running for", "years", "under a year: fewer hard sessions"),
    ("temp_c", "Usual temp", "14 or 57F", "for fluid doses when a run gives none"),
    ("tz", "Time zone", "Area/City", "your day follows this zone"),
    ("day_starts", "Day starts", "hour", "0-12: earlier ticks count for the day before"),
    ("inbox", "Inbox", "folder", "new files come in at start"),
)
# (key, label): the yes-or-no settings.
SWITCHES: tuple[tuple[str, str], ...] = (
    ("ice_bath", "Ice bath or cold swim after hard days"),
    ("hr_unreliable", "Ignore heart rate (beta-blockers, a bad strap)"),
)
SEX_NAMES = {"f": "female", "m": "male", "x": "another / rather not say"}
# Under the plan while years running is under 1 or blank and the plan is not conservative.
PLAN_HINT = "suggested: years running under 1 or blank"


def _row(label: str, *widgets: Widget, hint: str = "") -> Horizontal:
    hints = [Label(hint, classes="form-hint")] if hint else []
    return Horizontal(Label(label, classes="form-label"), *widgets, *hints, classes="form-row")


class ProfileScreen(SectionScreen):
    """The form shows what is saved; ctrl+s saves what changed, a bad value is said in place."""

    SECTION_ACTION = "profile"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the changed settings"),
    ]
    AUTO_FOCUS = "#profile-age"

    def __init__(self, planner: Planner) -> None:
        super().__init__(planner)
        self.saved: dict[str, str] = {}  # the form as last saved: edits are measured against it

    def compose(self) -> ComposeResult:
        yield Static("Profile", classes="section-title", markup=False)
        with VerticalScroll(id="profile-form"):
            yield Static(id="profile-runner", markup=False)
            yield from self._body_rows()
            yield from self._setting_rows()
            yield FormError(id="profile-error")
            yield Button("Save", variant="primary", id="profile-save", compact=True)
            yield Static(DISCLAIMER, id="profile-disclaimer", markup=False)
        yield KeyFooter()

    def _body_rows(self) -> ComposeResult:
        """Age, sex, weight and units: what the age group and the doses come from."""
        yield _row(
            "Age",
            Input(placeholder="years", id="profile-age", compact=True),
            Label("or born", classes="form-or"),
            Input(placeholder="YYYY-MM-DD", id="profile-birth_date", compact=True),
        )
        sexes = [(name, key) for key, name in SEX_NAMES.items() if key in SEXES]
        sex = Select(sexes, prompt="not set", id="profile-sex", compact=True)
        yield _row("Sex", sex, hint="optional: tunes heart-rate load")
        units = [("kg", "kg"), ("lb", "lb")]
        yield _row(
            "Weight",
            Input(placeholder="kg", id="profile-weight", compact=True),
            Select(units, allow_blank=False, id="profile-weight_unit", compact=True),
        )
        choices = [(u, u) for u in UNITS]
        yield _row("Units", Select(choices, allow_blank=False, id="profile-units", compact=True))

    def _setting_rows(self) -> ComposeResult:
        for key, label, placeholder, hint in TEXT_FIELDS:
            field = Input(placeholder=placeholder, id=f"profile-{key}", compact=True)
            yield _row(label, field, hint=hint)
        plans = Select(self._plans(), allow_blank=False, id="profile-plan", compact=True)
        yield _row("Plan", plans)
        switch = Button("Use conservative", id="profile-use-conservative", compact=True)
        offer = _row("", switch, hint=PLAN_HINT)
        offer.id = "profile-plan-hint"
        yield offer
        for key, label in SWITCHES:
            yield _row("", TickBox(label, id=f"profile-{key}"))

    def _plans(self) -> list[tuple[str, str]]:
        try:
            names = self.planner.plan_files()
            current = self.planner.profile.plan
        except PlannerError:
            names, current = [], "standard"
        return [(name, name) for name in dict.fromkeys([*names, current])]

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Show what is saved; a field the runner changed and has not saved keeps the change."""
        try:
            profile = self.planner.profile
            saved = profile_form(profile, self.planner.today())
            age = profile.age_on(self.planner.today())
        except PlannerError as error:
            self.toast_error(error)
            return
        shown = self.form_values()
        edits = {key: value for key, value in shown.items() if value != self.saved[key]}
        self._fill({**saved, **edits})
        self.saved = saved
        self.query_one("#profile-runner", Static).update(
            f"Your settings · {runner_label(age, age_group(age))}"
        )
        self.query_one("#profile-plan-hint").display = conservative_suggested(profile)

    def _fill(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            widget = self.query_one(f"#profile-{key}")
            if isinstance(widget, Input) or (isinstance(widget, Select) and value):
                widget.value = value
            elif isinstance(widget, Select):
                widget.clear()
            elif isinstance(widget, TickBox):
                widget.value = value == "yes"

    def form_values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for key in self.saved:
            widget = self.query_one(f"#profile-{key}")
            if isinstance(widget, Input):
                values[key] = widget.value
            elif isinstance(widget, Select):
                values[key] = widget.value if isinstance(widget.value, str) else ""
            elif isinstance(widget, TickBox):
                values[key] = "yes" if widget.value else "no"
        return values

    @on(Select.Changed, "#profile-units")
    def _weight_unit_follows_units(self, event: Select.Changed) -> None:
        if event.value != self.saved.get("units"):
            self.query_one(f"#profile-{WEIGHT_UNIT}", Select).value = (
                "lb" if event.value == "imperial" else "kg"
            )

    @on(Button.Pressed, "#profile-use-conservative")
    def use_conservative(self) -> None:
        """Switch to the conservative plan at once; other changes on the form stay unsaved."""
        try:
            self.planner.set_profile({"plan": CONSERVATIVE})
        except PlannerError as error:
            self.query_one(FormError).say(error.message)
            return
        self.query_one("#profile-plan", Select).focus()  # the button hides with its hint
        self.notify("The plan is now conservative.", title="Profile")
        self.post_message(DataSaved())

    @on(Input.Submitted)
    @on(Button.Pressed, "#profile-save")
    def action_save(self) -> None:
        try:
            changes = profile_edits(self.saved, self.form_values())
            if not changes:
                self.notify("Nothing changed.", title="Profile")
                return
            self.planner.set_profile(changes)
        except PlannerError as error:
            self.query_one(FormError).say(error.message)
            # The cursor goes to the field the error names ("HR max" -> #profile-hr_max).
            wrong = self.query(f"#profile-{field_key(error)}")
            if wrong:
                wrong.first().focus()
            return
        self.saved = self.form_values()  # all sent: the reload shows the values as saved
        self.query_one(FormError).clear()
        self.notify("Saved. The plan now uses these settings.", title="Profile")
        self.post_message(DataSaved())


# Fields whose name in an error is not the profile key's.
FIELD_KEYS = {"temperature": "temp_c", "day_start_hour": "day_starts"}


def field_key(error: PlannerError) -> str:
    """The profile key an error names: "weight (kg)" -> weight, "HR max" -> hr_max."""
    field = getattr(error, "field", None) or ""
    key = re.sub(r"\s*\(.*\)", "", field).strip().lower().replace(" ", "_")
    return FIELD_KEYS.get(key, key)
