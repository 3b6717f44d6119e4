"""Fixtures for importer tests: a private home, a store, and the shared sample files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from importkit import SAMPLES, Importer

from planner.datadir import DataDir
from planner.importers.pipeline import run_import
from planner.importers.report import ImportReport


@pytest.fixture
def samples() -> Path:
    if not (SAMPLES / "SOURCES.md").is_file():
        pytest.skip(f"the shared sample files are not at {SAMPLES} (a checkout without shared/)")
    return SAMPLES


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(tmp_path: Path, data: Path) -> DataDir:
    return DataDir(data, state=tmp_path / "device", cache=tmp_path / "fold-cache")


@pytest.fixture
def importer(store: DataDir, tmp_path: Path) -> Importer:
    """Import paths into `store` with an index in the test's own cache dir."""

    def run(paths: Sequence[Path | str], **options: object) -> ImportReport:
        return run_import(store, paths, index_path=tmp_path / "seen.json", **options)  # type: ignore[arg-type]

    return run
