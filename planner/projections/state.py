"""The fold: a set of events, de-duplicated and put in (hlc, id) order, becomes one State."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.core.model import Checkin, Profile, Race, Run, State
from planner.events import (
    Check,
    CheckinGiven,
    Foreign,
    PlanChosen,
    ProfileSet,
    RaceEntered,
    RaceRemoved,
    Recorded,
    RunDeleted,
    RunEdited,
    RunLogged,
    Uncheck,
)
from planner.events.fields import RUN_DEFAULTS
from planner.projections.same_activity import duplicate_groups

# ---- the accumulator and one handler per kind ----------------------------------------------
#
# Every handler is order-independent: last-writer-wins values carry the (hlc, id) stamp of the
# event that wrote them and only a larger stamp replaces them; sets only grow. So events can be
# added in any order, in any number of steps (a cached fold plus the files that arrived since),
# and the result is the fold of the whole set.

Stamp = tuple[str, str]  # (hlc, event id): the total order of events
TickKey = tuple[date, str]  # (day, item id)


class _Unset:
    """A profile field cleared by an `unset` list (a class, so a snapshot can keep it)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Unset)

    def __hash__(self) -> int:
        return 0


_UNSET = _Unset()


@dataclass
class Accumulator:
    profile: dict[str, tuple[Stamp, Any]] = field(default_factory=dict)
    runs: dict[str, tuple[Stamp, Run]] = field(default_factory=dict)
    run_edits: dict[str, dict[str, tuple[Stamp, Any]]] = field(default_factory=dict)
    deleted_runs: set[str] = field(default_factory=set)
    deleted_imports: set[str] = field(default_factory=set)
    live: dict[TickKey, tuple[str, ...]] = field(default_factory=dict)  # live check ids, sorted
    removed: set[str] = field(default_factory=set)
    checkins: dict[date, tuple[Stamp, Checkin]] = field(default_factory=dict)
    races: dict[str, tuple[Stamp, Race]] = field(default_factory=dict)
    deleted_races: set[str] = field(default_factory=set)


def _newer(slot: tuple[Stamp, Any] | None, stamp: Stamp) -> bool:
    return slot is None or stamp > slot[0]


def _on_profile(
    acc: Accumulator, stamp: Stamp, values: Mapping[str, Any], unset: Iterable[str]
) -> None:
    cleared = {name: _UNSET for name in unset if name not in values}
    for name, value in {**cleared, **values}.items():
        if _newer(acc.profile.get(name), stamp):
            acc.profile[name] = (stamp, value)


def _on_plan_choice(acc: Accumulator, stamp: Stamp, e: PlanChosen) -> None:
    """A plan chosen by name and, for a user plan file, its content hash: two profile fields."""
    if e.sha is None:
        _on_profile(acc, stamp, {"plan": e.name}, ["plan_sha"])
    else:
        _on_profile(acc, stamp, {"plan": e.name, "plan_sha": e.sha}, [])


def _on_run(acc: Accumulator, stamp: Stamp, e: RunLogged) -> None:
    old = acc.runs.get(e.id)
    if old is None or stamp < old[0]:  # the first `run` with an id wins
        acc.runs[e.id] = (stamp, e.run())


def _on_run_edit(acc: Accumulator, stamp: Stamp, e: RunEdited) -> None:
    edits = acc.run_edits.setdefault(e.run_id, {})
    values = {name: RUN_DEFAULTS[name] for name in e.unset}
    values.update(e.changes)
    for name, value in values.items():
        if _newer(edits.get(name), stamp):
            edits[name] = (stamp, value)


def _on_run_delete(acc: Accumulator, e: RunDeleted) -> None:
    if e.run_id is not None:
        acc.deleted_runs.add(e.run_id)
    if e.import_id is not None:
        acc.deleted_imports.add(e.import_id)


def _on_check(acc: Accumulator, event_id: str, e: Check) -> None:
    if event_id not in acc.removed:
        key = (e.date, e.item)
        ids = acc.live.get(key)
        acc.live[key] = (event_id,) if ids is None else tuple(sorted({*ids, event_id}))


def _on_uncheck(acc: Accumulator, e: Uncheck) -> None:
    named = set(e.removes) - acc.removed
    acc.removed.update(named)
    # The ids an uncheck names are those of its own (date, item): look there first, and
    # search the rest only for an id found nowhere else (a hand-edited file, say).
    own = (e.date, e.item) if e.date is not None and e.item is not None else None
    if own is not None and own in acc.live:
        named = _drop_ids(acc, own, named)
    if named:
        for key in [k for k, ids in acc.live.items() if not named.isdisjoint(ids)]:
            named = _drop_ids(acc, key, named)


def _drop_ids(acc: Accumulator, key: TickKey, named: set[str]) -> set[str]:
    """Remove the named ids from one key's live set; return those not found there."""
    ids = acc.live[key]
    kept = tuple(i for i in ids if i not in named)
    if kept:
        acc.live[key] = kept
    else:
        del acc.live[key]
    return named.difference(ids)


def _on_checkin(acc: Accumulator, stamp: Stamp, e: CheckinGiven) -> None:
    checkin = Checkin(
        date=e.date,
        soreness=e.soreness,
        areas=e.areas,
        red_flags=e.red_flags,
        answered_no=e.answered_no,
        pain=e.pain,
        run_rpe=dict(e.run_rpe),
        cleared=e.cleared,
        sleep_hours=e.sleep_hours,
        given_ms=_wall_ms(stamp[0]),
    )
    if _newer(acc.checkins.get(e.date), stamp):
        acc.checkins[e.date] = (stamp, checkin)


def _wall_ms(hlc: str) -> int | None:
    """The wall time in a clock stamp ("1764831120000-0000"); the store's clock writes them,
    but the fold reads them only as text, so it needs nothing from the store."""
    head = hlc.partition("-")[0]
    return int(head) if len(head) == 13 and head.isdigit() else None


def _on_race(acc: Accumulator, stamp: Stamp, e: RaceEntered) -> None:
    race = Race(id=e.id, date=e.date, distance_m=e.distance_m, name=e.name)
    if _newer(acc.races.get(e.id), stamp):
        acc.races[e.id] = (stamp, race)


Part = str  # a part of the State: "profile", "runs", "checks", "checkins", "races"
_ALL_PARTS: tuple[Part, ...] = ("profile", "runs", "checks", "checkins", "races")


def _apply(acc: Accumulator, r: Recorded) -> tuple[Part, ...]:
    """Fold one event in; the parts of the State it may have changed (the table of which
    kinds touch what is this match, not a second list)."""
    stamp = r.stamp
    match r.event:
        case ProfileSet() as e:
            _on_profile(acc, stamp, e.values(), e.unset)
            return ("profile",)
        case PlanChosen() as e:
            _on_plan_choice(acc, stamp, e)
            return ("profile",)
        case RunLogged() as e:
            _on_run(acc, stamp, e)
            return ("runs",)
        case RunEdited() as e:
            _on_run_edit(acc, stamp, e)
            return ("runs",)
        case RunDeleted() as e:
            _on_run_delete(acc, e)
            return ("runs",)
        case Check() as e:
            _on_check(acc, r.id, e)
            return ("checks",)
        case Uncheck() as e:
            _on_uncheck(acc, e)
            return ("checks",)
        case CheckinGiven() as e:
            _on_checkin(acc, stamp, e)
            return ("checkins", "runs")  # a check-in may rate a run
        case RaceEntered() as e:
            _on_race(acc, stamp, e)
            return ("races",)
        case RaceRemoved() as e:
            acc.deleted_races.add(e.id)
            return ("races",)
        case Foreign():
            return ()  # a newer release's kind, or one missing what it needs: kept, not applied


# ---- the fold ---------------------------------------------------------------------------------


def fold(events: Iterable[Recorded]) -> State:
    """The State the event set says: the same set, in any order, with any repeats, folds alike."""
    folder = Folder()
    folder.add(unique_ordered(events))
    return folder.state()


Work = tuple[Accumulator, set[str]]  # the accumulator and the ids of the events folded into it


class Folder:
    """A fold that grows: add events in any order and in any number of steps.

    Adding only the new events to a Folder kept from the last run (planner/snapshot.py) is
    what keeps a start-up or a tick from re-reading ten years of files. Two *different* events
    under one id cannot be settled incrementally (the rule picks by content): `conflicted`
    then says to fold from scratch.
    """

    def __init__(self, work: Work | None = None) -> None:
        self._acc, self._ids = work if work is not None else (Accumulator(), set())
        self._state = State()
        self._dirty: set[str] = {*_ALL_PARTS, "count"}
        self.conflicted = False

    @property
    def work(self) -> Work:
        """What the fold so far is made of, to keep and to resume from (the snapshot's)."""
        return self._acc, self._ids

    def add(self, events: Iterable[Recorded]) -> None:
        acc, ids = self._acc, self._ids
        for event in events:
            if event.id in ids:
                self.conflicted = True  # a repeat; harmless if identical, but we cannot tell
                continue
            ids.add(event.id)
            self._dirty.add("count")  # State.event_count, even for a kind this version skips
            self._dirty.update(_apply(acc, event))

    def state(self) -> State:
        """The fold so far; parts no new event touched are reused, not rebuilt."""
        if not self._dirty:
            return self._state
        acc, dirty = self._acc, self._dirty
        parts: dict[str, Any] = {"event_count": len(self._ids)}
        if "profile" in dirty:
            chosen = {k: v for k, (_, v) in acc.profile.items() if v != _UNSET}
            parts["profile"] = Profile(**chosen)
        if "runs" in dirty:
            parts["runs"] = _final_runs(acc)
            parts["withheld_runs"] = _withheld_runs(acc, parts["runs"])
        if "checks" in dirty:
            parts["checks"] = dict(acc.live)  # a copy: earlier States stay as they were
        if "checkins" in dirty:
            parts["checkins"] = {d: c for d, (_, c) in sorted(acc.checkins.items())}
        if "races" in dirty:
            live = (r for r_id, (_, r) in acc.races.items() if r_id not in acc.deleted_races)
            parts["races"] = tuple(sorted(live, key=lambda r: (r.date, r.id)))
        self._state = dataclasses.replace(self._state, **parts)
        self._dirty = set()
        return self._state


def unique_ordered(events: Iterable[Recorded]) -> list[Recorded]:
    """Each id once, in (hlc, id) order: the order a fold from scratch applies them in."""
    unique: dict[str, Recorded] = {}
    for event in events:
        old = unique.get(event.id)
        # Two different events under one id should not exist; if they do, pick by content,
        # never by arrival order, so every machine picks the same one.
        if old is None or (old != event and _content_key(event) < _content_key(old)):
            unique[event.id] = event
    return sorted(unique.values(), key=lambda e: (e.hlc, e.id))


def _content_key(e: Recorded) -> tuple[str, str, str, str]:
    return (e.hlc, e.kind, e.device, repr(e.event))


def _final_runs(acc: Accumulator) -> tuple[Run, ...]:
    runs = [_edited(run, acc.run_edits.get(run.id)) for _, run in acc.runs.values()]
    # Undoing an import removes only that import's runs: a copy from another source stays.
    runs = [r for r in runs if r.import_id is None or r.import_id not in acc.deleted_imports]
    rpe = _checkin_rpe(acc)
    kept: list[Run] = []
    for group in duplicate_groups(runs):
        ids = sorted(r.id for r in group)
        # The user saw and deleted one run: that was the activity, whichever copy it was.
        if any(i in acc.deleted_runs for i in ids):
            continue
        run = min(group, key=lambda r: r.id)
        given = next((rpe[i] for i in ids if i in rpe), None)
        if given is not None and (run.rpe is None or run.rpe_estimated):
            run = dataclasses.replace(run, rpe=given, rpe_estimated=False)
        kept.append(run)
    logged = {run_id: stamp for run_id, (stamp, _) in acc.runs.items()}
    return tuple(sorted(kept, key=lambda r: _run_order(r, logged[r.id])))


def _withheld_runs(acc: Accumulator, shown: tuple[Run, ...]) -> frozenset[tuple[str, str]]:
    """The run ids that `runs` does not show, each with why (see State.withheld_runs)."""
    visible = {r.id for r in shown}
    withheld: set[tuple[str, str]] = set()
    for run_id, (_, run) in acc.runs.items():
        if run_id in visible:
            continue
        if run.import_id is not None and run.import_id in acc.deleted_imports:
            withheld.add((run_id, "undone"))
        else:
            withheld.add((run_id, "deleted" if run_id in acc.deleted_runs else "merged"))
    return frozenset(withheld)


def _edited(run: Run, edits: Mapping[str, tuple[Stamp, Any]] | None) -> Run:
    return dataclasses.replace(run, **{k: v for k, (_, v) in edits.items()}) if edits else run


def _checkin_rpe(acc: Accumulator) -> dict[str, float]:
    """run id -> RPE given at a check-in; the later check-in (by hlc, id) wins."""
    rpe: dict[str, float] = {}
    for _, checkin in sorted(acc.checkins.values(), key=lambda slot: slot[0]):
        rpe.update(checkin.run_rpe)
    return rpe


def _run_order(r: Run, logged: Stamp) -> tuple[date, int, float, Stamp]:
    """By day, then by start time; runs without one (logged by hand) first, in the order they
    were logged: of two sessions logged this morning, the second is the later one (spacing
    runs from it). The stamp is the same on every device, so the order is too."""
    if r.start is None:
        return (r.date, 0, 0.0, logged)
    return (r.date, 1, r.start.timestamp(), logged)
