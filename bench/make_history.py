"""Write a deterministic, realistic multi-year history as event files (for benchmarks).

    python bench/make_history.py --years 10 --devices 2 DIR

Runs on most days with a weekly structure (quality on Tuesday and Friday, a long run on
Sunday), a race every ~10 weeks, a morning check-in most days, ticks of the day's items, a
profile change now and then, spread over K devices' event folders. One action, one file,
as the app writes them: 10 years and 2 devices give about 30,000 files. Files are written
directly (no fsync) with the store's own encoder and naming, and stamped at the time the
action happened, so month folders look as they would after years of use.
"""

from __future__ import annotations

import argparse
import os
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from planner.events import Recorded, decode
from planner.store.clock import format_stamp
from planner.store.eventfile import encode_file, envelope

WEEK = {  # weekday -> (type, minutes, rpe, km/h)
    0: ("recovery", 30, 3, 9.5),
    1: ("intervals", 55, 8, 12.0),
    2: ("easy", 45, 4, 10.5),
    4: ("tempo", 45, 7, 12.0),
    5: ("easy", 40, 4, 10.5),
    6: ("long", 100, 5, 10.0),
}
ITEMS = (
    "warm_up", "hydration", "stretching", "yoga", "foam_rolling",
    "meal:breakfast", "meal:lunch", "meal:dinner", "meal:recovery",
)  # fmt: skip


class Writer:
    """Writes event files the way a device would, with stamps at the given instants."""

    def __init__(self, root: Path, devices: list[str]) -> None:
        self.events_dir = root / "events"
        self.devices = devices
        self.counter = 0
        self.files = 0

    def write(self, device: str, when: datetime, items: list[tuple[str, dict[str, Any]]]) -> None:
        ms = int(when.timestamp() * 1000)
        self.counter = (self.counter + 1) % 10_000
        stamps = [format_stamp(ms, (self.counter + i) % 10_000) for i in range(len(items))]
        stem = f"{stamps[0]}-{device}-{self.files:06x}"
        ids = [stem] if len(items) == 1 else [f"{stem}.{i}" for i in range(len(items))]
        events = [
            Recorded(i, hlc, device, decode(kind, data))
            for i, hlc, (kind, data) in zip(ids, stamps, items, strict=True)
        ]
        folder = self.events_dir / device / when.strftime("%Y-%m")
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"{stem}.toml"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(encode_file([envelope(e) for e in events]))
        self.files += 1


def make_history(root: Path, years: int, devices: int, end: date, seed: int = 7) -> int:
    rng = random.Random(seed)
    names = [f"dev{n:07d}" for n in range(devices)]
    writer = Writer(root, names)
    start = end - timedelta(days=round(365.25 * years))
    writer.write(names[0], _at(start, 6), [("profile", _profile(end, 52))])
    day = start
    while day < end:
        device = names[rng.randrange(devices)]
        _one_day(writer, device, day, rng)
        day += timedelta(days=1)
    return writer.files


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _profile(end: date, age: int) -> dict[str, Any]:
    born = date(end.year - age, 3, 14)
    return {"birth_date": born, "sex": "m", "weight_kg": 72.0, "tz": "UTC", "units": "metric"}


def _one_day(writer: Writer, device: str, day: date, rng: random.Random) -> None:
    if rng.random() < 0.9:
        checkin = {"date": day, "soreness": rng.choice([0, 1, 1, 2, 2, 3, 4, 5])}
        writer.write(device, _at(day, 6, rng.randrange(60)), [("checkin", checkin)])
    planned = WEEK.get(day.weekday())
    if planned is not None and rng.random() < 0.92:
        race = day.weekday() == 6 and day.toordinal() % 70 == 0
        writer.write(device, _at(day, 9), [("run", _run(day, planned, race, rng))])
    for n, item in enumerate(ITEMS):
        if rng.random() < 0.72:
            tick = {"date": day, "item": item}
            writer.write(device, _at(day, 10 + n, rng.randrange(60)), [("check", tick)])
    if rng.random() < 0.004:
        writer.write(device, _at(day, 20), [("profile", {"weight_kg": rng.uniform(68, 76)})])


def _run(
    day: date, planned: tuple[str, int, int, float], race: bool, rng: random.Random
) -> dict[str, Any]:
    kind, minutes, rpe, kmh = ("race", 45, 9, 13.0) if race else planned
    moving = int(minutes * 60 * rng.uniform(0.9, 1.1))
    return {
        "id": f"h-{day.isoformat()}",
        "date": day,
        "start": _at(day, 7, rng.randrange(50)),
        "distance_m": round(moving / 3600 * kmh * 1000, 1),
        "moving_s": moving,
        "elapsed_s": moving + rng.randrange(300),
        "rpe": rpe,
        "rpe_estimated": False,
        "type": kind,
        "sport": "running",
        "source": "bench",
        "avg_hr": 120 + rpe * 6,
        "note": "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="the data dir to create (must not exist)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--devices", type=int, default=2)
    parser.add_argument("--end", type=date.fromisoformat, default=date(2026, 11, 28))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, mode=0o700)
    files = make_history(args.dir, args.years, args.devices, args.end)
    print(f"{files} event files in {args.dir}")


if __name__ == "__main__":
    main()
