"""kill -9 at random moments: every acknowledged write survives, no visible file is torn,
and the next start is clean (leftover dot-temp files are ignored, a broken cache is rebuilt).

A SIGKILL leaves the page cache intact, so these tests prove the write protocol (temp file,
rename, what readers skip, the lock, the cache); test_fsync_order.py proves the fsyncs.
"""

from __future__ import annotations

import os
import random
import re
import select
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from torturekit import (
    DRIVER,
    REPO,
    SEED,
    TODAY,
    TODAY_DATE,
    Acks,
    check_acknowledged,
    cli_argv,
    events_on_disk,
    gpx_run,
    private_env,
    run_cli,
    temp_files,
    visible_event_files,
)

from planner import snapshot
from planner.datadir import DataDir
from planner.projections.state import fold

MIXED_ROUNDS = 36
MIN_ACKS, MAX_ROUNDS = 400, 120
CLI_ROUNDS = 24


class Writer:
    """The driver script in a child process: start it, wait for a line, kill it."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(DRIVER), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=REPO,
        )
        self.out = b""

    def wait_for(self, word: str, timeout: float = 30) -> None:
        """Read stdout until a line `word` arrives (the child's own acks are kept)."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while f"\n{word}\n".encode() not in b"\n" + self.out:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.proc.stdout], [], [], max(left, 0))
            chunk = os.read(self.proc.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
                self.kill()
                pytest.fail(f"the driver never said {word} (exit {self.proc.returncode}): {err}")
            self.out += chunk

    def kill(self) -> str:
        """SIGKILL, then everything it printed (a torn last line is not an ack)."""
        with_err = self.proc.poll() is None
        self.proc.send_signal(signal.SIGKILL)
        out, err = self.proc.communicate(timeout=30)
        self.out += out
        if not with_err:
            assert self.proc.returncode == 0 or not err, err.decode(errors="replace")
        return self.out.decode("utf-8", "replace")


def assert_clean_start(data: Path, env: dict[str, str], acks: Acks, cache: Path) -> None:
    """The disk holds every ack, parses whole, and folds alike with and without the cache."""
    events = events_on_disk(data)  # raises on any torn or unparseable visible file
    assert len({e.id for e in events}) == len(events), "an event id is on disk twice"
    truth = fold(events)
    check_acknowledged(acks, events, truth)
    cold = DataDir(data, state=cache.parent / "state" / "planner", cache=cache.parent / "cold")
    assert cold.state() == truth and cold.notices == []
    warm = DataDir(data, state=cache.parent / "state" / "planner")  # the cache the writers left
    assert warm.state() == truth and warm.notices == []
    for temp in temp_files(data):
        assert temp.name.startswith(".") and temp.name.endswith(".tmp"), temp
    done = run_cli(data, env, "today")
    assert (done.code, done.err) == (0, ""), done.err


def test_kill_9_during_hundreds_of_ticks_unticks_runs_and_imports(
    tmp_path: Path, data: Path
) -> None:
    env = private_env(tmp_path)
    rng = random.Random(SEED)
    acks = Acks()
    round_no = 0
    # At least MIXED_ROUNDS kills, and more on a slow machine until hundreds of writes are in.
    while round_no < MIXED_ROUNDS or (len(acks.ops) < MIN_ACKS and round_no < MAX_ROUNDS):
        writer = Writer(env, "mixed", str(data), str(SEED + round_no))
        writer.wait_for("READY")
        time.sleep(rng.uniform(0.0, 0.3))
        acks.take(writer.kill())
        if round_no % 12 == 11:  # the start-up checks in between, not only at the end
            assert_clean_start(data, env, acks, tmp_path / "cache")
        round_no += 1
    assert_clean_start(data, env, acks, tmp_path / "cache")
    counts = check_acknowledged(acks, events_on_disk(data), fold(events_on_disk(data)))
    print(f"acknowledged over {round_no} kills: {counts}")  # shown with pytest -s
    # Hundreds of acknowledged writes of every kind, not a handful.
    assert sum(counts.values()) >= 300, counts
    for op in ("check", "uncheck", "log", "import"):
        assert counts.get(op, 0) >= 10, counts


def test_kill_9_during_real_cli_commands(tmp_path: Path, data: Path) -> None:
    """`python -m planner check/log/import` killed at random points in their lives."""
    env = private_env(tmp_path)
    rng = random.Random(SEED + 1)
    inbox = tmp_path / "files"
    inbox.mkdir()
    ticked: set[tuple[str, str]] = set()
    logged: set[str] = set()
    imported: set[str] = set()
    killed_early = 0
    # Kill anywhere in a command's life: from its start to half again its whole run time.
    started = time.monotonic()
    assert run_cli(data, env, "check", "meal:breakfast", "--date", str(TODAY_DATE)).code == 0
    life = time.monotonic() - started
    for n in range(CLI_ROUNDS):
        day = str(TODAY_DATE - timedelta(days=14 + n % 5))
        item = rng.choice(["hydration", "stretching", "yoga", "foam_rolling"])
        roll = rng.random()
        if roll < 0.55:
            args = ["check", item, "--date", day]
        elif roll < 0.8:
            args = ["log", "--distance", "8km", "--duration", "44:00", "--rpe", "4", "--date", day]
        else:
            start = datetime(2026, 10, 1, 6, tzinfo=UTC) + timedelta(hours=7 * n)
            path = inbox / f"cli-{n}.gpx"
            path.write_bytes(gpx_run(start, 2400, 8000))
            args = ["import", "--quiet", "--jobs", "1", str(path)]
        proc = subprocess.Popen(
            cli_argv(data, *args),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=REPO,
        )
        try:
            proc.wait(timeout=rng.uniform(0.1, 1.5) * life)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        text = out.decode()
        if proc.returncode == -signal.SIGKILL:
            killed_early += 1
            continue
        assert proc.returncode == 0, err.decode(errors="replace")
        if args[0] == "check":
            ticked.add((day, item))
        elif args[0] == "log":
            logged.add(re.search(r"\(id (r-[0-9a-f]+)\)", text).group(1))  # type: ignore[union-attr]
        else:
            imported.add(re.search(r"\(import (imp-[a-z0-9]+)\)", text).group(1))  # type: ignore[union-attr]
    assert killed_early >= 3 and len(ticked) + len(logged) + len(imported) >= 3
    events = events_on_disk(data)
    state = fold(events)
    for day, item in ticked:
        assert state.is_done(date.fromisoformat(day), item), (day, item)
    assert logged <= {r.id for r in state.runs}
    assert imported <= {r.import_id for r in state.runs}
    assert_clean_start(data, env, Acks(), tmp_path / "cache")


@pytest.mark.parametrize("where", ["write", "replace", "dirsync"])
def test_kill_at_each_step_of_a_write(tmp_path: Path, data: Path, where: str) -> None:
    """Killed half-way through the temp file, before the rename, and before the folder fsync."""
    env = private_env(tmp_path)
    day = TODAY_DATE - timedelta(days=1)
    writer = Writer(env, f"stall-{where}", str(data), str(SEED))
    writer.wait_for("STALL")
    acks = Acks()
    assert acks.take(writer.kill()) == 0  # the write never returned: nothing acknowledged
    temps = temp_files(data)
    visible = visible_event_files(data)
    if where == "dirsync":  # renamed: whole and visible (the page cache holds it)
        assert temps == [] and len(visible) == 1
        assert DataDir(data, cache=tmp_path / "c1").state().is_done(day, "hydration")
    else:  # only a dot-temp file: invisible, and it stays ignored
        assert len(temps) == 1 and visible == []
        assert not DataDir(data, cache=tmp_path / "c1").state().is_done(day, "hydration")
    assert_clean_start(data, env, acks, tmp_path / "cache")
    # The next write of the same tick works beside the leftover temp file.
    done = run_cli(data, env, "check", "hydration", "--date", str(day))
    assert done.code == 0, done.err
    assert DataDir(data, cache=tmp_path / "c2").state().is_done(day, "hydration")
    assert temp_files(data) == temps


def _cache_file(tmp_path: Path, data: Path) -> Path:
    return snapshot.snapshot_file(tmp_path / "cache" / "planner", data)


def test_kill_during_a_fold_cache_save(tmp_path: Path, data: Path) -> None:
    env = private_env(tmp_path)
    for item in ("stretching", "foam_rolling"):
        assert run_cli(data, env, "check", item).code == 0  # leaves a cache behind
    cache = _cache_file(tmp_path, data)
    before = cache.read_bytes()
    writer = Writer(env, "stall-cache", str(data), str(SEED))
    writer.wait_for("STALL")
    acks = Acks()
    assert acks.take(writer.kill()) == 1  # the tick before the save
    leftovers = [p for p in cache.parent.iterdir() if p.name.startswith(".")]
    assert len(leftovers) == 1 and leftovers[0].name.endswith(".tmp")
    assert cache.read_bytes() == before  # the old cache stands, whole, and is now stale
    warm = DataDir(data)  # the default cache dir, as the app opens it
    assert warm.state().is_done(TODAY_DATE, "yoga")
    assert warm.state() == fold(events_on_disk(data)) and warm.notices == []
    assert_clean_start(data, env, acks, tmp_path / "cache")


@pytest.mark.parametrize(
    "damage",
    ["half-written", "empty", "stale", "garbage", "other-data-dir"],
)
def test_a_cache_file_a_crash_could_leave_is_never_believed(
    tmp_path: Path, data: Path, damage: str
) -> None:
    """The cache is not fsynced: after a power cut it may be empty, torn or old."""
    env = private_env(tmp_path)
    assert run_cli(data, env, "check", "yoga").code == 0
    assert run_cli(data, env, "today").code == 0  # a start that read a new file saves the cache
    cache = _cache_file(tmp_path, data)
    old = cache.read_bytes()
    assert run_cli(data, env, "check", "stretching").code == 0
    assert (
        run_cli(data, env, "log", "--distance", "5km", "--duration", "30:00", "--rpe", "3").code
        == 0
    )
    if damage == "half-written":
        cache.write_bytes(cache.read_bytes()[: len(cache.read_bytes()) // 2])
    elif damage == "empty":
        cache.write_bytes(b"")
    elif damage == "stale":
        cache.write_bytes(old)  # the cache from before the last two writes
    elif damage == "garbage":
        cache.write_bytes(os.urandom(4096))
    else:  # a whole, valid cache of another data dir under this one's name
        other = tmp_path / "other"
        assert run_cli(other, env, "check", "meal:breakfast").code == 0
        assert run_cli(other, env, "today").code == 0
        cache.write_bytes(_cache_file(tmp_path, other).read_bytes())
    warm = DataDir(data)
    state = warm.state()
    assert state == fold(events_on_disk(data)) and warm.notices == []
    assert state.is_done(TODAY_DATE, "yoga") and state.is_done(TODAY_DATE, "stretching")
    assert len(state.runs) == 1 and not state.is_done(TODAY_DATE, "meal:breakfast")
    done = run_cli(data, env, "today", "--json")
    assert done.code == 0 and done.err == "" and '"done": true' in done.out
    assert TODAY in done.out
