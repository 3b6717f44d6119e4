"""Export CSVs under the real headers of CSV-FORMATS.md, with rows written here."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from importkit import (
    GARMIN_DA,
    GARMIN_EN_FAVORITE,
    GARMIN_EN_NEWER,
    STRAVA_HEADER,
    Importer,
    csv_row,
)

from planner.datadir import DataDir
from planner.events import ProfileSet
from planner.importers.activity import Refused
from planner.importers.csv_exports import parse_export, to_number, to_seconds


def _csv(header: str, *rows: dict[tuple[str, int], str]) -> bytes:
    return (header + "\n" + "".join(csv_row(header, r) for r in rows)).encode("utf-8")


def test_strava_repeated_columns_are_read_by_position() -> None:
    raw = _csv(
        STRAVA_HEADER,
        {("Activity ID", 0): "9001", ("Activity Date", 0): "Oct 6, 2022, 11:19:20 PM",
         ("Activity Type", 0): "Run", ("Activity Description", 0): 'a, "b"\nc 🏃',
         ("Elapsed Time", 0): "1000", ("Elapsed Time", 1): "1000.0",
         ("Distance", 0): "2.43", ("Distance", 1): "2432.77",
         ("Max Heart Rate", 0): "", ("Max Heart Rate", 1): "181.0",
         ("Moving Time", 0): "950", ("Average Heart Rate", 0): "160.2",
         ("Elevation Gain", 0): "12.5", ("Elevation Loss", 0): "11"},
    )  # fmt: skip
    export = parse_export(raw)
    (row,) = export.runs
    run = row.activity
    assert export.kind == "strava" and row.key == "strava:9001" and row.file_ref is None
    assert run.start == datetime(2022, 10, 6, 23, 19, 20, tzinfo=UTC)
    assert (run.distance_m, run.elapsed_s, run.moving_s) == (2432.8, 1000, 950)
    assert (run.avg_hr, run.max_hr, run.ascent_m, run.descent_m) == (160.2, 181, 12.5, 11)
    assert run.sport == "running"


def test_an_older_strava_export_that_stops_at_calories() -> None:
    header = STRAVA_HEADER[: STRAVA_HEADER.index(",Max Temperature")]
    raw = _csv(
        header,
        {("Activity ID", 0): "1", ("Activity Date", 0): "Jan 2, 2015, 8:00:00 AM",
         ("Activity Type", 0): "Run", ("Elapsed Time", 0): "1800", ("Distance", 0): "5.1"},
    )  # fmt: skip
    (row,) = parse_export(raw).runs
    assert row.activity.distance_m == 5100 and row.activity.moving_s == 1800


def test_garmin_english_thousands_dashes_and_nan() -> None:
    raw = _csv(
        GARMIN_EN_FAVORITE,
        {("Activity Type", 0): "Trail Running", ("Date", 0): "2023-05-01 07:12:33",
         ("Distance", 0): "21.10", ("Calories", 0): "1,393", ("Time", 0): "02:13:04",
         ("Avg HR", 0): "148", ("Max HR", 0): "--", ("Total Ascent", 0): "1,204",
         ("Total Descent", 0): "1,198", ("Moving Time", 0): "02:05:10.5",
         ("Elapsed Time", 0): "02:20:00"},
        {("Activity Type", 0): "Strength Training", ("Date", 0): "2023-05-02 18:00:00",
         ("Distance", 0): "0.00", ("Time", 0): "00:45:00"},
        {("Activity Type", 0): "Running", ("Date", 0): "2023-05-03 07:00:00",
         ("Distance", 0): "NaN", ("Time", 0): "00:NaN:NaN"},
    )  # fmt: skip
    export = parse_export(raw)
    trail, strength = (r.activity for r in export.runs)
    assert export.kind == "garmin"
    assert trail.start == datetime(2023, 5, 1, 7, 12, 33)  # wall-clock time, no zone
    assert (trail.distance_m, trail.elapsed_s, trail.moving_s) == (21_100, 8400, 7510.5)
    assert (trail.avg_hr, trail.max_hr, trail.ascent_m, trail.descent_m) == (148, None, 1204, 1198)
    assert trail.sport == "running" and strength.sport == "strength training"
    assert export.refused == [(4, "no duration in this row")]


def test_garmin_newer_layout_treadmill() -> None:
    raw = _csv(
        GARMIN_EN_NEWER,
        {("Activity Type", 0): "Treadmill Running", ("Date", 0): "2024-01-10 19:00:00",
         ("Distance", 0): "5.00", ("Time", 0): "00:30:00", ("Avg HR", 0): "140"},
    )  # fmt: skip
    (row,) = parse_export(raw).runs
    assert (row.activity.sport, row.activity.distance_m, row.activity.avg_hr) == (
        "running",
        5000,
        140,
    )


def test_garmin_danish() -> None:
    raw = _csv(
        GARMIN_DA,
        {("Aktivitetstype", 0): "Løb", ("Dato", 0): "2023-05-01 07:12:33",
         ("Distance", 0): "10,20", ("Tid", 0): "00:52:13", ("Gennemsnitlig puls", 0): "152",
         ("Maks. puls", 0): "171", ("Højdeforøgelse", 0): "1.204", ("Favorit", 0): "Nej"},
        {("Aktivitetstype", 0): "Svømning", ("Dato", 0): "2023-05-02 07:00:00",
         ("Distance", 0): "1.500", ("Tid", 0): "00:40:00"},
    )  # fmt: skip
    run, swim = (r.activity for r in parse_export(raw).runs)
    assert run.sport == "running" and run.start == datetime(2023, 5, 1, 7, 12, 33)
    assert (run.distance_m, run.elapsed_s, run.avg_hr, run.max_hr) == (10_200, 3133, 152, 171)
    assert run.ascent_m == 1204
    assert swim.sport == "svømning"


GERMAN_2012 = (
    "Aktivitäten von Jane Runner\n"
    "\n"
    " Aktivitätstyp, Datum, Titel, Distanz, Zeit, Ø Herzfrequenz, Maximale Herzfrequenz,"
    " Anstieg gesamt\n"
    ' Laufen,"Fr, 25 Mai 2012 20:31", Abendlauf,"10,20", 00:52:13, 150, 171,"120,5"\n'
    ' Radfahren,"Sa, 26 Mai 2012 10:00", Tour,"50,00", 02:00:00, 120, 150, 400\n'
)


def test_garmin_german_2012_with_title_line_and_decimal_commas() -> None:
    export = parse_export(GERMAN_2012.encode("cp1252"))
    run, ride = (r.activity for r in export.runs)
    assert run.sport == "running" and ride.sport == "radfahren"
    assert run.start == datetime(2012, 5, 25, 20, 31)
    assert (run.distance_m, run.elapsed_s, run.avg_hr, run.max_hr) == (10_200, 3133, 150, 171)
    assert run.ascent_m == 120.5


def test_imperial_accounts_write_miles_and_feet() -> None:
    raw = _csv(
        GARMIN_EN_NEWER,
        {("Activity Type", 0): "Running", ("Date", 0): "2024-01-10 19:00:00",
         ("Distance", 0): "6.20", ("Time", 0): "01:00:00", ("Total Ascent", 0): "100"},
    )  # fmt: skip
    (row,) = parse_export(raw, imperial=True).runs
    assert row.activity.distance_m == pytest.approx(6.2 * 1609.344, abs=0.05)
    assert row.activity.ascent_m == pytest.approx(30.48)


def test_a_csv_that_is_no_export_is_refused() -> None:
    with pytest.raises(Refused, match="not a Strava or Garmin"):
        parse_export(b"Bike ID,Name\n1,Old red\n")


@pytest.mark.parametrize(
    "text, comma, value",
    [("1,393", False, 1393), ("10,20", True, 10.2), ("1.234,5", True, 1234.5),
     ("2.5", True, 2.5), ("--", False, None), ("NaN", False, None), ("", True, None),
     ("1 204", False, 1204)],
)  # fmt: skip
def test_numbers(text: str, comma: bool, value: float | None) -> None:
    assert to_number(text, comma) == value


@pytest.mark.parametrize(
    "text, value",
    [("02:13:04", 7984), ("00:04:24.5", 264.5), ("45:12", 2712), ("00:NaN:NaN", None),
     ("3000", 3000)],
)  # fmt: skip
def test_durations(text: str, value: float | None) -> None:
    assert to_seconds(text) == value


def test_garmin_rows_are_placed_in_the_runners_zone_and_day(
    tmp_path: Path, importer: Importer, store: DataDir
) -> None:
    store.append(ProfileSet(tz="Europe/Copenhagen", day_starts=3))
    path = tmp_path / "Activities.csv"
    path.write_bytes(
        _csv(
            GARMIN_EN_NEWER,
            {
                ("Activity Type", 0): "Running",
                ("Date", 0): "2024-06-02 01:30:00",
                ("Distance", 0): "5.00",
                ("Time", 0): "00:30:00",
            },
        )
    )
    importer([path])
    (run,) = store.state().runs
    assert run.start == datetime(2024, 6, 2, 1, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert run.date == date(2024, 6, 1)  # before 03:00 the day is still the day before


def test_a_later_export_adds_only_its_new_rows(
    tmp_path: Path, importer: Importer, store: DataDir
) -> None:
    first = {("Activity Type", 0): "Running", ("Date", 0): "2024-06-02 08:00:00",
             ("Distance", 0): "5.00", ("Time", 0): "00:30:00"}  # fmt: skip
    second = {**first, ("Date", 0): "2024-06-04 08:00:00"}
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "Activities.csv").write_bytes(_csv(GARMIN_EN_NEWER, first))
    (tmp_path / "new" / "Activities.csv").write_bytes(_csv(GARMIN_EN_NEWER, second, first))
    assert len(importer([tmp_path / "old"]).imported) == 1
    report = importer([tmp_path / "new"])
    assert len(report.imported) == 1 and report.duplicates == 1
    assert len(store.state().runs) == 2
