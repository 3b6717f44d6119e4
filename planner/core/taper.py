"""Races the runner entered: the taper before one, race day, and the reverse taper after."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.core.errors import InputError
from planner.core.history import Timeline
from planner.core.model import Race
from planner.core.rules import PlanRules
from planner.core.units import parse_distance
from planner.core.wording import count, day_label, percent

MAX_RACE_NAME = 80

NAMED_DISTANCES = ((42.0, 42.4, "marathon"), (21.0, 21.2, "half marathon"), (9.9, 10.1, "10K"),
                   (4.9, 5.1, "5K"))  # fmt: skip


def race_label(distance_m: float) -> str:
    km = distance_m / 1000
    return next((name for lo, hi, name in NAMED_DISTANCES if lo <= km <= hi), f"{km:.1f} km race")


def entered_label(race: Race) -> str:
    """ "your marathon (Berlin)" """
    name = f" ({race.name})" if race.name else ""
    return f"your {race_label(race.distance_m)}{name}"


@dataclass(frozen=True)
class Taper:
    """A day inside the taper before an entered race."""

    race: Race
    days_to_go: int  # 1 on the day before the race
    taper_days: int

    def no_hard(self, rules: PlanRules) -> bool:
        return self.days_to_go <= rules.taper.no_hard_days

    def race_week(self, rules: PlanRules) -> bool:
        """The last 7 days: one race-pace session is all the hard running left (raceweek.py)."""
        return self.days_to_go <= 7

    def share(self, rules: PlanRules) -> float:
        """Of the usual run: the taper's share in the last week, more in the week before."""
        if self.race_week(rules):
            return rules.taper.volume_share
        return rules.race_week.second_week_share

    def no_top_rpe(self, rules: PlanRules) -> bool:
        return self.days_to_go <= rules.race_week.no_top_rpe_days


def taper_on(races: Iterable[Race], day: date, rules: PlanRules) -> Taper | None:
    """The taper `day` is in: the nearest entered race after it whose taper has begun."""
    for race in sorted(races, key=lambda r: (r.date, r.id)):
        to_go = (race.date - day).days
        if to_go < 1:
            continue
        days = rules.taper.days_for(race.distance_m)
        return Taper(race, to_go, days) if to_go <= days else None
    return None


def race_on(races: Iterable[Race], day: date) -> Race | None:
    """The longest entered race on `day`, if any."""
    on_day = [r for r in races if r.date == day]
    return max(on_day, key=lambda r: (r.distance_m, r.id)) if on_day else None


def taper_reason(t: Taper, rules: PlanRules) -> str:
    share = percent(t.share(rules))
    week = "race week" if t.race_week(rules) else "the week before race week"
    head = (
        f"Taper for {entered_label(t.race)} on {day_label(t.race.date)}, "
        f"{count(t.days_to_go, 'day')} away: {week}, runs at {share} of their usual length, "
        f"long run included ({t.taper_days}-day taper; Bosquet 2007)"
    )
    if t.no_hard(rules):
        return f"{head}; no hard session in the last {rules.taper.no_hard_days} days."
    if t.no_top_rpe(rules):
        top = rules.sizing.top_rpe
        return f"{head}; nothing at {top}/10 in the last {rules.race_week.no_top_rpe_days} days."
    return f"{head}; quality sessions keep their intensity, at the shorter length."


def race_day_reason(race: Race) -> str:
    return (
        f"Race day: {entered_label(race)}, {race.distance_m / 1000:.1f} km. The plan sets no limit "
        "today; log it with planner log --type race and its recovery follows."
    )


@dataclass(frozen=True)
class ReverseTaper:
    share: float
    week: int
    race_date: date
    distance_m: float


def reverse_taper_on(timeline: Timeline, day: date, rules: PlanRules) -> ReverseTaper | None:
    """The strictest reverse-taper week `day` is in, after each race long enough for one."""
    rt = rules.reverse_taper
    weeks = len(rt.weekly_shares)
    found: ReverseTaper | None = None
    for race in timeline.races_before(day):
        if race.distance_m < rt.from_km * 1000:
            continue
        since = (day - race.date).days
        if not 1 <= since <= 7 * weeks:
            continue
        week = (since - 1) // 7 + 1
        here = ReverseTaper(rt.weekly_shares[week - 1], week, race.date, race.distance_m)
        if found is None or here.share < found.share:
            found = here
    return found


def reverse_taper_reason(rt: ReverseTaper, minutes: int) -> str:
    return (
        f"Week {rt.week} after your {race_label(rt.distance_m)} on {day_label(rt.race_date)}: "
        f"runs at {percent(rt.share)} of their usual length, {minutes} min at most "
        "(a reverse taper over three weeks)."
    )


def shortened(minutes: int, share: float, shortest: int) -> int:
    """`minutes` x `share`, never under the plan's shortest run (nor above `minutes`)."""
    return max(min(minutes, shortest), round(minutes * share))


def race_data(race_id: str, day: date, distance: str, name: str, today: date) -> dict[str, Any]:
    """A `race` event's data from what the runner typed, every field checked."""
    if day < today:
        raise InputError(
            f"date {day}: in the past; a race you have run is logged: planner log --type race"
        )
    metres = parse_distance(distance)
    name = " ".join(name.split())
    if len(name) > MAX_RACE_NAME or not name.isprintable():
        raise InputError(f"name: use at most {MAX_RACE_NAME} printable characters")
    return {"id": race_id, "date": day, "distance_m": round(metres, 1), "name": name}
