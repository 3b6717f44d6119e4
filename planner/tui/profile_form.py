"""The profile as form text and back: what the Profile screen shows and what it sends to save."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from planner.core.errors import InputError
from planner.core.model import Profile
from planner.core.units import KG_PER_LB
from planner.core.wording import in_units
from planner.runner_input import CLEARABLE

# Form keys that are not profile fields of their own: the weight goes by its unit.
WEIGHT, WEIGHT_UNIT = "weight", "weight_unit"


def profile_form(profile: Profile, today: date) -> dict[str, str]:
    """Every field as the form shows it; unset fields are empty."""
    imperial = profile.units == "imperial"
    weight = profile.weight_kg
    if weight is not None and imperial:
        weight = round(weight / KG_PER_LB, 1)
    age = profile.age_on(today)
    return {
        "birth_date": profile.birth_date.isoformat() if profile.birth_date else "",
        "age": "" if profile.birth_date or age is None else str(age),
        "sex": profile.sex or "",
        WEIGHT: _text(weight),
        WEIGHT_UNIT: "lb" if imperial else "kg",
        "units": profile.units,
        "hr_max": _text(profile.hr_max),
        "hr_rest": _text(profile.hr_rest),
        "years_running": _text(profile.years_running),
        "tz": profile.tz or "",
        "day_starts": str(profile.day_starts),
        # In °F for an imperial runner, with its unit, so that it reads back as °F.
        "temp_c": _temperature(profile.temp_c, profile.units),
        "inbox": profile.inbox or "",
        "plan": profile.plan,
        "ice_bath": "yes" if profile.ice_bath else "no",
        "hr_unreliable": "yes" if profile.hr_unreliable else "no",
    }


def profile_edits(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, str]:
    """The changed fields as `Planner.set_profile` takes them.

    An emptied optional field clears that setting (sent as ""); an emptied age or birth date
    is left as it was, since the plan needs one of them.
    """
    changed = {
        key: value.strip()
        for key, value in after.items()
        if value.strip() != before.get(key, "").strip() and (value.strip() or key in CLEARABLE)
    }
    if "age" in changed and "birth_date" in changed:
        raise InputError("give your age or your birth date, not both")
    weight = changed.pop(WEIGHT, None)
    unit = after.get(WEIGHT_UNIT, "kg")
    if unit != before.get(WEIGHT_UNIT) and after.get(WEIGHT, "").strip():
        weight = after[WEIGHT].strip()  # the same number in the other unit is a new weight
    changed.pop(WEIGHT_UNIT, None)
    if weight:
        changed["weight_lb" if unit == "lb" else "weight_kg"] = weight
    elif before.get(WEIGHT, "").strip() and not after.get(WEIGHT, "").strip():
        changed["weight_kg"] = ""  # emptied: clear the weight (the plan assumes 70 kg again)
    return changed


def _text(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _temperature(celsius: float | None, units: str) -> str:
    """'14' for metric; '57 °F' for imperial, which reads back as °F (parse_temperature)."""
    if celsius is None:
        return ""
    return in_units(f"{celsius:g} °C", units) if units == "imperial" else _text(celsius)
