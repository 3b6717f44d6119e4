"""TUI fixtures: a Planner on a temporary data dir, today pinned, a runner of 52 with a few runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from planner.service import Planner, RunInput
from planner.tui.app import PlannerApp
from planner.tui.settings import save_choice

TODAY = date(2026, 11, 28)  # a Saturday
# (days before today, distance, duration, RPE, type): a plain week of a masters runner.
RUNS: tuple[tuple[int, str, str, str, str], ...] = (
    (6, "8km", "44:00", "4", "easy"),
    (4, "10km", "48:00", "7", "tempo"),
    (3, "6km", "34:00", "3", "recovery"),
    (1, "16km", "1:32:00", "5", "long"),
)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make a snapshot depend on when it was taken."""
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(autouse=True)
def disclaimer_said(request: pytest.FixtureRequest) -> None:
    """Today says the disclaimer once a day, as a notification over every first screen; the
    tests see it as said (a day far ahead, in the real settings file of the test's config
    dir), except those marked `disclaimer`, which test the saying."""
    if request.node.get_closest_marker("disclaimer") is None:
        save_choice("disclaimer_said", "9999-12-31")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def open_planner(data_dir: Path) -> Planner:
    """A fresh Planner on `data_dir`: what a second start of the app would see."""
    return Planner.open(data_dir, today=TODAY)


@pytest.fixture
def reopen(data_dir: Path) -> Callable[[], Planner]:
    """Open the data dir again, as a second start of the app (or another process) would."""
    return lambda: open_planner(data_dir)


@pytest.fixture
def new_planner(data_dir: Path) -> Planner:
    """A first start: nothing in the data dir, so the app opens on onboarding."""
    return open_planner(data_dir)


@pytest.fixture
def planner(data_dir: Path) -> Planner:
    planner = open_planner(data_dir)
    planner.set_profile({"age": "52", "weight_kg": "70"})
    for days_ago, distance, duration, rpe, run_type in RUNS:
        day = TODAY - timedelta(days=days_ago)
        planner.log_run(RunInput(distance, duration, rpe=rpe, day=day, type=run_type))
    return planner


@pytest.fixture
def app(planner: Planner) -> PlannerApp:
    return PlannerApp(planner)


@pytest.fixture
def demo_planner(data_dir: Path) -> Planner:
    """The demo runner's 12 weeks (seeded, so the same every time): runs, ticks, a profile."""
    from planner.demo import demo_events

    planner = open_planner(data_dir)
    planner.data.append_batch(demo_events(TODAY))
    return planner
