"""One data dir, read: its event log (planner/store) folded into the runner's State
(planner/projections) and kept current, resumed from a snapshot (planner/snapshot.py) and
saved to one as the process ends. The service reads and writes through this and nothing else.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from planner import snapshot
from planner.core.model import Profile, State
from planner.events import Event, Recorded
from planner.projections.state import Folder, unique_ordered
from planner.store.bulk import Progress
from planner.store.clock import HybridClock
from planner.store.paths import cache_dir, ensure_private_dir
from planner.store.store import Arrivals, Store

MAX_RESULTS = 32  # derived results kept for one event set (a day's plan, its morning view)


class DataDir:
    """A data dir's events, folded incrementally, kept between runs, appended durably."""

    def __init__(
        self,
        data_dir: Path,
        *,
        state: Path | None = None,
        cache: Path | None = None,
        wall_ms: Callable[[], int] | None = None,
    ) -> None:
        self.log = Store(data_dir, state=state, wall_ms=wall_ms)
        self.data_dir = self.log.data_dir
        self.device = self.log.device
        self._cache_dir = cache
        self._mutex = threading.RLock()  # the TUI reads and appends from worker threads
        self._loaded = False
        self._resumed: snapshot.Snapshot | None = None  # until its fold is first needed
        self._folder: Folder | None = None
        self._state: State | None = None
        self._profile = Profile()
        self._generation = 0
        self._results: dict[str, tuple[int, Any]] = {}
        self._unsaved = False
        self._progress: Progress | None = None
        # What `planner status` and `planner today` say of a day, with the generation it was
        # made at, and the zone and day start (glance.py): written as the process ends, read
        # by their next run without the planner.
        self._glance: dict[str, tuple[int, dict[str, object]]] = {}
        self._glance_zone: tuple[str, int] = ("", 0)

    @property
    def notices(self) -> list[str]:
        """One line for each file or event that could not be used, and for clocks ahead."""
        return self.log.notices

    @property
    def clock(self) -> HybridClock:
        return self.log.clock

    # ---- reading -----------------------------------------------------------------------

    def load(self, progress: Progress | None = None) -> None:
        """Resume from the snapshot and read what is new on disk, reporting progress on a
        long first read. The fold itself is unpacked when first needed (see `ready`)."""
        with self._mutex:
            self._progress = progress
            try:
                self._load()
            finally:
                self._progress = None

    def events(self) -> list[Recorded]:
        """Every event on disk, read afresh (for tools and tests; the app uses `state`)."""
        return self.log.events()

    def profile(self) -> Profile:
        """The runner's profile: on a warm start, without unpacking the fold."""
        with self._mutex:
            self._load()
            return self._profile if self._folder is None else self.state().profile

    def generation(self) -> int:
        """Goes up whenever the event set grows: a result kept with it is current while equal."""
        with self._mutex:
            self._load()
            return self._generation

    def state(self) -> State:
        """The fold of every event on disk and appended since; kept until it changes."""
        with self._mutex:
            self._load()
            if self._state is None:
                self._state = self._working().state()
            return self._state

    def ready(self) -> None:
        """Unpack what a quick start left packed, so the next read or tick is quick: the app
        calls this (through the service) once the first screen is up."""
        self.state()

    def refresh(self) -> bool:
        """Fold in event files that arrived from elsewhere; True if there were any."""
        with self._mutex:
            if not self._loaded:
                self._load()
                return True
            arrived = self.log.read_new()
            self._fold(arrived)
            return bool(arrived.events) or arrived.restarted

    def changed_on_disk(self) -> bool:
        """True if event files arrived that are not folded in yet (False before a load)."""
        with self._mutex:
            return self._loaded and self.log.has_new()

    def recall(self, key: str) -> Any:
        """A result remembered for the current event set (None if there is none)."""
        with self._mutex:
            self._load()
            slot = self._results.get(key)
            return slot[1] if slot is not None and slot[0] == self._generation else None

    def remember(self, key: str, value: Any) -> None:
        """Keep a result derived from the current state, in memory and in the snapshot."""
        with self._mutex:
            self._load()
            current = {k: v for k, v in self._results.items() if v[0] == self._generation}
            if len(current) >= MAX_RESULTS:
                current.clear()
            current[key] = (self._generation, value)
            self._results = current
            self._mark_unsaved()

    def save_cache(self) -> None:
        """Write the snapshot if anything changed since it was read."""
        with self._mutex:
            if not (self._loaded and self._unsaved):
                return
            if self._folder is None and self._resumed is not None:
                packed, profile = self._resumed.packed_work, self._profile
            else:
                folder = self._working()
                packed, profile = snapshot.pack(folder), folder.state().profile
            kept = snapshot.Snapshot(
                str(self.data_dir.resolve()),
                self.log.cursor,
                profile,
                self._generation,
                packed,
                self._results,
            )
            snapshot.save(self._snapshot_path(), kept)
            self._unsaved = False

    def note_glance(self, day: str, view: str, value: object, tz: str, day_starts: int) -> None:
        """Keep what `planner status` or `planner today` says of `day` ("status", "today",
        "brief"), made from the current event set, for their fast path (glance.py)."""
        with self._mutex:
            if not self._glance:
                atexit.register(self.save_glance)
            generation, views = self._glance.get(day, (self._generation, {}))
            if generation != self._generation:
                views = {}
            self._glance[day] = (self._generation, {**views, view: value})
            self._glance_zone = (tz, day_starts)

    def save_glance(self) -> None:
        """Write the status file: the days noted from the event set as it now is, and the
        keys of the event folders as the store last read them (glance.py checks them)."""
        from planner import glance

        with self._mutex:
            days = {d: v for d, (gen, v) in self._glance.items() if gen == self._generation}
            if not days or not snapshot.enabled():
                return
            index = self.log.cursor.index
            folders: dict[str, list[int] | None] = {index.events_dir: None}
            folders.update(
                {path: [*kept.key, kept.listed_ns] for path, kept in index.folders.items()}
            )
            tz, day_starts = self._glance_zone
            try:
                cache = ensure_private_dir(self._cache_dir) if self._cache_dir else cache_dir()
            except Exception:  # only a cache: a read-only home must not stop the command
                return
            path = glance.status_file(str(cache), str(self.data_dir))
            glance.write(path, str(self.data_dir), folders, tz, day_starts, days)

    # ---- writing -----------------------------------------------------------------------

    def append(self, event: Event) -> Recorded:
        """Record one event in a file of its own; it is on disk when this returns."""
        return self._append([event])[0]

    def append_batch(self, events: Sequence[Event]) -> list[Recorded]:
        """Record many events in one file (an import, the demo seed), so they go as one."""
        return self._append(events) if events else []

    def _append(self, events: Sequence[Event]) -> list[Recorded]:
        with self._mutex:
            self._load()
            self._working()  # unpacked before the write, so the write is folded in at once
            written = self.log.append(events)
            self._fold(Arrivals(written))
            return written

    # ---- keeping the fold current ----------------------------------------------------------

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        resumed = snapshot.load(self._snapshot_path(), self.data_dir)
        if resumed is None:
            self._folder = Folder()
            self._mark_unsaved()  # even an empty data dir: the next start is then a warm one
        else:
            self.log.resume(resumed.cursor)
            self._resumed, self._profile = resumed, resumed.profile
            self._generation, self._results = resumed.generation, resumed.results
        self._fold(self.log.read_new(self._progress))

    def _working(self) -> Folder:
        """The fold, unpacked from the snapshot the first time it is needed."""
        if self._folder is None:
            assert self._resumed is not None
            self._folder = self._resumed.folder()
            self._resumed = None
        return self._folder

    def _fold(self, arrived: Arrivals) -> None:
        if not arrived.events and not arrived.restarted:
            return
        if arrived.restarted:  # files went away: what was folded from them no longer holds
            self._folder, self._resumed = Folder(), None
        folder = self._working()
        folder.add(arrived.events)
        if folder.conflicted:  # two different events under one id: settle it from scratch
            self._folder = folder = Folder()
            folder.add(unique_ordered(self.log.events()))
        self._state = None
        self._generation += 1
        self._mark_unsaved()

    def _mark_unsaved(self) -> None:
        if not self._unsaved:
            self._unsaved = True
            atexit.register(self.save_cache)

    def _snapshot_path(self) -> Path:
        folder = ensure_private_dir(self._cache_dir) if self._cache_dir else cache_dir()
        return snapshot.snapshot_file(folder, self.data_dir)
