"""The plan file's tables that fit the plan to the runner (issue 12): read, checked, refused."""

from __future__ import annotations

import pytest
from plan_states import PLANS, plan_rules

from planner.core.errors import DataError
from planner.core.planfile import parse_plan

STANDARD = (PLANS / "standard.toml").read_text(encoding="utf-8")


def _refusal(old: str, new: str) -> str:
    assert old in STANDARD, old
    with pytest.raises(DataError) as caught:
        parse_plan(STANDARD.replace(old, new, 1), "plans/x.toml")
    return caught.value.message


@pytest.mark.parametrize("name", ["standard", "conservative"])
def test_the_fitting_tables_hold_the_numbers_of_rules_md(name: str) -> None:
    rules = plan_rules(name)
    assert rules.sizing.lookback_days == 28 and rules.sizing.first_after_days == 56
    assert rules.sizing.longest_run_share <= 1.1 and rules.sizing.longest_hard_share <= 1.2
    assert rules.week.rest_days >= 1 and rules.week.rest_days_at(65) >= 2
    assert rules.race_week.no_top_rpe_days == 5
    assert (rules.race_week.pace_to_days, rules.race_week.pace_from_days) == (4, 6)
    assert 0.6 <= rules.race_week.second_week_share <= 0.7
    assert rules.age.women_factors[2:] < tuple(r.factor for r in rules.age.rows)[2:]


def test_rest_days_after_a_long_race_by_age_are_those_of_rules_md() -> None:
    rest = plan_rules().race_rest
    assert [rest.days(a, 42195) for a in (30, 44, 45, 64, 65, 90)] == [2, 2, 3, 3, 4, 4]
    assert [rest.days(a, 21097.5) for a in (30, 50, 70)] == [1, 2, 3]
    assert rest.days(70, 10000) == 0
    cons = plan_rules("conservative").race_rest
    assert [cons.days(a, 42195) for a in (30, 50, 70)] == [3, 4, 5]


def test_the_conservative_plan_is_never_looser_in_the_fitting_tables() -> None:
    std, cons = plan_rules(), plan_rules("conservative")
    assert cons.sizing.longest_run_share <= std.sizing.longest_run_share
    assert cons.sizing.longest_hard_share <= std.sizing.longest_hard_share
    assert cons.sizing.first_fast_minutes <= std.sizing.first_fast_minutes
    assert cons.sizing.first_max_rpe <= std.sizing.first_max_rpe
    assert cons.sizing.top_rpe_needs >= std.sizing.top_rpe_needs
    assert cons.week.default_runs <= std.week.default_runs
    assert cons.week.older_from_age <= std.week.older_from_age
    assert cons.overreaching.easy_days >= std.overreaching.easy_days
    assert all(c >= s for c, s in zip(cons.race_rest.marathon, std.race_rest.marathon, strict=True))
    assert all(c >= s for c, s in zip(cons.race_rest.half, std.race_rest.half, strict=True))
    assert cons.race_week.long_pace_rpe <= std.race_week.long_pace_rpe
    assert cons.race_week.second_week_share <= std.race_week.second_week_share


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("women_factors = [1.00, 0.97, 0.88", "women_factors = [1.00, 0.98, 0.88",
         "age_table.women_factors: 0.98 at 35+ is above the row's 0.97"),
        ("women_factors = [1.00, 0.97, 0.88, 0.77, 0.65, 0.55, 0.50]",
         "women_factors = [1.00, 0.97]", "needs one factor per age row (7)"),
        ("women_factors = [1.00, 0.97, 0.88, 0.77, 0.65, 0.55, 0.50]",
         "women_factors = [1.00, 0.97, 0.88, 0.77, 0.50, 0.55, 0.50]", "rises with age"),
        ("older_rest_days = 2", "older_rest_days = 0", "week.older_rest_days"),
        ("default_runs = 4", "default_runs = 7", "week.default_runs"),
        ("half = [1, 2, 3]", "half = [1, 2]", "race_rest.half: needs one value per age"),
        ("marathon = [2, 3, 4]", "marathon = [2, 3, 2]", "fewer rest days at an older age"),
        ("marathon = [2, 3, 4]", "marathon = [1, 2, 2]", "at least the rest days of a half"),
        ("from_ages = [0, 45, 65]", "from_ages = [10, 45, 65]", "must start at 0 and rise"),
        ("pace_to_days = 4", "pace_to_days = 8", "race_week.pace_to_days"),
        ("long_pace_minutes = [15, 25]", "long_pace_minutes = [25, 15]", "give [least, most]"),
        ("longest_run_share = 1.1", "longest_run_share = 3", "sizing.longest_run_share"),
        ("form_below = 0.3", "form_below = -1", "overreaching.form_below"),
    ],
)  # fmt: skip
def test_a_bad_fitting_value_is_refused_naming_file_and_key(
    old: str, new: str, expected: str
) -> None:
    message = _refusal(old, new)
    assert message.startswith("plans/x.toml")
    assert expected in message


def test_a_missing_fitting_table_is_named() -> None:
    start = STANDARD.index("[race_week]")
    end = STANDARD.index("\n[", start + 1)
    with pytest.raises(DataError) as caught:
        parse_plan(STANDARD[:start] + STANDARD[end:], "plans/x.toml")
    assert "race_week" in caught.value.message
