"""A FIT decoder that reads only what a run summary needs, and skips the rest by size.

The FIT protocol (Garmin's public FIT SDK) is a stream of definition messages, which give the
layout of a local message type, and data messages in that layout. General-purpose decoders
turn every field of every message into Python objects; we only need the file_id, sport,
session, lap and activity messages plus three record fields (time, heart rate, distance), so
every other message costs one header byte and a jump. Definitions repeat in every file, so a
compiled layout is cached by its raw bytes.

Damage is met the way the most forgiving decoder meets it: what was read before the damage is
kept and the damage is described in `FitContent.error`. CRCs are not checked (a Python CRC
would cost more than the decoding): the summary's numbers are sanity-checked instead.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

FIT_EPOCH_S = 631_065_600  # 1989-12-31T00:00:00Z, the zero of FIT date_time values
RELATIVE_TIME_LIMIT = 0x10000000  # date_time values below this are device-relative

FILE_ID, SPORT, SESSION, LAP, RECORD, ACTIVITY = 0, 12, 18, 19, 20, 34
TIMESTAMP = 253

# message number -> field number -> (name, scale); only these fields are ever decoded.
_WANTED: dict[int, dict[int, tuple[str, float]]] = {
    FILE_ID: {0: ("type", 1), 4: ("time_created", 1)},
    SPORT: {0: ("sport", 1), 1: ("sub_sport", 1)},
    SESSION: {
        2: ("start_time", 1),
        5: ("sport", 1),
        6: ("sub_sport", 1),
        7: ("total_elapsed_time", 1000),
        8: ("total_timer_time", 1000),
        9: ("total_distance", 100),
        16: ("avg_heart_rate", 1),
        17: ("max_heart_rate", 1),
        22: ("total_ascent", 1),
        23: ("total_descent", 1),
        59: ("total_moving_time", 1000),
        TIMESTAMP: ("timestamp", 1),
    },
    LAP: {
        2: ("start_time", 1),
        7: ("total_elapsed_time", 1000),
        8: ("total_timer_time", 1000),
        9: ("total_distance", 100),
        15: ("avg_heart_rate", 1),
        16: ("max_heart_rate", 1),
        21: ("total_ascent", 1),
        22: ("total_descent", 1),
        25: ("sport", 1),
        TIMESTAMP: ("timestamp", 1),
    },
    ACTIVITY: {5: ("local_timestamp", 1), TIMESTAMP: ("timestamp", 1)},
    RECORD: {TIMESTAMP: ("timestamp", 1), 3: ("heart_rate", 1), 5: ("distance", 100)},
}

# base type (low 5 bits) -> (struct code, size, invalid value); NaN floats never compare equal,
# so float fields are checked with `v != v` instead.
_BASE: dict[int, tuple[str, int, int | None]] = {
    0x00: ("B", 1, 0xFF),  # enum
    0x01: ("b", 1, 0x7F),
    0x02: ("B", 1, 0xFF),
    0x03: ("h", 2, 0x7FFF),
    0x04: ("H", 2, 0xFFFF),
    0x05: ("i", 4, 0x7FFFFFFF),
    0x06: ("I", 4, 0xFFFFFFFF),
    0x08: ("f", 4, None),
    0x09: ("d", 8, None),
    0x0A: ("B", 1, 0x00),  # uint8z
    0x0B: ("H", 2, 0x0000),
    0x0C: ("I", 4, 0x00000000),
    0x0D: ("B", 1, 0xFF),  # byte
    0x0E: ("q", 8, 0x7FFFFFFFFFFFFFFF),
    0x0F: ("Q", 8, 0xFFFFFFFFFFFFFFFF),
    0x10: ("Q", 8, 0x0000000000000000),
}

_IGNORE, _TIME_ONLY, _RECORD, _SUMMARY = 0, 1, 2, 3
_MAX_CACHED_LAYOUTS = 4096


@dataclass(slots=True)
class _Layout:
    """A compiled definition: how many bytes to skip, and how to unpack the wanted fields."""

    size: int
    number: int
    kind: int
    unpack: struct.Struct | None
    names: tuple[str, ...] = ()
    scales: tuple[float, ...] = ()
    invalid: tuple[int | None, ...] = ()
    ts: int = -1  # index of the timestamp in the unpacked values, or -1
    hr: int = -1
    dist: int = -1


@dataclass
class FitContent:
    """The messages a summary needs, from every chained FIT file in one byte string."""

    file_ids: list[dict[str, float]] = field(default_factory=list)
    sports: list[dict[str, float]] = field(default_factory=list)
    sessions: list[dict[str, float]] = field(default_factory=list)
    laps: list[dict[str, float]] = field(default_factory=list)
    activities: list[dict[str, float]] = field(default_factory=list)
    # (timestamp, heart rate or None, distance in metres or None), in file order
    records: list[tuple[int, int | None, float | None]] = field(default_factory=list)
    chains: int = 0
    error: str | None = None  # what stopped the reading early, with its byte offset


class NotFit(ValueError):
    """The bytes do not start with a FIT header."""


_layouts: dict[bytes, _Layout] = {}


def read_fit(buf: bytes) -> FitContent:
    """Decode every chained FIT file in `buf`; raises NotFit if the first header is not one."""
    out = FitContent()
    if _file_header(buf, 0) is None:
        raise NotFit("not a FIT file (no FIT header)")
    pos = 0
    while pos < len(buf):
        header = _file_header(buf, pos)
        if header is None:
            out.error = f"byte {pos}: a damaged FIT header; the part before it was kept"
            break
        size, data_size = header
        end = pos + size + data_size
        if data_size == 0 or end > len(buf):
            # A file cut short (or a writer that never filled in the size): read what is there.
            if data_size and end > len(buf):
                out.error = f"byte {len(buf)}: the file is cut short"
            end = len(buf)
        out.chains += 1
        stopped = _read_messages(buf, pos + size, end, out)
        if stopped is not None:
            out.error = stopped
            break
        pos = end + 2  # the file CRC
        if len(buf) - pos < 12:
            break
    return out


def _file_header(buf: bytes, pos: int) -> tuple[int, int] | None:
    """(header size, data size) of the FIT file header at `pos`, or None if there is none."""
    if len(buf) - pos < 12:
        return None
    size = buf[pos]
    if size < 12 or buf[pos + 8 : pos + 12] != b".FIT":
        return None
    return size, int.from_bytes(buf[pos + 4 : pos + 8], "little")


def _read_messages(buf: bytes, pos: int, end: int, out: FitContent) -> str | None:
    """Read messages from `pos` to `end`; returns why it stopped early, or None."""
    layouts: list[_Layout | None] = [None] * 16
    records = out.records
    append_record = records.append
    last_ts = 0
    while pos < end:
        header = buf[pos]
        if header & 0x80:
            # Compressed timestamp header: the low 5 bits roll the last full timestamp forward.
            layout = layouts[(header >> 5) & 0x03]
            offset = header & 0x1F
            last_ts = (last_ts & ~0x1F) + offset + (0x20 if offset < (last_ts & 0x1F) else 0)
            compressed = True
        elif header & 0x40:
            try:
                pos = _define(buf, pos, end, layouts)
            except IndexError:
                return f"byte {pos}: the file is cut short inside a definition"
            continue
        else:
            layout = layouts[header & 0x0F]
            compressed = False
        if layout is None:
            return f"byte {pos}: a message uses a layout that was never defined"
        start = pos + 1
        pos = start + layout.size
        if pos > end:
            return f"byte {start}: the file is cut short inside a message"
        if layout.unpack is None:
            continue
        values = layout.unpack.unpack_from(buf, start)
        if layout.ts >= 0 and not compressed:
            ts = values[layout.ts]
            if ts != 0xFFFFFFFF:
                last_ts = ts
        if layout.kind == _RECORD:
            hr = values[layout.hr] if layout.hr >= 0 else None
            dist = values[layout.dist] if layout.dist >= 0 else None
            append_record(
                (
                    last_ts,
                    None if hr is None or hr == 0xFF or hr == 0 else hr,
                    None if dist is None or dist == 0xFFFFFFFF else dist / 100.0,
                )
            )
        elif layout.kind == _SUMMARY:
            _keep(out, layout, values, last_ts if compressed else None)
    return None


def _keep(out: FitContent, layout: _Layout, values: tuple[int, ...], ts: int | None) -> None:
    """Store one summary-type message as {name: scaled value}, without invalid values."""
    message: dict[str, float] = {}
    for name, scale, bad, value in zip(
        layout.names, layout.scales, layout.invalid, values, strict=True
    ):
        if value == bad or value != value:  # invalid marker, or NaN
            continue
        message[name] = value / scale if scale != 1 else value
    if ts is not None and "timestamp" not in message:
        message["timestamp"] = ts
    target = {
        FILE_ID: out.file_ids,
        SPORT: out.sports,
        SESSION: out.sessions,
        LAP: out.laps,
        ACTIVITY: out.activities,
    }[layout.number]
    target.append(message)


def _define(buf: bytes, pos: int, end: int, layouts: list[_Layout | None]) -> int:
    """Read the definition message at `pos` into `layouts`; returns the position after it."""
    header = buf[pos]
    count = buf[pos + 5]
    stop = pos + 6 + 3 * count
    if header & 0x20:  # developer fields follow: skipped by size, never decoded
        stop += 1 + 3 * buf[stop]
    if stop > end or stop > len(buf):
        raise IndexError(pos)
    raw = buf[pos + 2 : stop]
    layout = _layouts.get(raw)
    if layout is None:
        layout = _compile(raw, count)
        if len(_layouts) >= _MAX_CACHED_LAYOUTS:
            _layouts.clear()
        _layouts[raw] = layout
    layouts[header & 0x0F] = layout
    return stop


def _compile(raw: bytes, count: int) -> _Layout:
    """Build the layout of a definition: `raw` is architecture, number, fields, dev fields."""
    order = ">" if raw[0] == 1 else "<"
    number = int.from_bytes(raw[1:3], "big" if raw[0] == 1 else "little")
    fields = [(raw[4 + 3 * i], raw[5 + 3 * i], raw[6 + 3 * i] & 0x1F) for i in range(count)]
    size = sum(f[1] for f in fields)
    if len(raw) > 4 + 3 * count:  # developer fields
        dev = raw[4 + 3 * count + 1 :]
        size += sum(dev[3 * i + 1] for i in range(len(dev) // 3))
    wanted = _WANTED.get(number, {TIMESTAMP: ("timestamp", 1)})
    code, names, scales, invalid = [order], [], [], []
    for num, width, base in fields:
        spec = _BASE.get(base)
        if num in wanted and spec is not None and spec[1] == width:
            code.append(spec[0])
            names.append(wanted[num][0])
            scales.append(wanted[num][1])
            invalid.append(spec[2])
        else:
            code.append(f"{width}x")
    if not names:
        return _Layout(size, number, _IGNORE, None)
    kind = _RECORD if number == RECORD else _SUMMARY if number in _WANTED else _TIME_ONLY
    return _Layout(
        size=size,
        number=number,
        kind=kind,
        unpack=struct.Struct("".join(code)),
        names=tuple(names),
        scales=tuple(scales),
        invalid=tuple(invalid),
        ts=_index(names, "timestamp"),
        hr=_index(names, "heart_rate"),
        dist=_index(names, "distance"),
    )


def _index(names: list[str], name: str) -> int:
    return names.index(name) if name in names else -1
