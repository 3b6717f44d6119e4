"""The torture suite: kill -9, fsync order, writers at once, and a corpus of bad input.

Every test in this folder carries the `torture` marker and keeps snapshots on (`snapshots`,
tests/conftest.py), as a runner's machine has them. `torture` is registered in
pyproject.toml: these tests run by default, and `pytest -m "not torture"` leaves them out
for a quick local loop.
Set TORTURE_SEED to replay a run with other random choices (the default is fixed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.torture)
            item.add_marker(pytest.mark.snapshots)  # kills and bad disks meet the real thing


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """State, cache and default data dirs of this test's own (in-process and for children)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    for name in ("PLANNER_DATA", "PLANNER_TODAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLANNER_SSH", "false")  # no test here may reach a real host
    return tmp_path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"
