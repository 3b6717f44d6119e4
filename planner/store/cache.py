"""The folded-state cache: start-up proportional to what is new, not to ten years of files.

It holds the fold so far, the index of files it was made from, and the clock's high-water
mark. It is disposable: a missing, foreign, damaged or outdated cache is ignored and rebuilt,
and deleting it changes nothing but speed. It lives in the cache dir (never synced), 0600.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner import __version__
from planner.store.atomic import PRIVATE_FILE, random_token
from planner.store.disk import DiskIndex
from planner.store.fold import Folder

FORMAT = 3  # 3: the fold keeps its state and working half packed (planner/store/fold.py)


def code_stamp() -> str:
    """The app version plus the size and mtime of every module a cache entry's shape depends
    on: a cache written by other code (an upgrade, a developer's edit) is never trusted.

    tui/view.py is there for the Today view the app keeps in the cache.
    """
    package = Path(__file__).resolve().parent.parent
    parts = [__version__]
    for folder in ("core", "store"):
        with os.scandir(package / folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    st = entry.stat()
                    parts.append(f"{folder}/{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    view = (package / "tui" / "view.py").stat()
    parts.append(f"tui/view.py:{view.st_size}:{view.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@dataclass
class Snapshot:
    """Everything a warm start needs, for one data dir."""

    data_dir: str
    index: DiskIndex
    folder: Folder
    clock_high: str = ""  # the largest stamp taken from disk
    ahead: dict[str, str] = field(default_factory=dict)  # device -> stamp too far ahead to take
    bad_files: dict[str, str] = field(default_factory=dict)  # path -> the notice about it
    generation: int = 0  # goes up whenever the event set grows
    # Results derived from the state (a day's plan), each stored with its generation.
    extras: dict[str, tuple[int, Any]] = field(default_factory=dict)
    format: int = FORMAT
    version: str = field(default_factory=code_stamp)


def cache_file(cache_dir: Path, data_dir: Path) -> Path:
    """One cache file per data dir, named by its absolute path."""
    # fsencode: a path may hold bytes that are not UTF-8 (they arrive as surrogates).
    digest = hashlib.sha256(os.fsencode(data_dir.resolve())).hexdigest()[:20]
    return cache_dir / f"fold-{digest}.pickle"


def load(path: Path, data_dir: Path) -> Snapshot | None:
    """The cached snapshot for `data_dir`, or None if there is none we can trust."""
    try:
        raw = path.read_bytes()
        # Our own file in our own 0700 cache dir: as trusted as the code that wrote it.
        snapshot = _unpickle(raw)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
    except Exception:  # a cache from another version can fail in any way: it is only a cache
        return None
    if not isinstance(snapshot, Snapshot):
        return None
    current = (FORMAT, code_stamp(), str(data_dir.resolve()))
    if (snapshot.format, snapshot.version, snapshot.data_dir) != current:
        return None
    return snapshot


def _unpickle(raw: bytes) -> Any:
    # Hundreds of thousands of new objects would set off the cycle collector again and again;
    # none of them can be garbage yet.
    gc.disable()
    try:
        return pickle.loads(raw)
    finally:
        gc.enable()


def save(path: Path, snapshot: Snapshot) -> None:
    """Replace the cache file whole; a failure only costs speed next time."""
    with contextlib.suppress(Exception):  # a full disk or a read-only cache dir must not stop us
        write_private(path, pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL))


def write_private(path: Path, raw: bytes) -> None:
    """Write a cache file (0600) via a temp file and a rename.

    No fsync: caches are disposable, and a torn or empty one fails to unpickle and is rebuilt.
    """
    temp = path.with_name(f".{path.name}.{random_token(6)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
