"""Fixtures for every test: nothing ever touches the real home folder or the user's settings."""

from pathlib import Path

import pytest

# Knobs a developer's shell might have set that would change what a test sees.
_PLANNER_ENV = (
    "PLANNER_DATA",
    "PLANNER_TODAY",
    "PLANNER_SYNC_BWLIMIT",
    "PLANNER_REMOTE_RSYNC",
    "PLANNER_THEME",
)


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # platformdirs honours these: device ids, caches, remembered sync targets stay in tmp_path.
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.lower()))
    for name in _PLANNER_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _whole_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests read what the CLI says, so its lines are not wrapped for them (a pipe gets
    80 columns; the variable reaches the CLI's subprocesses too); tests/cli/test_text_fits.py
    checks the wrapping itself, at 80, 120 and in a pipe."""
    monkeypatch.setenv("COLUMNS", "1000")


@pytest.fixture(autouse=True)
def _no_snapshots(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots off (planner/snapshot.py), as harlequin's tests switch its catalog cache off:
    a test sees what the events say, never what an earlier step kept. A test of the snapshot
    itself is marked `snapshots`. The variable reaches the CLI's subprocesses too."""
    from planner import snapshot

    if request.node.get_closest_marker("snapshots") is None:
        monkeypatch.setenv(snapshot.OFF_ENV, "1")
    else:
        monkeypatch.delenv(snapshot.OFF_ENV, raising=False)
