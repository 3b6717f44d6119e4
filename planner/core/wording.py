"""Small, locale-free wording helpers for reasons: "Tue 24 Nov", "2 days", "89%"."""

from __future__ import annotations

from datetime import date

# One vocabulary for the faces (CLI text and TUI): what each day type is called, and the one
# disclaimer. A runner reads the same words in `planner today` and on the Today screen.
DAY_TYPE_NAMES: dict[str, str] = {
    "quality_ok": "QUALITY OK",
    "easy": "EASY",
    "rest": "REST",
    "active_recovery": "ACTIVE RECOVERY",
    "race_recovery": "RACE RECOVERY",
    "see_clinician": "SEE A CLINICIAN",
}
DISCLAIMER = (
    "planner gives general guidance, not medical advice. See a clinician for pain or injury."
)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date) -> str:
    """ "Tue 24 Nov": the same in every locale, so outputs are reproducible."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 day", "2 days"."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def number(value: float) -> str:
    """A dose as people write it: 500, 12.5 (no trailing .0, no exponent)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"
