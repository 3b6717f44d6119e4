"""Events built from raw tables, as another device or a hand-edited file would have them.

The app writes typed events (planner/events); tests of the fold and the store also need the
tables a foreign or older file holds, read through the same codec the store reads with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from planner.events import Recorded, decode
from planner.store.eventfile import encode_file, envelope


def Event(id: str, kind: str, hlc: str, device: str, data: Mapping[str, Any]) -> Recorded:
    """A recorded event from its envelope and its raw data table."""
    return Recorded(id, hlc, device, decode(kind, data))


def encode_events(records: Sequence[Recorded]) -> bytes:
    """The bytes of an event file holding these records."""
    return encode_file([envelope(r) for r in records])
