"""The store's rarer paths: failing syscalls, foreign caches, races on the device id, the
remembered results, bulk reads in parallel, and every converter the fold refuses with.
(The common paths are in test_store*.py; kill -9 and mounts in tests/torture.)"""

from __future__ import annotations

import errno
import os
import pickle
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from eventtables import Event, encode_events

import planner
from planner import planfiles, snapshot
from planner.core.errors import DataError, InputError
from planner.datadir import DataDir
from planner.events import Check, Recorded, RunLogged
from planner.projections.state import fold, unique_ordered
from planner.store import atomic, bulk, device, disk, paths, workers
from planner.store.eventfile import decode_file

DAY = date(2026, 11, 28)


def open_store(tmp_path: Path, **kwargs: Any) -> DataDir:
    return DataDir(tmp_path / "data", state=tmp_path / "state", cache=tmp_path / "cache", **kwargs)


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


# ---- atomic writes -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOTSUP])
def test_a_folder_that_cannot_be_fsynced_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Network mounts refuse fsync on a folder: the rename still holds."""
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(oserror(code)))
    atomic.fsync_dir(tmp_path)


def test_a_folder_fsync_that_fails_otherwise_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(oserror(errno.EIO)))
    with pytest.raises(DataError, match="cannot sync folder: Input/output error"):
        atomic.fsync_dir(tmp_path)


# ---- paths -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (oserror(errno.EROFS), "Read-only file system"),
    ],
)
def test_a_folder_that_cannot_be_made_names_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, says: str
) -> None:
    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise error

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(DataError, match=f"new: cannot create or use this folder: {says}$"):
        paths.ensure_private_dir(tmp_path / "new")


def test_the_file_in_the_way_is_named_even_when_it_is_gone_again(tmp_path: Path) -> None:
    assert paths.file_ancestor(tmp_path / "a" / "b") == tmp_path / "a" / "b"
    assert paths.missing_dirs(tmp_path / "a" / "b") == [tmp_path / "a" / "b", tmp_path / "a"]
    assert paths.missing_dirs(tmp_path) == []


# ---- the device id -----------------------------------------------------------------------------


def test_an_unreadable_device_id_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "device").mkdir(parents=True)  # a folder where the id file should be
    with pytest.raises(DataError, match="device: cannot read the device id"):
        device.device_id(tmp_path)


def test_two_first_starts_agree_on_one_device_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process published its id between our read and our link: we take theirs."""
    real_link = os.link

    def link_after_the_other(src: Any, dst: Any) -> None:
        Path(dst).write_text("theirs0001\n")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", link_after_the_other)
    assert device.device_id(tmp_path) == "theirs0001"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["device"]  # no temp file left


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP])
def test_without_hard_links_the_device_id_is_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    monkeypatch.setattr(os, "link", lambda s, d: (_ for _ in ()).throw(oserror(code)))
    made = device.device_id(tmp_path)
    assert device.device_id(tmp_path) == made
    assert sorted(p.name for p in tmp_path.iterdir()) == ["device"]


def test_a_device_id_that_cannot_be_written_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", lambda fd, b: (_ for _ in ()).throw(oserror(28)))
    with pytest.raises(DataError, match="cannot create the device id: No space left on device"):
        device.device_id(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_link_failing_otherwise_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", lambda s, d: (_ for _ in ()).throw(oserror(errno.EIO)))
    with pytest.raises(DataError, match="cannot create the device id: Input/output error"):
        device.device_id(tmp_path)


# ---- the folder index --------------------------------------------------------------------------


def test_a_folder_that_cannot_be_listed_is_a_notice_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path)
    event = store.append(Check(date=DAY, item="yoga"))
    month = next((tmp_path / "data" / "events").glob("*/*"))
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path) == month:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    fresh = open_store(tmp_path)
    assert fresh.events() == []
    assert fresh.notices == [f"{month}: cannot list this folder: Permission denied"]
    monkeypatch.undo()
    assert open_store(tmp_path).events() == [event]


def test_a_folder_replaced_by_a_file_counts_as_gone(tmp_path: Path) -> None:
    assert disk.folder_key(str(tmp_path / "missing")) is None
    (tmp_path / "file").write_text("x")
    assert disk.folder_key(str(tmp_path / "file" / "below")) is None
    index = disk.DiskIndex(str(tmp_path / "no-events-yet"))
    assert index.scan(lambda folder, exc: None) == disk.Changes()


def test_an_old_listing_of_device_folders_is_trusted_without_listing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path)
    store.append(Check(date=DAY, item="yoga"))
    events = str(tmp_path / "data" / "events")
    index = disk.DiskIndex(events)
    first = index.scan(lambda folder, exc: None)
    monkeypatch.setattr(disk, "RACY_NS", -(10**12))  # as if the listing were minutes old
    listed: list[str] = []
    real = os.scandir

    def scandir(path: Any) -> Any:
        listed.append(str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    again = index.scan(lambda folder, exc: None)
    assert len(first.new_files) == 1 and again == disk.Changes() and listed == []


# ---- the event format --------------------------------------------------------------------------


def test_text_that_is_not_utf8_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    with pytest.raises(InputError, match="is not UTF-8; nothing was written"):
        store.append(RunLogged(id="r1", date=DAY, distance_m=1e3, moving_s=300, note="caf\udce9"))
    assert list((tmp_path / "data" / "events").rglob("*.toml")) == []


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # a free-form message, on purpose
def test_a_toml_error_without_a_position_still_names_line_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tomli

    def fail(text: str) -> Any:
        raise tomli.TOMLDecodeError("something odd")

    monkeypatch.setattr("planner.store.eventfile.tomli.loads", fail)
    with pytest.raises(DataError, match=r"^/x\.toml: line 1: invalid TOML: something odd$"):
        decode_file(b"x = 1", Path("/x.toml"))


def test_an_event_that_is_not_a_table_is_named() -> None:
    with pytest.raises(DataError, match=r"line 1: event 1: not a table$"):
        decode_file(b'event = ["x"]\n', Path("/x.toml"))


# ---- the snapshot ------------------------------------------------------------------------------


def _saved(tmp_path: Path) -> tuple[DataDir, Path]:
    store = open_store(tmp_path)
    store.append(Check(date=DAY, item="yoga"))
    store.state()
    store.save_cache()
    [path] = (tmp_path / "cache").glob("snapshot-*.pickle")
    return store, path


@pytest.mark.snapshots
@pytest.mark.parametrize(
    "damage", ["not-a-snapshot", "other-schema", "other-data-dir", "raises-on-load"]
)
def test_a_cache_that_is_not_ours_is_ignored(tmp_path: Path, damage: str) -> None:
    store, path = _saved(tmp_path)
    snap = snapshot.load(path, tmp_path / "data")
    assert snap is not None
    if damage == "not-a-snapshot":
        raw = pickle.dumps({"a": 1})
    elif damage == "other-schema":
        raw = pickle.dumps(replace(snap, schema="0" * 16))
    elif damage == "other-data-dir":
        raw = pickle.dumps(replace(snap, data_dir="/elsewhere"))
    else:
        raw = pickle.dumps(_Exploding())
    path.write_bytes(raw)
    assert snapshot.load(path, tmp_path / "data") is None
    assert open_store(tmp_path).state() == store.state()


class _Exploding:
    def __reduce__(self) -> Any:
        return (_explode, ())


def _explode() -> None:
    raise RuntimeError("a cache from another version can fail in any way")


@pytest.mark.snapshots
def test_a_cache_that_cannot_be_written_leaves_no_temp_and_costs_only_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path)
    store.append(Check(date=DAY, item="yoga"))
    monkeypatch.setattr(os, "replace", lambda s, d: (_ for _ in ()).throw(oserror(28)))
    store.save_cache()  # no exception
    assert list((tmp_path / "cache").iterdir()) == []
    with pytest.raises(OSError):
        atomic.write_private(tmp_path / "cache" / "x.pickle", b"x")
    assert list((tmp_path / "cache").iterdir()) == []


@pytest.mark.snapshots
def test_a_data_dir_whose_name_is_not_utf8_has_a_cache_of_its_own(tmp_path: Path) -> None:
    odd = tmp_path / "da\udcffta"
    store = DataDir(odd, state=tmp_path / "state", cache=tmp_path / "cache")
    store.append(Check(date=DAY, item="yoga"))
    store.save_cache()
    [path] = (tmp_path / "cache").glob("snapshot-*.pickle")
    assert path == snapshot.snapshot_file(tmp_path / "cache", odd)
    assert DataDir(odd, state=tmp_path / "state", cache=tmp_path / "cache").state() == store.state()


# ---- the store ---------------------------------------------------------------------------------


@pytest.mark.snapshots
def test_a_result_is_remembered_for_one_event_set_only(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.recall("plan") is None
    store.remember("plan", "the plan")
    assert store.recall("plan") == "the plan"
    store.save_cache()
    assert open_store(tmp_path).recall("plan") == "the plan"  # kept in the cache
    store.append(Check(date=DAY, item="yoga"))
    assert store.recall("plan") is None  # the event set grew: it no longer holds
    other = open_store(tmp_path)
    other.append(Check(date=DAY, item="meal"))
    store.refresh()
    assert store.recall("plan") is None


def test_remembered_results_are_few(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    for n in range(40):
        store.remember(f"k{n}", n)
    assert store.recall("k39") == 39 and store.recall("k0") is None


def test_our_own_event_of_the_wrong_type_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path)
    with pytest.raises(ValueError, match="our own check event would not read back"):
        store.append(Check(DAY, 5))  # type: ignore[arg-type]
    far = RunLogged(id="r", date=DAY, distance_m="far", moving_s=60)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="wrong-typed: distance_m"):
        store.append(far)
    naive = RunLogged(id="r", date=DAY, distance_m=1e3, moving_s=60, start=datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="field start"):
        store.append_batch([Check(DAY, "yoga"), naive])
    assert list((tmp_path / "data" / "events").rglob("*.toml")) == []


def test_a_lock_file_made_by_hand_is_made_private(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    lock = tmp_path / "data" / ".planner.lock"
    lock.touch()
    lock.chmod(0o644)
    store.append(Check(date=DAY, item="yoga"))
    assert lock.stat().st_mode & 0o777 == 0o600


def test_a_lock_file_that_cannot_be_opened_is_a_clear_error(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    (tmp_path / "data" / ".planner.lock").mkdir()
    with pytest.raises(DataError, match=r"\.planner\.lock: cannot open the lock file"):
        store.append(Check(date=DAY, item="yoga"))


def test_an_unreadable_event_file_is_a_notice_and_read_again_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path)
    event = store.append(Check(date=DAY, item="yoga"))
    real_open = open

    def refuse(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith(".toml"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    fresh = open_store(tmp_path)
    assert fresh.events() == [] and "cannot read: Permission denied" in fresh.notices[0]
    monkeypatch.undo()
    assert open_store(tmp_path).events() == [event]  # not remembered as bad


def test_new_folders_outside_the_data_dir_are_synced_when_they_can_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data dir's own parent may not be ours to open: that fsync is best effort only."""
    real = atomic.fsync_dir
    outside = tmp_path / "home"

    def fsync_dir(folder: Path) -> None:
        if folder == outside:
            raise PermissionError(errno.EACCES, "Permission denied")
        real(folder)

    monkeypatch.setattr("planner.store.store.fsync_dir", fsync_dir)
    store = DataDir(outside / "data", state=tmp_path / "state", cache=tmp_path / "cache")
    store.append(Check(date=DAY, item="yoga"))  # no error
    # Inside the data dir the same failure is an error: the write is not known durable.
    monkeypatch.setattr(
        "planner.store.store.fsync_dir",
        lambda folder: (_ for _ in ()).throw(DataError(f"{folder}: cannot sync folder: EIO")),
    )
    next_year = int(datetime(2027, 1, 5, tzinfo=UTC).timestamp() * 1000)
    later = DataDir(
        outside / "data", state=tmp_path / "state", cache=tmp_path / "c2", wall_ms=lambda: next_year
    )
    with pytest.raises(DataError, match="cannot sync folder"):  # a new month folder
        later.append(Check(date=date(2027, 1, 5), item="yoga"))


def test_a_repeated_event_id_with_other_content_folds_from_scratch(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    first = store.append(Check(date=DAY, item="yoga"))
    store.state()
    month = next((tmp_path / "data" / "events").glob("*/*"))
    twin = Event(first.id, "check", first.hlc, "zzzzzzzzzz", {"date": DAY, "item": "meal"})
    (month / "0000000000000-0000-zzzzzzzzzz-twin00.toml").write_bytes(encode_events([twin]))
    assert store.refresh()
    assert store.state() == fold([first, twin]) == fold(unique_ordered([twin, first]))


# ---- bulk reads --------------------------------------------------------------------------------


def _many_files(tmp_path: Path, count: int) -> list[str]:
    folder = tmp_path / "many"
    folder.mkdir()
    names = []
    for n in range(count):
        hlc = f"{1795000000000 + n:013d}-0000"
        event = Event(f"{hlc}-dev-{n:06d}", "check", hlc, "dev", {"date": DAY, "item": f"i{n}"})
        path = folder / f"{n:04d}.toml"
        path.write_bytes(encode_events([event]))
        names.append(str(path))
    (folder / "0003.toml").write_bytes(b"not toml [[[")
    return names


def test_bulk_reads_in_worker_processes_give_what_a_serial_read_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = _many_files(tmp_path, 30)
    monkeypatch.setattr(bulk, "PARALLEL_FROM", 10)
    monkeypatch.setattr(bulk, "CHUNK", 7)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    seen: list[tuple[int, int]] = []
    parallel = bulk.read_event_files(names, lambda done, total: seen.append((done, total)))
    assert parallel == bulk._serial(names, None)
    assert seen[-1] == (30, 30) and parallel[3][2] is not None and parallel[3][3]


def test_bulk_reads_fall_back_to_one_process_when_none_can_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = _many_files(tmp_path, 12)
    monkeypatch.setattr(bulk, "PARALLEL_FROM", 10)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)

    def no_processes() -> Any:
        raise OSError(errno.EAGAIN, "no processes")

    monkeypatch.setattr(workers, "_context", no_processes)
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(bulk, "CHUNK", 5)
    assert bulk.read_event_files(names, lambda d, t: seen.append((d, t))) == bulk._serial(
        names, None
    )
    assert seen == [(5, 12), (10, 12), (12, 12)]


def test_bulk_reads_start_clean_workers_when_threads_are_running(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert workers._context().get_start_method() in ("forkserver", "spawn")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert workers._context().get_start_method() == "fork"


def test_a_bulk_read_of_a_file_that_cannot_be_opened(tmp_path: Path) -> None:
    path = str(tmp_path / "gone.toml")
    assert bulk._read_chunk([path]) == [bulk.read_event_file(path)]
    assert bulk.read_event_file(path) == (
        path,
        [],
        f"{path}: cannot read: No such file or directory",
        False,
    )


# ---- plan files ----------------------------------------------------------------------------


def test_plan_names_and_paths_no_file_system_takes_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        planfiles.find_plan("x" * 5000, tmp_path)
    with pytest.raises(InputError, match="File name too long"):
        planfiles.install_plan(tmp_path / ("x" * 5000), tmp_path)


def test_the_plans_are_found_installed_or_in_a_source_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "pkg" / "planner" / "__init__.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("")
    monkeypatch.setattr(planner, "__file__", str(fake))
    assert planfiles.builtin_plans_dir() == tmp_path / "pkg" / "plans"
    (fake.parent / "plans").mkdir()  # the wheel ships them inside the package
    assert planfiles.builtin_plans_dir() == fake.parent / "plans"


def test_plan_files_that_cannot_be_used_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        planfiles.install_plan(tmp_path / "absent.toml", tmp_path)
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "big.toml").write_bytes(b"#" * (planfiles.MAX_PLAN_BYTES + 1))
    (folder / "latin.toml").write_bytes("# caf\xe9".encode("latin-1"))
    (folder / "dir.toml").mkdir()
    for name, says in (("big", "larger than"), ("latin", "not UTF-8")):
        with pytest.raises(DataError, match=says):
            planfiles.plan_text(name, tmp_path)
    with pytest.raises(DataError, match=r"dir\.toml: cannot read: Is a directory"):
        planfiles._read(folder / "dir.toml")
    assert [p.name for p in planfiles.user_plan_files(tmp_path)] == [
        "big.toml",
        "dir.toml",
        "latin.toml",
    ]
    assert planfiles.user_plan_files(tmp_path / "nowhere") == []


def test_a_plan_is_parsed_every_time_when_there_is_no_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_cache_dir() -> Path:
        raise DataError("no cache dir")

    monkeypatch.setattr(planfiles, "cache_dir", no_cache_dir)
    assert planfiles.load_plan("standard").name == "standard"


# ---- the fold's converters ---------------------------------------------------------------------


def ev(kind: str, data: dict[str, Any], n: int = 0) -> Recorded:
    hlc = f"{1795000000000 + n:013d}-0000"
    return Event(f"{hlc}-dev-{n:04d}", kind, hlc, "dev", data)


RUN = {"id": "r1", "date": DAY, "distance_m": 10000.0, "moving_s": 3000}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start", datetime(2026, 11, 28, 7)),  # no zone: another instant on each machine
        ("start", datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))),
        ("moving_s", float("nan")),
        ("moving_s", True),
        ("rpe_estimated", "yes"),
        ("note", 5),
        ("distance_m", 1e10),
        ("date", date(1899, 12, 31)),
        ("date", date(2200, 1, 1)),
    ],
)
def test_a_run_field_of_the_wrong_type_or_beyond_reason_is_dropped(field: str, value: Any) -> None:
    state = fold([ev("run", {**RUN, field: value})])
    if field in ("moving_s", "distance_m", "date"):
        assert state.runs == ()  # a required field: no run
    else:
        [run] = state.runs
        assert getattr(run, field) == getattr(fold([ev("run", RUN)]).runs[0], field)


def test_whole_seconds_may_come_as_floats() -> None:
    [run] = fold([ev("run", {**RUN, "moving_s": 2999.6, "avg_hr": 151.4})]).runs
    assert (run.moving_s, run.avg_hr) == (3000, 151)


@pytest.mark.parametrize(
    "data",
    [
        {"age": 40, "day_starts": 24},
        {"age": 40, "hr_max": "190"},
        {"age": 40, "ice_bath": 1},
        {"age": 40, "unset": "age"},
    ],
)
def test_profile_values_of_the_wrong_type_are_dropped_alone(data: dict[str, Any]) -> None:
    assert fold([ev("profile", data)]).profile.age == 40


def test_a_cleared_profile_field_stays_cleared_through_a_set() -> None:
    from planner.projections.state import _UNSET

    assert {_UNSET, _UNSET} == {_UNSET} and _UNSET != 0
    state = fold([ev("profile", {"age": 40}), ev("profile", {"unset": ["age"]}, 1)])
    assert state.profile.age is None


@pytest.mark.parametrize("run_rpe", [{"r1": "hard"}, 5, ["r1"]])
def test_checkin_lists_and_ratings_of_the_wrong_type_are_dropped(run_rpe: Any) -> None:
    checkin = {"date": DAY, "soreness": 3, "areas": ["calves", 5], "run_rpe": run_rpe}
    state = fold([ev("checkin", checkin)])
    assert state.checkins[DAY].soreness == 3 and state.checkins[DAY].areas == ()
    assert state.checkins[DAY].run_rpe == {}


def test_an_uncheck_without_its_own_day_still_removes_what_it_names() -> None:
    check = ev("check", {"date": DAY, "item": "yoga"})
    uncheck = ev("uncheck", {"item": "yoga", "removes": [check.id]}, 1)
    assert not fold([check, uncheck]).is_done(DAY, "yoga")


def test_a_run_start_near_the_ends_of_the_calendar_is_kept_only_inside_it() -> None:
    late = datetime(2199, 12, 31, 23, tzinfo=UTC)
    [run] = fold([ev("run", {**RUN, "start": late})]).runs
    assert run.start == late
