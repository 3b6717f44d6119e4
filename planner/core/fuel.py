"""Fuel before and during a run over an hour, or in heat (ACSM 2007; ACSM/AND/DC 2016).

Before a race or a long run: carbohydrate 1-4 g/kg, 1-4 h before (the more, the earlier).
During: drink to thirst, about 400-800 ml an hour (more risks low blood sodium); sodium in heat
or beyond 2 h; carbohydrate 30-60 g an hour for 1-2.5 h, up to 90 g an hour beyond.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.core.rules import ChecklistRules, ItemTemplate
from planner.core.wording import number

if TYPE_CHECKING:
    from planner.core.checklist import DayNeeds

SODIUM_MG_PER_MMOL = 22.99


def longest_minutes(needs: DayNeeds) -> float | None:
    """The day's longest single run: a logged one, else the run planned."""
    if needs.runs:
        return max(r.minutes for r in needs.runs)
    return needs.run_minutes


def _temp(needs: DayNeeds, rules: ChecklistRules) -> float:
    ref = rules.items["hydration"].numbers["reference_temp_c"]
    return needs.temp_c if needs.temp_c is not None else ref


def fuel_wanted(needs: DayNeeds, rules: ChecklistRules) -> bool:
    """A run over an hour, or a run in heat."""
    minutes = longest_minutes(needs)
    if minutes is None or needs.day_type == "see_clinician":
        return False
    n = rules.items["fuel:during"].numbers
    return minutes > n["from_minutes"] or _temp(needs, rules) >= n["hot_from_c"]


def fuel_before_wanted(needs: DayNeeds, rules: ChecklistRules) -> bool:
    """Before a race or a long run only: an easy hour needs no carbohydrate loading."""
    minutes = longest_minutes(needs)
    n = rules.items["fuel:before"].numbers
    return minutes is not None and (needs.race_day or minutes >= n["long_from_minutes"])


def _fill(texts: list[str], values: dict[str, float]) -> str:
    return " ".join(texts).format_map({k: number(v) for k, v in values.items()})


def fuel_before(
    needs: DayNeeds, t: ItemTemplate, rules: ChecklistRules
) -> tuple[str, dict[str, float]]:
    n = t.numbers
    weight = needs.weight_kg if needs.weight_kg is not None else rules.default_weight_kg
    values = {
        "carbs_g": float(round(weight * n["before_carbs_g_per_kg"])),
        "carbs_g_most": float(round(weight * n["before_carbs_g_per_kg_most"])),
    }
    texts = [t.texts["detail"]]
    if needs.weight_kg is None:
        texts.append(rules.weight_note)
    return _fill(texts, {**values, "weight_kg": weight}), {"carbs_g": values["carbs_g"]}


def fuel_during(
    needs: DayNeeds, t: ItemTemplate, rules: ChecklistRules
) -> tuple[str, dict[str, float]]:
    n = t.numbers
    minutes = longest_minutes(needs) or 0.0
    hours = minutes / 60
    # At most the top of the range: drinking more than is sweated is the danger, not less.
    fluid = float(round(hours * n["fluid_ml_per_hour_high"] / 50) * 50) or 50.0
    values: dict[str, float] = {
        "fluid_low": n["fluid_ml_per_hour_low"],
        "fluid_high": n["fluid_ml_per_hour_high"],
        "fluid_ml": fluid,
        "run_minutes": float(round(minutes)),
    }
    doses = {"fluid_ml": fluid}
    texts = [t.texts["detail"]]
    if minutes > n["sodium_from_minutes"] or _temp(needs, rules) >= n["hot_from_c"]:
        sodium = fluid / 1000 * n["sodium_mmol_per_litre"] * SODIUM_MG_PER_MMOL
        values["sodium_mg"] = doses["sodium_mg"] = float(round(sodium / 10) * 10)
        texts.append(t.texts["sodium_note"])
    if minutes > n["from_minutes"]:
        longer = minutes > n["carbs_long_from_minutes"]
        low = n["carbs_g_per_hour_high"] if longer else n["carbs_g_per_hour_low"]
        values["carbs_low"] = low
        values["carbs_high"] = n["carbs_g_per_hour_long"] if longer else n["carbs_g_per_hour_high"]
        values["carbs_g"] = doses["carbs_g"] = float(round(hours * low / 5) * 5)
        texts.append(t.texts["carbs_note"])
    return _fill(texts, values), doses
