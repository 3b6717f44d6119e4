"""One run, opened from History: what it was, and its effort and type to set, or delete it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from planner.core.effort import Effort, effort_text
from planner.core.errors import InputError, PlannerError
from planner.core.model import RUN_TYPES, Run
from planner.core.units import format_distance, format_duration
from planner.core.wording import day_label, pace_label
from planner.tui.widgets.form_error import FormError
from planner.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from planner.service import Planner

# The field an InputError names (InputError.field) -> the form field it is about.
ERROR_FIELDS: dict[str, str] = {"rpe": "detail-rpe", "type": "detail-type"}


def run_summary(run: Run, units: str, effort: Effort | None) -> str:
    """'Sat 28 Nov 2026 · 10.0 km in 52:00 · 5:12 /km · RPE ~5 · easy · from a FIT file'."""
    parts = [
        day_label(run.date, year=True),
        f"{format_distance(run.distance_m, units)} in {format_duration(run.moving_s)}",
        pace_label(run, units),
        f"RPE {effort_text(run, effort)}",
        run.type or "type not set",
    ]
    if run.avg_hr is not None:
        parts.append(f"HR {run.avg_hr}")
    parts.append("logged by hand" if run.source == "manual" else f"from {run.source}")
    return " · ".join(parts)


class RunDetailScreen(ModalScreen[bool]):
    """Dismissed with True when the run was changed or deleted, False when left as it was."""

    CSS_PATH = "screens.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the effort and type"),
        # priority: an Input would take ctrl+d as "delete the character on the right"
        Binding(
            "ctrl+d", "delete", "Delete", tooltip="Delete this run (press twice)", priority=True
        ),
        Binding("escape", "cancel", "Close", tooltip="Close without changing the run"),
    ]
    AUTO_FOCUS = "#detail-rpe"

    def __init__(self, planner: Planner, run: Run, effort: Effort | None = None) -> None:
        super().__init__()
        self.planner, self.run, self.effort = planner, run, effort
        self.armed = False  # a first delete asks; a second one deletes

    def compose(self) -> ComposeResult:
        units = self.planner.profile.units
        with Vertical(id="run-detail-panel", classes="modal-panel") as panel:
            panel.border_title = "Run"
            panel.border_subtitle = "ctrl+s save · ctrl+d delete · esc close"
            yield Static(run_summary(self.run, units, self.effort), id="detail-summary")
            if self.run.note:
                yield Static(f"Note: {self.run.note}", id="detail-note", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Effort", classes="form-label")
                rated = self.run.rpe is not None and not self.run.rpe_estimated
                yield Input(
                    value=f"{self.run.rpe:g}" if rated and self.run.rpe is not None else "",
                    placeholder="1-10",
                    id="detail-rpe",
                    compact=True,
                    select_on_focus=False,
                )
                yield Label("RPE: 1 very easy … 10 all out", classes="form-hint")
            with Horizontal(classes="form-row"):
                yield Label("Type", classes="form-label")
                yield Select(
                    [(t, t) for t in RUN_TYPES],
                    prompt="not set",
                    value=self.run.type if self.run.type in RUN_TYPES else Select.NULL,
                    id="detail-type",
                    compact=True,
                )
            yield FormError(id="detail-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", id="detail-save", compact=True)
                yield Button("Delete", variant="error", id="detail-delete", compact=True)
                yield Button("Close", id="detail-close", compact=True)
        yield KeyFooter()  # the dialog's own keys, not those of the screen below

    @on(Input.Submitted)
    @on(Button.Pressed, "#detail-save")
    def action_save(self) -> None:
        rpe = self.query_one("#detail-rpe", Input).value.strip() or None
        chosen = self.query_one("#detail-type", Select).value
        run_type = chosen if isinstance(chosen, str) and chosen != self.run.type else None
        if rpe is not None and self.run.rpe is not None and not self.run.rpe_estimated:
            rpe = None if rpe == f"{self.run.rpe:g}" else rpe  # unchanged: not written again
        if rpe is None and run_type is None:
            self.dismiss(False)
            return
        try:
            self.planner.edit_run(self.run.id, rpe=rpe, run_type=run_type)
        except PlannerError as error:
            self.show_error(error)
            return
        self.app.notify(
            run_summary(self.planner.run(self.run.id), self.planner.profile.units, None)
        )
        self.dismiss(True)

    @on(Button.Pressed, "#detail-delete")
    def action_delete(self) -> None:
        if not self.armed:
            self.armed = True
            self.query_one(FormError).say("Delete this run? Press ctrl+d (or Delete) again.")
            return
        try:
            self.planner.delete_run(self.run.id)
        except PlannerError as error:
            self.show_error(error)
            return
        self.app.notify(run_summary(self.run, self.planner.profile.units, None), title="Deleted")
        self.dismiss(True)

    @on(Button.Pressed, "#detail-close")
    def action_cancel(self) -> None:
        self.dismiss(False)

    def show_error(self, error: PlannerError) -> None:
        """Say why in place and put the cursor on the field it is about (from its `field`)."""
        self.query_one(FormError).say(error.message)
        field = error.field if isinstance(error, InputError) else None
        widget_id = ERROR_FIELDS.get(field.lower()) if field else None
        if widget_id is not None:
            self.query_one(f"#{widget_id}").focus()
