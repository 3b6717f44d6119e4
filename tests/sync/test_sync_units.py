"""The parts of a sync that need no server: targets, quoting, listings, rsync options."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from planner.core.errors import InputError
from planner.sync.folders import (
    PROBE_SCRIPT,
    Difference,
    difference,
    local_fingerprints,
    parse_probe,
    second_round,
)
from planner.sync.rsync import Ends, Flavour, rsync_argv
from planner.sync.ssh import Connection, rsh_string
from planner.sync.target import Target, parse_target


@pytest.mark.parametrize(
    ("text", "user", "host", "path"),
    [
        ("myserver:planner", None, "myserver", "planner"),
        ("me@host.example.org:/srv/planner", "me", "host.example.org", "/srv/planner"),
        ("box_1:~/planner", None, "box_1", "planner"),
        ("box:~", None, "box", "."),
        ("box:~/", None, "box", "."),
        ("me@[::1]:data", "me", "::1", "data"),
        ("[fe80::1]:/d", None, "fe80::1", "/d"),
        ("host:/a b/it's here", None, "host", "/a b/it's here"),
        ("host:x:y", None, "host", "x:y"),
    ],
)
def test_good_targets(text: str, user: str | None, host: str, path: str) -> None:
    assert parse_target(text) == Target(user, host, path)


@pytest.mark.parametrize(
    "text",
    [
        "-oProxyCommand=touch /tmp/x:path",  # an ssh option in place of the host
        "-host:path",
        "host;touch x:path",
        "host$(touch x):path",
        "`touch x`:path",
        "ho st:path",
        "host\t:path",
        "host|cat:path",
        "host&:path",
        "host%h:path",
        "us;er@host:path",
        "us er@host:path",
        "@host:path",
        "-l@host:path",
        "host:-e sh",  # an rsync option smuggled in the path
        "host:--rsync-path=touch x",
        "host:",
        "host",
        "host::module",
        "rsync://host/path",
        "host:a\nb",
        "host:a\x1b[31m",
        "ho\x00st:path",
        "host:a\\b",
        "host:~root/x",
        "[::1:path",
        "[::1]path",
        "",
        "h" * 300 + ":x",
    ],
)
def test_hostile_or_broken_targets_are_refused(text: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_target(text)
    assert "\n" not in refused.value.message


def test_str_round_trips() -> None:
    for text in ("me@box:/srv/p", "box:p", "me@[::1]:p"):
        assert str(parse_target(text)) == text


def test_the_path_reaches_the_remote_shell_as_one_quoted_word() -> None:
    target = parse_target("box:/tmp/a b;$(touch x)'`")
    words = subprocess.run(
        ["sh", "-c", f"printf '%s\\n' {target.quoted_path()}"], capture_output=True, text=True
    ).stdout
    assert words == "/tmp/a b;$(touch x)'`\n"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["ssh", "-p", "22"], "ssh -p 22"),
        (["ssh", "-i", "/my keys/id"], "ssh -i '/my keys/id'"),
        (["ssh", "-o", "ProxyCommand=nc 'x' %h"], "ssh -o \"ProxyCommand=nc 'x' %h\""),
        (["ssh", ""], "ssh ''"),
    ],
)
def test_rsh_string_quotes_for_rsync(argv: list[str], expected: str) -> None:
    assert rsh_string(argv) == expected


def test_rsh_string_refuses_what_rsync_cannot_carry() -> None:
    with pytest.raises(InputError):
        rsh_string(["ssh", "-o", "x='a' \"b\""])


@pytest.mark.parametrize(
    ("line", "gnu", "openrsync"),
    [
        ("rsync  version 3.2.7  protocol version 32", (3, 2, 7), False),
        ("rsync  version v3.2.3  protocol version 31", (3, 2, 3), False),
        ("rsync  version 2.6.9  protocol version 29", (2, 6, 9), False),
        ("openrsync: protocol version 29", None, True),
        ("", None, False),
    ],
)
def test_flavour(line: str, gnu: tuple[int, int, int] | None, openrsync: bool) -> None:
    assert Flavour.parse(line) == Flavour(gnu, openrsync)


def test_options_follow_each_end() -> None:
    gnu = Flavour.parse("rsync  version 3.2.7  protocol version 32")
    old = Flavour.parse("rsync  version 2.6.9  protocol version 29")
    mac = Flavour.parse("openrsync: protocol version 29")
    assert Ends(gnu, gnu).protect_args and Ends(gnu, gnu).fsync(push=True)
    assert not Ends(gnu, mac).protect_args and not Ends(gnu, mac).fsync(push=True)
    assert Ends(gnu, mac).fsync(push=False)  # a pull: only the receiver here needs it
    assert not Ends(mac, gnu).protect_args and not Ends(mac, gnu).fsync(push=False)
    assert not Ends(gnu, old).protect_args


def test_probe_script_survives_any_login_shell_quoting() -> None:
    # It travels inside '...': a single quote would end it, a backslash confuses fish.
    assert "'" not in PROBE_SCRIPT and "\\" not in PROBE_SCRIPT and "\n" not in PROBE_SCRIPT


def _write(path: Path, text: str = "x") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_the_probe_lists_exactly_what_the_local_listing_sees(tmp_path: Path) -> None:
    data = tmp_path / "data"
    month = data / "events" / "dev1" / "2026-01"
    for name in ("b.toml", "a.toml", "c.toml", ".a.toml.XyZ123", "notes.txt", ".planner.lock"):
        _write(month / name)
    _write(data / "events" / "dev1" / "2026-02" / "z z.toml")
    (data / "events" / "dev2" / "2026-03").mkdir(parents=True)  # empty: as if absent
    _write(data / "events" / "dev 3" / "2026-03" / "a.toml")  # not a folder sync carries
    _write(data / "events" / ".stfolder" / "2026-03" / "a.toml")
    _write(data / "plans" / "mine-0123abcd.toml")
    out = subprocess.run(
        ["sh", "-c", PROBE_SCRIPT, "probe", "rsync", str(data)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    probe = parse_probe(out)
    assert probe is not None and probe.writable
    assert probe.folders == local_fingerprints(data)
    assert probe.folders == {
        "events/dev1/2026-01/": (3, "a.toml c.toml"),
        "events/dev1/2026-02/": (1, "z z.toml z z.toml"),
        "plans/": (1, "mine-0123abcd.toml mine-0123abcd.toml"),
    }


def test_the_probe_creates_the_folder_and_reports_one_it_cannot(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for folder, writable in ((tmp_path / "new" / "deep", True), (blocker / "sub", False)):
        out = subprocess.run(
            ["sh", "-c", PROBE_SCRIPT, "probe", "no-such-rsync-here", str(folder)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        probe = parse_probe(out)
        assert probe is not None and probe.rsync_version is None
        assert probe.writable is writable
        assert (folder / "events").is_dir() is writable


def test_parse_probe_refuses_what_is_not_an_answer() -> None:
    assert parse_probe("") is None
    assert parse_probe("Welcome to box!\n") is None
    cut = "planner-sync-probe 1\nrsync rsync  version 3.2.7\nwritable\nF 1 plans/ a a\n"
    assert parse_probe(cut) is None  # no `end`: the listing was cut short
    banner = "motd\n" + cut + "F 2 events/../../x/ a b\nF 2 events/-x/2026-01/ a b\nend\n"
    probe = parse_probe(banner)
    assert probe is not None and probe.folders == {"plans/": (1, "a a")}


def test_difference_sends_and_fetches_only_what_differs() -> None:
    here = {"a/": (1, "x x"), "b/": (2, "x y"), "c/": (3, "p q")}
    there = {"b/": (2, "x y"), "c/": (3, "p r"), "d/": (1, "z z")}
    diff = difference(here, there)
    assert diff.push == ("a/", "c/")
    assert diff.pull == ("c/", "d/")


def test_a_folder_goes_first_the_way_its_counts_point() -> None:
    here = {"mine/": (5, "a e"), "theirs/": (2, "a b"), "both/": (2, "a c")}
    there = {"mine/": (4, "a d"), "theirs/": (3, "a c"), "both/": (2, "a b")}
    diff = difference(here, there)
    assert diff == Difference(push=("both/", "mine/"), pull=("both/", "theirs/"))


def test_the_way_back_only_where_the_counts_do_not_add_up() -> None:
    here = {"mine/": (5, "a e"), "theirs/": (2, "a b"), "odd/": (3, "a c")}
    there = {"mine/": (4, "a d"), "theirs/": (3, "a c"), "odd/": (2, "a z")}
    first = difference(here, there)
    sent = ["mine/e", "odd/b", "odd/c"]  # all of mine/ is now there; odd/ had its own file z
    received = ["theirs/c"]
    again = second_round(here, there, first, sent, received)
    assert again == Difference(push=(), pull=("odd/",))
    # Had nothing arrived, theirs/ would have to go back out: the remote lacked our files.
    assert second_round(here, there, first, sent, []).push == ("theirs/",)


@pytest.mark.parametrize("push", [True, False])
@pytest.mark.parametrize("there", ["rsync  version 3.2.7  protocol version 32", "openrsync: x"])
def test_rsync_only_ever_adds(tmp_path: Path, push: bool, there: str) -> None:
    target = parse_target("me@box:/srv/my planner;$(x)")
    ends = Ends(Flavour.parse("rsync  version 3.2.7  protocol version 32"), Flavour.parse(there))
    with Connection(target, interactive=False) as conn:
        argv = rsync_argv(
            "rsync",
            conn,
            ends,
            push=push,
            remote_rsync="rsync",
            list_file=tmp_path / "list",
            bwlimit=None,
        )
        assert "BatchMode=yes" in argv[argv.index("-e") + 1]
    for forbidden in ("--delete", "--update", "-u", "--inplace", "--append", "--partial"):
        assert not any(a == forbidden or a.startswith(forbidden + "=") for a in argv)
    assert argv[1:4] == ["-rt", "--ignore-existing", "--omit-dir-times"]
    assert "--exclude=.*" in argv
    assert ("--protect-args" in argv) is there.startswith("rsync")
    remote = "box:."
    assert argv[-2:] == ([".", remote] if push else [remote, "."])
    # The folder reaches the remote shell only inside --rsync-path, quoted as one word.
    rsync_path = next(a for a in argv if a.startswith("--rsync-path="))
    assert rsync_path == "--rsync-path=umask 077 && cd '/srv/my planner;$(x)' && rsync"
