"""GPX 1.0 and 1.1 tracks to one activity: distance by haversine, moving time without pauses.

A file is one activity: its tracks and segments are joined, but distance and moving time
never bridge two segments (a segment break is the device saying it stopped recording).
Heart rate comes from any extension element named hr or heartrate (Garmin's
TrackPointExtension, Polar, Suunto, GPX 1.0 files with extensions alike).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime

from planner.importers.activity import (
    RUNNING,
    UNKNOWN,
    Activity,
    Refused,
    climb,
    haversine_m,
    is_moving,
    is_running,
    sport_of,
)
from planner.importers.xmlsafe import elements, local, namespace, number, root_tag, when

_HR_NAMES = frozenset({"hr", "heartrate", "heart_rate"})
# Strava writes its activity type as a number in GPX <type>: 9 is a run, 1 a ride.
_NUMBERED_TYPES = {"1": "cycling", "9": "running"}
# Fewer timed points than this share leaves the duration a guess: refuse rather than guess.
MIN_TIMED_SHARE = 0.5


@dataclass
class _Track:
    """Running sums over the points read so far."""

    label: str | None = None
    name: str = ""
    points: int = 0
    timed: list[datetime] = field(default_factory=list)
    distance_m: float = 0.0
    moving_s: float = 0.0
    beats: list[float] = field(default_factory=list)
    altitudes: list[float] = field(default_factory=list)
    last: tuple[float | None, float | None, datetime | None] | None = None

    def add(self, lat: float | None, lon: float | None, at: datetime | None) -> None:
        self.points += 1
        if at is not None:
            self.timed.append(at)
        prev, self.last = self.last, (lat, lon, at)
        if prev is None or None in (lat, lon, prev[0], prev[1]):
            return
        step = haversine_m(prev[0], prev[1], lat, lon)  # type: ignore[arg-type]
        self.distance_m += step
        if at is not None and prev[2] is not None:
            seconds = (at - prev[2]).total_seconds()
            if is_moving(seconds, step):
                self.moving_s += seconds


def parse_gpx(raw: bytes) -> list[Activity]:
    """The one activity of a GPX file, or Refused with the reason."""
    root = root_tag(raw)
    if local(root) != "gpx":
        raise Refused(f"not a GPX file (its root element is <{local(root)}>)")
    ns = namespace(root)
    trkpt, trkseg, trk_type = f"{ns}trkpt", f"{ns}trkseg", f"{ns}type"
    time_tag, ele_tag, ext_tag = f"{ns}time", f"{ns}ele", f"{ns}extensions"
    trk = f"{ns}trk"
    track = _Track()
    for element in elements(raw):
        tag = element.tag
        if tag == trkpt:
            _point(track, element, time_tag, ele_tag, ext_tag)
            element.clear()  # a long track must not stay in memory
        elif tag == trkseg:
            track.last = None
        elif tag == trk:
            # Read at the track's end, so a waypoint's <type> is never taken for the sport.
            if track.label is None:
                track.label = (element.findtext(trk_type) or "").strip() or None
            track.name = track.name or (element.findtext(f"{ns}name") or "")
            element.clear()
    return [_activity(track)]


def _point(track: _Track, element: ET.Element, time_tag: str, ele_tag: str, ext_tag: str) -> None:
    at = ele = None
    for child in element:
        if child.tag == time_tag:
            at = when(child.text)
        elif child.tag == ele_tag:
            ele = number(child.text)
        elif child.tag == ext_tag:
            for sub in child.iter():
                if local(sub.tag).lower() in _HR_NAMES:
                    hr = number(sub.text)
                    if hr is not None and 25 <= hr <= 250:
                        track.beats.append(hr)
    if ele is not None:
        track.altitudes.append(ele)
    track.add(number(element.get("lat")), number(element.get("lon")), at)


def _activity(track: _Track) -> Activity:
    if track.points == 0:
        raise Refused("no track in this GPX file (waypoints or routes only)")
    if len(track.timed) < 2 or len(track.timed) < MIN_TIMED_SHARE * track.points:
        raise Refused(
            f"only {len(track.timed)} of {track.points} track points carry a time, "
            "so the run's duration is unknown"
        )
    start, end = min(track.timed), max(track.timed)
    elapsed = (end - start).total_seconds()
    gain_loss = climb(track.altitudes)
    return Activity(
        sport=_sport(track),
        start=start,
        elapsed_s=elapsed,
        moving_s=min(track.moving_s, elapsed),
        distance_m=round(track.distance_m, 1),
        avg_hr=sum(track.beats) / len(track.beats) if track.beats else None,
        max_hr=max(track.beats) if track.beats else None,
        ascent_m=gain_loss[0] if gain_loss else None,
        descent_m=gain_loss[1] if gain_loss else None,
        label=track.label or "",
    )


def _sport(track: _Track) -> str:
    """The track's <type>, else a name like "Morning Run", else unknown (judged by pace)."""
    if track.label:
        return sport_of(_NUMBERED_TYPES.get(track.label, track.label))
    return RUNNING if is_running(track.name) else UNKNOWN
