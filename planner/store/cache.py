"""The folded-state cache: start-up proportional to what is new, not to ten years of files.

It holds the fold so far, the index of files it was made from, and the clock's high-water
mark. It is disposable: a missing, foreign, damaged or outdated cache is ignored and rebuilt,
and deleting it changes nothing but speed. It lives in the cache dir (never synced), 0600.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from planner import __version__
from planner.store.atomic import PRIVATE_FILE, random_token
from planner.store.disk import DiskIndex
from planner.store.fold import Folder

FORMAT = 1


@dataclass
class Snapshot:
    """Everything a warm start needs, for one data dir."""

    data_dir: str
    index: DiskIndex
    folder: Folder
    clock_high: str = ""  # the largest stamp taken from disk
    ahead: dict[str, str] = field(default_factory=dict)  # device -> stamp too far ahead to take
    bad_files: dict[str, str] = field(default_factory=dict)  # path -> the notice about it
    format: int = FORMAT
    version: str = __version__


def cache_file(cache_dir: Path, data_dir: Path) -> Path:
    """One cache file per data dir, named by its absolute path."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:20]
    return cache_dir / f"fold-{digest}.pickle"


def load(path: Path, data_dir: Path) -> Snapshot | None:
    """The cached snapshot for `data_dir`, or None if there is none we can trust."""
    try:
        raw = path.read_bytes()
        # Our own file in our own 0700 cache dir: as trusted as the code that wrote it.
        snapshot = pickle.loads(raw)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
    except Exception:  # a cache from another version can fail in any way: it is only a cache
        return None
    if not isinstance(snapshot, Snapshot):
        return None
    current = (FORMAT, __version__, str(data_dir.resolve()))
    if (snapshot.format, snapshot.version, snapshot.data_dir) != current:
        return None
    return snapshot


def save(path: Path, snapshot: Snapshot) -> None:
    """Replace the cache file whole (temp + rename); a failure only costs speed next time.

    No fsync: after a crash a torn or empty cache fails to unpickle and is rebuilt.
    """
    temp = path.with_name(f".{path.name}.{random_token(6)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(snapshot, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(temp)
