"""The event store: reads every event file of a data dir and appends new ones durably."""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import fcntl
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.core.errors import DataError
from planner.core.model import Profile, State
from planner.events import Event, Recorded, decode
from planner.store import cache as fold_cache
from planner.store.atomic import PRIVATE_FILE, atomic_write, fsync_dir, random_token
from planner.store.bulk import Progress, read_event_files
from planner.store.clock import HybridClock, parse_stamp
from planner.store.device import device_id
from planner.store.disk import DiskIndex
from planner.store.eventfile import encode_file, envelope, unique_ordered
from planner.store.fold import Folder
from planner.store.paths import cache_dir, ensure_private_dir, missing_dirs, state_dir

LOCK_NAME = ".planner.lock"
HOUR_MS = 3_600_000


class Store:
    """One data dir's events: folded incrementally, cached between runs, appended durably."""

    def __init__(
        self,
        data_dir: Path,
        *,
        state: Path | None = None,
        cache: Path | None = None,
        wall_ms: Callable[[], int] | None = None,
    ) -> None:
        # Folders made here reach the disk in their parents with the first write (see _write).
        self._new_folders = missing_dirs(Path(data_dir) / "events")
        self.data_dir = ensure_private_dir(Path(data_dir))
        self._events_dir = ensure_private_dir(self.data_dir / "events")
        self.device = device_id(ensure_private_dir(state) if state is not None else state_dir())
        self._cache_dir = cache
        self.clock = HybridClock(wall_ms) if wall_ms is not None else HybridClock()
        self.notices: list[str] = []
        self._noticed: set[str] = set()
        self._mutex = threading.RLock()  # the TUI reads and appends from worker threads
        self._snap: fold_cache.Snapshot | None = None
        self._state: State | None = None
        self._cache_dirty = False
        self._progress: Progress | None = None
        self._ready_folders: set[Path] = set()

    # ---- reading -----------------------------------------------------------------------

    def events(self) -> list[Recorded]:
        """Every event on disk, read afresh (for tools and tests; the app uses `state`)."""
        with self._mutex:
            index = DiskIndex(str(self._events_dir))
            files = index.scan(self._listing_failed).new_files
            return self._read_all(files, {})

    def load(self, progress: Progress | None = None) -> None:
        """Read the cache and what is new on disk now, reporting progress on a long first read.

        The folded state itself is unpacked when first asked for (see `Folder`).
        """
        with self._mutex:
            self._progress = progress
            try:
                self._loaded()
            finally:
                self._progress = None

    def profile(self) -> Profile:
        """The runner's profile: on a warm start, without unpacking the whole state."""
        with self._mutex:
            if self._state is not None:
                return self._state.profile
            return self._loaded().folder.profile()

    def generation(self) -> int:
        """Goes up whenever the event set grows: a result kept with it is current while equal."""
        with self._mutex:
            return self._loaded().generation

    def state(self) -> State:
        """The fold of every event on disk and appended since; kept until it changes."""
        with self._mutex:
            if self._state is None:
                self._state = self._loaded().folder.state()
            return self._state

    def ready(self) -> None:
        """Unpack what a quick start left packed (the folded state, the fold's working half),
        so the next read or write is quick: the app calls this once the first screen is up."""
        with self._mutex:
            self._loaded().folder.ready()
            self._state = None  # the folder's rebuilt state, sharing its runs, from now on

    def reload(self) -> None:
        """Read what arrived on disk since the last look (a sync, another process)."""
        with self._mutex:
            self.refresh()

    def refresh(self) -> bool:
        """Fold in event files that arrived from elsewhere; True if there were any."""
        with self._mutex:
            if self._snap is None:
                self._loaded()
                return True
            return self._catch_up(self._snap)

    def changed_on_disk(self) -> bool:
        """True if event files arrived that are not folded in yet (False before a load)."""
        with self._mutex:
            if self._snap is None:
                return False
            changes = self._snap.index.scan(self._listing_failed, read=False)
            return bool(changes.new_files) or changes.gone

    def recall(self, key: str) -> Any:
        """A result remembered for the current event set (None if there is none)."""
        with self._mutex:
            snap = self._loaded()
            slot = snap.extras.get(key)
            return slot[1] if slot is not None and slot[0] == snap.generation else None

    def remember(self, key: str, value: Any) -> None:
        """Keep a result derived from the current state, in memory and in the cache."""
        with self._mutex:
            snap = self._loaded()
            current = {k: v for k, v in snap.extras.items() if v[0] == snap.generation}
            if len(current) >= 32:
                current.clear()
            current[key] = (snap.generation, value)
            snap.extras = current
            self._mark_dirty()

    def _mark_dirty(self) -> None:
        if not self._cache_dirty:
            self._cache_dirty = True
            atexit.register(self.save_cache)

    def save_cache(self) -> None:
        """Write the folded state to the cache dir if it changed since it was read."""
        with self._mutex:
            if self._snap is not None and self._cache_dirty:
                fold_cache.save(self._cache_path(), self._snap)
                self._cache_dirty = False

    def _cache_path(self) -> Path:
        folder = ensure_private_dir(self._cache_dir) if self._cache_dir else cache_dir()
        return fold_cache.cache_file(folder, self.data_dir)

    def _loaded(self) -> fold_cache.Snapshot:
        """The snapshot: from the cache if it is there, then brought up to date with the disk."""
        if self._snap is None:
            snap = fold_cache.load(self._cache_path(), self.data_dir)
            if snap is None:
                snap = self._empty_snapshot()
            self._snap = snap
            self._restore_clock(snap)
            for message in snap.bad_files.values():
                self._notice(message)
            if self._catch_up(snap) or not snap.index.folders:
                self._mark_dirty()
        return self._snap

    def _empty_snapshot(self) -> fold_cache.Snapshot:
        return fold_cache.Snapshot(
            str(self.data_dir.resolve()), DiskIndex(str(self._events_dir)), Folder()
        )

    def _catch_up(self, snap: fold_cache.Snapshot) -> bool:
        """Read the files that are new since the snapshot; start over if any went away."""
        changes = snap.index.scan(self._listing_failed)
        if changes.gone:
            fresh = self._empty_snapshot()
            fresh.clock_high, fresh.ahead = snap.clock_high, snap.ahead
            fresh.generation = snap.generation + 1
            self._snap = snap = fresh
            changes = snap.index.scan(self._listing_failed)
        if not changes.new_files:
            return False
        events = self._read_all(changes.new_files, snap.bad_files)
        self._observe(snap, events)
        snap.folder.add(events)
        if snap.folder.conflicted:  # two different events under one id: settle it from scratch
            snap.folder = Folder()
            snap.folder.add(unique_ordered(self.events()))
        self._state = None
        snap.generation += 1
        self._mark_dirty()
        return True

    def _listing_failed(self, folder: str, exc: OSError) -> None:
        self._notice(f"{folder}: cannot list this folder: {exc.strerror}")

    def _read_all(self, paths: list[str], bad_files: dict[str, str]) -> list[Recorded]:
        """The events of these files; a file that cannot be used is skipped with a notice."""
        events: list[Recorded] = []
        for path, found, notice, bad in read_event_files(paths, self._progress):
            events.extend(found)
            if notice is not None:
                # Event files never change: a bad one stays bad, so remember it, not re-read it.
                if bad:
                    bad_files[path] = notice
                self._notice(notice)
        return events

    def _restore_clock(self, snap: fold_cache.Snapshot) -> None:
        if snap.clock_high:
            self.clock.observe(snap.clock_high)
        ahead = dict(snap.ahead)
        snap.ahead.clear()
        self._take_stamps(snap, ahead.items())

    def _observe(self, snap: fold_cache.Snapshot, events: list[Recorded]) -> None:
        """Catch the clock up to the disk, and name the devices whose clocks run ahead."""
        self._take_stamps(snap, ((e.device, e.hlc) for e in events))

    def _take_stamps(self, snap: fold_cache.Snapshot, stamps: Iterable[tuple[str, str]]) -> None:
        now = self.clock.wall_ms()
        for device, hlc in stamps:
            if self.clock.observe(hlc):
                snap.clock_high = max(snap.clock_high, hlc)
            elif hlc > snap.ahead.get(device, ""):
                snap.ahead[device] = hlc
        for device, hlc in sorted(snap.ahead.items()):
            ms = parse_stamp(hlc)[0] - now
            self._notice(
                f"events from device {device} are stamped up to {ms / HOUR_MS:.0f} h ahead"
                " of this machine's clock; is its clock wrong?",
                key=f"clock:{device}",
            )

    def _notice(self, message: str, key: str | None = None) -> None:
        key = message if key is None else key
        if key not in self._noticed:
            self._noticed.add(key)
            self.notices.append(message)

    # ---- writing -----------------------------------------------------------------------

    def append(self, event: Event) -> Recorded:
        """Record one event in a file of its own; it is on disk when this returns."""
        return self._write([event], batch=False)[0]

    def append_batch(self, events: Sequence[Event]) -> list[Recorded]:
        """Record many events in one file (an import, the demo seed), so they go as one."""
        return self._write(events, batch=True) if events else []

    def _prepare_folder(self, month_folder: Path) -> list[Path]:
        """Make the month folder (0700) if need be; return the folders this creates.

        A folder made or checked once is remembered, so a tick costs no extra stat calls.
        """
        if month_folder in self._ready_folders:
            return []
        new = [
            *self._new_folders,
            *(f for f in (month_folder.parent, month_folder) if not f.is_dir()),
        ]
        ensure_private_dir(month_folder)
        self._ready_folders.add(month_folder)
        return new

    def _write(self, items: Sequence[Event], *, batch: bool) -> list[Recorded]:
        with self._mutex, self._locked():
            snap = self._loaded()  # the clock must have seen the disk before it ticks
            # One stamp per event, so the order inside a batch survives the (hlc, id) sort.
            stamps = [self.clock.tick() for _ in items]
            stem = f"{stamps[0]}-{self.device}-{random_token(6)}"
            ids = [f"{stem}.{i}" for i in range(len(items))] if batch else [stem]
            drafts = [
                Recorded(event_id, hlc, self.device, event)
                for event_id, hlc, event in zip(ids, stamps, items, strict=True)
            ]
            path = self._events_dir / self.device / _month(stamps[0]) / f"{stem}.toml"
            tables = [envelope(d) for d in drafts]  # refuses an event we may not write
            raw = encode_file(tables)
            # Keep what a later load will read, not the caller's objects: the codec's reading
            # of the tables tomli_w writes, without parsing the bytes again.
            events = [
                dataclasses.replace(d, event=decode(t["kind"], t["data"]))
                for d, t in zip(drafts, tables, strict=True)
            ]
            new = self._prepare_folder(path.parent)
            try:
                atomic_write(path, raw)
            except DataError:
                if path.parent.is_dir():
                    raise
                self._ready_folders.clear()  # someone removed the folder: make it again
                new = self._prepare_folder(path.parent)
                atomic_write(path, raw)
            # A folder this write created must be durable in its parent too: a file fsynced
            # in a folder whose own entry is lost in a power cut is lost with it.
            for folder in new:
                _sync_entry(folder, self.data_dir)
            self._new_folders = []
            snap.index.took(path)
            snap.folder.add(events)
            snap.generation += 1
            self._state = None
            self._mark_dirty()
        return events

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold <data>/.planner.lock exclusively: local writers take turns."""
        path = self.data_dir / LOCK_NAME
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE)
        except OSError as exc:
            raise DataError(f"{path}: cannot open the lock file: {exc.strerror}") from None
        try:
            if os.fstat(fd).st_mode & 0o777 != PRIVATE_FILE:
                os.fchmod(fd, PRIVATE_FILE)
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock


def _sync_entry(folder: Path, data_dir: Path) -> None:
    """Make a new folder's entry durable in its parent (outside the data dir: best effort)."""
    try:
        fsync_dir(folder.parent)
    except (OSError, DataError):
        if folder.parent.is_relative_to(data_dir):
            raise


def _month(hlc: str) -> str:
    """YYYY-MM (UTC) of a stamp: the month folder its file goes in."""
    return datetime.fromtimestamp(parse_stamp(hlc)[0] / 1000, tz=UTC).strftime("%Y-%m")
