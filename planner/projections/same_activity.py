"""The same activity from two sources (a watch's FIT file and a Strava export): one run.

Two runs on foot are one activity when they start within 2 minutes of each other and either
their distances differ by at most 3%, or their durations agree and their distances differ by
at most 15%: GPS against a watch's laps or a foot pod is often 3-10% apart, and one runner
cannot run two runs of the same length at the same time. The fold shows one run per
activity; an import skips a file whose run is already there.
"""

from __future__ import annotations

from planner.core.model import Run

DUPLICATE_START_S = 120.0  # the same activity from two sources starts within 2 minutes...
DUPLICATE_DISTANCE = 0.03  # ...and its distances differ by at most 3%,
# ...or its durations agree: within 2 minutes (two apps started and stopped a minute apart)
# or 3% of the longer (a few minutes of a long run), whichever is more...
DUPLICATE_DURATION_S = 120.0
DUPLICATE_DURATION = 0.03
# ...and its distances are still within 15%: a foot pod or GPS under trees is rarely more
# than 10% off, while half the distance in the same time is another activity.
DUPLICATE_DISTANCE_TIMED = 0.15


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
            if same_measures(a.distance_m, a.elapsed_s, b.distance_m, b.elapsed_s):
                parent[root(id_b)] = root(id_a)
    groups: dict[str, list[Run]] = {}
    for r in runs:
        groups.setdefault(root(r.id), []).append(r)
    return list(groups.values())


def same_measures(a_m: float, a_s: float, b_m: float, b_s: float) -> bool:
    """Whether two runs that start together measured one activity (metres and elapsed s)."""
    if same_distance(a_m, b_m):
        return True
    return same_duration(a_s, b_s) and same_distance(a_m, b_m, DUPLICATE_DISTANCE_TIMED)


def same_distance(a: float, b: float, share: float = DUPLICATE_DISTANCE) -> bool:
    return abs(a - b) <= share * max(abs(a), abs(b))


def same_duration(a_s: float, b_s: float) -> bool:
    """Elapsed times agree: every source counts them alike, from the first to the last moment."""
    if a_s <= 0 or b_s <= 0:
        return False  # an unknown duration agrees with nothing
    return abs(a_s - b_s) <= max(DUPLICATE_DURATION_S, DUPLICATE_DURATION * max(a_s, b_s))
