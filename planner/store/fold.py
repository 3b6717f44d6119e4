"""The fold: a set of events, de-duplicated and put in (hlc, id) order, becomes one State."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from planner.core.model import Checkin, Profile, Race, Run, State
from planner.store.events import Event

DUPLICATE_START_S = 120.0  # the same activity from two sources starts within 2 minutes...
DUPLICATE_DISTANCE = 0.03  # ...and its distances differ by at most 3%


# ---- field converters: each returns the value to keep or raises TypeError -----------------


def _date(v: Any) -> date:
    if isinstance(v, date) and not isinstance(v, datetime):
        return v
    raise TypeError


def _aware(v: Any) -> datetime:
    if isinstance(v, datetime) and v.utcoffset() is not None:
        return v
    raise TypeError


def _int(v: Any) -> int:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    raise TypeError


def _whole(v: Any) -> int:
    if isinstance(v, float) and math.isfinite(v):
        return round(v)
    return _int(v)


def _float(v: Any) -> float:
    # TOML can say nan and inf; no distance, weight or RPE can.
    if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
        return float(v)
    raise TypeError


def _str(v: Any) -> str:
    if isinstance(v, str):
        return v
    raise TypeError


def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    raise TypeError


def _hour(v: Any) -> int:
    if 0 <= _int(v) <= 23:
        return int(v)
    raise TypeError


def _strs(v: Any) -> tuple[str, ...]:
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return tuple(v)
    raise TypeError


def _rpe_map(v: Any) -> dict[str, float]:
    if isinstance(v, Mapping):
        return {_str(k): _float(x) for k, x in v.items()}
    raise TypeError


Spec = Mapping[str, Callable[[Any], Any]]

PROFILE_FIELDS: Spec = {
    "birth_date": _date,
    "age": _int,
    "age_as_of": _date,
    "sex": _str,
    "weight_kg": _float,
    "units": _str,
    "hr_max": _int,
    "hr_rest": _int,
    "years_running": _float,
    "tz": _str,
    "day_starts": _hour,
    "plan": _str,
    "ice_bath": _bool,
}
RUN_FIELDS: Spec = {
    "date": _date,
    "distance_m": _float,
    "moving_s": _whole,
    "elapsed_s": _whole,
    "start": _aware,
    "rpe": _float,
    "rpe_estimated": _bool,
    "type": _str,
    "sport": _str,
    "source": _str,
    "avg_hr": _whole,
    "max_hr": _whole,
    "trimp": _float,
    "note": _str,
    "import_id": _str,
}
RUN_REQUIRED = frozenset({"date", "distance_m", "moving_s"})
# The fields a run_edit may "unset": those with a default.
RUN_DEFAULTS: Mapping[str, Any] = {
    f.name: f.default for f in dataclasses.fields(Run) if f.default is not dataclasses.MISSING
}
CHECKIN_FIELDS: Spec = {
    "areas": _strs,
    "red_flags": _strs,
    "answered_no": _strs,
    "pain": _int,
    "run_rpe": _rpe_map,
}


def _fields(data: Mapping[str, Any], spec: Spec) -> dict[str, Any]:
    """The fields of `data` that `spec` knows and whose values have the right type."""
    out: dict[str, Any] = {}
    for name, convert in spec.items():
        if name in data:
            try:
                out[name] = convert(data[name])
            except (TypeError, ValueError):
                continue  # a wrong-typed field is dropped; the rest of the event still counts
    return out


def _unset(data: Mapping[str, Any], allowed: Iterable[str]) -> list[str]:
    names = data.get("unset", [])
    if not isinstance(names, list):
        return []
    return [n for n in names if isinstance(n, str) and n in allowed]


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if isinstance(value, str) and value:
        return value
    raise TypeError(key)


# ---- the accumulator and one handler per kind ----------------------------------------------


@dataclass
class _Acc:
    profile: dict[str, Any] = field(default_factory=dict)
    runs: dict[str, Run] = field(default_factory=dict)
    run_edits: dict[str, dict[str, Any]] = field(default_factory=dict)
    deleted_runs: set[str] = field(default_factory=set)
    deleted_imports: set[str] = field(default_factory=set)
    checks: dict[tuple[date, str], set[str]] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    checkins: dict[date, Checkin] = field(default_factory=dict)
    checkin_order: dict[date, tuple[str, str]] = field(default_factory=dict)
    races: dict[str, Race] = field(default_factory=dict)
    deleted_races: set[str] = field(default_factory=set)


def _on_profile(acc: _Acc, e: Event) -> None:
    for name in _unset(e.data, PROFILE_FIELDS):
        acc.profile.pop(name, None)
    # Events arrive in (hlc, id) order, so a plain overwrite is last-writer-wins per field.
    acc.profile.update(_fields(e.data, PROFILE_FIELDS))


def _on_run(acc: _Acc, e: Event) -> None:
    run_id = _text(e.data, "id")
    fields = _fields(e.data, RUN_FIELDS)
    if run_id in acc.runs or not fields.keys() >= RUN_REQUIRED:
        return  # the first `run` with an id wins; one without its required fields is skipped
    fields.setdefault("elapsed_s", fields["moving_s"])
    acc.runs[run_id] = Run(id=run_id, **fields)


def _on_run_edit(acc: _Acc, e: Event) -> None:
    edits = acc.run_edits.setdefault(_text(e.data, "run_id"), {})
    for name in _unset(e.data, RUN_DEFAULTS):
        edits[name] = RUN_DEFAULTS[name]
    edits.update(_fields(e.data, RUN_FIELDS))


def _on_run_delete(acc: _Acc, e: Event) -> None:
    run_id, import_id = e.data.get("run_id"), e.data.get("import_id")
    if isinstance(run_id, str):
        acc.deleted_runs.add(run_id)
    if isinstance(import_id, str):
        acc.deleted_imports.add(import_id)


def _on_check(acc: _Acc, e: Event) -> None:
    key = (_date(e.data.get("date")), _text(e.data, "item"))
    acc.checks.setdefault(key, set()).add(e.id)


def _on_uncheck(acc: _Acc, e: Event) -> None:
    removes = e.data.get("removes")
    if isinstance(removes, list):
        acc.removed.update(r for r in removes if isinstance(r, str))


def _on_checkin(acc: _Acc, e: Event) -> None:
    day = _date(e.data.get("date"))
    checkin = Checkin(
        date=day, soreness=_int(e.data.get("soreness")), **_fields(e.data, CHECKIN_FIELDS)
    )
    acc.checkins[day] = checkin
    acc.checkin_order[day] = (e.hlc, e.id)


def _on_race(acc: _Acc, e: Event) -> None:
    race_id = _text(e.data, "id")
    name = e.data.get("name", "")
    race = Race(
        id=race_id,
        date=_date(e.data.get("date")),
        distance_m=_float(e.data.get("distance_m")),
        name=name if isinstance(name, str) else "",
    )
    acc.races[race_id] = race


def _on_race_delete(acc: _Acc, e: Event) -> None:
    acc.deleted_races.add(_text(e.data, "id"))


_HANDLERS: Mapping[str, Callable[[_Acc, Event], None]] = {
    "profile": _on_profile,
    "run": _on_run,
    "run_edit": _on_run_edit,
    "run_delete": _on_run_delete,
    "check": _on_check,
    "uncheck": _on_uncheck,
    "checkin": _on_checkin,
    "race": _on_race,
    "race_delete": _on_race_delete,
}


# ---- the fold ---------------------------------------------------------------------------------


def fold(events: Iterable[Event]) -> State:
    """The State the event set says: the same set, in any order, with any repeats, folds alike."""
    ordered = _unique_ordered(events)
    acc = _Acc()
    for event in ordered:
        handler = _HANDLERS.get(event.kind)  # unknown kinds come from newer versions: skip
        if handler is None or not isinstance(event.data, Mapping):
            continue
        try:
            handler(acc, event)
        except (TypeError, ValueError, KeyError, AttributeError):
            continue  # malformed data in a known kind: skip the event, never fail the fold
    return State(
        profile=Profile(**acc.profile),
        runs=_final_runs(acc),
        checks=_live_checks(acc),
        checkins=dict(sorted(acc.checkins.items())),
        races=tuple(
            sorted(
                (r for r in acc.races.values() if r.id not in acc.deleted_races),
                key=lambda r: (r.date, r.id),
            )
        ),
        event_count=len(ordered),
    )


def _unique_ordered(events: Iterable[Event]) -> list[Event]:
    unique: dict[str, Event] = {}
    for event in events:
        old = unique.get(event.id)
        # Two different events under one id should not exist; if they do, pick by content,
        # never by arrival order, so every machine picks the same one.
        if old is None or (old != event and _content_key(event) < _content_key(old)):
            unique[event.id] = event
    return sorted(unique.values(), key=lambda e: (e.hlc, e.id))


def _content_key(e: Event) -> tuple[str, str, str, str]:
    return (e.hlc, e.kind, e.device, repr(sorted(repr(item) for item in e.data.items())))


def _live_checks(acc: _Acc) -> dict[tuple[date, str], frozenset[str]]:
    live = {key: frozenset(ids - acc.removed) for key, ids in sorted(acc.checks.items())}
    return {key: ids for key, ids in live.items() if ids}


def _final_runs(acc: _Acc) -> tuple[Run, ...]:
    runs = [_edited(run, acc.run_edits.get(run.id)) for run in acc.runs.values()]
    # Undoing an import removes only that import's runs: a copy from another source stays.
    runs = [r for r in runs if r.import_id is None or r.import_id not in acc.deleted_imports]
    rpe = _checkin_rpe(acc)
    kept: list[Run] = []
    for group in _duplicate_groups(runs):
        ids = sorted(r.id for r in group)
        # The user saw and deleted one run: that was the activity, whichever copy it was.
        if any(i in acc.deleted_runs for i in ids):
            continue
        run = min(group, key=lambda r: r.id)
        given = next((rpe[i] for i in ids if i in rpe), None)
        if given is not None and (run.rpe is None or run.rpe_estimated):
            run = dataclasses.replace(run, rpe=given, rpe_estimated=False)
        kept.append(run)
    return tuple(sorted(kept, key=_run_order))


def _edited(run: Run, edits: Mapping[str, Any] | None) -> Run:
    return dataclasses.replace(run, **edits) if edits else run


def _checkin_rpe(acc: _Acc) -> dict[str, float]:
    """run id -> RPE given at a check-in; the later check-in (by hlc, id) wins."""
    rpe: dict[str, float] = {}
    for day in sorted(acc.checkin_order, key=acc.checkin_order.__getitem__):
        rpe.update(acc.checkins[day].run_rpe)
    return rpe


def _duplicate_groups(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped so each group is one activity (connected by the duplicate rule)."""
    parent = {r.id: r.id for r in runs}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    timed = sorted((r.start, r.id, r) for r in runs if r.sport == "running" and r.start)
    for i, (start_a, id_a, a) in enumerate(timed):
        for start_b, id_b, b in timed[i + 1 :]:
            if (start_b - start_a).total_seconds() > DUPLICATE_START_S:
                break
            if _same_distance(a.distance_m, b.distance_m):
                parent[root(id_b)] = root(id_a)
    groups: dict[str, list[Run]] = {}
    for r in runs:
        groups.setdefault(root(r.id), []).append(r)
    return list(groups.values())


def _same_distance(a: float, b: float) -> bool:
    return abs(a - b) <= DUPLICATE_DISTANCE * max(abs(a), abs(b))


def _run_order(r: Run) -> tuple[date, int, float, str]:
    if r.start is None:
        return (r.date, 0, 0.0, r.id)
    return (r.date, 1, r.start.timestamp(), r.id)
