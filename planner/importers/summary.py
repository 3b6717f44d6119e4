"""An activity becomes a `run` event's data: checked for honesty, dated, TRIMP computed.

No coordinates and no samples leave this module: the event holds the summary only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from planner.core.days import runner_day, zone
from planner.core.load import banister_trimp, heart_rate
from planner.core.model import Profile
from planner.core.units import MAX_RUN_METRES, MAX_RUN_SECONDS
from planner.events import RunLogged
from planner.importers.activity import RUNNING, UNKNOWN, Activity, Refused

# Run ids start with a rank so that, of two copies of one activity, the fold (which keeps the
# smallest id) keeps the richer source: a watch's FIT over a TCX over a GPX over a CSV row.
FORMAT_RANK = {"fit": "1fit", "tcx": "2tcx", "gpx": "3gpx", "csv": "4csv"}
MIN_RUN_S = 60  # a shorter "run" is a watch started by mistake
EARLIEST_START = datetime(1990, 1, 1, tzinfo=UTC)  # before FIT, GPS watches and 1901 glitches
# With no sport in the file, an average pace in this range (2:30-10:00 per km) is a run.
RUN_PACE_S_PER_KM = (150.0, 600.0)
FASTEST_PACE_S_PER_KM = 100.0  # faster than 1:40 per km over a kilometre is no human run
HR_RANGE = (25, 250)


class FutureStart(Refused):
    """A start after the runner's today: refused today, but perhaps not once that day comes
    (a pinned --today, a runner's zone set wrong), so the file is read again next time."""


def run_id(kind: str, content_hash: str, index: int | None = None) -> str:
    """The id of a file's run: its format's rank and content hash (+ its index in the file)."""
    base = f"{FORMAT_RANK[kind]}-{content_hash[:24]}"
    return base if index is None else f"{base}-{index}"


def sport(activity: Activity) -> str:
    """The activity's sport; one whose file names none is a run when its pace is a runner's."""
    if activity.sport != UNKNOWN:
        return activity.sport
    if activity.distance_m >= 1000 and activity.elapsed_s > 0:
        pace = activity.elapsed_s / (activity.distance_m / 1000)
        if RUN_PACE_S_PER_KM[0] <= pace <= RUN_PACE_S_PER_KM[1]:
            return RUNNING
    return UNKNOWN


def run_data(
    activity: Activity,
    *,
    ident: str,
    source: str,
    source_hash: str,
    import_id: str,
    profile: Profile,
    today: date,
) -> RunLogged:
    """The `run` event for this activity; Refused when it is not an honest run."""
    start = start_of(activity, profile, today)
    elapsed, moving = _durations(activity)
    day = runner_day(start, profile.tz, profile.day_starts)
    avg_hr, max_hr = _beats(activity.avg_hr), _beats(activity.max_hr)
    if avg_hr is not None and max_hr is not None and max_hr < avg_hr:
        max_hr = None  # a maximum below the average is a broken field, not a heart rate
    return RunLogged(
        id=ident,
        date=day,
        start=start,
        distance_m=round(activity.distance_m, 1),
        moving_s=moving,
        elapsed_s=elapsed,
        avg_hr=avg_hr,
        max_hr=max_hr,
        trimp=_trimp(avg_hr, moving, profile, day),
        elevation_gain_m=_metres(activity.ascent_m),
        elevation_loss_m=_metres(activity.descent_m),
        rpe_estimated=False,
        sport=RUNNING,
        source=source,
        source_hash=source_hash,
        import_id=import_id,
    )


def start_of(activity: Activity, profile: Profile, today: date) -> datetime:
    """The activity's start, in the runner's zone if the file gave wall-clock time only.

    A run on a day after the runner's today (the plan's today: `--today` when pinned) has
    not happened yet: the device's clock was wrong.
    """
    start = activity.start
    if start is None:
        raise Refused("no start time in the file")
    if start.tzinfo is None:
        start = start.replace(tzinfo=zone(profile.tz))  # wall-clock time: the runner's zone
    if start < EARLIEST_START:
        raise Refused(
            f"its start time ({start:%Y-%m-%d %H:%M}) cannot be right: "
            "the device's clock was not set"
        )
    day = runner_day(start, profile.tz, profile.day_starts)
    if day > today:
        raise FutureStart(
            f"its start time ({start:%Y-%m-%d %H:%M}) is after today ({today}): "
            "the device's clock was wrong"
        )
    return start


def _durations(activity: Activity) -> tuple[int, int]:
    """(elapsed, moving) in whole seconds, after the checks that make it a run."""
    elapsed = activity.elapsed_s
    if elapsed < MIN_RUN_S:
        raise Refused(f"too short to count as a run ({elapsed:.0f} s)")
    if elapsed > MAX_RUN_SECONDS:
        raise Refused(f"longer than any run ({elapsed / 3600:.0f} hours)")
    if activity.distance_m > MAX_RUN_METRES:
        raise Refused(f"longer than any run (over {MAX_RUN_METRES / 1000:.0f} km)")
    if not activity.distance_m >= 0:  # negative, or NaN from a broken counter
        raise Refused(f"a distance below zero ({activity.distance_m:.0f} m) is no distance")
    moving = activity.moving_s if 0 < activity.moving_s <= elapsed else elapsed
    km = activity.distance_m / 1000
    if km >= 1 and moving / km < FASTEST_PACE_S_PER_KM:
        raise Refused(f"{km:.1f} km in {moving / 60:.0f} min is faster than any runner")
    return round(elapsed), round(moving)


def _beats(value: float | None) -> int | None:
    if value is None or not HR_RANGE[0] <= value <= HR_RANGE[1]:
        return None
    return round(value)


def _metres(value: float | None) -> float | None:
    return None if value is None or value < 0 else round(value, 1)


def _trimp(avg_hr: int | None, moving_s: int, profile: Profile, day: date) -> float | None:
    """Banister TRIMP at import, with the profile's HR max and rest or their estimates."""
    if avg_hr is None:
        return None
    heart = heart_rate(profile, profile.age_on(day))
    return round(banister_trimp(moving_s / 60, avg_hr, heart.rest, heart.max, heart.sex), 1)
