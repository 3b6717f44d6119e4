"""Reading and parsing one batch of files: what each worker process runs (and tests call)."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass

from planner.importers.activity import Activity, NotAnActivity, Refused
from planner.importers.fit import parse_fit
from planner.importers.gpx import parse_gpx
from planner.importers.sources import Source, read_sources
from planner.importers.tcx import parse_tcx

# Hostile or mangled bytes can trip a parser in ways no check foresaw.
_PARSER_TRIPS = (
    struct.error, ValueError, TypeError, LookupError, ArithmeticError, RecursionError, MemoryError,
)  # fmt: skip


@dataclass(frozen=True)
class Parsed:
    """One file's result: its activities (with what was damaged), why it holds no activity
    (skipped: a course, a workout), or why it was refused."""

    locator: str
    content_hash: str | None
    activities: tuple[Activity, ...] = ()
    damage: str | None = None
    refused: str | None = None
    skipped: str | None = None


def parse_bytes(kind: str, raw: bytes) -> tuple[list[Activity], str | None]:
    """The activities in one file's bytes and, for a damaged file, what was wrong."""
    if not raw:
        raise Refused("an empty file")
    if kind == "fit":
        return parse_fit(raw)
    if kind == "gpx":
        return parse_gpx(raw), None
    if kind == "tcx":
        return parse_tcx(raw), None
    raise Refused(f"not a file this reader knows ({kind})")


def parse_chunk(sources: Sequence[Source]) -> list[Parsed]:
    """Read and parse each source; a refusal or a crash on one file never stops the rest."""
    out: list[Parsed] = []
    for source, raw in read_sources(sources):
        if isinstance(raw, Refused):
            out.append(Parsed(source.locator, None, refused=raw.reason))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        try:
            found, damage = parse_bytes(source.kind, raw)
        except NotAnActivity as exc:
            out.append(Parsed(source.locator, digest, skipped=exc.reason))
        except Refused as exc:
            out.append(Parsed(source.locator, digest, refused=exc.reason))
        except _PARSER_TRIPS as exc:
            # One file that trips a parser is refused; the others are still read.
            reason = f"could not be read ({type(exc).__name__}: {exc})"[:200]
            out.append(Parsed(source.locator, digest, refused=reason))
        else:
            out.append(Parsed(source.locator, digest, tuple(found), damage))
    return out
