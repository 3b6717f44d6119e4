"""The planner App: built from a `Planner`, it opens on Today, or on onboarding the first time."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from planner.core.errors import PlannerError
from planner.tui.messages import PlanShown, ProfileSaved
from planner.tui.screens.today import TodayScreen

if TYPE_CHECKING:
    from planner.service import Planner

# Set by the start-up benchmark: paint Today once, then exit.
FIRST_PAINT_ENV = "PLANNER_BENCH_FIRST_PAINT"


class PlannerApp(App[int]):
    """The TUI over one `Planner`; screens call the service it was built with, nothing else."""

    CSS_PATH = "app.tcss"
    TITLE = "planner"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]

    def __init__(
        self, planner: Planner, *, first_paint_exit: bool = False, demo: bool = False
    ) -> None:
        super().__init__()
        self.planner = planner
        self.first_paint_exit = first_paint_exit
        self.demo = demo
        self._shown_notices: set[str] = set()

    def get_default_screen(self) -> Screen[None]:
        # The first screen is the default screen, so that the first frame is Today itself.
        try:
            first_start = not self.planner.has_profile()
        except PlannerError:
            first_start = False  # Today shows the error in place of the plan
        if not first_start:
            return self._today()
        # Only a first start pays for importing the form widgets.
        from planner.tui.machine import machine_zone
        from planner.tui.screens.onboarding import OnboardingScreen

        return OnboardingScreen(self.planner, machine_tz=machine_zone())

    def _today(self) -> TodayScreen:
        return TodayScreen(
            self.planner, exit_after_first_paint=self.first_paint_exit, demo=self.demo
        )

    def on_mount(self) -> None:
        self.show_new_notices()

    def on_plan_shown(self, _: PlanShown) -> None:
        self.show_new_notices()

    def on_profile_saved(self, _: ProfileSaved) -> None:
        # Pushed over onboarding (a default screen cannot be switched away); nothing returns there.
        self.push_screen(self._today())

    def show_new_notices(self) -> None:
        """Each store notice (a corrupt file, a skipped event) is shown once, as a toast."""
        for notice in self.planner.notices:
            if notice not in self._shown_notices:
                self._shown_notices.add(notice)
                self.notify(notice, title="Data", severity="warning", timeout=12)

    def action_help(self) -> None:
        from planner.tui.screens.help import HelpScreen, key_rows, own_bindings

        if isinstance(self.screen, HelpScreen):
            return
        # The focused widget's keys first: on Today those are the checklist's, the most used.
        nodes = [node for node in (self.screen.focused, self.screen, self) if node is not None]
        rows = key_rows(own_bindings(nodes), self.get_key_display)
        if self.ENABLE_COMMAND_PALETTE:
            rows.append(
                (self.get_key_display(Binding(self.COMMAND_PALETTE_BINDING, "")), "Commands")
            )
        self.push_screen(HelpScreen(rows))

    async def action_quit(self) -> None:
        self.exit(0)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, TodayScreen):
            yield SystemCommand(
                "Previous day", "Show the plan of the day before", screen.action_previous_day
            )
            yield SystemCommand(
                "Next day", "Show the plan of the day after", screen.action_next_day
            )
            yield SystemCommand("Back to today", "Show today's plan", screen.action_back_to_today)
            yield SystemCommand("Keys", "List every key and what it does", self.action_help)


def run_tui(planner: Planner, *, demo: bool = False) -> int:
    """Run the TUI until the runner quits; the exit code for the CLI to return."""
    first_paint_exit = os.environ.get(FIRST_PAINT_ENV) == "1"
    app = PlannerApp(planner, first_paint_exit=first_paint_exit, demo=demo)
    result = app.run()
    if app.return_code:
        return app.return_code
    return result or 0
