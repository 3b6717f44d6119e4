"""The rules that fit the plan to the runner (issue 12): session size, their week, race week.

Each is one table of the plan file (RULES.md, "Safety and fit"); planparts_fit.py reads them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from planner.core.rules import Cited


@dataclass(frozen=True)
class SizingRule:
    """A quality session no bigger than what the runner has run lately, at the effort they know."""

    longest_run_share: float  # x the longest logged run of `lookback_days`
    longest_hard_share: float  # x the longest logged hard session of `lookback_days`
    lookback_days: int
    first_after_days: int  # no hard session in this long: the first one is strides or a fartlek
    first_fast_minutes: int  # of faster running inside the easy run
    first_max_rpe: int
    top_rpe: int  # the top effort a quality day may reach (9) ...
    top_rpe_needs: int  # ... only after this many logged sessions ...
    top_rpe_from: int  # ... at this RPE or more ...
    top_rpe_lookback_days: int  # ... in this many days
    cited: Cited


@dataclass(frozen=True)
class WeekRule:
    """The runner's own week: their usual number of runs, and the rest days everyone keeps."""

    lookback_weeks: int  # the median runs a week over these weeks
    default_runs: int  # a week of a runner with too few weeks logged to know
    rest_days: int  # at least this many rest days in any 7
    older_rest_days: int
    older_from_age: int
    cited: Cited

    def rest_days_at(self, age: int) -> int:
        return self.older_rest_days if age >= self.older_from_age else self.rest_days

    def most_runs_at(self, age: int) -> int:
        return 7 - self.rest_days_at(age)


@dataclass(frozen=True)
class OverreachingRule:
    """Form far below fitness, or the same hard load day after day: rest, then an easy week."""

    form_below: float  # form under -this x fitness
    monotony_above: float
    hard_days: int  # ... with at least this many hard days ...
    window_days: int  # ... in this many days
    rest_days: int
    easy_days: int  # after the rest days, no quality
    min_history_days: int  # fitness and fatigue say little before this much history
    cited: Cited


@dataclass(frozen=True)
class RaceRestRule:
    """Rest days after a half marathon or a marathon, by age (before the easy days)."""

    from_ages: tuple[int, ...]  # each column starts at this age
    half_km: float
    half: tuple[int, ...]
    marathon_km: float
    marathon: tuple[int, ...]
    cited: Cited

    def days(self, age: int, distance_m: float) -> int:
        column = max(bisect.bisect_right(self.from_ages, age) - 1, 0)
        if distance_m >= self.marathon_km * 1000:
            return self.marathon[column]
        if distance_m >= self.half_km * 1000:
            return self.half[column]
        return 0


@dataclass(frozen=True)
class RaceWeekRule:
    """The last two weeks before a race: less volume, one race-pace session, no top effort."""

    second_week_share: float  # of the usual run, 8 to 14 days out (the taper's is the last week)
    pace_from_days: int  # the race-pace session 6 ...
    pace_to_days: int  # ... to 4 days before the race
    long_pace_minutes: tuple[int, int]  # at race pace, a half marathon or longer
    long_pace_rpe: int
    short_pace_minutes: tuple[int, int]  # of work, shorter races
    short_pace_rpe: int
    no_top_rpe_days: int  # no RPE at the top of the scale this many days before
    cited: Cited
