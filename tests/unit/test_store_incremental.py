"""A Folder fed in any order and in any number of steps ends where the whole fold does."""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any

from eventtables import Event
from hypothesis import given, settings
from hypothesis import strategies as st

from planner import snapshot
from planner.core.model import Profile
from planner.events import Recorded
from planner.projections.state import Folder, fold
from planner.store.disk import DiskIndex
from planner.store.store import Cursor

DAYS = (date(2025, 1, 1), date(2025, 1, 2))
RUN_IDS = ("r1", "r2")


def _data(draw: st.DrawFn, kind: str, earlier: list[Recorded]) -> dict[str, Any]:
    day = draw(st.sampled_from(DAYS))
    if kind == "check":
        return {"date": day, "item": draw(st.sampled_from(["yoga", "hydration"]))}
    if kind == "uncheck":
        checks = [e.id for e in earlier if e.kind == "check"] + ["missing"]
        return {"date": day, "item": "yoga", "removes": draw(st.lists(st.sampled_from(checks)))}
    if kind == "profile":
        data: dict[str, Any] = {"age": draw(st.integers(20, 90))} if draw(st.booleans()) else {}
        data["unset"] = draw(st.lists(st.sampled_from(["age", "sex"]), max_size=1))
        if draw(st.booleans()):
            data["sex"] = draw(st.sampled_from("fmx"))
        return data
    if kind == "run":
        run = {"id": draw(st.sampled_from(RUN_IDS)), "date": day, "moving_s": 1800}
        return run | {"distance_m": draw(st.sampled_from([5000.0, 6000.0]))}
    if kind == "run_edit":
        return {"run_id": draw(st.sampled_from(RUN_IDS)), "rpe": draw(st.integers(1, 10))}
    if kind == "run_delete":
        return {"run_id": draw(st.sampled_from(RUN_IDS))}
    if kind == "checkin":
        rating = {draw(st.sampled_from(RUN_IDS)): draw(st.integers(1, 10))}
        return {"date": day, "soreness": draw(st.integers(0, 10)), "run_rpe": rating}
    return {"id": "race", "date": day, "distance_m": draw(st.sampled_from([5e3, 42195.0]))}


KINDS = ["check", "uncheck", "profile", "run", "run_edit", "run_delete", "checkin", "race"]


@st.composite
def histories(draw: st.DrawFn) -> list[Recorded]:
    events: list[Recorded] = []
    for n in range(draw(st.integers(0, 30))):
        hlc = f"{draw(st.integers(0, 5)):013d}-{draw(st.integers(0, 2)):04d}"
        device = draw(st.sampled_from(["aaaaaaaaaa", "bbbbbbbbbb"]))
        kind = draw(st.sampled_from(KINDS))
        events.append(
            Event(f"{hlc}-{device}-{n:04d}", kind, hlc, device, _data(draw, kind, events))
        )
    return events


@settings(max_examples=300, deadline=None)
@given(events=histories(), data=st.data())
def test_any_order_any_steps_gives_the_whole_fold(
    events: list[Recorded], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(events))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(events)), max_size=4)))
    folder = Folder()
    start = 0
    for cut in [*cuts, len(events)]:
        folder.add(shuffled[start:cut])
        folder.state()  # a state in between must not spoil the next step
        if data.draw(st.booleans()):  # a round trip through the fold cache in between
            folder = pickle.loads(pickle.dumps(folder))
        start = cut
    assert not folder.conflicted
    assert folder.state() == fold(events)


def test_a_repeated_id_asks_for_a_fresh_fold() -> None:
    e = Event("0000000000001-0000-aaaaaaaaaa-x", "check", "0000000000001-0000", "aaaaaaaaaa", {})
    folder = Folder()
    folder.add([e])
    assert not folder.conflicted
    folder.add([e])
    assert folder.conflicted


def test_a_packed_fold_unpacks_to_the_same_fold_and_grows_alike() -> None:
    """The snapshot's packing (ticks as strings) is lossless, and the unpacked fold goes on."""
    folder = Folder()
    tick = Event("0000000000001-0000-aaaaaaaaaa-x", "check", "0000000000001-0000",
                 "aaaaaaaaaa", {"date": date(2026, 11, 28), "item": "meal:lunch"})  # fmt: skip
    folder.add([tick])
    warm = snapshot.Snapshot("/d", Cursor(DiskIndex("/d")), Profile(), 1, snapshot.pack(folder))
    unpacked = warm.folder()
    assert unpacked.state() == folder.state()
    assert unpacked.state().checks == {(date(2026, 11, 28), "meal:lunch"): (tick.id,)}
    later = Event("0000000000002-0000-aaaaaaaaaa-y", "uncheck", "0000000000002-0000",
                  "aaaaaaaaaa", {"date": date(2026, 11, 28), "item": "meal:lunch",
                                 "removes": [tick.id]})  # fmt: skip
    unpacked.add([later])
    folder.add([later])
    assert unpacked.state() == folder.state() and not unpacked.state().checks


def test_an_event_of_a_kind_this_version_skips_still_counts() -> None:
    folder = Folder()
    folder.add([Event("0000000000002-0000-aaaaaaaaaa-y", "from_the_future", "0000000000002-0000",
                      "aaaaaaaaaa", {"x": 1})])  # fmt: skip
    assert folder.state().event_count == 1
