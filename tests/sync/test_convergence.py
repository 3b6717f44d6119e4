"""Two and three devices edit the same things, sync through one remote in every order, agree.

Each device has its own data dir and state dir (so its own device id), as separate machines
would; they meet only through the remote folder, reached over the real sshd.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

import pytest
from synctools import TODAY, Device, add_plan_file, assert_converged, make_device, visible_files


def _conflicting_edits(devices: list[Device]) -> None:
    """Before any sync: every device ticks hydration, logs a run, sets its own weight."""
    for n, device in enumerate(devices):
        device.check("hydration")
        device.run(8 + n)
        device.profile(weight_kg=str(60 + n))
        device.check("yoga", TODAY - timedelta(days=1))


def _edits_after_seeing_others(devices: list[Device]) -> None:
    """After a round: untick what was seen (others' ticks made meanwhile must survive)."""
    for n, device in enumerate(devices):
        if n % 2 == 0:
            device.uncheck("hydration")
        else:
            device.check("stretching")
        device.uncheck("yoga", TODAY - timedelta(days=1))
        device.profile(age=str(50 + n))


@pytest.mark.parametrize("order", list(itertools.permutations(range(2))))
def test_two_devices_converge_in_either_order(
    tmp_path: Path, target: str, remote: Path, order: tuple[int, ...]
) -> None:
    _converge(tmp_path, target, remote, 2, order)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_three_devices_converge_in_every_order(
    tmp_path: Path, target: str, remote: Path, order: tuple[int, ...]
) -> None:
    _converge(tmp_path, target, remote, 3, order)


def _converge(
    tmp_path: Path, target: str, remote: Path, count: int, order: tuple[int, ...]
) -> None:
    devices = [make_device(tmp_path, f"dev{n}") for n in range(count)]
    assert len({d.store.device for d in devices}) == count
    _conflicting_edits(devices)
    for n in order:
        devices[n].sync(target)
    _edits_after_seeing_others(devices)
    # A tick made after the first round by the device that synced first: it must spread too.
    devices[order[0]].check("foam_rolling")
    for _ in range(2):
        for n in order:
            devices[n].sync(target)
    assert_converged(devices, remote)
    state = devices[0].store.state()
    # Every device ticked hydration; even devices unticked it after one round, naming the
    # ticks they had seen by then: those of the devices synced before them. A tick from a
    # device later in the order was unseen, so it survives (add-wins).
    last_untick = max(order.index(n) for n in range(count) if n % 2 == 0)
    assert state.is_done(TODAY, "hydration") == (last_untick < count - 1)
    assert not state.is_done(TODAY - timedelta(days=1), "yoga")  # each untick saw its own
    assert state.is_done(TODAY, "foam_rolling")
    assert len(state.runs) == count


def test_an_untick_removes_only_the_ticks_it_saw(tmp_path: Path, target: str, remote: Path) -> None:
    a, b = make_device(tmp_path, "a"), make_device(tmp_path, "b")
    a.check("hydration")
    a.sync(target)
    b.sync(target)
    b.uncheck("hydration")  # names a's tick: b saw it
    a.uncheck("hydration")
    a.check("hydration")  # a new tick, made after b's untick, which b never saw
    for device in (b, a, b):
        device.sync(target)
    assert_converged([a, b], remote)
    assert a.store.state().is_done(TODAY, "hydration")


def test_profile_changes_on_both_resolve_the_same_way_everywhere(
    tmp_path: Path, target: str, remote: Path
) -> None:
    a, b = make_device(tmp_path, "a"), make_device(tmp_path, "b", skew_ms=-3_600_000)
    a.profile(weight_kg="61")
    b.profile(weight_kg="72", hr_max="180")
    for device in (a, b, a):
        device.sync(target)
    assert_converged([a, b], remote)
    profile = a.store.state().profile
    # b's clock runs an hour behind, so a's weight is the later write; b's HR max stands.
    assert profile.weight_kg == 61.0 and profile.hr_max == 180


def test_one_sync_exchanges_a_folder_both_sides_wrote(
    tmp_path: Path, target: str, remote: Path
) -> None:
    """plans/ is written by every device: here 2 files, there 1 of its own. The counts say
    'send', and after sending, the counts show the remote had one we lack: fetched too."""
    a, b = make_device(tmp_path, "a"), make_device(tmp_path, "b")
    add_plan_file(b, 'name = "mine"\n# from b\n')
    b.sync(target)
    add_plan_file(a, 'name = "mine"\n# from a, 1\n')
    add_plan_file(a, 'name = "mine"\n# from a, 2\n')
    result = a.sync(target)
    assert (result.sent, result.received) == (2, 1)
    assert visible_files(a.store.data_dir) == visible_files(remote)
    assert len(visible_files(remote)) == 3


def test_never_overwrites_or_deletes(tmp_path: Path, target: str, remote: Path) -> None:
    """Same name, different bytes on each side (a damaged copy): each side keeps its own."""
    a = make_device(tmp_path, "a")
    a.check("hydration")
    a.sync(target)
    (name,) = visible_files(remote)
    (remote / name).write_bytes(b"# damaged on the server\n")
    (remote / "events" / "zz" / "2020-01").mkdir(parents=True)
    (remote / "events" / "zz" / "2020-01" / "only-there.toml").write_bytes(b"# theirs\n")
    a.check("yoga")
    a.sync(target)
    assert (remote / name).read_bytes() == b"# damaged on the server\n"
    assert (a.store.data_dir / name).read_bytes() != b"# damaged on the server\n"
    assert (a.store.data_dir / "events" / "zz" / "2020-01" / "only-there.toml").exists()
    assert set(visible_files(remote)) == set(visible_files(a.store.data_dir))
