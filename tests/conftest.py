"""Fixtures for every test: nothing ever touches the real home folder or the user's settings."""

from pathlib import Path

import pytest

# Knobs a developer's shell might have set that would change what a test sees.
_PLANNER_ENV = (
    "PLANNER_DATA",
    "PLANNER_TODAY",
    "PLANNER_SYNC_BWLIMIT",
    "PLANNER_REMOTE_RSYNC",
)


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # platformdirs honours these: device ids, caches, remembered sync targets stay in tmp_path.
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.lower()))
    for name in _PLANNER_ENV:
        monkeypatch.delenv(name, raising=False)
