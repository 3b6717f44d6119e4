"""What a sync costs against a real sshd, as ratios to a bare `ssh host true` in the same run.

    . .ci/sshd.sh && .venv/bin/python bench/sync_bench.py [--years 10] [--rounds 9]

Uses $PLANNER_TEST_SSH and $PLANNER_TEST_SSH_HOST (set by .ci/sshd.sh). Makes a 10-year,
two-device history (~30,000 event files, bench/make_history.py), syncs it once to a fresh
remote folder, then measures, interleaved, each a whole process, medians of --rounds:

- bare: `ssh host true`, the floor any ssh-based sync pays;
- noop: `planner sync --quiet` with nothing new (target: at most 1.5x bare);
- noop-in-process: `Planner.sync()` alone, without Python's start and imports;
- naive: `rsync -rt --ignore-existing` of the whole events/ tree, push then pull, as
  DESIGN.md measured it (2.3x); for reference only.

The target is judged on medians; the best (minimum) times are shown too, as they vary less
on a busy machine.

Then one new tick, synced: it must send exactly one event file.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_history import make_history

from planner.datadir import DataDir
from planner.service import Planner


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _quiet(argv: list[str], env: dict[str, str]) -> None:
    subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    ssh_text = os.environ.get("PLANNER_TEST_SSH")
    host = os.environ.get("PLANNER_TEST_SSH_HOST")
    if not ssh_text or not host:
        print("sync_bench: set PLANNER_TEST_SSH and PLANNER_TEST_SSH_HOST (. .ci/sshd.sh)")
        return 2
    ssh = [*shlex.split(ssh_text), "-o", "BatchMode=yes"]
    with tempfile.TemporaryDirectory(prefix="planner-sync-bench-") as tmp:
        root = Path(tmp)
        data, remote = root / "data", root / "remote"
        data.mkdir(mode=0o700)
        files = make_history(data, args.years, 2, date(2026, 11, 28))
        env = dict(os.environ, PLANNER_SSH=ssh_text, XDG_STATE_HOME=str(root / "state"))
        env["XDG_CACHE_HOME"] = str(root / "cache")
        os.environ.update(env)
        target = f"{host}:{remote}"
        planner_cmd = [sys.executable, "-m", "planner", "--data", str(data)]
        first = _timed(lambda: _quiet([*planner_cmd, "sync", target, "--quiet"], env))
        print(f"history: {files} event files; first sync (all of them): {first:.2f} s")

        planner = Planner(DataDir(data))
        naive_remote = f"{host}:{root / 'naive'}/"
        rsh = ["-e", shlex.join(ssh)]
        naive_push = ["rsync", "-rt", "--ignore-existing", "--omit-dir-times", *rsh]
        _quiet([*naive_push, f"{data}/events/", naive_remote], env)  # seed the naive copy

        def naive() -> None:
            _quiet([*naive_push, f"{data}/events/", naive_remote], env)
            _quiet([*naive_push, naive_remote, f"{data}/events/"], env)

        runs: dict[str, Callable[[], object]] = {
            "bare": lambda: _quiet([*ssh, host, "true"], env),
            "noop": lambda: _quiet([*planner_cmd, "sync", "--quiet"], env),
            "noop-in-process": lambda: planner.sync(target),
            "naive": naive,
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, run in runs.items():
                times[name].append(_timed(run))
        bare, bare_min = statistics.median(times["bare"]), min(times["bare"])
        for name, values in times.items():
            median, best = statistics.median(values), min(values)
            print(
                f"{name:16} median {median * 1000:7.1f} ms {median / bare:5.2f}x bare"
                f"   best {best * 1000:7.1f} ms {best / bare_min:5.2f}x"
            )

        planner.check("hydration")
        one = planner.sync(target)
        print(
            f"after one new tick: sent {one.sent}, received {one.received},"
            f" {one.folders} folder(s) compared differently, {one.seconds * 1000:.0f} ms"
        )
        noop_ratio = statistics.median(times["noop"]) / bare
        ok = noop_ratio <= 1.5 and one.sent == 1 and one.received == 0
        print(f"target: noop <= 1.5x bare, one tick sends one file: {'met' if ok else 'MISSED'}")
        planner.data.save_cache()  # now, not at exit, when the folder is gone
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
