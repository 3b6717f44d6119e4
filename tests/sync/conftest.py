"""Sync test fixtures: the test sshd (or a clear skip), a remote folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from synctools import HOST, NO_SSHD, SSH


@pytest.fixture(autouse=True)
def _reach_sshd(monkeypatch: pytest.MonkeyPatch) -> None:
    # The private home dirs come from tests/conftest.py; here, only how to reach the sshd.
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
