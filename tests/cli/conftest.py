"""Fixtures for CLI tests: a private data dir, state and cache dirs, and a pinned today."""

from __future__ import annotations

from pathlib import Path

import pytest
from clitools import Cli

from planner.cli import main

TODAY = "2026-11-28"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cli(data: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `planner --data DATA --today TODAY ARGS...` in-process: (exit code, stdout, stderr)."""

    def run(*args: str, today: str = TODAY) -> tuple[int, str, str]:
        code = main(["--data", str(data), "--today", today, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
