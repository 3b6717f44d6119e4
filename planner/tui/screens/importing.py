"""Import: a path, a progress bar while files are read in a worker, a summary, and undo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from planner.core.errors import PlannerError
from planner.tui.import_view import import_summary, plural, progress_label
from planner.tui.messages import DataSaved
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.section import SectionScreen
from planner.tui.widgets.form_error import FormError
from planner.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from planner.importers.report import ImportProgress, ImportReport

INTRO = (
    "FIT, GPX and TCX files, Garmin Connect or Strava CSV exports, zip archives, or a whole "
    "folder. Only each run's summary is kept, never its GPS track."
)
COLUMNS = ("Import", "Runs", "From", "To", "Files")


class ImportScreen(SectionScreen):
    """Reading files is slow: it runs in a thread and the bar follows it file by file."""

    SECTION_ACTION = "import_runs"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "undo", "Undo import", tooltip="Remove every run of the highlighted import"),
    ]
    AUTO_FOCUS = "#import-path"

    class Progressed(Message):
        """Posted from the import's thread for each file read."""

        def __init__(self, progress: ImportProgress) -> None:
            super().__init__()
            self.progress = progress

    class Finished(Message):
        def __init__(self, report: ImportReport) -> None:
            super().__init__()
            self.report = report

    def compose(self) -> ComposeResult:
        yield Static("Import runs", classes="section-title", markup=False)
        with Vertical(id="import-body"):
            yield Static(INTRO, id="import-intro", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Path", classes="form-label")
                yield Input(
                    placeholder="~/Downloads/strava-export.zip", id="import-path", compact=True
                )
                yield Button("Import", variant="primary", id="import-start", compact=True)
            yield FormError(id="import-error")
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static(id="import-status", markup=False)
            yield Static(id="import-summary", markup=False)
            yield Static("Imports so far", classes="question")
            yield DataTable(id="imports-table", cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.query_one(ProgressBar).display = False
        self._status("")
        self.reload()

    def reload(self) -> None:
        try:
            imports = self.planner.imports()
        except PlannerError as error:
            self.toast_error(error)
            return
        table = self.query_one(DataTable)
        table.clear()
        for info in imports:
            cells = (info.import_id, str(info.runs), str(info.first), str(info.last))
            table.add_row(*map(Text, cells), Text(str(len(info.sources))), key=info.import_id)

    @property
    def running(self) -> bool:
        return any(w.group == "import" and not w.is_finished for w in self.workers)

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-start")
    def start_import(self) -> None:
        text = self.query_one("#import-path", Input).value.strip()
        if self.running:
            return
        if not text:
            self.query_one(FormError).say("name a file, a folder or a zip archive to import")
            return
        self.query_one(FormError).clear()
        self.query_one("#import-summary", Static).update("")
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._status("Looking for activity files…")
        self.import_files(Path(text).expanduser())

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_files(self, path: Path) -> None:
        try:
            report = self.planner.import_files([path], self.post_progress)
        except PlannerError as error:
            self.app.call_from_thread(self.failed, error.message)
            return
        self.post_message(self.Finished(report))

    def post_progress(self, progress: ImportProgress) -> None:
        self.post_message(self.Progressed(progress))  # thread-safe, and never waits

    def on_import_screen_progressed(self, message: Progressed) -> None:
        progress = message.progress
        self.query_one(ProgressBar).update(total=max(progress.total, 1), progress=progress.done)
        self._status(progress_label(progress))

    def on_import_screen_finished(self, message: Finished) -> None:
        report = message.report
        self.query_one(ProgressBar).update(total=1, progress=1)
        self._status("")
        self.query_one("#import-summary", Static).update("\n".join(import_summary(report)))
        if report.imported:
            self.notify(f"{plural(len(report.imported), 'run')} imported.", title="Import")
            self.post_message(DataSaved())

    def _status(self, text: str) -> None:
        status = self.query_one("#import-status", Static)
        status.update(text)
        status.display = bool(text)

    def failed(self, message: str) -> None:
        self.query_one(ProgressBar).display = False
        self._status("")
        self.query_one(FormError).say(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # A bug, not bad input: say so in one line rather than leave the bar spinning.
        if event.worker.group == "import" and event.state == WorkerState.ERROR:
            self.failed(f"the import stopped: {event.worker.error}")

    def action_undo(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count or self.running:
            return
        import_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        question = f"Remove every run of import {import_id}? The files stay where they are."
        self.app.push_screen(ConfirmScreen(question, "Remove"), lambda y: self._undo(import_id, y))

    def _undo(self, import_id: str, yes: bool | None) -> None:
        if not yes:
            return
        try:
            removed = self.planner.undo_import(import_id)
        except PlannerError as error:
            self.toast_error(error, "Not undone")
            return
        self.notify(f"Removed {plural(removed, 'run')}.", title="Import undone")
        self.post_message(DataSaved())
