"""Issue 15, point 2: `planner status`, one line for a prompt, a tmux bar or a motd, answered
from the file the last start left when nothing changed (planner/glance.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import platformdirs
import pytest
from clitools import Cli

from planner import glance

SETTLE_S = glance.RACY_NS / 1e9 + 0.2  # a folder's change, older than a change could hide in


def _env(data: Path, tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PLANNER_DATA": str(data),
        "PLANNER_TODAY": "2026-11-28",
    }


def _status(data: Path, tmp_path: Path, *args: str) -> tuple[int, str, str, bool]:
    """`planner status ARGS` in a process of its own: (code, stdout, stderr, planner loaded),
    the last True when it needed more than the status line's module (the slow path)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "planner", "status", *args],
        capture_output=True, text=True, env=_env(data, tmp_path), timeout=30,
    )  # fmt: skip
    lines = proc.stderr.splitlines()
    slow = any(line.endswith("planner.service") for line in lines)
    said = "\n".join(line for line in lines if not line.startswith("import time:"))
    return proc.returncode, proc.stdout, said, slow


def _planner(data: Path, tmp_path: Path, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True, text=True, env=_env(data, tmp_path), timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def runner(data: Path, tmp_path: Path) -> Path:
    _planner(data, tmp_path, "profile", "set", "--age", "52")
    _planner(data, tmp_path, "log", "--date", "2026-11-27", "--distance", "8km",
             "--duration", "45:00", "--rpe", "4")  # fmt: skip
    return data


def _warm(data: Path, tmp_path: Path) -> tuple[int, str, str, bool]:
    """As a prompt would: a status just after a change (the store may list a folder again
    until its change is older than the window a change could hide in), another once it is."""
    _status(data, tmp_path)
    time.sleep(SETTLE_S)
    return _status(data, tmp_path)


def test_one_line_from_the_plan_then_from_the_cache(runner: Path, tmp_path: Path) -> None:
    code, first, err, slow = _status(runner, tmp_path)
    assert (code, err) == (0, "") and slow  # nothing cached yet: the planner works it out
    line = first.rstrip("\n")
    assert "\n" not in line
    assert line.startswith(("EASY ", "QUALITY OK ", "REST", "ACTIVE RECOVERY")) and " · 0/" in line
    assert line.endswith("✓")
    _warm(runner, tmp_path)
    code, again, _, slow = _status(runner, tmp_path)
    assert code == 0 and again == first and not slow  # nothing changed: not planned again


def test_a_tick_shows_at_once(runner: Path, tmp_path: Path) -> None:
    _warm(runner, tmp_path)
    assert not _status(runner, tmp_path)[3]
    _planner(runner, tmp_path, "check", "hydration")
    code, out, _, slow = _status(runner, tmp_path)
    assert code == 0 and slow and " · 1/" in out  # the folder changed: planned again
    today = _planner(runner, tmp_path, "today", "--json")
    assert '"done": true' in today


def test_the_same_line_either_way_and_the_format_fields(runner: Path, tmp_path: Path) -> None:
    fmt = "{date} {type} {minutes} {rpe} {done}/{total} open {open} streak {streak}{flag}"
    slow_line = _status(runner, tmp_path, "--format", fmt)
    _warm(runner, tmp_path)
    fast_line = _status(runner, tmp_path, "--format", fmt)
    assert slow_line[3] and not fast_line[3]
    assert slow_line[:2] == fast_line[:2]
    words = fast_line[1].split()
    assert words[0] == "2026-11-28" and words[-4:] == ["open", "9", "streak", "0"]


def test_a_red_flag_is_marked(runner: Path, tmp_path: Path) -> None:
    _planner(runner, tmp_path, "checkin", "--soreness", "2", "--flag", "hopping_pain")
    code, out, _, _ = _status(runner, tmp_path)
    assert code == 0 and out.startswith("SEE A CLINICIAN") and "⚑" in out, out


@pytest.mark.parametrize("fast", [False, True])
def test_an_unknown_field_is_one_line_and_exit_2(runner: Path, tmp_path: Path, fast: bool) -> None:
    if fast:
        _warm(runner, tmp_path)
    code, out, err, _ = _status(runner, tmp_path, "--format", "{type} {pace}")
    assert code == 2 and out == ""
    assert err.count("\n") == 0 and "no field 'pace'" in err and "fields: type" in err


def test_no_profile_yet(data: Path, tmp_path: Path, cli: Cli) -> None:
    _planner(data, tmp_path, "log", "--date", "2026-11-27", "--distance", "8km",
             "--duration", "45:00", "--rpe", "4")  # fmt: skip
    code, out, _, _ = _status(data, tmp_path)
    assert code == 0 and out.startswith("no plan yet")


def test_the_fast_paths_folders_are_platformdirs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """glance.py finds the cache and data folders without platformdirs: the same ones."""
    for xdg in (None, str(tmp_path / "xdg")):
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
            if xdg is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, f"{xdg}/{name}")
        monkeypatch.delenv("PLANNER_DATA", raising=False)
        assert glance.cache_folder() == platformdirs.user_cache_dir("planner")
        assert glance.data_folder(None) == platformdirs.user_data_dir("planner")


def _today(data: Path, tmp_path: Path, *args: str, columns: str = "80") -> tuple[str, bool]:
    """`planner today ARGS` in a process of its own: (stdout, planner loaded)."""
    env = {**_env(data, tmp_path), "COLUMNS": columns}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "planner", "today", *args],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-500:]
    return proc.stdout, any(line.endswith("planner.service") for line in proc.stderr.splitlines())


@pytest.mark.parametrize("args", [(), ("--brief",)], ids=["today", "brief"])
def test_today_is_printed_from_the_glance_while_nothing_changes(
    runner: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    planned, slow = _today(runner, tmp_path, *args)
    assert slow
    time.sleep(SETTLE_S)
    _today(runner, tmp_path, *args)  # the store lists the new folders again, now settled
    kept, slow = _today(runner, tmp_path, *args)
    assert not slow and kept == planned
    # Kept plain, fitted to the terminal as it is printed.
    narrow, slow = _today(runner, tmp_path, *args, columns="50")
    assert not slow and max(len(line) for line in narrow.splitlines()) <= 50
    _planner(runner, tmp_path, "check", "warm_up")
    ticked, slow = _today(runner, tmp_path, *args)
    assert slow and ticked != planned  # a tick: planned again, and it shows
