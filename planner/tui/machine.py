"""The machine's time zone, offered at onboarding so the runner's day starts when theirs does."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def machine_zone(localtime: Path = Path("/etc/localtime")) -> str | None:
    """The IANA name from $TZ or the /etc/localtime link, or None when neither names one."""
    for candidate in (_from_tz_env(os.environ.get("TZ", "")), _from_link(localtime)):
        if candidate and _is_zone(candidate):
            return candidate
    return None


def _from_tz_env(value: str) -> str | None:
    value = value.removeprefix(":")  # POSIX lets TZ=":Europe/Berlin" name a zone file
    return _after_zoneinfo(value) if value.startswith("/") else value or None


def _from_link(localtime: Path) -> str | None:
    try:
        return _after_zoneinfo(os.readlink(localtime))
    except OSError:  # not a link (a copied zone file) or not there: no name to give
        return None


def _after_zoneinfo(path: str) -> str | None:
    _, found, name = path.partition("zoneinfo/")
    return name if found and name else None


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
