"""One sync: ask the remote what it has, then rsync only the folders that differ, both ways.

No lock is held here: the files rsync adds are whole (temp file, then rename) and uniquely
named, so a tick made during a sync simply goes with the next one.
"""

from __future__ import annotations

import os
import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.core.errors import InputError
from planner.store.paths import ensure_private_dir, state_dir
from planner.sync import errors, folders, memory
from planner.sync.errors import SyncError
from planner.sync.rsync import (
    Ends,
    Flavour,
    fsync_files,
    local_flavour,
    local_rsync,
    rsync_argv,
    run_rsync,
)
from planner.sync.ssh import Connection, last_line, ssh_failure
from planner.sync.target import Target, parse_target

PROBE_TIMEOUT_S = 120  # BatchMode: a connect timeout plus a slow listing; never forever


@dataclass(frozen=True)
class SyncProgress:
    """Where a sync is: connecting, comparing, sending, receiving or done; counts so far."""

    phase: str
    sent: int = 0
    received: int = 0
    name: str = ""  # the event file just moved, if any


@dataclass(frozen=True)
class SyncResult:
    """What a finished sync did: event files sent and received, folders that differed."""

    target: str
    sent: int
    received: int
    folders: int
    seconds: float


Progress = Callable[[SyncProgress], None]


def sync(
    data_dir: Path,
    target: str | None = None,
    *,
    progress: Progress | None = None,
    interactive: bool = False,
    state: Path | None = None,
) -> SyncResult:
    """Sync `data_dir` with `target` (or the one remembered for it); SyncError if it fails.

    `interactive=False` adds BatchMode=yes: a password or host-key prompt fails at once
    (exit 11 or 12) instead of waiting for an answer nobody can give.
    """
    started = time.monotonic()
    data_dir = ensure_private_dir(Path(data_dir))  # a new machine's first sync creates it
    state = state if state is not None else state_dir()
    chosen = _target(data_dir, target, state)
    report = progress or (lambda p: None)
    try:
        with Connection(chosen, interactive=interactive) as conn:
            report(SyncProgress("connecting"))
            probe, here = _probe(conn, data_dir, interactive)
            memory.remember(state, data_dir, str(chosen))
            report(SyncProgress("comparing"))
            tally = _transfer(conn, data_dir, here, probe, report)
    except KeyboardInterrupt:
        raise SyncError(
            f"sync interrupted by Ctrl-C; nothing half-written is left; {errors.RERUN}",
            errors.CTRL_C,
        ) from None
    sent, received = len(tally.sent), len(tally.received)
    report(SyncProgress("done", sent, received))
    seconds = time.monotonic() - started
    return SyncResult(str(chosen), sent, received, tally.folders, seconds)


def _target(data_dir: Path, given: str | None, state: Path) -> Target:
    text = given if given is not None else memory.remembered(state, data_dir)
    if text is None:
        raise InputError("sync: give a target the first time, like: planner sync myserver:planner")
    return parse_target(text)


def _probe(
    conn: Connection, data_dir: Path, interactive: bool
) -> tuple[folders.Probe, folders.Listing]:
    """The remote's listing and ours, made while the remote works on its own."""
    local_rsync()  # no rsync here: say so before touching the network
    remote_rsync = _remote_rsync()
    # The script has no single quote, so '...' carries it to sh whatever the login shell.
    script = f"sh -c '{folders.PROBE_SCRIPT}' planner-sync"
    command = f"{script} {shlex.quote(remote_rsync)} {conn.target.quoted_path()}"
    proc = conn.spawn(command)
    here = folders.local_fingerprints(data_dir)
    code, out, err = conn.finish(proc, None if interactive else PROBE_TIMEOUT_S)
    host = conn.target.host
    if code == 255:
        raise ssh_failure(err, conn.target) or SyncError(
            f"{host}: ssh failed: {last_line(err)}", errors.FAILED
        )
    probe = folders.parse_probe(out)
    if probe is None:
        why = last_line(err) if err.strip() else "its shell printed something unexpected"
        raise SyncError(f"{host}: the remote listing failed: {why}", errors.FAILED)
    if probe.rsync_version is None:
        raise SyncError(
            f"{host}: rsync is not installed there (or not on its PATH for ssh commands);"
            " install it, or set $PLANNER_REMOTE_RSYNC to its path",
            errors.RSYNC_MISSING_REMOTE,
        )
    if not probe.writable:
        why = f": {probe.why_not_writable}" if probe.why_not_writable else ""
        raise SyncError(f"{conn.target}: cannot write to this folder{why}", errors.NOT_WRITABLE)
    return probe, here


def _transfer(
    conn: Connection,
    data_dir: Path,
    here: folders.Listing,
    probe: folders.Probe,
    report: Progress,
) -> Tally:
    """rsync only the folders that differ: one way first, back only where counts say so."""
    tally = Tally(report)
    diff = folders.difference(here, probe.folders)
    tally.folders = len(set(diff.push) | set(diff.pull))
    if not diff.push and not diff.pull:
        return tally
    rsync = local_rsync()
    ends = Ends(local_flavour(rsync), Flavour.parse(probe.rsync_version or ""))
    remote_rsync, bwlimit = _remote_rsync(), _bwlimit()

    def move(push: bool, names: tuple[str, ...]) -> None:
        if not names:
            return
        tally.report("sending" if push else "receiving")
        argv = rsync_argv(
            rsync,
            conn,
            ends,
            push=push,
            remote_rsync=remote_rsync,
            list_file=_list(conn, names),
            bwlimit=bwlimit,
        )
        moved = tally.sent if push else tally.received
        on_file = tally.on_sent if push else tally.on_received
        moved += run_rsync(argv, data_dir, conn.folder, conn.target, push=push, on_file=on_file)

    move(True, diff.push)
    move(False, diff.pull)
    again = folders.second_round(here, probe.folders, diff, tally.sent, tally.received)
    move(True, again.push)
    move(False, again.pull)
    if tally.sent and not ends.fsync(push=True):
        conn.run("sync", timeout=PROBE_TIMEOUT_S)  # their rsync cannot fsync each file
    if tally.received and not ends.fsync(push=False):
        fsync_files(data_dir, tally.received)
    return tally


class Tally:
    """The event files moved so far, told to the progress callback as they go."""

    def __init__(self, report: Progress) -> None:
        self._report = report
        self.sent: list[str] = []
        self.received: list[str] = []
        self.folders = 0
        self._base = 0  # files of this direction moved by earlier rsync runs

    def report(self, phase: str) -> None:
        self._base = len(self.sent) if phase == "sending" else len(self.received)
        self._report(SyncProgress(phase, len(self.sent), len(self.received)))

    def on_sent(self, name: str, count: int) -> None:
        self._report(SyncProgress("sending", self._base + count, len(self.received), name))

    def on_received(self, name: str, count: int) -> None:
        self._report(SyncProgress("receiving", len(self.sent), self._base + count, name))


def _list(conn: Connection, names: tuple[str, ...]) -> Path:
    """rsync's --files-from: the folders, one a line (names already checked to be plain)."""
    path = conn.folder / f"list-{len(list(conn.folder.iterdir()))}"
    path.write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
    return path


def _remote_rsync() -> str:
    value = os.environ.get("PLANNER_REMOTE_RSYNC", "").strip() or "rsync"
    if any(ord(c) < 32 or ord(c) == 127 for c in value) or value.startswith("-"):
        raise InputError(f"$PLANNER_REMOTE_RSYNC {value!r}: give the path of rsync there")
    return value


def _bwlimit() -> int | None:
    """`$PLANNER_SYNC_BWLIMIT` (KiB/s) for slow or metered links; the tests use it too."""
    text = os.environ.get("PLANNER_SYNC_BWLIMIT", "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise InputError(f"$PLANNER_SYNC_BWLIMIT {text!r}: give KiB per second, like 500")
    return int(text)
