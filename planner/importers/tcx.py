"""TCX files to activities: one per <Activity>, with distance and time from the laps.

A lap's DistanceMeters and TotalTimeSeconds are what the device measured, so they are used
unless they contradict the activity's own track: the trackpoints' DistanceMeters (a running
counter that some apps do not start at zero: its span counts) or, without it, the distance
between positions. Then the track is read, and the activity says so in its note.
Treadmill runs have no positions and need none.
Activities inside a MultiSportSession are read like any other; Courses are not activities.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime

from planner.importers.activity import (
    Activity,
    NotAnActivity,
    Refused,
    climb,
    haversine_m,
    sport_of,
)
from planner.importers.xmlsafe import elements, local, namespace, number, root_tag, when

# A GPS track and a watch's smoothed or foot-pod distance differ by a few percent (3% is
# common, the samples differ by up to 2.4%); laps more than 10% off their own track describe
# something else (a lap cut short, laps lost, a distance in the wrong unit).
LAP_TRACK_TOLERANCE = 0.10


@dataclass
class _Points:
    """What an activity's trackpoints add up to (gathered as they stream past)."""

    times: list[datetime] = field(default_factory=list)
    beats: list[float] = field(default_factory=list)
    altitudes: list[float] = field(default_factory=list)
    distances: list[float] = field(default_factory=list)
    position_m: float = 0.0  # the distance between positions, summed as they stream past
    last_position: tuple[float, float] | None = None


class _Tags:
    """The TCX element names in the file's namespace, built once per file."""

    def __init__(self, ns: str) -> None:
        self.activity, self.lap, self.trackpoint = ns + "Activity", ns + "Lap", ns + "Trackpoint"
        self.course, self.workout, self.id = ns + "Course", ns + "Workout", ns + "Id"
        self.time, self.altitude = ns + "Time", ns + "AltitudeMeters"
        self.distance, self.total_time = ns + "DistanceMeters", ns + "TotalTimeSeconds"
        self.hr = f"{ns}HeartRateBpm/{ns}Value"
        self.avg_hr = f"{ns}AverageHeartRateBpm/{ns}Value"
        self.max_hr = f"{ns}MaximumHeartRateBpm/{ns}Value"
        self.lat = f"{ns}Position/{ns}LatitudeDegrees"
        self.lon = f"{ns}Position/{ns}LongitudeDegrees"


def parse_tcx(raw: bytes) -> list[Activity]:
    """Every activity in a TCX file; Refused when it has none."""
    root = root_tag(raw)
    if local(root) != "TrainingCenterDatabase":
        raise Refused(f"not a TCX file (its root element is <{local(root)}>)")
    t = _Tags(namespace(root))
    found: list[Activity] = []
    planned: str | None = None  # "course" or "workout", when the file holds one
    points = _Points()
    for element in elements(raw):
        tag = element.tag
        if tag == t.trackpoint:
            _point(points, element, t)
            element.clear()
        elif tag == t.activity:
            found.append(_activity(element, points, t))
            points = _Points()
            element.clear()
        elif tag in (t.course, t.workout):
            points = _Points()  # a planned route's points belong to no activity
            planned = planned or ("course" if tag == t.course else "workout")
            element.clear()
    if not found and planned:
        raise NotAnActivity(f"{planned} file, not an activity")
    if not found:
        raise Refused("no activity in this TCX file")
    return found


def _point(points: _Points, element: ET.Element, t: _Tags) -> None:
    at = when(element.findtext(t.time))
    if at is not None:
        points.times.append(at)
    hr = number(element.findtext(t.hr))
    if hr is not None and 25 <= hr <= 250:
        points.beats.append(hr)
    alt = number(element.findtext(t.altitude))
    if alt is not None:
        points.altitudes.append(alt)
    dist = number(element.findtext(t.distance))
    if dist is not None:
        points.distances.append(dist)
    lat, lon = number(element.findtext(t.lat)), number(element.findtext(t.lon))
    if lat is not None and lon is not None:
        if points.last_position is not None:
            points.position_m += haversine_m(*points.last_position, lat, lon)
        points.last_position = (lat, lon)


def _activity(element: ET.Element, points: _Points, t: _Tags) -> Activity:
    laps = element.findall(t.lap)
    starts = [s for s in (when(lap.get("StartTime")) for lap in laps) if s is not None]
    start = min([*starts, *points.times[:1]], default=when(element.findtext(t.id)))
    timer = sum(number(lap.findtext(t.total_time)) or 0.0 for lap in laps)
    distance, note = _distance(laps, points, t)
    span = (max(points.times) - start).total_seconds() if points.times and start else 0.0
    avg_hr, max_hr = _heart_rate(laps, points, t)
    gain_loss = climb(points.altitudes)
    label = element.get("Sport", "")
    return Activity(
        sport=sport_of(label),
        start=start,
        elapsed_s=max(timer, span),
        moving_s=timer or span,
        distance_m=round(distance, 1),
        avg_hr=avg_hr,
        max_hr=max_hr,
        ascent_m=gain_loss[0] if gain_loss else None,
        descent_m=gain_loss[1] if gain_loss else None,
        label=label,
        note=note,
    )


def _distance(laps: list[ET.Element], points: _Points, t: _Tags) -> tuple[float, str]:
    """The laps' distance, or the track's when the laps contradict it (with a note saying so)."""
    counted = max(points.distances) - min(points.distances) if points.distances else 0.0
    track = counted or points.position_m
    lap_metres = [number(lap.findtext(t.distance)) for lap in laps]
    if not laps or any(m is None for m in lap_metres):
        return track, ""
    by_laps = sum(m or 0.0 for m in lap_metres)
    if track > 0 and abs(by_laps - track) > LAP_TRACK_TOLERANCE * max(by_laps, track):
        return track, (
            f"its laps say {by_laps / 1000:.2f} km but its track {track / 1000:.2f} km: "
            "the distance is the track's"
        )
    return by_laps, ""


def _heart_rate(laps: list[ET.Element], points: _Points, t: _Tags) -> tuple[float | None, ...]:
    """Lap averages weighted by lap time when every lap has one; else the trackpoints'."""
    averages = [number(lap.findtext(t.avg_hr)) for lap in laps]
    seconds = [number(lap.findtext(t.total_time)) or 0.0 for lap in laps]
    maxima = [number(lap.findtext(t.max_hr)) for lap in laps]
    if laps and all(a is not None for a in averages) and sum(seconds) > 0:
        avg = sum((a or 0.0) * s for a, s in zip(averages, seconds, strict=True)) / sum(seconds)
    elif points.beats:
        avg = sum(points.beats) / len(points.beats)
    else:
        return None, None
    known = [m for m in maxima if m is not None] + points.beats
    return avg, max(known) if known else None
