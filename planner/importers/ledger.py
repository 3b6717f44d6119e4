"""What the folded state already holds from imports: run ids, and the imports themselves.

Read from the State (cached, incremental), never by re-reading every event file: an inbox
import at start-up must not cost a pass over ten years of history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planner.core.model import State


@dataclass
class ImportInfo:
    """One import that still stands, as its visible runs tell it."""

    import_id: str
    runs: int = 0
    first: date | None = None
    last: date | None = None
    sources: set[str] = field(default_factory=set)


@dataclass
class Ledger:
    """Run ids ever written, those that still count as imported, and the standing imports."""

    taken: set[str] = field(default_factory=set)  # every run id in any event
    # ...except those of undone imports. A run the runner deleted, or one merged into a
    # twin from another source, stays kept: importing its file again must not bring it back.
    kept: set[str] = field(default_factory=set)
    imports: dict[str, ImportInfo] = field(default_factory=dict)


def ledger(state: State) -> Ledger:
    book = Ledger()
    shown = {run.id for run in state.runs}
    withheld = dict(state.withheld_runs)
    book.taken = shown | withheld.keys()
    book.kept = shown | {i for i, why in withheld.items() if why != "undone"}
    for run in state.runs:
        if run.import_id is None:
            continue
        info = book.imports.setdefault(run.import_id, ImportInfo(run.import_id))
        info.runs += 1
        info.first = min(info.first or run.date, run.date)
        info.last = max(info.last or run.date, run.date)
        if run.source_hash is not None:
            info.sources.add(run.source_hash)
    return book
