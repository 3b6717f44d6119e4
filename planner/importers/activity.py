"""What every format's parser returns: one activity's summary, and the sums they share."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

RUNNING = "running"
UNKNOWN = "unknown"
EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG): haversine's error is well under 1%
# A step slower than this is standing still (GPS jitter), not moving: gpxpy uses 1 km/h too.
STOPPED_SPEED_MS = 1.0 / 3.6
# A recording gap longer than this is a pause, unless it covered ground at a running pace.
PAUSE_GAP_S = 60.0
GAP_RUNNING_SPEED_MS = 1.5
# Barometric and GPS altitude wobble by a metre or two: climbs smaller than this are noise.
ELEVATION_NOISE_M = 3.0


class Refused(Exception):
    """A file (or one activity in it) that cannot give an honest run; the message says why."""

    @property
    def reason(self) -> str:
        return str(self.args[0])


class NotAnActivity(Refused):
    """A file that is sound but holds no activity by its nature (a course, a workout, settings).

    It is skipped, not refused: nothing is wrong with it, it simply records no run.
    """


@dataclass(frozen=True)
class Activity:
    """One activity as a file tells it: a summary, never a track.

    `start` is time-zone aware when the file says which instant it was; a naive `start` is
    the runner's wall-clock time (a CSV's local dates, a FIT file whose clock is relative)
    and is placed in the runner's zone at import.
    """

    sport: str  # RUNNING, another sport's name, or UNKNOWN when the file does not say
    start: datetime | None
    elapsed_s: float
    moving_s: float
    distance_m: float
    avg_hr: float | None = None
    max_hr: float | None = None
    ascent_m: float | None = None
    descent_m: float | None = None
    label: str = ""  # the file's own word for the sport, for the summary
    note: str = ""  # how it was read, when that is not the usual way


# The words files and exports use for running, lower-cased; anything else is another sport.
_RUN_WORDS = ("run", "løb", "lauf", "jog", "course à pied")
_NOT_RUN_WORDS = ("langlauf", "walk", "rowing", "ski")


def is_running(label: str) -> bool:
    """True if a sport label names running (Run, Trail Running, Løb, Laufen, running...)."""
    word = label.strip().lower()
    if not word or any(w in word for w in _NOT_RUN_WORDS):
        return False
    return any(w in word for w in _RUN_WORDS)


def sport_of(label: str | None) -> str:
    """A file's sport label as our sport: RUNNING, UNKNOWN, or the label in lower case."""
    if label is None or not label.strip():
        return UNKNOWN
    return RUNNING if is_running(label) else label.strip().lower()


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def climb(altitudes: Iterable[float]) -> tuple[float, float] | None:
    """(gain, loss) in metres, counting only changes larger than the sensor's noise."""
    anchor: float | None = None
    gain = loss = 0.0
    seen = False
    for alt in altitudes:
        seen = True
        if anchor is None:
            anchor = alt
        elif alt - anchor >= ELEVATION_NOISE_M:
            gain += alt - anchor
            anchor = alt
        elif anchor - alt >= ELEVATION_NOISE_M:
            loss += anchor - alt
            anchor = alt
    return (round(gain, 1), round(loss, 1)) if seen else None


def is_moving(seconds: float, metres: float) -> bool:
    """Whether one step between two track points was moving time (not a pause or a stop)."""
    if seconds <= 0:
        return False
    speed = metres / seconds
    if seconds > PAUSE_GAP_S:
        return speed >= GAP_RUNNING_SPEED_MS
    return speed >= STOPPED_SPEED_MS


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
