"""`planner sync`: add-only rsync over the user's own ssh, only for the folders that changed.

Imported lazily (by the service's `sync` and the CLI's sync handler) so that `planner today`
never loads subprocess machinery. See docs/sync.md for the protocol and the exit codes.
"""

from planner.sync.errors import SyncError
from planner.sync.run import SyncProgress, SyncResult, sync
from planner.sync.target import Target, parse_target

__all__ = ["SyncError", "SyncProgress", "SyncResult", "Target", "parse_target", "sync"]
