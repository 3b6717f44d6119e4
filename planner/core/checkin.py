"""The morning check-in as the runner types it: soreness, areas, warning signs, pain, ratings."""

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

    soreness: str
    day: date | None = None
    areas: Sequence[str] = ()
    flags: Sequence[str] = ()
    no_flags: Sequence[str] = ()
    pain: str | None = None
    rates: Sequence[str] = ()  # "RUN_ID=RPE"


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
        raise InputError(f"date {day}: after today; a check-in is a morning's answers")
    soreness = parse_int(answers.soreness, "soreness", 0, 10)
    areas = _known(split_list(answers.areas), AREAS, "area")
    yes = _known(split_list(answers.flags), flag_ids, "flag")
    no = _known(split_list(answers.no_flags), flag_ids, "no-flag")
    both = sorted(set(yes) & set(no))
    if both:
        raise InputError(f"flag {both[0]!r}: answered both yes (--flag) and no (--no-flag)")
    ratings = _ratings(answers.rates, runs)
    if previous is not None and previous.date == day:
        yes = [*(f for f in previous.red_flags if f not in no and f not in yes), *yes]
        no = [*(f for f in previous.answered_no if f not in yes and f not in no), *no]
        areas = areas or list(previous.areas)
        ratings = {**previous.run_rpe, **ratings}
    data: dict[str, Any] = {
        "date": day,
        "soreness": soreness,
        "areas": areas,
        "red_flags": yes,
        "answered_no": no,
        "run_rpe": ratings,
    }
    if answers.pain is not None:
        data["pain"] = parse_int(answers.pain, "pain", 0, 10)
    elif previous is not None and previous.date == day and previous.pain is not None:
        data["pain"] = previous.pain
    return data


def _known(values: list[str], known: Sequence[str], what: str) -> list[str]:
    for value in values:
        if value not in known:
            raise InputError(f"{what} {value!r}: unknown; use one of {', '.join(known)}")
    return values


def _ratings(rates: Sequence[str], runs: Sequence[Run]) -> dict[str, float]:
    by_id: Mapping[str, Run] = {r.id: r for r in runs}
    ratings: dict[str, float] = {}
    for rate in rates:
        run_id, sep, value = rate.partition("=")
        run_id = run_id.strip()
        if not sep or not run_id:
            raise InputError(f"rate {rate!r}: use RUN_ID=RPE, like r-1a2b3c=5")
        run = by_id.get(run_id)
        if run is None:
            raise InputError(f"rate {run_id!r}: no run with that id; see planner runs")
        if run.rpe is not None and not run.rpe_estimated:
            raise InputError(
                f"rate {run_id!r}: that run already has an effort rating ({run.rpe:g}); "
                "--rate is for runs without one"
            )
        ratings[run_id] = float(parse_int(value, f"RPE of {run_id}", 1, 10))
    return ratings


def parse_day(text: str | None) -> date | None:
    return parse_date(text, "--date") if text else None
