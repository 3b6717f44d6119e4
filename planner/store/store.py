"""The event store: reads every event file of a data dir and appends new ones durably."""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.core.errors import DataError
from planner.core.model import State
from planner.store.atomic import PRIVATE_FILE, atomic_write, random_token
from planner.store.clock import HybridClock, parse_stamp
from planner.store.device import device_id
from planner.store.events import Event, decode_events, encode_events
from planner.store.fold import fold
from planner.store.paths import ensure_private_dir, state_dir

MAX_FILE_BYTES = 16 * 1024 * 1024
LOCK_NAME = ".planner.lock"
HOUR_MS = 3_600_000
# folder -> (entry count, mtime_ns, ctime_ns): ctime too, because `rsync -t` puts mtimes back.
Snapshot = dict[str, tuple[int, int, int]]
# Kinds where a None value means "clear this field": it is written as an `unset` list.
_UNSETTABLE = frozenset({"profile", "run_edit"})


class Store:
    """One data dir's events: loaded once, kept in memory, folded on demand."""

    def __init__(
        self,
        data_dir: Path,
        *,
        state: Path | None = None,
        wall_ms: Callable[[], int] | None = None,
    ) -> None:
        self.data_dir = ensure_private_dir(Path(data_dir))
        self._events_dir = ensure_private_dir(self.data_dir / "events")
        self.device = device_id(ensure_private_dir(state) if state is not None else state_dir())
        self.clock = HybridClock(wall_ms) if wall_ms is not None else HybridClock()
        self.notices: list[str] = []
        self._noticed: set[str] = set()
        self._mutex = threading.RLock()  # the TUI reads and appends from worker threads
        self._events: list[Event] | None = None
        self._state: State | None = None
        self._seen: Snapshot = {}
        self._stale = False  # another local writer added to a folder we then wrote to

    # ---- reading -----------------------------------------------------------------------

    def events(self) -> list[Event]:
        """Every event on disk (loaded on first use), plus those appended since."""
        with self._mutex:
            return list(self._loaded())

    def state(self) -> State:
        """The fold of `events()`, kept until the event set changes."""
        with self._mutex:
            if self._state is None:
                self._state = fold(self._loaded())
            return self._state

    def reload(self) -> None:
        """Forget what is in memory and read the data dir again."""
        with self._mutex:
            self._events = None
            self._state = None
            self._loaded()

    def changed_on_disk(self) -> bool:
        """True if event files arrived from elsewhere since the last load (False before one)."""
        with self._mutex:
            if self._events is None:
                return False
            return self._stale or self._scan()[0] != self._seen

    def _loaded(self) -> list[Event]:
        if self._events is None:
            self._stale = False
            self._seen, files = self._scan()
            events = [event for path in files for event in self._read(path)]
            self._observe(events)
            self._events = events
        return self._events

    def _scan(self) -> tuple[Snapshot, list[Path]]:
        """Stat and list events/, events/<device>/ and events/<device>/<month>/."""
        snapshot: Snapshot = {}
        files: list[Path] = []
        for device in self._subdirs(self._events_dir, snapshot):
            for month in self._subdirs(device, snapshot):
                entries = self._listing(month, snapshot)
                files.extend(Path(e.path) for e in entries if _is_event_file(e))
        return snapshot, sorted(files)

    def _subdirs(self, folder: Path, snapshot: Snapshot) -> list[Path]:
        # Dot-folders are never entered: sync tools keep their own state in them.
        entries = self._listing(folder, snapshot)
        return [Path(e.path) for e in entries if not e.name.startswith(".") and e.is_dir()]

    def _listing(self, folder: Path, snapshot: Snapshot) -> list[os.DirEntry[str]]:
        try:
            # Stat before listing: a file landing in between shows up as a change next time.
            st = os.stat(folder)
            with os.scandir(folder) as it:
                entries = list(it)
        except FileNotFoundError:
            return []
        except OSError as exc:
            self._notice(f"{folder}: cannot list this folder: {exc.strerror}")
            return []
        snapshot[str(folder)] = (len(entries), st.st_mtime_ns, st.st_ctime_ns)
        return entries

    def _read(self, path: Path) -> list[Event]:
        """The events of one file, or none (with a notice) if it cannot be used."""
        try:
            with open(path, "rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            self._notice(f"{path}: cannot read: {exc.strerror}")
            return []
        if len(raw) > MAX_FILE_BYTES:
            self._notice(f"{path}: larger than 16 MB, too big for an event file; skipped")
            return []
        try:
            return decode_events(raw, path)
        except DataError as exc:
            self._notice(exc.message)
            return []

    def _observe(self, events: list[Event]) -> None:
        """Catch the clock up to the disk, and name the devices whose clocks run ahead."""
        now = self.clock.wall_ms()
        ahead: dict[str, int] = {}
        for event in events:
            if not self.clock.observe(event.hlc):
                ms = parse_stamp(event.hlc)[0] - now
                ahead[event.device] = max(ahead.get(event.device, 0), ms)
        for device, ms in sorted(ahead.items()):
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

    def append(self, kind: str, data: Mapping[str, Any]) -> Event:
        """Record one event in a file of its own; it is on disk when this returns."""
        return self._write([(kind, data)], batch=False)[0]

    def append_batch(self, items: Sequence[tuple[str, Mapping[str, Any]]]) -> list[Event]:
        """Record many events in one file (an import, the demo seed), so they go as one."""
        return self._write(items, batch=True) if items else []

    def _write(self, items: Sequence[tuple[str, Mapping[str, Any]]], *, batch: bool) -> list[Event]:
        for kind, data in items:
            if not isinstance(kind, str) or not kind or not isinstance(data, Mapping):
                raise TypeError(f"an event needs a kind and a mapping of data, not {kind!r}")
        with self._mutex, self._locked():
            loaded = self._loaded()  # the clock must have seen the disk before it ticks
            # One stamp per event, so the order inside a batch survives the (hlc, id) sort.
            stamps = [self.clock.tick() for _ in items]
            stem = f"{stamps[0]}-{self.device}-{random_token(6)}"
            ids = [f"{stem}.{i}" for i in range(len(items))] if batch else [stem]
            drafts = [
                Event(event_id, kind, hlc, self.device, _prepared(kind, data))
                for event_id, hlc, (kind, data) in zip(ids, stamps, items, strict=True)
            ]
            path = self._events_dir / self.device / _month(stamps[0]) / f"{stem}.toml"
            raw = encode_events(drafts)
            # Keep what a later load will read, not the caller's objects (tuples, ints...).
            events = decode_events(raw, path)
            self._put(path, raw)
            loaded.extend(events)
            self._state = None
        return events

    def _put(self, path: Path, raw: bytes) -> None:
        """Write a new event file and move the snapshot past our own change, not others'."""
        folders = [self._events_dir, path.parent.parent, path.parent]
        if any(_folder_key(f) != self._seen.get(str(f)) for f in folders):
            self._stale = True
        ensure_private_dir(path.parent)
        atomic_write(path, raw)
        for folder in folders:
            key = _folder_key(folder)
            if key is not None:
                self._seen[str(folder)] = key

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


def _is_event_file(entry: os.DirEntry[str]) -> bool:
    # Dot-files are temp files (ours and rsync's); .tmp and non-.toml are not events.
    name = entry.name
    return not name.startswith(".") and name.endswith(".toml") and entry.is_file()


def _folder_key(folder: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(folder)
        return (len(os.listdir(folder)), st.st_mtime_ns, st.st_ctime_ns)
    except FileNotFoundError:
        return None


def _month(hlc: str) -> str:
    """YYYY-MM (UTC) of a stamp: the month folder its file goes in."""
    return datetime.fromtimestamp(parse_stamp(hlc)[0] / 1000, tz=UTC).strftime("%Y-%m")


def _prepared(kind: str, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """For profile and run edits, a None value becomes an entry in `unset` (TOML has no null)."""
    cleared = [k for k, v in data.items() if v is None]
    if kind not in _UNSETTABLE or not cleared:
        return data
    kept = {k: v for k, v in data.items() if v is not None}
    previous = kept.get("unset", [])
    kept["unset"] = sorted({*(previous if isinstance(previous, list) else []), *cleared})
    return kept
