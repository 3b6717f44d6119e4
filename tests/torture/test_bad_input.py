"""A bad-input corpus, generated here: broken and hostile event files, odd data paths, hostile
import files, sync targets and CLI arguments. For every case: the exit code the CLI promises
(0 when a bad file is only skipped, 2 for bad input, 3 for a bad data or plan file), one clear
line per message on stderr and no traceback, and not one byte of the data dir changed.

The read-only data dir and the full disk are in test_bad_mounts.py (they need mounts).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import random
import signal
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import FrameType

import pytest
from torturekit import SEED, TODAY, data_digest, gpx_run

from planner.cli import main
from planner.datadir import DataDir
from planner.events import Check, CheckinGiven, ProfileSet, RaceEntered, RunLogged
from planner.service import Planner

DEV = "zzzzzzzzzz"
HLC = "1795000000000-0000"  # mid-November 2026, a little before TODAY
MONTH = "2026-11"
Plant = Callable[[Path, Path], Path | None]  # (data dir, scratch dir) -> the file planted


@dataclass(frozen=True)
class Case:
    """One bad input: what to plant, the command, and what the runner must see."""

    id: str
    plant: Plant | None
    args: tuple[str, ...]  # may hold {file} (what plant returned) and {tmp}
    code: int
    says: str | None = None  # in stderr ({file} allowed); None with code 0: stderr empty
    shows: str | None = None  # in stdout
    commands: tuple[tuple[str, ...], ...] = ()  # more commands, each with the same outcome


READS: tuple[tuple[str, ...], ...] = (("plan", "--days", "14", "--json"), ("runs", "--json"))


# ---- event files: the bytes, planted in a month folder of another device --------------------


def raw_event(kind: str, fields: dict[str, str], *, hlc: str = HLC, eid: str = "ev-1") -> bytes:
    """An event file written by hand: `fields` are TOML values as text (so any type goes)."""
    body = "\n".join(f"{key} = {value}" for key, value in fields.items())
    head = f'[[event]]\nid = "{eid}"\nkind = "{kind}"\nhlc = "{hlc}"\ndevice = "{DEV}"\n'
    return f"{head}\n[event.data]\n{body}\n".encode()


def planted(raw: bytes, name: str = f"{HLC}-{DEV}-abcdef.toml") -> Plant:
    def plant(data: Path, tmp: Path) -> Path:
        month = data / "events" / DEV / MONTH
        month.mkdir(parents=True, exist_ok=True)
        path = month / name
        path.write_bytes(raw)
        return path

    return plant


BASES: dict[str, dict[str, str]] = {
    "run": {"id": '"rx"', "date": "2026-11-27", "distance_m": "10000.0", "moving_s": "3000"},
    "check": {"date": "2026-11-27", "item": '"yoga"'},
    "uncheck": {"date": "2026-11-27", "item": '"yoga"', "removes": '["ev-0"]'},
    "checkin": {"date": "2026-11-28", "soreness": "3"},
    "race": {"id": '"rc"', "date": "2026-12-20", "distance_m": "42195.0"},
    "run_edit": {"run_id": '"rx"', "rpe": "6.0"},
    "run_delete": {"run_id": '"rx"'},
    "race_delete": {"id": '"rc"'},
    "plan_choice": {"name": '"standard"'},
    "profile": {"age": "52"},
}

# (kind, field, a TOML value): wrong types, impossible values, the far future and the past.
WRONG: list[tuple[str, str, str]] = [
    *[
        ("run", "distance_m", v)
        for v in ('"ten"', "nan", "inf", "-inf", "-5.0", "0.0", "1e308", "true", "[1]", "{x = 1}")
    ],
    *[("run", "moving_s", v) for v in ("-1", "0", "9223372036854775807", "1.5e300", '"50:00"')],
    *[
        ("run", "date", v)
        for v in (
            '"2026-11-27"',
            "20261127",
            "2026-11-27T07:00:00",
            "07:00:00",
            "0001-01-01",
            "9999-12-31",
            "1899-12-31",
        )
    ],
    *[
        ("run", "start", v)
        for v in (
            "2026-11-27T07:00:00",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:00:00-14:00",
            '"07:00"',
        )
    ],
    *[("run", "rpe", v) for v in ("1e9", "-5", '"hard"', "nan")],
    *[("run", "avg_hr", v) for v in ("4611686018427387904", "-1")],
    ("run", "trimp", "1e308"),
    ("run", "temp_c", "1e308"),
    ("run", "id", "5"),
    ("run", "id", '""'),
    *[("check", "item", v) for v in ("5", "[]", '""', '"\\u001b[31m"')],
    *[("check", "date", v) for v in ('"today"', "0001-01-01", "9999-12-31")],
    *[("uncheck", "removes", v) for v in ('"ev-0"', "[1, 2]", "[]")],
    *[("checkin", "soreness", v) for v in ("11", "-3", "1000000000000000000", '"x"', "nan")],
    ("checkin", "areas", '"calf"'),
    *[("checkin", "run_rpe", v) for v in ('{r = "x"}', "5", "{r = 1e308}")],
    *[("checkin", "date", v) for v in ("9999-12-31", "0001-01-01")],
    *[("race", "distance_m", v) for v in ("0.0", "-1.0", "1e308", '"far"')],
    *[("race", "date", v) for v in ("9999-12-31", "0001-01-01")],
    ("race", "name", "5"),
    *[("profile", "age", v) for v in ("-5", "1000000000000000", '"52"')],
    *[("profile", "weight_kg", v) for v in ("0.0", "-70.0", "1e308", "nan")],
    *[("profile", "hr_max", v) for v in ("0", "1000000000")],
    *[("profile", "tz", v) for v in ('"Mars/Olympus"', '""', '"../../etc/passwd"')],
    *[("profile", "day_starts", v) for v in ("99", "-1")],
    ("profile", "units", '"furlongs"'),
    ("profile", "sex", '"\\u001b[31m"'),
    *[("profile", "birth_date", v) for v in ("0001-01-01", "9999-01-01")],
    ("profile", "age_as_of", "9999-12-31"),
    ("profile", "years_running", "1e308"),
    ("profile", "temp_c", "-1e308"),
    ("profile", "inbox", '"/nonexistent/inbox"'),
]


def _valid_run_file() -> bytes:
    fields = dict(BASES["run"], start="2026-11-27T07:00:00+01:00", note='"café, easy"')
    return raw_event("run", fields) + raw_event("check", BASES["check"], eid="ev-2")


def _cuts() -> Iterator[tuple[str, bytes]]:
    """A valid two-event file cut inside each token a torn write could stop in."""
    whole = _valid_run_file()
    for token in (b"[[ev", b'hlc = "17', b"[event.da", b"10000.", b"2026-11-27T07:0", b'"caf'):
        yield token.decode(), whole[: whole.index(token) + len(token)]
    second = whole.index(b"[[event]]", 10)
    yield "second-event-id", whole[: second + len(b'[[event]]\nid = "ev')]
    yield "before-data", whole[: whole.index(b"[event.data]")]
    yield "empty", b""


def event_file_cases() -> Iterator[Case]:
    rng = random.Random(SEED)
    file = "{file}"
    for size in (1, 17, 512, 4096, 65536, 1 << 20):
        junk = bytes(rng.getrandbits(8) for _ in range(min(size, 4096))) * max(1, size // 4096)
        yield Case(f"garbage-{size}B", planted(junk), ("today",), 0, file, commands=READS)
    for token, raw in _cuts():
        yield Case(f"torn-at-{token}", planted(raw), ("today",), 0, file, commands=READS)
    valid = _valid_run_file()
    for name, raw in {
        "latin1": valid.replace("café".encode(), "café".encode("latin-1")),
        "ff-byte": valid.replace(b"easy", b"ea\xffsy"),
        "utf16": valid.decode().encode("utf-16"),
        "utf8-bom": b"\xef\xbb\xbf" + valid,
        "overlong": valid.replace(b"easy", b"\xc0\xafeasy"),
        "surrogate": valid.replace(b"easy", b"\xed\xa0\x80easy"),
        "nul-byte": valid.replace(b"easy", b"ea\x00sy"),
    }.items():
        yield Case(f"non-utf8-{name}", planted(raw), ("today",), 0, file, commands=READS)
    yield Case(
        "20MB-of-comments",
        planted(b"# " + b"x" * (20 * 1024 * 1024) + b"\n" + valid),
        ("today",),
        0,
        "larger than 16 MB",
    )
    huge_note = raw_event("run", dict(BASES["run"], note='"' + "x" * (20 * 1024 * 1024) + '"'))
    yield Case("20MB-valid-event", planted(huge_note), ("today",), 0, "larger than 16 MB")
    for kind, fields in BASES.items():
        for key in fields:
            rest = {k: v for k, v in fields.items() if k != key}
            yield Case(f"{kind}-without-{key}", planted(raw_event(kind, rest)), ("today",), 0)
    for kind, key, value in WRONG:
        fields = dict(BASES[kind], **{key: value})
        if (kind, key) == ("profile", "hr_max"):
            fields["hr_rest"] = "60"
        code, says = 0, None
        yield Case(
            f"{kind}-{key}={value[:24]}",
            planted(raw_event(kind, fields)),
            ("today",),
            code,
            says,
            commands=READS,
        )
    # A plan name from the data that names no plan: a bad data file, exit 3.
    bad_plan = raw_event("profile", {"plan": '"../../etc/passwd"'})
    yield Case("profile-plan=path", planted(bad_plan), ("today",), 3, "not found")
    yield Case(
        "far-future-stamp",
        planted(raw_event("check", BASES["check"], hlc="9999999999999-0000")),
        ("today",),
        0,
        "ahead of this machine's clock",
    )
    yield Case(
        "distant-past-stamp",
        planted(raw_event("run", BASES["run"], hlc="0000000000001-0000")),
        ("today",),
        0,
    )
    for kind in ("hologram", "run_v2", "ラン", "k" * 10_000):
        yield Case(
            f"unknown-kind-{kind[:10]}",
            planted(raw_event(kind, {"glow": "true", "date": "2026-11-27"})),
            ("today",),
            0,
        )
    envelope = _valid_run_file().split(b"\n[[event]]")[0]
    for key in ("id", "kind", "hlc", "device"):
        lines = [ln for ln in envelope.split(b"\n") if not ln.startswith(key.encode() + b" =")]
        yield Case(f"event-without-{key}", planted(b"\n".join(lines)), ("today",), 0, file)
    no_data = envelope[: envelope.index(b"[event.data]")]
    yield Case("event-without-data", planted(no_data), ("today",), 0, file)
    yield Case(
        "data-not-a-table",
        planted(envelope[: envelope.index(b"[event.data]")] + b'data = "x"\n'),
        ("today",),
        0,
        file,
    )
    yield Case(
        "bad-hlc", planted(valid.replace(HLC.encode(), b"yesterday", 1)), ("today",), 0, file
    )
    yield Case("event-is-a-string", planted(b'event = ["x"]\n'), ("today",), 0, file)
    yield Case("foreign-toml", planted(b"[tool.black]\nline-length = 88\n"), ("today",), 0, file)


# ---- the data path and what is in it --------------------------------------------------------


def _empty_folder(path: Path) -> Path:
    path.mkdir()
    return path


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def _symlink(target: str) -> Callable[[Path, Path], Path]:
    def plant(data: Path, tmp: Path) -> Path:
        link = data / "events" / DEV / MONTH / f"{HLC}-{DEV}-link00.toml"
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target.format(tmp=tmp, data=data))
        return link

    return plant


def _big_outside(data: Path, tmp: Path) -> Path:
    big = tmp / "big.toml"
    big.write_bytes(b"#" * (17 * 1024 * 1024))
    return _symlink(str(big))(data, tmp)


def _chosen_plan(content: bytes | None) -> Plant:
    """A plan_choice naming a user plan file, whose file is `content` (None: missing)."""

    def plant(data: Path, tmp: Path) -> Path:
        sha = "ab" * 32
        planted(raw_event("plan_choice", {"name": '"mine"', "sha": f'"{sha}"'}))(data, tmp)
        path = data / "plans" / f"mine-{sha[:8]}.toml"
        if content is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return path

    return plant


def _folder_for_lock(path: Path) -> None:
    path.unlink()  # the writes that seeded the data made it
    path.mkdir()


def _odd_data_with_plan(data: Path, tmp: Path) -> Path:
    """A data dir whose name is not UTF-8 (a Latin-1 file system), with a plan file of its own."""
    odd = tmp / "da\udcffta"
    plan = tmp / "mine.toml"
    plan.write_bytes((Path(__file__).parents[2] / "plans" / "standard.toml").read_bytes())
    Planner(DataDir(odd)).add_plan_file(plan, "mine")
    return odd


def _at(relative: str, make: Callable[[Path], object]) -> Plant:
    def plant(data: Path, tmp: Path) -> Path:
        path = data / relative.format(dev=DEV, month=MONTH)
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path)
        return path

    return plant


def _scratch_file(relative: str, text: str) -> Plant:
    """A file written in the scratch dir, not named to the command (no {file})."""

    def plant(data: Path, tmp: Path) -> None:
        (tmp / relative).write_text(text)

    return plant


def path_cases() -> Iterator[Case]:
    yield Case(
        "data-path-is-a-file",
        _scratch_file("afile", "x"),
        ("--data", "{tmp}/afile", "today"),
        3,
        "afile: is a file, not a folder",
    )
    yield Case(
        "data-path-under-a-file",
        _scratch_file("afile", "x"),
        ("--data", "{tmp}/afile/data", "today"),
        3,
        "afile: is a file, not a folder",
    )
    yield Case(
        "events-is-a-file",
        None,
        ("--data", "{tmp}/d2", "today"),
        3,
        "events: is a file, not a folder",
    )
    yield Case(
        "stray-file-in-events", _at("events/stray.toml", lambda p: p.write_text("x")), ("today",), 0
    )
    yield Case(
        "month-is-a-file", _at("events/{dev}/2026-10", lambda p: p.write_text("x")), ("today",), 0
    )
    yield Case(
        "device-is-a-file", _at("events/qqqqqqqqqq", lambda p: p.write_text("x")), ("today",), 0
    )
    yield Case(
        "folder-named-toml",
        _at("events/{dev}/{month}/x.toml", lambda p: p.mkdir()),
        ("today",),
        0,
    )
    yield Case("fifo-named-toml", _at("events/{dev}/{month}/x.toml", _fifo), ("today",), 0)
    yield Case("dangling-symlink", _symlink("{tmp}/nowhere.toml"), ("today",), 0)
    yield Case("symlink-to-dev-zero", _symlink("/dev/zero"), ("today",), 0)
    yield Case("symlink-to-17MB", _big_outside, ("today",), 0, "larger than 16 MB")
    yield Case("symlink-to-a-folder", _symlink("{data}/events"), ("today",), 0)
    yield Case("lock-is-a-folder-read", _at(".planner.lock", _folder_for_lock), ("today",), 0)
    yield Case(
        "lock-is-a-folder-write",
        _at(".planner.lock", _folder_for_lock),
        ("check", "yoga"),
        3,
        "cannot open the lock file",
    )
    yield Case(
        "chosen-plan-file-garbage",
        _chosen_plan(b"\x00\xff garbage [[["),
        ("today",),
        3,
        "mine-abababab.toml",
    )
    yield Case("chosen-plan-file-missing", _chosen_plan(None), ("today",), 3, "is not in")
    yield Case(
        "chosen-plan-file-other-content",
        _chosen_plan((Path(__file__).parents[2] / "plans" / "standard.toml").read_bytes()),
        ("today",),
        3,
        "mine-abababab.toml",
    )
    yield Case(
        "unchosen-plan-file-garbage",
        _at("plans/other-12345678.toml", lambda p: p.write_bytes(b"\xff[[[")),
        ("today",),
        0,
    )
    # A read-only command on a folder that is not there says so (and prints the odd byte).
    yield Case("data-path-not-utf8", None, ("--data", "{tmp}/da\udcffta", "today"), 2, "not there")
    yield Case("data-path-not-utf8-own-plan", _odd_data_with_plan, ("--data", "{file}", "today"), 0)
    yield Case(
        "device-id-garbled",
        _scratch_file("state/planner/device", "../../x"),
        ("today",),
        3,
        "not a device id",
    )


# ---- hostile import files (generated) ------------------------------------------------------

_LAUGHS = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
BOMB = (
    f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY l0 "lol">{_LAUGHS}]>'
    '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&l9;</name>'
    '<trkseg><trkpt lat="1" lon="1"><time>2026-01-01T10:00:00Z</time></trkpt></trkseg></trk></gpx>'
)
LEAK = (
    '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
    "<gpx><trk><type>running</type><name>&leak;</name></trk></gpx>"
)


def _tcx(distance: str, seconds: str = "3000", start: str = "2026-11-20T07:00:00Z") -> bytes:
    return (
        '<?xml version="1.0"?><TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        f'<Activity Sport="Running"><Id>{start}</Id><Lap StartTime="{start}">'
        f"<TotalTimeSeconds>{seconds}</TotalTimeSeconds><DistanceMeters>{distance}</DistanceMeters>"
        "</Lap></Activity></Activities></TrainingCenterDatabase>"
    ).encode()


def _gpx_points(*points: tuple[str, str, str]) -> bytes:
    rows = "".join(f'<trkpt lat="{a}" lon="{b}"><time>{t}</time></trkpt>' for a, b, t in points)
    return (
        '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>running</type><trkseg>{rows}</trkseg></trk></gpx>"
    ).encode()


def _zip(entries: dict[str, bytes], *, link: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, raw in entries.items():
            archive.writestr(name, raw)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def _file(name: str, raw: bytes) -> Plant:
    def plant(data: Path, tmp: Path) -> Path:
        path = tmp / "hostile" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        return path

    return plant


def import_cases() -> Iterator[Case]:
    rng = random.Random(SEED + 7)
    good = gpx_run(datetime(2026, 11, 20, 7, tzinfo=UTC), 3000, 10_000)

    def refused(name: str, plant: Plant, shows: str = "Refused") -> Case:
        return Case(f"import-{name}", plant, ("import", "--jobs", "1", "{file}"), 2, shows=shows)

    for ext in ("fit", "gpx", "tcx", "csv"):
        junk = bytes(rng.getrandbits(8) for _ in range(3000))
        yield refused(f"random-{ext}", _file(f"junk.{ext}", junk))
        yield refused(f"empty-{ext}", _file(f"empty.{ext}", b""))
    yield refused("entity-bomb", _file("bomb.gpx", BOMB.encode()), "DOCTYPE")
    yield refused("external-entity", _file("leak.gpx", LEAK.encode()), "DOCTYPE")
    yield refused("gpx-year-9999", _file("y9999.gpx", good.replace(b"2026-11-20", b"9999-11-20")))
    yield refused("gpx-year-0001", _file("y0001.gpx", good.replace(b"2026-11-20", b"0001-11-20")))
    yield refused(
        "gpx-nan-points",
        _file("nan.gpx", _gpx_points(("nan", "nan", "2026-11-20T07:00:00Z"), ("inf", "-inf", "x"))),
    )
    yield refused(
        "gpx-one-point", _file("one.gpx", _gpx_points(("1", "1", "2026-11-20T07:00:00Z")))
    )
    yield refused("gpx-no-points", _file("none.gpx", _gpx_points()))
    yield refused("gpx-truncated", _file("cut.gpx", good[: len(good) // 2]))
    yield refused("tcx-negative-distance", _file("neg.tcx", _tcx("-5000")))
    yield refused("tcx-huge-distance", _file("huge.tcx", _tcx("1e308")))
    yield refused("tcx-nan-time", _file("nan.tcx", _tcx("10000", "nan")))
    yield refused(
        "csv-header-only", _file("activities.csv", b"Activity ID,Activity Date,Distance\n")
    )
    yield refused("csv-10kB-header", _file("wide.csv", b",".join([b"x" * 100] * 100) + b"\n1,2\n"))
    yield refused("csv-bom-only", _file("bom.csv", b"\xef\xbb\xbf"))
    yield refused("zip-slip", _file("slip.zip", _zip({"../../escaped.gpx": good})), "outside")
    yield refused("zip-bomb", _file("bomb.zip", _zip({"bomb.gpx": b" " * (8 << 20)})), "zip bomb")
    yield refused(
        "zip-nested", _file("nest.zip", _zip({"in.zip": _zip({"a.gpx": good})})), "inside"
    )
    yield refused("zip-symlink", _file("link.zip", _zip({}, link="passwd.gpx")), "link")
    yield refused("zip-corrupt", _file("corrupt.zip", b"PK\x03\x04" + bytes(200)), "zip")
    yield refused("gz-bomb", _file("bomb.gpx.gz", gzip.compress(b" " * (70 << 20))), "too big")
    yield refused("not-an-activity-file", _file("notes.txt", b"hello"), "not an activity file")
    yield refused("control-chars-in-name", _file("bad\x1b[31m\nname.gpx", b"<<<not xml"), "Refused")
    yield refused("dev-zero-as-fit", lambda data, tmp: _linked(tmp, "/dev/zero", "zero.fit"))
    yield refused("fifo-as-gpx", lambda data, tmp: _fifo(tmp / "hostile" / "pipe.gpx"))
    yield Case(
        "import-empty-folder",
        lambda data, tmp: _empty_folder(tmp / "nothing"),
        ("import", "--jobs", "1", "{file}"),
        2,
    )
    yield Case(
        "import-missing-path", None, ("import", "{tmp}/no/such.gpx"), 2, "no such file or folder"
    )
    yield Case("import-10kB-path", None, ("import", "x" * 10_000), 2, "too long")


def _linked(tmp: Path, target: str, name: str) -> Path:
    link = tmp / "hostile" / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    return link


# ---- hostile sync targets -------------------------------------------------------------------

SYNC_TARGETS = [
    "-oProxyCommand=touch /tmp/pwned:path",
    "host;touch x:path",
    "host$(touch x):path",
    "`touch x`:path",
    "host|cat:path",
    "us;er@host:path",
    "host:-e sh",
    "host:--rsync-path=touch x",
    "host:",
    "host",
    "rsync://host/path",
    "host:a\nb",
    "host:a\x1b[31m",
    "host:~root/x",
    "[::1:path",
    "h" * 10_000 + ":x",
]


def sync_cases() -> Iterator[Case]:
    for target in SYNC_TARGETS:
        yield Case(f"sync-{target[:24]!r}", None, ("sync", target), 2, "sync target")
    # Looks like an option to the command line; after -- it reaches the target check.
    yield Case("sync-option-like", None, ("sync", "-l@host:path"), 2, "unrecognized arguments")
    yield Case("sync-after-dashes", None, ("sync", "--", "-l@host:path"), 2, "must not start")


# ---- hostile CLI arguments ------------------------------------------------------------------

BIG = "9" * 400
LONG = "x" * 10_000
LOG = ("log", "--distance", "10km", "--duration", "50:00", "--rpe", "5")


def argument_cases() -> Iterator[Case]:
    cases: list[tuple[str, tuple[str, ...], str | None]] = [
        ("days-huge", ("plan", "--days", BIG), "days"),
        ("days-negative", ("plan", "--days", "-1"), "days"),
        ("days-nan", ("plan", "--days", "nan"), "days"),
        ("days-float", ("plan", "--days", "1e3"), "days"),
        ("today-year-9999", ("--today", "9999-12-31", "today"), "--today"),
        ("today-year-1", ("--today", "0001-01-01", "plan"), "--today"),
        ("today-year-99999", ("--today", "99999-01-01", "today"), "--today"),
        ("today-feb-30", ("--today", "2026-02-30", "today"), "--today"),
        ("today-missing-value", ("--today",), "--today"),
        ("from-year-9999", ("plan", "--from", "9999-12-25", "--days", "30"), "--from"),
        ("from-year-1", ("plan", "--from", "0001-01-01"), "--from"),
        ("from-decades-ahead", ("plan", "--from", "2150-01-01"), "too far ahead"),
        ("check-date-year-9999", ("check", "yoga", "--date", "9999-12-31"), "--date"),
        ("check-date-year-1", ("check", "yoga", "--date", "0001-01-01"), "--date"),
        ("check-date-decades-ahead", ("check", "yoga", "--date", "2150-06-01"), "after today"),
        ("check-date-newline", ("check", "yoga", "--date", "2026-11-28\nx"), "--date"),
        ("check-control-chars", ("check", "\x1b[31mred\nline2"), "not on the checklist"),
        ("check-10kB-item", ("check", LONG), "not on the checklist"),
        ("check-non-utf8-item", ("check", "yo\udcffga"), "not on the checklist"),
        ("check-no-item", ("check",), "required"),
        ("check-date-no-value", ("check", "yoga", "--date"), "--date"),
        ("uncheck-unknown", ("uncheck", "nonsense"), "not on the checklist"),
        (
            "log-nan-distance",
            ("log", "--distance", "nan km", "--duration", "50:00", "--rpe", "5"),
            "distance",
        ),
        (
            "log-huge-distance",
            ("log", "--distance", BIG + "km", "--duration", "50:00", "--rpe", "5"),
            "distance",
        ),
        (
            "log-10kB-distance",
            ("log", "--distance", LONG, "--duration", "50:00", "--rpe", "5"),
            "distance",
        ),
        (
            "log-huge-duration",
            ("log", "--distance", "10km", "--duration", BIG + ":00", "--rpe", "5"),
            "duration",
        ),
        ("log-nan-rpe", (*LOG[:-1], "nan"), "RPE"),
        ("log-huge-rpe", (*LOG[:-1], BIG), "RPE"),
        ("log-nan-temp", (*LOG, "--temp-c", "nan"), "temperature"),
        ("log-inf-temp", (*LOG, "--temp-c", "inf"), "temperature"),
        ("log-huge-hr", (*LOG, "--avg-hr", BIG), "heart rate"),
        ("log-date-year-1", (*LOG, "--date", "0001-01-01"), "--date"),
        ("log-date-future", (*LOG, "--date", "2027-01-01"), "future"),
        ("log-non-utf8-note", (*LOG, "--note", "caf\udce9"), "not UTF-8"),
        ("log-missing-options", ("log",), "required"),
        ("option-unknown-after-command", ("today", "--frob"), "unrecognized"),
        ("double-dash-command", ("--", "today"), "invalid choice"),
        ("command-twice", ("today", "today"), "unrecognized"),
        ("unknown-command", ("frobnicate",), "is not a command"),
        ("profile-tz-escape", ("profile", "set", "--tz", "\x1b[2J"), "time zone"),
        ("profile-tz-path", ("profile", "set", "--tz", "../../etc/passwd"), "time zone"),
        ("profile-weight-nan", ("profile", "set", "--weight-kg", "nan"), "weight"),
        ("profile-age-huge", ("profile", "set", "--age", "1e400"), "age"),
        ("profile-birth-year-1", ("profile", "set", "--birth-date", "0001-01-01"), "birth"),
        ("profile-inbox-10kB", ("profile", "set", "--inbox", LONG), "inbox"),
        ("profile-inbox-non-utf8", ("profile", "set", "--inbox", "{tmp}/\udcff"), "not UTF-8"),
        ("race-year-9999", ("race", "add", "--date", "9999-12-31", "--distance", "10km"), "--date"),
        ("race-year-1", ("race", "add", "--date", "0001-01-01", "--distance", "10km"), "--date"),
        (
            "race-10kB-name",
            ("race", "add", "--date", "2026-12-20", "--distance", "10km", "--name", LONG),
            "name",
        ),
        ("race-remove-10kB", ("race", "remove", LONG), "race"),
        ("checkin-soreness-nan", ("checkin", "--soreness", "nan"), "soreness"),
        ("checkin-soreness-huge", ("checkin", "--soreness", BIG), "soreness"),
        ("checkin-date-year-1", ("checkin", "--soreness", "3", "--date", "0001-01-01"), "--date"),
        ("checkin-area-escapes", ("checkin", "--soreness", "3", "--area", "\x1b[2J" * 50), "area"),
        ("checkin-flag-10kB", ("checkin", "--soreness", "3", "--flag", LONG), "flag"),
        ("checkin-rate-garbage", ("checkin", "--soreness", "3", "--rate", "="), "rate"),
        ("import-undo-10kB", ("import", "--undo", LONG), "import"),
        ("import-jobs-negative", ("import", "--jobs", "-1", "x.fit"), "--jobs"),
        ("import-list-and-path", ("import", "--list", "x"), "not both"),
    ]
    for name, args, says in cases:
        yield Case(f"arg-{name}", None, args, 2, says)
    # A data path no file system takes, and plan names no file can have: bad, as data (3).
    yield Case("arg-data-10kB", None, ("--data", LONG, "today"), 3, "too long")
    # A plan name typed now is bad input (exit 2); one saved in the profile is bad data (3).
    yield Case("arg-plan-10kB", None, ("profile", "set", "--plan", LONG), 2, "not found")
    yield Case("arg-plan-file-show-10kB", None, ("plan-file", "show", LONG), 2, "not found")
    yield Case("arg-plan-file-add-10kB", None, ("plan-file", "add", LONG), 2, "plan file")


CASES = [
    *event_file_cases(),
    *path_cases(),
    *import_cases(),
    *sync_cases(),
    *argument_cases(),
]


# ---- running one case ---------------------------------------------------------------------


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail (not hang) if a case takes longer than `seconds`: a loop or a blocked read."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _sync_command(capsys: pytest.CaptureFixture[str]) -> bool:
    code = main(["sync", "--help"])
    capsys.readouterr()
    return code == 0


def seed(data: Path) -> None:
    """A runner with a profile, runs, ticks, a check-in and a race: the data to protect."""
    store = DataDir(data)
    store.append(ProfileSet(age=52, tz="Europe/Berlin", weight_kg=61.0))
    for n, day in enumerate((date(2026, 11, 22), date(2026, 11, 24), date(2026, 11, 26))):
        store.append(
            RunLogged(id=f"r-{n}", date=day, distance_m=8000.0 + n, moving_s=2700, rpe=4.0)
        )
        store.append(Check(date=day, item="yoga"))
    store.append(CheckinGiven(date=date(2026, 11, 27), soreness=2))
    store.append(RaceEntered(id="rc-1", date=date(2027, 3, 1), distance_m=21097.5))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with deadline(30):
        code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_outcome(case: Case, code: int, out: str, err: str, file: str) -> None:
    where = f"{case.id}: exit {code}, stderr {err[:600]!r}"
    assert code == case.code, where
    assert "Traceback" not in err and "Traceback" not in out, where
    lines = err.splitlines()
    assert all(line.startswith("planner: ") for line in lines), where
    assert err == "" or err.endswith("\n"), where
    if case.code != 0:
        assert len(lines) <= 1, where  # one line (an import's summary goes to stdout)
    if case.says is not None:
        assert case.says.format(file=file) in err, where
    elif case.code == 0:
        assert err == "", where
    if case.shows is not None:
        assert case.shows in out, f"{case.id}: stdout {out[:600]!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(
    case: Case, tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if case.id.startswith("sync-") and not _sync_command(capsys):
        pytest.skip("`planner sync --help` does not work here: no sync command to feed targets")
    seed(data)
    if case.id == "arg-profile-inbox-non-utf8":  # a folder whose name is not UTF-8
        (tmp_path / "\udcff").mkdir()
    if case.id == "events-is-a-file":
        (tmp_path / "d2").mkdir()
        (tmp_path / "d2" / "events").write_text("not a folder")
    planted_file = case.plant(data, tmp_path) if case.plant is not None else None
    file = str(planted_file or "")
    watched = [data, tmp_path / "afile", tmp_path / "d2"]
    before = [data_digest(p) for p in watched]
    for command in (case.args, *case.commands):
        argv = [a.format(file=file, tmp=tmp_path) for a in command]
        if "--today" not in argv:
            argv = ["--today", TODAY, *argv]
        if "--data" not in argv:
            argv = ["--data", str(data), *argv]
        code, out, err = run(argv, capsys)
        assert_outcome(case, code, out, err, file)
        assert [data_digest(p) for p in watched] == before, f"{case.id}: data changed"


def test_the_corpus_is_big_and_every_kind_is_in_it() -> None:
    assert len(CASES) >= 60
    ids = " ".join(c.id for c in CASES)
    for kind in (
        "garbage",
        "torn-at",
        "non-utf8",
        "20MB",
        "9999",
        "0001",
        "unknown-kind",
        "-without-",
        "data-path-is-a-file",
        "import-",
        "sync-",
        "arg-",
    ):
        assert kind in ids, kind
