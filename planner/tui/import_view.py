"""What the Import screen says while and after an import: plain text, no widgets."""

from __future__ import annotations

from planner.importers.report import ImportProgress, ImportReport

MAX_REFUSED = 5  # the first few refusals; the CLI's --json lists them all


def progress_label(progress: ImportProgress) -> str:
    current = f" · {progress.current}" if progress.current else ""
    return f"Reading {progress.done}/{progress.total} files{current}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def import_summary(report: ImportReport) -> list[str]:
    """The lines a runner reads after an import: what came in, what was skipped and why."""
    r = report
    if r.import_id is not None:
        lines = [
            f"Imported {plural(len(r.imported), 'run')} from {plural(r.files, 'file')} "
            f"in {r.seconds:.1f} s. Undo it below with x."
        ]
    elif r.unchanged and r.unchanged == r.files:
        lines = [f"Nothing new: {plural(r.unchanged, 'file')} unchanged since the last import."]
    else:
        lines = [f"No new runs in {plural(r.files, 'activity file')}."]
    if r.duplicates:
        lines.append(f"Skipped {plural(r.duplicates, 'duplicate')}: already in your history.")
    if r.non_runs:
        sports = ", ".join(f"{sport} {n}" for sport, n in r.non_runs.most_common())
        lines.append(f"Skipped what is not a run ({sports}): the plan counts running only.")
    if r.refused:
        lines.append(f"Refused {plural(len(r.refused), 'file')}:")
        lines += [f"  {name}: {why}" for name, why in r.refused[:MAX_REFUSED]]
        if len(r.refused) > MAX_REFUSED:
            lines.append(f"  … and {len(r.refused) - MAX_REFUSED} more")
    if r.damaged:
        lines.append(f"Kept the readable part of {plural(len(r.damaged), 'damaged file')}.")
    if r.imported:
        lines.append("The morning check-in will ask you to rate recent runs without an effort.")
    return lines
