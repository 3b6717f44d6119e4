"""Plan files: every rule has a reason and a source; a bad file is refused by file and key."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from plan_states import PLANS, plan_rules

from planner.core.checkin import RED_FLAG_IDS
from planner.core.errors import DataError, InputError
from planner.core.planfile import parse_plan
from planner.core.rules import Cited, PlanRules
from planner.planfiles import builtin_plan_names, builtin_plans_dir, load_plan

STANDARD = (PLANS / "standard.toml").read_text(encoding="utf-8")
TIER = re.compile(r"(^|[;(] ?)[EGC],")


def _cited(rules: PlanRules) -> dict[str, Cited]:
    return {
        "age_table": rules.age.cited,
        "hard_session": rules.hard_session.cited,
        "spacing": rules.spacing.cited,
        "base": rules.base.cited,
        "easy": rules.easy.cited,
        "quality": rules.quality.cited,
        "soreness": rules.soreness.cited,
        "pain": rules.pain.cited,
        "race_recovery": rules.race_recovery.cited,
        "load": rules.load.cited,
        "load.trimp": rules.load.trimp.cited,
        "load.pace": rules.load.pace.cited,
        "load.monotony": rules.load.monotony.cited,
        "load.distance": rules.load.distance.cited,
        "red_flags": rules.red_flags.cited,
        "injuries": rules.injuries.cited,
        "taper": rules.taper.cited,
        "reverse_taper": rules.reverse_taper.cited,
        **{f"injuries.guide.{g.id}": Cited(g.advice, g.source) for g in rules.injuries.guides},
        **{
            f"checklist.{i}": Cited(item.why, item.source)
            for i, item in rules.checklist.items.items()
        },
    }


@pytest.mark.parametrize("name", ["standard", "conservative"])
def test_every_rule_has_a_reason_and_a_tiered_source(name: str) -> None:
    for key, cited in _cited(plan_rules(name)).items():
        assert cited.reason.strip(), key
        assert TIER.search(cited.source), f"{key}: no tier (E/G/C) in {cited.source!r}"


@pytest.mark.parametrize("name", ["standard", "conservative"])
def test_sources_say_what_is_convention_and_what_came_from_an_abstract(name: str) -> None:
    rules = plan_rules(name)
    assert "convention anchored to WMA age-grading" in rules.age.cited.source
    assert "(abstract)" in rules.spacing.cited.source  # Stanley 2013 †
    assert "(abstract)" in rules.race_recovery.cited.source  # marathon damage markers †
    assert "(abstract)" in rules.load.monotony.cited.source  # Foster 1998 †
    assert "Bosquet" in rules.taper.cited.source and "Nielsen" in rules.load.distance.cited.source


def test_the_standard_plan_holds_the_numbers_of_rules_md() -> None:
    rules = plan_rules()
    assert (rules.hard_session.min_rpe, rules.hard_session.over_minutes) == (7, 90)
    assert set(rules.hard_session.types) == {"race", "intervals", "tempo"}
    assert rules.spacing.min_hours_between_hard == 48
    assert rules.soreness.threshold == 4
    assert (rules.load.fitness_days, rules.load.fatigue_days) == (42, 7)
    assert (rules.load.acute_days, rules.load.chronic_days) == (7, 28)
    table = [
        (r.min_age, r.factor, r.quality_cap, r.hard_max, r.hard_window_days, r.easy_days_between,
         r.race_multiplier, r.race_extra_days_10k, r.race_extra_days_marathon)
        for r in rules.age.rows
    ]  # fmt: skip
    assert table == [
        (0, 1.00, 1.00, 3, 7, 1, 1.0, 0, 0),
        (35, 0.97, 0.95, 3, 7, 1, 1.05, 1, 2),
        (45, 0.89, 0.90, 2, 7, 2, 1.15, 1, 4),
        (55, 0.80, 0.80, 2, 7, 2, 1.25, 2, 7),
        (65, 0.71, 0.70, 2, 9, 3, 1.4, 3, 11),
        (75, 0.60, 0.60, 1, 7, 3, 1.6, 4, 16),
        (80, 0.55, 0.55, 1, 7, 4, 1.8, 5, 20),
    ]
    # A runner in their first year: one hard session in 7 days at every age (Safety and fit).
    assert {row.hard_max_new_runner for row in rules.age.rows} == {1}
    assert rules.age.unset_years_is_new


@pytest.mark.parametrize("name", ["standard", "conservative"])
def test_red_flags_are_the_check_ins_questions(name: str) -> None:
    flags = plan_rules(name).red_flags.flags
    assert tuple(f.id for f in flags) == RED_FLAG_IDS
    assert {f.consequence for f in flags} == {"urgent", "clinician", "no_run"}
    assert all(f.question.endswith("?") for f in flags)
    urgent = {f.id for f in flags if f.consequence == "urgent"}
    assert urgent == {"chest_pain", "fainting", "unusual_breathlessness", "dark_urine"}


def test_the_standard_plan_holds_the_taper_and_load_numbers_of_rules_md() -> None:
    rules = plan_rules()
    taper = rules.taper
    assert (taper.days_short, taper.days_long, taper.volume_share) == (8, 14, 0.5)  # 8-14, 41-60%
    assert rules.reverse_taper.weekly_shares == (0.3, 0.6, 0.9)
    assert (rules.load.monotony.days, rules.load.monotony.flag_above) == (7, 2.0)
    assert rules.load.distance.increase_limit == 0.30
    assert rules.load.acwr_danger == 1.5
    meal = rules.checklist.items["meal:recovery"].numbers
    assert (meal["refuel_carbs_g_per_kg_per_hour"], meal["refuel_hours"]) == (1.0, 4)
    assert meal["refuel_within_hours"] == 8


def test_sha_is_the_sha256_of_the_file_bytes() -> None:
    data = (PLANS / "standard.toml").read_bytes()
    assert load_plan("standard").sha == hashlib.sha256(data).hexdigest()


def _refusal(old: str, new: str, count: int = 1) -> str:
    assert old in STANDARD, old
    text = STANDARD.replace(old, new, count)
    with pytest.raises(DataError) as caught:
        parse_plan(text, "plans/x.toml")
    return caught.value.message


def _row_block(n: int) -> tuple[int, int]:
    """Start and end offsets of the n-th (1-based) [[age_table.row]] in the standard text."""
    starts = [m.start() for m in re.finditer(r"\[\[age_table\.row\]\]", STANDARD)]
    end = starts[n] if n < len(starts) else STANDARD.index("# ---- what a run may be")
    return starts[n - 1], end


def _row_refusal(n: int, key: str, value: str) -> str:
    start, end = _row_block(n)
    block = STANDARD[start:end]
    changed = re.sub(rf"^{key} = .*$", f"{key} = {value}", block, count=1, flags=re.M)
    assert changed != block
    with pytest.raises(DataError) as caught:
        parse_plan(STANDARD[:start] + changed + STANDARD[end:], "plans/x.toml")
    return caught.value.message


def test_a_missing_key_is_named() -> None:
    start, end = _row_block(3)
    block = re.sub(r"^factor = .*\n", "", STANDARD[start:end], flags=re.M)
    with pytest.raises(DataError, match=r"^plans/x\.toml: age_table\.row\[3\]\.factor: missing$"):
        parse_plan(STANDARD[:start] + block + STANDARD[end:], "plans/x.toml")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("min_rpe = 7\n", 'min_rpe = "7"\n', r"hard_session\.min_rpe: expected a number, got a"),
        ("threshold = 4\n", "threshold = 4.5\n", r"soreness\.threshold: expected a whole number"),
        ("interpolate = true\n", "interpolate = 1\n", r"age_table\.interpolate: expected true or"),
        ('[plan]\nname = "standard"', '[plan]\nname = ""', r"plan\.name: empty"),
        ("threshold = 4\n", "threshold = 4\nthreshhold = 4\n", r"threshhold: unknown key"),
        ('smoothing = "runalyze"', 'smoothing = "weekly"', r"load\.smoothing: 'weekly' is not one"),
        ('consequence = "urgent"', 'consequence = "later"', r"red_flags\.flag\[13\]\.consequence"),
        ('id = "night_pain"', 'id = "rest_pain"', r"flag\[6\]\.id: 'rest_pain' appears twice"),
        ('id = "dark_urine"', 'id = "cola_urine"', r"red_flags\.flag: no flag 'dark_urine'"),
        ('areas = ["shins"]', 'areas = ["shin"]', r"injuries\.guide\[2\]\.areas: 'shin' is not"),
        ('flags = ["pop"]', 'flags = ["snap"]', r"guide\[7\]\.flags: 'snap' is not a red flag"),
        ("[0.3, 0.6, 0.9]", "[0.3, 0.9, 0.6]", r"reverse_taper\.weekly_shares: week 3 \(0\.6\)"),
        ("days_long = 14", "days_long = 7", r"taper\.days_long: shorter than days_short"),
        ("rpe_per_speed = 15", 'rpe_per_speed = "15"', r"load\.pace\.rpe_per_speed: expected"),
        ("hot_from_c = 25\n", "", r"checklist\.hydration\.hot_from_c: missing"),
        ("{minutes} min: brisk", "{minute} min: brisk", r"unknown placeholder \{minute\}"),
        ("{minutes} min: brisk", "{minutes min: brisk", r"checklist\.warm_up\.detail: bad braces"),
        ('when = "evening"', 'when = "dawn"', r"checklist\.foam_rolling\.when: 'dawn' is not one"),
        ("[pain]\n", "[pain\n", r"^plans/x\.toml: not valid TOML"),
        ("acwr_danger = 1.5", "acwr_danger = 1.1", r"load\.acwr_danger: need"),
        ("threshold = 4\n", "threshold = 11\n", r"soreness\.threshold: 11 is above 10"),
    ],
)  # fmt: skip
def test_a_bad_value_is_refused_naming_file_and_key(old: str, new: str, expected: str) -> None:
    message = _refusal(old, new)
    assert message.startswith("plans/x.toml: ")
    assert re.search(expected, message), message


@pytest.mark.parametrize(
    ("row", "key", "value", "at"),
    [
        (4, "quality_cap", "0.95", "row[4].quality_cap: 0.95 at 55+ is looser than 0.9 at 45+"),
        (4, "factor", "0.90", "row[4].factor: 0.9 at 55+ is looser than 0.89 at 45+"),
        (4, "hard_max", "3", "row[4].hard_max: 3 at 55+ is looser than 2 at 45+"),
        (4, "easy_days_between", "1", "row[4].easy_days_between: 1 at 55+ is looser than 2"),
        (5, "race_multiplier", "1.2", "row[5].race_multiplier: 1.2 at 65+ is looser than 1.25"),
        (5, "race_extra_days_10k", "1", "row[5].race_extra_days_10k: 1 at 65+ is looser"),
        (7, "race_extra_days_marathon", "10", "row[7].race_extra_days_marathon: 10 at 80+"),
        (3, "hard_max_new_runner", "2", "row[3].hard_max_new_runner: 2 at 45+ is looser than 1"),
    ],
)
def test_a_cap_spacing_or_multiplier_that_loosens_with_age_is_refused(
    row: int, key: str, value: str, at: str
) -> None:
    message = _row_refusal(row, key, value)
    assert message.startswith(f"plans/x.toml: age_table.{at}"), message
    assert message.endswith("caps, spacing and multipliers must never loosen as age rises")


def test_more_hard_sessions_per_day_of_window_is_looser() -> None:
    message = _row_refusal(5, "hard_window_days", "6")  # 2 per 6 days after 2 per 7
    assert re.search(
        r"age_table\.row\[5\]\.hard_window_days: 2 per 6 days at 65\+ is looser", message
    )


def test_rows_must_start_at_zero_and_rise() -> None:
    assert "row[1].min_age" in _row_refusal(1, "min_age", "18")
    assert "rising min_age" in _row_refusal(3, "min_age", "35")


def test_the_builtin_plans_dir_is_found() -> None:
    assert (builtin_plans_dir() / "standard.toml").is_file()
    assert builtin_plan_names() == ["standard", "conservative"]


def test_an_unknown_plan_names_the_builtins(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:  # a name typed: exit 2, not a bad file's 3
        load_plan("x", tmp_path)
    assert caught.value.message == "plan 'x' not found; built-in plans: standard, conservative"
    with pytest.raises(InputError, match=r"did you mean standard\?"):
        load_plan("standrd", tmp_path)
    with pytest.raises(InputError, match="not found"):  # a path is no plan's name
        load_plan("../standard", tmp_path)


def test_a_user_plan_is_found_by_name_or_by_content_name(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    text = STANDARD.replace('name = "standard"', 'name = "mine"').replace(
        "threshold = 4", "threshold = 3"
    )
    sha8 = hashlib.sha256(text.encode()).hexdigest()[:8]
    (folder / f"mine-{sha8}.toml").write_text(text, encoding="utf-8")
    rules = load_plan("mine", tmp_path)
    assert (rules.name, rules.soreness.threshold, rules.sha[:8]) == ("mine", 3, sha8)
    assert load_plan(f"mine-{sha8}", tmp_path).name == f"mine-{sha8}"
    (folder / "mine-0000abcd.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="ambiguous"):
        load_plan("mine", tmp_path)
    (folder / "mine.toml").write_text(text, encoding="utf-8")
    assert load_plan("mine", tmp_path).source.endswith("mine.toml")


def test_an_unreadable_user_plan_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "bad.toml").write_bytes(b"\xff\xfe not text")
    with pytest.raises(DataError, match=r"bad\.toml: not UTF-8"):
        load_plan("bad", tmp_path)
    (tmp_path / "plans" / "short.toml").write_text("[plan]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"short\.toml: plan\.name: missing"):
        load_plan("short", tmp_path)
