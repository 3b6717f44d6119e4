"""`planner sync` as a user runs it: remembered targets, --quiet, the summary, what it costs,
and hostile targets that must run nothing at all.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from synctools import SSH, TODAY, make_device, run_cli, visible_files

from planner.events import Check


def _env() -> dict[str, str]:
    return dict(os.environ)


def test_the_target_is_remembered_per_data_dir(tmp_path: Path, target: str) -> None:
    data = make_device(tmp_path, "a").store.data_dir
    rc, out, err = run_cli("--data", str(data), "sync", target, env=_env())
    assert (rc, err) == (0, "")
    assert out == f"Synced with {target}: sent 0 event files, received 0 event files.\n"
    rc, out, _ = run_cli("--data", str(data), "sync", env=_env())
    assert rc == 0 and target in out
    other = tmp_path / "another-runner"
    rc, out, err = run_cli("--data", str(other), "sync", env=_env())
    assert rc == 2 and out == "" and "give a target" in err


def test_quiet_prints_nothing_and_the_summary_counts_files(
    tmp_path: Path, target: str, remote: Path
) -> None:
    a, b = make_device(tmp_path, "a"), make_device(tmp_path, "b")
    a.check("hydration")
    a.check("yoga")
    b.check("stretching")
    rc, out, err = run_cli("--data", str(a.store.data_dir), "sync", target, "--quiet", env=_env())
    assert (rc, out, err) == (0, "", "")
    rc, out, _ = run_cli("--data", str(b.store.data_dir), "sync", target, env=_env())
    assert out == f"Synced with {target}: sent 1 event file, received 2 event files.\n"
    assert visible_files(remote) == visible_files(b.store.data_dir)


def test_pulled_events_show_up_in_the_plan(tmp_path: Path, target: str) -> None:
    a, b = make_device(tmp_path, "a"), make_device(tmp_path, "b")
    a.check("hydration")
    a.sync(target)
    assert not b.store.state().is_done(TODAY, "hydration")  # b's store is read already
    result = b.planner.sync(target)  # so the service must fold in what the sync brings
    assert result.received == 1
    assert b.store.state().is_done(TODAY, "hydration")


def test_planner_today_never_imports_sync(tmp_path: Path) -> None:
    code = (
        "import sys; from planner.cli import main; "
        f"main(['--data', {str(tmp_path / 'd')!r}, '--today', '2026-11-28', 'today']); "
        "print('planner.sync' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "False"


def _logging_ssh(tmp_path: Path) -> tuple[str, Path]:
    """An ssh that writes each command line it gets to a log, then runs the real one."""
    log = tmp_path / "ssh.log"
    wrapper = tmp_path / "logging-ssh"
    wrapper.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> {shlex.quote(str(log))}\nexec "$@"\n')
    wrapper.chmod(0o755)
    return f"{wrapper} {SSH}", log


def test_cost_follows_what_changed(
    tmp_path: Path, target: str, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = make_device(tmp_path, "a")
    for day in range(40):  # events spread over many month folders' worth of history
        device.store.append(Check(TODAY, f"item-{day}"))
    device.sync(target)
    ssh, log = _logging_ssh(tmp_path)
    monkeypatch.setenv("PLANNER_SSH", ssh)

    nothing = device.sync(target)
    sessions = log.read_text().splitlines()
    assert (nothing.sent, nothing.received, nothing.folders) == (0, 0, 0)
    assert len([s for s in sessions if "-O exit" not in s]) == 1, sessions  # the listing only
    assert not any("rsync --server" in s for s in sessions)

    log.unlink()
    device.check("hydration")
    one = device.sync(target)
    sessions = log.read_text().splitlines()
    assert (one.sent, one.received, one.folders) == (1, 0, 1)
    servers = [s for s in sessions if "--server" in s]
    assert len(servers) == 1, servers  # one rsync, one way: the new tick's folder
    assert visible_files(remote) == visible_files(device.store.data_dir)


@pytest.mark.parametrize(
    "hostile",
    [
        "-oProxyCommand=touch {marker}:x",
        "h;touch {marker}:x",
        "$(touch {marker}):x",
        "`touch {marker}`:x",
        "{host}:--rsync-path=touch {marker}",
        "{host}:-e touch {marker}",
        "{host}\n:touch {marker}",
    ],
)
def test_hostile_targets_are_refused_and_nothing_runs(
    tmp_path: Path, sshd: str, hostile: str
) -> None:
    marker = tmp_path / "marker"
    text = hostile.format(marker=marker, host=sshd)
    rc, out, err = run_cli("--data", str(tmp_path / "d"), "sync", "--", text, env=_env())
    assert rc == 2 and out == "" and len(err.splitlines()) == 1, err
    assert not marker.exists()


@pytest.mark.parametrize(
    "folder",
    [
        "a b;touch {marker}",
        "$(touch {marker})",
        "`touch {marker}`",
        "x' ; touch {marker} ; '",
        'q"; touch {marker}; "',
        "* && touch {marker}",
        "x|touch {marker}",
    ],
)
def test_folder_names_with_shell_characters_are_only_names(
    tmp_path: Path, sshd: str, folder: str
) -> None:
    marker = tmp_path / "marker"
    device = make_device(tmp_path, "a")
    device.check("hydration")
    remote = tmp_path / "remote" / folder.format(marker=marker)
    rc, _, err = run_cli(
        "--data", str(device.store.data_dir), "sync", f"{sshd}:{remote}", env=_env()
    )
    assert rc == 0, err
    assert not marker.exists()
    assert visible_files(remote) == visible_files(device.store.data_dir)


def test_in_a_terminal_ssh_may_ask_and_the_sync_goes_on(
    tmp_path: Path, target: str, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the TUI relies on when it suspends itself: in a terminal (interactive), ssh asks
    its host-key question on the terminal, the answer is taken, and the sync completes."""
    import pty

    known = tmp_path / "known_hosts"
    known.write_text("")
    asking = SSH.replace("-o StrictHostKeyChecking=no", "-o StrictHostKeyChecking=ask")
    if asking == SSH or "/dev/null" not in asking:
        pytest.skip("PLANNER_TEST_SSH is not shaped like .ci/sshd.sh's")
    monkeypatch.setenv("PLANNER_SSH", asking.replace("/dev/null", str(known)))
    device = make_device(tmp_path, "a")
    device.check("hydration")
    argv = [sys.executable, "-m", "planner", "--data", str(device.store.data_dir), "sync", target]
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty, as in a real terminal
        os.execve(sys.executable, argv, dict(os.environ))
    seen = b""
    answered = False
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal: it is done
            break
        if not chunk:
            break
        seen += chunk
        if not answered and b"(yes/no" in seen:
            os.write(fd, b"yes\n")
            answered = True
    _, status = os.waitpid(pid, 0)
    assert answered, seen.decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 0, seen.decode(errors="replace")
    assert b"Synced with" in seen
    assert known.read_text().strip()  # ssh kept the answer: the next sync will not ask
    assert visible_files(remote) == visible_files(device.store.data_dir)


def test_a_host_alias_from_an_ssh_config(
    tmp_path: Path, sshd: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user would: an alias in an ssh config carries the port, key, user and host."""
    words = shlex.split(SSH)
    if "-p" not in words or "-i" not in words:
        pytest.skip("PLANNER_TEST_SSH is not shaped like .ci/sshd.sh's")
    user, _, address = sshd.rpartition("@")
    config = tmp_path / "ssh_config"
    config.write_text(
        "Host planner-box\n"
        f"  HostName {address}\n  Port {words[words.index('-p') + 1]}\n"
        f"  User {user}\n  IdentityFile {words[words.index('-i') + 1]}\n"
        "  IdentitiesOnly yes\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n"
        "  LogLevel ERROR\n"
    )
    monkeypatch.setenv("PLANNER_SSH", f"ssh -F {config}")
    device = make_device(tmp_path, "a")
    device.check("hydration")
    remote = tmp_path / "remote"
    rc, out, err = run_cli(
        "--data", str(device.store.data_dir), "sync", f"planner-box:{remote}", env=_env()
    )
    assert rc == 0, err
    assert out == f"Synced with planner-box:{remote}: sent 1 event file, received 0 event files.\n"
    assert visible_files(remote) == visible_files(device.store.data_dir)
