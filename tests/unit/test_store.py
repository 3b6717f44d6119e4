"""The Store on real files: layout, durability, permissions, corruption, merging, locking."""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import re
import shutil
import stat
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from eventtables import Event as table_event
from eventtables import encode_events

from planner.core.errors import DataError
from planner.datadir import DataDir
from planner.events import (
    Check,
    CheckinGiven,
    Event,
    ProfileSet,
    RaceEntered,
    RaceRemoved,
    RunDeleted,
    RunEdited,
    RunLogged,
    Uncheck,
)
from planner.store.clock import parse_stamp

DAY = date(2025, 11, 28)
NOW_MS = int(datetime(2025, 11, 30, 23, 30, tzinfo=UTC).timestamp() * 1000)
YEAR_MS = 365 * 24 * 3600 * 1000
SAMPLES: list[Event] = [
    ProfileSet(age=52, weight_kg=61.5, tz="Europe/Berlin", ice_bath=True),
    RunLogged(
        id="r1",
        date=DAY,
        distance_m=10000.0,
        moving_s=3000,
        elapsed_s=3100,
        start=datetime(2025, 11, 28, 6, 0, tzinfo=UTC),
        source="fit",
        import_id="i1",
    ),
    RunEdited("r1", {"type": "easy"}),
    RunLogged(id="r2", date=DAY, distance_m=5000.0, moving_s=1500),
    RunDeleted(run_id="r2"),
    Check(DAY, "yoga"),
    Check(DAY, "hydration"),
    CheckinGiven(DAY, soreness=3, run_rpe={"r1": 4}),
    RaceEntered("bos", date(2026, 4, 20), 42195.0, "Boston"),
    RaceEntered("old", date(2026, 1, 1), 5000.0),
    RaceRemoved("old"),
]


def open_store(tmp_path: Path, device: str = "a", **kwargs: Any) -> DataDir:
    return DataDir(tmp_path / "data", state=tmp_path / f"state-{device}", **kwargs)


def event_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "events").rglob("*.toml") if not p.name.startswith("."))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- layout and round trip ---------------------------------------------------------------------


def test_every_kind_round_trips_through_disk(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    written = [store.append(event) for event in SAMPLES]
    written.append(store.append(Uncheck(date=DAY, item="hydration", removes=(written[6].id,))))
    fresh = open_store(tmp_path)
    assert fresh.events() == written
    assert fresh.state() == store.state()
    state = fresh.state()
    assert state.profile.age == 52 and state.profile.ice_bath
    assert [(r.id, r.type, r.rpe) for r in state.runs] == [("r1", "easy", 4.0)]
    assert state.is_done(DAY, "yoga") and not state.is_done(DAY, "hydration")
    assert [r.id for r in state.races] == ["bos"] and state.checkins[DAY].soreness == 3
    assert state.event_count == len(SAMPLES) + 1


def test_file_names_and_folders_follow_the_layout(tmp_path: Path) -> None:
    store = open_store(tmp_path, wall_ms=lambda: NOW_MS)
    event = store.append(Check(date=DAY, item="yoga"))
    [path] = event_files(tmp_path / "data")
    assert path.parent == tmp_path / "data" / "events" / store.device / "2025-11"
    assert re.fullmatch(rf"{NOW_MS:013d}-0000-{store.device}-[a-z0-9]{{6}}", path.stem)
    assert event.id == path.stem and event.hlc == f"{NOW_MS:013d}-0000"
    assert event.device == store.device


def test_a_batch_is_one_file_in_order(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    items: list[Event] = [
        RunLogged(id=f"r{i}", date=DAY, distance_m=1000.0 + i, moving_s=300) for i in range(12)
    ]
    events = store.append_batch(items)
    [path] = event_files(tmp_path / "data")
    assert [e.id for e in events] == [f"{path.stem}.{i}" for i in range(12)]
    assert [e.hlc for e in events] == sorted(e.hlc for e in events)  # one stamp each, in order
    assert [e.data["id"] for e in open_store(tmp_path).events()] == [f"r{i}" for i in range(12)]
    assert store.append_batch([]) == []


def test_profile_none_is_written_as_unset(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.append(ProfileSet(age=40, hr_max=180))
    event = store.append(ProfileSet.of({"hr_max": None, "sex": "f"}))
    assert event.data == {"sex": "f", "unset": ["hr_max"]}
    assert open_store(tmp_path).state().profile.hr_max is None


def test_append_is_durable_in_the_right_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path)
    # The folders exist from here on (a write that creates one: tests/torture/test_fsync_order).
    store.append(Check(date=DAY, item="meal"))
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync(dir)" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync(file)")
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        calls.append(f"replace {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    event = store.append(Check(date=DAY, item="yoga"))
    assert calls == ["fsync(file)", f"replace {event.id}.toml", "fsync(dir)"]


# ---- what readers skip -------------------------------------------------------------------------


def test_temp_files_dot_files_and_dot_folders_are_ignored(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    real = store.append(Check(date=DAY, item="yoga"))
    month = event_files(tmp_path / "data")[0].parent
    other = table_event("x", "check", real.hlc, "zzzzzzzzzz", {"date": DAY, "item": "meal"})
    raw = encode_events([other])
    planted = [
        month / f".{real.id}.toml.k3j4h5.tmp",  # our own interrupted write
        month / ".x.toml.Ab12Cd",  # rsync's temp file
        month / ".hidden.toml",
        month / "x.toml.tmp",
        month / "notes.txt",
        month / ".stversions" / "x.toml",  # Syncthing's versions folder
        month.parent / ".stfolder" / "2025-11" / "x.toml",
        tmp_path / "data" / "events" / ".sync" / "2025-11" / "x.toml",
    ]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
    fresh = open_store(tmp_path)
    assert fresh.events() == [real] and fresh.notices == []


def test_a_corrupt_file_is_reported_once_skipped_and_left_alone(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    good = [store.append(Check(date=DAY, item=item)) for item in ("yoga", "meal")]
    month = event_files(tmp_path / "data")[0].parent
    bad = {
        month / "1-bad-toml.toml": b'[[event]]\nid = "x"\nkind = = 3\n',
        month / "2-not-utf8.toml": b'[[event]]\nid = "\xff"\n',
        month / "3-missing.toml": b'[[event]]\nid = "x"\nkind = "check"\n',
        month / "4-foreign.toml": b"[tool.black]\nline-length = 88\n",
        month / "5-huge.toml": b"#" * (20 * 1024 * 1024),
    }
    for path, raw in bad.items():
        path.write_bytes(raw)
    before = {path: digest(path) for path in bad}
    fresh = open_store(tmp_path)
    assert fresh.events() == good
    assert fresh.notices == [
        f"{month}/1-bad-toml.toml: line 3: invalid TOML: invalid value",
        f"{month}/2-not-utf8.toml: line 2: not UTF-8 text",
        f"{month}/3-missing.toml: line 1: event 1: 'hlc' is missing or not text",
        f"{month}/4-foreign.toml: line 1: not a planner event file (no [[event]] tables)",
        f"{month}/5-huge.toml: larger than 16 MB, too big for an event file; skipped",
    ]
    fresh.refresh()
    fresh.append(Check(date=DAY, item="hydration"))
    assert len(fresh.notices) == 5  # once per Store, however often it reloads
    assert fresh.state().is_done(DAY, "hydration")
    assert {path: digest(path) for path in bad} == before


def test_events_from_a_newer_version_load_without_complaint(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.append(Check(date=DAY, item="yoga"))
    month = event_files(tmp_path / "data")[0].parent
    (month / "0000000000001-0000-future0000-abcdef.toml").write_text(
        'format = 3\n\n[[event]]\nid = "n1"\nkind = "hologram"\nhlc = "0000000000001-0000"\n'
        'device = "future0000"\nsignature = "sig"\n\n[event.data]\nglow = true\n'
        '\n[[event]]\nid = "n2"\nkind = "check"\nhlc = "0000000000001-0001"\n'
        'device = "future0000"\nnew_key = 1\n\n[event.data]\ndate = 2025-11-27\nitem = "yoga"\n'
        'colour = "teal"\n'
    )
    fresh = open_store(tmp_path)
    assert {e.kind for e in fresh.events()} == {"hologram", "check"}
    assert fresh.notices == []
    assert fresh.state().is_done(date(2025, 11, 27), "yoga") and fresh.state().event_count == 3


# ---- permissions and bad paths -------------------------------------------------------------------


def test_everything_created_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store = open_store(tmp_path)
        store.append(Check(date=DAY, item="yoga"))
        store.append_batch([Check(DAY, "meal")])
    finally:
        os.umask(old)
    seen = 0
    for root in (tmp_path / "data", tmp_path / "state-a"):
        for folder, _dirs, files in os.walk(root):
            assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
            for name in files:
                assert stat.S_IMODE(os.stat(Path(folder) / name).st_mode) == 0o600, name
                seen += 1
    assert seen == 4  # two event files, the lock file, the device id
    assert (tmp_path / "data" / ".planner.lock").exists()


def test_a_data_path_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("oops")
    with pytest.raises(DataError, match=rf"^{tmp_path / 'data'}: is a file, not a folder$"):
        open_store(tmp_path)
    (tmp_path / "data2").mkdir()
    (tmp_path / "data2" / "events").write_text("oops")
    with pytest.raises(DataError, match=r"data2/events: is a file, not a folder$"):
        DataDir(tmp_path / "data2", state=tmp_path / "s")


# ---- devices, clocks, change detection ----------------------------------------------------


def test_two_devices_synced_by_copying_fold_to_the_same_state(tmp_path: Path) -> None:
    # Unsynced devices are concurrent: only their wall clocks order them, so step those.
    wall = itertools.count(NOW_MS, 1000)
    laptop = DataDir(tmp_path / "laptop", state=tmp_path / "s1", wall_ms=lambda: next(wall))
    server = DataDir(tmp_path / "server", state=tmp_path / "s2", wall_ms=lambda: next(wall))
    assert laptop.device != server.device
    tick = laptop.append(Check(date=DAY, item="yoga"))
    laptop.append(ProfileSet(age=50, units="imperial"))
    server.append(ProfileSet(age=51))  # later: age is last-writer-wins
    server.append(Uncheck(date=DAY, item="yoga", removes=(tick.id,)))
    laptop.append(Check(date=DAY, item="yoga"))  # concurrent with the uncheck
    # A sync is a set union of files: copy each side's folders into the other.
    for src, dst in (("laptop", "server"), ("server", "laptop")):
        shutil.copytree(tmp_path / src / "events", tmp_path / dst / "events", dirs_exist_ok=True)
    a = DataDir(tmp_path / "laptop", state=tmp_path / "s1").state()
    b = DataDir(tmp_path / "server", state=tmp_path / "s2").state()
    assert a == b and a.event_count == 5
    assert a.profile.age == 51 and a.profile.units == "imperial" and a.is_done(DAY, "yoga")
    shared = DataDir(tmp_path / "laptop", state=tmp_path / "s2")  # a second device, same folder
    assert shared.state() == a
    shared.append(Check(date=DAY, item="meal"))
    assert len(list((tmp_path / "laptop" / "events").iterdir())) == 2


def test_a_clock_a_year_ahead_does_not_drag_ours(tmp_path: Path) -> None:
    wrong = open_store(tmp_path, device="wrong", wall_ms=lambda: NOW_MS + YEAR_MS)
    future = wrong.append(Check(date=DAY, item="yoga"))
    store = open_store(tmp_path, wall_ms=lambda: NOW_MS)
    assert store.state().is_done(DAY, "yoga")  # kept and folded
    assert store.notices == [
        f"events from device {wrong.device} are stamped up to 8760 h ahead of this machine's"
        " clock; is its clock wrong?"
    ]
    mine = store.append(Check(date=DAY, item="meal"))
    assert parse_stamp(mine.hlc)[0] == NOW_MS and mine.hlc < future.hlc
    store.refresh()
    assert len(store.notices) == 1


def test_new_stamps_follow_everything_on_disk_within_a_day(tmp_path: Path) -> None:
    ahead = open_store(tmp_path, device="ahead", wall_ms=lambda: NOW_MS + 3_600_000)
    theirs = ahead.append(Check(date=DAY, item="yoga"))
    store = open_store(tmp_path, wall_ms=lambda: NOW_MS)
    assert store.append(Check(date=DAY, item="meal")).hlc > theirs.hlc
    assert store.notices == []


def test_changed_on_disk_sees_others_not_ourselves(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert not store.changed_on_disk()  # nothing loaded yet: nothing stale
    store.append(Check(date=DAY, item="yoga"))
    assert not store.changed_on_disk()
    cli = open_store(tmp_path)  # the same device, another process (the CLI while the TUI runs)
    cli.append(Check(date=DAY, item="meal"))
    store.append(Check(date=DAY, item="hydration"))  # lands in the same folder
    assert store.changed_on_disk()
    store.refresh()
    assert not store.changed_on_disk() and store.state().is_done(DAY, "meal")
    other = open_store(tmp_path, device="b")
    other.append(Check(date=DAY, item="yoga"))
    assert store.changed_on_disk()


def test_changed_on_disk_survives_rsync_putting_mtimes_back(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    event = store.append(Check(date=DAY, item="yoga"))
    month = event_files(tmp_path / "data")[0].parent
    before = os.stat(month)
    time.sleep(0.01)
    (month / "9999999999999-0000-xxxxxxxxxx-aaaaaa.toml").write_bytes(
        encode_events([table_event("late", "check", event.hlc, "x", {"date": DAY, "item": "meal"})])
    )
    os.utime(month, ns=(before.st_atime_ns, before.st_mtime_ns))  # what `rsync -t` does
    assert store.changed_on_disk()


def test_state_is_memoised_until_the_event_set_changes(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    first = store.state()
    assert store.state() is first
    store.append(Check(date=DAY, item="yoga"))
    assert store.state() is not first and store.state().event_count == 1


# ---- two processes at once ---------------------------------------------------------------------


def _append_many(data: str, state: str, tag: str, barrier: Any) -> None:
    store = DataDir(Path(data), state=Path(state))
    barrier.wait()
    for i in range(50):
        store.append(Check(DAY, f"{tag}-{i}"))


def test_two_processes_appending_at_once_lose_nothing(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    data, state = str(tmp_path / "data"), str(tmp_path / "state")
    procs = [ctx.Process(target=_append_many, args=(data, state, tag, barrier)) for tag in "xy"]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = DataDir(tmp_path / "data", state=tmp_path / "state")
    events = store.events()
    assert len(events) == len({e.id for e in events}) == 100
    assert store.notices == []
    assert len(store.state().checks) == 100
