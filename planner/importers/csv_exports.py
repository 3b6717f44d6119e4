"""Strava's activities.csv and Garmin Connect's Activities.csv, in their layouts and locales.

Columns are found by name, never by position, because layouts change with the account, the
year and the language; a name that repeats (Strava's two `Distance` columns: kilometres,
then metres) is told apart by its position among the columns of that name. Garmin writes
numbers and headers in the account's language: the header says which, and the language says
whether "10,20" is ten point two (German, Danish) or a thousands separator (English).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from dateutil import parser as dateparser

from planner.importers.activity import Activity, Refused, sport_of

MILE_M = 1609.344
FOOT_M = 0.3048
_HEADER_SEARCH_LINES = 6  # the old German export puts a title and a blank line first
_MISSING = frozenset({"", "--", "nan", "none", "null"})


@dataclass(frozen=True)
class CsvRun:
    """One row of an export, read as an activity."""

    key: str  # stable across exports: Strava's activity id, or Garmin's start and distance
    row: int  # line number in the file, for messages
    activity: Activity
    file_ref: str | None = None  # Strava's Filename: the activity's own file in the export


@dataclass(frozen=True)
class CsvExport:
    kind: str  # "strava" or "garmin"
    runs: list[CsvRun]
    refused: list[tuple[int, str]]  # (line, reason)


@dataclass(frozen=True)
class _Layout:
    """One locale's column names (lower case) for each field we read."""

    kind: str
    decimal_comma: bool
    dayfirst: bool
    columns: Mapping[str, tuple[str, ...]]


_STRAVA = _Layout(
    "strava",
    decimal_comma=False,
    dayfirst=False,
    columns={
        "id": ("activity id",),
        "date": ("activity date",),
        "type": ("activity type",),
        "elapsed": ("elapsed time",),
        "moving": ("moving time",),
        "distance": ("distance",),
        "avg_hr": ("average heart rate",),
        "max_hr": ("max heart rate",),
        "ascent": ("elevation gain",),
        "descent": ("elevation loss",),
        "file": ("filename",),
    },
)
_GARMIN_EN = _Layout(
    "garmin",
    decimal_comma=False,
    dayfirst=False,
    columns={
        "type": ("activity type",),
        "date": ("date",),
        "distance": ("distance",),
        "time": ("time",),
        "moving": ("moving time",),
        "elapsed": ("elapsed time",),
        "avg_hr": ("avg hr",),
        "max_hr": ("max hr",),
        "ascent": ("total ascent",),
        "descent": ("total descent",),
    },
)
_GARMIN_DA = _Layout(
    "garmin",
    decimal_comma=True,
    dayfirst=True,
    columns={
        "type": ("aktivitetstype",),
        "date": ("dato",),
        "distance": ("distance",),
        "time": ("tid",),
        "avg_hr": ("gennemsnitlig puls",),
        "max_hr": ("maks. puls",),
        "ascent": ("højdeforøgelse",),
        "descent": ("højdereduktion",),
    },
)
# The German names are those of Garmin Connect's German pages; exports of different years
# used different ones, so each field lists the variants.
_GARMIN_DE = _Layout(
    "garmin",
    decimal_comma=True,
    dayfirst=True,
    columns={
        "type": ("aktivitätstyp", "aktivitätsart", "sportart", "typ"),
        "date": ("datum", "startzeit", "start"),
        "distance": ("distanz", "strecke", "entfernung"),
        "time": ("zeit", "dauer"),
        "moving": ("bewegungszeit", "zeit in bewegung"),
        "elapsed": ("verstrichene zeit", "gesamtzeit"),
        "avg_hr": ("ø herzfrequenz", "durchschnittliche herzfrequenz", "mittlere herzfrequenz"),
        "max_hr": ("maximale herzfrequenz", "max. herzfrequenz", "max. hf"),
        "ascent": ("anstieg gesamt", "aufstieg gesamt", "anstieg", "höhengewinn"),
        "descent": ("abstieg gesamt", "abstieg", "höhenverlust"),
    },
)
_LAYOUTS = (_STRAVA, _GARMIN_EN, _GARMIN_DA, _GARMIN_DE)


# dateutil reads month and day names from these class lists (its documented way to localise).
class _German(dateparser.parserinfo):
    WEEKDAYS = [  # noqa: RUF012
        ("Mo", "Montag"), ("Di", "Dienstag"), ("Mi", "Mittwoch"), ("Do", "Donnerstag"),
        ("Fr", "Freitag"), ("Sa", "Samstag"), ("So", "Sonntag"),
    ]  # fmt: skip
    MONTHS = [  # noqa: RUF012
        ("Jan", "Januar", "Jän"), ("Feb", "Februar"), ("Mär", "März", "Mrz"), ("Apr", "April"),
        ("Mai", "Mai"), ("Jun", "Juni"), ("Jul", "Juli"), ("Aug", "August"),
        ("Sep", "Sept", "September"), ("Okt", "Oktober"), ("Nov", "November"),
        ("Dez", "Dezember"),
    ]  # fmt: skip


class _Danish(dateparser.parserinfo):
    WEEKDAYS = [  # noqa: RUF012
        ("man", "mandag"), ("tir", "tirsdag"), ("ons", "onsdag"), ("tor", "torsdag"),
        ("fre", "fredag"), ("lør", "lørdag"), ("søn", "søndag"),
    ]  # fmt: skip
    MONTHS = [  # noqa: RUF012
        ("jan", "januar"), ("feb", "februar"), ("mar", "marts"), ("apr", "april"),
        ("maj", "maj"), ("jun", "juni"), ("jul", "juli"), ("aug", "august"),
        ("sep", "sept", "september"), ("okt", "oktober"), ("nov", "november"),
        ("dec", "december"),
    ]  # fmt: skip


_DATE_INFO: dict[int, dateparser.parserinfo] = {
    id(_GARMIN_DE): _German(dayfirst=True),
    id(_GARMIN_DA): _Danish(dayfirst=True),
}


def parse_export(raw: bytes, *, imperial: bool = False) -> CsvExport:
    """Read an export; Refused if it is neither Strava's nor Garmin's activities list."""
    rows = list(csv.reader(io.StringIO(_text(raw), newline="")))
    for at, header in enumerate(rows[:_HEADER_SEARCH_LINES]):
        names = [_norm(cell) for cell in header]
        layout = next((lay for lay in _LAYOUTS if _fits(lay, names)), None)
        if layout is not None:
            return _read_rows(layout, names, rows[at + 1 :], at + 2, imperial)
    raise Refused("not a Strava or Garmin Connect activities export (no known header)")


def _text(raw: bytes) -> str:
    # Exports are UTF-8 (often with a BOM); the oldest Garmin ones may be Windows-1252.
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _norm(cell: str) -> str:
    return " ".join(cell.replace("®", "").split()).lower()


def _fits(layout: _Layout, names: Sequence[str]) -> bool:
    present = set(names)
    needed = ("id", "date", "type") if layout.kind == "strava" else ("date", "type")
    return all(any(n in present for n in layout.columns[f]) for f in needed)


def _read_rows(
    layout: _Layout, names: list[str], rows: list[list[str]], first_line: int, imperial: bool
) -> CsvExport:
    where = _positions(layout, names)
    runs: list[CsvRun] = []
    refused: list[tuple[int, str]] = []
    for offset, row in enumerate(rows):
        line = first_line + offset
        if not any(cell.strip() for cell in row):
            continue
        cells = _Cells(row, where, layout.decimal_comma)
        try:
            runs.append(_row(layout, cells, line, imperial))
        except Refused as exc:
            refused.append((line, exc.reason))
    return CsvExport(layout.kind, runs, refused)


def _positions(layout: _Layout, names: list[str]) -> dict[str, list[int]]:
    """field -> the column indexes holding it, in order (a repeated name has several)."""
    where: dict[str, list[int]] = {}
    for field_name, candidates in layout.columns.items():
        for candidate in candidates:
            found = [i for i, name in enumerate(names) if name == candidate]
            if found:
                where[field_name] = found
                break
    return where


class _Cells:
    """One row's values by field name."""

    def __init__(self, row: list[str], where: dict[str, list[int]], decimal_comma: bool):
        self.row, self.where, self.decimal_comma = row, where, decimal_comma

    def text(self, name: str, nth: int = 0) -> str | None:
        spots = self.where.get(name, [])
        if nth >= len(spots) or spots[nth] >= len(self.row):
            return None
        value = self.row[spots[nth]].strip()
        return None if value.lower() in _MISSING else value

    def number(self, name: str, nth: int = 0) -> float | None:
        return to_number(self.text(name, nth), self.decimal_comma)

    def seconds(self, name: str, nth: int = 0) -> float | None:
        return to_seconds(self.text(name, nth), self.decimal_comma)


def to_number(text: str | None, decimal_comma: bool = False) -> float | None:
    """'1,393' -> 1393 (English); '10,20' -> 10.2 (German, Danish); '--' and NaN -> None."""
    if text is None:
        return None
    value = text.replace("\u00a0", "").replace(" ", "")
    if decimal_comma:
        # "1.234" is a thousands separator only when three digits follow it.
        if "," in value or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", value):
            value = value.replace(".", "")
        value = value.replace(",", ".")
    else:
        value = value.replace(",", "")
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def to_seconds(text: str | None, decimal_comma: bool = False) -> float | None:
    """'02:13:04', '00:04:24.5', '45:12' or plain seconds -> seconds; '00:NaN:NaN' -> None."""
    if text is None:
        return None
    if ":" not in text:
        return to_number(text, decimal_comma)
    total = 0.0
    for part in text.split(":"):
        value = to_number(part, decimal_comma)
        if value is None or value < 0:
            return None
        total = total * 60 + value
    return total


def _row(layout: _Layout, cells: _Cells, line: int, imperial: bool) -> CsvRun:
    read = _strava_row if layout.kind == "strava" else _garmin_row
    return read(layout, cells, line, imperial)


def _strava_row(layout: _Layout, cells: _Cells, line: int, imperial: bool) -> CsvRun:
    ident = cells.text("id") or f"line {line}"
    # Strava writes "Activity Date" in UTC; the second Distance is metres, the first km.
    start = _date(cells.text("date"), layout).replace(tzinfo=UTC)
    metres = cells.number("distance", 1)
    if metres is None:
        km = cells.number("distance")
        metres = km * 1000 if km is not None else 0.0
    elapsed = _first(cells.seconds("elapsed"), cells.seconds("elapsed", 1))
    activity = _activity(
        cells.text("type"),
        start,
        elapsed,
        cells.seconds("moving"),
        metres,
        (cells.number("avg_hr"), _first(cells.number("max_hr"), cells.number("max_hr", 1))),
        (cells.number("ascent"), cells.number("descent")),
    )
    return CsvRun(f"strava:{ident}", line, activity, cells.text("file"))


def _garmin_row(layout: _Layout, cells: _Cells, line: int, imperial: bool) -> CsvRun:
    # Garmin writes the account's units with no unit in the header; the profile's units
    # are the best guess of which the runner's account uses.
    length, height = (MILE_M, FOOT_M) if imperial else (1000.0, 1.0)
    start = _date(cells.text("date"), layout)  # local wall-clock time
    distance = cells.number("distance")
    timer = cells.seconds("time")
    climbs = (cells.number("ascent"), cells.number("descent"))
    activity = _activity(
        cells.text("type"),
        start,
        _first(cells.seconds("elapsed"), timer),
        _first(cells.seconds("moving"), timer),
        (distance or 0.0) * length,
        (cells.number("avg_hr"), cells.number("max_hr")),
        tuple(c * height if c is not None else None for c in climbs),
    )
    key = f"garmin:{start.isoformat()}:{round(activity.distance_m / 100)}"
    return CsvRun(key, line, activity)


def _activity(
    label: str | None,
    start: datetime,
    elapsed: float | None,
    moving: float | None,
    metres: float,
    heart: tuple[float | None, float | None],
    climbs: tuple[float | None, ...],
) -> Activity:
    elapsed = _first(elapsed, moving)
    if elapsed is None or elapsed <= 0:
        raise Refused("no duration in this row")
    return Activity(
        sport=sport_of(label),
        start=start,
        elapsed_s=elapsed,
        moving_s=min(_first(moving, elapsed) or elapsed, elapsed),
        distance_m=round(metres, 1),
        avg_hr=heart[0],
        max_hr=heart[1],
        ascent_m=climbs[0],
        descent_m=climbs[1],
        label=label or "",
    )


def _date(text: str | None, layout: _Layout) -> datetime:
    if text is None:
        raise Refused("no date in this row")
    try:
        parsed = datetime.fromisoformat(text)  # Garmin's usual "2023-05-01 07:12:33"
    except ValueError:
        parsed = _loose_date(text, layout)
    return parsed.replace(tzinfo=None) if parsed.tzinfo is not None else parsed


def _loose_date(text: str, layout: _Layout) -> datetime:
    # dateutil reads "2023-05-01" as 5 January when told days come first: only a date that
    # does not start with its year is read day-first.
    dayfirst = layout.dayfirst and not re.match(r"\s*\d{4}", text)
    info = _DATE_INFO.get(id(layout))
    try:
        return dateparser.parse(text, parserinfo=info, dayfirst=dayfirst)
    except (ValueError, OverflowError):
        raise Refused(f"its date {text!r} cannot be read") from None


def _first(*values: float | None) -> float | None:
    return next((v for v in values if v is not None), None)


def row_hash(key: str) -> str:
    """A row's identity as a hash: the same activity in a later export keeps it."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
