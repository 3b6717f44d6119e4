"""The event file format: one or more [[event]] tables per TOML file, each an envelope (id,
kind, hlc, device) around its data, which planner/events' codec reads and writes."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli  # the compiled build of what became tomllib: ~1.8x faster on a first start
import tomli_w

from planner.core.errors import DataError, InputError
from planner.events import Event, Recorded, decode
from planner.events.codec import written
from planner.store.clock import STAMP_RE

_TOML_POSITION = re.compile(r"\s*\((?:at line (\d+), column \d+|at end of document)\)\s*$")
_EVENT_HEADER = re.compile(r"\s*\[\[\s*event\s*\]\]")
_STRING_KEYS = ("id", "kind", "hlc", "device")


def envelope(record: Recorded) -> dict[str, Any]:
    """The [[event]] table of one record; ValueError if its event is not one we may write."""
    return written_envelope(record)[0]


def written_envelope(record: Recorded) -> tuple[dict[str, Any], Recorded]:
    """The [[event]] table of one record, and the record as a later load reads it back."""
    kind, data, back = written(record.event)
    table = {"id": record.id, "kind": kind, "hlc": record.hlc, "device": record.device}
    return {**table, "data": plain(data)}, dataclasses.replace(record, event=back)


def encode_file(tables: Sequence[Mapping[str, Any]]) -> bytes:
    """The TOML bytes of an event file made of these envelopes."""
    text = tomli_w.dumps({"event": list(tables)})
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Bytes that are not UTF-8 (a terminal in another encoding) reach us as surrogates.
        near = text[max(exc.start - 12, 0) : exc.end + 12]
        raise InputError(f"text near {near!r} is not UTF-8; nothing was written") from None


def plain(value: Any) -> Any:
    """`value` as the dicts and lists tomli_w writes; TOML has no null, so None keys go."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime) and value.utcoffset() is None:
        # A local datetime means a different instant on each machine: refuse it.
        raise ValueError(f"event data holds a datetime without a time zone: {value}")
    return value


def decode_file(raw: bytes, path: Path) -> list[Recorded]:
    """The events of one file; DataError("path: line N: reason") if it is not a valid one."""
    text = _utf8(raw, path)
    try:
        doc = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DataError(_toml_message(exc, text, path)) from None
    tables = doc.get("event")
    if not isinstance(tables, list) or not tables:
        raise DataError(f"{path}: line 1: not a planner event file (no [[event]] tables)")
    return [_event(table, i, text, path) for i, table in enumerate(tables)]


def _utf8(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError(f"{path}: line {line}: not UTF-8 text") from None


def _toml_message(exc: tomli.TOMLDecodeError, text: str, path: Path) -> str:
    # Python 3.11's TOMLDecodeError has no lineno: the position is only in the message.
    message = str(exc)
    match = _TOML_POSITION.search(message)
    if match is None:
        return f"{path}: line 1: invalid TOML: {message}"
    line = int(match.group(1)) if match.group(1) else text.count("\n") + 1
    reason = message[: match.start()]
    return f"{path}: line {line}: invalid TOML: {reason[:1].lower()}{reason[1:]}"


def _event_lines(text: str) -> list[int]:
    """The line number of each [[event]] header, to point messages at the right block."""
    return [n for n, line in enumerate(text.splitlines(), 1) if _EVENT_HEADER.match(line)]


def _event(table: Any, index: int, text: str, path: Path) -> Recorded:
    problem = _problem(table)
    if problem is not None:
        # Line numbers only for a message: finding them costs more than parsing the event.
        lines = _event_lines(text)
        line = lines[index] if index < len(lines) else 1
        raise DataError(f"{path}: line {line}: event {index + 1}: {problem}")
    # Keys a newer version adds next to these are ignored, not refused.
    event: Event = decode(table["kind"], table["data"])
    return Recorded(table["id"], table["hlc"], table["device"], event)


def _problem(table: Any) -> str | None:
    """What makes this table not an event, or None."""
    if not isinstance(table, dict):
        return "not a table"
    for key in _STRING_KEYS:
        value = table.get(key)
        if not isinstance(value, str) or not value:
            return f"'{key}' is missing or not text"
    if not STAMP_RE.fullmatch(table["hlc"]):
        return "'hlc' is not a clock stamp like 1700000000000-0000"
    if not isinstance(table.get("data"), dict):
        return "'data' is missing or not a table"
    return None
