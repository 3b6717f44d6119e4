"""The morning glance without the planner: `planner status` (one line for a shell prompt or a
tmux bar) and `planner today` (with --brief), read from a small file the last start left
beside the snapshot.

A prompt runs `planner status` at every command and a login may run `planner today`, so they
must cost little more than Python starting: this module imports only the standard library's
lightest parts (no pathlib, no platformdirs, no dataclasses; `planner/entry.py` calls it
before anything else of planner is imported). It is the one speed trick outside
planner/snapshot.py, because that module's own imports cost several times what these may.

The file is Python's marshal format (built in: json's import alone would cost a third of the
budget); it is a cache, so a file from another Python that fails to load only costs speed.
It holds, for today (and tomorrow, worked out as the app closes), the fields of the
morning view (core/morning.status_fields) and the lines `planner today` printed (plain,
before they were fitted to a terminal), the runner's zone and day start (to know which day
it is now), and the key (inode, mtime, ctime) of every folder of the event log as the store
last read it. The line is trusted only if every folder's key is the same (nothing was added,
by this machine or a sync) and none was listed within RACY_NS of its last change (a change
could hide in the clock's resolution: store/disk.py explains; the store lists such a folder
again next time, and the slow path writes this file again with what it found). Anything else, or any
doubt, and the caller takes the slow path: the whole planner, which writes the file again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time

MYPY = False  # not typing.TYPE_CHECKING: importing typing costs this path ~10%
if MYPY:
    from typing import Any

VERSION = 1
RACY_NS = 2_000_000_000  # as store/disk.py
APP = "planner"
DEFAULT_FORMAT = "{type} {run} · {done}/{total} ✓ {flag}"


# ---- where things are, without platformdirs ---------------------------------------------
#
# platformdirs costs more to import than the whole fast path. These give what it gives on
# Linux and macOS (tests/unit/test_glance.py checks they agree); elsewhere None, and the
# slow path runs.


def _home_dir(xdg: str, linux_default: str, mac: str) -> str | None:
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser(mac), APP)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get(xdg, "").strip() or os.path.expanduser(linux_default)
        return os.path.join(base, APP)
    return None


def cache_folder() -> str | None:
    return _home_dir("XDG_CACHE_HOME", "~/.cache", "~/Library/Caches")


def data_folder(arg: str | None) -> str | None:
    """As store/paths.resolve_data_dir: --data, $PLANNER_DATA, the platform's data folder."""
    if arg:
        return os.path.expanduser(arg)
    env = os.environ.get("PLANNER_DATA", "")
    if env:
        return os.path.expanduser(env)
    return _home_dir("XDG_DATA_HOME", "~/.local/share", "~/Library/Application Support")


def status_file(cache_dir: str, data_dir: str) -> str:
    """Beside the data dir's snapshot, named by its path (a CRC: hashlib costs more to import
    than the rest; the file names its data dir inside, so a collision only misses)."""
    import zlib

    path = os.fsencode(os.path.realpath(data_dir))
    return os.path.join(cache_dir, f"status-{zlib.crc32(path):08x}-{len(path)}.marshal")


# ---- reading ------------------------------------------------------------------------------


def _key(folder: str) -> list[int] | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return [st.st_ino, st.st_mtime_ns, st.st_ctime_ns]


def _runner_day(now_ns: int, tz: str, day_starts: int) -> str | None:
    """The runner's day now (core/days.runner_day), or None if the zone cannot be read."""
    from datetime import UTC, datetime, timedelta

    try:
        if tz:
            from zoneinfo import ZoneInfo

            zone = ZoneInfo(tz)
        else:
            zone = UTC  # type: ignore[assignment]
    except Exception:  # an unknown zone: the slow path says so properly
        return None
    local = datetime.fromtimestamp(now_ns / 1e9, tz=zone)
    return (local - timedelta(hours=day_starts)).date().isoformat()


def cached(data_arg: str | None, pinned: str | None, view: str) -> object:
    """Today's `view` ("status", "today", "brief") if the file can be trusted, else None
    (take the slow path)."""
    cache, data = cache_folder(), data_folder(data_arg)
    if cache is None or data is None or os.environ.get("PLANNER_NO_SNAPSHOTS", "") == "1":
        return None
    try:
        kept = _load(status_file(cache, data))
        if kept is None or kept["data_dir"] != os.path.realpath(data):
            return None
        for folder, key in kept["folders"].items():
            now = _key(folder)
            if now != (key[:3] if key else None):
                return None  # a folder added, gone or changed: something new to fold
            if key and key[2] >= key[3] - RACY_NS:
                return None  # listed so soon after a change that another could hide in it
        day = pinned or _runner_day(time.time_ns(), kept["tz"], int(kept["day_starts"]))
        return kept["days"].get(day, {}).get(view)
    except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError, IndexError):
        return None  # missing, torn or foreign: only a cache


def _load(path: str) -> dict[str, Any] | None:
    """The file as written by this release, or None (OSError and the like: the caller's)."""
    with open(path, "rb") as f:
        kept = marshal.loads(f.read())
    ok = isinstance(kept, dict) and kept.get("version") == VERSION and kept.get("code") == _code()
    return kept if ok else None


def _code() -> str:
    from planner import __version__

    return __version__


# ---- the line -----------------------------------------------------------------------------


class FormatError(ValueError):
    pass


def render(fields: dict[str, str], fmt: str | None) -> str:
    """The line: `fmt` with {type} {run} {done}... filled in; the default one tidied of the
    spaces an empty field leaves ('REST · 0/6 ✓')."""
    template = fmt if fmt is not None else DEFAULT_FORMAT
    try:
        line = template.format_map(_Fields(fields))
    except FormatError:
        raise
    except (ValueError, IndexError, AttributeError, TypeError) as exc:
        raise FormatError(f"status --format {template!r}: {exc}") from None
    return " ".join(line.split()) if fmt is None else line


class _Fields(dict[str, str]):
    """The fields, refusing a name that is none by saying which there are (`string` would
    parse the format first, but its import costs more than this whole path)."""

    def __missing__(self, name: str) -> str:
        raise FormatError(f"status --format: no field {name!r}; fields: " + ", ".join(self))


# ---- writing (the slow path, and every start that worked out today's morning) -------------


def write(
    path: str,
    data_dir: str,
    folders: dict[str, list[int] | None],
    tz: str,
    day_starts: int,
    days: dict[str, dict[str, object]],
) -> None:
    """Replace the file whole, keeping what it said of the same event set (a `planner today`
    after a `planner status`: both are kept); a failure only costs speed next time."""
    days = _merged(path, folders, days)
    kept = {
        "version": VERSION,
        "code": _code(),
        "data_dir": os.path.realpath(data_dir),
        "tz": tz,
        "day_starts": day_starts,
        "folders": folders,
        "days": days,
    }
    temp = f"{path}.{os.getpid()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps(kept))
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _merged(
    path: str, folders: dict[str, list[int] | None], days: dict[str, dict[str, object]]
) -> dict[str, dict[str, object]]:
    """`days` over what the file at `path` holds, if it was made from the same event folders
    as they are now (the same keys: nothing was added since)."""
    try:
        old = _load(path)
        if old is None:
            return days
        same = {k: v[:3] if v else None for k, v in old["folders"].items()} == {
            k: v[:3] if v else None for k, v in folders.items()
        }
        if not same:
            return days
        merged = {day: dict(views) for day, views in old["days"].items()}
    except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError, IndexError):
        return days
    for day, views in days.items():
        merged[day] = {**merged.get(day, {}), **views}
    return merged


# ---- the fast path ----------------------------------------------------------------------


COMMANDS = {"status": ("--format",), "today": ("--brief",)}  # what the fast path answers


def quick(argv: list[str]) -> int | None:
    """Answer `status` or `today` from the file and return the exit code; None when the slow
    path must run (other options, help, nothing cached, anything changed)."""
    data = today = fmt = command = None
    brief = False
    words = iter(argv)
    for word in words:
        option, eq, value = word.partition("=")
        if option in ("--data", "--today", "--format"):
            if not eq:
                value = next(words, None)  # type: ignore[assignment]
                if value is None:
                    return None
            if option == "--data":
                data = value
            elif option == "--today":
                today = value
            else:
                fmt = value
        elif word == "--brief":
            brief = True
        elif word in COMMANDS and command is None:
            command = word
        else:
            return None  # --help, --json, a typo: the full parser answers
    if (
        command is None
        or (fmt is not None and command != "status")
        or (brief and command != "today")
    ):
        return None
    pinned = today or os.environ.get("PLANNER_TODAY") or None
    if pinned is not None and not _is_iso_day(pinned):
        return None  # 'yesterday', '-1': the full parser reads those
    if command == "status":
        return _status(cached(data, pinned, "status"), fmt)
    lines = cached(data, pinned, "brief" if brief else "today")
    if not isinstance(lines, list):
        return None
    from planner.term import emit

    emit(lines, one_row=brief)
    return 0


def _status(fields: object, fmt: str | None) -> int | None:
    if not isinstance(fields, dict):
        return None
    try:
        line = render(fields, fmt)
    except FormatError as error:
        print(f"planner: {error}", file=sys.stderr)
        return 2
    print(line)
    return 0


def _is_iso_day(text: str) -> bool:
    return (
        len(text) == 10
        and text[4] == text[7] == "-"
        and (text[:4] + text[5:7] + text[8:]).isdigit()
    )
