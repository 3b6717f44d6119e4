"""Reading event files in bulk: on every core when there are thousands (a first start).

A first start on a new machine parses ten years of event files once (tomllib costs ~40 µs an
event); after that the fold cache makes starts proportional to what is new. Chunks go to a
pool of worker processes, each reading and decoding its own files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.errors import DataError
from planner.events import Recorded
from planner.store.eventfile import decode_file

if TYPE_CHECKING:
    import multiprocessing.context

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
    """Read every file, in order; in parallel when there are many and more than one core."""
    cores = os.cpu_count() or 1
    if len(paths) < PARALLEL_FROM or cores < 2:
        return _serial(paths, progress)
    # Imported here: a warm start never needs a process pool, and importing one costs 15 ms.
    from concurrent.futures import ProcessPoolExecutor

    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    results: list[FileResult] = []
    try:
        with ProcessPoolExecutor(min(cores, len(chunks)), mp_context=_context()) as pool:
            for chunk in pool.map(_read_chunk, chunks):
                results.extend(chunk)
                if progress is not None:
                    progress(len(results), len(paths))
    except (OSError, RuntimeError):
        return _serial(paths, progress)  # no processes to be had here: do it alone
    return results


def _serial(paths: Sequence[str], progress: Progress | None) -> list[FileResult]:
    results = []
    for n, path in enumerate(paths, 1):
        results.append(read_event_file(path))
        if progress is not None and n % CHUNK == 0:
            progress(n, len(paths))
    return results


def _context() -> multiprocessing.context.BaseContext:
    # fork is quickest, and safe before the app starts threads (the store loads first);
    # elsewhere a fork server or spawn starts clean workers.
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _single_threaded():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _single_threaded() -> bool:
    import threading

    return threading.active_count() == 1
