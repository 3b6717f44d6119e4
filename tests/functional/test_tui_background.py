"""Slow or outside work: imports with a progress bar, files arriving from elsewhere, sync."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ProgressBar, Static

from planner.core.errors import PlannerError
from planner.datadir import DataDir
from planner.events import Check, RunLogged
from planner.importers.report import ImportedRun, ImportProgress, ImportReport
from planner.service import Planner
from planner.sync.errors import AUTH_REFUSED, SyncError
from planner.sync.run import SyncProgress, SyncResult
from planner.tui.app import PlannerApp
from planner.tui.screens.importing import ImportScreen
from planner.tui.screens.sync import SyncScreen
from planner.tui.screens.today import TodayScreen
from planner.tui.widgets.checklist import Checklist
from planner.tui.widgets.day_summary import DaySummary

SIZE = (80, 24)
TODAY = date(2026, 11, 28)  # as pinned in conftest.py
SAMPLES = Path("/work/shared/samples")
Progress = Callable[[ImportProgress], None]


def text_of(app: PlannerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def toasts(app: PlannerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def until(pilot: Pilot[int], done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app run until `done()` holds; fail after `seconds`."""
    for _ in range(int(seconds / 0.05)):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app did not get there in time")


# ---- files arriving from elsewhere -----------------------------------------------------------


async def test_a_tick_from_another_device_shows_and_the_cursor_stays(
    planner: Planner, data_dir: Path, tmp_path: Path
) -> None:
    app = PlannerApp(planner, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        checklist = app.screen.query_one(Checklist)
        await pilot.press("j", "j")
        cursor = checklist.highlighted_item
        assert cursor is not None
        first = checklist.items[0]
        assert not first.done
        # Another device (its own state dir, so its own device id) writes to the same data dir,
        # as a sync or a second machine sharing the folder would.
        other = DataDir(data_dir, state=tmp_path / "other-device")
        other.append(Check(date=TODAY, item=first.id))

        def shown() -> bool:
            return {item.id: item for item in checklist.items}[first.id].done

        await until(pilot, shown)
        assert checklist.highlighted_item is not None
        assert checklist.highlighted_item.id == cursor.id
        assert "1/" in text_of(app, "#progress")


async def test_a_run_from_elsewhere_reaches_an_open_history(
    planner: Planner, data_dir: Path, tmp_path: Path
) -> None:
    app = PlannerApp(planner, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("H")
        await app.workers.wait_for_complete()
        before = text_of(app, "#history-title")
        other = Planner(DataDir(data_dir, state=tmp_path / "other-device"), today=TODAY)
        other.data.append(
            RunLogged(id="r-elsewhere", date=TODAY, distance_m=5000.0, moving_s=1500,
                      elapsed_s=1500, sport="running", source="manual")
        )  # fmt: skip
        await until(pilot, lambda: text_of(app, "#history-title") != before)
        assert f"{len(planner.runs())} runs" in text_of(app, "#history-title")


# ---- import ------------------------------------------------------------------------------------


async def test_import_shows_progress_file_by_file(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    halfway, finish = threading.Event(), threading.Event()

    def import_files(paths: object, progress: Progress | None = None, **_: object) -> ImportReport:
        assert progress is not None
        progress(ImportProgress(1, 3, "a.gpx"))
        halfway.set()
        finish.wait(10)
        for done in (2, 3):
            progress(ImportProgress(done, 3, f"{'abc'[done - 1]}.gpx"))
        runs = [ImportedRun("r1", TODAY, 10_000.0, 3000, "a.gpx")]
        return ImportReport(import_id="imp-1", imported=runs, files=3, usable_files=3)

    monkeypatch.setattr(planner, "import_files", import_files)
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, ImportScreen)
        await pilot.press(*"~/runs", "enter")
        bar = app.screen.query_one(ProgressBar)
        await until(pilot, lambda: halfway.is_set() and bar.progress == 1)
        assert (bar.total, bar.display) == (3, True)
        assert text_of(app, "#import-status") == "Reading 1/3 files · a.gpx"
        finish.set()
        await until(pilot, lambda: "Imported 1 run" in text_of(app, "#import-summary"))
        assert bar.progress == bar.total
        assert "1 run imported." in toasts(app)


async def test_import_says_why_in_place(planner: Planner, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(paths: object, progress: Progress | None = None, **_: object) -> ImportReport:
        raise PlannerError("import: /nowhere: no such file or folder")

    monkeypatch.setattr(planner, "import_files", refuse)
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "enter")
        assert "Name a file" in text_of(app, "#import-error")
        await pilot.press(*"/nowhere", "enter")
        await until(pilot, lambda: "no such file" in text_of(app, "#import-error"))
        assert not app.screen.query_one(ProgressBar).display


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared sample files are not here")
async def test_import_of_real_files_reaches_history(planner: Planner, tmp_path: Path) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    shutil.copy(SAMPLES / "gpx" / "slither__running.gpx", folder)
    shutil.copy(SAMPLES / "fit" / "fitparse__activity-small-fenix2-run.fit", folder)
    before = len(planner.runs())
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i", *str(folder), "enter")
        await until(pilot, lambda: bool(text_of(app, "#import-summary")), seconds=60)
        assert "Imported" in text_of(app, "#import-summary")
        assert len(planner.runs()) > before
        await pilot.pause()
        assert app.screen.query_one("#imports-table").row_count == 1  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_new_inbox_files_come_in_at_start(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = [ImportedRun("r1", TODAY, 10_000.0, 3000, "a.fit")]
    report = ImportReport(import_id="imp-1", imported=runs, files=1, usable_files=1)
    monkeypatch.setattr(planner, "import_inbox", lambda progress=None: report)
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "1 new run from your inbox folder." in toasts(app))


# ---- sync --------------------------------------------------------------------------------------


def fake_sync(
    planner: Planner, monkeypatch: pytest.MonkeyPatch, fail_first: bool = False
) -> list[bool]:
    """Record each call's `interactive`; report progress; optionally refuse the first one."""
    calls: list[bool] = []

    def sync(
        target: str | None = None,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        interactive: bool = False,
    ) -> SyncResult:
        calls.append(interactive)
        if fail_first and len(calls) == 1:
            raise SyncError("myserver: ssh needs a password (BatchMode)", AUTH_REFUSED)
        if progress is not None:
            progress(SyncProgress("connecting"))
            progress(SyncProgress("receiving", 1, 2))
        return SyncResult(str(target), sent=1, received=2, folders=1, seconds=0.5)

    monkeypatch.setattr(planner, "sync", sync)
    return calls


async def test_sync_runs_in_a_worker_and_says_how_it_went(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_sync(planner, monkeypatch)
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SyncScreen)
        await pilot.press(*"myserver:planner", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [False]  # BatchMode first: never a prompt nobody can answer
        message = "Synced with myserver:planner: 1 sent, 2 received (0.5 s)."
        assert text_of(app, "#sync-status") == message
        assert message not in toasts(app)  # said once, in the dialog that is open
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_closing_the_sync_dialog_does_not_stop_the_sync(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    go = threading.Event()

    def slow_sync(
        target: str | None = None,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        interactive: bool = False,
    ) -> SyncResult:
        go.wait(10)
        return SyncResult(str(target), sent=0, received=3, folders=1, seconds=2.0)

    monkeypatch.setattr(planner, "sync", slow_sync)
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"myserver:planner", "enter", "escape")
        assert isinstance(app.screen, TodayScreen)
        go.set()
        message = "Synced with myserver:planner: 0 sent, 3 received (2.0 s)."
        await until(pilot, lambda: message in toasts(app))


async def test_sync_with_a_remembered_target_starts_at_once(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_sync(planner, monkeypatch)
    monkeypatch.setattr(planner, "sync_target", lambda: "myserver:planner")
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await until(pilot, lambda: calls == [False] and "Synced" in text_of(app, "#sync-status"))


async def test_sync_that_needs_a_password_asks_on_the_terminal(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_sync(planner, monkeypatch, fail_first=True)
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"myserver:planner", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # A headless test cannot hand the terminal over: the app says so instead of hanging.
        assert calls == [False]
        assert "cannot ask here" in text_of(app, "#sync-error")


async def test_sync_asks_interactively_once_suspended(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_sync(planner, monkeypatch, fail_first=True)
    suspended: list[bool] = []

    class Suspend:
        def __enter__(self) -> None:
            suspended.append(True)

        def __exit__(self, *exc: object) -> None:
            return None

    app = PlannerApp(planner, poll_seconds=0)
    monkeypatch.setattr(app, "suspend", Suspend)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"myserver:planner", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (calls, suspended) == ([False, True], [True])
        assert "Synced" in text_of(app, "#sync-status")


@pytest.mark.snapshots
async def test_a_warm_start_paints_today_from_the_snapshot_and_unpacks_after(
    planner: Planner, reopen: Callable[[], Planner]
) -> None:
    shown = planner.morning(TODAY)
    planner.data.save_cache()
    warm = reopen()
    warm.data.load()
    app = PlannerApp(warm, ready_after=3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(DaySummary).shown("guidance") == shown.guidance
        # Private, on purpose: what is under test is that the first paint unpacked nothing.
        assert warm.data._folder is None
        app.get_ready()
        await app.workers.wait_for_complete()
        assert warm.data._folder is not None
        await pilot.press("space")  # a tick after that works as ever
        await pilot.pause()
        assert any(item.done for item in warm.day(TODAY).checklist)


@pytest.mark.snapshots
def test_closing_the_app_prepares_tomorrows_today(
    planner: Planner, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from planner.core import engine
    from planner.tui.app import prepare_tomorrow

    prepare_tomorrow(planner)
    planner.data.save_cache()
    tomorrow = TODAY + timedelta(days=1)
    expected = planner.as_of(tomorrow).morning(tomorrow)
    assert expected.day == tomorrow and expected.is_today and expected.checklist

    def no_planning(*_: object, **__: object) -> None:
        raise AssertionError("the next morning planned again")

    monkeypatch.setattr(engine, "build_plan", no_planning)
    morning = Planner.open(data_dir, today=tomorrow)  # the next morning's start
    assert morning.morning(tomorrow) == expected
