"""The import actions the service offers: import, import the inbox, list and undo imports."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from planner.core.errors import InputError
from planner.core.model import Profile
from planner.datadir import DataDir
from planner.events import RunDeleted
from planner.importers.ledger import ImportInfo, ledger
from planner.importers.pipeline import run_import
from planner.importers.report import ImportReport, ProgressFn
from planner.store.paths import cache_dir


def index_file(data_dir: Path) -> Path:
    """The seen-files index of one data dir, in this machine's cache dir."""
    digest = hashlib.sha256(os.fsencode(data_dir.resolve())).hexdigest()[:20]
    return cache_dir() / f"imports-{digest}.json"


def import_into(
    data: DataDir,
    paths: Sequence[str | os.PathLike[str]],
    progress: ProgressFn | None = None,
    jobs: int | None = None,
    today: date | None = None,
) -> ImportReport:
    """`today` is the runner's (the service's, so `--today` holds): no run starts after it."""
    if not paths:
        raise InputError("import: name the files, folders or archives to import")
    return run_import(
        data,
        paths,
        index_path=index_file(data.data_dir),
        progress=progress,
        jobs=jobs,
        today=today,
    )


def inbox_folder(profile: Profile) -> Path | None:
    """The inbox folder; None when none is set; InputError when it is gone."""
    if not profile.inbox:
        return None
    folder = Path(profile.inbox).expanduser()
    if not folder.is_dir():
        raise InputError(
            f"inbox {profile.inbox}: not a folder on this machine; "
            "set another with: planner profile set --inbox DIR"
        )
    return folder


def standing_imports(data: DataDir) -> list[ImportInfo]:
    """The imports that still stand, oldest runs first."""
    found = ledger(data.state()).imports.values()
    return sorted(found, key=lambda i: (i.first or i.last, i.import_id))


def undo_import(data: DataDir, import_id: str) -> int:
    """Remove every run of an import with one `run_delete` marker; the count removed."""
    info = ledger(data.state()).imports.get(import_id.strip())
    if info is None:
        raise InputError(
            f"import {import_id!r}: no such import (or it was undone already); "
            "see: planner import --list"
        )
    data.append(RunDeleted(import_id=info.import_id))
    return info.runs
