"""The same activity from another source, found at import by the fold's own rule."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import datetime

from planner.core.model import Run
from planner.importers.activity import RUNNING
from planner.projections.same_activity import DUPLICATE_START_S, same_measures


class Twins:
    """Runs by start time, to find the same activity from another source (the fold's rule)."""

    def __init__(self, runs: Sequence[Run]) -> None:
        timed = [r for r in runs if r.start is not None and r.sport == RUNNING]
        self._keys = sorted((r.start.timestamp(), r.id) for r in timed if r.start)
        self._measures = {r.id: (r.distance_m, float(r.elapsed_s)) for r in timed}

    def find(self, start: datetime, distance_m: float, elapsed_s: float) -> str | None:
        at = start.timestamp()
        low = bisect.bisect_left(self._keys, (at - DUPLICATE_START_S, ""))
        for when, ident in self._keys[low:]:
            if when > at + DUPLICATE_START_S:
                break
            if same_measures(*self._measures[ident], distance_m, elapsed_s):
                return ident
        return None

    def add(self, start: datetime, distance_m: float, elapsed_s: float, ident: str) -> None:
        bisect.insort(self._keys, (start.timestamp(), ident))
        self._measures[ident] = (distance_m, elapsed_s)
