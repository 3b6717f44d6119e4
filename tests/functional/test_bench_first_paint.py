"""bench/first_paint.py, what the start-up benchmarks time: planner as the runner starts it,
exiting by itself once Today is painted, with nothing started that comes after that frame."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from planner.service import Planner

TODAY = date(2026, 11, 28)  # as pinned in conftest.py
SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "first_paint.py"
ESCAPE = re.compile(r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-B]|[=>])")


def words(text: str) -> str:
    return " ".join(text.split())


def bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("first_paint", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_paints_today_on_the_terminal_then_exits_by_itself(
    planner: Planner, data_dir: Path
) -> None:
    env = {**os.environ, "PLANNER_DATA": str(data_dir), "PLANNER_TODAY": TODAY.isoformat()}
    env["TERM"] = "xterm-256color"
    done = subprocess.run(
        [sys.executable, str(SCRIPT)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,  # it must end by itself: nobody presses q
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # Textual draws on stderr: Today's frame was on the terminal before the app ended.
    screen = words(ESCAPE.sub(" ", done.stderr))
    assert "Sat 28 Nov 2026" in screen
    assert words(planner.morning(TODAY).progress) in screen


@pytest.mark.parametrize("ready", [False, True])
def test_it_starts_nothing_after_the_frame_and_unpacks_only_when_ready(
    planner: Planner, monkeypatch: pytest.MonkeyPatch, ready: bool
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(planner, "get_ready", lambda: calls.append("ready"))
    first_paint = bench_module()
    app = first_paint.first_paint_app()(planner)
    monkeypatch.setattr(app, "import_inbox", lambda: calls.append("inbox"))  # what the app starts
    codes: list[int] = []
    # A thread of its own, so that an app that never exits fails the test instead of hanging it.
    runner = threading.Thread(
        target=lambda: codes.append(first_paint.run(app, ready=ready, headless=True)), daemon=True
    )
    runner.start()
    runner.join(timeout=60)
    assert not runner.is_alive(), "the app did not exit by itself"
    assert codes == [0]
    assert calls == (["ready"] if ready else [])
