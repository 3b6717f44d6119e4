"""Snapshots: the projections of a data dir kept between runs, so a start costs what is new.

A snapshot holds the fold so far (its working half, packed), the profile beside it (readable
without unpacking), the store's cursor (what was read), and results derived from the state
(today's plan, the morning view), each with the generation of the event set it was made from.
It lives in the cache dir (never synced), 0600, one file per data dir, and is disposable: a
missing, foreign, damaged or outdated one is ignored and rebuilt, and deleting it changes
nothing but speed.

Every speed trick of a start is here and nowhere else:
- the packing: ten years of ticks are some 25,000 (day, item) keys; pickled as dates and
  tuples they take ~40 ms to load, as "day|item" strings a few, so `_pack` turns them into
  strings and `_unpack` back, and the whole working half is one blob that a start with nothing
  new never unpickles (the morning view it paints is among the kept results);
- the cycle collector is off while a snapshot is unpickled (hundreds of thousands of new
  objects, none of them garbage yet, would set it off again and again).

The schema version is derived from the projected types (their fields and field types) and
the release, so a snapshot written by code whose projections differ is never trusted.
`PLANNER_NO_SNAPSHOTS=1` switches snapshots off (the tests do, but for those marked
`snapshots`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import os
import pickle
import typing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planner import __version__
from planner.core.model import Checkin, ChecklistItem, DayPlan, Plan, Profile, Race, Run, State
from planner.core.morning import DayView
from planner.projections.state import Accumulator, Folder, Work
from planner.store.atomic import write_private
from planner.store.store import Cursor

OFF_ENV = "PLANNER_NO_SNAPSHOTS"
TICK_SEP = "\x1f"  # between check ids in a packed tick; never in an id

# What a snapshot holds, and so what its schema is made of: a change to any of these types'
# fields gives a new version.
_PROJECTED: tuple[type, ...] = (Accumulator, State, Profile, Run, Checkin, Race, Plan, DayPlan)
_PROJECTED += (ChecklistItem, DayView, Cursor)


def _schema() -> str:
    seen: set[type] = set()
    parts = [__version__]

    def describe(cls: type) -> None:
        if cls in seen or not dataclasses.is_dataclass(cls):
            return
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        parts.append(cls.__qualname__ + ":" + ",".join(f"{n}={hints[n]}" for n in sorted(hints)))
        for hint in hints.values():
            for inner in typing.get_args(hint) or (hint,):
                if isinstance(inner, type):
                    describe(inner)

    for cls in _PROJECTED:
        describe(cls)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


SCHEMA = _schema()


def enabled() -> bool:
    return os.environ.get(OFF_ENV, "") != "1"


@dataclass
class Snapshot:
    """What a warm start resumes from, for one data dir."""

    data_dir: str
    cursor: Cursor
    profile: Profile
    generation: int  # goes up whenever the event set grows
    packed_work: bytes
    # Results derived from the state (a day's plan, its morning view), each with the
    # generation it was made from: current while the generation is.
    results: dict[str, tuple[int, Any]] = field(default_factory=dict)
    schema: str = SCHEMA

    def folder(self) -> Folder:
        """The fold so far, unpacked (the costly part of a start: done once, when needed)."""
        return Folder(_unpack(self.packed_work))


def pack(folder: Folder) -> bytes:
    """The fold's working half as one blob, ticks as strings (see the module's docstring)."""
    acc, ids = folder.work
    live = {f"{d.isoformat()}|{item}": TICK_SEP.join(v) for (d, item), v in acc.live.items()}
    flat = dataclasses.replace(acc, live={})
    return pickle.dumps((flat, live, ids), protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(blob: bytes) -> Work:
    flat, live, ids = _unpickle(blob)
    flat.live = {}
    days: dict[str, date] = {}  # one date object a day, not one a tick
    for key, joined in live.items():
        day, _, item = key.partition("|")
        when = days.get(day)
        if when is None:
            when = days[day] = date.fromisoformat(day)
        flat.live[(when, item)] = tuple(joined.split(TICK_SEP))
    return flat, ids


def snapshot_file(cache_dir: Path, data_dir: Path) -> Path:
    """One snapshot file per data dir, named by its absolute path."""
    # fsencode: a path may hold bytes that are not UTF-8 (they arrive as surrogates).
    digest = hashlib.sha256(os.fsencode(data_dir.resolve())).hexdigest()[:20]
    return cache_dir / f"snapshot-{digest}.pickle"


def load(path: Path, data_dir: Path) -> Snapshot | None:
    """The snapshot kept for `data_dir`, or None if there is none we can trust."""
    if not enabled():
        return None
    try:
        # Our own file in our own 0700 cache dir: as trusted as the code that wrote it.
        snapshot = _unpickle(path.read_bytes())
    except Exception:  # a snapshot from other code can fail in any way: it is only a cache
        return None
    if not isinstance(snapshot, Snapshot):
        return None
    if (snapshot.schema, snapshot.data_dir) != (SCHEMA, str(data_dir.resolve())):
        return None
    return snapshot


def _unpickle(raw: bytes) -> Any:
    gc.disable()
    try:
        return pickle.loads(raw)
    finally:
        gc.enable()


def save(path: Path, snapshot: Snapshot) -> None:
    """Replace the snapshot file whole; a failure only costs speed next time."""
    if not enabled():
        return
    with contextlib.suppress(Exception):  # a full disk or a read-only cache dir must not stop us
        write_private(path, pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL))
