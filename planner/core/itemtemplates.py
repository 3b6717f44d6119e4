"""Checklist item templates of a plan file: words, numbers and the {placeholders} allowed."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from planner.core.model import ItemKind
from planner.core.rules import WHEN, ChecklistRules, ItemTemplate
from planner.core.tomltable import Table, closed


@dataclass(frozen=True)
class _ItemSpec:
    kind: ItemKind
    numbers: tuple[str, ...]
    texts: tuple[str, ...]
    placeholders: frozenset[str]


_MEAL_NUMBERS = (
    "protein_g_per_kg",
    "protein_g_per_kg_older",
    "older_from_age",
    "meal_protein_g_per_kg",
    "carbs_g_per_kg",
    "refuel_carbs_g_per_kg_per_hour",
    "refuel_hours",
    "refuel_within_hours",
    "recovery_protein_min_g",
    "recovery_protein_min_g_older",
)
_MEAL_SPEC = _ItemSpec("meal", (), ("detail",), frozenset({"protein_g", "carbs_g"}))
# After a hard session with another one due within hours: refuel faster (ISSN 2017).
_RECOVERY_SPEC = _ItemSpec(
    "meal",
    (),
    ("detail", "detail_refuel"),
    frozenset({"protein_g", "carbs_g", "refuel_hours", "refuel_within_hours"}),
)
MEALS: tuple[str, ...] = ("breakfast", "lunch", "dinner", "recovery")

# Fuel before and during a long or hot run: one table of numbers, one per moment.
_FUEL_NUMBERS = (
    "from_minutes",
    "hot_from_c",
    "long_from_minutes",
    "before_carbs_g_per_kg",
    "before_carbs_g_per_kg_most",
    "fluid_ml_per_hour_low",
    "fluid_ml_per_hour_high",
    "sodium_mmol_per_litre",
    "sodium_from_minutes",
    "carbs_g_per_hour_low",
    "carbs_g_per_hour_high",
    "carbs_g_per_hour_long",
    "carbs_long_from_minutes",
)
FUEL_SPECS: dict[str, _ItemSpec] = {
    "before": _ItemSpec("fuel", (), ("detail",), frozenset({"carbs_g", "carbs_g_most"})),
    "during": _ItemSpec(
        "fuel",
        (),
        ("detail", "sodium_note", "carbs_note"),
        frozenset(
            {
                "fluid_low",
                "fluid_high",
                "fluid_ml",
                "run_minutes",
                "sodium_mg",
                "carbs_low",
                "carbs_high",
                "carbs_g",
            }
        ),
    ),
}

# What each item must define, and which {placeholders} the engine fills in for it.
ITEM_SPECS: dict[str, _ItemSpec] = {
    "warm_up": _ItemSpec(
        "warm_up",
        ("minutes", "longer_minutes", "longer_from_age", "recovery_minutes"),
        ("detail", "detail_recovery"),
        frozenset({"minutes"}),
    ),
    "stretching": _ItemSpec(
        "stretching",
        ("dynamic_minutes", "hold_seconds", "hold_seconds_older", "older_from_age", "sets"),
        ("detail", "detail_no_run", "withheld"),
        frozenset({"dynamic_minutes", "hold_seconds", "sets"}),
    ),
    "foam_rolling": _ItemSpec(
        "foam_rolling",
        ("seconds_per_muscle", "minutes"),
        ("detail", "withheld"),
        frozenset({"seconds_per_muscle", "minutes"}),
    ),
    "yoga": _ItemSpec("yoga", ("minutes",), ("detail", "withheld"), frozenset({"minutes"})),
    "hydration": _ItemSpec(
        "hydration",
        (
            "start_within_minutes",
            "sweat_litres_per_hour",
            "reference_temp_c",
            "reference_weight_kg",
            "sweat_change_per_degree",
            "sweat_min_litres_per_hour",
            "sweat_max_litres_per_hour",
            "replace_factor",
            "sodium_from_minutes",
            "hot_from_c",
            "sodium_mmol_per_litre",
            "max_ml_per_hour",
            "replace_hours",
            "weigh_from_minutes",
            "usual_temp_days",
            "warn_loss_percent",
        ),
        (
            "detail",
            "detail_sodium",
            "detail_no_run",
            "temp_note",
            "detail_weighed",
            "detail_gained",
            "detail_enough",
            "sodium_note",
            "drank_note",
            "rate_note",
            "weigh_note",
            "usual_note",
            "gain_warning",
            "loss_warning",
        ),
        frozenset(
            {
                "start_within_minutes",
                "fluid_ml",
                "run_minutes",
                "sodium_mg",
                "temp_c",
                "weight_kg",
                "max_ml_per_hour",
                "weigh_from_minutes",
                "usual_temp_days",
                "drank_ml",
                "lost_kg",
                "gained_kg",
                "lost_percent",
            }
        ),
    ),
    "ice_bath": _ItemSpec(
        "ice_bath",
        (
            "water_temp_c",
            "minutes",
            "max_minutes",
            "min_air_temp_c",
            "older_from_age",
            "older_water_temp_c",
            "older_max_minutes",
        ),
        ("detail", "cold_shock", "cold_air_note"),
        frozenset({"minutes", "max_minutes", "water_temp_c", "min_air_temp_c"}),
    ),
    "active_recovery": _ItemSpec(
        "active_recovery", ("minutes", "max_rpe"), ("detail",), frozenset({"minutes", "max_rpe"})
    ),
}


def parse_checklist(t: Table) -> ChecklistRules:
    items: dict[str, ItemTemplate] = {}
    for item_id, spec in ITEM_SPECS.items():
        sub = t.table(item_id)
        items[item_id] = closed(sub, _item(sub, item_id, spec, sub.text("why"), sub.text("source")))
    meal = t.table("meal")
    numbers = {key: meal.number(key, 0, 200) for key in _MEAL_NUMBERS}
    why, source = meal.text("why"), meal.text("source")
    for name in MEALS:
        sub = meal.table(name)
        spec = _RECOVERY_SPEC if name == "recovery" else _MEAL_SPEC
        item = _item(sub, f"meal:{name}", spec, why, source, numbers)
        items[item.id] = closed(sub, item)
    meal.close()
    fuel = t.table("fuel")
    numbers = {key: fuel.number(key, 0, 1000) for key in _FUEL_NUMBERS}
    why, source = fuel.text("why"), fuel.text("source")
    for name, spec in FUEL_SPECS.items():
        sub = fuel.table(name)
        item = _item(sub, f"fuel:{name}", spec, why, source, numbers)
        items[item.id] = closed(sub, item)
    fuel.close()
    rules = ChecklistRules(
        default_weight_kg=t.number("default_weight_kg", 20, 300),
        weight_note=template(t, "weight_note", frozenset({"weight_kg"})),
        items=items,
    )
    return closed(t, rules)


def _item(
    t: Table,
    item_id: str,
    spec: _ItemSpec,
    why: str,
    source: str,
    shared: Mapping[str, float] | None = None,
) -> ItemTemplate:
    when = t.text("when", WHEN)
    texts = {key: template(t, key, spec.placeholders) for key in spec.texts}
    numbers = dict(shared or {})
    numbers.update({key: t.number(key, 0, 10_000) for key in spec.numbers})
    return ItemTemplate(
        id=item_id,
        kind=spec.kind,
        title=t.text("title"),
        when=when,
        when_no_run=t.text("when_no_run", WHEN) if t.has("when_no_run") else when,
        texts=texts,
        numbers=numbers,
        why=why,
        source=source,
    )


def template(t: Table, key: str, allowed: frozenset[str]) -> str:
    """A text with {placeholders}; only the ones the engine fills in for this item are allowed."""
    text = t.text(key)
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        t.fail(key, f"bad braces: {exc}; write {{{{ and }}}} for a literal brace")
    for name in fields:
        if name not in allowed:
            known = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
            t.fail(key, f"unknown placeholder {{{name}}}; this item knows {known}")
    return text
