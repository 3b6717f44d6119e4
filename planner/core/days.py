"""The runner's day: their time zone and the hour their day starts, not the machine's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from planner.core.errors import InputError


def zone(name: str | None) -> tzinfo:
    """The runner's zone; an unset zone is UTC (onboarding sets it from the machine)."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"time zone {name!r}: unknown; use an Area/City name like Europe/Berlin"
        ) from None


def runner_day(now: datetime, tz_name: str | None, day_starts: int) -> date:
    """The day `now` belongs to: a tick at 00:30 with days starting at 03:00 is yesterday's."""
    local = now.astimezone(zone(tz_name))
    return (local - timedelta(hours=day_starts)).date()
