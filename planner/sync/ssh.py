"""The user's own ssh, with one shared connection per sync, and what its failures mean."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from planner.core.errors import InputError
from planner.sync import errors
from planner.sync.errors import SyncError
from planner.sync.target import Target

# Long enough for a slow link, short enough that cron never waits forever.
CONNECT_TIMEOUT_S = 20
# A dropped link is noticed within about a minute instead of hanging rsync.
ALIVE = ("-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4")
# A unix socket path has ~104 bytes on macOS; stay well below it.
_MAX_SOCKET_PATH = 90

_UNREACHABLE = (
    "could not resolve hostname",
    "connection refused",
    "connection timed out",
    "operation timed out",
    "no route to host",
    "network is unreachable",
    "name or service not known",
    "connection closed by",
    "connection reset by",
    "kex_exchange_identification",
)
_AUTH = ("permission denied", "too many authentication failures", "no more authentication")
_HOST_KEY = (
    "host key verification failed",
    "remote host identification has changed",
    "no matching host key type",
)


def ssh_command() -> list[str]:
    """`$PLANNER_SSH` split like a shell would (no shell runs it), else plain `ssh`."""
    text = os.environ.get("PLANNER_SSH", "").strip()
    if not text:
        return ["ssh"]
    try:
        argv = shlex.split(text)
    except ValueError as exc:
        raise InputError(f"$PLANNER_SSH: cannot split it into words: {exc}") from None
    return argv or ["ssh"]


def rsh_string(argv: list[str]) -> str:
    """`argv` as one `rsync -e` string: rsync splits it on spaces and honours '' and "".

    rsync knows no backslash escapes there, so a word holding both quote kinds cannot pass.
    """
    words = []
    for word in argv:
        if word and not any(c in word for c in " '\"\t\n"):
            words.append(word)
        elif "'" not in word:
            words.append(f"'{word}'")
        elif '"' not in word:
            words.append(f'"{word}"')
        else:
            raise InputError(f"ssh command word {word!r}: rsync cannot pass both kinds of quote")
    return " ".join(words)


class Connection:
    """One sync's ssh: the first call opens a master connection, later ones reuse it.

    The master's socket lives in a private 0700 folder, so no other user can ride on it.
    If `$PLANNER_SSH` brings its own ControlPath, that sharing is used and left open.
    """

    def __init__(self, target: Target, *, interactive: bool) -> None:
        self.target = target
        self._user_ssh = ssh_command()
        self._folder = Path(tempfile.mkdtemp(prefix="planner-ssh-", dir=_socket_parent()))
        os.chmod(self._folder, 0o700)
        self._own_sharing = not any(
            "controlpath" in w.lower() or w.startswith("-S") for w in self._user_ssh[1:]
        )
        self._socket = self._folder / "s"
        self.argv = [*self._user_ssh, *self._options(interactive)]

    @property
    def folder(self) -> Path:
        """A private scratch folder that lives as long as the connection (file lists go here)."""
        return self._folder

    def _options(self, interactive: bool) -> list[str]:
        # The user's own words come first: for ssh the first value given for an option wins.
        opts = ["-o", f"ConnectTimeout={CONNECT_TIMEOUT_S}", *ALIVE]
        opts += ["-o", "ClearAllForwardings=yes", "-o", "ForwardAgent=no", "-o", "ForwardX11=no"]
        if not interactive:
            # From cron, systemd or a TUI worker nobody can answer a prompt: fail instead.
            opts += ["-o", "BatchMode=yes"]
        if self._own_sharing:
            opts += ["-o", "ControlMaster=auto", "-o", f"ControlPath={self._socket}"]
            opts += ["-o", "ControlPersist=60"]  # a safety net: close() ends it at once
        if self.target.user:
            opts += ["-l", self.target.user]
        return opts

    def spawn(self, command: str) -> subprocess.Popen[str]:
        """Start one remote shell command (already quoted); collect it with `finish`."""
        argv = [*self.argv, "-T", "--", self.target.host, command]
        try:
            return subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
            )
        except FileNotFoundError:
            raise SyncError(
                f"{argv[0]}: not found; install OpenSSH or set $PLANNER_SSH", errors.FAILED
            ) from None

    def finish(self, proc: subprocess.Popen[str], timeout: float | None) -> tuple[int, str, str]:
        """Wait for a spawned command: (exit code, stdout, stderr)."""
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise SyncError(
                f"{self.target.host}: no answer within {timeout:.0f} s; {errors.RERUN}",
                errors.UNREACHABLE,
            ) from None
        except BaseException:
            proc.kill()
            proc.communicate()
            raise
        return proc.returncode, out, err

    def run(self, command: str, *, timeout: float | None = None) -> tuple[int, str, str]:
        """Run one remote shell command: (exit code, stdout, stderr)."""
        return self.finish(self.spawn(command), timeout)

    def close(self) -> None:
        """End the master connection (if this sync made it) and remove the private folder."""
        if self._own_sharing and self._socket.exists():
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(
                    [*self.argv, "-O", "exit", "--", self.target.host],
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    timeout=10,
                    check=False,
                )
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def ssh_failure(stderr: str, target: Target) -> SyncError | None:
    """The SyncError an ssh exit 255 means, judged from ssh's own words; None if not ssh's."""
    text = stderr.lower()
    host = target.host
    login = f"{target.user}@{host}" if target.user else host
    if any(s in text for s in _HOST_KEY):
        return SyncError(
            f"{host}: its host key is unknown or has changed; run `ssh {login}` once to check"
            " and accept it",
            errors.HOST_KEY,
        )
    if any(s in text for s in _AUTH):
        return SyncError(
            f"{host}: authentication refused; check that `ssh {login}` logs in without a"
            " prompt (key, agent, ~/.ssh/config)",
            errors.AUTH_REFUSED,
        )
    if any(s in text for s in _UNREACHABLE):
        return SyncError(f"{host}: cannot connect: {last_line(stderr)}", errors.UNREACHABLE)
    return None


def last_line(text: str) -> str:
    """The last non-empty line of a tool's stderr: usually the one that says why."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def _socket_parent() -> str | None:
    """Where the private socket folder goes: the temp folder, unless its path is too long."""
    base = tempfile.gettempdir()
    if len(base) + len("/planner-ssh-XXXXXXXX/s") <= _MAX_SOCKET_PATH:
        return None
    return "/tmp" if os.path.isdir("/tmp") else None
