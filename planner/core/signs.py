"""Warning signs day by day: answered yes, held, lifted (by the runner or only by a clinician).

A sign stays in force from the check-in that answers it yes until one that lifts it: the
runner's own "no" for most signs, a clinician's clearance (`--cleared`) for the urgent, the
structural and the bone-stress ones. A "no" to one of those is kept and shown, but lifts
nothing. Every lift starts a return period (planner/core/comeback.py); soreness of the
threshold or more on more than `doms_days` days in a row is itself the "pain over 7 days" sign.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.model import Checkin
from planner.core.rules import PlanRules, RedFlag

# The sign a long run of sore mornings becomes (RULES.md, "Cautions persist").
LONG_SORENESS_SIGN = "pain_over_7_days"


@dataclass(frozen=True)
class FlagInForce:
    flag: RedFlag
    since: date  # the check-in that first answered it "yes" in this stretch
    # The days a "no" was answered that could not lift it (only a clinician can).
    held_no: tuple[date, ...] = ()
    from_soreness: bool = False  # made by a run of sore mornings, not answered yes

    def days_in_force(self, day: date) -> int:
        return (day - self.since).days + 1


@dataclass(frozen=True)
class LiftedSign:
    """A sign that was in force from `since` and lifted on `lifted_on` (by whom: `by`)."""

    flag: RedFlag
    since: date
    lifted_on: date
    by: str  # "checkin" (the runner's no) or "clinician"
    what: str = ""  # what it returns from, when not the sign's own name

    @property
    def label(self) -> str:
        return self.what or self.flag.label

    @property
    def return_ends(self) -> date:
        """The last of the return's own days: `return_days` days after the day it lifted (an
        illness lifted on Friday keeps Saturday and Sunday easy; the lift day is easy too)."""
        return self.lifted_on + timedelta(days=self.flag.return_days)


class FlagTracker:
    """Signs in force day by day; days must be asked in rising order."""

    def __init__(self, checkins: Mapping[date, Checkin], last_day: date, rules: PlanRules) -> None:
        self._checkins = sorted((c for d, c in checkins.items() if d <= last_day), key=_by_date)
        self._next = 0
        self._held: dict[str, FlagInForce] = {}
        self._lifted: list[LiftedSign] = []
        self._rules = rules
        self._sore_run: list[date] = []  # consecutive mornings at or above the threshold

    def in_force(self, day: date) -> tuple[FlagInForce, ...]:
        """The signs in force on `day`."""
        self._catch_up(day)
        return tuple(held for _, held in sorted(self._held.items()))

    def lifted(self, day: date) -> tuple[LiftedSign, ...]:
        """Every sign lifted on or before `day`, oldest lift first."""
        self._catch_up(day)
        return tuple(self._lifted)

    def _catch_up(self, day: date) -> None:
        while self._next < len(self._checkins) and self._checkins[self._next].date <= day:
            self._apply(self._checkins[self._next])
            self._next += 1

    def _apply(self, checkin: Checkin) -> None:
        day = checkin.date
        for flag_id in (*checkin.answered_no, *checkin.cleared):
            held = self._held.get(flag_id)
            if held is None or flag_id in checkin.red_flags:  # a yes the same morning wins
                continue
            if flag_id in checkin.cleared:
                self._lift(held, day, "clinician")
            elif held.flag.needs_clinician:
                self._held[flag_id] = FlagInForce(
                    held.flag, held.since, (*held.held_no, day), held.from_soreness
                )
            else:
                self._lift(held, day, "checkin")
        for flag_id in checkin.red_flags:
            if flag_id not in self._held:
                self._held[flag_id] = FlagInForce(self.flag(flag_id), day)
        self._count_soreness(checkin)

    def _lift(self, held: FlagInForce, day: date, by: str) -> None:
        del self._held[held.flag.id]
        self._lifted.append(LiftedSign(held.flag, held.since, day, by))

    def _count_soreness(self, checkin: Checkin) -> None:
        """More than `doms_days` sore mornings in a row: not muscle soreness any more."""
        s = self._rules.soreness
        if checkin.soreness is None:
            return  # only runs rated: the morning's questions were not answered
        if checkin.soreness < s.threshold:
            self._sore_run = []
            return
        if self._sore_run and self._sore_run[-1] != checkin.date - timedelta(days=1):
            self._sore_run = []
        if not self._sore_run or self._sore_run[-1] != checkin.date:
            self._sore_run.append(checkin.date)
        sign = LONG_SORENESS_SIGN
        if any(x.lifted_on == checkin.date and x.flag.id == sign for x in self._lifted):
            self._sore_run = []  # answered no (or cleared) this morning: count afresh
            return
        if len(self._sore_run) > s.doms_days and sign not in self._held:
            self._held[sign] = FlagInForce(self.flag(sign), checkin.date, from_soreness=True)

    def flag(self, flag_id: str) -> RedFlag:
        # An answer to a question this plan does not know is still a warning sign: stop, ask.
        known = self._rules.red_flags.get(flag_id)
        return known or RedFlag(
            id=flag_id,
            question=flag_id,
            consequence="clinician",
            advice=f"You reported a warning sign ({flag_id.replace('_', ' ')}): see a clinician.",
            lifted_by="clinician",
            return_days=max(f.return_days for f in self._rules.red_flags.flags),
        )


def _by_date(checkin: Checkin) -> date:
    return checkin.date
