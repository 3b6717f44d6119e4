"""The planner's part that deals in files: plan files to add and show, run files to import.

A base of `Planner` (service.py), which the faces call: it uses the planner's `data`, `today()`
and `profile`. Each import is inside its method, so `planner today` never loads the importers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planner.events import PlanChosen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planner.core.model import Profile
    from planner.datadir import DataDir
    from planner.importers.ledger import ImportInfo
    from planner.importers.report import ImportReport, ProgressFn
    from planner.planfiles import InstalledPlan


class FilesPart:
    """Plan files and imports; `Planner` supplies the data dir, today and the profile."""

    data: DataDir

    def today(self) -> date:
        raise NotImplementedError  # Planner.today

    @property
    def profile(self) -> Profile:
        raise NotImplementedError  # Planner.profile

    def add_plan_file(self, path: Path, name: str | None = None) -> InstalledPlan:
        """Check a plan file, copy it into <data>/plans named by content, and choose it."""
        from planner.planfiles import install_plan

        installed = install_plan(path, self.data.data_dir, name)
        self.data.append(PlanChosen(installed.name, installed.sha))
        return installed

    def plan_file_text(self, name: str) -> str:
        from planner.planfiles import plan_text

        return plan_text(name, self.data.data_dir)

    def plan_files(self) -> list[str]:
        """The built-in plans, then the runner's own plan files (by file name)."""
        from planner.planfiles import builtin_plan_names, user_plan_files

        return [*builtin_plan_names(), *(p.stem for p in user_plan_files(self.data.data_dir))]

    # ---- importing -----------------------------------------------------------------
    # planner.importers is imported inside each method: `planner today` never loads it.

    def import_files(
        self,
        paths: Sequence[str | Path],
        progress: ProgressFn | None = None,
        *,
        jobs: int | None = None,
    ) -> ImportReport:
        """Import activity files, folders and archives as one undoable import.

        Slow (parses files on every core): the TUI calls it in a worker and shows `progress`.
        """
        from planner.importers.manage import import_into

        return import_into(self.data, paths, progress, jobs, today=self.today())

    def import_inbox(self, progress: ProgressFn | None = None) -> ImportReport | None:
        """Import what is new in the profile's inbox folder (the TUI calls it at start).

        None when no inbox is set; InputError when the folder is not on this machine.
        Unchanged files are not read again, so an inbox with nothing new costs a listing.
        """
        from planner.importers.manage import import_into, inbox_folder

        folder = inbox_folder(self.profile)
        if folder is None:
            return None
        return import_into(self.data, [folder], progress, today=self.today())

    def imports(self) -> list[ImportInfo]:
        """The imports that still stand, for `planner import --list` and undo."""
        from planner.importers.manage import standing_imports

        return standing_imports(self.data)

    def undo_import(self, import_id: str) -> int:
        """Remove all runs of one import (one marker event); returns how many."""
        from planner.importers.manage import undo_import

        return undo_import(self.data, import_id)
