"""The snapshot module: the one place projections are kept between runs, and switched off."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from planner import snapshot
from planner.datadir import DataDir
from planner.events import Check

DAY = date(2026, 11, 28)


def open_data(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "data", state=tmp_path / "state", cache=tmp_path / "cache")


def test_tests_run_without_snapshots_unless_marked(tmp_path: Path) -> None:
    data = open_data(tmp_path)
    data.append(Check(DAY, "yoga"))
    data.save_cache()
    assert not list((tmp_path / "cache").glob("snapshot-*"))  # switched off by tests/conftest.py


@pytest.mark.snapshots
def test_a_marked_test_keeps_one_and_resumes_from_it(tmp_path: Path) -> None:
    data = open_data(tmp_path)
    data.append(Check(DAY, "yoga"))
    data.remember("answer", 42)
    data.save_cache()
    [kept] = (tmp_path / "cache").glob("snapshot-*.pickle")
    warm = open_data(tmp_path)
    assert warm.recall("answer") == 42 and warm.state() == data.state()
    assert snapshot.load(kept, tmp_path / "data") is not None


@pytest.mark.snapshots
def test_the_switch_is_an_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(snapshot.OFF_ENV, "1")
    data = open_data(tmp_path)
    data.append(Check(DAY, "yoga"))
    data.save_cache()
    assert not list((tmp_path / "cache").glob("snapshot-*"))


def test_the_schema_follows_the_projected_types(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new field in a projected type is a new schema: an old snapshot is not trusted."""
    assert snapshot._schema() == snapshot.SCHEMA  # the same code, the same version

    @dataclasses.dataclass
    class Shoe:
        km: float

    monkeypatch.setattr(snapshot, "_PROJECTED", (*snapshot._PROJECTED, Shoe))
    with_shoe = snapshot._schema()
    assert with_shoe != snapshot.SCHEMA

    @dataclasses.dataclass
    class Shoe2:
        km: int  # the same name, another type

    Shoe2.__qualname__ = Shoe.__qualname__
    monkeypatch.setattr(snapshot, "_PROJECTED", (*snapshot._PROJECTED[:-1], Shoe2))
    assert snapshot._schema() not in (with_shoe, snapshot.SCHEMA)
