"""The opt-in ice bath: only after a logged hard session or race, never after a cold run.

Cold water after a hard run eases soreness (Machado 2016); after a run in cold air it adds
cold to cold, and from 65 the cold shock of getting in (a gasp, a jump in heart rate and
blood pressure) is the larger risk (Tipton 2017): warmer water, shorter, and a caution.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.history import Session
from planner.core.model import Run
from planner.core.rules import ItemTemplate
from planner.core.wording import number


def hard_runs(runs: Sequence[Run], sessions: Sequence[Session]) -> tuple[Run, ...]:
    """The logged runs that were a hard session or a race.

    `sessions` are the engine's sessions of exactly these runs, in the same order (the timeline
    sorts stably by date, so one day's sessions keep the order of its runs).
    """
    return tuple(r for r, s in zip(runs, sessions, strict=True) if s.hard)


def ice_bath_wanted(hard: Sequence[Run], usual_temp_c: float | None, t: ItemTemplate) -> bool:
    """After the last logged hard run, unless its air (or the usual air) was too cold."""
    if not hard:
        return False  # a planned session is not a logged one: nothing to recover from yet
    temp = air_temp(hard, usual_temp_c)
    return temp is None or temp >= t.numbers["min_air_temp_c"]


def air_temp(hard: Sequence[Run], usual_temp_c: float | None) -> float | None:
    """The air temperature of the last hard run, else the runner's usual one, else unknown."""
    last = hard[-1].temp_c
    return last if last is not None else usual_temp_c


def ice_bath_dose(age: int, temp: float | None, t: ItemTemplate) -> tuple[str, dict[str, float]]:
    """The item's words and doses: from the older age warmer water, at most so long."""
    n = t.numbers
    older = age >= n["older_from_age"]
    values = {
        "minutes": min(n["minutes"], n["older_max_minutes"]) if older else n["minutes"],
        "max_minutes": n["older_max_minutes"] if older else n["max_minutes"],
        "water_temp_c": n["older_water_temp_c"] if older else n["water_temp_c"],
        "min_air_temp_c": n["min_air_temp_c"],
    }
    texts = [t.texts["detail"]]
    if older:
        texts.append(t.texts["cold_shock"])
    if temp is None:
        texts.append(t.texts["cold_air_note"])  # we cannot tell: the runner can
    detail = " ".join(texts).format_map({k: number(v) for k, v in values.items()})
    return detail, {"minutes": values["minutes"], "water_temp_c": values["water_temp_c"]}
