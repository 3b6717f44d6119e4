"""What a runner types for fluid drunk and body weight: units parsed, bad values refused."""

from __future__ import annotations

import pytest

from planner.core.bodyunits import fluid_fields, parse_drank_ml, parse_weight_kg
from planner.core.errors import InputError


@pytest.mark.parametrize(
    ("text", "ml"), [("750ml", 750), ("0.75l", 750), ("25floz", 739), ("25 fl oz", 739)]
)
def test_drank_takes_units(text: str, ml: float) -> None:
    assert parse_drank_ml(text) == ml


@pytest.mark.parametrize(("text", "kg"), [("70.2kg", 70.2), ("154.5lb", 70.08), ("70,2 kg", 70.2)])
def test_weights_take_units(text: str, kg: float) -> None:
    assert parse_weight_kg(text, "weight before") == kg


@pytest.mark.parametrize(
    ("drank", "before", "after", "message"),
    [
        ("lots", None, None, "drank 'lots': give a number with a unit"),
        ("750", None, None, "drank '750': give a number with a unit"),
        ("20l", None, None, "drank '20l': more than 10 L"),
        (None, "70kg", None, "weight after: missing"),
        (None, "70", "69kg", "weight before '70': give a number with a unit"),
        (None, "70kg", "50kg", "weight after '50kg': 20.0 kg from the weight before"),
    ],
)
def test_bad_values_are_refused_naming_the_field(
    drank: str | None, before: str | None, after: str | None, message: str
) -> None:
    with pytest.raises(InputError) as error:
        fluid_fields(drank, before, after)
    assert error.value.message.startswith(message) and "\n" not in error.value.message
