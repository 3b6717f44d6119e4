"""Which folders differ between here and there, found with one small listing from each side.

Event files are only ever added and their names are unique. Only one device writes in
events/<device>/, and a sync copies all it lacks, so every copy of such a folder is that
device's own set as it was at some moment: two copies with the same count are the same set.
The first and last names are compared too, for plans/ (every device writes there) and for
copies made by other tools. Only folders that differ go to rsync: the cost of a sync follows
what changed, not the history. (A folder judged the same by mistake, which takes two copies
with equal counts and equal first and last names but different sets, is synced as soon as
either side adds to it.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Folder names a sync carries. They are matched strictly because they reach rsync's command
# line and file list: letters, digits, `_` and `-` only, never a leading `-`.
_DEVICE = r"[A-Za-z0-9_][A-Za-z0-9_-]{0,63}"
FOLDER_RE = re.compile(rf"events/{_DEVICE}/\d{{4}}-\d{{2}}/|plans/")

# Runs under the remote's `sh -c '...'`. It holds no single quote and no backslash, so any
# login shell (sh, bash, zsh, fish) hands it to sh unchanged; one line, for csh.
# $1 is the remote rsync, $2 the folder. It needs only sh, mkdir and rsync on the remote.
PROBE_SCRIPT = "; ".join(
    [
        "LC_ALL=C",
        "export LC_ALL",
        "umask 077",
        "echo planner-sync-probe 1",
        'if command -v "$1" >/dev/null 2>&1; then "$1" --version 2>&1 |'
        ' { IFS= read -r v; echo "rsync $v"; cat >/dev/null; }; else echo rsync-missing; fi',
        # mkdir only on a first sync: a process less on every other one.
        'e=; ok=; if test -d "$2/events" && test -d "$2/plans"'
        ' || e=$(mkdir -p "$2/events" "$2/plans" 2>&1)',
        'then cd "$2" && test -w events && test -w plans && ok=1; fi',
        'if test -n "$ok"; then echo writable; else echo "not-writable $e"; exit 0; fi',
        'for d in events/*/*/ plans/; do test -d "$d" || continue',
        'set -- "$d"*.toml',
        'test -e "$1" || set --',
        # The glob is sorted: its first and last names, after a shift to the last one.
        "if test $# -gt 0; then f=$1; n=$#; shift $((n - 1))",
        'echo "F $n $d ${f#"$d"} ${1#"$d"}"; fi',
        "done",
        "echo end",
    ]
)
_LINE = re.compile(r"F (\d+) (\S+) (.*)")
# folder -> (event files in it, "first-name last-name"): the same for both sides.
Listing = dict[str, tuple[int, str]]


@dataclass(frozen=True)
class Probe:
    """What the remote said: its rsync, whether the folder is writable, its folders."""

    rsync_version: str | None  # the first line of `rsync --version`; None if not installed
    writable: bool
    why_not_writable: str
    folders: Listing = field(default_factory=dict)


def parse_probe(stdout: str) -> Probe | None:
    """The probe's answer; None if the output is not one (a login banner ate it, or worse)."""
    lines = stdout.splitlines()
    try:
        start = lines.index("planner-sync-probe 1")
    except ValueError:
        return None
    body = lines[start + 1 :]
    if len(body) < 2:
        return None
    version = body[0][len("rsync ") :].strip() if body[0].startswith("rsync ") else None
    if body[1] != "writable":
        return Probe(version, False, body[1].removeprefix("not-writable").strip())
    if body[-1] != "end":
        return None
    return Probe(version, True, "", _fingerprints(body[2:-1]))


def _fingerprints(lines: Iterable[str]) -> Listing:
    found: Listing = {}
    for line in lines:
        match = _LINE.fullmatch(line)
        # A remote folder with a strange name is left alone: it never reaches rsync.
        if match and FOLDER_RE.fullmatch(match.group(2)):
            found[match.group(2)] = (int(match.group(1)), match.group(3))
    return found


def local_fingerprints(data_dir: Path) -> Listing:
    """The same listing as the probe's, of this data dir."""
    found: Listing = {}
    events = data_dir / "events"
    for device in _subfolders(events):
        for month in _subfolders(events / device):
            _add(found, f"events/{device}/{month}/", data_dir)
    _add(found, "plans/", data_dir)
    return {k: v for k, v in found.items() if FOLDER_RE.fullmatch(k)}


def _subfolders(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as it:
            return [e.name for e in it if not e.name.startswith(".") and e.is_dir()]
    except (FileNotFoundError, NotADirectoryError):
        return []


def _add(found: Listing, rel: str, data_dir: Path) -> None:
    names = event_names(data_dir / rel)
    if names:
        # The remote shell sorts its glob in the C locale: byte order, as Python's str order
        # is for UTF-8 names.
        found[rel] = (len(names), f"{min(names)} {max(names)}")


def event_names(folder: Path) -> list[str]:
    """Names the probe's `*.toml` glob matches: not dot-files, ending in .toml."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [n for n in names if n.endswith(".toml") and not n.startswith(".")]


@dataclass(frozen=True)
class Difference:
    """The folders to send and to fetch (rsync skips the files the other side has)."""

    push: tuple[str, ...]
    pull: tuple[str, ...]


def difference(here: Listing, there: Listing) -> Difference:
    """The first round: each folder that differs goes the way its counts point.

    A folder with more files here is sent, one with more there is fetched; equal counts
    with different names go both ways. One new tick so costs one rsync, not two.
    """
    changed = sorted(k for k in here.keys() | there.keys() if here.get(k) != there.get(k))
    mine, theirs = _count(here), _count(there)
    return Difference(
        push=tuple(k for k in changed if mine(k) >= theirs(k)),
        pull=tuple(k for k in changed if theirs(k) >= mine(k)),
    )


def second_round(
    here: Listing, there: Listing, first: Difference, sent: list[str], received: list[str]
) -> Difference:
    """What the first round cannot have settled: the other direction of a one-way folder.

    rsync --ignore-existing sends exactly the files the receiver lacks, so after sending S
    the remote holds R + S files; if that equals our count, our set is theirs and there is
    nothing to fetch (and the same the other way round). A count that does not add up
    means the other side has files of its own: that folder goes back the other way.
    """
    moved_out, moved_in = _per_folder(sent), _per_folder(received)
    mine, theirs = _count(here), _count(there)
    one_way_out = [k for k in first.push if k not in first.pull]
    one_way_in = [k for k in first.pull if k not in first.push]
    return Difference(
        push=tuple(k for k in one_way_in if mine(k) + moved_in.get(k, 0) != theirs(k)),
        pull=tuple(k for k in one_way_out if theirs(k) + moved_out.get(k, 0) != mine(k)),
    )


def _count(listing: Listing) -> Callable[[str], int]:
    return lambda folder: listing.get(folder, (0, ""))[0]


def _per_folder(names: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in names:
        folder = name[: name.rindex("/") + 1]
        counts[folder] = counts.get(folder, 0) + 1
    return counts
