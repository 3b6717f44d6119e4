"""A sync cut off mid-transfer (rsync killed, or Ctrl-C) leaves only whole files, says so in
one line, and the next sync finishes the job. No lock is held while the network is busy.

$PLANNER_SYNC_BWLIMIT slows rsync down so the test can catch it in the middle.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from synctools import TODAY, make_device, run_cli, visible_files

from planner.datadir import DataDir
from planner.events import Foreign
from planner.sync import errors

FILES = 150


def _slow_sync(data: Path, target: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PLANNER_SYNC_BWLIMIT="2")
    return subprocess.Popen(
        [sys.executable, "-m", "planner", "--data", str(data), "sync", target],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: a Ctrl-C for it alone
    )


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def _rsync_children(pid: int) -> list[int]:
    """The rsync processes `pid` started (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        if ppid == pid and name == "rsync":
            found.append(int(entry.name))
    return found


def _source(tmp_path: Path) -> Path:
    device = make_device(tmp_path, "source")
    for n in range(FILES):
        device.store.append(
            Foreign("check", {"date": TODAY, "item": f"item-{n}", "note": "x" * 200})
        )
    return device.store.data_dir


def _count(folder: Path) -> int:
    return len(visible_files(folder)) if folder.exists() else 0


def _assert_cut_short_cleanly(partial: Path, source: Path) -> None:
    got, want = visible_files(partial), visible_files(source)
    assert 0 < len(got) < len(want), "the transfer was not caught in the middle"
    for name, body in got.items():
        assert want[name] == body, f"{name}: a visible half-written file"


def _stopped(proc: subprocess.Popen[str], code: int) -> str:
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    lines = err.splitlines()
    assert out == "" and len(lines) == 1 and lines[0].startswith("planner: sync interrupted")
    return lines[0]


def _rerun_finishes(data: Path, target: str, want: Path) -> None:
    rc, _, err = run_cli("--data", str(data), "sync", target, env=dict(os.environ))
    assert rc == 0, err
    assert visible_files(data) == visible_files(want)


def test_push_killed_mid_transfer_then_rerun(tmp_path: Path, target: str, remote: Path) -> None:
    source = _source(tmp_path)
    proc = _slow_sync(source, target)
    _wait_for(lambda: _count(remote) >= 3, "the first files on the remote")
    # Meanwhile, a tick here takes the data dir's lock: the sync must not be holding it.
    started = time.monotonic()
    rc, _, err = run_cli("--data", str(source), "check", "hydration", env=dict(os.environ))
    assert rc == 0, err
    assert time.monotonic() - started < 20
    children = _rsync_children(proc.pid)
    assert children, "no rsync running"
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    assert "stopped by signal 9" in _stopped(proc, errors.INTERRUPTED)
    _assert_cut_short_cleanly(remote, source)
    _rerun_finishes(source, target, remote)
    assert _count(remote) == FILES + 1  # and the tick made meanwhile went too


def test_pull_killed_mid_transfer_then_rerun(tmp_path: Path, target: str, remote: Path) -> None:
    source = _source(tmp_path)
    _rerun_finishes(source, target, remote)
    data = tmp_path / "newcomer"
    proc = _slow_sync(data, target)
    _wait_for(lambda: _count(data) >= 3, "the first files here")
    for pid in _rsync_children(proc.pid):
        os.kill(pid, signal.SIGKILL)
    _stopped(proc, errors.INTERRUPTED)
    _assert_cut_short_cleanly(data, source)
    _rerun_finishes(data, target, source)
    # Any temp file the killed rsync left here is a dot-file: the store never reads it.
    state = tmp_path / "reader-state"
    pulled = DataDir(data, state=state).events()
    assert sorted(e.id for e in pulled) == sorted(
        e.id for e in DataDir(source, state=state).events()
    )


def test_ctrl_c_mid_transfer_then_rerun(tmp_path: Path, target: str, remote: Path) -> None:
    source = _source(tmp_path)
    proc = _slow_sync(source, target)
    _wait_for(lambda: _count(remote) >= 3, "the first files on the remote")
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    assert "ctrl-c" in _stopped(proc, errors.CTRL_C).lower()
    _assert_cut_short_cleanly(remote, source)
    _rerun_finishes(source, target, remote)
