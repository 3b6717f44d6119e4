"""Fluid after a run: replace what was actually lost, not an estimate of a sweat nobody drank.

With scale weights the loss is before - after (1 kg is about 1 L); without, it is the sweat
estimate minus what was drunk on the run. 1.25-1.5 L per kg lost, over 4-6 h and no faster
than about 1 L an hour, as urine carries off a big drink (ACSM 2007, 2016). A weight that rose
means more was drunk than sweated: low blood sodium is the risk (Hew-Butler 2015).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from planner.core.model import Run
from planner.core.rules import ChecklistRules, ItemTemplate
from planner.core.wording import number

if TYPE_CHECKING:
    from planner.core.checklist import DayNeeds

SODIUM_MG_PER_MMOL = 22.99  # molar mass of sodium
FLUID_STEP_ML = 50  # doses people can pour
SODIUM_STEP_MG = 10


class UsualTemp(NamedTuple):
    temp_c: float | None
    learnt: bool  # the median of the runner's recent logged runs, not a setting


def usual_temp(
    runs_by_day: Mapping[date, Sequence[Run]],
    day: date,
    setting: float | None,
    rules: ChecklistRules,
) -> UsualTemp:
    """The median air temperature of the runs logged in the days up to `day`, else the
    runner's own setting: the weather they run in now, not a fixed default."""
    days = int(rules.items["hydration"].numbers["usual_temp_days"])
    temps = sorted(
        r.temp_c
        for back in range(days)
        for r in runs_by_day.get(day - timedelta(days=back), ())
        if r.temp_c is not None
    )
    if not temps:
        return UsualTemp(setting, False)
    mid = len(temps) // 2
    median = temps[mid] if len(temps) % 2 else (temps[mid - 1] + temps[mid]) / 2
    return UsualTemp(median, True)


def round_to(value: float, step: int) -> float:
    return float(max(round(value / step) * step, step))


def sweat_litres_per_hour(temp: float, weight: float, t: ItemTemplate) -> float:
    """An estimate without scale weights: a mild-weather rate, warmer or cooler, by body mass."""
    n = t.numbers
    rate = n["sweat_litres_per_hour"] + n["sweat_change_per_degree"] * (
        temp - n["reference_temp_c"]
    )
    rate = min(max(rate, n["sweat_min_litres_per_hour"]), n["sweat_max_litres_per_hour"])
    return rate * weight / n["reference_weight_kg"]


def weighed(run: Run) -> bool:
    return run.weight_before_kg is not None and run.weight_after_kg is not None


def _change(run: Run) -> float:
    """Kilograms lost on a weighed run (negative: gained)."""
    assert run.weight_before_kg is not None and run.weight_after_kg is not None
    return run.weight_before_kg - run.weight_after_kg


def hydration(
    needs: DayNeeds, t: ItemTemplate, rules: ChecklistRules
) -> tuple[str, dict[str, float]]:
    """The post-run fluid item: words and doses."""
    if needs.run_minutes is None:
        return t.texts["detail_no_run"], {}
    n = t.numbers
    temp = needs.temp_c if needs.temp_c is not None else n["reference_temp_c"]
    weight = needs.weight_kg if needs.weight_kg is not None else rules.default_weight_kg
    values: dict[str, float] = {
        "start_within_minutes": n["start_within_minutes"],
        "run_minutes": float(round(needs.run_minutes)),
        "temp_c": float(round(temp)),
        "weight_kg": round(weight, 1),  # as set: 72.6 kg reads back as 160 lb, not 161
        "max_ml_per_hour": n["max_ml_per_hour"],
        "weigh_from_minutes": n["weigh_from_minutes"],
        "usual_temp_days": n["usual_temp_days"],
    }
    runs = needs.runs
    scaled = [r for r in runs if weighed(r)]
    texts: list[str] = []
    doses: dict[str, float] = {}
    gained = sum(-_change(r) for r in scaled if _change(r) < 0)
    if gained > 0:
        values["gained_kg"] = round(gained, 1)
        texts.append(t.texts["detail_gained"])
    else:
        litres, drank = _lost_litres(needs, runs, temp, weight, t), _drank_ml(runs)
        fluid = min(litres * n["replace_factor"], n["max_ml_per_hour"] / 1000 * n["replace_hours"])
        if fluid * 1000 < FLUID_STEP_ML:
            values["drank_ml"] = drank
            texts.append(t.texts["detail_enough"])
        else:
            values["fluid_ml"] = doses["fluid_ml"] = round_to(fluid * 1000, FLUID_STEP_ML)
            hot = temp >= n["hot_from_c"]
            if needs.run_minutes > n["sodium_from_minutes"] or hot:
                litres = doses["fluid_ml"] / 1000  # the sodium of the fluid as poured
                sodium = litres * n["sodium_mmol_per_litre"] * SODIUM_MG_PER_MMOL
                values["sodium_mg"] = doses["sodium_mg"] = round_to(sodium, SODIUM_STEP_MG)
            if scaled and len(scaled) == len(runs):
                values["lost_kg"] = round(sum(_change(r) for r in scaled), 1)
                texts.append(t.texts["detail_weighed"])
                if "sodium_mg" in values:
                    texts.append(t.texts["sodium_note"])
            else:
                texts.append(t.texts["detail_sodium" if "sodium_mg" in values else "detail"])
                if drank > 0:
                    values["drank_ml"] = drank
                    texts.append(t.texts["drank_note"])
            texts.append(t.texts["rate_note"])
    if _ask_weights(needs, runs, n["weigh_from_minutes"]):
        texts.append(t.texts["weigh_note"])
    if needs.temp_c is None:
        texts.append(t.texts["temp_note"])
    elif needs.usual_learnt and not any(r.temp_c is not None for r in runs):
        texts.append(t.texts["usual_note"])
    detail = _words(" ".join(texts), values)
    if needs.weight_kg is None:
        detail += " " + rules.weight_note.format_map({"weight_kg": number(weight)})
    return detail, doses


def _lost_litres(
    needs: DayNeeds, runs: Sequence[Run], temp: float, weight: float, t: ItemTemplate
) -> float:
    """What the day's runs lost: weighed runs by the scales, the others by the estimate less
    what was drunk on them; a day still to run, by the estimate for the planned minutes."""
    assert needs.run_minutes is not None
    if not runs:
        return needs.run_minutes / 60 * sweat_litres_per_hour(temp, weight, t)
    lost = 0.0
    for run in runs:
        if weighed(run):
            lost += max(_change(run), 0.0)
            continue
        own = run.temp_c if run.temp_c is not None else temp
        sweat = run.minutes / 60 * sweat_litres_per_hour(own, weight, t)
        lost += max(sweat - (run.drank_ml or 0.0) / 1000, 0.0)
    return lost


def _drank_ml(runs: Sequence[Run]) -> float:
    return float(round(sum(r.drank_ml or 0.0 for r in runs if not weighed(r))))


def _ask_weights(needs: DayNeeds, runs: Sequence[Run], longer_than: float) -> bool:
    """Long runs are where the estimate is furthest out: ask for the scales."""
    if not runs:
        return needs.run_minutes is not None and needs.run_minutes > longer_than
    return any(r.minutes > longer_than and not weighed(r) for r in runs)


def fluid_warnings(runs: Sequence[Run], rules: ChecklistRules) -> tuple[str, ...]:
    """A weight that rose on a run (over-drinking), or a loss above the plan's share of body
    mass: said on the day of the run, beside the plan's other warnings."""
    t = rules.items["hydration"]
    out: list[str] = []
    for run in runs:
        if not weighed(run):
            continue
        change, before = _change(run), run.weight_before_kg or 1.0
        if change < 0:
            out.append(_words(t.texts["gain_warning"], {"gained_kg": round(-change, 1)}))
        elif (percent := change / before * 100) > t.numbers["warn_loss_percent"]:
            values = {"lost_kg": round(change, 1), "lost_percent": round(percent, 1)}
            out.append(_words(t.texts["loss_warning"], values))
    return tuple(out)


def _words(text: str, values: Mapping[str, float]) -> str:
    return text.format_map({k: number(v) for k, v in values.items()})
