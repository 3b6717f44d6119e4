"""The return to running: after a warning sign lifts, and after a break of two weeks or more.

Both are easy running only, with shorter runs at first that build up week by week; after a
break the first weeks also have a budget of minutes (a share of the weekly minutes before the
break). The rule's days are the least a return lasts: it goes on, easy only, until the week's
share is back to the whole usual run, so quality never follows straight on half-length runs
(the coach's review: a 7-day return ended on a 22-minute jog and then offered 86 minutes at
RPE 9). Usual lengths are taken from logged runs before the sign or the break, never from the
plan's projected sessions (RULES.md, "Warning signs", "Return from a layoff").
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.history import Timeline
from planner.core.rules import PlanRules
from planner.core.signs import LiftedSign

WEEK = 7
MAX_WEEKS = 52  # a plan file whose share never reaches 1 still ends its returns


@dataclass(frozen=True)
class ReturnPeriod:
    """One return in progress on a day: what it follows, how far in, and its limits."""

    kind: str  # "sign" or "layoff"
    what: str  # "chest pain", "42 days without a run"
    start: date
    end: date  # its last easy-only day: the rule's days, then the build-up to the usual run
    rule_end: date  # the last of the rule's own days (14 days, 50% of the break, ...)
    week: int  # 1 in its first 7 days
    share: float  # this week's share of the usual run (and of the weekly minutes)
    usual_minutes: int  # the runner's usual easy run before it
    run_cap: int  # the longest run this week
    weekly_minutes: float | None = None  # before the break (layoff only)
    budget_left: float | None = None  # minutes this week still to run (layoff only)
    last_run: date | None = None  # before the break (layoff only)
    runs_before: int | None = None  # logged in the base window before the break (layoff only)
    by: str = ""  # who lifted the sign: "checkin" or "clinician"

    @property
    def builds_up(self) -> bool:
        """Runs shorter than the usual one at first (False: an illness's easy days)."""
        return self.share < 1.0 or self.end > self.rule_end

    @property
    def max_minutes(self) -> int:
        if self.budget_left is None:
            return self.run_cap
        return max(min(self.run_cap, math.floor(self.budget_left)), 0)


def usual_before(timeline: Timeline, day: date, rules: PlanRules) -> int:
    """The median logged easy run in the lookback window before `day`, else the default."""
    first = day - timedelta(days=rules.easy.lookback_days)
    last = day - timedelta(days=1)
    minutes = [s.minutes for s in timeline.between(first, last) if not s.projected and not s.hard]
    if not minutes:
        return rules.easy.default_minutes
    return max(round(statistics.median(minutes)), 1)


def back_to_usual(start: date, rule_end: date, share_in_week: Callable[[int], float]) -> date:
    """The last easy-only day of a return from `start`: the rule's last day, or the day before
    the first week whose share is the whole usual run, whichever is later."""
    week = 1
    while share_in_week(week) < 1.0 and week < MAX_WEEKS:
        week += 1
    return max(rule_end, start + timedelta(days=(week - 1) * WEEK - 1))


def sign_return(
    lifted: Sequence[LiftedSign], day: date, timeline: Timeline, rules: PlanRules
) -> ReturnPeriod | None:
    """The strictest return in progress on `day` after a lifted warning sign."""
    found: ReturnPeriod | None = None
    rule = rules.return_to_run
    for sign in lifted:
        builds = sign.flag.build_up
        end = back_to_usual(sign.lifted_on, sign.return_ends, rule.share_in_week) if builds else (
            sign.return_ends
        )  # fmt: skip
        if not sign.lifted_on <= day <= end:
            continue
        week = (day - sign.lifted_on).days // WEEK + 1
        share = rule.share_in_week(week) if builds else 1.0
        usual = usual_before(timeline, sign.since, rules)
        here = ReturnPeriod(
            kind="sign",
            what=sign.label,
            start=sign.lifted_on,
            end=end,
            rule_end=sign.return_ends,
            week=week,
            share=share,
            usual_minutes=usual,
            run_cap=max(math.floor(usual * share), 1),
            by=sign.by,
        )
        if found is None or (here.max_minutes, here.end) < (found.max_minutes, found.end):
            found = here
    return found


class LayoffWatch:
    """Breaks of `min_gap_days` or more between logged runs, and the return after each."""

    def __init__(self, timeline: Timeline, today: date, rules: PlanRules) -> None:
        self._timeline = timeline
        self._today = today
        self._rules = rules
        logged = [s for s in timeline.sessions if not s.projected and s.on_foot and s.date <= today]
        self._dates = sorted({s.date for s in logged})

    def on(self, day: date) -> ReturnPeriod | None:
        gap = self._gap_before(day)
        if gap is None:
            return None
        last_run, start = gap
        rule = self._rules.layoff
        days_off = (start - last_run).days - 1
        easy_days = min(max(rule.easy_days_min, math.ceil(days_off * rule.gap_share)),
                        rule.easy_days_max)  # fmt: skip
        rule_end = start + timedelta(days=easy_days - 1)
        end = back_to_usual(start, rule_end, rule.share_in_week)
        if not start <= day <= end:
            return None
        week = (day - start).days // WEEK + 1
        share = rule.share_in_week(week)
        usual = usual_before(self._timeline, last_run + timedelta(days=1), self._rules)
        weekly: float | None = self._weekly_minutes_before(last_run)
        runs_before = self._runs_before(last_run)
        if runs_before < self._rules.base.min_recent_runs:
            # Too few runs before the break to know the runner's week (one 12-minute jog in
            # the month before a 4-year break gave a 2-minute week): the runs build from the
            # plan's default easy run, with no weekly budget.
            usual, weekly = self._rules.easy.default_minutes, None
        week_start = start + timedelta(days=(week - 1) * WEEK)
        run_so_far = sum(
            s.minutes for s in self._timeline.between(week_start, day - timedelta(days=1))
            if s.on_foot
        )  # fmt: skip
        return ReturnPeriod(
            kind="layoff",
            what=f"{days_off} days without a run",
            start=start,
            end=end,
            rule_end=rule_end,
            week=week,
            share=share,
            usual_minutes=usual,
            run_cap=max(math.floor(usual * share), 1),
            weekly_minutes=weekly,
            budget_left=None if weekly is None else weekly * share - run_so_far,
            last_run=last_run,
            runs_before=runs_before,
        )

    def _gap_before(self, day: date) -> tuple[date, date] | None:
        """(the last run before the latest long break up to `day`, the return's first day)."""
        dates, min_gap = self._dates, self._rules.layoff.min_gap_days
        i = bisect.bisect_right(dates, day)  # runs on or before `day`
        if i == 0:
            return None  # no run before: a new runner, not a return (the base rule holds)
        # The break still going on: no logged run since the last one, and it is long.
        if dates[i - 1] < day:
            # Back on the day asked about; ahead of today, the projection has them back today.
            back_on = min(day, self._today)
            if (back_on - dates[i - 1]).days - 1 >= min_gap:
                return dates[i - 1], back_on
        horizon = day - timedelta(days=self._rules.layoff.easy_days_max)
        for j in range(i - 1, 0, -1):
            if dates[j] < horizon:
                break
            if (dates[j] - dates[j - 1]).days - 1 >= min_gap:
                return dates[j - 1], dates[j]
        return None

    def _runs_before(self, last_run: date) -> int:
        first = last_run - timedelta(days=self._rules.base.lookback_days - 1)
        return sum(1 for s in self._timeline.between(first, last_run) if s.on_foot)

    def _weekly_minutes_before(self, last_run: date) -> float:
        lookback = self._rules.easy.lookback_days
        first = last_run - timedelta(days=lookback - 1)
        total = sum(s.minutes for s in self._timeline.between(first, last_run) if s.on_foot)
        return total / (lookback / WEEK)
