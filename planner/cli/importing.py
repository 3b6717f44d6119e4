"""`planner import`: bring in run history from files, folders, archives and the inbox.

    planner import PATH...        files, folders (recursively), .zip archives, .gz files
    planner import --inbox        what is new in the profile's inbox folder
    planner import --list         the imports that still stand, with their ids
    planner import --undo ID      remove every run of one import

Exit codes: 0 when the import gave something, even if only duplicates, non-runs or files
unchanged since the last import (a summary lists any files refused beside them); 2 when
every file was refused or no activity file was found, and for bad arguments (an unknown
path, an unknown import id). A progress bar goes to stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from planner.cli.common import out, print_json
from planner.core.errors import InputError

if TYPE_CHECKING:
    from planner.importers.ledger import ImportInfo
    from planner.importers.report import ImportedRun, ImportProgress, ImportReport
    from planner.service import Planner

MAX_LISTED = 50  # refusals shown in the text summary; --json lists them all


def register(sub: Any) -> None:
    imp = sub.add_parser("import", help="import run history: FIT, GPX, TCX, CSV exports, zips")
    imp.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or zip archives")
    what = imp.add_mutually_exclusive_group()
    what.add_argument("--inbox", action="store_true", help="import what is new in the inbox")
    what.add_argument("--list", action="store_true", help="list the imports that still stand")
    what.add_argument("--undo", metavar="ID", help="remove every run of one import")
    imp.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: all cores)")
    imp.add_argument("--json", action="store_true", help="print the summary as JSON")
    imp.add_argument("--quiet", action="store_true", help="no progress bar")
    imp.set_defaults(handler=cmd_import)


def cmd_import(planner: Planner, args: argparse.Namespace) -> int:
    if (args.inbox or args.list or args.undo) and args.paths:
        raise InputError("import: give paths, or one of --inbox, --list, --undo, not both")
    if args.list:
        return _list(planner, args.json)
    if args.undo:
        removed = planner.undo_import(args.undo)
        out(f"Removed the {removed} run{'s' * (removed != 1)} of import {args.undo}.")
        return 0
    bar = _Bar(enabled=not (args.quiet or args.json) and sys.stderr.isatty())
    if args.inbox:
        report = planner.import_inbox(bar.show)
        if report is None:
            raise InputError("import --inbox: no inbox set; use: planner profile set --inbox DIR")
    else:
        if not args.paths:
            raise InputError("import: name the files, folders or archives to import")
        if args.jobs is not None and args.jobs < 1:
            raise InputError(f"--jobs {args.jobs}: must be 1 or more")
        report = planner.import_files(args.paths, bar.show, jobs=args.jobs)
    bar.clear()
    if args.json:
        print_json(report_json(report))
    else:
        out(summary_text(report))
    return 2 if report.nothing_usable else 0


def _list(planner: Planner, as_json: bool) -> int:
    found = planner.imports()
    if as_json:
        print_json({"imports": [_import_json(i) for i in found]})
        return 0
    if not found:
        out("No imports yet: planner import PATH...")
    for info in found:
        span = f"{info.first} to {info.last}" if info.first != info.last else f"{info.first}"
        out(f"{info.import_id}  {info.runs:5d} runs  {span}  from {len(info.sources)} files")
    return 0


def _import_json(info: ImportInfo) -> dict[str, Any]:
    return {
        "id": info.import_id,
        "runs": info.runs,
        "files": len(info.sources),
        "first": str(info.first),
        "last": str(info.last),
    }


class _Bar:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._drawn = 0.0

    def show(self, progress: ImportProgress) -> None:
        now = time.monotonic()
        if not self.enabled or progress.total == 0:
            return
        if now - self._drawn < 0.1 and progress.done < progress.total:
            return
        self._drawn = now
        filled = 30 * progress.done // progress.total
        sys.stderr.write(
            f"\rReading {progress.done}/{progress.total} files "
            f"[{'#' * filled}{'.' * (30 - filled)}] {100 * progress.done // progress.total}%"
        )
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled and self._drawn:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def summary_text(r: ImportReport) -> str:
    """The summary a runner reads after an import."""
    lines: list[str] = []
    if r.import_id is not None:
        lines.append(
            f"Imported {_n(len(r.imported), 'run')} from {_n(r.files, 'file')} "
            f"in {r.seconds:.1f} s (import {r.import_id})."
        )
        lines.append(f"  Undo it with: planner import --undo {r.import_id}")
    elif r.unchanged and r.unchanged == r.files:
        lines.append(f"Nothing new: {_n(r.unchanged, 'file')} read before and unchanged since.")
    else:
        lines.append(f"No new runs in {_n(r.files, 'activity file')}.")
    if r.import_id is not None and r.unchanged:
        lines.append(f"Not read again: {_n(r.unchanged, 'file')} unchanged since the last import.")
    if r.duplicates:
        lines.append(f"Skipped {_n(r.duplicates, 'duplicate')}: already in your history.")
    if r.non_runs:
        sports = ", ".join(f"{name} {count}" for name, count in r.non_runs.most_common())
        lines.append(
            f"Skipped {_n(sum(r.non_runs.values()), 'activity', 'activities')} that "
            f"{'is' if sum(r.non_runs.values()) == 1 else 'are'} not a run ({sports}): "
            "the plan counts running only."
        )
    holds = "holds" if len(r.skipped) == 1 else "hold"
    lines += _listed(f"Skipped {_n(len(r.skipped), 'file')} that {holds} no run:", r.skipped)
    lines += _listed(f"Read {_n(len(r.notes), 'file')} another way than usual:", r.notes)
    lines += _listed(f"Refused {_n(len(r.refused), 'file')}:", r.refused)
    lines += _listed(f"Kept the readable part of {_n(len(r.damaged), 'damaged file')}:", r.damaged)
    if r.ignored:
        lines.append(f"Passed over {_n(r.ignored, 'other file')} (not activity files).")
    if r.imported:
        lines.append(
            "Imported runs have no effort rating yet: the plan estimates one from heart rate "
            "or pace, and the morning check-in asks you to rate recent ones."
        )
    return "\n".join(lines)


def _listed(title: str, items: list[tuple[str, str]]) -> list[str]:
    if not items:
        return []
    shown = [f"  {what}: {why}" for what, why in items[:MAX_LISTED]]
    more = len(items) - MAX_LISTED
    return [
        title,
        *shown,
        *([f"  ... and {more} more (--json lists them all)"] if more > 0 else []),
    ]


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _run_json(run: ImportedRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "date": str(run.date),
        "distance_m": run.distance_m,
        "moving_s": run.moving_s,
        "source": run.source,
    }


def report_json(r: ImportReport) -> dict[str, Any]:
    return {
        "import_id": r.import_id,
        "imported": [
            {
                "id": run.id,
                "date": str(run.date),
                "distance_m": run.distance_m,
                "moving_s": run.moving_s,
                "source": run.source,
            }
            for run in r.imported
        ],
        "duplicates": r.duplicates,
        "unchanged_files": r.unchanged,
        "non_runs": dict(r.non_runs),
        "refused": [{"file": what, "reason": why} for what, why in r.refused],
        "damaged": [{"file": what, "problem": why} for what, why in r.damaged],
        "skipped": [{"file": what, "reason": why} for what, why in r.skipped],
        "notes": [{"file": what, "note": how} for what, how in r.notes],
        "ignored_files": r.ignored,
        "files": r.files,
        "seconds": round(r.seconds, 3),
    }
