"""A demo runner: a deterministic 12-week history of a 52-year-old, in a fresh temp data dir."""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from planner.datadir import DataDir
from planner.events import Check, Event, ProfileSet, RunLogged
from planner.service import Planner

WEEKS = 12
# A masters runner's week: quality on Tuesday, easy midweek, a long run on Saturday.
# (weekday, type, minutes, rpe, km per hour); None means no run that day.
# Two hard sessions a week with two easy days between them, as the plan asks at 52; the long
# run stays under 90 minutes at an easy effort, so it is not a third.
WEEK: dict[int, tuple[str, int, int, float]] = {
    0: ("recovery", 30, 3, 9.0),
    1: ("intervals", 50, 8, 11.0),
    3: ("easy", 45, 4, 10.0),
    4: ("tempo", 40, 7, 11.5),
    5: ("long", 80, 4, 9.8),
}


def demo_events(today: date) -> list[Event]:
    """The demo's events, the same for the same `today` (a seeded generator, no clock)."""
    rng = random.Random(52)
    events: list[Event] = [
        ProfileSet(
            birth_date=today - relativedelta(years=52, months=5, days=11),
            sex="f",
            weight_kg=61.0,
            units="metric",
            hr_max=172,
            hr_rest=52,
            years_running=9.0,
            tz="UTC",
        )
    ]
    first = today - timedelta(weeks=WEEKS)
    for offset in range((today - first).days):
        day = first + timedelta(days=offset)
        planned = WEEK.get(day.weekday())
        if planned is None or rng.random() < 0.08:  # now and then life gets in the way
            continue
        events.append(_demo_run(day, planned, rng))
        events += _demo_ticks(day, rng)
    return events


def _demo_run(day: date, planned: tuple[str, int, int, float], rng: random.Random) -> RunLogged:
    kind, minutes, rpe, kmh = planned
    moving = int(minutes * 60 * rng.uniform(0.9, 1.1))
    distance = round(moving / 3600 * kmh * 1000 * rng.uniform(0.97, 1.03), 1)
    start = datetime.combine(day, time(7, rng.randrange(0, 50)), tzinfo=UTC)
    return RunLogged(
        id=f"demo-{day.isoformat()}",
        date=day,
        start=start,
        distance_m=distance,
        moving_s=moving,
        elapsed_s=moving + rng.randrange(0, 240),
        rpe=rpe,
        rpe_estimated=False,
        type=kind,
        sport="running",
        source="demo",
        avg_hr=120 + rpe * 6 + rng.randrange(-3, 4),
        note="",
    )


def _demo_ticks(day: date, rng: random.Random) -> list[Event]:
    items = ["hydration", "stretching", "meal:recovery", "foam_rolling", "yoga"]
    return [Check(day, item) for item in items if rng.random() < 0.75]


def open_demo(today: date | None = None) -> Planner:
    """A Planner on a new private temp dir seeded with the demo runner's history."""
    root = Path(tempfile.mkdtemp(prefix="planner-demo-"))
    data = DataDir(root / "data", state=root / "state", cache=root / "cache")
    planner = Planner(data, today=today)
    data.append_batch(demo_events(planner.today()))
    return planner
