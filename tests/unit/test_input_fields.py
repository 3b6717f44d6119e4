"""An InputError names the field that was typed wrong (issue 13, point 7): forms mark that field
from `error.field`, never from the words of the message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from planner.core.bodyunits import fluid_fields, parse_drank_ml
from planner.core.checkin import CheckinAnswers, checkin_data
from planner.core.errors import InputError
from planner.core.units import parse_distance, parse_duration, parse_int
from planner.runner_input import RunInput, run_fields

TODAY = date(2026, 11, 24)


def checkin(answers: CheckinAnswers) -> object:
    return checkin_data(answers, today=TODAY, flag_ids=(), runs=(), previous=None)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: parse_distance("10"), "distance"),
        (lambda: parse_duration("fast"), "duration"),
        (lambda: parse_int("eleven", "soreness", 0, 10), "soreness"),
        (lambda: parse_drank_ml("lots"), "drank"),
        (lambda: fluid_fields(None, "70kg", None), "weight after"),
        (lambda: checkin(CheckinAnswers(soreness="1", sleep_hours="lots")), "sleep hours"),
        (lambda: checkin(CheckinAnswers(soreness="11")), "soreness"),
        (lambda: run_fields(RunInput("5km", "30:00", rpe="11"), TODAY), "RPE"),
        (lambda: run_fields(RunInput("5km", "30:00", type="jog"), TODAY), "type"),
        (lambda: run_fields(RunInput("5km", "30:00", day=date(2026, 12, 1)), TODAY), "date"),
    ],
)
def test_an_input_error_names_its_field(call: Callable[[], object], field: str) -> None:
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.field == field
    assert caught.value.exit_code == 2
