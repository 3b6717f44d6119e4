"""Where the data, state and cache folders live, and making them private (0700)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

from planner.core.errors import DataError

APP = "planner"
PRIVATE_DIR = 0o700


def resolve_data_dir(arg: str | os.PathLike[str] | None) -> Path:
    """The data folder: `--data` > `$PLANNER_DATA` > the platform's user data folder."""
    if arg is not None and os.fspath(arg) != "":
        return Path(arg).expanduser()
    env = os.environ.get("PLANNER_DATA", "")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP))


def state_dir() -> Path:
    """This machine's own state (the device id); never synced. Created 0700."""
    return ensure_private_dir(Path(platformdirs.user_state_dir(APP)))


def cache_dir() -> Path:
    """Disposable caches. Created 0700."""
    return ensure_private_dir(Path(platformdirs.user_cache_dir(APP)))


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) and make it, and what was created, 0700."""
    path = Path(path)
    created = missing_dirs(path)
    try:
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        # mkdir's mode is filtered by the umask; health data must not depend on it. Only
        # chmod when needed: a chmod bumps the folder's ctime, which change detection reads.
        for folder in (path, *created):
            if stat.S_IMODE(os.stat(folder).st_mode) != PRIVATE_DIR:
                os.chmod(folder, PRIVATE_DIR)
    except FileExistsError:
        raise DataError(f"{path}: is a file, not a folder") from None
    except NotADirectoryError:
        raise DataError(f"{file_ancestor(path)}: is a file, not a folder") from None
    except PermissionError:
        raise DataError(f"{path}: cannot create or use this folder: permission denied") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot create or use this folder: {exc.strerror}") from None
    return path


def missing_dirs(path: Path) -> list[Path]:
    """The folders `mkdir -p path` would create, deepest first (nothing if `path` exists)."""
    missing: list[Path] = []
    current = path
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    return missing


def file_ancestor(path: Path) -> Path:
    """The nearest ancestor of `path` that exists but is not a folder (for the message)."""
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate) and not candidate.is_dir():
            return candidate
    return path
