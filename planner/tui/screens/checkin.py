"""The morning check-in: soreness, where, warning signs in plain words, a clinician's
clearance for a sign in force, pain, sleep and unrated runs; reopened, it shows the morning's
answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from planner.core.checkin import AREAS, CheckinAnswers
from planner.core.errors import InputError, PlannerError
from planner.core.model import Checkin, Run
from planner.core.wording import DAY_TYPE_NAMES as BADGES
from planner.core.wording import day_label, guidance_label
from planner.tui.checkin_view import area_label, rating_question, standing_note
from planner.tui.widgets.form_error import FormError
from planner.tui.widgets.key_footer import KeyFooter
from planner.tui.widgets.scale import Scale
from planner.tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from planner.core.rules import RedFlag
    from planner.service import Planner

FLAGS_INTRO = (
    "Warning signs: tick any that are true this morning. A tick stops running. Most signs lift "
    "when a later morning leaves them unticked; a sign marked (clinician) lifts only when a "
    "clinician has seen you and cleared you to run."
)
CLEARED = "A clinician has seen me and cleared me to run"


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
        rules = planner.rules()
        self.flags: tuple[RedFlag, ...] = rules.red_flags.flags
        # This morning's answers when the check-in is opened again; None the first time.
        self.morning = planner.checkins().get(self.today)
        self.standing = {held.flag.id: held for held in planner.signs_standing(self.today)}
        self.unrated = planner.unrated_runs(self.today)
        self.units = planner.profile.units
        self.red_s = (
            rules.red_s.advice if (planner.profile.sex or "unset") in rules.red_s.sexes else ""
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-panel", classes="modal-panel") as panel:
            panel.border_title = f"Morning check-in · {day_label(self.today)}"
            panel.border_subtitle = "ctrl+s to save · esc to cancel"
            with VerticalScroll(id="checkin-form"):
                yield from self._soreness()
                yield from self._areas()
                yield from self._flags()
                yield from self._pain_and_sleep()
                yield from self._ratings()
            yield FormError(id="checkin-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save check-in", variant="primary", id="checkin-save", compact=True)
                yield Button("Cancel", id="checkin-cancel", compact=True)
        yield KeyFooter()  # the dialog's own keys, not those of the screen below

    def _soreness(self) -> ComposeResult:
        yield Static("How sore are your legs this morning?", classes="question")
        with Horizontal(classes="scale-row"):
            yield Scale(0, 10, self.morning.soreness if self.morning else None, id="soreness")
            yield Label("0 none · 10 worst", classes="form-hint")

    def _areas(self) -> ComposeResult:
        yield Static("Where? (leave blank if nowhere in particular)", classes="question")
        sore = set(self.morning.areas) if self.morning else set()
        with Grid(id="checkin-areas"):
            for area in AREAS:
                yield TickBox(area_label(area), area in sore, id=f"area-{area}")

    def _flags(self) -> ComposeResult:
        yield Static(FLAGS_INTRO, classes="question")
        for flag in self.flags:
            mark = " (clinician)" if flag.needs_clinician else ""
            yield TickBox(
                flag.question + mark, self._ticked(flag.id), id=f"flag-{flag.id}", classes="flag"
            )
            held = self.standing.get(flag.id)
            if held is not None or (self.morning and flag.id in self.morning.cleared):
                if held is not None:
                    yield Static(standing_note(held), classes="form-hint flag-note")
                cleared = bool(self.morning and flag.id in self.morning.cleared)
                yield TickBox(CLEARED, cleared, id=f"cleared-{flag.id}", classes="cleared")
        if self.red_s:
            note = Static(self.red_s, id="red-s", classes="form-hint")
            note.display = any(f.bone_stress and self._ticked(f.id) for f in self.flags)
            yield note

    def _ticked(self, flag_id: str) -> bool:
        """Ticked when this morning said yes, or, before this morning's answers, when it
        stands from an earlier one."""
        if self.morning is not None and self.morning.answered:
            return flag_id in self.morning.red_flags
        return flag_id in self.standing

    def _pain_and_sleep(self) -> ComposeResult:
        yield Static("Pain during or after your last run (leave blank if none)", classes="question")
        with Horizontal(classes="scale-row"):
            pain = self.morning.pain if self.morning else None
            yield Scale(0, 10, pain, id="pain")
            yield Label("over 5: no hard sessions", classes="form-hint")
        yield Static("How many hours did you sleep last night?", classes="question")
        sleep = self.morning.sleep_hours if self.morning else None
        with Horizontal(classes="scale-row"):
            yield Input(
                "" if sleep is None else f"{sleep:g}",
                placeholder="e.g. 7",
                id="sleep",
                compact=True,
                classes="sleep-hours",
            )
            yield Label("hours · under 6: no hard session today", classes="form-hint")

    @on(TickBox.Changed, ".flag")
    def _flag_changed(self) -> None:
        """The RED-S questions show while a bone-stress sign is ticked, for whom they are for."""
        if self.red_s:
            bone = {f"flag-{f.id}" for f in self.flags if f.bone_stress}
            ticked = {box.id for box in self.query(".flag").results(TickBox) if box.value}
            self.query_one("#red-s").display = bool(bone & ticked)

    def _ratings(self) -> ComposeResult:
        if not self.unrated:
            return
        yield Static("Rate your runs: 1 very easy … 10 all out", classes="question")
        for index, (run, effort) in enumerate(self.unrated):
            yield Static(rating_question(run, effort, self.today, self.units), classes="rating")
            yield Scale(1, 10, id=f"rate-{index}")

    def answers(self) -> CheckinAnswers:
        soreness = self.query_one("#soreness", Scale).value
        if soreness is None:
            # The form asks every question each morning; the CLI may rate runs alone.
            raise InputError("soreness: pick how sore your legs are, 0-10 (0: not sore at all)")
        pain = self.query_one("#pain", Scale).value
        sleep = self.query_one("#sleep", Input).value.strip()
        ticked = {box.id for box in self.query(TickBox) if box.value and box.id}
        cleared = [f.id for f in self.flags if f"cleared-{f.id}" in ticked]
        rated: list[tuple[Run, int]] = []
        for index, (run, _) in enumerate(self.unrated):
            value = self.query_one(f"#rate-{index}", Scale).value
            if value is not None:
                rated.append((run, value))
        return CheckinAnswers(
            soreness=str(soreness),
            areas=[area for area in AREAS if f"area-{area}" in ticked],
            flags=[f.id for f in self.flags if f"flag-{f.id}" in ticked and f.id not in cleared],
            no_flags=[
                f.id for f in self.flags if f"flag-{f.id}" not in ticked and f.id not in cleared
            ],
            cleared=cleared,
            pain=None if pain is None else str(pain),
            sleep_hours=sleep or None,
            rates=[f"{run.id}={value}" for run, value in rated],
        )

    @on(Button.Pressed, "#checkin-save")
    def action_save(self) -> None:
        try:
            checkin = self.planner.checkin(self.answers())
            day = self.planner.day(self.today)
        except PlannerError as error:
            self.query_one(FormError).say(error.message)
            widget = {"soreness": "#soreness", "sleep hours": "#sleep"}.get(
                getattr(error, "field", None) or ""
            )
            if widget is not None:
                self.query_one(widget).focus()
            return
        badge = BADGES.get(day.day_type, day.day_type)
        guidance = guidance_label(day.run, day.see_clinician, day.day_type == "quality_ok")
        self.app.notify(
            f"Today: {badge}. {guidance}",
            title="Check-in saved",
            severity="warning" if day.see_clinician else "information",
        )
        self.dismiss(checkin)

    @on(Button.Pressed, "#checkin-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
