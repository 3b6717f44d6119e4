"""Plans, runs and the profile as JSON-ready dicts: the contract of docs/plan.schema.json."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from planner.core.age import age_group
from planner.core.effort import Effort
from planner.core.model import (
    Checkin,
    ChecklistItem,
    DayPlan,
    LoadSummary,
    Plan,
    Profile,
    Race,
    Run,
)

# Dose keys in the order the contract lists them; no other key is ever written.
DOSE_KEYS = (
    "fluid_ml",
    "sodium_mg",
    "protein_g",
    "carbs_g",
    "minutes",
    "hold_seconds",
    "water_temp_c",
)


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The object `planner plan --json` prints; same plan in, same keys in the same order out."""
    return {
        "date_generated": plan.date_generated.isoformat(),
        "profile": {"age": plan.age, "age_group": plan.age_group},
        "load": _load(plan.load),
        "days": [day_to_json(day) for day in plan.days],
    }


def day_to_json(day: DayPlan) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "projected": day.projected,
        "day_type": day.day_type,
        "see_clinician": day.see_clinician,
        "run": {
            "allowed": day.run.allowed,
            "max_minutes": day.run.max_minutes,
            "max_rpe": day.run.max_rpe,
            "intensity_cap": _num(day.run.intensity_cap),
            **({} if day.run.done_minutes is None else {"done_minutes": day.run.done_minutes}),
        },
        "reasons": list(day.reasons),
        "warnings": list(day.warnings),
        "checklist": [item_to_json(item) for item in day.checklist],
        **({} if day.projected else {"checkin": checkin_to_json(day.checkin)}),
    }


def checkin_to_json(checkin: Checkin | None) -> dict[str, Any] | None:
    """What the runner answered that morning; None before a check-in."""
    if checkin is None:
        return None
    return {
        "soreness": checkin.soreness,
        "areas": list(checkin.areas),
        "flags": list(checkin.red_flags),
        "answered_no": list(checkin.answered_no),
        "cleared": list(checkin.cleared),
        "pain": checkin.pain,
        "sleep_hours": None if checkin.sleep_hours is None else _num(checkin.sleep_hours),
    }


def item_to_json(item: ChecklistItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind,
        "title": item.title,
        "detail": item.detail,
        "when": item.when,
        "done": item.done,
        "withheld": item.withheld,
        "doses": _doses(item.doses),
        "why": item.why,
        "source": item.source,
    }


def run_to_json(run: Run, effort: Effort | None = None) -> dict[str, Any]:
    """One run's summary (never a track); times in ISO 8601.

    With `effort` (as the plan counts it today), an unrated run's `rpe` is the estimate,
    `rpe_estimated` is true and `rpe_method` says how it was made (heart_rate, pace, default,
    imported; rated for the runner's own rating).
    """
    rpe, estimated = run.rpe, run.rpe_estimated
    if effort is not None:
        rpe, estimated = round(effort.rpe, 1), effort.estimated
    doc: dict[str, Any] = {
        "id": run.id,
        "date": run.date.isoformat(),
        "start": run.start.isoformat() if run.start is not None else None,
        "distance_m": _num(run.distance_m),
        "moving_s": run.moving_s,
        "elapsed_s": run.elapsed_s,
        "avg_hr": run.avg_hr,
        "rpe": None if rpe is None else _num(rpe),
        "rpe_estimated": estimated,
    }
    if effort is not None:
        doc["rpe_method"] = effort.method
    doc.update(
        {
            "type": run.type,
            "sport": run.sport,
            "source": run.source,
            "temp_c": None if run.temp_c is None else _num(run.temp_c),
        }
    )
    return doc


def race_to_json(race: Race) -> dict[str, Any]:
    """An entered race, as `planner race list --json` prints it."""
    return {
        "id": race.id,
        "date": race.date.isoformat(),
        "distance_m": _num(race.distance_m),
        "name": race.name,
    }


def profile_to_json(profile: Profile, today: date) -> dict[str, Any]:
    """The runner's settings, with the age and WMA group they have on `today`."""
    age = profile.age_on(today)
    return {
        "age": age,
        "age_group": age_group(age),
        "birth_date": profile.birth_date.isoformat() if profile.birth_date else None,
        "sex": profile.sex,
        "weight_kg": None if profile.weight_kg is None else _num(profile.weight_kg),
        "units": profile.units,
        "hr_max": profile.hr_max,
        "hr_rest": profile.hr_rest,
        "years_running": None if profile.years_running is None else _num(profile.years_running),
        "tz": profile.tz,
        "day_starts": profile.day_starts,
        "plan": profile.plan,
        "plan_sha": profile.plan_sha,
        "ice_bath": profile.ice_bath,
        "hr_unreliable": profile.hr_unreliable,
        "temp_c": None if profile.temp_c is None else _num(profile.temp_c),
    }


def _load(load: LoadSummary) -> dict[str, Any]:
    return {
        "acute": _num(load.acute),
        "chronic": _num(load.chronic),
        "acwr": None if load.acwr is None else _num(load.acwr),
        "fitness": _num(load.fitness),
        "fatigue": _num(load.fatigue),
        "form": _num(load.form),
        "monotony": None if load.monotony is None else _num(load.monotony),
        "strain": None if load.strain is None else _num(load.strain),
        "rest_days_to_fresh": load.rest_days_to_fresh,
        "acwr_rolling": None if load.acwr_rolling is None else _num(load.acwr_rolling),
    }


def _doses(doses: Mapping[str, float]) -> dict[str, float | int]:
    return {key: _num(doses[key]) for key in DOSE_KEYS if key in doses}


def _num(value: float) -> float | int:
    """Whole numbers as integers (850, not 850.0), others as they are."""
    return int(value) if float(value).is_integer() else value
