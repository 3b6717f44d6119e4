"""This machine's device id, kept in the state folder so copying a data dir never clones it."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path

from planner.core.errors import DataError
from planner.store.atomic import PRIVATE_FILE, fsync_dir, random_token
from planner.store.paths import ensure_private_dir

DEVICE_RE = re.compile(r"[a-z0-9]{10}")


def device_id(state: Path) -> str:
    """Read `<state>/device`, creating it (0600, random 10-char id) on first use."""
    ensure_private_dir(state)
    path = state / "device"
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except FileNotFoundError:
        return _create(path)
    except OSError as exc:
        raise DataError(f"{path}: cannot read the device id: {exc.strerror}") from None
    if not DEVICE_RE.fullmatch(text):
        raise DataError(f"{path}: not a device id (10 letters/digits); delete it to make a new one")
    return text


def _create(path: Path) -> str:
    """Publish a new id with link(): if another process got there first, use its id."""
    new = random_token(10)
    tmp = path.parent / f".device.{random_token(8)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE_FILE)
        try:
            os.fchmod(fd, PRIVATE_FILE)
            os.write(fd, f"{new}\n".encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        # link() fails if the name exists, unlike replace(): two first starts agree on one id.
        _publish(tmp, path)
    except FileExistsError:
        return device_id(path.parent)
    except OSError as exc:
        raise DataError(f"{path}: cannot create the device id: {exc.strerror}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    fsync_dir(path.parent)
    return new


def _publish(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        # No hard links on this file system: an atomic rename is the next best thing.
        os.replace(tmp, path)
