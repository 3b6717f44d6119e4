"""A read-only data dir and a full disk, made for real with mounts (root in CI).

Root writes through a 0500 folder, so a chmod proves nothing there: a read-only bind mount
does refuse root, so a write that wrongly succeeded would fail these tests. Where mounting is
not allowed (no root, a container without CAP_SYS_ADMIN) they skip and say why.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from torturekit import (
    data_digest,
    fill_up,
    gpx_run,
    private_env,
    read_only_view,
    run_cli,
    small_tmpfs,
)

from planner.datadir import DataDir
from planner.events import Check, ProfileSet, RunLogged

WRITES: dict[str, tuple[str, ...]] = {
    "check": ("check", "yoga"),
    "uncheck": ("uncheck", "hydration", "--date", "2026-11-26"),
    "log": ("log", "--distance", "10km", "--duration", "50:00", "--rpe", "5"),
    "import": ("import", "--jobs", "1", "{gpx}"),
    "profile": ("profile", "set", "--age", "50"),
    "race": ("race", "add", "--date", "2027-04-20", "--distance", "42.2km"),
    "checkin": ("checkin", "--soreness", "3"),
}
READS: dict[str, tuple[str, ...]] = {
    "today": ("today",),
    "plan-json": ("plan", "--days", "7", "--json"),
    "runs": ("runs",),
}


def seed(data: Path) -> None:
    store = DataDir(data)
    store.append(ProfileSet(age=52))
    store.append(RunLogged(id="r-1", date=date(2026, 11, 26), distance_m=9e3, moving_s=2900))
    store.append(Check(date=date(2026, 11, 26), item="hydration"))


def _gpx(tmp: Path) -> Path:
    path = tmp / "in" / "morning.gpx"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(gpx_run(datetime(2026, 11, 27, 7, tzinfo=UTC), 3000, 10_000))
    return path


def assert_refused_whole(
    args: tuple[str, ...], data: Path, tmp: Path, env: dict[str, str], says: str
) -> None:
    before = data_digest(data)
    done = run_cli(data, env, *(a.format(gpx=_gpx(tmp)) for a in args))
    assert done.code == 3, (done.code, done.err)
    assert done.err.count("\n") == 1 and done.err.startswith("planner: "), done.err
    assert says in done.err and "Traceback" not in done.err, done.err
    assert data_digest(data) == before
    assert not [p for p in data.rglob(".*.tmp")], "a temp file was left behind"


# ---- read-only ---------------------------------------------------------------------------------


@pytest.fixture
def read_only_data(tmp_path: Path) -> Iterator[Path]:
    data = tmp_path / "data"
    seed(data)
    with read_only_view(data) as why:
        if why is not None:
            pytest.skip(why)
        with pytest.raises(OSError) as refused:  # it really is read-only, even for root
            (data / "probe").write_text("x")
        assert refused.value.errno == errno.EROFS
        yield data


@pytest.mark.parametrize("command", sorted(WRITES))
def test_a_write_to_a_read_only_data_dir_is_refused_cleanly(
    read_only_data: Path, tmp_path: Path, command: str
) -> None:
    env = private_env(tmp_path)
    assert_refused_whole(WRITES[command], read_only_data, tmp_path, env, "Read-only file system")


@pytest.mark.parametrize("command", sorted(READS))
def test_a_read_only_data_dir_can_still_be_read(
    read_only_data: Path, tmp_path: Path, command: str
) -> None:
    done = run_cli(read_only_data, private_env(tmp_path), *READS[command])
    assert (done.code, done.err) == (0, "")


def test_a_read_only_data_dir_without_its_events_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    with read_only_view(data) as why:
        if why is not None:
            pytest.skip(why)
        done = run_cli(data, private_env(tmp_path), "today")
        assert done.code == 3 and done.err.count("\n") == 1, done.err
        assert "events: cannot create or use this folder: Read-only file system" in done.err
        assert list(data.iterdir()) == []


# ---- a full disk -------------------------------------------------------------------------------


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs holding a seeded data dir, then filled to the last byte."""
    disk = tmp_path / "disk"
    with small_tmpfs(disk, "1m") as why:
        if why is not None:
            pytest.skip(why)
        seed(disk / "data")
        fill_up(disk)
        yield disk


@pytest.mark.parametrize("command", sorted(WRITES))
def test_a_write_to_a_full_disk_is_refused_cleanly(
    full_disk: Path, tmp_path: Path, command: str
) -> None:
    env = private_env(tmp_path)
    data = full_disk / "data"
    assert_refused_whole(WRITES[command], data, tmp_path, env, "No space left on device")
    # Room again: the same write now works, and the data dir is whole.
    os.unlink(full_disk / "filler.bin")
    done = run_cli(data, env, *(a.format(gpx=_gpx(tmp_path)) for a in WRITES[command]))
    assert done.code == 0, done.err
    assert run_cli(data, env, "today").code == 0


def test_a_full_disk_can_still_be_read(full_disk: Path, tmp_path: Path) -> None:
    done = run_cli(full_disk / "data", private_env(tmp_path), "today")
    assert (done.code, done.err) == (0, "")


def test_a_full_cache_disk_costs_only_speed(tmp_path: Path) -> None:
    """The fold cache and the import index cannot be written: ticks and imports still work."""
    data = tmp_path / "data"
    seed(data)
    with small_tmpfs(tmp_path / "cache", "256k") as why:
        if why is not None:
            pytest.skip(why)
        env = private_env(tmp_path)
        (tmp_path / "cache" / "planner").mkdir(mode=0o700)
        fill_up(tmp_path / "cache")
        for args in (("today",), ("check", "yoga"), ("import", "--jobs", "1", str(_gpx(tmp_path)))):
            done = run_cli(data, env, *args)
            assert (done.code, done.err) == (0, ""), (args, done.err)
        state = DataDir(data, cache=tmp_path / "elsewhere").state()
        assert state.is_done(date(2026, 11, 28), "yoga") and len(state.runs) == 2


def test_a_full_state_disk_on_first_start(tmp_path: Path) -> None:
    """No room for the device id: a clear error, and nothing written to the data dir."""
    data = tmp_path / "data"
    with small_tmpfs(tmp_path / "state", "64k") as why:
        if why is not None:
            pytest.skip(why)
        fill_up(tmp_path / "state")
        done = run_cli(data, private_env(tmp_path), "check", "yoga")
        assert done.code == 3 and done.err.count("\n") == 1, done.err
        assert "device" in done.err and "No space left on device" in done.err
        assert not list((data / "events").rglob("*.toml"))
