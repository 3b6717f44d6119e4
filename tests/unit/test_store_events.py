"""The event file format: what encode writes, decode reads back, and what it refuses."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from eventtables import Event, encode_events

from planner.core.errors import DataError
from planner.events import Recorded
from planner.store.eventfile import decode_file

HLC = "1764288000000-0000"
PATH = Path("/data/events/dev/2025-11/f.toml")

# One data payload per kind, with every value type the fold reads.
SAMPLES: dict[str, dict[str, Any]] = {
    "profile": {"birth_date": date(1970, 5, 1), "weight_kg": 61.5, "ice_bath": True},
    "run": {
        "id": "r1",
        "date": date(2025, 11, 28),
        "distance_m": 10000.0,
        "moving_s": 3000,
        "start": datetime(2025, 11, 28, 7, 5, 9, 250000, tzinfo=timezone(timedelta(hours=-5))),
        "note": 'quote " and newline\n and ünïcode',
    },
    "run_edit": {"run_id": "r1", "rpe": 6.0},
    "run_delete": {"import_id": "imp-1"},
    "check": {"date": date(2025, 11, 28), "item": "meal:recovery"},
    "uncheck": {"date": date(2025, 11, 28), "item": "yoga", "removes": ["a", "b"]},
    "checkin": {"date": date(2025, 11, 28), "soreness": 3, "areas": ["calf"], "run_rpe": {"r1": 7}},
    "race": {"id": "x", "date": date(2026, 4, 19), "distance_m": 42195.0, "name": "Boston"},
    "race_delete": {"id": "x"},
}


def event(kind: str, data: dict[str, Any], i: int = 0) -> Recorded:
    return Event(f"{HLC}-dev-abcdef.{i}", kind, HLC, "dev", data)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_kind_round_trips(kind: str) -> None:
    original = event(kind, SAMPLES[kind])
    assert decode_file(encode_events([original]), PATH) == [original]


def test_a_batch_round_trips_in_order() -> None:
    batch = [event(kind, data, i) for i, (kind, data) in enumerate(SAMPLES.items())]
    assert decode_file(encode_events(batch), PATH) == batch


def test_file_shape_is_event_tables_with_a_data_subtable() -> None:
    raw = encode_events([event("check", SAMPLES["check"])]).decode()
    assert raw.startswith("[[event]]\n")
    assert "[event.data]" in raw and "date = 2025-11-28\n" in raw
    run = encode_events([event("run", SAMPLES["run"])]).decode()
    assert "07:05:09.250000-05:00" in run


def test_none_values_are_left_out_and_naive_datetimes_refused() -> None:
    raw = encode_events([event("run", {"id": "r", "rpe": None})])
    assert tomllib.loads(raw.decode())["event"][0]["data"] == {"id": "r"}
    with pytest.raises(ValueError, match="time zone"):
        encode_events([event("run", {"start": datetime(2025, 1, 1, 7, 0)})])


def test_newer_versions_unknown_kinds_and_extra_keys_are_kept() -> None:
    raw = f"""
format = 2

[[event]]
id = "e1"
kind = "hologram_run"
hlc = "{HLC}"
device = "dev"
signature = "abc"

[event.data]
glow = 3
""".encode()
    [loaded] = decode_file(raw, PATH)
    assert (loaded.kind, loaded.data) == ("hologram_run", {"glow": 3})


def test_bad_toml_names_the_file_and_line() -> None:
    raw = b'[[event]]\nid = "e1"\nkind = = "check"\n'
    with pytest.raises(DataError, match=rf"^{PATH}: line 3: invalid TOML: invalid value$"):
        decode_file(raw, PATH)


def test_truncated_toml_points_at_the_last_line() -> None:
    with pytest.raises(DataError, match=rf"^{PATH}: line 2: invalid TOML"):
        decode_file(b'[[event]]\nid = "', PATH)


def test_non_utf8_names_the_line() -> None:
    raw = b'[[event]]\nid = "e1"\nkind = "\xff\xfe"\n'
    with pytest.raises(DataError, match=rf"^{PATH}: line 3: not UTF-8 text$"):
        decode_file(raw, PATH)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('id = "e1"\nkind = "check"\ndevice = "d"\ndata = {}', "'hlc' is missing or not text"),
        (f'id = 5\nkind = "check"\nhlc = "{HLC}"\ndevice = "d"\ndata = {{}}', "'id' is missing"),
        ('id = "e"\nkind = "c"\nhlc = "soon"\ndevice = "d"\ndata = {}', "'hlc' is not a clock"),
        (f'id = "e"\nkind = "c"\nhlc = "{HLC}"\ndevice = "d"\ndata = 3', "'data' is missing"),
        (f'id = "e"\nkind = "c"\nhlc = "{HLC}"\ndevice = "d"', "'data' is missing"),
    ],
)
def test_missing_or_wrong_typed_fields_name_the_event(body: str, reason: str) -> None:
    good = f'[[event]]\nid = "ok"\nkind = "c"\nhlc = "{HLC}"\ndevice = "d"\ndata = {{}}\n'
    raw = f"{good}\n[[event]]\n{body}\n".encode()
    with pytest.raises(DataError, match=rf"^{PATH}: line 8: event 2: {reason}"):
        decode_file(raw, PATH)


@pytest.mark.parametrize("raw", [b"", b'title = "my notes"\n', b"event = 3\n", b"event = []\n"])
def test_foreign_files_are_refused(raw: bytes) -> None:
    with pytest.raises(DataError, match=rf"^{PATH}: line 1: not a planner event file"):
        decode_file(raw, PATH)


def test_decoded_datetimes_keep_their_offset() -> None:
    start = datetime(2025, 1, 1, 6, 0, tzinfo=UTC)
    [loaded] = decode_file(encode_events([event("run", {"start": start})]), PATH)
    assert loaded.data["start"] == start and loaded.data["start"].utcoffset() is not None
