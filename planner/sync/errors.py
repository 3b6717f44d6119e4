"""Why a sync failed, as one line and an exit code a cron job or a systemd unit can act on."""

from __future__ import annotations

from planner.core.errors import PlannerError

# Exit codes of `planner sync` (the README lists them; scripts depend on them).
UNREACHABLE = 10
AUTH_REFUSED = 11
HOST_KEY = 12
RSYNC_MISSING_HERE = 13
RSYNC_MISSING_REMOTE = 14
NOT_WRITABLE = 15
DISK_FULL = 16
INTERRUPTED = 17
FAILED = 18
CTRL_C = 130

RERUN = "run planner sync again to finish"


class SyncError(PlannerError):
    """A sync that stopped; nothing half-written is visible on either side."""

    exit_code = FAILED
