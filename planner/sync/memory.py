"""The last sync target of each data dir, kept in this machine's state dir (never synced)."""

from __future__ import annotations

import json
from pathlib import Path

from planner.store.paths import ensure_private_dir

FILE_NAME = "sync-targets.json"


def _key(data_dir: Path) -> str:
    # Keyed by data dir: `planner --data other sync` must never reuse another runner's target.
    return str(Path(data_dir).expanduser().resolve())


def remembered(state: Path, data_dir: Path) -> str | None:
    """The target last synced from `data_dir` on this machine, if any (unreadable = none)."""
    try:
        doc = json.loads((state / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    targets = doc.get("targets") if isinstance(doc, dict) else None
    value = targets.get(_key(data_dir)) if isinstance(targets, dict) else None
    return value if isinstance(value, str) else None


def remember(state: Path, data_dir: Path, target: str) -> None:
    """Keep `target` for `data_dir`, written whole (0600) so a crash never leaves half of it."""
    ensure_private_dir(state)
    path = state / FILE_NAME
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        doc = {}
    targets = doc.get("targets") if isinstance(doc, dict) else None
    targets = dict(targets) if isinstance(targets, dict) else {}
    if targets.get(_key(data_dir)) == target:
        return  # nothing new: spare the disk a write on every sync
    # Imported here: most syncs repeat the target and write nothing (a start-up cost less).
    from planner.store.atomic import atomic_write

    targets[_key(data_dir)] = target
    text = json.dumps({"version": 1, "targets": targets}, indent=2, sort_keys=True) + "\n"
    atomic_write(path, text.encode("utf-8"))
