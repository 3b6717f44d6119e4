"""A logged run rated, retyped or deleted later: one event each, checked before it is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.core.errors import InputError
from planner.service import Planner, RunInput

TODAY = date(2026, 11, 28)


@pytest.fixture
def planner(tmp_path: Path) -> Planner:
    planner = Planner.open(tmp_path / "data", today=TODAY, state=tmp_path / "state")
    planner.set_profile({"age": "56"})
    return planner


def test_rate_retype_delete(planner: Planner) -> None:
    run = planner.log_run(RunInput("8km", "45:00"))
    assert run.rpe is None
    rated = planner.edit_run(run.id, rpe="6", run_type="tempo")
    assert (rated.rpe, rated.rpe_estimated, rated.type) == (6.0, False, "tempo")
    assert planner.edit_run(run.id, run_type="easy").rpe == 6.0  # the rating stands
    assert planner.delete_run(run.id).id == run.id
    assert planner.runs() == ()
    assert (run.id, "deleted") in planner.data.state().withheld_runs


def test_a_bad_edit_names_its_field_and_writes_nothing(planner: Planner) -> None:
    run = planner.log_run(RunInput("8km", "45:00"))
    count = planner.data.state().event_count
    for kwargs, field in (({"rpe": "11"}, "RPE"), ({"run_type": "jog"}, "type"), ({}, "rpe")):
        with pytest.raises(InputError) as caught:
            planner.edit_run(run.id, **kwargs)
        assert caught.value.field == field
    with pytest.raises(InputError, match="'r-nope': no run with that id"):
        planner.delete_run("r-nope")
    assert planner.data.state().event_count == count
