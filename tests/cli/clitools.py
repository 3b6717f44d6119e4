"""Helpers shared by the CLI tests (conftest.py module names collide across folders)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

Cli = Callable[..., tuple[int, str, str]]


def tree_digest(root: Path) -> str:
    """A hash of every file's path and bytes under root: proves 'nothing written'."""
    digest = hashlib.sha256()
    if not root.exists():
        return "absent"
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name == ".planner.lock":
                continue
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
