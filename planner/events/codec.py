"""The one codec between events and the tables in event files: tolerant reading, strict writing.

Reading (`decode`) never fails: a field of the wrong type is dropped and the rest counts, and
an event missing what it needs, or of a kind from a newer release, becomes `Foreign` (kept,
counted, not applied). Writing (`encode`) refuses our own mistakes: a table that would not
read back as the same event raises, so a misspelt or wrong-typed field never reaches a disk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from planner.events.fields import (
    CHECKIN_FIELDS,
    PROFILE_FIELDS,
    RUN_DEFAULTS,
    RUN_FIELDS,
    RUN_REQUIRED,
    as_date,
    as_float,
    as_int,
    fields_of,
    text_of,
    unset_of,
)
from planner.events.kinds import (
    Check,
    CheckinGiven,
    Event,
    Foreign,
    Known,
    PlanChosen,
    ProfileSet,
    RaceEntered,
    RaceRemoved,
    RunDeleted,
    RunEdited,
    RunLogged,
    Uncheck,
)

# ---- reading -----------------------------------------------------------------------------


def decode(kind: str, data: Mapping[str, Any]) -> Event:
    """The event a table says; `Foreign` when this release cannot use it."""
    reader = _READERS.get(kind)
    if reader is None:
        return Foreign(kind, data, "a kind this release does not know")
    try:
        return reader(data)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        return Foreign(kind, data, f"missing or wrong-typed: {exc}" if str(exc) else "malformed")


def _check(data: Mapping[str, Any]) -> Check:
    return Check(as_date(data.get("date")), text_of(data, "item"))


def _uncheck(data: Mapping[str, Any]) -> Uncheck:
    removes = data.get("removes")
    if not isinstance(removes, list):
        raise TypeError("removes")
    named = tuple(r for r in removes if isinstance(r, str))
    try:
        return Uncheck(as_date(data.get("date")), text_of(data, "item"), named)
    except TypeError:  # a hand-edited file: the ids are looked for on every day
        return Uncheck(None, None, named)


def _run(data: Mapping[str, Any]) -> RunLogged:
    fields = fields_of(data, RUN_FIELDS)
    missing = RUN_REQUIRED - fields.keys()
    if missing:
        raise TypeError(", ".join(sorted(missing)))
    return RunLogged(id=text_of(data, "id"), **fields)


def _run_edit(data: Mapping[str, Any]) -> RunEdited:
    unset = tuple(unset_of(data, RUN_DEFAULTS))
    return RunEdited(text_of(data, "run_id"), fields_of(data, RUN_FIELDS), unset)


def _run_delete(data: Mapping[str, Any]) -> RunDeleted:
    run_id, import_id = data.get("run_id"), data.get("import_id")
    return RunDeleted(
        run_id if isinstance(run_id, str) else None,
        import_id if isinstance(import_id, str) else None,
    )


def _checkin(data: Mapping[str, Any]) -> CheckinGiven:
    # A wrong-typed soreness drops the event, as any wrong-typed required field does.
    soreness = as_int(data["soreness"]) if "soreness" in data else None
    return CheckinGiven(as_date(data.get("date")), soreness, **fields_of(data, CHECKIN_FIELDS))


def _profile(data: Mapping[str, Any]) -> ProfileSet:
    values = fields_of(data, PROFILE_FIELDS)
    unset = tuple(n for n in unset_of(data, PROFILE_FIELDS) if n not in values)
    return ProfileSet(**values, unset=unset)


def _plan_choice(data: Mapping[str, Any]) -> PlanChosen:
    sha = data.get("sha")
    return PlanChosen(text_of(data, "name"), sha if isinstance(sha, str) and sha else None)


def _race(data: Mapping[str, Any]) -> RaceEntered:
    name = data.get("name", "")
    return RaceEntered(
        text_of(data, "id"),
        as_date(data.get("date")),
        as_float(data.get("distance_m")),
        name if isinstance(name, str) else "",
    )


def _race_delete(data: Mapping[str, Any]) -> RaceRemoved:
    return RaceRemoved(text_of(data, "id"))


_READERS: Mapping[str, Callable[[Mapping[str, Any]], Known]] = {
    Check.KIND: _check,
    Uncheck.KIND: _uncheck,
    RunLogged.KIND: _run,
    RunEdited.KIND: _run_edit,
    RunDeleted.KIND: _run_delete,
    CheckinGiven.KIND: _checkin,
    ProfileSet.KIND: _profile,
    PlanChosen.KIND: _plan_choice,
    RaceEntered.KIND: _race,
    RaceRemoved.KIND: _race_delete,
}


# ---- writing -----------------------------------------------------------------------------

# Written even when empty, as the release before this module wrote them: an older reader
# expects them. Every other empty or None field is left out.
_ALWAYS: Mapping[type, frozenset[str]] = {
    CheckinGiven: frozenset({"areas", "red_flags", "answered_no", "run_rpe"})
}


def encode(event: Event) -> tuple[str, dict[str, Any]]:
    """(kind, data) for an event file; ValueError if it would not read back as `event`."""
    kind, table, _ = written(event)
    return kind, table


def written(event: Event) -> tuple[str, dict[str, Any], Event]:
    """(kind, data, the event as a later read gives it back: 6.0 for 6, tuples for lists);
    ValueError if that is not `event`."""
    if isinstance(event, Foreign):  # what another release wrote (tests play other devices)
        return event.kind, dict(event.data), decode(event.kind, event.data)
    table = _table(event)
    back = decode(event.KIND, table)
    if back != event:
        raise ValueError(
            f"our own {event.KIND} event would not read back: {_difference(event, back)}"
        )
    return event.KIND, table, back


def _table(event: Known) -> dict[str, Any]:
    if isinstance(event, RunEdited):
        table: dict[str, Any] = {"run_id": event.run_id, **event.changes}
        if event.unset:
            table["unset"] = list(event.unset)
        return table
    always = _ALWAYS.get(type(event), frozenset())
    table = {}
    for f in dataclasses.fields(event):
        value = getattr(event, f.name)
        if value is None or (value in ((), {}) and f.name not in always):
            continue
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Mapping):
            value = dict(value)
        table[f.name] = value
    if isinstance(event, Uncheck):
        table["removes"] = list(event.removes)  # even empty: an uncheck without it is skipped
    return table


def _difference(event: Known, back: Event) -> str:
    if isinstance(back, Foreign):
        return back.problem
    names = [
        f.name for f in dataclasses.fields(event) if getattr(event, f.name) != getattr(back, f.name)
    ]
    return "field " + ", ".join(names)
