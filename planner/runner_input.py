"""What a runner types (profile fields, a hand-logged run), checked and turned into event fields.

Every value is validated here, before anything is written; one event then carries them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from planner.core.bodyunits import fluid_fields
from planner.core.days import zone
from planner.core.errors import InputError
from planner.core.model import RUN_TYPES, SEXES, UNITS, Profile
from planner.core.units import (
    KG_PER_LB,
    parse_date,
    parse_distance,
    parse_duration,
    parse_int,
    parse_number,
    parse_temperature,
)


def profile_fields(changes: Mapping[str, str], today: date) -> dict[str, Any]:
    """Turn typed profile values into validated event fields (one key per field)."""
    out: dict[str, Any] = {}
    unset: list[str] = []
    for key, raw in changes.items():
        if raw is None:
            continue
        parser = _PROFILE_PARSERS.get(key)
        if parser is None:
            raise InputError(f"profile field {key!r}: unknown", field=key)
        if key in CLEARABLE and raw.strip().lower() in ("", "none"):
            out[CLEARABLE[key]] = None  # written as an `unset`: the plan falls back to its default
            continue
        out.update(parser(raw, today))
    if "birth_date" in out:
        unset += ["age", "age_as_of"]
    if "age" in out:
        unset.append("birth_date")
    if unset:
        out["unset"] = unset
    return out


# Years running under this, or unset: the conservative plan is proposed (RULES, "Safety and fit").
FIRST_YEAR = 1.0
CONSERVATIVE = "conservative"


def first_year(years_running: float | None) -> bool:
    """In the first year of running, or years running not given."""
    return years_running is None or years_running < FIRST_YEAR


def conservative_suggested(profile: Profile) -> bool:
    """Propose the conservative plan: a first year (or years unset) on another plan."""
    return first_year(profile.years_running) and profile.plan != CONSERVATIVE


def _birth_date(raw: str, today: date) -> dict[str, Any]:
    born = parse_date(raw, "birth date")
    if born >= today or born < today - timedelta(days=366 * 110):
        raise InputError(
            f"birth date {raw}: must be in the past and within 110 years", field="birth date"
        )
    return {"birth_date": born}


def _age(raw: str, today: date) -> dict[str, Any]:
    return {"age": parse_int(raw, "age", 10, 110), "age_as_of": today}


def _weight_kg(raw: str, today: date) -> dict[str, Any]:
    return {"weight_kg": round(parse_number(raw, "weight (kg)", 25, 250), 1)}


def _weight_lb(raw: str, today: date) -> dict[str, Any]:
    return {"weight_kg": round(parse_number(raw, "weight (lb)", 55, 550) * KG_PER_LB, 1)}


def _choice(key: str, options: tuple[str, ...]) -> Callable[[str, date], dict[str, Any]]:
    def parse(raw: str, today: date) -> dict[str, Any]:
        if raw not in options:
            raise InputError(
                f"{key.replace('_', ' ')} {raw!r}: use one of {', '.join(options)}", field=key
            )
        return {key: raw}

    return parse


def _int_field(key: str, what: str, low: int, high: int) -> Callable[[str, date], dict[str, Any]]:
    return lambda raw, today: {key: parse_int(raw, what, low, high)}


def _tz(raw: str, today: date) -> dict[str, Any]:
    zone(raw)  # refuses an unknown zone
    return {"tz": raw}


def _years_running(raw: str, today: date) -> dict[str, Any]:
    return {"years_running": parse_number(raw, "years running", 0, 90)}


def _bool_field(key: str) -> Callable[[str, date], dict[str, Any]]:
    def parse(raw: str, today: date) -> dict[str, Any]:
        value = raw.strip().lower()
        if value not in ("yes", "no", "true", "false", "on", "off"):
            raise InputError(f"{key.replace('_', ' ')} {raw!r}: use yes or no", field=key)
        return {key: value in ("yes", "true", "on")}

    return parse


def _inbox(raw: str, today: date) -> dict[str, Any]:
    """A folder to import new activity files from; "" or "none" switches it off."""
    if raw.strip().lower() in ("", "none", "off"):
        return {"inbox": None}
    folder = Path(raw).expanduser()
    try:
        if not folder.is_dir():
            raise InputError(f"inbox {raw!r}: not a folder", field="inbox")
        return {"inbox": str(folder.resolve())}
    except OSError as exc:  # a name too long, a loop of links
        raise InputError(f"inbox {raw!r}: {exc.strerror or exc}", field="inbox") from None


def _plan_name(raw: str, today: date) -> dict[str, Any]:
    if not raw.replace("-", "").replace("_", "").isalnum():
        raise InputError(
            f"plan {raw!r}: use the plan's name, like standard or conservative", field="plan"
        )
    return {"plan": raw}


# Optional settings a runner may clear ("none", or an emptied field in the app): typed key ->
# the profile field it clears.
CLEARABLE: Mapping[str, str] = {
    "sex": "sex",
    "weight_kg": "weight_kg",
    "weight_lb": "weight_kg",
    "hr_max": "hr_max",
    "hr_rest": "hr_rest",
    "years_running": "years_running",
    "temp_c": "temp_c",
}

_PROFILE_PARSERS: dict[str, Callable[[str, date], dict[str, Any]]] = {
    "birth_date": _birth_date,
    "age": _age,
    "sex": _choice("sex", SEXES),
    "weight_kg": _weight_kg,
    "weight_lb": _weight_lb,
    "units": _choice("units", UNITS),
    "hr_max": _int_field("hr_max", "HR max", 100, 240),
    "hr_rest": _int_field("hr_rest", "HR rest", 25, 120),
    "years_running": _years_running,
    "tz": _tz,
    "day_starts": _int_field("day_starts", "day start hour", 0, 12),
    "ice_bath": _bool_field("ice_bath"),
    "hr_unreliable": _bool_field("hr_unreliable"),
    "temp_c": lambda raw, today: {"temp_c": parse_temperature(raw)},
    "plan": _plan_name,
    "inbox": _inbox,
}


@dataclass(frozen=True)
class RunInput:
    """A hand-logged run as the runner typed it; validated by `Planner.log_run`."""

    distance: str
    duration: str
    rpe: str | None = None
    day: date | None = None
    type: str | None = None
    avg_hr: str | None = None
    note: str = ""
    temp_c: str | None = None
    drank: str | None = None  # fluid drunk on the run: 750ml, 25floz
    weight_before: str | None = None  # scale weight before and after: 70.2kg, 154.5lb
    weight_after: str | None = None


def run_fields(entry: RunInput, today: date) -> dict[str, Any]:
    """A hand-logged run's event fields; every field is checked before anything is written."""
    import secrets  # here: only a logged run needs it, not a start

    day = entry.day or today
    if day > today:
        raise InputError(
            f"date {day}: in the future; a run is logged once it is done", field="date"
        )
    distance_m = parse_distance(entry.distance)
    seconds = parse_duration(entry.duration)
    pace = seconds / (distance_m / 1000)
    if pace < 100:  # faster than 1:40 per km is beyond any human over distance
        raise InputError(
            f"distance {entry.distance} in {entry.duration}: faster than any runner; check both",
            field="distance",
        )
    data: dict[str, Any] = {
        "id": "r-" + secrets.token_hex(6),
        "date": day,
        "distance_m": round(distance_m, 1),
        "moving_s": seconds,
        "elapsed_s": seconds,
        "rpe_estimated": False,
        "sport": "running",
        "source": "manual",
        "note": entry.note,
    }
    if entry.rpe is not None:
        data["rpe"] = parse_int(entry.rpe, "RPE", 1, 10)
    if entry.type is not None:
        if entry.type not in RUN_TYPES:
            raise InputError(
                f"type {entry.type!r}: use one of {', '.join(RUN_TYPES)}", field="type"
            )
        data["type"] = entry.type
    if entry.avg_hr is not None:
        data["avg_hr"] = parse_int(entry.avg_hr, "average heart rate", 30, 240)
    if entry.temp_c is not None:
        data["temp_c"] = parse_temperature(entry.temp_c)
    data.update(fluid_fields(entry.drank, entry.weight_before, entry.weight_after))
    return data
