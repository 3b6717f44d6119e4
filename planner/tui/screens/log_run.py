"""Log run: a small form over the current screen; the service checks it, the form says why not."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from planner.core.errors import InputError, PlannerError
from planner.core.model import RUN_TYPES, Run
from planner.core.units import format_distance, format_duration, parse_date
from planner.core.wording import day_label
from planner.service import RunInput
from planner.tui.widgets.form_error import FormError
from planner.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from planner.service import Planner

# (field id, label, placeholder, hint): in the order the runner fills them in.
FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("run-date", "Date", "YYYY-MM-DD", ""),
    ("run-distance", "Distance", "10km", "10km, 6.2mi or 8000m"),
    ("run-duration", "Time", "45:00", "45:00 or 1:05:00"),
    ("run-rpe", "Effort", "1-10", "RPE: 1 very easy … 10 all out"),
    ("run-hr", "Avg HR", "bpm", "optional"),
    ("run-note", "Note", "", "optional"),
)
# What the run cost in fluid, on one row so the form still fits 24 lines: the post-run drink
# then replaces what was lost, not a guess. (field id, placeholder), all optional.
FLUID_FIELDS: tuple[tuple[str, str], ...] = (
    ("run-drank", "drank 750ml"),
    ("run-weight-before", "before 70.2kg"),
    ("run-weight-after", "after 69.1kg"),
)
# The field an InputError names (InputError.field) -> the form field it is about.
ERROR_FIELDS: dict[str, str] = {
    "date": "run-date",
    "distance": "run-distance",
    "duration": "run-duration",
    "rpe": "run-rpe",
    "average heart rate": "run-hr",
    "type": "run-type",
    "drank": "run-drank",
    "weight before": "run-weight-before",
    "weight after": "run-weight-after",
}


def field_of(error: PlannerError) -> str | None:
    """The form field an error is about, from the field it names (never from its words)."""
    if not isinstance(error, InputError) or error.field is None:
        return None
    return ERROR_FIELDS.get(error.field.lower())


def optional(text: str) -> str | None:
    return text.strip() or None


class LogRunScreen(ModalScreen[Run | None]):
    """Dismissed with the logged run, or None when cancelled."""

    CSS_PATH = "screens.tcss"  # the styles of every screen but Today, read when first needed

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Log run", tooltip="Save the run"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]
    AUTO_FOCUS = "#run-distance"

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner

    def compose(self) -> ComposeResult:
        with Vertical(id="log-run-panel", classes="modal-panel") as panel:
            panel.border_title = "Log a run"
            panel.border_subtitle = "enter or ctrl+s to save · esc to cancel"
            for field_id, label, placeholder, hint in FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    # The cursor goes back to a refused field to fix it, not to retype it.
                    yield Input(
                        placeholder=placeholder, id=field_id, compact=True, select_on_focus=False
                    )
                    yield Label(hint, classes="form-hint")
                if field_id == "run-hr":
                    with Horizontal(classes="form-row"):
                        yield Label("Type", classes="form-label")
                        yield Select(
                            [(t, t) for t in RUN_TYPES],
                            prompt="optional",
                            id="run-type",
                            compact=True,
                        )
                    with Horizontal(classes="form-row"):
                        yield Label("Fluid", classes="form-label")
                        for field_id, placeholder in FLUID_FIELDS:
                            yield Input(
                                placeholder=placeholder,
                                id=field_id,
                                compact=True,
                                select_on_focus=False,
                            )
            yield FormError(id="log-run-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Log run", variant="primary", id="log-run-save", compact=True)
                yield Button("Cancel", id="log-run-cancel", compact=True)
        yield KeyFooter()  # the dialog's own keys, not those of the screen below

    def on_mount(self) -> None:
        self.query_one("#run-date", Input).value = self.planner.today().isoformat()

    @on(Input.Submitted)
    @on(Button.Pressed, "#log-run-save")
    def action_save(self) -> None:
        try:
            run = self.planner.log_run(self._entry())
        except PlannerError as error:
            self.show_error(error)
            return
        self.app.notify(
            f"{format_distance(run.distance_m, self.planner.profile.units)} in "
            f"{format_duration(run.moving_s)} on {day_label(run.date, year=True)}",
            title="Run logged",
        )
        self.dismiss(run)

    @on(Button.Pressed, "#log-run-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _entry(self) -> RunInput:
        ids = [field_id for field_id, *_ in FIELDS] + [field_id for field_id, _ in FLUID_FIELDS]
        value = {field_id: self.query_one(f"#{field_id}", Input).value for field_id in ids}
        run_type = self.query_one("#run-type", Select).value
        return RunInput(
            distance=value["run-distance"],
            duration=value["run-duration"],
            rpe=optional(value["run-rpe"]),
            day=parse_date(value["run-date"], "date") if value["run-date"].strip() else None,
            type=run_type if isinstance(run_type, str) else None,
            avg_hr=optional(value["run-hr"]),
            note=value["run-note"].strip(),
            drank=optional(value["run-drank"]),
            weight_before=optional(value["run-weight-before"]),
            weight_after=optional(value["run-weight-after"]),
        )

    def show_error(self, error: PlannerError) -> None:
        """Say why in place, mark the field it is about and put the cursor there."""
        message = error.message
        self.query_one(FormError).say(message)
        for invalid in self.query(".-invalid"):
            invalid.remove_class("-invalid")
        field = field_of(error)
        if field is not None:
            widget = self.query_one(f"#{field}")
            widget.add_class("-invalid")
            widget.focus()

    @on(Input.Changed)
    def _clear_mark(self, event: Input.Changed) -> None:
        event.input.remove_class("-invalid")
