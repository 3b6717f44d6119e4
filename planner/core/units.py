"""Parse and format what runners type: distances, durations, weights, dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

from planner.core.errors import InputError

METRES_PER_MILE = 1609.344
KG_PER_LB = 0.45359237

_DISTANCE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(km|k|mi|mile|miles|m)\s*$", re.IGNORECASE)
_UNIT_FACTOR = {"km": 1000.0, "k": 1000.0, "m": 1.0, "mi": METRES_PER_MILE}
# A long ultra is the far end of what a run can be; anything above is a typo.
MAX_RUN_METRES = 400_000.0
MAX_RUN_SECONDS = 72 * 3600
# Paces a person can hold on foot: outside them a pace is a recording error, not a pace.
FASTEST_PACE_MIN_PER_KM = 100 / 60
SLOWEST_PACE_MIN_PER_KM = 30.0
# The calendar a runner's days fall in: year 1 or 9999 is a typo (and date arithmetic near the
# ends of Python's calendar overflows). The fold drops dates outside it, as it drops bad types.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)


def plausible_pace(minutes: float, metres: float) -> float | None:
    """Minutes per km of a run on foot, or None when it cannot be one."""
    if minutes <= 0 or metres <= 0:
        return None
    pace = minutes * 1000 / metres  # (not minutes / (metres / 1000): that can divide by 0.0)
    return pace if FASTEST_PACE_MIN_PER_KM <= pace <= SLOWEST_PACE_MIN_PER_KM else None


def parse_distance(text: str) -> float:
    """'10km', '6.2mi', '8000m' -> metres. Refuses zero, negatives and missing units."""
    match = _DISTANCE.match(text)
    if not match:
        raise InputError(
            f"distance {text!r}: give a number with a unit, like 10km, 6.2mi or 8000m",
            field="distance",
        )
    value = float(match.group(1).replace(",", "."))
    unit = match.group(2).lower()
    unit = "mi" if unit.startswith("mi") else unit
    metres = value * _UNIT_FACTOR[unit]
    if metres <= 0:
        raise InputError(f"distance {text!r}: must be more than zero", field="distance")
    if metres > MAX_RUN_METRES:
        raise InputError(
            f"distance {text!r}: longer than any run ({MAX_RUN_METRES / 1000:.0f} km)",
            field="distance",
        )
    return metres


def parse_duration(text: str) -> int:
    """'50:00', '1:05:00', '45m', '1h05m', '3000s' -> seconds. Refuses zero."""
    raw = text.strip()
    seconds = _parse_clock(raw) if ":" in raw else _parse_units(raw)
    if seconds is None:
        raise InputError(
            f"duration {text!r}: use MM:SS or H:MM:SS, like 50:00 or 1:05:00", field="duration"
        )
    if seconds <= 0:
        raise InputError(f"duration {text!r}: must be more than zero", field="duration")
    if seconds > MAX_RUN_SECONDS:
        raise InputError(f"duration {text!r}: longer than any run (72 hours)", field="duration")
    return seconds


def _parse_clock(raw: str) -> int | None:
    parts = raw.split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return None
    nums = [int(p) for p in parts]
    if any(n >= 60 for n in nums[1:]):
        return None
    total = 0
    for n in nums:
        total = total * 60 + n
    return total


_UNITS_DURATION = re.compile(r"^(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?\s*(?:(\d+)s)?$", re.IGNORECASE)


def _parse_units(raw: str) -> int | None:
    match = _UNITS_DURATION.match(raw)
    if not raw or not match or not any(match.groups()):
        return None
    h, m, s = (int(g) if g else 0 for g in match.groups())
    return h * 3600 + m * 60 + s


def parse_date(text: str, what: str = "date") -> date:
    """Strict ISO dates only: an impossible date (2026-02-30) is refused, not guessed."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{what} {text!r}: not a real date; use YYYY-MM-DD", field=what) from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise InputError(
            f"{what} {text!r}: outside the years {EARLIEST_DAY.year} to {LATEST_DAY.year}",
            field=what,
        )
    return day


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_day(text: str, today: date, what: str = "--date") -> date:
    """A day as a runner says it, counted from their `today`: YYYY-MM-DD, today, yesterday,
    tomorrow, -1 (days back; +1 ahead), or a weekday of 3 letters or more (mon, thurs,
    sunday): the last one on or before today."""
    word = text.strip().lower()
    named = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if word in named:
        return today + timedelta(days=named[word])
    if re.fullmatch(r"[+-]\d{1,3}", word):
        return today + timedelta(days=int(word))
    if len(word) >= 3:
        for weekday, name in enumerate(WEEKDAYS):
            if name.startswith(word):
                return today - timedelta(days=(today.weekday() - weekday) % 7)
    try:
        return parse_date(text, what)
    except InputError:
        raise InputError(
            f"{what} {text!r}: not a day; use YYYY-MM-DD, today, yesterday, -1 or mon..sun",
            field=what,
        ) from None


def parse_int(text: str, what: str, low: int, high: int) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise InputError(
            f"{what} {text!r}: give a whole number from {low} to {high}", field=what
        ) from None
    if not low <= value <= high:
        raise InputError(f"{what} {value}: must be from {low} to {high}", field=what)
    return value


def parse_number(text: str, what: str, low: float, high: float) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(
            f"{what} {text!r}: give a number from {low:g} to {high:g}", field=what
        ) from None
    if not low <= value <= high or value != value:
        raise InputError(f"{what} {text!r}: must be from {low:g} to {high:g}", field=what)
    return value


def parse_temperature(text: str) -> float:
    """Air temperature in °C from '14', '14C', '14 °C', '57F' or '57 °F' (a bare number is °C)."""
    raw = text.strip()
    unit = raw[-1:].upper()
    number = raw[:-1].rstrip().removesuffix("°").rstrip() if unit in ("C", "F") else raw
    what = "temperature (°F)" if unit == "F" else "temperature (°C)"
    if unit == "F":
        fahrenheit = parse_number(number, what, -40, 122)
        return round((fahrenheit - 32) * 5 / 9, 1)
    return parse_number(number, what, -40, 50)


def format_distance(metres: float, units: str = "metric") -> str:
    if units == "imperial":
        return f"{metres / METRES_PER_MILE:.1f} mi"
    return f"{metres / 1000:.1f} km"


def format_duration(seconds: float) -> str:
    total = round(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
