"""A day's checklist from the plan's item templates, with doses fitted to the runner."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from planner.core.fluid import hydration
from planner.core.fuel import fuel_before, fuel_before_wanted, fuel_during, fuel_wanted
from planner.core.icebath import air_temp, ice_bath_dose, ice_bath_wanted
from planner.core.model import ChecklistItem, DayType, Run
from planner.core.rules import ChecklistRules, ItemTemplate
from planner.core.wording import number

# On a see_clinician day these could load an injured area: listed, but withheld.
WITHHELD_ON_RED_FLAG = ("stretching", "foam_rolling", "yoga")
DAY_MEALS = ("meal:breakfast", "meal:lunch", "meal:dinner")


@dataclass(frozen=True)
class DayNeeds:
    """What the checklist of one day depends on."""

    day: date
    day_type: DayType
    run_allowed: bool
    run_minutes: float | None  # logged that day, else planned; None on a day without a run
    age: int  # the age the plan used (assumed when not set)
    weight_kg: float | None  # None: not set, the plan's default is assumed
    ice_bath: bool  # the runner opted in
    temp_c: float | None = None  # the run's air temperature, else the runner's default
    # Hard sessions and races logged the day before and that day, oldest first: an ice bath
    # follows one of these, never a session that is only planned.
    hard_runs: tuple[Run, ...] = ()
    runs: tuple[Run, ...] = ()  # the runs logged that day: drunk, weighed, how long
    usual_learnt: bool = False  # temp_c is the median of recent runs, not a setting
    race_day: bool = False  # an entered race is run that day
    flag_in_force: bool = False  # a red flag: items that could load an injury are withheld
    refuel: bool = False  # another hard session within hours: refuel faster


def build_checklist(
    needs: DayNeeds, rules: ChecklistRules, is_done: Callable[[date, str], bool]
) -> tuple[ChecklistItem, ...]:
    """Every day: hydration, stretching, yoga, foam rolling and meals; more on some days."""
    run_day = needs.run_minutes is not None
    builders: list[tuple[str, bool]] = [
        ("warm_up", needs.run_allowed),
        ("fuel:before", fuel_wanted(needs, rules) and fuel_before_wanted(needs, rules)),
        ("fuel:during", fuel_wanted(needs, rules)),
        ("hydration", True),
        ("stretching", True),
        ("meal:recovery", run_day),
        ("ice_bath", _ice_bath_today(needs, rules)),
        ("active_recovery", needs.day_type == "active_recovery"),
        *((meal, True) for meal in DAY_MEALS),
        ("foam_rolling", True),
        ("yoga", True),
    ]
    items = []
    for item_id, wanted in builders:
        if wanted:
            template = rules.items[item_id]
            filler = _FILLERS.get(template.id) or _FILLERS[template.kind]
            texts, doses = filler(needs, template, rules)
            items.append(_item(needs, template, texts, doses, is_done, rules))
    return tuple(items)


def _ice_bath_today(needs: DayNeeds, rules: ChecklistRules) -> bool:
    calm = needs.day_type != "see_clinician" and not needs.flag_in_force
    wanted = ice_bath_wanted(needs.hard_runs, needs.temp_c, rules.items["ice_bath"])
    return needs.ice_bath and calm and wanted


def _item(
    needs: DayNeeds,
    template: ItemTemplate,
    detail: str,
    doses: Mapping[str, float],
    is_done: Callable[[date, str], bool],
    rules: ChecklistRules,
) -> ChecklistItem:
    flagged = needs.day_type == "see_clinician" or needs.flag_in_force
    withheld = flagged and template.id in WITHHELD_ON_RED_FLAG
    run_day = needs.run_minutes is not None
    assumes, assumes_text = ({}, "") if withheld else _assumed(needs, template, detail, rules)
    return ChecklistItem(
        id=template.id,
        kind=template.kind,
        title=template.title,
        detail=template.texts["withheld"] if withheld else detail,
        doses={} if withheld else dict(doses),
        why=template.why,
        source=template.source,
        when=template.when if run_day else template.when_no_run,
        done=is_done(needs.day, template.id),
        withheld=withheld,
        brief="not today" if withheld else brief(template, doses),
        assumes=assumes,
        assumes_text=assumes_text,
    )


def brief(template: ItemTemplate, doses: Mapping[str, float]) -> str:
    """The dose in a few words, from the doses the detail gives in full: one line of Today."""
    d = {key: number(value) for key, value in doses.items()}
    kind, parts = template.kind, []
    if kind == "hydration":
        parts = [f"~{d['fluid_ml']} ml" if "fluid_ml" in d else "drink to thirst"]
        parts += [f"{d['sodium_mg']} mg sodium"] if "sodium_mg" in d else []
    elif kind == "fuel":
        parts += [f"up to {d['fluid_ml']} ml"] if "fluid_ml" in d else []
        parts += [f"{d['sodium_mg']} mg sodium"] if "sodium_mg" in d else []
        parts += [f"~{d['carbs_g']} g carbs"] if "carbs_g" in d else []
    elif kind == "stretching":
        parts += [f"{d['minutes']} min dynamic"] if "minutes" in d else []
        parts += [f"holds of {d['hold_seconds']} s"] if "hold_seconds" in d else []
    elif kind == "meal":
        parts += [f"{d['protein_g']} g protein"] if "protein_g" in d else []
        parts += [f"{d['carbs_g']} g carbs"] if "carbs_g" in d else []
    elif kind == "ice_bath" and "minutes" in d:
        parts = [f"{d['minutes']} min at {d['water_temp_c']} °C"]
    elif "minutes" in d:
        parts = [f"{d['minutes']} min"]
    return " · ".join(parts)


def _assumed(
    needs: DayNeeds, template: ItemTemplate, detail: str, rules: ChecklistRules
) -> tuple[dict[str, float], str]:
    """The values the dose assumes, and the sentences ending `detail` that say so."""
    assumes: dict[str, float] = {}
    said: list[str] = []
    if needs.weight_kg is None:
        weight = rules.weight_note.format_map({"weight_kg": number(rules.default_weight_kg)})
        if detail.endswith(weight):
            assumes["weight_kg"] = rules.default_weight_kg
            said.insert(0, weight)
    if "temp_note" in template.texts and needs.temp_c is None and needs.run_minutes is not None:
        temp = template.numbers["reference_temp_c"]
        note = template.texts["temp_note"].format_map({"temp_c": number(round(temp))})
        rest = detail.removesuffix(" " + said[0]) if said else detail
        if rest.endswith(note):
            assumes["temp_c"] = float(round(temp))
            said.insert(0, note)
    return assumes, " ".join(said)


Filled = tuple[str, dict[str, float]]


def _fill(text: str, values: Mapping[str, float]) -> str:
    return text.format_map({key: number(value) for key, value in values.items()})


# Days for recovering: the run itself is easy, so it warms up gently, without drills.
RECOVERY_DAYS: tuple[DayType, ...] = ("active_recovery", "race_recovery")


def _warm_up(needs: DayNeeds, t: ItemTemplate, rules: ChecklistRules) -> Filled:
    n = t.numbers
    if needs.day_type in RECOVERY_DAYS:
        doses = {"minutes": n["recovery_minutes"]}
        return _fill(t.texts["detail_recovery"], doses), doses
    longer = needs.age >= n["longer_from_age"] or needs.day_type == "quality_ok"
    doses = {"minutes": n["longer_minutes"] if longer else n["minutes"]}
    return _fill(t.texts["detail"], doses), doses


def _stretching(needs: DayNeeds, t: ItemTemplate, rules: ChecklistRules) -> Filled:
    n = t.numbers
    hold = n["hold_seconds_older"] if needs.age >= n["older_from_age"] else n["hold_seconds"]
    values = {"dynamic_minutes": n["dynamic_minutes"], "hold_seconds": hold, "sets": n["sets"]}
    if needs.run_minutes is not None:
        return _fill(t.texts["detail"], values), {
            "minutes": n["dynamic_minutes"],
            "hold_seconds": hold,
        }
    return _fill(t.texts["detail_no_run"], values), {"hold_seconds": hold}


def _foam_rolling(needs: DayNeeds, t: ItemTemplate, rules: ChecklistRules) -> Filled:
    values = {
        "seconds_per_muscle": t.numbers["seconds_per_muscle"],
        "minutes": t.numbers["minutes"],
    }
    return _fill(t.texts["detail"], values), {"minutes": t.numbers["minutes"]}


def _minutes_only(needs: DayNeeds, t: ItemTemplate, rules: ChecklistRules) -> Filled:
    values = dict(t.numbers)
    return _fill(t.texts["detail"], values), {"minutes": t.numbers["minutes"]}


def _meal(needs: DayNeeds, t: ItemTemplate, rules: ChecklistRules) -> Filled:
    n = t.numbers
    weight = needs.weight_kg if needs.weight_kg is not None else rules.default_weight_kg
    older = needs.age >= n["older_from_age"]
    text = "detail"
    if t.id == "meal:recovery":
        per_kg = n["protein_g_per_kg_older"] if older else n["protein_g_per_kg"]
        # A light runner's per-kg dose falls below what muscle needs to build (Moore 2015).
        least = n["recovery_protein_min_g_older"] if older else n["recovery_protein_min_g"]
        protein = max(weight * per_kg, least)
        carbs = weight * n["carbs_g_per_kg"]
        if needs.refuel:
            # Another hard session within hours: carbs every hour for a few hours (ISSN 2017).
            carbs = weight * n["refuel_carbs_g_per_kg_per_hour"] * n["refuel_hours"]
            text = "detail_refuel"
        doses = {"protein_g": float(round(protein)), "carbs_g": float(round(carbs))}
    else:
        per_kg = n["protein_g_per_kg_older"] if older else n["meal_protein_g_per_kg"]
        doses = {"protein_g": float(round(weight * per_kg))}
    values = {
        **doses,
        "refuel_hours": n["refuel_hours"],
        "refuel_within_hours": n["refuel_within_hours"],
    }
    detail = _fill(t.texts[text], values)
    if needs.weight_kg is None:
        detail += " " + _fill(rules.weight_note, {"weight_kg": weight})
    return detail, doses


def _ice_bath(needs: DayNeeds, t: ItemTemplate, rules: ChecklistRules) -> Filled:
    return ice_bath_dose(needs.age, air_temp(needs.hard_runs, needs.temp_c), t)


_FILLERS: dict[str, Callable[[DayNeeds, ItemTemplate, ChecklistRules], Filled]] = {
    "warm_up": _warm_up,
    "stretching": _stretching,
    "foam_rolling": _foam_rolling,
    "yoga": _minutes_only,
    "active_recovery": _minutes_only,
    "hydration": hydration,
    "fuel:before": fuel_before,
    "fuel:during": fuel_during,
    "meal": _meal,
    "ice_bath": _ice_bath,
}
