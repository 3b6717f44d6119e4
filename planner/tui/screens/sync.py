"""Sync: where to, and how it goes. The App runs the sync, so closing this never stops it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Static

from planner.tui.messages import SyncRequested
from planner.tui.widgets.form_error import FormError
from planner.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from planner.sync.run import SyncProgress, SyncResult

INTRO = (
    "Sync with another machine over SSH, using your own ssh settings. Files are only ever "
    "added on both sides, so no tick is lost. The other machine needs ssh and rsync."
)
PHASES = {
    "connecting": "Connecting…",
    "comparing": "Comparing folders…",
    "sending": "Sending",
    "receiving": "Receiving",
    "done": "Done",
}


def progress_text(progress: SyncProgress) -> str:
    words = PHASES.get(progress.phase, progress.phase)
    if progress.phase in ("sending", "receiving", "done"):
        return f"{words}: {progress.sent} sent, {progress.received} received"
    return words


def result_text(result: SyncResult) -> str:
    if not result.sent and not result.received:
        return f"Already in step with {result.target} ({result.seconds:.1f} s)."
    return (
        f"Synced with {result.target}: {result.sent} sent, {result.received} received "
        f"({result.seconds:.1f} s)."
    )


class SyncScreen(ModalScreen[None]):
    """Opens syncing at once when a target is remembered; escape hides it, the sync goes on."""

    CSS_PATH = "screens.tcss"  # the styles of every screen but Today, read when first needed

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", tooltip="Close; a sync in progress goes on"),
    ]
    AUTO_FOCUS = "#sync-target"

    def __init__(self, target: str | None, *, syncing: bool = False) -> None:
        super().__init__()
        self.target = target
        self.syncing = syncing

    def compose(self) -> ComposeResult:
        with Vertical(id="sync-panel", classes="modal-panel") as panel:
            panel.border_title = "Sync"
            panel.border_subtitle = "esc to close · a sync goes on"
            yield Static(INTRO, id="sync-intro", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Target", classes="form-label")
                yield Input(
                    self.target or "",
                    placeholder="[user@]host:path",
                    id="sync-target",
                    compact=True,
                )
                yield Button("Sync", variant="primary", id="sync-start", compact=True)
            yield FormError(id="sync-error")
            yield ProgressBar(id="sync-progress", total=None, show_eta=False, show_percentage=False)
            yield Static(id="sync-status", markup=False)
        yield KeyFooter()  # the dialog's own keys, not those of the screen below

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = self.syncing
        self._status("")
        if self.syncing:
            self._status("Syncing…")
        elif self.target:
            self.start()

    @on(Input.Submitted)
    @on(Button.Pressed, "#sync-start")
    def start(self) -> None:
        if self.syncing:
            return
        target = self.query_one("#sync-target", Input).value.strip()
        if not target:
            self.query_one(FormError).say("give a target, like myserver:planner or me@host:planner")
            return
        self.syncing = True
        self.query_one(FormError).clear()
        self.query_one(ProgressBar).display = True
        self._status(PHASES["connecting"])
        self.post_message(SyncRequested(target))

    def show_progress(self, progress: SyncProgress) -> None:
        self._status(progress_text(progress))

    def show_result(self, result: SyncResult | None, error: str = "") -> None:
        """The App says how it ended: a result, or why not."""
        self.syncing = False
        self.query_one(ProgressBar).display = False
        if result is not None:
            self._status(result_text(result))
        else:
            self._status("")
            self.query_one(FormError).say(error)

    def _status(self, text: str) -> None:
        status = self.query_one("#sync-status", Static)
        status.update(text)
        status.display = bool(text)
