"""The one place that opens a data dir, folds it and builds plans; the CLI and the TUI call it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from planner.core.days import runner_day
from planner.core.errors import DataError, InputError
from planner.core.model import (
    ChecklistItem,
    DayPlan,
    Plan,
    Profile,
)
from planner.core.morning import DayView, day_view
from planner.datadir import DataDir
from planner.events import (
    Check,
    CheckinGiven,
    Event,
    PlanChosen,
    ProfileSet,
    RaceEntered,
    RaceRemoved,
    Uncheck,
)
from planner.planfiles import PlanInUse, load_plan, plan_in_use
from planner.runner_input import RunInput as RunInput  # the service's API takes it
from planner.runner_input import profile_fields
from planner.service_files import FilesPart
from planner.service_runs import RunsPart

if TYPE_CHECKING:
    from planner.core.checkin import CheckinAnswers
    from planner.core.model import Checkin, Race
    from planner.core.planfile import PlanRules
    from planner.core.signs import FlagInForce

if TYPE_CHECKING:
    from planner.sync.run import SyncProgress, SyncResult


T = TypeVar("T")
MAX_LEAD_DAYS = 366  # a plan starts at most this many days after today
STREAK_DAYS = 28  # the days before today a morning looks back on for its streak of ticked days


class Planner(FilesPart, RunsPart):
    """A runner's planner over one data dir: state, plans, ticks, runs, profile."""

    def __init__(
        self,
        data: DataDir,
        *,
        today: date | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.data = data
        self._pinned_today = today
        self._now = now or (lambda: datetime.now(UTC))
        self._rules: PlanRules | None = None
        self._in_use: PlanInUse | None = None

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        *,
        today: date | None = None,
        state: Path | None = None,
    ) -> Planner:
        from planner.store.paths import resolve_data_dir

        return cls(DataDir(resolve_data_dir(data_dir), state=state), today=today)

    def as_of(self, today: date) -> Planner:
        """The same data seen on another day: tomorrow morning's plan, prepared tonight."""
        return Planner(self.data, today=today, now=self._now)

    # ---- reading -------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self.data.data_dir

    def load(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Read the data dir now (not when first asked), with progress on a long first read."""
        self.data.load(progress)

    @property
    def profile(self) -> Profile:
        return self.data.profile()

    @property
    def notices(self) -> list[str]:
        return self.data.notices

    def has_profile(self) -> bool:
        return self.profile.is_set

    def today(self) -> date:
        """The runner's today: pinned by --today, else their zone and day-start hour."""
        if self._pinned_today is not None:
            return self._pinned_today
        p = self.profile
        return runner_day(self._now(), p.tz, p.day_starts)

    def rules(self) -> PlanRules:
        name, sha = self.profile.plan, self.profile.plan_sha
        if self._rules is None or self._rules.name != name or sha not in (None, self._rules.sha):
            self._rules = _from_profile(load_plan, name, self.data.data_dir, sha)
        return self._rules

    def plan_in_use(self) -> PlanInUse:
        """The plan file in use, by name and content hash: read, not parsed (see `plan`)."""
        name, sha = self.profile.plan, self.profile.plan_sha
        in_use = self._in_use
        if in_use is None or in_use.name != name or sha not in (None, in_use.sha):
            in_use = self._in_use = _from_profile(plan_in_use, name, self.data.data_dir, sha)
        return in_use

    def plan_note(self) -> str | None:
        """One line when the runner's own plan file predates rules a release added, so their
        numbers come from a built-in plan (core/planupgrade.py); None for a built-in plan."""
        from planner.planfiles import builtin_plan_names

        in_use = self.plan_in_use()
        if in_use.name in builtin_plan_names():
            return None  # a built-in name always means the built-in file, complete as shipped

        def note() -> tuple[str, ...]:
            from planner.core.planupgrade import upgrade_note

            found = upgrade_note(self.rules())
            return (found,) if found else ()

        # Remembered like the plan, so a start with nothing new need not parse the plan file.
        notes = self.remembered(f"plan-note:{in_use.name}:{in_use.sha}", note, tuple)
        return notes[0] if notes else None

    def plan(self, start: date | None = None, days: int = 14) -> Plan:
        if not 1 <= days <= 366:
            raise InputError(f"days {days}: must be from 1 to 366")
        in_use, today = self.plan_in_use(), self.today()
        if start is not None and (start - today).days > MAX_LEAD_DAYS:
            # Days after today are projected one by one: years ahead would take minutes.
            raise InputError(f"date {start}: more than a year after today ({today}); too far ahead")
        # Same event set, same plan file: same plan. The plan on screen is asked for again to
        # validate a tick, which then costs a file write, not a plan over ten years; and the
        # snapshot keeps it, so a start with nothing new needs neither the engine nor the plan
        # rules (nor their imports).
        return self.remembered(
            f"plan:{start}:{days}:{today}:{in_use.name}:{in_use.sha}",
            lambda: self._build_plan(today, start, days),
            Plan,
        )

    def morning(self, day: date | None = None) -> DayView:
        """What Today shows of `day` (default today), kept with the event set like the plan:
        opening the app again with nothing new shows it without unfolding years of history."""
        today, in_use = self.today(), self.plan_in_use()
        day = day or today

        def view() -> DayView:
            checkin = self.checkins().get(day)
            if day != today:
                plan = self.plan(start=day, days=1)
                return day_view(plan, self.runs(), today, self.profile.units, checkin)
            # Today's plan and the days before it in one walk of the history (a 29-day plan
            # costs about a third more than one day's): the recap and the streak need them.
            plan = self.plan(start=day - timedelta(days=STREAK_DAYS), days=STREAK_DAYS + 1)
            recap, streak = self._recap(plan.days, today)
            view = day_view(plan, self.runs(), today, self.profile.units, checkin, recap)
            return dataclasses.replace(view, streak=streak)

        seen = self.remembered(f"morning:{day}:{today}:{in_use.name}:{in_use.sha}", view, DayView)
        if day == today and seen.day_type is not None:
            from planner.core.morning import status_fields

            self.note_glance("status", status_fields(seen))
        return seen

    def note_glance(self, view: str, value: object) -> None:
        """Keep what `planner status` or `planner today` says today, for their next run to
        print without planning while nothing changes (planner/glance.py)."""
        p = self.profile
        self.data.note_glance(self.today().isoformat(), view, value, p.tz or "", p.day_starts)

    def _recap(self, days: Sequence[DayPlan], today: date) -> tuple[str, int]:
        """Yesterday in a line, and the days in a row before today (or up to it, when it is
        all ticked) with every item that could be done ticked; '' before the first use."""
        from planner.core.wording import recap_label

        started = self.first_day()
        if started is None or started >= today or len(days) < 2:
            return "", 0
        streak, more = 0, False
        past = [d for d in reversed(days) if d.date < today]
        if _all_ticked(days[-1]):
            streak = 1
        for plan in past:
            if plan.date < started or not _all_ticked(plan):
                break
            streak += 1
        else:
            more = past[-1].date > started  # the streak goes on before the days looked at
        yesterday = days[-2]
        runs = [run for run in self.runs() if run.date == yesterday.date]
        text = recap_label(runs, yesterday.checklist, streak, self.profile.units, more=more)
        return text, streak

    def prepare_tomorrow(self) -> None:
        """Work out tomorrow's morning view tonight (the app calls this as it closes): the next
        morning's start, with nothing new on disk, finds it in the snapshot."""
        if not self.has_profile():
            return  # onboarding was left unfinished: there is no plan to prepare
        tomorrow = self.today() + timedelta(days=1)
        self.as_of(tomorrow).morning(tomorrow)

    def get_ready(self) -> None:
        """Unpack what a quick start left packed (the fold of the history), so the next tick
        or screen is quick: the app calls this once its first screen is up."""
        self.data.ready()

    def _build_plan(self, today: date, start: date | None, days: int) -> Plan:
        from planner.core.engine import build_plan

        return build_plan(self.data.state(), self.rules(), today, start=start, days=days)

    def remembered(self, key: str, compute: Callable[[], T], kind: type[T]) -> T:
        """`compute()`, kept in the snapshot with the current event set: asked again with
        nothing new on disk (in this run or a later one), it is not computed again."""
        value = self.data.recall(key)
        if not isinstance(value, kind):
            value = compute()
            self.data.remember(key, value)
        return value

    def day(self, day: date | None = None) -> DayPlan:
        return self.plan(start=day or self.today(), days=1).days[0]

    def refresh_if_changed(self) -> bool:
        """Fold in event files that arrived from elsewhere (a sync, a cron job, the CLI)."""
        return self.data.refresh()

    # ---- sync ----------------------------------------------------------------------

    def sync(
        self,
        target: str | None = None,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        interactive: bool = False,
    ) -> SyncResult:
        """Sync the data dir with `[user@]host:path` (default: the last one) over ssh.

        Network-bound: the TUI calls it in a worker. `interactive=False` never prompts
        (BatchMode); on a SyncError with exit code 11 or 12 the TUI suspends itself and calls
        it again with `interactive=True`, so ssh can ask on the terminal (docs/sync.md).
        What arrived is folded in before this returns. Raises SyncError (a PlannerError).
        """
        # Imported here, not at the top: `planner today` must never load subprocess.
        from planner.sync import sync

        result = sync(self.data.data_dir, target, progress=progress, interactive=interactive)
        # Only a data dir already read needs the new files; the CLI's would read them for nothing.
        if result.received and self.data.changed_on_disk():
            self.refresh_if_changed()
        return result

    def sync_target(self) -> str | None:
        """The target `sync()` uses when given none: the last one of this data dir here."""
        from planner.store.paths import state_dir
        from planner.sync.memory import remembered

        return remembered(state_dir(), self.data.data_dir)

    # ---- ticks ---------------------------------------------------------------------

    def find_item(self, item: str, day: date) -> ChecklistItem:
        """An item of `day` by id, by kind when exactly one item of that kind is there, or by
        the start of one id alone ("foam" for foam_rolling); else an error naming the nearest."""
        checklist = self.day(day).checklist
        for candidate in checklist:
            if candidate.id == item:
                return candidate
        by_kind = [c for c in checklist if c.kind == item]
        if len(by_kind) == 1:
            return by_kind[0]
        ids = [c.id for c in checklist]
        if by_kind:
            raise InputError(f"item {item!r} is ambiguous on {day}; use one of: {', '.join(ids)}")
        started = [c for c in checklist if item and c.id.startswith(item)]
        if len(started) == 1:
            return started[0]
        if started:
            names = ", ".join(c.id for c in started)
            raise InputError(f"item {item!r} is ambiguous on {day}: {names}")
        import difflib

        near = difflib.get_close_matches(item, ids, n=1)
        hint = f"did you mean {near[0]}? " if near else ""
        raise InputError(
            f"item {item!r} is not on the checklist of {day}; {hint}items: {', '.join(ids)}"
        )

    def tickable(self, day: date | None) -> date:
        """The day to tick on: today or earlier. A day after today is a projection (its plan
        changes with every run and check-in until then): nothing on it can be done yet."""
        today = self.today()
        day = day or today
        if day > today:
            raise InputError(
                f"date {day}: after today ({today}); a day's items are ticked on the day or after",
                field="date",
            )
        return day

    def check(self, item: str, day: date | None = None) -> ChecklistItem:
        """Tick an item; the event file is on disk (fsynced) before this returns."""
        day = self.tickable(day)
        found = self.find_item(item, day)
        if not found.done:
            self.data.append(Check(day, found.id))
        # Our check is live in the fold now: no need to plan again to know it (that is the
        # screen's next frame, not the tick's cost).
        return dataclasses.replace(found, done=True)

    def uncheck(self, item: str, day: date | None = None) -> ChecklistItem:
        """Untick: name the check events removed, so a tick made elsewhere meanwhile survives."""
        day = self.tickable(day)
        found = self.find_item(item, day)
        live = self.data.state().checks.get((day, found.id), ())
        if live:
            self.data.append(Uncheck(day, found.id, tuple(live)))
        return dataclasses.replace(found, done=False)

    def set_ticks(self, items: Sequence[str], day: date, *, done: bool) -> int:
        """Tick (or untick) several items of `day` in one durable write; returns how many
        changed. Every id is checked first: an unknown one writes nothing."""
        day = self.tickable(day)
        found = {(f := self.find_item(item, day)).id: f for item in items}
        checks = self.data.state().checks
        events: list[Event] = []
        for item in found.values():
            if done and not item.done:
                events.append(Check(day, item.id))
            elif not done and (live := checks.get((day, item.id), ())):
                events.append(Uncheck(day, item.id, tuple(live)))
        if events:
            self.data.append_batch(events)
        return len(events)

    def toggle(self, item: str, day: date) -> bool:
        """Tick or untick; returns whether the item is now done."""
        found = self.find_item(item, self.tickable(day))
        after = self.uncheck(found.id, day) if found.done else self.check(found.id, day)
        return after.done

    # ---- check-in, races, plan files ----------------------------------------------

    def checkin(self, answers: CheckinAnswers) -> Checkin:
        """Record a morning check-in; a second one the same day adds to the first."""
        from planner.core.checkin import RED_FLAG_IDS, checkin_data

        state, today = self.data.state(), self.today()
        plan_flags = [f.id for f in self.rules().red_flags.flags]
        flag_ids = list(dict.fromkeys([*RED_FLAG_IDS, *plan_flags]))
        previous = state.checkins.get(answers.day or today)
        data = checkin_data(
            answers, today=today, flag_ids=flag_ids, runs=state.runs, previous=previous
        )
        self.data.append(CheckinGiven.of(data))
        return self.data.state().checkins[data["date"]]

    def races(self) -> tuple[Race, ...]:
        return self.data.state().races

    def signs_standing(self, day: date | None = None) -> tuple[FlagInForce, ...]:
        """The warning signs in force when `day`'s check-in opens: as the mornings before it
        left them, before that day's own answers (the check-in asks about each again)."""
        from planner.core.signs import FlagTracker

        day = day or self.today()
        before = day - timedelta(days=1)
        return FlagTracker(self.checkins(), before, self.rules()).in_force(before)

    def checkins(self) -> Mapping[date, Checkin]:
        """Every morning check-in, by day (the TUI asks whether today's is done)."""
        return self.data.state().checkins

    def add_race(self, day: date, distance: str, name: str = "") -> Race:
        import secrets

        from planner.core.taper import race_data

        data = race_data("race-" + secrets.token_hex(4), day, distance, name, self.today())
        self.data.append(RaceEntered(**data))
        return next(r for r in self.races() if r.id == data["id"])

    def remove_race(self, race_id: str) -> Race:
        race = next((r for r in self.races() if r.id == race_id), None)
        if race is None:
            raise InputError(f"race {race_id!r}: no race with that id; see planner race list")
        self.data.append(RaceRemoved(race_id))
        return race

    # ---- profile -------------------------------------------------------------------

    def set_profile(self, changes: Mapping[str, str]) -> Profile:
        """Set profile fields as typed; all are validated before the one event is written."""
        fields = profile_fields(changes, self.today())
        if not fields:
            raise InputError("profile set: give at least one field, e.g. --age 52")
        current = self.profile
        hr_max = fields.get("hr_max", current.hr_max)
        hr_rest = fields.get("hr_rest", current.hr_rest)
        if hr_max is not None and hr_rest is not None and hr_rest >= hr_max:
            raise InputError(f"HR rest {hr_rest} must be below HR max {hr_max}")
        if "plan" not in fields:
            self.data.append(ProfileSet.of(fields))
            return self.profile
        # The plan is a `plan_choice`: its name and, for a user plan, its content hash.
        from planner.planfiles import resolve_choice

        choice = resolve_choice(fields.pop("plan"), self.data.data_dir)
        events: list[Event] = [ProfileSet.of(fields)] if fields else []
        events.append(PlanChosen(choice.name, choice.sha))
        self.data.append_batch(events)
        return self.profile


def _all_ticked(day: DayPlan) -> bool:
    """Every item that could be done that day was ticked (withheld ones cannot be)."""
    from planner.core.wording import done_of_doable

    done, doable = done_of_doable(day.checklist)
    return doable > 0 and done == doable


def _from_profile(read: Callable[[str, Path, str | None], T], name: str, data_dir: Path,
                  sha: str | None) -> T:  # fmt: skip
    """A plan named in the runner's saved profile that is not there is a fault of the data
    (exit 3), not of what was typed now: the same message, said to come from the profile."""
    try:
        return read(name, data_dir, sha)
    except InputError as error:
        raise DataError(
            f"the profile's plan: {error.message} (choose one: planner profile set --plan NAME)"
        ) from None
