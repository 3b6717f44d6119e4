"""Helpers shared by the importer tests (a unique module name: conftest names collide)."""

from __future__ import annotations

import hashlib
import os
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from planner.importers.report import ImportReport

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
FIT_EPOCH_S = 631_065_600
Importer = Callable[..., ImportReport]  # the `importer` fixture: paths -> ImportReport


def tree_digest(root: Path) -> str:
    """A hash of every path and its bytes under root: proves 'nothing was written'."""
    digest = hashlib.sha256()
    if not root.exists():
        return "absent"
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        digest.update(dirpath.encode())
        for name in sorted(filenames):
            if name == ".planner.lock":
                continue
            path = Path(dirpath) / name
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# ---- the facts SOURCES.md states for each sample file ----------------------------------


@dataclass(frozen=True)
class Fact:
    file: str  # "fit/slither__running.fit"
    run: str  # the "run?" column as written
    seconds: float | None
    metres: float | None
    hr_points: int

    @property
    def broken(self) -> bool:
        return "broken" in self.run

    @property
    def kind(self) -> str:
        return self.file.split("/")[0]


def sample_facts() -> list[Fact]:
    """Each table row of SOURCES.md: file, run?, duration, distance and HR points."""
    text = (SAMPLES / "SOURCES.md").read_text(encoding="utf-8")
    facts = []
    for line in text.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        facts.append(
            Fact(
                file=cells[0].strip("`"),
                run=cells[2],
                seconds=_clock(cells[5]),
                metres=_km(cells[6]),
                hr_points=int(cells[7].split("/")[0]),
            )
        )
    return facts


def _clock(text: str) -> float | None:
    match = re.fullmatch(r"(\d+):(\d\d):(\d\d)", text)
    if match is None:
        return None
    h, m, s = (int(g) for g in match.groups())
    return h * 3600 + m * 60 + s


def _km(text: str) -> float | None:
    match = re.fullmatch(r"([\d.]+) km", text)
    return float(match.group(1)) * 1000 if match else None


# ---- writing FIT files byte by byte (the protocol's own layout) -------------------------


def fit_file(messages: bytes, *, data_size: int | None = None) -> bytes:
    """A FIT file: 12-byte header, the messages, a CRC (never checked by planner)."""
    size = len(messages) if data_size is None else data_size
    return struct.pack("<BBHI4s", 12, 0x10, 2100, size, b".FIT") + messages + b"\0\0"


def definition(
    local: int,
    number: int,
    fields: list[tuple[int, int, int]],
    *,
    big_endian: bool = False,
    dev_fields: list[tuple[int, int, int]] | None = None,
) -> bytes:
    """A definition message: (field number, size, base type) per field."""
    header = 0x40 | local | (0x20 if dev_fields else 0)
    order: Literal["little", "big"] = "big" if big_endian else "little"
    out = bytes([header, 0, int(big_endian)]) + number.to_bytes(2, order) + bytes([len(fields)])
    out += b"".join(bytes(f) for f in fields)
    if dev_fields:
        out += bytes([len(dev_fields)]) + b"".join(bytes(f) for f in dev_fields)
    return out


def data(local: int, payload: bytes) -> bytes:
    return bytes([local]) + payload


def compressed(local: int, offset: int, payload: bytes) -> bytes:
    """A data message with a compressed timestamp header (5 bits of seconds)."""
    return bytes([0x80 | (local << 5) | (offset & 0x1F)]) + payload


def fit_time(at: datetime) -> int:
    return int(at.timestamp()) - FIT_EPOCH_S


SESSION_FIELDS = [(253, 4, 0x86), (2, 4, 0x86), (5, 1, 0x00), (7, 4, 0x86), (8, 4, 0x86),
                  (9, 4, 0x86), (16, 1, 0x02), (17, 1, 0x02), (6, 1, 0x00)]  # fmt: skip


def session(
    start: datetime,
    seconds: float,
    metres: float,
    sport: int = 1,
    hr: int = 150,
    *,
    big_endian: bool = False,
    sub_sport: int = 0xFF,  # invalid: not given
) -> bytes:
    """A definition and one session message (local type 1)."""
    t0 = fit_time(start)
    order = ">" if big_endian else "<"
    payload = struct.pack(
        order + "IIBIIIBBB", t0 + int(seconds), t0, sport, int(seconds * 1000),
        int(seconds * 1000), int(metres * 100), hr, hr + 20, sub_sport,
    )  # fmt: skip
    return definition(1, 18, SESSION_FIELDS, big_endian=big_endian) + data(1, payload)


def run_fit(start: datetime, seconds: float, metres: float, **options: object) -> bytes:
    return fit_file(session(start, seconds, metres, **options))  # type: ignore[arg-type]


def gpx_line(start: datetime, seconds: int, metres: float, *, step_s: int = 10) -> bytes:
    """A GPX track due north at an even pace: `metres` in `seconds` from `start`."""
    points = seconds // step_s
    lat_step = metres / points / 111_194.93  # metres per degree of latitude (mean radius)
    rows = []
    for i in range(points + 1):
        at = datetime.fromtimestamp(start.timestamp() + i * step_s, tz=start.tzinfo)
        rows.append(
            f'<trkpt lat="{53 + i * lat_step:.7f}" lon="8.0"><ele>10</ele>'
            f"<time>{at.isoformat().replace('+00:00', 'Z')}</time></trkpt>"
        )
    body = "".join(rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>running</type><trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


# ---- FIT files as the FIT SDK lays them out: 14-byte header, CRCs, file_id first ----------

_CRC_TABLE = (0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
              0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400)  # fmt: skip
ENUM, UINT16, SINT32, UINT32, STRING = 0x00, 0x84, 0x85, 0x86, 0x07
FILE_TYPES = {"settings": 2, "activity": 4, "workout": 5, "course": 6}
SEMICIRCLES_PER_DEGREE = 2**31 / 180


def fit_crc(raw: bytes, crc: int = 0) -> int:
    """The FIT SDK's CRC-16 (FitCRC_Get16), a nibble at a time."""
    for byte in raw:
        for nibble in (byte & 0x0F, byte >> 4):
            tmp = _CRC_TABLE[crc & 0x0F]
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ _CRC_TABLE[nibble]
    return crc


def sdk_fit_file(messages: bytes) -> bytes:
    """A FIT file as the SDK writes it: 14-byte header with its CRC, messages, file CRC."""
    header = struct.pack("<BBHI4s", 14, 0x20, 21218, len(messages), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    body = header + messages
    return body + struct.pack("<H", fit_crc(body))


def file_id(kind: str, created: datetime) -> bytes:
    """The file_id message (local type 0): type, manufacturer 255 (development), time."""
    fields = [(0, 1, ENUM), (1, 2, UINT16), (2, 2, UINT16), (4, 4, UINT32)]
    payload = struct.pack("<BHHI", FILE_TYPES[kind], 255, 1, fit_time(created))
    return definition(0, 0, fields) + data(0, payload)


def course_fit(start: datetime, seconds: int, metres: float, *, step_s: int = 10) -> bytes:
    """A running course as a watch downloads it: file_id, course, one lap and timed records
    with positions (the pace of a virtual partner), and no session."""
    t0 = fit_time(start)
    out = file_id("course", start)
    out += definition(1, 31, [(4, 1, ENUM), (5, 16, STRING)])  # course: sport, name
    out += data(1, struct.pack("<B16s", 1, b"Sunday loop"))
    lap = [(253, 4, UINT32), (2, 4, UINT32), (7, 4, UINT32), (8, 4, UINT32), (9, 4, UINT32)]
    out += definition(2, 19, lap)
    ms = seconds * 1000
    out += data(2, struct.pack("<IIIII", t0 + seconds, t0, ms, ms, int(metres * 100)))
    out += definition(3, 20, [(253, 4, UINT32), (0, 4, SINT32), (1, 4, SINT32), (5, 4, UINT32)])
    points = seconds // step_s
    for i in range(points + 1):
        lat = 53 + i * metres / points / 111_194.93
        payload = struct.pack(
            "<IiiI", t0 + i * step_s, round(lat * SEMICIRCLES_PER_DEGREE),
            round(8.0 * SEMICIRCLES_PER_DEGREE), int(i * metres / points * 100),
        )  # fmt: skip
        out += data(3, payload)
    return sdk_fit_file(out)


def workout_fit(created: datetime) -> bytes:
    """A planned workout: file_id and a workout message (sport running, 3 steps)."""
    out = file_id("workout", created)
    out += definition(1, 26, [(4, 1, ENUM), (6, 2, UINT16)]) + data(1, struct.pack("<BH", 1, 3))
    return sdk_fit_file(out)


def sdk_run_fit(start: datetime, seconds: float, metres: float, **options: object) -> bytes:
    """An activity file as the SDK lays it out: file_id, then one session."""
    return sdk_fit_file(file_id("activity", start) + session(start, seconds, metres, **options))  # type: ignore[arg-type]


def tcx_file(
    start: datetime,
    seconds: int,
    metres: float,
    *,
    lap_metres: float | None = None,
    counter: bool = True,
    step_s: int = 10,
) -> bytes:
    """A TCX run due north at an even pace, one lap; the lap may claim another distance.

    `counter` writes each trackpoint's DistanceMeters; without it only positions tell.
    """
    points = seconds // step_s
    rows = []
    for i in range(points + 1):
        at = datetime.fromtimestamp(start.timestamp() + i * step_s, tz=UTC)
        lat = 53 + i * metres / points / 111_194.93
        metres_so_far = f"<DistanceMeters>{i * metres / points:.1f}</DistanceMeters>"
        rows.append(
            f"<Trackpoint><Time>{at:%Y-%m-%dT%H:%M:%SZ}</Time>"
            f"<Position><LatitudeDegrees>{lat:.7f}</LatitudeDegrees>"
            "<LongitudeDegrees>8.0</LongitudeDegrees></Position>"
            f"{metres_so_far if counter else ''}"
            "<HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>"
        )
    lap = metres if lap_metres is None else lap_metres
    when = f"{start.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">'
        f'<Id>{when}</Id><Lap StartTime="{when}"><TotalTimeSeconds>{seconds}</TotalTimeSeconds>'
        f"<DistanceMeters>{lap:.1f}</DistanceMeters><Track>{''.join(rows)}</Track></Lap>"
        "</Activity></Activities></TrainingCenterDatabase>"
    ).encode()


# ---- export CSV rows under the real headers of CSV-FORMATS.md ----------------------------

STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,"
    "Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,"
    "Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,"
    "Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,"
    "Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,"
    "Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,"
    "Other Time,Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,"
    "Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,"
    "From Upload,Grade Adjusted Distance,Weather Observation Time,Weather Condition,"
    "Weather Temperature,Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,"
    "Wind Gust,Wind Bearing,Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,"
    "Gear,Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,"
    "Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,"
    "Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,"
    "Total Steps,Carbon Saved,Pool Length,Training Load,Intensity,"
    "Average Grade Adjusted Pace,Timer Time,Total Cycles,Media"
)
GARMIN_EN_FAVORITE = (
    "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,"
    "Avg Run Cadence,Max Run Cadence,Avg Pace,Best Pace,Total Ascent,Total Descent,"
    "Avg Stride Length,Avg Vertical Ratio,Avg Vertical Oscillation,Avg Ground Contact Time,"
    "Training Stress Score®,Grit,Flow,Avg. Swolf,Avg Stroke Rate,Total Reps,Min Temp,"
    "Decompression,Best Lap Time,Number of Laps,Max Temp,Moving Time,Elapsed Time,"
    "Min Elevation,Max Elevation"
)
GARMIN_EN_NEWER = (
    "Activity Type,Date,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,Avg Speed,"
    "Max Speed,Total Ascent,Total Descent,Avg Stride Length,Steps,Min Temp,Best Lap Time,"
    "Max Temp,Avg Resp,Min Resp,Max Resp,Moving Time,Elapsed Time,Min Elevation,Max Elevation"
)
GARMIN_DA = (
    "Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,"
    "Gennemsnit kadence løb,Maksimum kadence løb,Gennemsnitstempo,Bedste tempo,"
    "Højdeforøgelse,Højdereduktion,Gennemsnitlig skridtlængde,"
    "Gennemsnitligt vertikalt forhold,Gennemsnitligt vertikalt udsving,"
    "Training Stress Score®,Hårdhed,Flow,Bundtid,Minimum temperatur,Overfladeinterval,"
    "Dekompression,Tid for bedste omgang,Antal løb,Maksimum temperatur"
)


def csv_row(header: str, values: dict[tuple[str, int], str]) -> str:
    """One CSV line under `header`: values by (column name, occurrence), quoted as needed."""
    import csv
    import io

    names = header.split(",")
    seen: dict[str, int] = {}
    cells = []
    for name in names:
        nth = seen.get(name, 0)
        seen[name] = nth + 1
        cells.append(values.get((name, nth), ""))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()
