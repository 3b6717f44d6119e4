"""Two and three processes writing to one data dir at once: CLIs, drivers, and an in-process
Store with a fold cache as the TUI keeps one. Nothing lost, nothing twice, and every reader
ends on the fold of the union.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from torturekit import (
    DRIVER,
    REPO,
    SEED,
    TODAY_DATE,
    Acks,
    check_acknowledged,
    cli_argv,
    events_on_disk,
    private_env,
    run_cli,
)

from planner.datadir import DataDir
from planner.events import Check
from planner.projections.state import fold

BURST = 120  # writes per driver process


def driver(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=REPO,
    )


def assert_union(data: Path, acks: Acks, extra_ids: list[str]) -> None:
    events = events_on_disk(data)
    ids = Counter(e.id for e in events)
    assert not [i for i, n in ids.items() if n > 1], "an event is on disk twice"
    expected = acks.event_ids + extra_ids
    assert len(expected) == len(set(expected)), "two writers acknowledged one event"
    lost, unexpected = set(expected) - set(ids), set(ids) - set(expected)
    assert not lost and not unexpected, (
        f"lost {sorted(lost)[:5]}, unexpected {sorted(unexpected)[:5]}"
    )
    check_acknowledged(acks, events, fold(events))


def test_two_clis_at_once(tmp_path: Path, data: Path) -> None:
    env = private_env(tmp_path)
    assert run_cli(data, env, "profile", "set", "--age", "52").code == 0
    results: dict[int, list[tuple[list[str], str]]] = {0: [], 1: []}

    def loop(lane: int) -> None:
        for n in range(6):
            day = str(TODAY_DATE - timedelta(days=3 + lane * 10 + n))
            if n % 3 == 2:
                args = [
                    "log",
                    "--distance",
                    "6km",
                    "--duration",
                    "33:00",
                    "--rpe",
                    "3",
                    "--date",
                    day,
                ]
            else:
                args = ["check", ("yoga", "hydration")[lane], "--date", day]
            done = subprocess.run(
                cli_argv(data, *args), env=env, capture_output=True, cwd=REPO, timeout=60
            )
            assert done.returncode == 0, done.stderr.decode()
            results[lane].append((args, done.stdout.decode()))

    lanes = [threading.Thread(target=loop, args=(lane,)) for lane in (0, 1)]
    for lane in lanes:
        lane.start()
    for lane in lanes:
        lane.join(120)
    assert all(len(r) == 6 for r in results.values()), "a CLI lane did not finish"
    events = events_on_disk(data)
    assert len({e.id for e in events}) == len(events) == 1 + 12
    state = fold(events)
    checks = Counter((e.data["date"], e.data["item"]) for e in events if e.kind == "check")
    assert set(checks.values()) == {1} and len(checks) == 8
    for args, out in (r for lane in results.values() for r in lane):
        if args[0] == "check":
            assert state.is_done(TODAY_DATE.fromisoformat(args[-1]), args[1])
        else:
            run_id = re.search(r"\(id (r-[0-9a-f]+)\)", out).group(1)  # type: ignore[union-attr]
            assert run_id in {r.id for r in state.runs}
    fresh = DataDir(data, cache=tmp_path / "fresh")
    assert fresh.state() == state and fresh.notices == []


CLI_DAYS = [TODAY_DATE - timedelta(days=200 + n) for n in range(8)]


@pytest.mark.parametrize(
    ("processes", "cli"),
    [(2, False), (3, False), (1, True)],
    ids=["two-drivers-and-a-tui", "three-drivers-and-a-tui", "a-cli-a-driver-and-a-tui"],
)
def test_processes_and_an_in_process_store_with_a_cache_at_once(
    tmp_path: Path, data: Path, processes: int, cli: bool
) -> None:
    """Driver processes (each a Planner, as the CLI has), real `planner check` processes one
    after another, and a Store in this process with a fold cache, as the TUI keeps one."""
    env = private_env(tmp_path)
    cli_codes: list[int] = []

    def cli_lane() -> None:
        for day in CLI_DAYS:
            done = run_cli(data, env, "check", "stretching", "--date", str(day))
            cli_codes.append(done.code)

    lane = threading.Thread(target=cli_lane)
    tui = DataDir(data, cache=tmp_path / "tui-cache")
    tui.state()
    go = tmp_path / "go"
    drivers = [
        driver(env, "burst", str(data), str(SEED + k), str(BURST), str(k), str(go))
        for k in range(processes)
    ]
    for proc in drivers:  # all loaded and waiting: then all start at once
        assert proc.stdout is not None and proc.stdout.readline() == b"READY\n"
    go.touch()
    if cli:
        lane.start()
    mine: list[str] = []
    # The TUI's own ticks, on days nobody else uses, while it refreshes and saves its cache,
    # for as long as the other writers write.
    n = 0
    while n < 40 or any(proc.poll() is None for proc in drivers) or lane.is_alive():
        day = TODAY_DATE - timedelta(days=300 + n)
        mine.append(tui.append(Check(date=day, item="yoga")).id)
        if n % 4 == 3:
            tui.refresh()
            tui.save_cache()
            assert tui.state().is_done(day, "yoga")
        n += 1
    acks = Acks()
    for proc in drivers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        assert out.decode().endswith("DONE\n")
        assert acks.take(out.decode()) == BURST
    if cli:
        lane.join(120)
    from_cli = [e for e in events_on_disk(data) if e.kind == "check" and e.data["date"] in CLI_DAYS]
    if cli:
        assert cli_codes == [0] * len(CLI_DAYS)
        assert sorted(e.data["date"] for e in from_cli) == sorted(CLI_DAYS)  # each once
    assert_union(data, acks, mine + [e.id for e in from_cli])
    # They really wrote at the same time: in stamp order, the writers take turns many times.
    writer_of = {i: "tui" for i in mine} | {e.id: "cli" for e in from_cli}
    for op in acks.ops:
        writer_of.update((i, op["tag"]) for i in op["events"])
    order = [writer_of[e.id] for e in sorted(events_on_disk(data), key=lambda e: (e.hlc, e.id))]
    turns = sum(a != b for a, b in itertools.pairwise(order))
    assert turns >= 10, order
    truth = fold(events_on_disk(data))
    tui.refresh()  # what came after its last refresh
    assert tui.state() == truth and tui.notices == []  # the other writers' files are in it
    tui.save_cache()
    warm = DataDir(data, cache=tmp_path / "tui-cache")  # the next start, from that cache
    assert warm.state() == truth and warm.notices == []
    cold = DataDir(data, cache=tmp_path / "cold")
    assert cold.state() == truth
    done = run_cli(data, env, "today")
    assert (done.code, done.err) == (0, "")
