"""What a runner types for fluid drunk and body weight, with its unit: '750ml', '70.2kg', '154lb'.

A number without a unit is refused: 70 could be kg or lb, 750 ml or fl oz, and a wrong guess
would turn into a wrong fluid dose. Each message starts with the field's name.
"""

from __future__ import annotations

import re

from planner.core.errors import InputError
from planner.core.units import KG_PER_LB

ML_PER_FL_OZ = 29.5735  # a US fluid ounce
MAX_DRANK_ML = 10_000.0  # more than 10 L on one run is a typo (and dangerous)
LIGHTEST_KG, HEAVIEST_KG = 20.0, 300.0  # as the profile's weight
MAX_RUN_CHANGE = 0.1  # a tenth of body mass lost or gained on one run is a typo

_AMOUNT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z. ]+?)\s*$", re.IGNORECASE)
_FLUID_UNITS = {
    "ml": 1.0,
    "l": 1000.0,
    "cl": 10.0,
    "dl": 100.0,
    "floz": ML_PER_FL_OZ,
    "fl oz": ML_PER_FL_OZ,
    "fl.oz": ML_PER_FL_OZ,
    "oz": ML_PER_FL_OZ,
}
_WEIGHT_UNITS = {"kg": 1.0, "lb": KG_PER_LB, "lbs": KG_PER_LB}


def _amount(text: str, field: str, units: dict[str, float], example: str) -> float:
    match = _AMOUNT.match(text)
    unit = match.group(2).lower().strip() if match else ""
    if not match or unit not in units:
        raise InputError(
            f"{field} {text!r}: give a number with a unit, like {example}", field=field
        )
    return float(match.group(1).replace(",", ".")) * units[unit]


def parse_drank_ml(text: str) -> float:
    """'750ml', '0.75l', '25floz', '25 fl oz' -> millilitres drunk on the run (0 allowed)."""
    ml = _amount(text, "drank", _FLUID_UNITS, "750ml, 0.75l or 25floz")
    if ml > MAX_DRANK_ML:
        raise InputError(
            f"drank {text!r}: more than {MAX_DRANK_ML / 1000:g} L on one run", field="drank"
        )
    return round(ml)


def parse_weight_kg(text: str, field: str) -> float:
    """'70.2kg', '154.5lb' -> kilograms, within what a runner can weigh."""
    kg = _amount(text, field, _WEIGHT_UNITS, "70.2kg or 154.5lb")
    if not LIGHTEST_KG <= kg <= HEAVIEST_KG:
        raise InputError(
            f"{field} {text!r}: must be from {LIGHTEST_KG:g} to {HEAVIEST_KG:g} kg", field=field
        )
    return round(kg, 2)


def fluid_fields(
    drank: str | None, weight_before: str | None, weight_after: str | None
) -> dict[str, float]:
    """The run event's fluid fields from what was typed; one weight without the other is
    refused, as a loss needs both."""
    data: dict[str, float] = {}
    if drank is not None:
        data["drank_ml"] = parse_drank_ml(drank)
    if (weight_before is None) != (weight_after is None):
        given, missing = (
            ("weight before", "weight after") if weight_after is None else
            ("weight after", "weight before")
        )  # fmt: skip
        raise InputError(
            f"{missing}: missing; a {given} needs it to tell what the run lost", field=missing
        )
    if weight_before is not None and weight_after is not None:
        data["weight_before_kg"] = parse_weight_kg(weight_before, "weight before")
        data["weight_after_kg"] = parse_weight_kg(weight_after, "weight after")
        change = abs(data["weight_before_kg"] - data["weight_after_kg"])
        if change > MAX_RUN_CHANGE * data["weight_before_kg"]:
            raise InputError(
                f"weight after {weight_after!r}: {change:.1f} kg from the weight before; "
                "no run changes a body that much, check both",
                field="weight",
            )
    return data
