"""Sync on the App: one at a time and the App's own worker, so that closing the dialog never
stops it. A base of PlannerApp (app.py); it names no module that imports the App."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SuspendNotSupported

from planner.core.errors import PlannerError
from planner.tui.messages import SyncProgressed, SyncRequested

if TYPE_CHECKING:
    from planner.service import Planner
    from planner.sync.run import SyncProgress, SyncResult
    from planner.tui.screens.sync import SyncScreen


class SyncWorker(App[int]):
    """The sync part of the App; PlannerApp supplies `planner` and `data_changed`."""

    planner: Planner

    def data_changed(self) -> None:
        raise NotImplementedError  # PlannerApp.data_changed

    @property
    def sync_running(self) -> bool:
        return any(w.group == "sync" and not w.is_finished for w in self.workers)

    def on_sync_requested(self, message: SyncRequested) -> None:
        if not self.sync_running:
            self.sync_in_background(message.target)

    @work(thread=True, group="sync", exit_on_error=False)
    def sync_in_background(self, target: str) -> None:
        """BatchMode first: ssh fails at once where it would ask, and then asks on the terminal."""
        from planner.sync.errors import AUTH_REFUSED, HOST_KEY  # here: Today never loads sync

        def say_progress(progress: SyncProgress) -> None:
            self.post_message(SyncProgressed(progress))  # thread-safe, never waits

        try:
            result = self.planner.sync(target, progress=say_progress)
        except PlannerError as error:
            if error.exit_code in (AUTH_REFUSED, HOST_KEY):  # an answer only the runner can give
                self.call_from_thread(self._sync_on_terminal, target)
            else:
                self.call_from_thread(self._sync_ended, None, error.message)
            return
        self.call_from_thread(self._sync_ended, result)

    def on_sync_progressed(self, message: SyncProgressed) -> None:
        dialog = self._sync_dialog()
        if dialog is not None:
            dialog.show_progress(message.progress)

    def _sync_on_terminal(self, target: str) -> None:
        """Suspend the App so ssh can ask on the terminal; the App comes back when it is done."""
        try:
            with self.suspend():
                sys.stderr.write(
                    f"\nplanner: ssh has a question before it can reach {target} "
                    "(a password or a new host key). Answer it here; planner comes back after.\n"
                )
                result = self.planner.sync(target, interactive=True)
        except SuspendNotSupported:  # no terminal to hand over (a headless run, a web driver)
            self._sync_ended(
                None, "ssh needs an answer (a password or a host key) and cannot ask here"
            )
            return
        except PlannerError as error:
            self._sync_ended(None, error.message)
            return
        self._sync_ended(result)

    def _sync_ended(self, result: SyncResult | None, error: str = "") -> None:
        """In the dialog if it is still open, else a toast; after a sync every screen re-reads."""
        if result is not None:
            self.data_changed()
        dialog = self._sync_dialog()
        if dialog is not None:
            dialog.show_result(result, error)
        elif result is not None:
            from planner.tui.screens.sync import result_text

            self.notify(result_text(result), title="Sync")
        else:
            self.notify(error, title="Sync failed", severity="error", timeout=12)

    def _sync_dialog(self) -> SyncScreen | None:
        from planner.tui.screens.sync import SyncScreen

        return next((s for s in self.screen_stack if isinstance(s, SyncScreen)), None)
