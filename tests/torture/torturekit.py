"""Helpers shared by the torture tests (a unique module name: conftest names collide)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from planner.events import Recorded
from planner.projections.state import fold
from planner.store.eventfile import decode_file

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "driver.py"
REPO = HERE.parents[1]
TODAY = "2026-11-28"
TODAY_DATE = date.fromisoformat(TODAY)
# The seed of every random choice in the suite: set TORTURE_SEED to replay or to vary a run.
SEED = int(os.environ.get("TORTURE_SEED", "20261128"))


# ---- environments and processes ------------------------------------------------------------


def private_env(home: Path, **extra: str) -> dict[str, str]:
    """os.environ with this test's own state, cache and data homes (what a subprocess gets)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANNER_", "COV_"))}
    env.update(
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "xdg-data"),
        PYTHONDONTWRITEBYTECODE="1",
        # Never reach a real host: a sync that got past its target check would fail at once.
        PLANNER_SSH="false",
    )
    env.update(extra)
    return env


def cli_argv(data: Path, *args: str, today: str = TODAY) -> list[str]:
    return [sys.executable, "-m", "planner", "--data", str(data), "--today", today, *args]


@dataclass
class Done:
    code: int
    out: str
    err: str


def run_cli(
    data: Path, env: dict[str, str], *args: str, today: str = TODAY, timeout: float = 60
) -> Done:
    """`python -m planner --data DATA --today TODAY ARGS...` as a real process."""
    done = subprocess.run(
        cli_argv(data, *args, today=today),
        env=env,
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        cwd=REPO,
    )
    return Done(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


# ---- what is on disk ---------------------------------------------------------------------------


def data_digest(root: Path) -> str:
    """A hash of every folder and file name and every file's bytes under `root`.

    The lock file is left out: it is empty, excluded from sync, and created by any writer.
    A path that is a file (or absent) is hashed as such.
    """
    digest = hashlib.sha256()
    if not os.path.lexists(root):
        return "absent"
    if not root.is_dir():
        return "file:" + hashlib.sha256(root.read_bytes()).hexdigest()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        digest.update(f"D {rel}\n".encode("utf-8", "surrogateescape"))
        for name in sorted(filenames):
            if name == ".planner.lock":
                continue
            path = Path(dirpath) / name
            digest.update(f"F {rel}/{name}\n".encode("utf-8", "surrogateescape"))
            if path.is_symlink():
                digest.update(f"-> {os.readlink(path)}".encode("utf-8", "surrogateescape"))
            elif path.is_file():
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def visible_event_files(data: Path) -> list[Path]:
    """Every event file a reader looks at: non-dot *.toml in events/<device>/<month>/."""
    events = data / "events"
    found = []
    for path in sorted(events.glob("*/*/*.toml")):
        if any(part.startswith(".") for part in path.relative_to(events).parts):
            continue
        found.append(path)
    return found


def temp_files(data: Path) -> list[Path]:
    return sorted(p for p in (data / "events").rglob(".*") if p.is_file())


def events_on_disk(data: Path) -> list[Recorded]:
    """Every event of every visible file; each file must parse (no file is torn)."""
    events: list[Recorded] = []
    for path in visible_event_files(data):
        events.extend(decode_file(path.read_bytes(), path))
    return events


def folded(data: Path) -> Any:
    return fold(events_on_disk(data))


# ---- acknowledgements from the driver ---------------------------------------------------------


@dataclass
class Acks:
    """What the writers said was durable, and the events each of those writes made."""

    ops: list[dict[str, Any]] = field(default_factory=list)

    def take(self, text: str) -> int:
        """Add the complete ACK lines of a process's stdout; a torn last line is not an ack."""
        count = 0
        for line in text.split("\n")[:-1]:  # the part after the last newline is incomplete
            if line.startswith("ACK "):
                self.ops.append(json.loads(line[4:]))
                count += 1
        return count

    @property
    def event_ids(self) -> list[str]:
        return [i for op in self.ops for i in op.get("events", [])]


def check_acknowledged(acks: Acks, events: list[Recorded], state: Any) -> dict[str, int]:
    """Every acknowledged write is on disk and the fold of the disk shows it; counts by op."""
    by_id = {e.id: e for e in events}
    missing = [i for i in acks.event_ids if i not in by_id]
    assert not missing, f"acknowledged events not on disk: {missing[:5]} (of {len(missing)})"
    removed = {r for e in events if e.kind == "uncheck" for r in e.data.get("removes", [])}
    undone = {e.data.get("import_id") for e in events if e.kind == "run_delete"}
    live = {i for ids in state.checks.values() for i in ids}
    runs = {r.id for r in state.runs}
    counts: dict[str, int] = {}
    for op in acks.ops:
        kind = op["op"]
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "check":
            for event_id in op["events"]:
                assert event_id in live or event_id in removed, f"tick {event_id} lost: {op}"
        elif kind == "uncheck":
            assert not live & set(op["removes"]), f"untick undone: {op}"
        elif kind == "log":
            assert op["run"] in runs, f"logged run lost: {op}"
        elif kind == "import":
            if op["import_id"] not in undone:
                lost = set(op["runs"]) - runs
                assert not lost, f"imported runs lost: {lost} of {op}"
        elif kind == "undo":
            assert not set(op["runs"]) & runs, f"undone import still shows: {op}"
    return counts


# ---- files to import ----------------------------------------------------------------------------


def gpx_run(start: datetime, seconds: int, metres: float, step_s: int = 30) -> bytes:
    """A small GPX running track due north at an even pace (as a watch would write it)."""
    points = max(seconds // step_s, 2)
    lat_step = metres / points / 111_194.93
    rows = []
    for i in range(points + 1):
        at = start + timedelta(seconds=i * step_s * seconds / (points * step_s))
        rows.append(
            f'<trkpt lat="{48 + i * lat_step:.7f}" lon="11.0">'
            f"<time>{at.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="torture" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>running</type><trkseg>{''.join(rows)}</trkseg></trk></gpx>"
    ).encode()


# ---- mounts (root only) ------------------------------------------------------------------------


def _mount(*args: str) -> str | None:
    """Run mount; None when it worked, else why not (for a skip reason)."""
    try:
        done = subprocess.run(["mount", *args], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"mount could not run: {exc}"
    if done.returncode != 0:
        return done.stderr.decode(errors="replace").strip() or f"mount exited {done.returncode}"
    return None


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30, check=False)


@contextlib.contextmanager
def read_only_view(folder: Path) -> Iterator[str | None]:
    """Make `folder` read-only with a bind mount; yields None, or why it could not."""
    why = _mount("--bind", str(folder), str(folder))
    if why is not None:
        yield f"bind mount refused ({why}); needs root in a namespace that may mount"
        return
    try:
        why = _mount("-o", "remount,bind,ro", str(folder))
        yield None if why is None else f"read-only remount refused ({why})"
    finally:
        _umount(folder)


@contextlib.contextmanager
def small_tmpfs(folder: Path, size: str) -> Iterator[str | None]:
    """Mount a tmpfs of `size` on `folder`; yields None, or why it could not."""
    folder.mkdir(parents=True, exist_ok=True)
    why = _mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder))
    if why is not None:
        yield f"tmpfs mount refused ({why}); needs root in a namespace that may mount"
        return
    try:
        yield None
    finally:
        _umount(folder)


def fill_up(folder: Path) -> None:
    """Fill the file system under `folder` until a write fails with ENOSPC."""
    chunk = b"\0" * 65536
    with open(folder / "filler.bin", "wb", buffering=0) as f:
        try:
            while True:
                f.write(chunk)
        except OSError:
            pass
    with open(folder / "filler-small.bin", "wb", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 512)
