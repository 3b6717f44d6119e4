"""What runners type: distances, durations, dates; refusals say what is wrong."""

import pytest

from planner.core.errors import InputError
from planner.core.units import (
    format_distance,
    format_duration,
    parse_date,
    parse_distance,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "metres"),
    [("10km", 10_000), ("10 km", 10_000), ("6.2mi", 9977.9328), ("8000m", 8000), ("21,1km", 21_100),
     ("5K", 5000), ("1 mile", 1609.344), ("26.2 miles", 42164.8128)],
)  # fmt: skip
def test_distances(text: str, metres: float) -> None:
    assert parse_distance(text) == pytest.approx(metres)


@pytest.mark.parametrize("text", ["", "10", "km", "-5km", "0m", "10 furlongs", "1e3km", "500km"])
def test_bad_distances(text: str) -> None:
    with pytest.raises(InputError, match="distance"):
        parse_distance(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("50:00", 3000), ("1:05:00", 3900), ("0:45", 45), ("45m", 2700), ("1h05m", 3900), ("90s", 90)],
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text", ["", "0:00", "00:00:00", "50:60", "1:2:3:4", "-5:00", "soon", "80h"]
)
def test_bad_durations(text: str) -> None:
    with pytest.raises(InputError, match="duration"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "28/11/2026", "tomorrow", ""])
def test_impossible_dates(text: str) -> None:
    with pytest.raises(InputError, match="not a real date"):
        parse_date(text)


def test_formats() -> None:
    assert format_distance(10_000) == "10.0 km"
    assert format_distance(10_000, "imperial") == "6.2 mi"
    assert format_duration(3900) == "1:05:00"
    assert format_duration(3000) == "50:00"
