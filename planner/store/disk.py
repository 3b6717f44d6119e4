"""What is on disk: folders and their stat keys, and the event files already read.

A warm start must not list 30,000 file names: it stats the few hundred month folders and
lists only those whose key changed. The key is (inode, mtime, ctime): `rsync -t` puts a
folder's mtime back after adding a file, but nothing can put its ctime back. A folder whose
ctime is within RACY_NS of when we listed it may have changed within the clock's resolution
after the listing (git's "racy" index problem), so it is listed again until it is old enough.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FolderKey = tuple[int, int, int]  # (st_ino, st_mtime_ns, st_ctime_ns)
RACY_NS = 2_000_000_000


def folder_key(folder: str) -> FolderKey | None:
    try:
        st = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


def is_event_name(name: str) -> bool:
    # Dot-files are temp files (ours and rsync's); .tmp and non-.toml are not events.
    return not name.startswith(".") and name.endswith(".toml")


class Listing:
    """One folder as last listed: its key then, when, and the names we took from it.

    The names are kept as one string and split only for a folder that changed: a warm start
    then loads 30,000 names from the cache as a few hundred strings.
    """

    __slots__ = ("_blob", "_names", "key", "listed_ns")

    def __init__(self, key: FolderKey, listed_ns: int, names: frozenset[str]) -> None:
        self.key, self.listed_ns = key, listed_ns
        self._names: frozenset[str] | None = names
        self._blob: str | None = None

    @property
    def names(self) -> frozenset[str]:
        if self._names is None:
            self._names = frozenset(self._blob.split("\n")) if self._blob else frozenset()
        return self._names

    def __getstate__(self) -> tuple[FolderKey, int, str]:
        blob = (self._blob or "") if self._names is None else "\n".join(sorted(self._names))
        return (self.key, self.listed_ns, blob)

    def __setstate__(self, saved: tuple[FolderKey, int, str]) -> None:
        self.key, self.listed_ns, self._blob = saved
        self._names = None

    def trusted(self, key: FolderKey | None) -> bool:
        return key == self.key and key[2] < self.listed_ns - RACY_NS


@dataclass
class Changes:
    """New event files to read, and whether any file we had read is gone."""

    new_files: list[str] = field(default_factory=list)
    gone: bool = False


OnError = Callable[[str, OSError], None]


@dataclass
class DiskIndex:
    """The folders under events/ and the file names of each month folder already read."""

    events_dir: str
    folders: dict[str, Listing] = field(default_factory=dict)

    def scan(self, on_error: OnError, *, read: bool = True) -> Changes:
        """Find files added since the last scan; with read=False, only look (no updates)."""
        changes = Changes()
        seen: set[str] = set()
        for device in self._children(self.events_dir, changes, on_error, read, seen, dirs=True):
            for month in self._children(device, changes, on_error, read, seen, dirs=True):
                new = self._children(month, changes, on_error, read, seen, dirs=False)
                changes.new_files.extend(os.path.join(month, name) for name in new)
        # A folder we had read that is no longer there: its events are gone too.
        changes.gone = changes.gone or any(path not in seen for path in self.folders)
        return changes

    def _children(
        self,
        folder: str,
        changes: Changes,
        on_error: OnError,
        read: bool,
        seen: set[str],
        *,
        dirs: bool,
    ) -> list[str]:
        """Sub-folders (dirs=True, as paths) or new event file names (dirs=False)."""
        key = folder_key(folder)
        if key is None:
            return []
        seen.add(folder)
        old = self.folders.get(folder)
        if old is not None and old.trusted(key):
            return sorted(os.path.join(folder, n) for n in old.names) if dirs else []
        listed_ns = time.time_ns()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            on_error(folder, exc)
            return []
        if dirs:
            names = frozenset(e.name for e in entries if not e.name.startswith(".") and e.is_dir())
        else:
            names = frozenset(e.name for e in entries if is_event_name(e.name) and e.is_file())
        if read:
            self.folders[folder] = Listing(key, listed_ns, names)
        if dirs:
            return sorted(os.path.join(folder, n) for n in names)
        previous = old.names if old is not None else frozenset()
        if previous - names:
            changes.gone = True  # a file we had read is gone: the caller must start over
        return sorted(names - previous)

    def took(self, path: Path) -> None:
        """Record a file we wrote ourselves, so it is not read back as new."""
        folder = str(path.parent)
        old = self.folders.get(folder)
        # A zero key is never trusted: the folder is listed again, and our file is not new.
        key, listed_ns = (old.key, old.listed_ns) if old else ((0, 0, 0), 0)
        names = old.names if old else frozenset()
        self.folders[folder] = Listing(key, listed_ns, names | {path.name})
