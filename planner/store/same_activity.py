"""The same activity from two sources (a watch's FIT file and a Strava export): one run.

Two runs on foot are one activity when they start within 2 minutes of each other and their
distances differ by at most 3%. The fold shows one run per activity; an import skips a file
whose run is already there.
"""

from __future__ import annotations

from planner.core.model import Run

DUPLICATE_START_S = 120.0  # the same activity from two sources starts within 2 minutes...
DUPLICATE_DISTANCE = 0.03  # ...and its distances differ by at most 3%


def duplicate_groups(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped so each group is one activity (connected by the duplicate rule)."""
    parent = {r.id: r.id for r in runs}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    timed = sorted((r.start, r.id, r) for r in runs if r.sport == "running" and r.start)
    for i, (start_a, id_a, a) in enumerate(timed):
        for start_b, id_b, b in timed[i + 1 :]:
            if (start_b - start_a).total_seconds() > DUPLICATE_START_S:
                break
            if same_distance(a.distance_m, b.distance_m):
                parent[root(id_b)] = root(id_a)
    groups: dict[str, list[Run]] = {}
    for r in runs:
        groups.setdefault(root(r.id), []).append(r)
    return list(groups.values())


def same_distance(a: float, b: float) -> bool:
    return abs(a - b) <= DUPLICATE_DISTANCE * max(abs(a), abs(b))
