"""Finding activity files: files, folders (recursively), zip archives and gzipped files.

Nothing is ever extracted to disk: archive entries are read into memory, each under a size
cap, so a path that tries to escape the archive cannot write anywhere. Such entries, symlinks,
nested archives and zip bombs (too many entries, too large, too compressed) are refused with
a reason all the same, because they are what a hostile archive looks like.
"""

from __future__ import annotations

import gzip
import io
import os
import posixpath
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planner.core.errors import InputError
from planner.importers.activity import Refused

MAX_FILE_BYTES = 64 * 1024 * 1024  # per activity file, after decompression
MAX_ARCHIVE_ENTRIES = 100_000
MAX_ARCHIVE_BYTES = 16 * 1024**3  # all entries together, after decompression
MAX_RATIO = 200  # activity files compress 3-30x; a zip bomb compresses a thousandfold
KINDS = {".fit": "fit", ".gpx": "gpx", ".tcx": "tcx", ".csv": "csv"}
# In folders and archives only these CSV files are exports; others (Strava's comments.csv,
# bikes.csv...) are not activities and are passed over without a word.
EXPORT_CSV_NAMES = frozenset({"activities.csv"})
SEP = "::"  # between an archive's path and an entry's name in a locator


@dataclass(frozen=True)
class Source:
    """One activity file, on disk or inside an archive."""

    locator: str  # unique: the absolute path, or "<archive path>::<entry name>"
    shown: str  # how the runner named it, for messages
    kind: str  # fit, gpx, tcx or csv
    gzipped: bool
    stamp: tuple[int, ...]  # changes when the content does: size, mtime, inode or CRC
    size: int = 0  # bytes on disk, or unpacked inside an archive

    @property
    def name(self) -> str:
        """The file's own name, kept with each run as its source."""
        inner = self.locator.split(SEP, 1)[-1]
        return posixpath.basename(inner.replace(os.sep, "/"))

    @property
    def archive(self) -> str | None:
        return self.locator.split(SEP, 1)[0] if SEP in self.locator else None


@dataclass
class Found:
    """What a walk over the runner's paths turned up."""

    sources: list[Source] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (shown, reason)
    ignored: int = 0  # files that are not activity files, inside folders or archives


def discover(paths: Sequence[str | os.PathLike[str]]) -> Found:
    """Every activity file under `paths`; InputError if a path does not exist."""
    found = Found()
    for given in paths:
        path = Path(given).expanduser()
        try:
            if not path.exists():
                raise InputError(f"{given}: no such file or folder")
        except OSError as exc:  # a name too long, a loop of links
            raise InputError(f"{given}: {exc.strerror or exc}") from None
        if path.is_dir():
            for file in _walk(path):
                _add(found, file, explicit=False)
        else:
            _add(found, path, explicit=True)
    return found


def _walk(folder: Path) -> Iterator[Path]:
    # Symlinked folders are not entered (a loop would never end); dot-files and dot-folders
    # are skipped: sync tools keep state there and macOS writes "._x.fit" resource forks.
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _kind(name: str) -> tuple[str | None, bool]:
    """(kind, gzipped) from a file name: "123.fit.gz" -> ("fit", True)."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    stem = lower[:-3] if gzipped else lower
    return KINDS.get(posixpath.splitext(stem)[1]), gzipped


def _add(found: Found, path: Path, *, explicit: bool) -> None:
    if path.name.lower().endswith(".zip"):
        _add_archive(found, path)
        return
    kind, gzipped = _kind(path.name)
    if kind == "csv" and not explicit and _csv_stem(path.name) not in EXPORT_CSV_NAMES:
        kind = None
    if kind is None:
        if explicit:
            found.refused.append((str(path), "not an activity file (.fit, .gpx, .tcx, .csv, .zip)"))
        else:
            found.ignored += 1
        return
    try:
        st = os.stat(path)
    except OSError as exc:
        found.refused.append((str(path), f"cannot read: {exc.strerror}"))
        return
    if not stat.S_ISREG(st.st_mode):  # a pipe would block the import for ever, a device
        found.refused.append((str(path), "not a regular file (a pipe or a device): not read"))
        return
    locator = os.path.abspath(path)
    found.sources.append(
        Source(
            locator, str(path), kind, gzipped, (st.st_size, st.st_mtime_ns, st.st_ino), st.st_size
        )
    )


def _csv_stem(name: str) -> str:
    lower = name.lower()
    return lower[:-3] if lower.endswith(".gz") else lower


def _add_archive(found: Found, path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        found.refused.append((str(path), f"not a readable zip archive ({exc})"))
        return
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        found.refused.append((str(path), f"more than {MAX_ARCHIVE_ENTRIES:,} entries: not opened"))
        return
    total = sum(e.file_size for e in entries)
    if total > MAX_ARCHIVE_BYTES:
        found.refused.append((str(path), "unpacks to more than 16 GB: not opened (a zip bomb?)"))
        return
    base = os.path.abspath(path)
    for entry in entries:
        _add_entry(found, path, base, entry)


def _add_entry(found: Found, path: Path, base: str, entry: zipfile.ZipInfo) -> None:
    name = entry.filename
    if entry.is_dir() or name.startswith("__MACOSX/") or posixpath.basename(name).startswith("."):
        return
    shown = f"{path}:{name}"
    kind, gzipped = _kind(name)
    if kind == "csv" and _csv_stem(posixpath.basename(name)) not in EXPORT_CSV_NAMES:
        kind = None
    problem = _entry_problem(entry)
    if problem is not None and (kind is not None or name.lower().endswith(".zip")):
        found.refused.append((shown, problem))
    elif name.lower().endswith(".zip"):
        found.refused.append((shown, "an archive inside an archive is not opened"))
    elif kind is None:
        found.ignored += 1
    else:
        stamp = (entry.CRC, entry.file_size, entry.compress_size)
        locator = f"{base}{SEP}{name}"
        found.sources.append(Source(locator, shown, kind, gzipped, stamp, entry.file_size))


def _entry_problem(entry: zipfile.ZipInfo) -> str | None:
    """Why an archive entry is not read, or None."""
    name = entry.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
        return "its path points outside the archive: not read"
    if stat.S_ISLNK(entry.external_attr >> 16):
        return "a symbolic link: not followed"
    if entry.file_size > MAX_FILE_BYTES:
        return f"unpacks to more than {MAX_FILE_BYTES // 2**20} MB: not read"
    if entry.file_size > MAX_RATIO * max(entry.compress_size, 1) and entry.file_size > 2**20:
        return "compressed more than any activity file can be: not read (a zip bomb?)"
    return None


def read_sources(sources: Iterable[Source]) -> Iterator[tuple[Source, bytes | Refused]]:
    """The bytes of each source (decompressed), opening each archive once; Refused if not."""
    opened: tuple[str | None, zipfile.ZipFile | Refused | None] = (None, None)
    try:
        for source in sources:
            if source.archive != opened[0]:
                _close(opened[1])
                opened = (source.archive, _open_archive(source.archive))
            archive = opened[1]
            if isinstance(archive, Refused):
                yield source, archive
            else:
                yield source, _read_one(source, archive)
    finally:
        _close(opened[1])


def _open_archive(path: str | None) -> zipfile.ZipFile | Refused | None:
    if path is None:
        return None
    try:
        return zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return Refused(f"cannot open its archive: {exc}")


def _close(archive: zipfile.ZipFile | Refused | None) -> None:
    if isinstance(archive, zipfile.ZipFile):
        archive.close()


def _read_one(source: Source, archive: zipfile.ZipFile | None) -> bytes | Refused:
    try:
        if archive is not None:
            with archive.open(source.locator.split(SEP, 1)[1]) as f:
                raw = f.read(MAX_FILE_BYTES + 1)
        else:
            with open(source.locator, "rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)
        if source.gzipped:
            raw = gzip.GzipFile(fileobj=io.BytesIO(raw)).read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error, KeyError) as exc:
        return Refused(f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    if len(raw) > MAX_FILE_BYTES:
        return Refused(f"larger than {MAX_FILE_BYTES // 2**20} MB, too big for an activity file")
    return raw
