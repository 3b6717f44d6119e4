"""What kill -9 cannot test: the fsyncs. Every write through the public API, recorded call by
call, goes write -> fsync(file) -> replace -> fsync(folder), and all of it before the call
that made it returns; a folder the write created is itself made durable in its parent.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from torturekit import TODAY_DATE, gpx_run, visible_event_files

from planner.core.checkin import CheckinAnswers
from planner.datadir import DataDir
from planner.events import Check
from planner.service import Planner, RunInput


@dataclass
class Call:
    name: str
    path: str  # the file or folder it acted on ("" if unknown)
    extra: Any = None


@dataclass
class Syscalls:
    """os.open/write/fsync/close/replace/mkdir as they happened, each with its path."""

    calls: list[Call] = field(default_factory=list)
    fds: dict[int, str] = field(default_factory=dict)

    def mark(self, name: str) -> None:
        self.calls.append(Call(name, ""))

    def index(self, name: str, path: str | Path, start: int = 0) -> int:
        for i in range(start, len(self.calls)):
            call = self.calls[i]
            if call.name == name and call.path == str(path):
                return i
        raise AssertionError(f"no {name}({path}) after call {start}: {self.names()}")

    def last(self, name: str, path: str | Path) -> int:
        hits = [i for i, c in enumerate(self.calls) if c.name == name and c.path == str(path)]
        assert hits, f"no {name}({path}): {self.names()}"
        return hits[-1]

    def names(self) -> list[str]:
        return [f"{c.name}({Path(c.path).name})" for c in self.calls]


@pytest.fixture
def syscalls(monkeypatch: pytest.MonkeyPatch) -> Syscalls:
    rec = Syscalls()
    real_open, real_write, real_fsync = os.open, os.write, os.fsync
    real_close, real_replace, real_mkdir = os.close, os.replace, os.mkdir

    def opened(path: Any, flags: int, mode: int = 0o777, *, dir_fd: Any = None) -> int:
        fd = (
            real_open(path, flags, mode)
            if dir_fd is None
            else real_open(path, flags, mode, dir_fd=dir_fd)
        )
        rec.fds[fd] = os.fspath(path)
        rec.calls.append(Call("open", os.fspath(path), flags))
        return fd

    def write(fd: int, data: Any) -> int:
        n = real_write(fd, data)
        if fd in rec.fds:
            rec.calls.append(Call("write", rec.fds[fd], n))
        return n

    def fsync(fd: int) -> None:
        real_fsync(fd)
        kind = "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        rec.calls.append(Call(f"fsync_{kind}", rec.fds.get(fd, "")))

    def close(fd: int) -> None:
        path = rec.fds.pop(fd, None)
        real_close(fd)
        if path is not None:
            rec.calls.append(Call("close", path))

    def replace(src: Any, dst: Any, **kw: Any) -> None:
        real_replace(src, dst, **kw)
        rec.calls.append(Call("replace", os.fspath(dst), os.fspath(src)))

    def mkdir(path: Any, mode: int = 0o777, **kw: Any) -> None:
        real_mkdir(path, mode, **kw)
        rec.calls.append(Call("mkdir", os.fspath(path)))

    for name, fake in (
        ("open", opened),
        ("write", write),
        ("fsync", fsync),
        ("close", close),
        ("replace", replace),
        ("mkdir", mkdir),
    ):
        monkeypatch.setattr(os, name, fake)
    return rec


def assert_durable_event_write(rec: Syscalls, final: Path, returned: int) -> None:
    """The one event file `final` went temp -> fsync -> replace -> fsync(folder) -> return."""
    replaced = rec.index("replace", final)
    temp = rec.calls[replaced].extra
    name = Path(temp).name
    assert Path(temp).parent == final.parent and name.startswith(".") and name.endswith(".tmp")
    created = rec.index("open", temp)
    assert rec.calls[created].extra & os.O_CREAT and rec.calls[created].extra & os.O_EXCL
    writes = [i for i, c in enumerate(rec.calls) if c.name == "write" and c.path == temp]
    assert writes and created < writes[0]
    assert sum(rec.calls[i].extra for i in writes) == final.stat().st_size  # every byte
    synced = rec.index("fsync_file", temp, writes[-1])
    closed = rec.index("close", temp, synced)
    assert writes[-1] < synced < closed < replaced
    dir_synced = rec.index("fsync_dir", final.parent, replaced)
    assert dir_synced < returned
    # Never written in place: no open of the final name, and no write to it.
    assert not [c for c in rec.calls if c.path == str(final) and c.name in ("open", "write")]


def new_event_file(before: set[Path], data: Path) -> Path:
    [path] = sorted(set(visible_event_files(data)) - before)
    return path


def _seeded(data: Path, tmp_path: Path) -> Planner:
    planner = Planner(DataDir(data, cache=tmp_path / "fold-cache"), today=TODAY_DATE)
    planner.set_profile({"age": "52"})
    planner.check("yoga")  # the month folder exists from here on
    return planner


OPERATIONS: dict[str, Callable[[Planner, Path], object]] = {
    "check": lambda p, _: p.check("hydration"),
    "uncheck": lambda p, _: p.uncheck("yoga"),
    "log": lambda p, _: p.log_run(RunInput("10km", "50:00", "5")),
    "checkin": lambda p, _: p.checkin(CheckinAnswers(soreness="3")),
    "profile": lambda p, _: p.set_profile({"weight_kg": "61"}),
    "plan_choice": lambda p, _: p.set_profile({"plan": "conservative"}),
    "race": lambda p, _: p.add_race(TODAY_DATE + timedelta(days=40), "10km", "Parkrun"),
    "import": lambda p, tmp: p.import_files([_gpx(tmp)], jobs=1),
}


def _gpx(tmp: Path) -> Path:
    path = tmp / "morning.gpx"
    path.write_bytes(gpx_run(datetime(2026, 11, 26, 7, tzinfo=UTC), 3000, 10_000))
    return path


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_every_write_is_durable_in_order_before_it_returns(
    tmp_path: Path, data: Path, syscalls: Syscalls, operation: str
) -> None:
    planner = _seeded(data, tmp_path)
    before = set(visible_event_files(data))
    syscalls.calls.clear()
    OPERATIONS[operation](planner, tmp_path)
    syscalls.mark("returned")
    final = new_event_file(before, data)
    assert_durable_event_write(syscalls, final, syscalls.index("returned", ""))


def test_the_import_index_is_written_only_after_the_runs_are_durable(
    tmp_path: Path, data: Path, syscalls: Syscalls
) -> None:
    """Else a crash could leave the index saying "imported" for runs that never landed."""
    planner = _seeded(data, tmp_path)
    before = set(visible_event_files(data))
    syscalls.calls.clear()
    planner.import_files([_gpx(tmp_path)], jobs=1)
    final = new_event_file(before, data)
    runs_durable = syscalls.index("fsync_dir", final.parent, syscalls.index("replace", final))
    index_replaced = [
        i
        for i, c in enumerate(syscalls.calls)
        if c.name == "replace" and Path(c.path).name.startswith("imports-")
    ]
    assert index_replaced and runs_durable < index_replaced[0]


def test_the_first_write_makes_the_folders_it_created_durable(
    tmp_path: Path, data: Path, syscalls: Syscalls
) -> None:
    """A new month folder (and device folder) must reach the disk in its parent too: an
    fsynced file in a folder whose own entry is lost after a power cut is lost with it."""
    planner = Planner(DataDir(data, cache=tmp_path / "fold-cache"), today=TODAY_DATE)
    syscalls.calls.clear()
    planner.check("yoga")
    syscalls.mark("returned")
    [final] = visible_event_files(data)
    returned = syscalls.index("returned", "")
    assert_durable_event_write(syscalls, final, returned)
    month, device = final.parent, final.parent.parent
    for folder in (month, device):
        made = syscalls.index("mkdir", folder)
        assert syscalls.index("fsync_dir", folder.parent, made) < returned, folder


def test_a_new_month_folder_is_made_durable_in_its_device_folder(
    tmp_path: Path, data: Path, syscalls: Syscalls
) -> None:
    clock = [int(datetime(2026, 11, 30, 23, 59, tzinfo=UTC).timestamp() * 1000)]
    store = DataDir(data, cache=tmp_path / "fold-cache", wall_ms=lambda: clock[0])
    store.append(Check(date=date(2026, 11, 30), item="yoga"))
    clock[0] += 3_600_000  # past midnight UTC: December's folder
    syscalls.calls.clear()
    event = store.append(Check(date=date(2026, 12, 1), item="yoga"))
    syscalls.mark("returned")
    [final] = [p for p in visible_event_files(data) if p.stem == event.id]
    assert final.parent.name == "2026-12"
    returned = syscalls.index("returned", "")
    assert_durable_event_write(syscalls, final, returned)
    made = syscalls.index("mkdir", final.parent)
    assert syscalls.index("fsync_dir", final.parent.parent, made) < returned
