"""Paths, durable writes, the device id and the hybrid clock of the store."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from planner.core.errors import DataError
from planner.store.atomic import atomic_write
from planner.store.clock import DAY_MS, HybridClock, parse_stamp
from planner.store.device import device_id
from planner.store.paths import cache_dir, ensure_private_dir, resolve_data_dir, state_dir


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---- paths -------------------------------------------------------------------------------


def test_data_dir_flag_beats_env_beats_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = resolve_data_dir(None)
    assert default == tmp_path / "xdg" / "xdg_data_home" / "planner"
    monkeypatch.setenv("PLANNER_DATA", str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert not (tmp_path / "flag").exists()  # resolving never creates


def test_data_dir_expands_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_data_dir("~/runs") == tmp_path / "runs"
    monkeypatch.setenv("PLANNER_DATA", "~/env")
    assert resolve_data_dir(None) == tmp_path / "env"


def test_state_and_cache_dirs_follow_xdg_and_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        state_dir(), cache_dir()
    finally:
        os.umask(old)
    assert state_dir() == tmp_path / "xdg" / "xdg_state_home" / "planner"
    assert cache_dir() == tmp_path / "xdg" / "xdg_cache_home" / "planner"
    for folder in (state_dir(), cache_dir(), state_dir().parent, cache_dir().parent):
        assert mode(folder) == 0o700


def test_ensure_private_dir_tightens_the_folder_and_what_it_created(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    os.chmod(tmp_path / "home", 0o755)
    ensure_private_dir(tmp_path / "home" / "a" / "b")
    assert mode(tmp_path / "home" / "a") == mode(tmp_path / "home" / "a" / "b") == 0o700
    assert mode(tmp_path / "home") == 0o755  # a parent the user already had is theirs
    os.chmod(tmp_path / "home" / "a" / "b", 0o755)
    ensure_private_dir(tmp_path / "home" / "a" / "b")
    assert mode(tmp_path / "home" / "a" / "b") == 0o700


def test_ensure_private_dir_on_a_file_names_it(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("x")
    with pytest.raises(DataError, match=rf"^{target}: is a file, not a folder$"):
        ensure_private_dir(target)
    with pytest.raises(DataError, match=rf"^{target}: is a file, not a folder$"):
        ensure_private_dir(target / "deeper")


# ---- atomic writes -----------------------------------------------------------------------


def test_atomic_write_order_is_write_fsync_replace_fsync_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_write, real_fsync, real_replace = os.write, os.fsync, os.replace

    def write(fd: int, data: bytes | memoryview) -> int:
        calls.append("write")
        return real_write(fd, data)

    def fsync(fd: int) -> None:
        is_dir = stat.S_ISDIR(os.fstat(fd).st_mode)
        calls.append("fsync(dir)" if is_dir else "fsync(file)")
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        calls.append("replace")
        assert Path(src).name.startswith(".") and str(src).endswith(".tmp")
        real_replace(src, dst)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    atomic_write(tmp_path / "a.toml", b"hello")
    assert calls == ["write", "fsync(file)", "replace", "fsync(dir)"]
    assert (tmp_path / "a.toml").read_bytes() == b"hello"


def test_atomic_write_is_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        atomic_write(tmp_path / "a.toml", b"x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "a.toml") == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]  # no temp file left


def test_atomic_write_failure_leaves_no_temp_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(src: str | Path, dst: str | Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(DataError, match=r"a\.toml: cannot write: No space left on device"):
        atomic_write(tmp_path / "a.toml", b"x")
    assert list(tmp_path.iterdir()) == []


# ---- device id ---------------------------------------------------------------------------


def test_device_id_is_created_once_private_and_stable(tmp_path: Path) -> None:
    state = tmp_path / "state"
    first = device_id(state)
    assert len(first) == 10 and first.isalnum() and first == first.lower()
    assert device_id(state) == first
    assert mode(state / "device") == 0o600
    assert mode(state) == 0o700
    assert [p.name for p in state.iterdir()] == ["device"]
    assert device_id(tmp_path / "other") != first


def test_device_id_refuses_a_garbled_file(tmp_path: Path) -> None:
    ensure_private_dir(tmp_path / "state")
    (tmp_path / "state" / "device").write_text("not an id!\n")
    with pytest.raises(DataError, match=r"state/device: not a device id"):
        device_id(tmp_path / "state")


# ---- hybrid clock ------------------------------------------------------------------------


def test_ticks_strictly_increase_even_when_wall_time_stands_still_or_steps_back() -> None:
    times = iter([1000, 1000, 1000, 900, 2000])
    clock = HybridClock(lambda: next(times))
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5
    assert stamps[0] == "0000000001000-0000"
    assert stamps[3] == "0000000001000-0003"
    assert stamps[4] == "0000000002000-0000"


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    clock = HybridClock(lambda: 5)
    clock.observe("0000000000005-9999")
    assert clock.tick() == "0000000000006-0000"


def test_observe_catches_up_but_not_more_than_a_day_ahead() -> None:
    now = 1_700_000_000_000
    clock = HybridClock(lambda: now)
    assert clock.observe(f"{now + 5000:013d}-0007")
    assert clock.tick() == f"{now + 5000:013d}-0008"
    assert not clock.observe(f"{now + DAY_MS + 1:013d}-0000")
    assert parse_stamp(clock.tick())[0] == now + 5000
    with pytest.raises(ValueError):
        clock.observe("yesterday")
