"""The JSON contract: docs/plan.schema.json, the examples in docs/examples, and fresh outputs.

Regenerate the examples after a deliberate change to the engine or the standard plan with
    PLANNER_REGEN_EXAMPLES=1 pytest tests/unit/test_schema.py
and review the diff: scripts depend on this output.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from typing import Any

import jsonschema
import pytest
from plan_states import EXAMPLES, SCHEMA, TUE, after_intervals, example_states, plan_rules

from planner.core.engine import build_plan
from planner.core.jsonout import checkin_to_json, plan_to_json, profile_to_json, run_to_json
from planner.core.model import Checkin, Profile, Run, State

EXAMPLE_NAMES = sorted(example_states())


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def _validate(document: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(
        _schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)
    for day in document["days"]:
        # Not expressible simply in the schema: the flag mirrors the day type.
        assert day["see_clinician"] == (day["day_type"] == "see_clinician")


def _fresh(name: str) -> dict[str, Any]:
    state, today, start, days = example_states()[name]
    return plan_to_json(build_plan(state, plan_rules(), today, start=start, days=days))


def _text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_the_schema_is_valid_draft_2020_12() -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_each_example_is_valid_and_is_what_the_engine_prints(name: str) -> None:
    path = EXAMPLES / f"{name}.json"
    fresh = _text(_fresh(name))
    if os.environ.get("PLANNER_REGEN_EXAMPLES"):
        path.write_text(fresh, encoding="utf-8")
    _validate(json.loads(path.read_text(encoding="utf-8")))
    assert path.read_text(encoding="utf-8") == fresh, (
        f"{path.name} is stale; regenerate with PLANNER_REGEN_EXAMPLES=1 and review the diff"
    )


def test_the_examples_show_the_interesting_days() -> None:
    kinds = {
        day["day_type"]
        for name in EXAMPLE_NAMES
        for day in json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))["days"]
    }
    assert kinds >= {
        "easy", "quality_ok", "active_recovery", "race_recovery", "see_clinician", "rest",
    }  # fmt: skip


@pytest.mark.parametrize(
    "state",
    [
        State(),
        after_intervals(52),
        after_intervals(81),
        State(profile=Profile(age=30), checkins={TUE: Checkin(TUE, 8, red_flags=("limp",))}),
    ],
)
@pytest.mark.parametrize("plan_name", ["standard", "conservative"])
def test_fresh_plans_match_the_schema(state: State, plan_name: str) -> None:
    _validate(plan_to_json(build_plan(state, plan_rules(plan_name), TUE, days=14)))


def test_a_rejected_extra_key_proves_the_contract_is_closed() -> None:
    document = _fresh(EXAMPLE_NAMES[0])
    document["days"][0]["checklist"][0]["doses"]["grams_of_hope"] = 1
    with pytest.raises(jsonschema.ValidationError):
        _validate(document)


def test_plan_json_keys_come_in_a_fixed_order() -> None:
    document = _fresh(EXAMPLE_NAMES[0])
    assert list(document) == ["date_generated", "profile", "load", "days"]
    assert list(document["days"][0]) == [
        "date", "projected", "day_type", "see_clinician", "run", "reasons", "warnings", "checklist",
        "checkin",
    ]  # fmt: skip
    assert "checkin" not in document["days"][1], "a projected day has no check-in key"
    assert list(document["load"]) == [
        "acute", "chronic", "acwr", "fitness", "fatigue", "form",
        "monotony", "strain", "rest_days_to_fresh", "acwr_rolling",
    ]  # fmt: skip


def test_a_real_day_must_say_its_checkin_and_a_projected_day_must_not() -> None:
    document = _fresh(EXAMPLE_NAMES[0])
    real, projected = document["days"][0], document["days"][1]
    assert projected["projected"] and not real["projected"]
    del real["checkin"]
    with pytest.raises(jsonschema.ValidationError):
        _validate(document)
    real["checkin"] = None
    projected["checkin"] = None
    with pytest.raises(jsonschema.ValidationError):
        _validate(document)


def test_the_checkin_json_is_what_was_answered() -> None:
    checkin = Checkin(
        date(2026, 11, 24), None, areas=("shins",), red_flags=("hopping_pain",),
        answered_no=("limp",), cleared=("illness",), pain=6, sleep_hours=5.5,
    )  # fmt: skip
    assert checkin_to_json(checkin) == {
        "soreness": None, "areas": ["shins"], "flags": ["hopping_pain"], "answered_no": ["limp"],
        "cleared": ["illness"], "pain": 6, "sleep_hours": 5.5,
    }  # fmt: skip
    assert checkin_to_json(None) is None


def test_run_to_json() -> None:
    start = datetime(2026, 11, 24, 7, 5, tzinfo=UTC)
    r = Run(
        "r1",
        date(2026, 11, 24),
        10_000.0,
        3_000,
        3_100,
        start=start,
        rpe=6.0,
        type="tempo",
        avg_hr=150,
    )
    assert run_to_json(r) == {
        "id": "r1",
        "date": "2026-11-24",
        "start": "2026-11-24T07:05:00+00:00",
        "distance_m": 10000,
        "moving_s": 3000,
        "elapsed_s": 3100,
        "avg_hr": 150,
        "rpe": 6,
        "rpe_estimated": False,
        "type": "tempo",
        "sport": "running",
        "source": "manual",
        "temp_c": None,
    }
    assert run_to_json(Run("r2", date(2026, 11, 24), 5.5, 60, 60))["start"] is None


def test_profile_to_json() -> None:
    profile = Profile(birth_date=date(1974, 3, 9), weight_kg=61.0, years_running=12.5)
    document = profile_to_json(profile, date(2026, 11, 24))
    assert (document["age"], document["age_group"], document["birth_date"]) == (
        52,
        "50-54",
        "1974-03-09",
    )
    assert (document["weight_kg"], document["years_running"], document["plan"]) == (
        61,
        12.5,
        "standard",
    )
    assert profile_to_json(Profile(), date(2026, 11, 24))["age_group"] is None


def test_an_example_shows_fuel_before_and_during_a_long_run() -> None:
    ids = {
        item["id"]
        for name in EXAMPLE_NAMES
        for day in json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))["days"]
        for item in day["checklist"]
        if item["kind"] == "fuel"
    }
    assert ids == {"fuel:before", "fuel:during"}
