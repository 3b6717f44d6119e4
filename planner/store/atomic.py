"""Durable, all-or-nothing file writes: temp file, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import errno
import os
import string
from pathlib import Path

from planner.core.errors import DataError

PRIVATE_FILE = 0o600
_ALPHABET = string.ascii_lowercase + string.digits


def random_token(length: int) -> str:
    """A random [a-z0-9] string: unique names without coordination between devices."""
    # One read of the OS's randomness, spelled in base 36 (one choice per letter cost ~0.1 ms,
    # a tenth of a tick). 13 random bits per letter leave the spread even to within 1%.
    number = int.from_bytes(os.urandom(2 * length))
    letters = []
    for _ in range(length):
        number, digit = divmod(number, 8192)
        letters.append(_ALPHABET[digit % 36])
    return "".join(letters)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` (0600) so a reader sees the old file or the whole new one."""
    folder = path.parent
    # A dot-name ending .tmp: every reader (and rsync) skips it if we die half-way.
    tmp = folder / f".{path.name}.{random_token(8)}.tmp"
    try:
        _write_synced(tmp, data)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise DataError(f"{path}: cannot write: {exc.strerror or exc}") from None
    fsync_dir(folder)


def _write_synced(path: Path, data: bytes) -> None:
    """Create `path` exclusively with mode 0600, write all of `data`, fsync it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE_FILE)
    try:
        os.fchmod(fd, PRIVATE_FILE)  # os.open's mode is filtered by the umask
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (its directory entry reaches the disk)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems (network mounts) cannot fsync a folder; the rename still holds.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise DataError(f"{folder}: cannot sync folder: {exc.strerror}") from None
    finally:
        os.close(fd)


def write_private(path: Path, raw: bytes) -> None:
    """Write a cache file (0600) via a temp file and a rename.

    No fsync: caches are disposable, and a torn or empty one fails to load and is rebuilt.
    """
    temp = path.with_name(f".{path.name}.{random_token(6)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
