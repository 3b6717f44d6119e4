"""The runner's own week (RULES.md, "Rest days and the runner's own week").

The plan projects the runner's usual number of runs a week, spread over the week, never a run
every day; everyone keeps at least 1 rest day in any 7 (2 from 65); and signs of overreaching
(form far below fitness, or the same hard load day after day) give rest days, then easy days.
"""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.fitrules import OverreachingRule, WeekRule
from planner.core.history import Timeline
from planner.core.model import LoadSummary
from planner.core.wording import count, day_label, percent

HALF_A_YEAR_WEEKS = 26
# The rank of each day of a projected week (tomorrow first): a runner of N runs a week runs on
# the days ranked 1 to N. Fewer runs are always a subset of more (a runner who runs less never
# runs on a day one who runs more rests), and each N spreads its runs: 3 is days 1, 4 and 6.
SPREAD = (1, 4, 7, 2, 5, 3, 6)


@dataclass(frozen=True)
class UsualWeek:
    runs: int  # run days a week the plan projects
    median: float | None  # the runner's own median; None: too few weeks logged to know
    weeks: int  # the weeks the median is of
    most: int  # what the rest days leave at this age

    def words(self) -> str:
        if self.median is None:
            return f"{count(self.runs, 'run')} a week until two weeks of runs are logged"
        own = (
            f"{self.median:g} run days a week, the median of your last "
            f"{count(self.weeks, 'week')} with runs"
        )
        if self.runs < math.floor(self.median):
            return f"{own}, at most {self.runs} with the rest days"
        if self.runs < self.median:
            return f"{own}, rounded down to {self.runs}"
        return own


def _run_days(timeline: Timeline, first: date, last: date, logged_only: bool) -> set[date]:
    return {
        s.date
        for s in timeline.between(first, last)
        if s.on_foot and not (logged_only and s.projected)
    }


def usual_week(timeline: Timeline, today: date, rule: WeekRule, age: int) -> UsualWeek:
    """The median run days a week over the runner's last weeks with runs (weeks end yesterday).

    Weeks without a run are a break, not the runner's week: a return after six weeks off is
    planned on the weeks before the break (its own rules keep the first weeks short), so those
    weeks are skipped, looking back at most half a year.
    """
    most = rule.most_runs_at(age)
    logged = [s.date for s in timeline.before(today) if not s.projected and s.on_foot]
    per_week: list[int] = []
    weeks_back = min(HALF_A_YEAR_WEEKS, (today - min(logged)).days // 7) if logged else 0
    for i in range(weeks_back):
        last = today - timedelta(days=7 * i + 1)
        days = len(_run_days(timeline, last - timedelta(days=6), last, True))
        if days:
            per_week.append(days)
        if len(per_week) == rule.lookback_weeks:
            break
    if len(per_week) < 2:
        return UsualWeek(min(rule.default_runs, most), None, len(per_week), most)
    median = statistics.median(per_week)
    # Half a run a week rounds down: the fewer runs are the runner's habit too.
    return UsualWeek(max(1, min(math.floor(median), most)), median, len(per_week), most)


def rest_day(
    timeline: Timeline, day: date, today: date, week: UsualWeek, rule: WeekRule, age: int
) -> str | None:
    """Why `day` is a rest day in the runner's week (None: a run day). Today and after only.

    Ahead of today the runs are spread over each 7 days from tomorrow by SPREAD, so 3 a week is
    run, rest, rest, run, rest, run, rest, not three in a row. On any day the 6 days before may
    not already hold all the runs a week allows.
    """
    if day < today:
        return None
    rests = rule.rest_days_at(age)
    before = _run_days(timeline, day - timedelta(days=6), day - timedelta(days=1), False)
    if len(before) >= 7 - rests:
        return (
            f"Rest day: you {'ran' if day == today else 'will have run'} on {len(before)} of the 6 "
            f"days before; everyone keeps at least {count(rule.rest_days, 'rest day')} in any 7 "
            f"days{_older(rule, age)}."
        )
    k = (day - today).days
    if k >= 1 and SPREAD[(k - 1) % 7] > week.runs:
        return (
            f"Rest day in your own week: {week.words()}, so the plan spreads "
            f"{count(week.runs, 'run')} over each 7 days{_older(rule, age)}."
        )
    return None


def _older(rule: WeekRule, age: int) -> str:
    if age >= rule.older_from_age:
        return f" ({rule.older_rest_days} from {rule.older_from_age})"
    return ""


@dataclass(frozen=True)
class Overreached:
    """Signs of overreaching on `found`: rest days, then easy days."""

    found: date
    rest_until: date
    easy_until: date
    why: str

    def on(self, day: date) -> str | None:
        """ "rest", "easy" or None for `day`."""
        if self.found <= day <= self.rest_until:
            return "rest"
        if day <= self.easy_until and day > self.rest_until:
            return "easy"
        return None

    def reason(self, day: date) -> str:
        if self.on(day) == "rest":
            return (
                f"{self.why}: rest through {day_label(self.rest_until)}, then easy running only "
                f"through {day_label(self.easy_until)}."
            )
        return (
            f"{self.why} on {day_label(self.found)}: easy running only through "
            f"{day_label(self.easy_until)} after the rest days."
        )


def training_days(timeline: Timeline, today: date, gap_days: int) -> int:
    """Days since the runner's current block began: the first logged run after the last break
    of `gap_days` or more. Fitness and fatigue from one run after years off say nothing."""
    days = sorted({s.date for s in timeline.before(today + timedelta(days=1)) if not s.projected})
    if not days:
        return 0
    start = days[0]
    for before, after in itertools.pairwise(days):
        if (after - before).days >= gap_days:
            start = after
    return (today - start).days + 1


def overreached(
    load: LoadSummary,
    timeline: Timeline,
    today: date,
    history_days: int,
    rule: OverreachingRule,
) -> Overreached | None:
    """Form below -30% of fitness over the last days (their mean: one hard day's dip is not a
    state), or monotony above 2 with 5+ hard days in 7; logged runs only."""
    if history_days < rule.min_history_days:
        return None
    why, week_form = None, load.week_form
    if week_form is not None and load.fitness > 0 and week_form < -rule.form_below * load.fitness:
        why = (
            f"Form (fitness minus fatigue) averaged {week_form:.0f} over the last "
            f"{rule.window_days} days, below -{percent(rule.form_below)} of your fitness "
            f"({load.fitness:g}): a sign of overreaching"
        )
    else:
        first = today - timedelta(days=rule.window_days - 1)
        hard = {s.date for s in timeline.between(first, today) if s.hard and not s.projected}
        if (
            load.monotony is not None
            and load.monotony > rule.monotony_above
            and len(hard) >= rule.hard_days
        ):
            why = (
                f"Monotony {load.monotony:.1f} (above {rule.monotony_above:g}) with "
                f"{count(len(hard), 'hard day')} in the last {rule.window_days}, a sign of "
                "overreaching"
            )
    if why is None:
        return None
    rest_until = today + timedelta(days=rule.rest_days - 1)
    return Overreached(today, rest_until, rest_until + timedelta(days=rule.easy_days), why)
