"""The planner App: built from a `Planner`, it opens on Today, or on onboarding the first time.

Screens other than Today are imported when first opened, so the first paint pays only for Today.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from planner.core.errors import PlannerError
from planner.tui.commands import NAVIGATION, global_bindings, global_commands, screen_commands
from planner.tui.messages import (
    DataChanged,
    DataSaved,
    DayChosen,
    PlanShown,
    ProfileSaved,
)
from planner.tui.screens.section import SectionScreen
from planner.tui.screens.today import TodayScreen
from planner.tui.settings import load_choices, save_choice
from planner.tui.sync_worker import SyncWorker

if TYPE_CHECKING:
    from planner.service import Planner

# Absolute: Textual looks for a relative path next to the file of the App's class, and a subclass
# (bench/first_paint.py's) lives elsewhere. Resolved, as Textual resolves each screen's own.
HERE = Path(__file__).resolve().parent
CSS_PATH = str(HERE / "app.tcss")  # Today's styles; each other screen names screens/screens.tcss
SCREENS_CSS_PATH = str(HERE / "screens" / "screens.tcss")
READY_AFTER_SECONDS = 0.5
POLL_SECONDS = 2.0  # how often to look for event files written elsewhere (a cheap stat)


class PlannerApp(SyncWorker):
    """The TUI over one `Planner`; screens call the service it was built with, nothing else."""

    CSS_PATH = CSS_PATH
    TITLE = "planner"
    BINDINGS: ClassVar[list[BindingType]] = [
        *global_bindings(),
        Binding("ctrl+q", "force_quit", "Quit", priority=True, show=False),
    ]

    def __init__(
        self,
        planner: Planner,
        *,
        demo: bool = False,
        poll_seconds: float = POLL_SECONDS,
        ready_after: float = READY_AFTER_SECONDS,
    ) -> None:
        self.planner = planner
        self.first_start = self._is_first_start(planner)
        # Today's styles alone keep its first paint quick; onboarding, the first screen of a
        # first start, brings the other screens' too (read later, they would miss its first frame).
        super().__init__(css_path=[CSS_PATH, SCREENS_CSS_PATH] if self.first_start else None)
        self.demo = demo
        self.poll_seconds = poll_seconds
        self.ready_after = ready_after
        self._shown_notices: set[str] = set()
        # The theme chosen last time (or $PLANNER_THEME), in place before the first frame.
        self._choices = load_choices()
        if self._choices.theme in self.available_themes:
            self.theme = self._choices.theme

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is kept for the next start."""
        if theme != self._choices.theme:
            self._choices = replace(self._choices, theme=theme)
            save_choice("theme", theme)

    def say_disclaimer_once(self, today: str) -> bool:
        """True the first time this is asked on `today` (an ISO day): Today then says the
        disclaimer, as a notification; it is in onboarding, help and Profile every time."""
        said = self._choices.disclaimer_said
        if said is not None and said >= today:  # ISO days compare as text; a clock set back
            return False  # does not say it twice

        self._choices = replace(self._choices, disclaimer_said=today)
        save_choice("disclaimer_said", today)
        return True

    @staticmethod
    def _is_first_start(planner: Planner) -> bool:
        try:
            return not planner.has_profile()
        except PlannerError:
            return False  # Today shows the error in place of the plan

    def get_default_screen(self) -> Screen[None]:
        # The first screen is the default screen, so that the first frame is Today itself.
        if not self.first_start:
            return self._new_today()
        # Only a first start pays for importing the form widgets.
        from planner.tui.machine import machine_zone
        from planner.tui.screens.onboarding import OnboardingScreen

        return OnboardingScreen(self.planner, machine_tz=machine_zone())

    def _new_today(self) -> TodayScreen:
        return TodayScreen(self.planner, demo=self.demo)

    def on_mount(self) -> None:
        self.show_new_notices()
        self.start_background_work()

    def start_background_work(self) -> None:
        """The poll for files from elsewhere, the inbox, and unpacking what the start left packed.

        Started once the first screen is mounted; bench/first_paint.py overrides this to time
        the first frame without it, as the start-up figures always have.
        """
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self._poll_tick, name="poll")
        self.import_inbox()
        # Once the first screen is up and the runner is reading it, not while it is drawn.
        self.set_timer(self.ready_after, self.get_ready)

    @work(thread=True, group="ready", exit_on_error=False)
    def get_ready(self) -> None:
        """After the first paint: what the start left packed, so the first tick is as quick."""
        with contextlib.suppress(PlannerError):  # the poll or the next write says it again
            self.planner.get_ready()

    # ---- what the screens say ----------------------------------------------------------

    def on_plan_shown(self, _: PlanShown) -> None:
        self.show_new_notices()

    def on_profile_saved(self, _: ProfileSaved) -> None:
        # Pushed over onboarding (a default screen cannot be switched away); nothing returns there.
        self.push_screen(self._new_today())

    def on_data_saved(self, _: DataSaved) -> None:
        self.data_changed()

    def on_day_chosen(self, message: DayChosen) -> None:
        today = self.back_to_today()
        if today is not None:
            today.show_day(message.day)

    def data_changed(self) -> None:
        """Tell every open screen to re-read; each keeps its cursor."""
        for screen in self.screen_stack:
            screen.post_message(DataChanged())

    def show_new_notices(self) -> None:
        """Each store notice (a corrupt file, a skipped event) is shown once, as a toast."""
        for notice in self.planner.notices:
            if notice not in self._shown_notices:
                self._shown_notices.add(notice)
                self.notify(notice, title="Data", severity="warning", timeout=12)

    # ---- files arriving from elsewhere ---------------------------------------------------

    def _poll_tick(self) -> None:
        if not any(w.group == "poll" and not w.is_finished for w in self.workers):
            self.look_for_changes()

    @work(thread=True, group="poll", exit_on_error=False)
    def look_for_changes(self) -> None:
        """Re-read the data dir in a thread if files arrived (a sync, a cron job, another app)."""
        try:
            changed = self.planner.refresh_if_changed()
        except PlannerError as error:
            self.call_from_thread(self.notify, error.message, title="Data", severity="error")
            return
        if changed:
            self.call_from_thread(self.data_changed)

    @work(thread=True, group="inbox", exit_on_error=False)
    def import_inbox(self) -> None:
        """New files in the runner's inbox folder (a watch's, a sync tool's) come in at start."""
        try:
            report = self.planner.import_inbox()
        except PlannerError as error:
            self.call_from_thread(self.notify, error.message, title="Inbox", severity="warning")
            return
        if report is not None and report.imported:
            count = len(report.imported)
            message = f"{count} new run{'s' if count != 1 else ''} from your inbox folder."
            self.call_from_thread(self.notify, message, title="Inbox")
            self.call_from_thread(self.data_changed)

    # ---- going places ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NAVIGATION:
            screen = self.screen
            here = isinstance(screen, SectionScreen) and action == screen.SECTION_ACTION
            return self._can_navigate(self.screen, action) and not here
        return True

    def _can_navigate(self, screen: Screen[Any], action: str = "") -> bool:
        """Not over a modal (Escape closes that first); nowhere but quit before onboarding."""
        if isinstance(screen, ModalScreen):
            return False
        return action == "quit" or self.today_screen() is not None

    def today_screen(self) -> TodayScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, TodayScreen)), None)

    def back_to_today(self) -> TodayScreen | None:
        """Close whatever is over Today; Today itself, or None before onboarding is done."""
        today = self.today_screen()
        while today is not None and self.screen is not today:
            self.pop_screen()
        return today

    def open_section(self, screen: SectionScreen) -> None:
        """Show a section over Today, in place of the section shown (one deep, never a pile)."""
        if type(self.screen) is type(screen):
            return
        if isinstance(self.screen, SectionScreen):
            self.switch_screen(screen)
        else:
            self.back_to_today()
            self.push_screen(screen)

    async def action_back(self) -> None:
        if isinstance(self.screen, SectionScreen):
            self.pop_screen()

    def action_today(self) -> None:
        today = self.back_to_today()
        if today is not None:
            today.action_back_to_today()

    def action_week(self) -> None:
        from planner.tui.screens.week import WeekScreen

        self.open_section(WeekScreen(self.planner))

    def action_history(self) -> None:
        from planner.tui.screens.history import HistoryScreen

        self.open_section(HistoryScreen(self.planner))

    def action_profile(self) -> None:
        from planner.tui.screens.profile import ProfileScreen

        self.open_section(ProfileScreen(self.planner))

    def action_races(self) -> None:
        from planner.tui.screens.races import RacesScreen

        self.open_section(RacesScreen(self.planner))

    def action_import_runs(self) -> None:
        from planner.tui.screens.importing import ImportScreen

        self.open_section(ImportScreen(self.planner))

    def action_checkin(self) -> None:
        from planner.tui.screens.checkin import CheckinScreen

        try:
            screen = CheckinScreen(self.planner)
        except PlannerError as error:
            self.notify(error.message, title="Check-in", severity="error")
            return
        self.push_screen(screen, self._after_write)

    def action_log_run(self) -> None:
        from planner.tui.screens.log_run import LogRunScreen

        self.push_screen(LogRunScreen(self.planner), self._after_write)

    def _after_write(self, written: object) -> None:
        """A modal's result: anything but None means it wrote, so every screen re-reads."""
        if written is not None:
            self.data_changed()

    def action_sync(self) -> None:
        from planner.tui.screens.sync import SyncScreen

        try:
            target = self.planner.sync_target()
        except PlannerError:
            target = None
        self.push_screen(SyncScreen(target, syncing=self.sync_running))

    def action_help(self) -> None:
        from planner.tui.screens.help import HelpScreen, key_rows, own_bindings

        if isinstance(self.screen, HelpScreen):
            return
        # The focused widget's keys first: on Today those are the checklist's, the most used.
        nodes = [node for node in (self.screen.focused, self.screen) if node is not None]
        here = key_rows(own_bindings(nodes), self.get_key_display)
        everywhere = key_rows(own_bindings([self]), self.get_key_display)
        if self.ENABLE_COMMAND_PALETTE:
            palette = Binding(self.COMMAND_PALETTE_BINDING, "")
            everywhere.append((self.get_key_display(palette), "Commands"))
        self.push_screen(HelpScreen(here, everywhere))

    async def action_quit(self) -> None:
        self.exit(0)

    async def action_force_quit(self) -> None:
        self.exit(0)

    # ---- the command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Quit"):  # ours say more
                yield command
        yield SystemCommand(
            "Light or dark theme",
            "Switch between the light and dark themes",
            self.action_toggle_dark,
        )
        allowed = {action for action in NAVIGATION if self._can_navigate(screen, action)}
        yield from global_commands(self, allowed | {"help"})
        nodes = [node for node in (screen.focused, screen) if node is not None]
        yield from screen_commands(self, nodes)


def run_tui(planner: Planner, *, demo: bool = False) -> int:
    """Run the TUI until the runner quits; the exit code for the CLI to return."""
    app = PlannerApp(planner, demo=demo)
    result = app.run()
    if not demo:
        prepare_tomorrow(planner)
    if app.return_code:
        return app.return_code
    return result or 0


def prepare_tomorrow(planner: Planner) -> None:
    """Plan tomorrow's Today as the app closes (the terminal is already the runner's again):
    the next morning's start, with nothing new on disk, finds it in the snapshot."""
    with contextlib.suppress(PlannerError):
        planner.prepare_tomorrow()
