"""FIT files to activities: one per session (a multisport file's legs are separate activities)."""

from __future__ import annotations

import bisect
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from planner.importers.activity import (
    UNKNOWN,
    Activity,
    NotAnActivity,
    Refused,
    mean,
    sport_of,
)
from planner.importers.fitprofile import (
    ACTIVITY_FILE_TYPES,
    FITNESS_EQUIPMENT,
    TREADMILL_SUB_SPORTS,
    not_an_activity,
    sport_name,
)
from planner.importers.fitread import FIT_EPOCH_S, RELATIVE_TIME_LIMIT, FitContent, NotFit, read_fit

_MAX_UTC_OFFSET_S = 14 * 3600


def parse_fit(raw: bytes) -> tuple[list[Activity], str | None]:
    """The activities of a FIT file and, for a damaged one, what was wrong with it."""
    try:
        content = read_fit(raw)
    except NotFit as exc:
        raise Refused(str(exc)) from None
    _must_be_an_activity(content)
    clock = _Clock(content)
    if content.sessions:
        found = [_from_summary(s, content, clock, _session_sport(i, s, content))
                 for i, s in enumerate(content.sessions)]  # fmt: skip
    elif content.laps or content.records:
        found = [_without_session(content, clock)]
    else:
        problem = f"; {content.error}" if content.error else ""
        raise Refused(f"no activity in this FIT file (no session, lap or record){problem}")
    return found, content.error


def _must_be_an_activity(content: FitContent) -> None:
    """A course, a workout or settings is no run, though a course has laps and timed records.

    A file without a readable file_id is judged by what it holds, as before: damaged
    activities often lose their first message. Chained files count if any is an activity.
    """
    types = [int(f["type"]) for f in content.file_ids if "type" in f]
    if types and not any(t in ACTIVITY_FILE_TYPES for t in types):
        raise NotAnActivity(not_an_activity(types[0]))


class _Clock:
    """Turns FIT timestamps into datetimes: UTC with the device's offset, or local wall time.

    A device without a clock fix writes times relative to its power-up (< 0x10000000); the
    activity message's local_timestamp then ties them to the runner's wall clock.
    """

    def __init__(self, content: FitContent) -> None:
        self.zone: timezone | None = None
        self.local_shift: int | None = None  # add to a relative time to get local wall time
        for act in content.activities:
            ts, local = act.get("timestamp"), act.get("local_timestamp")
            if ts is None or local is None or local < RELATIVE_TIME_LIMIT:
                continue
            if ts >= RELATIVE_TIME_LIMIT and abs(local - ts) <= _MAX_UTC_OFFSET_S:
                # Offsets come in quarter hours; the two stamps may be a second apart.
                quarter = round((local - ts) / 900) * 900
                self.zone = timezone(timedelta(seconds=quarter))
            elif ts < RELATIVE_TIME_LIMIT:
                self.local_shift = int(local - ts)

    def at(self, ts: float | None) -> datetime | None:
        if ts is None:
            return None
        if ts >= RELATIVE_TIME_LIMIT:
            instant = datetime.fromtimestamp(FIT_EPOCH_S + ts, tz=UTC)
            return instant.astimezone(self.zone) if self.zone else instant
        if self.local_shift is not None:
            wall = datetime.fromtimestamp(FIT_EPOCH_S + ts + self.local_shift, tz=UTC)
            return wall.replace(tzinfo=None)  # the runner's wall clock: placed in their zone
        raise Refused(
            "its times are relative to the device's power-up and nothing in the file "
            "ties them to a date"
        )


def _session_sport(index: int, session: dict[str, float], content: FitContent) -> str:
    """The session's sport; else the matching sport message (multisport files have one each)."""
    code, sub = session.get("sport"), session.get("sub_sport")
    if code is None and content.sports:
        sport = content.sports[min(index, len(content.sports) - 1)]
        code, sub = sport.get("sport"), sport.get("sub_sport")
    return _sport_name(code, sub)


def _sport_name(code: float | None, sub: float | None = None) -> str:
    """Our sport for a FIT sport: running-like names are runs (sport_of), others by name."""
    if code is None:
        return UNKNOWN
    if int(code) == FITNESS_EQUIPMENT and sub is not None and int(sub) in TREADMILL_SUB_SPORTS:
        return UNKNOWN  # judged by its pace, like a file that names no sport
    return sport_of(sport_name(int(code)))


def _from_summary(
    msg: dict[str, float], content: FitContent, clock: _Clock, sport: str
) -> Activity:
    """A session (or lap) message as an activity; heart rate from records when it has none."""
    elapsed = msg.get("total_elapsed_time", msg.get("total_timer_time", 0.0))
    start_ts = msg.get("start_time")
    if start_ts is None and "timestamp" in msg:
        start_ts = msg["timestamp"] - elapsed  # a summary is stamped when it ends
    moving = msg.get("total_moving_time", msg.get("total_timer_time", elapsed))
    avg_hr, max_hr = msg.get("avg_heart_rate"), msg.get("max_heart_rate")
    if avg_hr is None and start_ts is not None:
        avg_hr, max_hr = _record_hr(content, start_ts, start_ts + elapsed)
    return Activity(
        sport=sport,
        start=clock.at(start_ts),
        elapsed_s=elapsed,
        moving_s=min(moving, elapsed) if elapsed else moving,
        distance_m=msg.get("total_distance", 0.0),
        avg_hr=avg_hr,
        max_hr=max_hr,
        ascent_m=msg.get("total_ascent"),
        descent_m=msg.get("total_descent"),
        label=sport,
    )


def _record_hr(content: FitContent, start: float, end: float) -> tuple[float | None, float | None]:
    """Mean and max heart rate of the records inside [start, end]."""
    stamps = [r[0] for r in content.records]
    low, high = bisect.bisect_left(stamps, start), bisect.bisect_right(stamps, end)
    beats = [hr for _, hr, _ in content.records[low:high] if hr is not None]
    return mean(beats), (max(beats) if beats else None)


def _without_session(content: FitContent, clock: _Clock) -> Activity:
    """A file cut short before its session message: the laps if they cover the records."""
    if not content.laps:
        return _from_records(content, clock)
    from_laps = _from_laps(content, clock)
    stamps = [r[0] for r in content.records]
    span = (max(stamps) - min(stamps)) if stamps else 0
    # A device writes a lap when it ends: in a file cut short the last laps are missing.
    return from_laps if from_laps.elapsed_s >= 0.9 * span else _from_records(content, clock)


def _from_laps(content: FitContent, clock: _Clock) -> Activity:
    """A file with laps but no session (cut short before it): the laps add up to the run."""
    laps = content.laps
    total: dict[str, Any] = {"start_time": laps[0].get("start_time", laps[0].get("timestamp"))}
    for key in ("total_elapsed_time", "total_timer_time", "total_distance",
                "total_ascent", "total_descent"):  # fmt: skip
        values = [lap[key] for lap in laps if key in lap]
        if values:
            total[key] = sum(values)
    sport = _sport_name(laps[0].get("sport"))
    if sport == UNKNOWN and content.sports:
        sport = _sport_name(content.sports[0].get("sport"), content.sports[0].get("sub_sport"))
    found = _from_summary(total, content, clock, sport)
    return _noted(found, "summed from its laps: the file has no session message")


def _from_records(content: FitContent, clock: _Clock) -> Activity:
    """A file with records only: times and distance from the first and last record."""
    records = content.records
    first, last = records[0][0], records[-1][0]
    distances = [d for _, _, d in records if d is not None]
    beats = [hr for _, hr, _ in records if hr is not None]
    said = content.sports[0] if content.sports else {}
    sport = _sport_name(said.get("sport"), said.get("sub_sport"))
    found = Activity(
        sport=sport,
        start=clock.at(first),
        elapsed_s=float(last - first),
        moving_s=float(last - first),
        distance_m=max(distances) if distances else 0.0,
        avg_hr=mean(beats),
        max_hr=max(beats) if beats else None,
        label=sport,
    )
    return _noted(found, "summed from its records: the file has no session message")


def _noted(activity: Activity, note: str) -> Activity:
    return replace(activity, note=note)
