"""A hybrid logical clock: stamps that follow wall time but never go backwards."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

DAY_MS = 24 * 60 * 60 * 1000
MAX_COUNTER = 9999
STAMP_RE = re.compile(r"(\d{13})-(\d{4})")


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


def format_stamp(wall_ms: int, counter: int) -> str:
    # Fixed width, so comparing the strings compares the times.
    return f"{wall_ms:013d}-{counter:04d}"


def parse_stamp(hlc: str) -> tuple[int, int]:
    """(wall ms, counter) of a stamp; ValueError if it is not one."""
    match = STAMP_RE.fullmatch(hlc)
    if match is None:
        raise ValueError(f"not a clock stamp: {hlc!r}")
    return int(match.group(1)), int(match.group(2))


class HybridClock:
    """Issues stamps greater than every stamp it has issued or observed."""

    def __init__(self, wall_ms: Callable[[], int] = _wall_ms) -> None:
        self._wall = wall_ms
        self._ms = 0
        self._counter = -1

    def observe(self, hlc: str) -> bool:
        """Catch up to a stamp seen on disk; False (not taken) if it is over a day ahead."""
        ms, counter = parse_stamp(hlc)
        if ms > self._wall() + DAY_MS:
            # A device with a wrong clock must not drag every later stamp into its future.
            return False
        if (ms, counter) > (self._ms, self._counter):
            self._ms, self._counter = ms, counter
        return True

    def tick(self) -> str:
        """The next stamp."""
        now = self._wall()
        if now > self._ms:
            self._ms, self._counter = now, 0
        elif self._counter < MAX_COUNTER:
            self._counter += 1
        else:
            # The counter is fixed width: borrow the next millisecond instead of overflowing.
            self._ms, self._counter = self._ms + 1, 0
        return format_stamp(self._ms, self._counter)

    def wall_ms(self) -> int:
        """This machine's wall clock, as the clock sees it (for warnings)."""
        return self._wall()
