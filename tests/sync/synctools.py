"""Helpers for the sync tests: devices (separate data, state and clock), and the proof checks.

(A module of its own: conftest.py names collide across test folders.)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from planner.datadir import DataDir
from planner.events import Recorded
from planner.projections.state import fold
from planner.service import Planner, RunInput
from planner.store.atomic import atomic_write
from planner.sync import SyncResult

TODAY = date(2026, 11, 28)
SSH = os.environ.get("PLANNER_TEST_SSH", "")
HOST = os.environ.get("PLANNER_TEST_SSH_HOST", "")
NO_SSHD = (
    "the sync tests need a real OpenSSH server: run `. .ci/sshd.sh` first (it sets"
    " PLANNER_TEST_SSH and PLANNER_TEST_SSH_HOST)"
)


@dataclass
class Device:
    """One machine: its own data dir, state dir (so its own device id) and wall clock."""

    name: str
    planner: Planner
    written: set[str] = field(default_factory=set)  # ids of the events it created

    @property
    def store(self) -> DataDir:
        return self.planner.data

    def sync(self, target: str) -> SyncResult:
        result = self.planner.sync(target)
        self.planner.refresh_if_changed()
        return result

    def check(self, item: str, day: date = TODAY) -> None:
        self._record(lambda: self.planner.check(item, day))

    def uncheck(self, item: str, day: date = TODAY) -> None:
        self._record(lambda: self.planner.uncheck(item, day))

    def run(self, km: int, day: date = TODAY) -> None:
        entry = RunInput(distance=f"{km}km", duration=f"{km * 5}:00", rpe="4", day=day)
        self._record(lambda: self.planner.log_run(entry))

    def profile(self, **fields: str) -> None:
        self._record(lambda: self.planner.set_profile(fields))

    def _record(self, action: Callable[[], object]) -> None:
        before = {e.id for e in self.store.events()}
        action()
        self.written |= {e.id for e in self.store.events()} - before


def make_device(root: Path, name: str, skew_ms: int = 0) -> Device:
    """A device whose wall clock runs `skew_ms` ahead of (or behind) the real one."""

    def wall() -> int:
        return time.time_ns() // 1_000_000 + skew_ms

    store = DataDir(root / name / "data", state=root / name / "state", wall_ms=wall)
    return Device(name, Planner(store, today=TODAY))


def event_ids(events: Iterable[Recorded]) -> list[str]:
    return sorted(e.id for e in events)


def visible_files(data_dir: Path) -> dict[str, bytes]:
    """Every event file a reader would open (not dot-files), relative path -> bytes."""
    found = {}
    for path in sorted(data_dir.rglob("*.toml")):
        rel = path.relative_to(data_dir)
        if not any(part.startswith(".") for part in rel.parts):
            found[str(rel)] = path.read_bytes()
    return found


def add_plan_file(device: Device, text: str) -> None:
    """A user plan file, named by its content: plans/ is the one folder every device writes."""
    raw = text.encode()
    folder = device.store.data_dir / "plans"
    folder.mkdir(mode=0o700, exist_ok=True)
    atomic_write(folder / f"mine-{hashlib.sha256(raw).hexdigest()[:8]}.toml", raw)


def assert_converged(devices: list[Device], *remotes: Path) -> None:
    """Same files on every device and remote, nothing lost, nothing twice, the same state."""
    written = set().union(*(d.written for d in devices))
    expected = fold(e for d in devices for e in d.store.events())
    for device in devices:
        ids = event_ids(device.store.events())
        assert len(ids) == len(set(ids)), f"{device.name}: an event is there twice"
        assert set(ids) == written, f"{device.name}: events differ from those written"
        assert device.store.state() == expected, f"{device.name}: folded state differs"
    files = visible_files(devices[0].store.data_dir)
    for device in devices[1:]:
        assert visible_files(device.store.data_dir) == files
    for remote in remotes:
        assert visible_files(remote) == files, f"the remote copy {remote.name} differs"


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> tuple[int, str, str]:
    """`python -m planner ARGS` as a separate process (stdin not a terminal, like cron)."""
    result = subprocess.run(
        [sys.executable, "-m", "planner", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr
