"""What an import tells the runner (and the TUI): progress while it runs, a summary after."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ImportProgress:
    """How far an import is: `done` of `total` files read; `current` is the last one."""

    done: int
    total: int
    current: str = ""


ProgressFn = Callable[[ImportProgress], None]


@dataclass(frozen=True)
class ImportedRun:
    id: str
    date: date
    distance_m: float
    moving_s: int
    source: str


@dataclass
class ImportReport:
    """The summary of one import. Nothing was written when `import_id` is None."""

    import_id: str | None = None
    imported: list[ImportedRun] = field(default_factory=list)
    duplicates: int = 0  # activities already in the history (same file, or a twin from another)
    unchanged: int = 0  # files read by an earlier import and not changed since: not read again
    non_runs: Counter[str] = field(default_factory=Counter)  # sport -> activities skipped
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, one-line reason)
    damaged: list[tuple[str, str]] = field(default_factory=list)  # (file, what was wrong)
    # Sound files that hold no activity by their nature: (file, "course file, not an activity")
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Runs read another way than usual: (file, how; e.g. the track's distance, not the laps')
    notes: list[tuple[str, str]] = field(default_factory=list)
    ignored: int = 0  # other files in the folders and archives (photos, other CSVs...)
    files: int = 0  # activity files found
    usable_files: int = 0  # files that gave a run, a duplicate or a non-run, were skipped or
    # were unchanged
    seconds: float = 0.0

    @property
    def nothing_usable(self) -> bool:
        """True when not one file gave anything: all refused, or none found."""
        return self.usable_files == 0
