"""A writer the torture tests start and kill: loops over Planner operations, one ACK per write.

    python driver.py MODE DATA SEED [COUNT TAG GO]

Every line "ACK {json}" is printed (and flushed) only after the operation returned, so its
events were durable on disk; the test SIGKILLs this process at random moments and then checks
that every acknowledged write is still there. "READY" is printed once the data is loaded.

Modes: mixed (ticks, unticks, runs, imports, undos and fold-cache saves at random, forever),
burst (COUNT ticks and runs on days of its own, then exit: for writers running at once),
and stall-write / stall-replace / stall-dirsync / stall-cache (one tick or cache save that
stops at that point and prints STALL, for a kill at an exact moment).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from torturekit import TODAY_DATE, gpx_run

from planner.datadir import DataDir
from planner.events import Event, Recorded
from planner.service import Planner, RunInput
from planner.store import atomic

if TYPE_CHECKING:
    from _typeshed import StrOrBytesPath

ITEMS = ("hydration", "stretching", "yoga", "foam_rolling")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def ack(op: str, **fields: Any) -> None:
    say("ACK " + json.dumps({"op": op, **fields}, sort_keys=True))


class Recorder:
    """Wraps a Store's append methods to learn which events one operation wrote."""

    def __init__(self, store: DataDir) -> None:
        self.ids: list[str] = []
        self.events: list[Recorded] = []
        append, batch = store.append, store.append_batch

        # The parameters are named as DataDir's, so a call by keyword works on the wrappers too.
        def one(event: Event) -> Recorded:
            written = append(event)
            self.ids.append(written.id)
            self.events.append(written)
            return written

        def many(events: Sequence[Event]) -> list[Recorded]:
            written = batch(events)
            self.ids.extend(e.id for e in written)
            self.events.extend(written)
            return written

        store.append = one  # type: ignore[method-assign]
        store.append_batch = many  # type: ignore[method-assign]

    def take(self) -> tuple[list[str], list[Recorded]]:
        ids, events = self.ids, self.events
        self.ids, self.events = [], []
        return ids, events


def open_planner(data: Path) -> tuple[Planner, Recorder]:
    # The default state and cache dirs (XDG_STATE_HOME, XDG_CACHE_HOME), as the CLI and TUI.
    planner = Planner.open(data, today=TODAY_DATE)
    planner.data.state()
    return planner, Recorder(planner.data)


def tick(planner: Planner, rec: Recorder, rng: random.Random, day: date, item: str) -> None:
    done = planner.day(day)
    found = next(c for c in done.checklist if c.kind == item or c.id == item)
    if found.done and rng.random() < 0.6:
        planner.uncheck(item, day)
        ids, events = rec.take()
        removes = [r for e in events for r in e.data.get("removes", [])]
        ack("uncheck", events=ids, removes=removes, day=str(day), item=found.id)
    else:
        planner.check(item, day)
        ids, _ = rec.take()
        ack("check", events=ids, day=str(day), item=found.id)


def log_run(planner: Planner, rec: Recorder, rng: random.Random, day: date, **extra: Any) -> None:
    km = rng.randint(4, 14)
    run = planner.log_run(
        RunInput(distance=f"{km}km", duration=f"{km * 5 + rng.randint(0, 9)}:00", rpe="4", day=day)
    )
    ids, _ = rec.take()
    ack("log", events=ids, run=run.id, **extra)


def import_one(planner: Planner, rec: Recorder, rng: random.Random, scratch: Path) -> None:
    start = datetime.combine(TODAY_DATE - timedelta(days=rng.randint(1, 60)), datetime.min.time())
    start = start.replace(tzinfo=UTC) + timedelta(seconds=rng.randint(0, 86_000))
    path = scratch / f"run-{rng.getrandbits(48):012x}.gpx"
    path.write_bytes(gpx_run(start, rng.randint(1500, 4000), rng.randint(4000, 12000)))
    report = planner.import_files([path], jobs=1)
    ids, _ = rec.take()
    ack("import", events=ids, import_id=report.import_id, runs=[r.id for r in report.imported])


def undo_one(planner: Planner, rec: Recorder, rng: random.Random) -> bool:
    standing = planner.imports()
    if not standing:
        return False
    info = rng.choice(standing)
    runs = [r.id for r in planner.runs() if r.import_id == info.import_id]
    planner.undo_import(info.import_id)
    ids, _ = rec.take()
    ack("undo", events=ids, import_id=info.import_id, runs=runs)
    return True


def mixed(data: Path, rng: random.Random) -> None:
    planner, rec = open_planner(data)
    scratch = data.parent / "files-to-import"  # beside the data dir: the test's tmp_path
    scratch.mkdir(exist_ok=True)
    say("READY")
    while True:
        roll = rng.random()
        day = TODAY_DATE - timedelta(days=rng.randint(0, 6))
        if roll < 0.62:
            tick(planner, rec, rng, day, rng.choice(ITEMS))
        elif roll < 0.77:
            log_run(planner, rec, rng, day)
        elif roll < 0.87:
            import_one(planner, rec, rng, scratch)
        elif roll < 0.89:
            if not undo_one(planner, rec, rng):
                continue
        else:
            planner.data.save_cache()
            ack("cache", events=[])


def burst(data: Path, rng: random.Random, count: int, tag: int, go: Path) -> None:
    """`count` writes on days no other writer uses (tag picks them): ticks, and a run in five.

    They start when the file `go` appears, so that every writer runs at the same time.
    """
    planner, rec = open_planner(data)
    say("READY")
    while not go.exists():
        time.sleep(0.002)
    for n in range(count):
        day = TODAY_DATE - timedelta(days=30 * (tag + 1) + n // len(ITEMS))
        if n % 5 == 4:
            log_run(planner, rec, rng, day, tag=tag)
        else:
            planner.check(ITEMS[n % len(ITEMS)], day)
            ids, _ = rec.take()
            ack("check", events=ids, day=str(day), item=ITEMS[n % len(ITEMS)], tag=tag)
        if n % 10 == 9:
            planner.data.save_cache()
    planner.data.save_cache()
    say("DONE")


def stall(data: Path, where: str) -> None:
    """One write that stops at `where` and waits to be killed."""
    planner, rec = open_planner(data)

    def is_event(path: Any) -> bool:  # an event file or its temp, not a cache file
        return f"{os.sep}events{os.sep}" in str(path) and ".toml" in str(path)

    def wait() -> None:
        say("STALL")
        time.sleep(600)

    if where == "write":
        real_write = os.write

        def half_write(fd: int, data: Any) -> int:
            if not is_event(os.readlink(f"/proc/self/fd/{fd}")):
                return real_write(fd, data)
            real_write(fd, bytes(data[: max(1, len(data) // 2)]))
            os.fsync(fd)
            wait()
            return 0

        atomic.os.write = half_write  # type: ignore[attr-defined]
    elif where == "replace":
        real_replace = os.replace

        def no_replace(src: Any, dst: Any) -> None:
            if not is_event(dst):
                real_replace(src, dst)
                return
            wait()

        atomic.os.replace = no_replace  # type: ignore[attr-defined]
    elif where == "dirsync":
        real_replace = os.replace

        def replace_then_wait(src: Any, dst: Any) -> None:
            real_replace(src, dst)
            if is_event(dst):
                wait()

        atomic.os.replace = replace_then_wait  # type: ignore[attr-defined]
    elif where == "cache":
        # A fold-cache save killed half-way: the temp file half written, not yet renamed.
        real_replace = os.replace

        def half_then_wait(
            src: StrOrBytesPath,
            dst: StrOrBytesPath,
            *,
            src_dir_fd: int | None = None,
            dst_dir_fd: int | None = None,
        ) -> None:
            if not str(dst).endswith(".pickle"):
                real_replace(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
                return
            with open(src, "r+b") as f:
                f.truncate(os.fstat(f.fileno()).st_size // 2)
            wait()

        planner.check("yoga", TODAY_DATE)  # something new, so the cache is dirty
        ids, _ = rec.take()
        ack("check", events=ids, day=str(TODAY_DATE), item="yoga")
        os.replace = half_then_wait
        say("READY")
        planner.data.save_cache()
        return
    say("READY")
    planner.check("hydration", TODAY_DATE - timedelta(days=1))
    ack("check", events=rec.take()[0], day=str(TODAY_DATE - timedelta(days=1)), item="hydration")


def main() -> None:
    mode, data, seed = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    if mode == "mixed":
        mixed(data, rng)
    elif mode == "burst":
        burst(data, rng, int(sys.argv[4]), int(sys.argv[5]), Path(sys.argv[6]))
    elif mode.startswith("stall-"):
        stall(data, mode.removeprefix("stall-"))
    else:
        raise SystemExit(f"driver: unknown mode {mode}")


if __name__ == "__main__":
    main()
