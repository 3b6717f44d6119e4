"""Which files were read before, so re-importing an unchanged folder reads nothing again.

A file is known by its locator and a stamp that changes with its content (size, mtime and
inode on disk; CRC and sizes inside a zip). The index lives in the cache dir: deleting it
costs one re-read of every file and changes nothing else. An entry only holds while every
run it stands for is still in the store (an undone import makes its files new again).
"""

from __future__ import annotations

import json
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.core.errors import DataError
from planner.importers.sources import Source
from planner.store.atomic import atomic_write
from planner.store.paths import ensure_private_dir

# Bump when the parsers change what they read from a file: every file is then read again.
READER_VERSION = 2  # 2: FIT courses and workouts skipped, TCX laps checked against the track


@dataclass(frozen=True)
class Seen:
    """What reading a file gave last time."""

    content_hash: str | None
    ids: tuple[str, ...]  # the runs that stand for its activities (its own or their twins')
    refused: str | None  # why it gave nothing, if it gave nothing


class SeenIndex:
    """locator -> (stamp, Seen), loaded from and saved to one JSON file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, Any] = {}
        self._dirty = False
        if path is not None:
            self._entries = _load(path)

    def unchanged(self, source: Source, kept: Set[str]) -> Seen | None:
        """What the file gave last time, if it has not changed and its runs still stand."""
        entry = self._entries.get(source.locator)
        if not isinstance(entry, dict) or entry.get("stamp") != list(source.stamp):
            return None
        ids = tuple(i for i in entry.get("ids", []) if isinstance(i, str))
        if not set(ids) <= kept:
            return None
        refused = entry.get("refused")
        return Seen(entry.get("hash"), ids, refused if isinstance(refused, str) else None)

    def remember(self, source: Source, seen: Seen) -> None:
        self._entries[source.locator] = {
            "stamp": list(source.stamp),
            "hash": seen.content_hash,
            "ids": list(seen.ids),
            "refused": seen.refused,
        }
        self._dirty = True

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        doc = {"version": READER_VERSION, "files": self._entries}
        try:
            ensure_private_dir(self.path.parent)
            atomic_write(self.path, json.dumps(doc, separators=(",", ":")).encode("utf-8"))
        except DataError:
            # A cache, like the fold's: the runs are written already, and without the index
            # the next import only reads these files again (a full or read-only cache disk).
            return
        self._dirty = False


def _load(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}  # no index yet, or a damaged one: the cache is disposable
    if not isinstance(doc, dict) or doc.get("version") != READER_VERSION:
        return {}
    files = doc.get("files")
    return files if isinstance(files, dict) else {}
