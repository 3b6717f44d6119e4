"""History's RPE column: an estimated effort shows as '~5' (issue 12, point 8), on real sample
files with heart rate, and follows a new max heart rate."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.history_view import run_cells, sorted_runs
from planner.tui.screens.history import HistoryScreen

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
FILES = ("tcx/slither__running.tcx", "fit/fitparse__activity-small-fenix2-run.fit")
RPE_COLUMN = 4


@pytest.fixture
def imported(new_planner: Planner) -> Planner:
    if not all((SAMPLES / name).is_file() for name in FILES):
        pytest.skip(f"the shared sample files are not at {SAMPLES}")
    new_planner.set_profile({"age": "40"})
    new_planner.import_files([SAMPLES / name for name in FILES], jobs=1)
    assert len(new_planner.runs()) == 2 and all(r.rpe is None for r in new_planner.runs())
    return new_planner


def test_an_estimated_effort_is_shown_with_a_tilde(imported: Planner) -> None:
    efforts = imported.efforts()
    cells = [run_cells(r, "metric", efforts[r.id])[RPE_COLUMN] for r in imported.runs()]
    assert all(c.startswith("~") and c[1:].isdigit() for c in cells), cells
    # Sorting by effort uses the estimates, hardest first.
    by_effort = sorted_runs(imported.runs(), "rpe", True, efforts)
    assert [efforts[r.id].rpe for r in by_effort] == sorted(
        (e.rpe for e in efforts.values()), reverse=True
    )


async def test_history_shows_the_estimate_and_a_new_max_hr_changes_it(imported: Planner) -> None:
    async def rpe_cells() -> list[str]:
        app = PlannerApp(imported, poll_seconds=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("H")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            table = app.screen.query_one(DataTable)
            return [str(table.get_row_at(i)[RPE_COLUMN]) for i in range(table.row_count)]

    before = await rpe_cells()
    assert len(before) == 2 and all(c.startswith("~") for c in before), before
    imported.set_profile({"hr_max": "165"})
    after = await rpe_cells()
    assert all(c.startswith("~") for c in after) and after != before
