"""Sync test fixtures: private XDG dirs, the test sshd (or a clear skip), a remote folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from synctools import HOST, NO_SSHD, SSH


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # platformdirs honours these: device ids, caches and remembered targets stay in tmp_path.
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.lower()))
    for name in ("PLANNER_DATA", "PLANNER_TODAY", "PLANNER_SYNC_BWLIMIT", "PLANNER_REMOTE_RSYNC"):
        monkeypatch.delenv(name, raising=False)
    if SSH:
        monkeypatch.setenv("PLANNER_SSH", SSH)
    else:
        monkeypatch.delenv("PLANNER_SSH", raising=False)


@pytest.fixture
def sshd() -> str:
    """`user@127.0.0.1` of the test sshd; the test is skipped, saying why, without one."""
    if not (SSH and HOST):
        pytest.skip(NO_SSHD)
    return HOST


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """The remote folder: on this machine, reached only through ssh by the code under test."""
    return tmp_path / "remote"


@pytest.fixture
def target(sshd: str, remote: Path) -> str:
    return f"{sshd}:{remote}"
