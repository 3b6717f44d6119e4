"""`planner sync [[user@]host:path] [--quiet]`: add-only sync over ssh (see docs/sync.md).

Registering this command imports nothing of planner.sync: only running it does. It runs as
a `data_handler`: it needs the data folder, not the fold or the plan, so it skips the
service and its imports (a sync with nothing new must cost at most 1.5x a bare ssh). It
calls the same planner.sync.sync as the service's Planner.sync, which the TUI uses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.common import out

if TYPE_CHECKING:
    from planner.sync import SyncError

EXIT_CODES = (
    "exit codes: 0 synced; 2 bad target; 10 host unreachable; 11 authentication refused;"
    " 12 host key unknown or changed; 13 rsync missing here; 14 rsync missing on the remote;"
    " 15 folder not writable; 16 disk full; 17 interrupted (a rerun finishes); 18 other"
    " ssh/rsync failure; 130 Ctrl-C"
)


def register(sub: Any) -> None:
    sync = sub.add_parser(
        "sync",
        help="sync the data folder with another machine over ssh",
        description="Copy event files both ways with rsync over ssh; never deletes or"
        " overwrites anything. The target is remembered: `planner sync` alone repeats it.",
        epilog=EXIT_CODES,
    )
    sync.add_argument(
        "target", nargs="?", help="[user@]host:path (default: the last one used for this data)"
    )
    sync.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    sync.set_defaults(data_handler=cmd_sync)


def cmd_sync(args: argparse.Namespace) -> int:
    from planner.store.paths import ensure_private_dir, resolve_data_dir
    from planner.sync import SyncError, sync

    data_dir = ensure_private_dir(resolve_data_dir(args.data))
    # A terminal can answer ssh's password and host-key questions; cron and systemd cannot,
    # so there ssh runs in BatchMode and fails at once with a clear exit code instead.
    interactive = sys.stdin.isatty()
    try:
        result = sync(data_dir, args.target, interactive=interactive)
    except SyncError as error:
        raise _with_rerun(error, args, data_dir) from None
    if not args.quiet:
        out(
            f"Synced with {result.target}: sent {_files(result.sent)},"
            f" received {_files(result.received)}."
        )
    return 0


def _with_rerun(error: SyncError, args: argparse.Namespace, data_dir: Path) -> SyncError:
    """A target is remembered once a sync reaches it; one that failed before that (the host
    unreachable, a key refused) is not, so `planner sync` alone would not repeat it: the
    message then ends with the whole command to run again once the problem is fixed."""
    import shlex

    from planner.store.paths import state_dir
    from planner.sync import SyncError, memory

    if args.target is None or memory.remembered(state_dir(), data_dir) == args.target:
        return error
    data = f"--data {shlex.quote(args.data)} " if args.data else ""
    rerun = f"planner {data}sync {shlex.quote(args.target)}"
    return SyncError(f"{error.message}; once fixed, run: {rerun}", error.exit_code)


def _files(count: int) -> str:
    return f"{count} event file{'' if count == 1 else 's'}"
