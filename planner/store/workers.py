"""One policy for work spread over processes: a first start's event files (store/bulk.py) and
an import's activity files (importers/pipeline.py) are both read this way.

- as many workers as cores (or as asked), never more than there are chunks;
- fork when this process runs no other thread (quickest: the workers share the loaded code);
  a fork server, else spawn, when it does (forking a process that runs threads, the TUI's
  workers, can deadlock the child);
- no processes to be had (a sandbox, a full process table): the same work, here, in order.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import multiprocessing.context

C = TypeVar("C")
R = TypeVar("R")


def worker_count(jobs: int | None = None) -> int:
    """The workers to use: `jobs` if given, else one per core."""
    return max(1, jobs or os.cpu_count() or 1)


def in_workers(work: Callable[[C], R], chunks: Sequence[C], jobs: int | None = None) -> Iterator[R]:
    """`work(chunk)` for each chunk, in order, in worker processes (here if there can be none).

    `work` must be a module-level function (it is sent to the workers by name).
    """
    workers = min(worker_count(jobs), len(chunks))
    if workers < 2:
        yield from map(work, chunks)
        return
    # Imported here: most runs never start a pool, and importing one costs ~15 ms.
    from concurrent.futures import ProcessPoolExecutor

    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            for result in pool.map(work, chunks):
                done += 1
                yield result
    except (OSError, RuntimeError):
        if done:
            raise  # half the results are out: the caller cannot be handed the rest twice
        yield from map(work, chunks)


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
