"""The purpose-built FIT reader: protocol corners on files written here, damage on samples."""

from __future__ import annotations

import os
import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest
from importkit import compressed, data, definition, fit_file, fit_time, run_fit, session

from planner.importers.activity import Refused
from planner.importers.fit import parse_fit
from planner.importers.fitread import NotFit, read_fit

START = datetime(2024, 5, 4, 7, 30, tzinfo=UTC)
RECORD = [(253, 4, 0x86), (3, 1, 0x02), (5, 4, 0x86)]  # timestamp, heart rate, distance


def test_a_session_is_one_activity() -> None:
    (run,), damage = parse_fit(run_fit(START, 3000, 10_000))
    assert damage is None
    assert (run.sport, run.start, run.elapsed_s, run.distance_m) == ("running", START, 3000, 10_000)
    assert (run.avg_hr, run.max_hr) == (150, 170)


def test_big_endian_definitions_are_read() -> None:
    (run,), _ = parse_fit(run_fit(START, 1800, 5000, big_endian=True))
    assert (run.start, run.elapsed_s, run.distance_m) == (START, 1800, 5000)


def test_compressed_timestamps_roll_over_from_the_last_full_one() -> None:
    t0 = fit_time(START)
    messages = definition(0, 20, RECORD) + data(0, struct.pack("<IBI", t0, 120, 0))
    short = definition(2, 20, RECORD[1:])  # records without a timestamp field
    messages += short
    for second in range(1, 70):  # crosses two 32-second boundaries
        messages += compressed(2, (t0 + second) & 0x1F, struct.pack("<BI", 130, second * 300))
    content = read_fit(fit_file(messages))
    stamps = [r[0] for r in content.records]
    assert stamps == list(range(t0, t0 + 70))
    assert content.records[-1][2] == 69 * 3.0  # distance scale: 1/100 m


def test_developer_fields_are_skipped_by_size() -> None:
    dev = [(0, 7, 0), (1, 2, 0)]  # 9 bytes of developer data per record
    messages = definition(0, 20, RECORD, dev_fields=dev)
    for second in range(3):
        payload = struct.pack("<IBI", fit_time(START) + second, 140 + second, 0) + b"\xaa" * 9
        messages += data(0, payload)
    messages += session(START, 600, 2000)
    content = read_fit(fit_file(messages))
    assert [r[1] for r in content.records] == [140, 141, 142]
    assert len(content.sessions) == 1 and content.error is None


def test_chained_files_are_all_read() -> None:
    first = fit_file(session(START, 600, 2000, sport=5))
    second = fit_file(session(START.replace(hour=9), 1200, 4000))
    found, damage = parse_fit(first + second)
    assert [a.sport for a in found] == ["swimming", "running"] and damage is None


def test_no_session_falls_back_to_the_records() -> None:
    messages = definition(0, 20, RECORD)
    for second in range(0, 1200, 10):
        messages += data(0, struct.pack("<IBI", fit_time(START) + second, 150, second * 300))
    (run,), _ = parse_fit(fit_file(messages))
    assert run.elapsed_s == 1190 and run.distance_m == 3570 and run.avg_hr == 150
    assert "records" in run.note


def test_an_undefined_layout_stops_reading_but_keeps_what_came_before() -> None:
    messages = session(START, 1800, 5000) + data(7, b"\x00" * 4)
    (run,), damage = parse_fit(fit_file(messages))
    assert run.distance_m == 5000
    assert damage is not None and "never defined" in damage


def test_a_file_cut_short_keeps_its_complete_messages() -> None:
    whole = run_fit(START, 1800, 5000) + fit_file(session(START, 60, 100))
    content = read_fit(whole[: len(whole) - 8])
    assert len(content.sessions) == 1 and content.error is not None and "cut short" in content.error


@pytest.mark.parametrize("raw", [b"", b"\x0e\x10" + b"\x00" * 30, os.urandom(4096), b"<gpx></gpx>"])
def test_what_is_not_fit_is_refused(raw: bytes) -> None:
    with pytest.raises(NotFit):
        read_fit(raw)
    with pytest.raises(Refused, match="not a FIT file"):
        parse_fit(raw)


def test_random_bytes_after_a_header_never_crash(tmp_path: Path) -> None:
    # Fuzz: a valid header then noise. Reading may stop early; it may not raise.
    for seed in range(200):
        noise = os.urandom(512 + seed)
        content = read_fit(fit_file(noise))
        assert content.chains == 1


# What garmin-fit-sdk 21.218.0 (the most forgiving library, DESIGN.md) reads from the damaged
# samples, measured here: (sessions, records). planner must read at least as much.
GARMIN_SDK_READS = {
    "fitparse__activity-settings-corruptheader.fit": (1, 14),
    "fitparse__activity-unexpected-eof.fit": (1, 14),
    "fitparse__nick.fit": (0, 14391),
    "fitparse__strava-android-app-201.10-b1218918.fit": (1, 473),
    # garmin-fit-sdk stops at the first compressed-timestamp record: 0 records.
    "fitparse__compressed-speed-distance.fit": (1, 0),
}


@pytest.mark.parametrize("name", sorted(GARMIN_SDK_READS))
def test_damaged_samples_read_as_well_as_the_most_forgiving_library(
    samples: Path, name: str
) -> None:
    content = read_fit((samples / "fit" / name).read_bytes())
    sessions, records = GARMIN_SDK_READS[name]
    assert len(content.sessions) >= sessions
    assert len(content.records) >= records
