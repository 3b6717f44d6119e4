"""The morning check-in as the runner types it: soreness, areas, warning signs, clearances,
pain, sleep and run ratings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.core.errors import InputError
from planner.core.model import Checkin, Run
from planner.core.units import parse_date, parse_int

# Where it hurts: the leg and back areas the check-in knows.
AREAS: tuple[str, ...] = (
    "calves", "hamstrings", "quads", "glutes", "hip_flexors",
    "shins", "knees", "feet", "achilles", "back",
)  # fmt: skip

# The warning-sign questions every plan file answers (a plan may add its own).
RED_FLAG_IDS: tuple[str, ...] = (
    "swelling", "cannot_bear_weight", "pop", "limp", "rest_pain", "night_pain",
    "unfamiliar_pain", "pain_over_7_days", "run_pain_over_5", "painkillers", "numbness",
    "hopping_pain", "chest_pain", "fainting", "unusual_breathlessness", "dark_urine", "illness",
)  # fmt: skip


@dataclass(frozen=True)
class CheckinAnswers:
    """A check-in as typed: comma lists may also come as repeated options."""

    soreness: str | None = None  # None: not answered this time (a morning may only rate runs)
    day: date | None = None
    areas: Sequence[str] = ()
    flags: Sequence[str] = ()
    no_flags: Sequence[str] = ()
    cleared: Sequence[str] = ()  # "a clinician has seen me and cleared me to run"
    pain: str | None = None
    sleep_hours: str | None = None
    rates: Sequence[str] = ()  # "RUN_ID=RPE"

    def says_anything(self) -> bool:
        return any(
            (self.soreness is not None, self.areas, self.flags, self.no_flags, self.cleared,
             self.pain is not None, self.sleep_hours is not None, self.rates)
        )  # fmt: skip


def split_list(values: Iterable[str]) -> list[str]:
    """ "a,b" "c" -> [a, b, c]: blanks dropped, order kept, repeats once."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip().lower().replace("-", "_")
            if part and part not in out:
                out.append(part)
    return out


def checkin_data(
    answers: CheckinAnswers,
    *,
    today: date,
    flag_ids: Sequence[str],
    runs: Sequence[Run],
    previous: Checkin | None,
) -> dict[str, Any]:
    """The `checkin` event's data, every field validated; a second check-in of a day adds to it.

    What the earlier check-in of the same day said stands unless this one changes it: its
    "yes" answers stay until answered "no" here, its ratings stay, its areas and pain stay
    unless given again.
    """
    day = answers.day or today
    if day > today:
        raise InputError(
            f"date {day}: after today; a check-in is a morning's answers", field="date"
        )
    if not answers.says_anything():
        raise InputError(
            "check-in: nothing to record; give --soreness 0-10 (0: not sore, 10: very sore), "
            "or --rate, --flag, --cleared, --sleep-hours"
        )
    soreness = None if answers.soreness is None else parse_int(answers.soreness, "soreness", 0, 10)
    areas = _known(split_list(answers.areas), AREAS, "area")
    yes = _known(split_list(answers.flags), flag_ids, "flag")
    no = _known(split_list(answers.no_flags), flag_ids, "no-flag")
    cleared = _known(split_list(answers.cleared), flag_ids, "cleared")
    _one_answer_each(yes, no, cleared)
    ratings = _ratings(answers.rates, runs)
    sleep = None if answers.sleep_hours is None else _sleep(answers.sleep_hours)
    pain = None if answers.pain is None else parse_int(answers.pain, "pain", 0, 10)
    if previous is not None and previous.date == day:
        # A later answer wins: a sign said "yes" earlier and "no" or "cleared" now is no
        # longer a yes, and the other way round.
        now = {*yes, *no, *cleared}
        yes = [*(f for f in previous.red_flags if f not in now), *yes]
        no = [*(f for f in previous.answered_no if f not in now), *no]
        cleared = [*(f for f in previous.cleared if f not in now), *cleared]
        areas = areas or list(previous.areas)
        ratings = {**previous.run_rpe, **ratings}
        soreness = previous.soreness if soreness is None else soreness
        pain = previous.pain if pain is None else pain
        sleep = previous.sleep_hours if sleep is None else sleep
    data: dict[str, Any] = {"date": day}
    # Keys a morning leaves unanswered are not written: a file of old check-ins stays as the
    # release before this one wrote it, and an older release reads the new ones.
    if soreness is not None:
        data["soreness"] = soreness
    data |= {"areas": areas, "red_flags": yes, "answered_no": no, "run_rpe": ratings}
    if cleared:
        data["cleared"] = cleared
    if pain is not None:
        data["pain"] = pain
    if sleep is not None:
        data["sleep_hours"] = sleep
    return data


def _one_answer_each(yes: list[str], no: list[str], cleared: list[str]) -> None:
    for first, second, words in (
        (yes, no, "yes (--flag) and no (--no-flag)"),
        (yes, cleared, "yes (--flag) and cleared by a clinician (--cleared)"),
        (no, cleared, "no (--no-flag) and cleared by a clinician (--cleared)"),
    ):
        both = sorted(set(first) & set(second))
        if both:
            raise InputError(f"flag {both[0]!r}: answered both {words}", field="flag")


def _sleep(text: str) -> float:
    try:
        hours = float(text.strip().removesuffix("h"))
    except ValueError:
        raise InputError(
            f"sleep hours {text!r}: not a number of hours, like 7 or 6.5", field="sleep hours"
        ) from None
    if not 0 <= hours <= 24:
        raise InputError(
            f"sleep hours {text!r}: give the hours slept last night, 0-24", field="sleep hours"
        )
    return round(hours, 2)


def _known(values: list[str], known: Sequence[str], what: str) -> list[str]:
    for value in values:
        if value not in known:
            raise InputError(
                f"{what} {value!r}: unknown; use one of {', '.join(known)}", field=what
            )
    return values


def _ratings(rates: Sequence[str], runs: Sequence[Run]) -> dict[str, float]:
    by_id: Mapping[str, Run] = {r.id: r for r in runs}
    ratings: dict[str, float] = {}
    for rate in rates:
        run_id, sep, value = rate.partition("=")
        run_id = run_id.strip()
        if not sep or not run_id:
            raise InputError(f"rate {rate!r}: use RUN_ID=RPE, like r-1a2b3c=5", field="rate")
        run = by_id.get(run_id)
        if run is None:
            raise InputError(
                f"rate {run_id!r}: no run with that id; see planner runs", field="rate"
            )
        if run.rpe is not None and not run.rpe_estimated:
            raise InputError(
                f"rate {run_id!r}: that run already has an effort rating ({run.rpe:g}); "
                "--rate is for runs without one",
                field="rate",
            )
        ratings[run_id] = float(parse_int(value, f"RPE of {run_id}", 1, 10))
    return ratings


def parse_day(text: str | None) -> date | None:
    return parse_date(text, "--date") if text else None
