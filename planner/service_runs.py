"""The planner's part that deals in runs: log one, rate, retype or delete it, and what the
plan makes of them (efforts, the load trend, the first day of use).

A base of `Planner` (service.py), which the faces call: it uses the planner's `data`,
`today()`, `profile` and `rules()`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from planner.core.errors import InputError
from planner.events import RunDeleted, RunEdited, RunLogged
from planner.runner_input import RunInput, run_fields

if TYPE_CHECKING:
    from planner.core.effort import Effort
    from planner.core.model import Profile, Run
    from planner.core.planfile import PlanRules
    from planner.core.trend import LoadPoint
    from planner.datadir import DataDir


class RunsPart:
    """Runs and what the plan makes of them; `Planner` supplies the data dir, today, the
    profile and the plan rules."""

    data: DataDir
    MAX_TREND_DAYS = 3660  # ten years and a few days: the most one load_trend gives

    def today(self) -> date:
        raise NotImplementedError  # Planner.today

    @property
    def profile(self) -> Profile:
        raise NotImplementedError  # Planner.profile

    def rules(self) -> PlanRules:
        raise NotImplementedError  # Planner.rules

    def runs(self) -> tuple[Run, ...]:
        return self.data.state().runs

    def first_day(self) -> date | None:
        """The first day of use: the first run or the first tick (None if neither): the days
        before it were not missed, planner was not there."""
        state = self.data.state()
        days = [day for day, _ in state.checks]
        if state.runs:
            days.append(state.runs[0].date)
        return min(days, default=None)

    def load_trend(self, days: int = 120, end: date | None = None) -> tuple[LoadPoint, ...]:
        """Fitness, fatigue, form and the load ratio for each of the `days` days up to `end`
        (today when not given): History asks for a long history a piece at a time."""
        from planner.core.effort import run_load
        from planner.core.trend import load_trend

        if not 1 <= days <= self.MAX_TREND_DAYS:
            raise InputError(f"days {days}: must be from 1 to {self.MAX_TREND_DAYS}")
        plan, today, runs = self.rules(), self.today(), self.runs()
        last = today if end is None else end
        first = last - timedelta(days=days - 1)
        load_of = run_load(runs, self.profile, plan, today)
        return load_trend(runs, first, last, plan.load, load_of)

    def log_run(self, entry: RunInput) -> Run:
        """Validate every field first; nothing is written unless all of it is good."""
        event = RunLogged(**run_fields(entry, self.today()))
        self.data.append(event)
        return next(r for r in self.runs() if r.id == event.id)

    def run(self, run_id: str) -> Run:
        """One run by id; InputError naming it when there is none."""
        for run in self.runs():
            if run.id == run_id:
                return run
        raise InputError(f"run {run_id!r}: no run with that id; see planner runs", field="run")

    def edit_run(self, run_id: str, *, rpe: str | None = None, run_type: str | None = None) -> Run:
        """Rate a run (RPE 1-10, the runner's own: it replaces an estimate) or retype it."""
        from planner.core.model import RUN_TYPES
        from planner.core.units import parse_int

        self.run(run_id)
        changes: dict[str, Any] = {}
        if rpe is not None:
            changes |= {"rpe": float(parse_int(rpe, "RPE", 1, 10)), "rpe_estimated": False}
        if run_type is not None:
            if run_type not in RUN_TYPES:
                raise InputError(
                    f"type {run_type!r}: use one of {', '.join(RUN_TYPES)}", field="type"
                )
            changes["type"] = run_type
        if not changes:
            raise InputError("edit: give an effort (RPE 1-10) or a type", field="rpe")
        self.data.append(RunEdited(run_id, changes))
        return self.run(run_id)

    def delete_run(self, run_id: str) -> Run:
        """Delete one run (every copy of it, from every source); its files stay on disk."""
        run = self.run(run_id)
        self.data.append(RunDeleted(run_id=run_id))
        return run

    def unrated_runs(self, day: date | None = None) -> list[tuple[Run, Effort]]:
        """Runs of the week up to `day` without an effort rating, with the plan's estimate."""
        from planner.core.effort import estimator_for

        day, rules = day or self.today(), self.rules()
        estimator = estimator_for(self.runs(), self.profile, rules, day)
        first = day - timedelta(days=rules.load.acute_days - 1)
        recent = [r for r in self.runs() if first <= r.date <= day]
        return [(r, estimator.effort(r)) for r in recent if r.rpe is None or r.rpe_estimated]

    def efforts(self) -> dict[str, Effort]:
        """Each run's effort as the plan counts it today (rated, or estimated and how), from
        the current profile: new heart-rate settings apply to every past run."""
        from planner.core.effort import estimator_for

        runs = self.runs()
        estimator = estimator_for(runs, self.profile, self.rules(), self.today())
        return {r.id: estimator.effort(r) for r in runs}
