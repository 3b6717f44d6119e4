"""`[user@]host:path`, parsed strictly: nothing in a target can become an option or a command."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from planner.core.errors import InputError

# A user name and a host (or ~/.ssh/config alias) take letters, digits and . _ - only: no
# whitespace, no shell metacharacter, no `%` (ssh expands %-tokens in some options), and
# never a leading `-`, which ssh would read as an option.
_USER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,63}")
_HOST = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,252}")
_IPV6 = re.compile(r"\[([0-9A-Fa-f:.]{2,45})\]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_TARGET = 1024


@dataclass(frozen=True)
class Target:
    """Where to sync: a host ssh can reach, and a folder there (relative to the home folder)."""

    user: str | None
    host: str
    path: str

    def __str__(self) -> str:
        return f"{self.user}@{self.rsync_host}:{self.path}" if self.user else self.remote(self.path)

    @property
    def rsync_host(self) -> str:
        """The host as rsync wants it: an IPv6 address in brackets. The user goes as `ssh -l`."""
        return f"[{self.host}]" if ":" in self.host else self.host

    def remote(self, path: str) -> str:
        """`host:path` for rsync's command line."""
        return f"{self.rsync_host}:{path}"

    def quoted_path(self) -> str:
        """The folder, quoted for the remote shell: it only ever reaches one as one word."""
        return shlex.quote(self.path)


def parse_target(text: str) -> Target:
    """`[user@]host:path` -> Target; InputError naming what is wrong, before anything runs."""
    if not text or len(text) > MAX_TARGET:
        raise InputError("sync target: give one like myserver:planner or me@host:/srv/planner")
    if _CONTROL.search(text):
        raise InputError("sync target: control characters are not allowed")
    if text.startswith("-"):
        raise InputError(f"sync target {text!r}: must not start with '-'")
    if "://" in text:
        raise InputError(f"sync target {text!r}: use host:path (ssh), not a URL")
    where, path = _split(text)
    user, host = _user_host(where, text)
    return Target(user, host, _remote_path(path, text))


def _split(text: str) -> tuple[str, str]:
    """Split at the colon that ends the host (after a bracketed IPv6 address, if any)."""
    if text.startswith("[") or "@[" in text:
        close = text.find("]")
        colon = text.find(":", close) if close >= 0 else -1
        if close < 0 or colon != close + 1:
            raise InputError(f"sync target {text!r}: write an IPv6 host as [addr]:path")
    else:
        colon = text.find(":")
    if colon < 0:
        raise InputError(f"sync target {text!r}: missing ':path' (like myserver:planner)")
    return text[:colon], text[colon + 1 :]


def _user_host(where: str, text: str) -> tuple[str | None, str]:
    user, at, host = where.rpartition("@")
    if at and not _USER.fullmatch(user):
        raise InputError(f"sync target {text!r}: user {user!r} has characters ssh must not get")
    ipv6 = _IPV6.fullmatch(host)
    if ipv6:
        host = ipv6.group(1)
    elif not _HOST.fullmatch(host):
        raise InputError(f"sync target {text!r}: host {host!r} has characters ssh must not get")
    return (user if at else None), host


def _remote_path(path: str, text: str) -> str:
    if not path:
        raise InputError(f"sync target {text!r}: give a folder after ':' (like myserver:planner)")
    if path.startswith("-"):
        raise InputError(f"sync target {text!r}: the folder must not start with '-'")
    if path.startswith(":"):
        raise InputError(f"sync target {text!r}: host::module is the rsync daemon; use host:path")
    if "\\" in path:
        # Shells disagree on backslashes inside quotes; no folder name needs one.
        raise InputError(f"sync target {text!r}: the folder must not contain '\\'")
    # The remote shell would expand `~`, but the folder always reaches it quoted: the ssh
    # session starts in the home folder, so a path relative to it means the same thing.
    if path == "~":
        return "."
    if path.startswith("~/"):
        return path[2:].lstrip("/") or "."
    if path.startswith("~"):
        raise InputError(f"sync target {text!r}: ~user is not supported; use an absolute path")
    return path
