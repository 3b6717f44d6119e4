"""The event log of one data dir: append events durably, list and read what is new.

Nothing else lives here: what the events become is planner/projections, and keeping that
between runs is planner/snapshot.py. The store's `cursor` says how far this machine has read
(the files taken, the clock's high-water mark); a snapshot keeps it and `resume` restores it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from planner.core.errors import DataError
from planner.events import Event, Recorded
from planner.store.atomic import PRIVATE_FILE, atomic_write, fsync_dir, random_token
from planner.store.bulk import Progress, read_event_files
from planner.store.clock import HybridClock, parse_stamp
from planner.store.device import device_id
from planner.store.disk import DiskIndex
from planner.store.eventfile import encode_file, written_envelope
from planner.store.paths import ensure_private_dir, missing_dirs, state_dir

LOCK_NAME = ".planner.lock"
HOUR_MS = 3_600_000


@dataclass
class Cursor:
    """How far this machine has read the log, kept between runs with what was folded from it."""

    index: DiskIndex  # the event files taken
    clock_high: str = ""  # the largest stamp taken from disk
    ahead: dict[str, str] = field(default_factory=dict)  # device -> stamp too far ahead to take
    bad_files: dict[str, str] = field(default_factory=dict)  # path -> the notice about it


@dataclass(frozen=True)
class Arrivals:
    """What `read_new` found: new events, or (`restarted`) the whole log read again because
    files went away (a restore, a hand edit), so what was folded from it no longer holds."""

    events: list[Recorded]
    restarted: bool = False


class Store:
    """One data dir's event log: read from where this machine left off, appended durably."""

    def __init__(
        self,
        data_dir: Path,
        *,
        state: Path | None = None,
        wall_ms: Callable[[], int] | None = None,
    ) -> None:
        # Folders made here reach the disk in their parents with the first write (see _write).
        self._new_folders = missing_dirs(Path(data_dir) / "events")
        self.data_dir = ensure_private_dir(Path(data_dir))
        self._events_dir = ensure_private_dir(self.data_dir / "events")
        self.device = device_id(ensure_private_dir(state) if state is not None else state_dir())
        self.clock = HybridClock(wall_ms) if wall_ms is not None else HybridClock()
        self.cursor = self.new_cursor()
        self.notices: list[str] = []
        self._noticed: set[str] = set()
        self._mutex = threading.RLock()  # the TUI reads and appends from worker threads
        self._ready_folders: set[Path] = set()

    # ---- reading -----------------------------------------------------------------------

    def new_cursor(self) -> Cursor:
        """A cursor at the start of the log: nothing read yet."""
        return Cursor(DiskIndex(str(self._events_dir)))

    def resume(self, cursor: Cursor) -> None:
        """Carry on from a cursor kept from an earlier run (a snapshot's)."""
        with self._mutex:
            self.cursor = cursor
            if cursor.clock_high:
                self.clock.observe(cursor.clock_high)
            ahead = dict(cursor.ahead)
            cursor.ahead.clear()
            self._take_stamps(ahead.items())
            for message in cursor.bad_files.values():
                self._notice(message)

    def events(self) -> list[Recorded]:
        """Every event on disk, read afresh (for tools and tests; the app reads what is new)."""
        with self._mutex:
            files = DiskIndex(str(self._events_dir)).scan(self._listing_failed).new_files
            return self._read_all(files, {})

    def read_new(self, progress: Progress | None = None) -> Arrivals:
        """The events in files the cursor has not taken yet, and the cursor moved past them."""
        with self._mutex:
            cursor = self.cursor
            changes = cursor.index.scan(self._listing_failed)
            restarted = changes.gone
            if restarted:
                fresh = self.new_cursor()
                fresh.clock_high, fresh.ahead = cursor.clock_high, cursor.ahead
                self.cursor = cursor = fresh
                changes = cursor.index.scan(self._listing_failed)
            events = self._read_all(changes.new_files, cursor.bad_files, progress)
            self._take_stamps((e.device, e.hlc) for e in events)
            return Arrivals(events, restarted)

    def has_new(self) -> bool:
        """True if event files arrived that the cursor has not taken (a cheap stat)."""
        with self._mutex:
            changes = self.cursor.index.scan(self._listing_failed, read=False)
            return bool(changes.new_files) or changes.gone

    def _listing_failed(self, folder: str, exc: OSError) -> None:
        self._notice(f"{folder}: cannot list this folder: {exc.strerror}")

    def _read_all(
        self, paths: list[str], bad_files: dict[str, str], progress: Progress | None = None
    ) -> list[Recorded]:
        """The events of these files; a file that cannot be used is skipped with a notice."""
        events: list[Recorded] = []
        for path, found, notice, bad in read_event_files(paths, progress):
            events.extend(found)
            if notice is not None:
                # Event files never change: a bad one stays bad, so remember it, not re-read it.
                if bad:
                    bad_files[path] = notice
                self._notice(notice)
        return events

    def _take_stamps(self, stamps: Iterable[tuple[str, str]]) -> None:
        """Catch the clock up to the disk, and name the devices whose clocks run ahead."""
        cursor, now = self.cursor, self.clock.wall_ms()
        for device, hlc in stamps:
            if self.clock.observe(hlc):
                cursor.clock_high = max(cursor.clock_high, hlc)
            elif hlc > cursor.ahead.get(device, ""):
                cursor.ahead[device] = hlc
        for device, hlc in sorted(cursor.ahead.items()):
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

    def append(self, events: Sequence[Event]) -> list[Recorded]:
        """Record events in one file (one event, an import's batch), on disk when this returns.

        The clock must have seen the disk before it stamps them: read what is new (`read_new`)
        at least once before the first append.
        """
        return self._write(events, batch=len(events) > 1) if events else []

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
            # One stamp per event, so the order inside a batch survives the (hlc, id) sort.
            stamps = [self.clock.tick() for _ in items]
            stem = f"{stamps[0]}-{self.device}-{random_token(6)}"
            ids = [f"{stem}.{i}" for i in range(len(items))] if batch else [stem]
            drafts = [
                Recorded(event_id, hlc, self.device, event)
                for event_id, hlc, event in zip(ids, stamps, items, strict=True)
            ]
            path = self._events_dir / self.device / _month(stamps[0]) / f"{stem}.toml"
            # Refuses an event we may not write; keeps what a later load will read (the codec
            # read the table back to check it), not the caller's objects.
            pairs = [written_envelope(d) for d in drafts]
            raw = encode_file([table for table, _ in pairs])
            events = [record for _, record in pairs]
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
            self.cursor.index.took(path)
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
