"""Issue 15, point 4: no app without a terminal, and --demo never touches the real data."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from clitools import Cli, tree_digest

from planner.cli import NO_TERMINAL


def _planner(args: list[str], data: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`planner ARGS` in a process of its own, stdin and stdout pipes (as `ssh HOST planner`)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PLANNER_DATA": str(data),
        "PLANNER_TODAY": "2026-11-28",
        "TERM": "xterm-256color",
    }
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.PIPE,
        timeout=30,
    )


def test_without_a_terminal_the_app_does_not_start(data: Path, tmp_path: Path, cli: Cli) -> None:
    assert cli("profile", "set", "--age", "52")[0] == 0
    for args in ([], ["--demo"]):
        started = time.perf_counter()
        done = _planner(args, data, tmp_path)
        assert time.perf_counter() - started < 5  # it did not wait for keys (a second, warm)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip() == NO_TERMINAL
        assert done.stdout == ""  # no escape codes into the pipe


def test_demo_with_a_command_runs_it_on_the_demo_never_on_real_data(
    data: Path, tmp_path: Path, cli: Cli
) -> None:
    assert cli("profile", "set", "--age", "71")[0] == 0
    before = tree_digest(data)
    shown = _planner(["--demo", "today"], data, tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "age 52" in shown.stdout  # the demo runner, not the real one (71)
    ticked = _planner(["--demo", "check", "hydration"], data, tmp_path)
    assert ticked.returncode == 0, ticked.stderr
    logged = _planner(
        ["--demo", "log", "--distance", "5km", "--duration", "30:00", "--rpe", "3"],
        data,
        tmp_path,
    )
    assert logged.returncode == 0, logged.stderr
    assert tree_digest(data) == before  # the real folder: not a byte changed
    real = _planner(["today"], data, tmp_path)
    assert "age 71" in real.stdout and "[x]" not in real.stdout


def test_demo_with_sync_is_refused(data: Path, tmp_path: Path, cli: Cli) -> None:
    assert cli("profile", "set", "--age", "52")[0] == 0
    before = tree_digest(data)
    done = _planner(["--demo", "sync", "127.0.0.1:/nowhere"], data, tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--demo with sync" in done.stderr
    assert tree_digest(data) == before


def test_a_read_only_command_on_a_missing_folder_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli import main

    missing = tmp_path / "mistyped" / "path"
    for args in (["today"], ["plan"], ["runs"], ["race", "list"], ["race"], ["profile", "show"]):
        code = main(["--data", str(missing), "--today", "2026-11-28", *args])
        err = capsys.readouterr().err
        assert code == 2, args
        assert err.count("\n") == 1 and f"data folder {missing}: not there" in err
        assert not missing.parent.exists(), args
    # a command that writes starts the folder, as the first `planner` does
    assert main(["--data", str(missing), "profile", "set", "--age", "40"]) == 0
    assert missing.is_dir()
    assert main(["--data", str(missing), "--today", "2026-11-28", "today"]) == 0
