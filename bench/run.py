"""Every benchmark of DESIGN.md, as ratios against a baseline measured in the same run.

    python bench/run.py [--years 10] [--devices 2] [--repeat 7] [--quick]

One line each, `name: measured ratio (target)`, then a table for the README. Whole
processes where start-up matters; medians of --repeat alternating runs, because these
machines are noisy. Needs nothing but the project (and, for sync, the local sshd that
.ci/sshd.sh starts; for import, fitdecode from the `bench` extra).
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
FIRST_PAINT = BENCH / "first_paint.py"  # planner as the runner starts it, exiting once painted
TODAY = date(2026, 11, 28)
sys.path.insert(0, str(BENCH))

from make_history import make_history  # noqa: E402


class Results:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, name: str, measured: str, target: str, ok: bool | None) -> None:
        verdict = "" if ok is None else ("meets" if ok else "MISSES")
        self.rows.append((name, measured, target, verdict))
        print(f"{name}: {measured} ({target}) {verdict}".rstrip(), flush=True)

    def table(self) -> str:
        lines = ["| benchmark | measured | target | |", "|---|---|---|---|"]
        lines += [f"| {n} | {m} | {t} | {v} |" for n, m, t, v in self.rows]
        return "\n".join(lines)


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"bench: {' '.join(argv)} failed with status {status}")
    return elapsed, usage.ru_maxrss


def alternate(
    runs: dict[str, Callable[[], tuple[float, int]]], repeat: int
) -> dict[str, tuple[float, int]]:
    """Median time and peak memory of each, run in turns so drift hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    peaks: dict[str, list[int]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            t, rss = run()
            times[name].append(t)
            peaks[name].append(rss)
    return {n: (statistics.median(times[n]), int(statistics.median(peaks[n]))) for n in runs}


def app_env(data: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PLANNER_DATA=str(data),
        PLANNER_TODAY=TODAY.isoformat(),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        TERM="xterm-256color",
    )
    return env


def first_paint(results: Results, data: Path, home: Path, repeat: int) -> float:
    """Start to first paint of Today vs a bare Textual app; returns the warm start seconds."""
    env = app_env(data, home)
    planner = [sys.executable, str(FIRST_PAINT)]
    bare = [sys.executable, str(BENCH / "bare_app.py")]
    cache = home / "cache"

    def cold() -> tuple[float, int]:
        shutil.rmtree(cache, ignore_errors=True)
        return run_child(planner, env)

    run_child(planner, env)  # warm the cache and the OS's file cache
    got = alternate(
        {"bare": lambda: run_child(bare, env), "warm": lambda: run_child(planner, env)}, repeat
    )
    cold_got = alternate({"bare": lambda: run_child(bare, env), "cold": cold}, max(3, repeat // 2))
    # Memory once the app has unpacked the history it leaves packed for the first paint.
    ready = [*planner, "--ready"]
    steady_got = alternate(
        {"bare": lambda: run_child(bare, env), "steady": lambda: run_child(ready, env)},
        max(3, repeat // 2),
    )
    run_child(planner, env)  # leave the cache warm for what follows
    (bare_t, bare_rss), (warm_t, warm_rss) = got["bare"], got["warm"]
    ratio = warm_t / bare_t
    results.add(
        "first_paint_warm",
        f"{ratio:.2f}x ({warm_t:.3f} s vs {bare_t:.3f} s)",
        "<= 1.2x",
        ratio <= 1.2,
    )
    cold_ratio = cold_got["cold"][0] / cold_got["bare"][0]
    results.add(
        "first_paint_cold",
        f"{cold_ratio:.2f}x ({cold_got['cold'][0]:.3f} s)",
        "<= 5x",
        cold_ratio <= 5,
    )
    mem = warm_rss / bare_rss
    results.add(
        "peak_memory",
        f"{mem:.2f}x ({warm_rss / 1024:.1f} MB vs {bare_rss / 1024:.1f} MB) at first paint",
        "<= 1.5x",
        mem <= 1.5,
    )
    steady_rss, steady_bare = steady_got["steady"][1], steady_got["bare"][1]
    steady = steady_rss / steady_bare
    results.add(
        "peak_memory_steady",
        f"{steady:.2f}x ({steady_rss / 1024:.1f} MB) with the history unpacked",
        "<= 1.5x",
        steady <= 1.5,
    )
    return warm_t


def glance(results: Results, data: Path, home: Path, repeat: int) -> None:
    """`planner status` and `planner today` warm, whole processes, vs a bare `python -c pass`
    of the same interpreter (issue 15: at most 4x and 6x)."""
    env = app_env(data, home)
    script = Path(sys.executable).with_name("planner")  # the installed script, as a shell runs it
    planner = [str(script)] if script.exists() else [sys.executable, "-m", "planner"]
    bare = [sys.executable, "-c", "pass"]
    # Warm as a prompt is: a first run after the history was written may list folders again
    # (they changed within the last seconds); one more after that leaves the glance current.
    for _ in range(2):
        for command in (["status"], ["today"]):
            run_child(planner + command, env)
        time.sleep(2.2)
    got = alternate(
        {
            "bare": lambda: run_child(bare, env),
            "status": lambda: run_child([*planner, "status"], env),
            "today": lambda: run_child([*planner, "today"], env),
        },
        max(repeat, 9),
    )
    bare_t = got["bare"][0]
    for name, limit in (("status", 4.0), ("today", 6.0)):
        t = got[name][0]
        results.add(
            f"cli_{name}_warm",
            f"{t / bare_t:.2f}x ({t * 1000:.0f} ms vs {bare_t * 1000:.0f} ms python -c pass)",
            f"<= {limit:g}x",
            t / bare_t <= limit,
        )


def tick(results: Results, data: Path, home: Path, repeat: int) -> None:
    """A tick through the service (as the TUI does it), durable, vs a bare durable write."""
    os.environ["XDG_STATE_HOME"] = str(home / "state")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    from planner.events import Check, Recorded
    from planner.service import Planner
    from planner.store.eventfile import encode_file, envelope

    planner = Planner.open(data, today=TODAY)
    day_plan = planner.day(TODAY)
    item = day_plan.checklist[0].id
    bare_dir = home / "bare"
    bare_dir.mkdir(exist_ok=True)
    raw = encode_file([envelope(Recorded("0-x", "0000000000000-0000", "x", Check(TODAY, item)))])

    def bare_write(n: int) -> None:
        path = bare_dir / f"{n}.toml"
        tmp = bare_dir / f".{n}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, raw)
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, path)
        dfd = os.open(bare_dir, os.O_RDONLY)
        os.fsync(dfd)
        os.close(dfd)

    bare_times, tick_times = [], []
    for n in range(repeat * 6):
        t = time.perf_counter()
        bare_write(n)
        bare_times.append(time.perf_counter() - t)
        planner.day(TODAY)  # the screen shows the plan before the key is pressed
        t = time.perf_counter()
        planner.toggle(item, TODAY)
        tick_times.append(time.perf_counter() - t)
    bare_t, tick_t = statistics.median(bare_times), statistics.median(tick_times)
    ratio = tick_t / bare_t
    results.add(
        "tick_durable",
        f"{ratio:.2f}x ({tick_t * 1000:.2f} ms vs {bare_t * 1000:.2f} ms)",
        "<= 2x",
        ratio <= 2,
    )


def plan_cost(results: Results, data: Path, home: Path, startup: float, label: str) -> float:
    """A 14-day plan over the whole history, as a share of the app's start-up."""
    from planner.core.engine import build_plan
    from planner.service import Planner

    planner = Planner.open(data, today=TODAY)
    state, rules = planner.data.state(), planner.rules()
    times = []
    for _ in range(7):
        t = time.perf_counter()
        build_plan(state, rules, TODAY, days=14)
        times.append(time.perf_counter() - t)
    plan_t = statistics.median(times)
    share = plan_t / startup
    if label:
        results.add(
            label,
            f"{share * 100:.1f}% ({plan_t * 1000:.1f} ms of {startup:.3f} s)",
            "<= 5%",
            share <= 0.05,
        )
    return plan_t


def growth(results: Results, root: Path, repeat: int) -> None:
    """Start-up and plan time at 1, 3 and 10 years: what grows and what stays flat."""
    rows = []
    for years in (1, 3, 10):
        data = root / f"g{years}"
        home = root / f"g{years}-home"
        files = make_history(data, years, 2, TODAY)
        env = app_env(data, home)
        planner = [sys.executable, str(FIRST_PAINT)]
        run_child(planner, env)
        start = functools.partial(run_child, planner, env)  # bound now, not at the loop's end
        warm = alternate({"warm": start}, max(3, repeat // 2))["warm"][0]
        shutil.rmtree(home / "cache", ignore_errors=True)
        cold = run_child(planner, env)[0]
        plan_t = plan_cost(results, data, home, warm, "")
        rows.append((years, files, cold, warm, plan_t))
    print("growth (years, files, cold start s, warm start s, 14-day plan ms):")
    for years, files, cold, warm, plan_t in rows:
        print(
            f"  {years:>2} y  {files:>6} files  cold {cold:.3f}  warm {warm:.3f}  "
            f"plan {plan_t * 1000:.1f}"
        )


def sub_bench(results: Results, script: str, args: list[str]) -> None:
    path = BENCH / script
    if not path.exists():
        results.add(script, "not run", "script missing", None)
        return
    proc = subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        print(f"  {line}")
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        results.add(script, "not run", tail, None)


def compile_bytecode() -> None:
    """Compile planner's modules as an install does (pip compiles a wheel's bytecode).

    Textual's bytecode was compiled when it was installed; planner's, in an editable checkout
    under PYTHONDONTWRITEBYTECODE=1 (as on the CI machines), would be compiled again on every
    start, a cost no installed copy pays and the baseline never pays.
    """
    import compileall

    package = BENCH.parent / "planner"
    if not compileall.compile_dir(str(package), quiet=1):
        raise SystemExit(f"bench: could not compile {package}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--devices", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="skip growth, import and sync")
    args = parser.parse_args()
    results = Results()
    compile_bytecode()
    root = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        data, home = root / "data", root / "home"
        files = make_history(data, args.years, args.devices, TODAY)
        print(f"history: {args.years} years, {args.devices} devices, {files} event files")
        warm = first_paint(results, data, home, args.repeat)
        glance(results, data, home, args.repeat)
        tick(results, data, home, args.repeat)
        plan_cost(results, data, home, warm, "plan_14_days")
        if not args.quick:
            growth(results, root, args.repeat)
            sub_bench(results, "import_bench.py", [])
            sub_bench(results, "sync_bench.py", [])
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )
    print(results.table())


if __name__ == "__main__":
    main()
