"""Bulk reading: the parallel path gives exactly what the serial path gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.datadir import DataDir
from planner.events import Check
from planner.store import bulk

DAY = date(2026, 11, 28)


def test_parallel_and_serial_reads_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = DataDir(tmp_path / "data", state=tmp_path / "state", cache=tmp_path / "c1")
    for n in range(60):
        writer.append(Check(DAY, f"item{n}"))
    month = next((tmp_path / "data" / "events").rglob("*.toml")).parent
    (month / "1700000000000-0000-zzzzzzzzzz-bad000.toml").write_bytes(b"not = [toml")
    paths = sorted(str(p) for p in (tmp_path / "data" / "events").rglob("*.toml"))
    serial = bulk.read_event_files(paths)
    monkeypatch.setattr(bulk, "PARALLEL_FROM", 10)
    monkeypatch.setattr(bulk, "CHUNK", 7)
    seen: list[tuple[int, int]] = []
    parallel = bulk.read_event_files(paths, lambda done, total: seen.append((done, total)))
    assert parallel == serial
    assert seen[-1] == (len(paths), len(paths))
    assert sum(1 for _, _, notice, bad in parallel if notice and bad) == 1
    fresh = DataDir(tmp_path / "data", state=tmp_path / "state", cache=tmp_path / "c2")
    fresh.load()
    assert fresh.state().event_count == 60 and len(fresh.notices) == 1
