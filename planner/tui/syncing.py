"""Sync from the TUI: the service's sync in a worker thread; when ssh has a question (a password,
a new host key), the App suspends itself and hands the terminal to ssh to ask it."""

from __future__ import annotations

import sys
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported
from textual.message import Message

from planner.core.errors import PlannerError
from planner.sync.errors import AUTH_REFUSED, HOST_KEY
from planner.tui.screens.sync import SyncScreen, result_text

if TYPE_CHECKING:
    from planner.sync.run import SyncProgress, SyncResult
    from planner.tui.app import PlannerApp

ASK_ON_TERMINAL = (AUTH_REFUSED, HOST_KEY)  # ssh needs an answer only the runner can give


class SyncProgressed(Message):
    """Posted to the App from the sync's thread; it passes it on to the Sync dialog."""

    def __init__(self, progress: SyncProgress) -> None:
        super().__init__()
        self.progress = progress


class Syncer:
    """One sync at a time, owned by the App so that closing the dialog never stops it."""

    def __init__(self, app: PlannerApp) -> None:
        self.app = app

    @property
    def running(self) -> bool:
        return any(w.group == "sync" and not w.is_finished for w in self.app.workers)

    def start(self, target: str) -> None:
        if self.running:
            return
        self.app.run_worker(
            partial(self._sync, target), thread=True, group="sync", exit_on_error=False
        )

    def _sync(self, target: str) -> None:
        """In the worker thread: BatchMode, so ssh fails at once where it would ask."""
        try:
            result = self.app.planner.sync(target, progress=self._progress)
        except PlannerError as error:
            self.app.call_from_thread(self._failed, target, error)
            return
        self.app.call_from_thread(self.finished, result)

    def _progress(self, progress: SyncProgress) -> None:
        self.app.post_message(SyncProgressed(progress))  # thread-safe, never waits

    def show_progress(self, progress: SyncProgress) -> None:
        dialog = self._dialog()
        if dialog is not None:
            dialog.show_progress(progress)

    def _failed(self, target: str, error: PlannerError) -> None:
        if error.exit_code in ASK_ON_TERMINAL:
            self.ask_on_terminal(target)
        else:
            self.failed(error.message)

    def ask_on_terminal(self, target: str) -> None:
        """Suspend the App so ssh can ask on the terminal; the App comes back when it is done."""
        try:
            with self.app.suspend():
                sys.stderr.write(
                    f"\nplanner: ssh has a question before it can reach {target} "
                    "(a password or a new host key). Answer it here; planner comes back after.\n"
                )
                result = self.app.planner.sync(target, interactive=True)
        except SuspendNotSupported:
            self.failed("ssh needs an answer (a password or a host key) and cannot ask here")
            return
        except PlannerError as error:
            self.failed(error.message)
            return
        self.finished(result)

    def finished(self, result: SyncResult) -> None:
        """Said in the dialog if it is still open, else in a toast; every screen re-reads."""
        self.app.data_changed()
        dialog = self._dialog()
        if dialog is not None:
            dialog.show_result(result)
        else:
            self.app.notify(result_text(result), title="Sync")

    def failed(self, message: str) -> None:
        dialog = self._dialog()
        if dialog is not None:
            dialog.show_result(None, message)
        else:
            self.app.notify(message, title="Sync failed", severity="error", timeout=12)

    def _dialog(self) -> SyncScreen | None:
        return next((s for s in self.app.screen_stack if isinstance(s, SyncScreen)), None)
