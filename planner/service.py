"""The one place that opens a data dir, folds it and builds plans; the CLI and the TUI call it."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from planner.core.days import runner_day, zone
from planner.core.engine import build_plan
from planner.core.errors import InputError
from planner.core.model import RUN_TYPES, SEXES, UNITS, ChecklistItem, DayPlan, Plan, Profile, Run
from planner.core.planfile import PlanRules
from planner.core.units import (
    KG_PER_LB,
    parse_date,
    parse_distance,
    parse_duration,
    parse_int,
    parse_number,
)
from planner.store.planfiles import load_plan
from planner.store.store import Store


@dataclass(frozen=True)
class RunInput:
    """A hand-logged run as the runner typed it; validated by `Planner.log_run`."""

    distance: str
    duration: str
    rpe: str | None = None
    day: date | None = None
    type: str | None = None
    avg_hr: str | None = None
    note: str = ""


class Planner:
    """A runner's planner over one data dir: state, plans, ticks, runs, profile."""

    def __init__(
        self,
        store: Store,
        *,
        today: date | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self._pinned_today = today
        self._now = now or (lambda: datetime.now(UTC))
        self._rules: PlanRules | None = None

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        *,
        today: date | None = None,
        state: Path | None = None,
    ) -> Planner:
        from planner.store.paths import resolve_data_dir

        return cls(Store(resolve_data_dir(data_dir), state=state), today=today)

    # ---- reading -------------------------------------------------------------------

    @property
    def profile(self) -> Profile:
        return self.store.state().profile

    @property
    def notices(self) -> list[str]:
        return self.store.notices

    def has_profile(self) -> bool:
        return self.profile.is_set

    def today(self) -> date:
        """The runner's today: pinned by --today, else their zone and day-start hour."""
        if self._pinned_today is not None:
            return self._pinned_today
        p = self.profile
        return runner_day(self._now(), p.tz, p.day_starts)

    def rules(self) -> PlanRules:
        name = self.profile.plan
        if self._rules is None or self._rules.name != name:
            self._rules = load_plan(name, self.store.data_dir)
        return self._rules

    def plan(self, start: date | None = None, days: int = 14) -> Plan:
        if not 1 <= days <= 366:
            raise InputError(f"days {days}: must be from 1 to 366")
        return build_plan(self.store.state(), self.rules(), self.today(), start=start, days=days)

    def day(self, day: date | None = None) -> DayPlan:
        return self.plan(start=day or self.today(), days=1).days[0]

    def runs(self) -> tuple[Run, ...]:
        return self.store.state().runs

    def refresh_if_changed(self) -> bool:
        """Re-read the data dir if files arrived from elsewhere (a sync, a cron job)."""
        if self.store.changed_on_disk():
            self.store.reload()
            return True
        return False

    # ---- ticks ---------------------------------------------------------------------

    def find_item(self, item: str, day: date) -> ChecklistItem:
        """An item of `day` by id, or by kind when exactly one item of that kind is there."""
        checklist = self.day(day).checklist
        for candidate in checklist:
            if candidate.id == item:
                return candidate
        by_kind = [c for c in checklist if c.kind == item]
        if len(by_kind) == 1:
            return by_kind[0]
        ids = ", ".join(c.id for c in checklist)
        if by_kind:
            raise InputError(f"item {item!r} is ambiguous on {day}; use one of: {ids}")
        raise InputError(f"item {item!r} is not on the checklist of {day}; items: {ids}")

    def check(self, item: str, day: date | None = None) -> ChecklistItem:
        """Tick an item; the event file is on disk (fsynced) before this returns."""
        day = day or self.today()
        found = self.find_item(item, day)
        if not found.done:
            self.store.append("check", {"date": day, "item": found.id})
        return self.find_item(found.id, day)

    def uncheck(self, item: str, day: date | None = None) -> ChecklistItem:
        """Untick: name the check events removed, so a tick made elsewhere meanwhile survives."""
        day = day or self.today()
        found = self.find_item(item, day)
        live = sorted(self.store.state().checks.get((day, found.id), frozenset()))
        if live:
            self.store.append("uncheck", {"date": day, "item": found.id, "removes": live})
        return self.find_item(found.id, day)

    def toggle(self, item: str, day: date) -> bool:
        """Tick or untick; returns whether the item is now done."""
        found = self.find_item(item, day)
        after = self.uncheck(found.id, day) if found.done else self.check(found.id, day)
        return after.done

    # ---- runs ----------------------------------------------------------------------

    def log_run(self, entry: RunInput) -> Run:
        """Validate every field first; nothing is written unless all of it is good."""
        data = self._run_fields(entry)
        self.store.append("run", data)
        return next(r for r in self.runs() if r.id == data["id"])

    def _run_fields(self, entry: RunInput) -> dict[str, Any]:
        day = entry.day or self.today()
        if day > self.today():
            raise InputError(f"date {day}: in the future; a run is logged once it is done")
        distance_m = parse_distance(entry.distance)
        seconds = parse_duration(entry.duration)
        pace = seconds / (distance_m / 1000)
        if pace < 100:  # faster than 1:40 per km is beyond any human over distance
            raise InputError(
                f"distance {entry.distance} in {entry.duration}: faster than any runner; check both"
            )
        data: dict[str, Any] = {
            "id": "r-" + secrets.token_hex(6),
            "date": day,
            "distance_m": round(distance_m, 1),
            "moving_s": seconds,
            "elapsed_s": seconds,
            "rpe_estimated": False,
            "sport": "running",
            "source": "manual",
            "note": entry.note,
        }
        if entry.rpe is not None:
            data["rpe"] = parse_int(entry.rpe, "RPE", 1, 10)
        if entry.type is not None:
            if entry.type not in RUN_TYPES:
                raise InputError(f"type {entry.type!r}: use one of {', '.join(RUN_TYPES)}")
            data["type"] = entry.type
        if entry.avg_hr is not None:
            data["avg_hr"] = parse_int(entry.avg_hr, "average heart rate", 30, 240)
        return data

    # ---- profile -------------------------------------------------------------------

    def set_profile(self, changes: Mapping[str, str]) -> Profile:
        """Set profile fields as typed; all are validated before the one event is written."""
        fields = profile_fields(changes, self.today())
        if not fields:
            raise InputError("profile set: give at least one field, e.g. --age 52")
        current = self.profile
        hr_max = fields.get("hr_max", current.hr_max)
        hr_rest = fields.get("hr_rest", current.hr_rest)
        if hr_max is not None and hr_rest is not None and hr_rest >= hr_max:
            raise InputError(f"HR rest {hr_rest} must be below HR max {hr_max}")
        if "plan" in fields:
            load_plan(fields["plan"], self.store.data_dir)  # refuses a plan that is not there
        self.store.append("profile", fields)
        return self.profile


def profile_fields(changes: Mapping[str, str], today: date) -> dict[str, Any]:
    """Turn typed profile values into validated event fields (one key per field)."""
    out: dict[str, Any] = {}
    unset: list[str] = []
    for key, raw in changes.items():
        if raw is None:
            continue
        parser = _PROFILE_PARSERS.get(key)
        if parser is None:
            raise InputError(f"profile field {key!r}: unknown")
        out.update(parser(raw, today))
    if "birth_date" in out:
        unset += ["age", "age_as_of"]
    if "age" in out:
        unset.append("birth_date")
    if unset:
        out["unset"] = unset
    return out


def _birth_date(raw: str, today: date) -> dict[str, Any]:
    born = parse_date(raw, "birth date")
    if born >= today or born < today - timedelta(days=366 * 110):
        raise InputError(f"birth date {raw}: must be in the past and within 110 years")
    return {"birth_date": born}


def _age(raw: str, today: date) -> dict[str, Any]:
    return {"age": parse_int(raw, "age", 10, 110), "age_as_of": today}


def _weight_kg(raw: str, today: date) -> dict[str, Any]:
    return {"weight_kg": round(parse_number(raw, "weight (kg)", 25, 250), 1)}


def _weight_lb(raw: str, today: date) -> dict[str, Any]:
    return {"weight_kg": round(parse_number(raw, "weight (lb)", 55, 550) * KG_PER_LB, 1)}


def _choice(key: str, options: tuple[str, ...]) -> Callable[[str, date], dict[str, Any]]:
    def parse(raw: str, today: date) -> dict[str, Any]:
        if raw not in options:
            raise InputError(f"{key.replace('_', ' ')} {raw!r}: use one of {', '.join(options)}")
        return {key: raw}

    return parse


def _int_field(key: str, what: str, low: int, high: int) -> Callable[[str, date], dict[str, Any]]:
    return lambda raw, today: {key: parse_int(raw, what, low, high)}


def _tz(raw: str, today: date) -> dict[str, Any]:
    zone(raw)  # refuses an unknown zone
    return {"tz": raw}


def _years_running(raw: str, today: date) -> dict[str, Any]:
    return {"years_running": parse_number(raw, "years running", 0, 90)}


def _bool_field(key: str) -> Callable[[str, date], dict[str, Any]]:
    def parse(raw: str, today: date) -> dict[str, Any]:
        value = raw.strip().lower()
        if value not in ("yes", "no", "true", "false", "on", "off"):
            raise InputError(f"{key.replace('_', ' ')} {raw!r}: use yes or no")
        return {key: value in ("yes", "true", "on")}

    return parse


def _plan_name(raw: str, today: date) -> dict[str, Any]:
    if not raw.replace("-", "").replace("_", "").isalnum():
        raise InputError(f"plan {raw!r}: use the plan's name, like standard or conservative")
    return {"plan": raw}


_PROFILE_PARSERS: dict[str, Callable[[str, date], dict[str, Any]]] = {
    "birth_date": _birth_date,
    "age": _age,
    "sex": _choice("sex", SEXES),
    "weight_kg": _weight_kg,
    "weight_lb": _weight_lb,
    "units": _choice("units", UNITS),
    "hr_max": _int_field("hr_max", "HR max", 100, 240),
    "hr_rest": _int_field("hr_rest", "HR rest", 25, 120),
    "years_running": _years_running,
    "tz": _tz,
    "day_starts": _int_field("day_starts", "day start hour", 0, 12),
    "ice_bath": _bool_field("ice_bath"),
    "plan": _plan_name,
}
