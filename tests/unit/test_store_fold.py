"""The fold: merge rules, and that the same event set gives the same State in any order."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from eventtables import Event
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.model import Checkin, Profile, Race
from planner.events import Recorded
from planner.projections.state import fold

DAY = date(2025, 11, 28)
T0 = datetime(2025, 11, 28, 7, 0, tzinfo=UTC)
_serial = itertools.count()


def ev(kind: str, data: dict[str, Any], t: int, device: str = "aaaaaaaaaa") -> Recorded:
    """An event stamped at wall ms `t` (small numbers are fine: only the order matters)."""
    hlc = f"{t:013d}-0000"
    return Event(f"{hlc}-{device}-{next(_serial):06d}", kind, hlc, device, data)


def run(run_id: str, t: int, **extra: Any) -> Recorded:
    data: dict[str, Any] = {"id": run_id, "date": DAY, "distance_m": 10000.0, "moving_s": 3000}
    return ev("run", {**data, **extra}, t)


# ---- profile -------------------------------------------------------------------------------


def test_profile_fields_are_last_writer_wins_each() -> None:
    events = [
        ev("profile", {"age": 40, "weight_kg": 60, "sex": "f"}, 2, "aaaaaaaaaa"),
        ev("profile", {"weight_kg": 62.5}, 3, "bbbbbbbbbb"),
        ev("profile", {"age": 30, "units": "imperial"}, 1, "bbbbbbbbbb"),  # older: age loses
    ]
    profile = fold(events).profile
    assert (profile.age, profile.weight_kg, profile.sex, profile.units) == (
        40,
        62.5,
        "f",
        "imperial",
    )


def test_profile_unset_clears_and_bad_values_are_skipped_alone() -> None:
    events = [
        ev("profile", {"age": 40, "weight_kg": 60.0, "day_starts": 4}, 1),
        ev("profile", {"unset": ["weight_kg", "nonsense"]}, 2),
        ev("profile", {"age": "forty", "hr_max": True, "day_starts": 25, "tz": "Europe/Oslo"}, 3),
        ev("profile", {"favourite_colour": "teal", "birth_date": T0}, 4),
    ]
    assert fold(events).profile == Profile(age=40, day_starts=4, tz="Europe/Oslo")


# ---- runs --------------------------------------------------------------------------------


def test_same_run_id_twice_is_one_run_first_by_hlc() -> None:
    state = fold([run("r1", 5, note="later"), run("r1", 2, note="first")])
    assert [(r.id, r.note) for r in state.runs] == [("r1", "first")]
    assert state.runs[0].elapsed_s == 3000  # elapsed defaults to moving time


def test_run_edits_are_per_field_lww_whatever_their_order_to_the_run() -> None:
    events = [
        ev("run_edit", {"run_id": "r1", "rpe": 5.0, "note": "old"}, 1),  # before the run itself
        run("r1", 2, type="easy"),
        ev("run_edit", {"run_id": "r1", "note": "new", "unset": ["type"]}, 3),
    ]
    [r] = fold(events).runs
    assert (r.rpe, r.note, r.type) == (5.0, "new", None)


def test_deletes_win_over_the_run_in_any_order() -> None:
    events = [
        ev("run_delete", {"run_id": "r1"}, 1),
        run("r1", 2),
        run("r2", 3, import_id="imp"),
        run("r3", 4, import_id="imp"),
        run("r4", 5),
        ev("run_delete", {"import_id": "imp"}, 0),
    ]
    assert [r.id for r in fold(events).runs] == ["r4"]


def test_the_same_activity_from_two_sources_is_one_run() -> None:
    events = [
        run("b-garmin", 1, start=T0, distance_m=10100.0),
        run("a-strava", 2, start=T0 + timedelta(seconds=90), distance_m=10000.0),
        run("c-far", 3, start=T0 + timedelta(seconds=400), distance_m=10000.0),
        run("d-short", 4, start=T0 + timedelta(seconds=30), distance_m=5000.0),
        run("e-nostart", 5, distance_m=10000.0),
        run("f-bike", 6, start=T0, distance_m=10000.0, sport="cycling"),
    ]
    ids = sorted(r.id for r in fold(events).runs)
    assert ids == ["a-strava", "c-far", "d-short", "e-nostart", "f-bike"]


def test_deleting_the_visible_copy_deletes_the_activity_but_undoing_an_import_does_not() -> None:
    a = run("a", 1, start=T0, import_id="imp-a")
    b = run("b", 2, start=T0, import_id="imp-b")
    assert [r.id for r in fold([a, b, ev("run_delete", {"run_id": "a"}, 3)]).runs] == []
    assert [r.id for r in fold([a, b, ev("run_delete", {"import_id": "imp-a"}, 3)]).runs] == ["b"]


def test_runs_are_sorted_by_date_start_id() -> None:
    events = [
        run("z", 1, date=date(2025, 1, 2)),
        run("y", 2, date=date(2025, 1, 1), start=T0),
        run("x", 3, date=date(2025, 1, 1)),
        run("w", 4, date=date(2025, 1, 1), start=T0 - timedelta(hours=2)),
    ]
    assert [r.id for r in fold(events).runs] == ["x", "w", "y", "z"]


def test_runs_logged_by_hand_on_one_day_keep_the_order_they_were_logged_in() -> None:
    """Of two sessions logged this morning without a start time, the second logged is the
    later one (spacing runs from it), whatever their ids: the ids are random."""
    first, second = run("r-ffff", 1, type="intervals"), run("r-0000", 2, type="tempo")
    for events in ([first, second], [second, first]):
        assert [r.id for r in fold(events).runs] == ["r-ffff", "r-0000"]


# ---- checks, check-ins, races --------------------------------------------------------------


def test_add_wins_a_concurrent_check_survives_an_uncheck_of_an_older_one() -> None:
    c1 = ev("check", {"date": DAY, "item": "yoga"}, 1, "aaaaaaaaaa")
    c2 = ev("check", {"date": DAY, "item": "yoga"}, 3, "aaaaaaaaaa")  # device A, meanwhile
    u1 = ev("uncheck", {"date": DAY, "item": "yoga", "removes": [c1.id]}, 4, "bbbbbbbbbb")
    state = fold([c1, c2, u1])
    assert state.is_done(DAY, "yoga")
    assert state.checks[(DAY, "yoga")] == (c2.id,)
    gone = fold([c1, u1])
    assert not gone.is_done(DAY, "yoga") and (DAY, "yoga") not in gone.checks


def test_checkin_last_writer_per_day_and_rpe_fills_unrated_runs() -> None:
    events = [
        run("r1", 1),
        run("r2", 2, rpe=4.0),
        run("r3", 3, rpe=3.0, rpe_estimated=True),
        ev("checkin", {"date": DAY, "soreness": 6, "run_rpe": {"r1": 2}}, 4),
        ev("checkin", {"date": DAY, "soreness": 2, "areas": ["calf"], "run_rpe": {"r1": 7}}, 5),
        ev(
            "checkin", {"date": DAY - timedelta(1), "soreness": 5, "run_rpe": {"r2": 9, "r3": 6}}, 0
        ),
    ]
    state = fold(events)
    # given_ms: the wall time of the event's stamp, the last one's (ms 5 here)
    assert state.checkins[DAY] == Checkin(DAY, 2, areas=("calf",), run_rpe={"r1": 7.0}, given_ms=5)
    assert list(state.checkins) == [DAY - timedelta(1), DAY]
    rated = {r.id: (r.rpe, r.rpe_estimated) for r in state.runs}
    assert rated == {"r1": (7.0, False), "r2": (4.0, False), "r3": (6.0, False)}


def test_checkin_without_soreness_clearances_and_sleep() -> None:
    """Issue 11's check-in fields: soreness may be missing (a morning that only rated runs),
    `cleared` and `sleep_hours` are read; a wrong-typed new field drops only itself."""
    state = fold(
        [
            ev("checkin", {"date": DAY, "run_rpe": {"r1": 6}}, 1),
            ev("checkin", {"date": DAY - timedelta(1), "soreness": 2, "cleared": ["pop"],
                           "sleep_hours": 6.5}, 2),
            ev("checkin", {"date": DAY - timedelta(2), "soreness": 1, "cleared": "pop",
                           "sleep_hours": "long"}, 3),
        ]
    )  # fmt: skip
    assert state.checkins[DAY] == Checkin(DAY, None, run_rpe={"r1": 6.0}, given_ms=1)
    assert not state.checkins[DAY].answered
    assert state.checkins[DAY - timedelta(1)] == Checkin(
        DAY - timedelta(1), 2, cleared=("pop",), sleep_hours=6.5, given_ms=2
    )
    assert state.checkins[DAY - timedelta(2)] == Checkin(DAY - timedelta(2), 1, given_ms=3)


def test_races_lww_and_deletes() -> None:
    events = [
        ev("race", {"id": "m", "date": date(2026, 4, 1), "distance_m": 42195, "name": "M"}, 1),
        ev("race", {"id": "m", "date": date(2026, 4, 2), "distance_m": 42195, "name": "M2"}, 2),
        ev("race", {"id": "h", "date": date(2026, 3, 1), "distance_m": 21097.5}, 3),
        ev("race_delete", {"id": "h"}, 0),
    ]
    assert fold(events).races == (Race("m", date(2026, 4, 2), 42195.0, "M2"),)


def test_unknown_kinds_and_malformed_events_are_skipped_never_raised() -> None:
    good = ev("check", {"date": DAY, "item": "yoga"}, 1)
    events = [
        good,
        ev("teleport", {"to": "mars"}, 2),
        ev("check", {"item": "yoga"}, 3),  # no date
        ev("check", {"date": T0, "item": "yoga"}, 4),  # a datetime is not a day
        ev("checkin", {"date": DAY, "soreness": "very"}, 5),  # soreness not a number
        ev("run", {"id": "r", "date": DAY}, 6),  # no distance
        ev("run", {"id": "r", "date": DAY, "distance_m": float("nan"), "moving_s": 1}, 7),
        ev("uncheck", {"removes": "everything"}, 8),
        ev("race", {"id": "x"}, 9),
        ev("run_edit", {"rpe": 3}, 10),
        Event("odd", "check", "0000000000011-0000", "d", ["not", "a", "mapping"]),  # type: ignore[arg-type]
    ]
    state = fold(events)
    assert state.checks == {(DAY, "yoga"): (good.id,)}
    assert state.runs == () and state.checkins == {} and state.races == ()
    assert state.event_count == len(events)


def test_duplicate_ids_count_once() -> None:
    e = ev("check", {"date": DAY, "item": "yoga"}, 1)
    assert fold([e, e, e]).event_count == 1


# ---- the fold is a function of the event set -------------------------------------------------

ITEMS = ("yoga", "hydration")
DAYS = (date(2025, 1, 1), date(2025, 1, 2))
PROFILE_VALUES = {
    "age": st.integers(20, 90),
    "weight_kg": st.floats(40, 120),
    "sex": st.sampled_from("fmx"),
}


@st.composite
def event_sets(draw: st.DrawFn) -> list[Recorded]:
    events: list[Recorded] = []
    for n in range(draw(st.integers(0, 25))):
        hlc = f"{draw(st.integers(0, 6)):013d}-{draw(st.integers(0, 2)):04d}"  # many ties
        device = draw(st.sampled_from(["aaaaaaaaaa", "bbbbbbbbbb"]))
        kind = draw(st.sampled_from(["check", "uncheck", "profile"]))
        day, item = draw(st.sampled_from(DAYS)), draw(st.sampled_from(ITEMS))
        data: dict[str, Any] = {"date": day, "item": item}
        if kind == "uncheck":
            earlier = [e.id for e in events if e.kind == "check"] + ["no-such-check"]
            data["removes"] = draw(st.lists(st.sampled_from(earlier), max_size=3))
        elif kind == "profile":
            names = draw(st.sets(st.sampled_from(sorted(PROFILE_VALUES)), min_size=1))
            data = {name: draw(PROFILE_VALUES[name]) for name in names}
            data["unset"] = draw(st.lists(st.sampled_from(sorted(PROFILE_VALUES)), max_size=1))
        events.append(Event(f"{hlc}-{device}-{n:04d}", kind, hlc, device, data))
    return events


@settings(max_examples=200, deadline=None)
@given(events=event_sets(), data=st.data())
def test_fold_ignores_order_and_duplicates(events: list[Recorded], data: st.DataObject) -> None:
    repeats = data.draw(st.lists(st.sampled_from(events), max_size=5)) if events else []
    shuffled = data.draw(st.permutations(events + repeats))
    assert fold(shuffled) == fold(events)
    # And it is the add-wins set: done exactly while some check is not named by an uncheck.
    removed = {r for e in events if e.kind == "uncheck" for r in e.data["removes"]}
    expected: dict[tuple[date, str], set[str]] = {}
    for e in events:
        if e.kind == "check" and e.id not in removed:
            expected.setdefault((e.data["date"], e.data["item"]), set()).add(e.id)
    assert fold(shuffled).checks == {k: tuple(sorted(v)) for k, v in expected.items()}
