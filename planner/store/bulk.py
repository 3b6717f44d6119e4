"""Reading event files in bulk: on every core when there are thousands (a first start).

A first start on a new machine parses ten years of event files once (tomllib costs ~40 µs an
event); after that the snapshot makes starts proportional to what is new. Chunks go to worker
processes (store/workers.py), each reading and decoding its own files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from planner.core.errors import DataError
from planner.events import Recorded
from planner.store.eventfile import decode_file
from planner.store.workers import in_workers

MAX_FILE_BYTES = 16 * 1024 * 1024
PARALLEL_FROM = 3000  # below this, starting workers costs more than it saves
CHUNK = 1000

# One file's result: its events, or the notice saying why it was skipped (and whether the
# file itself is bad, so it is remembered, or could not be read just now).
FileResult = tuple[str, list[Recorded], str | None, bool]
Progress = Callable[[int, int], None]


def read_event_file(path: str) -> FileResult:
    """The events of one file, or an empty list and the notice about it."""
    try:
        with open(path, "rb") as f:
            # Check the size first: read(16 MB) would allocate 16 MB for every tiny file.
            if os.fstat(f.fileno()).st_size > MAX_FILE_BYTES:
                notice = f"{path}: larger than 16 MB, too big for an event file; skipped"
                return path, [], notice, True
            raw = f.read()
    except OSError as exc:
        return path, [], f"{path}: cannot read: {exc.strerror}", False
    try:
        return path, decode_file(raw, Path(path)), None, False
    except DataError as exc:
        return path, [], exc.message, True


def _read_chunk(paths: Sequence[str]) -> list[FileResult]:
    return [read_event_file(path) for path in paths]


def read_event_files(paths: Sequence[str], progress: Progress | None = None) -> list[FileResult]:
    """Read every file, in order; in worker processes when there are many (store/workers.py)."""
    if len(paths) < PARALLEL_FROM:
        return _serial(paths, progress)
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    results: list[FileResult] = []
    for chunk in in_workers(_read_chunk, chunks):
        results.extend(chunk)
        if progress is not None:
            progress(len(results), len(paths))
    return results


def _serial(paths: Sequence[str], progress: Progress | None) -> list[FileResult]:
    results = []
    for n, path in enumerate(paths, 1):
        results.append(read_event_file(path))
        if progress is not None and n % CHUNK == 0:
            progress(n, len(paths))
    return results
