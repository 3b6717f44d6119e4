"""rsync, add-only both ways, over the sync's shared ssh connection; GNU rsync or openrsync."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.sync import errors
from planner.sync.errors import SyncError
from planner.sync.ssh import Connection, last_line, rsh_string, ssh_failure
from planner.sync.target import Target

_GNU = re.compile(r"rsync\s+version\s+v?(\d+)\.(\d+)\.(\d+)")
# The names a transfer reports that are event files (or plan files), not folders.
_EVENT_FILE = re.compile(r"(?:events/[^/]+/[^/]+|plans)/[^/]+\.toml")
# Dot-files (ours, rsync's temp files, the lock, .git, .stfolder) never travel; within the
# folders named in the file list only *.toml files do.
FILTERS = ("--exclude=.*", "--include=*/", "--include=*.toml", "--exclude=*")


@dataclass(frozen=True)
class Flavour:
    """Which rsync runs at one end, from the first line of its `--version`."""

    gnu: tuple[int, int, int] | None  # GNU rsync's version; None for openrsync or unknown
    openrsync: bool

    @classmethod
    def parse(cls, line: str) -> Flavour:
        if "openrsync" in line.lower():
            return cls(None, True)
        match = _GNU.search(line)
        gnu = (int(match[1]), int(match[2]), int(match[3])) if match else None
        return cls(gnu, False)

    def at_least(self, *version: int) -> bool:
        return self.gnu is not None and self.gnu >= version


@dataclass(frozen=True)
class Ends:
    """Both ends' rsync, and so which options this transfer may use."""

    here: Flavour
    there: Flavour

    @property
    def protect_args(self) -> bool:
        # -s sends file names inside rsync's protocol, past the remote shell. GNU rsync has
        # it since 3.0; openrsync (macOS 15.4+) has not: there the names we pass are plain
        # relative folder names and the base folder is quoted in --rsync-path.
        return self.here.at_least(3, 0, 0) and self.there.at_least(3, 0, 0)

    def fsync(self, push: bool) -> bool:
        # --fsync (GNU 3.2.4+) makes each received file durable before it is renamed in:
        # a crash can then never leave a truncated event file that --ignore-existing would
        # keep forever. The receiver does it; rsync sends the option only to a receiving
        # server, so a pull needs it here only.
        return self.here.at_least(3, 2, 4) and (not push or self.there.at_least(3, 2, 4))


def local_rsync() -> str:
    path = shutil.which("rsync")
    if path is None:
        raise SyncError(
            "rsync is not installed here; install it (apt install rsync, brew install rsync)",
            errors.RSYNC_MISSING_HERE,
        )
    return path


def local_flavour(rsync: str) -> Flavour:
    result = subprocess.run(
        [rsync, "--version"], capture_output=True, text=True, errors="replace", check=False
    )
    first = (result.stdout or result.stderr).splitlines()
    return Flavour.parse(first[0] if first else "")


def rsync_argv(
    rsync: str,
    conn: Connection,
    ends: Ends,
    *,
    push: bool,
    remote_rsync: str,
    list_file: Path,
    bwlimit: int | None,
) -> list[str]:
    """The rsync command line: -rt --ignore-existing --omit-dir-times, never a deleting flag."""
    target = conn.target
    argv = [rsync, "-rt", "--ignore-existing", "--omit-dir-times", f"--files-from={list_file}"]
    argv += FILTERS
    if ends.protect_args:
        argv.append("--protect-args")
    if ends.fsync(push):
        argv.append("--fsync")
    # GNU prints each transferred name with %n; openrsync has no --out-format, but -v lists them.
    argv.append("--out-format=%n" if ends.here.gnu else "-v")
    if bwlimit:
        argv.append(f"--bwlimit={bwlimit}")
    argv += ["-e", rsh_string(conn.argv)]
    argv.append(f"--rsync-path={remote_command(target, remote_rsync)}")
    ends_args = [".", target.remote(".")]
    return argv + (ends_args if push else ends_args[::-1])


def remote_command(target: Target, remote_rsync: str) -> str:
    """The remote side: private files, in the sync folder. The folder goes quoted, as one word."""
    return f"umask 077 && cd {target.quoted_path()} && {shlex.quote(remote_rsync)}"


def run_rsync(
    argv: list[str],
    cwd: Path,
    scratch: Path,
    target: Target,
    *,
    push: bool,
    on_file: Callable[[str, int], None],
) -> list[str]:
    """Run rsync, reporting each event file as it goes; the names moved, or a SyncError."""
    stderr_path = scratch / ("push.err" if push else "pull.err")
    moved: list[str] = []
    with open(stderr_path, "w+b") as err:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            umask=0o077,  # received files and folders are health data: 0600 and 0700
            text=True,
            errors="replace",
        )
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                name = line.strip()
                if _EVENT_FILE.fullmatch(name):
                    moved.append(name)
                    on_file(name, len(moved))
            code = proc.wait()
        except BaseException:
            # Ctrl-C or a crash here: stop rsync at once; it removes its own temp file.
            _stop(proc)
            raise
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if code not in (0, 24):  # 24: a source file vanished meanwhile; nothing is half-written
        raise rsync_failure(code, stderr, target, push=push)
    return moved


def _stop(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(OSError):
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def rsync_failure(code: int, stderr: str, target: Target, *, push: bool) -> SyncError:
    """One line saying why rsync stopped, with the exit code for that kind of failure."""
    text = stderr.lower()
    where = f"on {target.host}" if push else "here"
    if code == 255 or "connection unexpectedly closed" in text:
        found = ssh_failure(stderr, target)
        if found is not None and found.exit_code != errors.UNREACHABLE:
            return found
    if "no space left" in text or "disk quota exceeded" in text:
        return SyncError(f"disk full {where}; free some space and {errors.RERUN}", errors.DISK_FULL)
    if "read-only file system" in text or "permission denied" in text:
        return SyncError(
            f"cannot write {where} ({last_line(stderr)}); {errors.RERUN} once it is writable",
            errors.NOT_WRITABLE,
        )
    if code < 0 or code in (10, 12, 20, 30, 255):
        # Killed, Ctrl-C, a dropped link or a timeout: rsync renames a file into place only
        # once it is whole, so what arrived is complete and the rest comes next time.
        return SyncError(
            f"sync interrupted ({_reason(code, stderr)}); {errors.RERUN}", errors.INTERRUPTED
        )
    return SyncError(f"rsync failed (exit {code}): {last_line(stderr)}", errors.FAILED)


def _reason(code: int, stderr: str) -> str:
    if code < 0:
        return f"rsync was stopped by signal {-code}"
    return last_line(stderr)


def fsync_files(data_dir: Path, names: Sequence[str]) -> None:
    """Make received files durable where rsync could not (no --fsync at both ends)."""
    folders = set()
    for name in names:
        path = data_dir / name
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        folders.add(path.parent)
    for folder in folders:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
