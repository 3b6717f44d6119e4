"""A runner's own plan file from before issue 11 still loads, with no looser rules than today's.

The fixtures in tests/fixtures/ are the built-in plans as released before issue 11 (written with
`git show 3c1805b^:plans/NAME.toml`): the files runners copied with `planner plan-file show`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

import pytest
from plan_states import PLANS, REPO, plan_rules

from planner.core.errors import DataError
from planner.core.planfile import parse_plan
from planner.core.planupgrade import upgrade_note
from planner.core.rules import Cited, ItemTemplate, PlanRules
from planner.planfiles import install_plan, load_plan

FIXTURES = REPO / "tests" / "fixtures"
OLD_STANDARD = (FIXTURES / "standard-before-issue-11.toml").read_text(encoding="utf-8")
OLD_CONSERVATIVE = (FIXTURES / "conservative-before-issue-11.toml").read_text(encoding="utf-8")
BUILTINS = {
    name: (PLANS / f"{name}.toml").read_text(encoding="utf-8")
    for name in ("standard", "conservative")
}
# What issue 11 added, spelled here on its own (not read from planupgrade.RELEASES), so a
# section dropped from that list fails these tests.
ADDED_SECTIONS = ("cautions", "sleep", "today_runs", "return_to_run", "layoff", "spikes", "red_s")
ADDED_FLAG_KEYS = ("name", "lifted_by", "return_days", "bone_stress")


def mine(text: str, *edits: tuple[str, str]) -> PlanRules:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return parse_plan(text, "mine.toml", BUILTINS)


def numbers(value: Any) -> Any:
    """A rule's numbers and choices without its words (reasons, sources): what decides a day."""
    if isinstance(value, Cited):
        return None
    if isinstance(value, ItemTemplate):
        # A checklist item's words (its title, texts, why and source) are the file's own; what
        # decides a day is its numbers, when it is done, and which texts it has.
        return {"numbers": dict(value.numbers), "when": value.when, "texts": sorted(value.texts)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: numbers(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("name", "sha", "source", "title", "description", "upgrade")
            or not isinstance(value, PlanRules)
        }
    if isinstance(value, tuple | list):
        return [numbers(v) for v in value]
    if isinstance(value, dict):
        return {k: numbers(v) for k, v in value.items()}
    return value


def test_without_the_built_in_plans_the_old_file_is_refused_as_before() -> None:
    # The failure runners met after the upgrade; a built-in plan is still parsed this strictly.
    with pytest.raises(DataError, match=r"^mine\.toml: red_flags\.flag\[1\]\.name: missing$"):
        parse_plan(OLD_STANDARD, "mine.toml")


def test_the_old_standard_file_gets_todays_standard_rules_for_what_was_added() -> None:
    old, today = mine(OLD_STANDARD), plan_rules("standard")
    for section in ADDED_SECTIONS:
        assert getattr(old, section) == getattr(today, section), section
    assert old.age.unset_years_is_new == today.age.unset_years_is_new
    assert old.pain.settled_at == today.pain.settled_at
    assert [f.id for f in old.red_flags.flags] == [f.id for f in today.red_flags.flags]
    assert old.red_flags.get("illness") == today.red_flags.get("illness")
    for flag in today.red_flags.flags:
        had = old.red_flags.get(flag.id)
        assert had is not None
        for key in ADDED_FLAG_KEYS:
            assert getattr(had, key) == getattr(flag, key), (flag.id, key)
    hopping = old.red_flags.get("hopping_pain")
    assert hopping is not None and hopping.bone_stress and hopping.needs_clinician


def test_the_old_standard_file_plans_by_exactly_todays_numbers() -> None:
    # Never looser: every number and choice of the old copy is today's standard plan's, the
    # rules issue 11 replaced (8 logged runs in 28 days; one hard session for a first-year
    # runner) included, since the file still holds the old built-in values it never changed.
    old, today = mine(OLD_STANDARD), plan_rules("standard")
    assert numbers(old) == numbers(today)
    assert (old.base.min_recent_runs, old.base.lookback_days) == (8, 28)
    assert {row.hard_max_new_runner for row in old.age.rows} == {1}
    assert "8 runs logged" in old.base.cited.reason  # the words follow the numbers they explain
    assert old.upgrade is not None and old.upgrade.builtin == "standard"
    assert upgrade_note(old) == (
        "mine.toml predates the warning-sign rules and the session-sizing, fuel and heart-rate "
        "rules; their numbers come from the standard plan: planner plan-file show standard"
    )


def test_the_old_conservative_file_keeps_its_own_stricter_numbers() -> None:
    old, standard, conservative = (
        mine(OLD_CONSERVATIVE),
        plan_rules("standard"),
        plan_rules("conservative"),
    )
    # Its own numbers, stricter than the standard plan's, stay.
    assert (old.pain.reduce_above, old.pain.clinician_after) == (3, 2)
    assert (standard.pain.reduce_above, standard.pain.clinician_after) == (5, 3)
    limp = old.red_flags.get("limp")
    assert limp is not None and limp.clinician_after_days == 2
    assert old.soreness.threshold == conservative.soreness.threshold < standard.soreness.threshold
    # plan.name says it is a copy of the conservative plan: what it lacks comes from that one.
    assert old.upgrade is not None and old.upgrade.builtin == "conservative"
    assert old.sleep.min_hours_for_quality == 7 > standard.sleep.min_hours_for_quality
    assert old.layoff.min_gap_days == 10 < standard.layoff.min_gap_days
    assert numbers(old) == numbers(conservative)


def test_a_renamed_conservative_copy_fills_from_standard_and_keeps_its_own() -> None:
    old = mine(OLD_CONSERVATIVE, ('name = "conservative"', 'name = "mine"'))
    standard = plan_rules("standard")
    assert old.upgrade is not None and old.upgrade.builtin == "standard"
    for section in ADDED_SECTIONS:
        assert getattr(old, section) == getattr(standard, section), section
    assert (old.pain.reduce_above, old.pain.clinician_after) == (3, 2)
    # Its base is still the old conservative one it never changed: today's conservative base.
    assert (old.base.min_recent_runs, old.base.lookback_days) == (10, 28)


def test_an_added_section_the_runner_wrote_is_theirs() -> None:
    old = mine(
        OLD_STANDARD,
        (
            "[load]\n",
            "[sleep]\nmin_hours_for_quality = 8\nreason = 'mine'\nsource = 'C'\n\n[load]\n",
        ),
    )
    assert old.sleep.min_hours_for_quality == 8
    assert old.spikes == plan_rules("standard").spikes


def test_a_value_the_runner_changed_is_kept() -> None:
    old = mine(OLD_STANDARD, ("min_recent_runs = 3\n", "min_recent_runs = 5\n"))
    assert (old.base.min_recent_runs, old.base.lookback_days) == (5, 14)
    # A file written today holds every key: its numbers are its own, whatever they are.
    today = BUILTINS["standard"].replace('name = "standard"', 'name = "mine"', 1)
    today = today.replace("min_recent_runs = 8\nlookback_days = 28\n", "min_recent_runs = 3\n"
                          "lookback_days = 14\n", 1)  # fmt: skip
    rules = parse_plan(today, "mine.toml", BUILTINS)
    assert (rules.base.min_recent_runs, rules.base.lookback_days, rules.upgrade) == (3, 14, None)


def test_settled_at_is_never_above_the_files_own_reduce_above() -> None:
    old = mine(OLD_STANDARD, ("reduce_above = 5\n", "reduce_above = 2\n"))
    assert (old.pain.reduce_above, old.pain.settled_at) == (2, 2)


def test_a_sign_the_built_in_plan_does_not_know_gets_the_safe_defaults() -> None:
    blister = (
        '\n[[red_flags.flag]]\nid = "blister"\nquestion = "A blister that is red and hot?"\n'
        'consequence = "no_run"\nadvice = "No running on an infected blister."\n'
    )
    old = mine(OLD_STANDARD, ("\n# ---- injuries", f"{blister}\n# ---- injuries"))
    flag = old.red_flags.get("blister")
    assert flag is not None
    longest = max(f.return_days for f in plan_rules("standard").red_flags.flags)
    assert (flag.name, flag.lifted_by, flag.return_days, flag.bone_stress) == (
        "blister",
        "clinician",
        longest,
        False,
    )
    assert longest == 28
    assert old.upgrade is not None and old.upgrade.own_flags == ("blister",)
    note = upgrade_note(old)
    assert note is not None and "(blister)" in note and "\n" not in note


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (
            (
                "[load]\n",
                "[sleep]\nmin_hours_for_quality = 'six'\nreason = 'r'\nsource = 's'\n\n[load]\n",
            ),
            r"^mine\.toml: sleep\.min_hours_for_quality: expected a number, got a string",
        ),
        (
            ("[load]\n", "[spikes]\ndistance_rise = 0.3\n\n[load]\n"),
            r"^mine\.toml: spikes\.compare_weeks: missing$",
        ),
        (
            ("[load]\n", "[today_runs]\nreason = 'r'\nsource = 's'\nextra = 1\n\n[load]\n"),
            r"^mine\.toml: today_runs\.extra: unknown key$",
        ),
        (
            ('id = "swelling"\n', 'id = "swelling"\nlifted_by = "me"\n'),
            r"^mine\.toml: red_flags\.flag\[1\]\.lifted_by: 'me' is not one of checkin, clinician$",
        ),
        (
            ('id = "swelling"\n', 'id = "swelling"\nreturn_days = -1\n'),
            r"^mine\.toml: red_flags\.flag\[1\]\.return_days: -1 is below 0$",
        ),
        (
            ('id = "swelling"\n', 'id = "swelling"\nbone_stress = "yes"\n'),
            r"^mine\.toml: red_flags\.flag\[1\]\.bone_stress: expected true or false",
        ),
        (
            ("reduce_above = 5\n", "reduce_above = 5\nsettled_at = 6\n"),
            r"^mine\.toml: pain\.settled_at: above reduce_above",
        ),
        (
            ("interpolate = true\n", "interpolate = true\nunset_years_is_new = 1\n"),
            r"^mine\.toml: age_table\.unset_years_is_new: expected true or false",
        ),
    ],
)
def test_a_wrong_value_in_a_new_key_is_still_refused(edit: tuple[str, str], error: str) -> None:
    with pytest.raises(DataError, match=error):
        mine(OLD_STANDARD, edit)


def test_only_keys_a_release_added_may_be_absent() -> None:
    # [taper] and a flag's advice were there before issue 11: their absence is still refused.
    start = OLD_STANDARD.index("[taper]")
    end = OLD_STANDARD.index("\n[", start + 1)
    with pytest.raises(DataError, match=r"^mine\.toml: taper: missing$"):
        mine(OLD_STANDARD[:start] + OLD_STANDARD[end + 1 :])
    with pytest.raises(DataError, match=r"^mine\.toml: red_flags\.flag\[1\]\.advice: missing$"):
        mine(OLD_STANDARD, ('advice = "Marked swelling', 'note = "Marked swelling'))


def test_a_current_copy_lacks_nothing_and_says_nothing() -> None:
    text = BUILTINS["standard"].replace('name = "standard"', 'name = "mine"', 1)
    rules = parse_plan(text, "mine.toml", BUILTINS)
    assert rules.upgrade is None and upgrade_note(rules) is None
    assert numbers(rules) == numbers(plan_rules("standard"))


def test_the_store_loads_an_old_file_added_to_the_data_dir(tmp_path: Path) -> None:
    source = tmp_path / "mine.toml"
    source.write_text(OLD_STANDARD, encoding="utf-8")
    installed = install_plan(source, tmp_path / "data", "mine")
    assert installed.note is not None and installed.note.startswith("mine.toml predates ")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    assert installed.path.read_bytes() == source.read_bytes()  # the file is kept as it was
    for _ in range(2):  # parsed, then from the cache of parsed plans
        rules = load_plan("mine", tmp_path / "data", sha)
        assert rules.sha == sha and numbers(rules) == numbers(plan_rules("standard"))
        assert rules.upgrade is not None


@pytest.mark.parametrize(
    ("text", "name"), [(OLD_STANDARD, "standard"), (OLD_CONSERVATIVE, "conservative")]
)
def test_an_old_file_gets_the_fuel_item_and_the_checklist_doses_of_its_plan(
    text: str, name: str
) -> None:
    old, today = mine(text).checklist.items, plan_rules(name).checklist.items
    for item_id in (
        "fuel:before",
        "fuel:during",
        "ice_bath",
        "warm_up",
        "meal:recovery",
        "hydration",
    ):
        assert old[item_id].numbers == today[item_id].numbers, item_id
        assert set(old[item_id].texts) == set(today[item_id].texts), item_id
