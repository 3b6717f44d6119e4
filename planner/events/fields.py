"""The fields each event kind may carry, with a converter per field that refuses a wrong type.

A wrong-typed field is dropped and the rest of the event still counts; the fold never raises.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from planner.core.model import Run
from planner.core.units import EARLIEST_DAY, LATEST_DAY

MAX_NUMBER = 1e9


# ---- field converters: each returns the value to keep or raises TypeError -----------------


def as_date(v: Any) -> date:
    if isinstance(v, date) and not isinstance(v, datetime) and EARLIEST_DAY <= v <= LATEST_DAY:
        return v
    raise TypeError


def as_aware(v: Any) -> datetime:
    if isinstance(v, datetime) and v.utcoffset() is not None and as_date(v.date()):
        return v
    raise TypeError


def as_int(v: Any) -> int:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    raise TypeError


def as_whole(v: Any) -> int:
    if isinstance(v, float) and math.isfinite(v):
        return round(v)
    return as_int(v)


def as_float(v: Any) -> float:
    # TOML can say nan and inf; no distance, weight or RPE can, nor be near 1e308 (where the
    # engine's sums overflow to inf): no number an event holds is above a billion.
    if isinstance(v, int | float) and not isinstance(v, bool) and abs(v) <= MAX_NUMBER:
        return float(v)
    raise TypeError


def as_amount(v: Any) -> float:
    """A fluid or a body weight: never below zero (a foreign file may say anything)."""
    if as_float(v) >= 0:
        return float(v)
    raise TypeError


def as_str(v: Any) -> str:
    if isinstance(v, str):
        return v
    raise TypeError


def as_bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    raise TypeError


def as_hour(v: Any) -> int:
    if 0 <= as_int(v) <= 23:
        return int(v)
    raise TypeError


def as_strs(v: Any) -> tuple[str, ...]:
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return tuple(v)
    raise TypeError


def as_rpe_map(v: Any) -> dict[str, float]:
    if isinstance(v, Mapping):
        return {as_str(k): as_float(x) for k, x in v.items()}
    raise TypeError


Spec = Mapping[str, Callable[[Any], Any]]

PROFILE_FIELDS: Spec = {
    "birth_date": as_date,
    "age": as_int,
    "age_as_of": as_date,
    "sex": as_str,
    "weight_kg": as_float,
    "units": as_str,
    "hr_max": as_int,
    "hr_rest": as_int,
    "years_running": as_float,
    "tz": as_str,
    "day_starts": as_hour,
    "plan": as_str,
    "ice_bath": as_bool,
    "hr_unreliable": as_bool,
    "temp_c": as_float,
    "plan_sha": as_str,
    "inbox": as_str,
}
RUN_FIELDS: Spec = {
    "date": as_date,
    "distance_m": as_float,
    "moving_s": as_whole,
    "elapsed_s": as_whole,
    "start": as_aware,
    "rpe": as_float,
    "rpe_estimated": as_bool,
    "type": as_str,
    "sport": as_str,
    "source": as_str,
    "avg_hr": as_whole,
    "max_hr": as_whole,
    "trimp": as_float,
    "note": as_str,
    "import_id": as_str,
    "temp_c": as_float,
    "elevation_gain_m": as_float,
    "elevation_loss_m": as_float,
    "source_hash": as_str,
    "drank_ml": as_amount,
    "weight_before_kg": as_amount,
    "weight_after_kg": as_amount,
}
RUN_REQUIRED = frozenset({"date", "distance_m", "moving_s"})
# The fields a run_edit may "unset": those with a default.
RUN_DEFAULTS: Mapping[str, Any] = {
    f.name: f.default for f in dataclasses.fields(Run) if f.default is not dataclasses.MISSING
}
CHECKIN_FIELDS: Spec = {
    "areas": as_strs,
    "red_flags": as_strs,
    "answered_no": as_strs,
    "pain": as_int,
    "run_rpe": as_rpe_map,
    "cleared": as_strs,
    "sleep_hours": as_float,
}


def fields_of(data: Mapping[str, Any], spec: Spec) -> dict[str, Any]:
    """The fields of `data` that `spec` knows and whose values have the right type."""
    out: dict[str, Any] = {}
    for name, convert in spec.items():
        if name in data:
            try:
                out[name] = convert(data[name])
            except (TypeError, ValueError):
                continue  # a wrong-typed field is dropped; the rest of the event still counts
    return out


def unset_of(data: Mapping[str, Any], allowed: Iterable[str]) -> list[str]:
    names = data.get("unset", [])
    if not isinstance(names, list):
        return []
    return [n for n in names if isinstance(n, str) and n in allowed]


def text_of(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if isinstance(value, str) and value:
        return value
    raise TypeError(key)
