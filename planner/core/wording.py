"""The words a runner reads, for the CLI and the TUI alike: day types, dates, the run line,
"done of doable", the disclaimer, and small locale-free helpers ("2 days", "89%")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date, datetime

from planner.core.bodyunits import ML_PER_FL_OZ
from planner.core.model import Checkin, ChecklistItem, Run, RunGuidance
from planner.core.units import KG_PER_LB, METRES_PER_MILE, format_distance, format_duration

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


_FULL_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_label(day: date, *, year: bool = False, padded: bool = False) -> str:
    """ "Tue 24 Nov" ("Tue 24 Nov 2026" with the year): the one way a date is written, in the
    CLI and the TUI alike. The day of the month unpadded, as people write it (padded to two
    for a column), and the same in every locale, so outputs are reproducible."""
    number = f"{day.day:>2}" if padded else str(day.day)
    text = f"{_WEEKDAYS[day.weekday()]} {number} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def weekday_name(day: date) -> str:
    """ "Tuesday", in every locale."""
    return _FULL_WEEKDAYS[day.weekday()]


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


def when_label(day: date, today: date, projected: bool) -> str:
    """How the shown day relates to today; future days are projections, and say so."""
    offset = (day - today).days
    if offset == 0:
        return "today"
    if offset == 1:
        near = "tomorrow"
    elif offset == -1:
        near = "yesterday"
    elif offset > 0:
        near = f"in {offset} days"
    else:
        near = f"{-offset} days ago"
    return f"{near} · projected" if projected else near


def runner_label(age: int | None, age_group: str | None) -> str:
    if age is None:
        return "age not set"
    group = f" · WMA {age_group}" if age_group else ""
    return f"age {age}{group}"


def guidance_label(run: RunGuidance, see_clinician: bool = False, quality: bool = False) -> str:
    """The run line; the intensity cap only on a quality day, where it limits the session."""
    if see_clinician:
        return "No running today: see a clinician before you run again."
    if run.done_minutes is not None:
        return f"Today's run is done: {run.done_minutes} min logged."
    if not run.allowed:
        return "No running today."
    limits = [f"up to {run.max_minutes} min" if run.max_minutes is not None else "no time cap"]
    if run.max_rpe is not None:
        limits.append(f"RPE ≤ {run.max_rpe}")
    if quality:
        limits.append(f"intensity cap {run.intensity_cap:.0%}")
    return "Run " + " · ".join(limits)


def run_cell(run: RunGuidance, see_clinician: bool = False) -> str:
    """The run guidance in a table cell: 'up to 40 min · RPE ≤ 4', 'no run'."""
    if see_clinician:
        return "no run: see a clinician"
    if not run.allowed:
        return "no run"
    minutes = f"up to {run.max_minutes} min" if run.max_minutes is not None else "any length"
    return minutes if run.max_rpe is None else f"{minutes} · RPE ≤ {run.max_rpe}"


def last_run_label(runs: Sequence[Run], day: date, units: str) -> str:
    """The latest run on or before `day`: what the plan of that day is reacting to."""
    upto = bisect.bisect_right(runs, day, key=lambda run: run.date)
    if upto == 0:
        return "No run logged before this day."
    run = runs[upto - 1]
    parts = [f"{format_distance(run.distance_m, units)} in {format_duration(run.moving_s)}"]
    if run.rpe is not None:
        parts.append(f"RPE {run.rpe:g}{' (est.)' if run.rpe_estimated else ''}")
    if run.type:
        parts.append(run.type)
    return f"Last run {day_label(run.date)}: " + ", ".join(parts)


def pace_label(run: Run, units: str) -> str:
    """'5:45/km' or '9:15/mi'; '' for a run without a distance or a time."""
    if run.distance_m <= 0 or run.moving_s <= 0:
        return ""
    per, unit = (METRES_PER_MILE, "mi") if units == "imperial" else (1000.0, "km")
    return f"{format_duration(run.moving_s / (run.distance_m / per))}/{unit}"


def ran_label(runs: Sequence[Run], units: str) -> str:
    """'8.0 km easy', '5.0 km + 3.2 km', 'no run'."""
    if not runs:
        return "no run"
    if len(runs) == 1:
        run = runs[0]
        return f"{format_distance(run.distance_m, units)}{f' {run.type}' if run.type else ''}"
    return " + ".join(format_distance(run.distance_m, units) for run in runs)


def checkin_label(checkin: Checkin) -> str:
    """'Checked in 07:12 · soreness 2/10 · calves, shins · pain 3/10 · 1 warning sign'."""
    at = ""
    if checkin.given_ms is not None:  # the machine's local time: the runner's clock
        at = " " + datetime.fromtimestamp(checkin.given_ms / 1000).strftime("%H:%M")
    parts = [f"Checked in{at}"]
    if checkin.soreness is not None:
        parts.append(f"soreness {checkin.soreness}/10")
    if checkin.areas:
        parts.append(", ".join(area.replace("_", " ") for area in checkin.areas))
    if checkin.pain:
        parts.append(f"pain {checkin.pain}/10 in the run")
    if checkin.red_flags:
        parts.append(count(len(checkin.red_flags), "warning sign"))
    if checkin.cleared:
        parts.append("cleared by a clinician")
    return " · ".join(parts)


def recap_label(
    runs: Sequence[Run], items: Sequence[ChecklistItem], streak: int, units: str, *, more: bool
) -> str:
    """The day before in a line, then the streak: 'Yesterday: ran 8.0 km easy · 9/9 ticked ·
    streak 3 days all ticked' (the days in a row up to yesterday, or today once it is all
    ticked; `more`: the streak is longer than the days looked at)."""
    ran = ran_label(runs, units)
    parts = [f"Yesterday: {'ran ' + ran if runs else ran}"]
    done, doable = done_of_doable(items)
    if doable:
        parts.append(f"{done}/{doable} ticked")
    if streak:
        days = f"{streak}+ days" if more else count(streak, "day")
        parts.append(f"streak {days} all ticked")
    return " · ".join(parts)


def assumes_label(items: Sequence[ChecklistItem]) -> str:
    """What the day's doses assume, said once: 'assumes 70 kg, 20 °C: p sets them'."""
    assumed: dict[str, float] = {}
    for item in items:
        assumed.update(item.assumes)
    words = {"weight_kg": "{} kg", "temp_c": "{} °C"}
    said = [words[key].format(number(value)) for key, value in assumed.items() if key in words]
    if not said:
        return ""
    return f"assumes {', '.join(said)}: {'p sets them' if len(said) > 1 else 'p sets it'}"


def done_of_doable(items: Sequence[ChecklistItem]) -> tuple[int, int]:
    """(ticked, could be ticked): withheld items cannot be done that day, so do not count."""
    doable = [item for item in items if not item.withheld]
    return sum(item.done for item in doable), len(doable)


def progress_label(items: Sequence[ChecklistItem]) -> str:
    """'3/8 done', and '· 1 withheld' when an item cannot be done today."""
    done, doable = done_of_doable(items)
    withheld = len(items) - doable
    extra = f" · {withheld} withheld" if withheld else ""
    return f"{done}/{doable} done{extra}"


# ---- the TUI speaks in keys ----------------------------------------------------------------
#
# Reasons and doses are written once, in the core and the plan files, for the CLI: they name
# the command to run. On a screen the same advice names the key (the keys of tui/commands.py).
# The most specific phrase first; anything not matched is left as written.
_OPTIONS = r"(?: --[\w-]+(?:[ =][^\s).;,]+)?)*"
_IN_KEYS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), keys)
    for pattern, keys in (
        (
            r"(?:with )?planner checkin --cleared [\w-]+",
            "at the check-in (c): “cleared by a clinician”",
        ),
        (r"planner checkin" + _OPTIONS, "press c"),
        (
            r"planner log --temp-c, or a default: planner profile set --temp-c",
            "press L and give the temperature, or set a usual one in Profile: p",
        ),
        (
            r"planner log --weight-before [^\s)]+ --weight-after [^\s)]+",
            "press L and give your weight before and after",
        ),
        (r"planner log --temp-c", "press L and give the temperature"),
        (r"(?:with )?planner log --type race", "(press L, type race)"),
        (r"planner log" + _OPTIONS, "press L"),
        (r"planner profile set --years-running N", "Profile (p): years running"),
        (r"(?:with )?planner profile set" + _OPTIONS, "in Profile (p)"),
    )
)


def in_keys(text: str) -> str:
    """`text` as the TUI says it: 'check in (planner checkin)' -> 'check in (press c)'."""
    if "planner " not in text:
        return text
    for pattern, keys in _IN_KEYS:
        text = pattern.sub(keys, text)
    return text


# ---- the runner's units --------------------------------------------------------------------
#
# Doses are written in metric in the core and the plan files (the JSON stays metric, as its
# contract says). An imperial runner reads them, on every screen and in the CLI's text, in
# fl oz, lb and °F: each "number unit" is converted where it stands; a range converts both ends.
_NUMBER = r"(\d+(?:\.\d+)?)"
# A leading minus is a sign only where no digit stands before it ("-5 °C"); "4-6" is a range.
_METRIC = re.compile(
    r"(?<![\d.])(-?\d+(?:\.\d+)?)(?:(-|–)" + _NUMBER + r")? ?(ml|L|kg|°C)(?![\w/])"
)


def _imperial(value: float, unit: str) -> tuple[float, str]:
    if unit == "ml":
        return value / ML_PER_FL_OZ, "fl oz"
    if unit == "L":
        return value * 1000 / ML_PER_FL_OZ, "fl oz"
    if unit == "kg":
        return value / KG_PER_LB, "lb"
    return value * 9 / 5 + 32, "°F"


def _shown(value: float) -> str:
    if abs(value) >= 10:
        return str(round(value))
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _convert(match: re.Match[str]) -> str:
    low, dash, high, unit = match.groups()
    first, name = _imperial(float(low), unit)
    if high is None:
        return f"{_shown(first)} {name}"
    second, _ = _imperial(float(high), unit)
    return f"{_shown(first)}{dash}{_shown(second)} {name}"


def in_units(text: str, units: str) -> str:
    """`text` in the runner's units: 'about 800 ml at 20 °C and 73 kg' -> 'about 27 fl oz at
    68 °F and 161 lb' for `imperial`; metric text is returned as it is."""
    return text if units != "imperial" else _METRIC.sub(_convert, text)
