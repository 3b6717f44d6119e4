"""Random edit-and-sync schedules, with clocks up to a day apart, always converge.

Each example: 2 or 3 devices with skewed clocks make random ticks, unticks, runs, profile
changes and plan files (plans/ is written by every device), syncing at random moments with
one or two remote folders over the real sshd (two remotes make folders whose copies each
hold files the other lacks). Then every device syncs with every remote, twice around: the
first round gathers everything, the second hands it out. The proof: the same files on every
device and remote, nothing lost, nothing twice, the same folded state. Bounded: 20 examples,
a few syncs each, well under a minute.

To keep it quick the examples share one ssh connection: $PLANNER_SSH brings its own
ControlPath, which `planner sync` then uses instead of opening one per sync.
"""

from __future__ import annotations

import shlex
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synctools import (
    SSH,
    TODAY,
    Device,
    add_plan_file,
    assert_converged,
    make_device,
    visible_files,
)

DAY_MS = 24 * 3600 * 1000
Step = tuple[str, int, Any]  # ("edit", device, change) or ("sync", device, remote)
ITEMS = ("hydration", "yoga", "stretching")

edit = st.one_of(
    st.tuples(st.just("check"), st.sampled_from(ITEMS), st.integers(0, 1)),
    st.tuples(st.just("uncheck"), st.sampled_from(ITEMS), st.integers(0, 1)),
    st.tuples(st.just("run"), st.integers(3, 20), st.integers(0, 1)),
    st.tuples(st.just("weight"), st.integers(50, 90), st.just(0)),
    st.tuples(st.just("plan"), st.integers(0, 3), st.just(0)),
)
step = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 2), edit),
    st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 1)),
)
schedules = st.tuples(
    st.integers(2, 3),
    st.integers(1, 2),
    st.lists(st.integers(-DAY_MS, DAY_MS), min_size=3, max_size=3),
    st.lists(step, max_size=10).filter(lambda s: sum(k == "sync" for k, _, _ in s) <= 3),
)


@pytest.fixture
def shared_connection(sshd: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with tempfile.TemporaryDirectory(prefix="planner-cm-") as folder:
        sharing = f"-o ControlMaster=auto -o ControlPath={folder}/%C -o ControlPersist=60"
        monkeypatch.setenv("PLANNER_SSH", f"{SSH} {sharing}")
        yield
        subprocess.run(
            [*shlex.split(SSH), *shlex.split(sharing), "-O", "exit", sshd],
            capture_output=True,
            check=False,
        )


def _apply(device: Device, change: tuple[str, object, int]) -> None:
    kind, value, days_ago = change
    day = TODAY - timedelta(days=days_ago)
    if kind == "check":
        device.check(str(value), day)
    elif kind == "uncheck":
        device.uncheck(str(value), day)
    elif kind == "run":
        device.run(int(str(value)), day)
    elif kind == "plan":
        add_plan_file(device, f'name = "mine"\n# version {value} from {device.name}\n')
    else:
        device.profile(weight_kg=str(value))


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(schedule=schedules)
def test_random_schedules_converge(
    sshd: str, shared_connection: None, schedule: tuple[int, int, list[int], list[Step]]
) -> None:
    count, remote_count, skews, steps = schedule
    with tempfile.TemporaryDirectory(prefix="planner-prop-") as tmp:
        root = Path(tmp)
        remotes = [root / f"remote{n}" for n in range(remote_count)]
        targets = [f"{sshd}:{remote}" for remote in remotes]
        devices = [make_device(root, f"dev{n}", skew_ms=skews[n]) for n in range(count)]
        for kind, who, change in steps:
            device = devices[who % count]
            if kind == "sync":
                device.sync(targets[change % remote_count])
                # One sync is a whole exchange: both sides then hold the same files.
                remote = remotes[change % remote_count]
                assert visible_files(device.store.data_dir) == visible_files(remote)
            else:
                _apply(device, change)
        for _ in range(2):
            for device in devices:
                for target, remote in zip(targets, remotes, strict=True):
                    device.sync(target)
                    assert visible_files(device.store.data_dir) == visible_files(remote)
        assert_converged(devices, *remotes)
