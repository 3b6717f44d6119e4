"""Age groups and the age table's limits: brackets, interpolation, and never loosening with age."""

from __future__ import annotations

import dataclasses

import pytest
from plan_states import plan_rules

from planner.core.age import AgeLimits, age_group, age_limits, age_row

AGES = range(0, 111)


@pytest.mark.parametrize(
    ("age", "group"),
    [
        (None, None),
        (0, "<35"),
        (18, "<35"),
        (34, "<35"),
        (35, "35-39"),
        (39, "35-39"),
        (40, "40-44"),
        (52, "50-54"),
        (64, "60-64"),
        (75, "75-79"),
        (79, "75-79"),
        (80, "80+"),
        (104, "80+"),
    ],
)
def test_age_group_is_the_wma_bracket(age: int | None, group: str | None) -> None:
    assert age_group(age) == group


@pytest.mark.parametrize(
    ("age", "min_age", "easy_days_between", "hard_max"),
    [(30, 0, 1, 3), (35, 35, 1, 3), (44, 35, 1, 3), (45, 45, 2, 2), (52, 45, 2, 2), (64, 55, 2, 2),
     (65, 65, 3, 2), (75, 75, 3, 1), (80, 80, 4, 1), (99, 80, 4, 1)],
)  # fmt: skip
def test_bracket_rows_follow_the_rules_table(
    age: int, min_age: int, easy_days_between: int, hard_max: int
) -> None:
    row = age_row(plan_rules().age, age)
    assert (row.min_age, row.easy_days_between, row.hard_max) == (
        min_age,
        easy_days_between,
        hard_max,
    )


@pytest.mark.parametrize(
    ("age", "factor"),
    [(20, 1.0), (34, 1.0), (40, 0.97), (50, 0.89), (52, 0.872), (60, 0.80), (70, 0.71), (90, 0.55)],
)
def test_factor_is_interpolated_between_anchor_ages(age: int, factor: float) -> None:
    assert age_limits(plan_rules().age, age, sex="m").factor == pytest.approx(factor)


@pytest.mark.parametrize(
    ("age", "factor"),
    [(34, 1.0), (40, 0.97), (50, 0.88), (55, 0.825), (60, 0.77), (70, 0.65), (90, 0.50)],
)
@pytest.mark.parametrize("sex", ["f", "x", None])
def test_women_and_unset_sex_take_the_womens_lower_factors(
    age: int, factor: float, sex: str | None
) -> None:
    limits = age_limits(plan_rules().age, age, sex=sex)
    assert limits.factor == pytest.approx(factor)
    assert limits.intensity_cap <= age_limits(plan_rules().age, age, sex="m").intensity_cap


def test_without_interpolation_the_bracket_value_holds() -> None:
    table = dataclasses.replace(plan_rules().age, interpolate=False)
    assert age_limits(table, 52, sex="m").factor == pytest.approx(0.89)
    assert age_limits(table, 52, sex="f").factor == pytest.approx(0.88)
    assert age_limits(table, 52).quality_cap == pytest.approx(0.90)


def test_intensity_cap_is_the_stricter_of_factor_and_quality_cap() -> None:
    limits = age_limits(plan_rules().age, 40)
    assert limits.intensity_cap == pytest.approx(0.95)  # quality cap 95% < factor 0.97


def test_unknown_age_assumes_the_plans_age() -> None:
    limits = age_limits(plan_rules().age, None)
    assert (limits.age, limits.assumed) == (40, True)


def test_a_new_runner_gets_the_lower_hard_limit() -> None:
    seasoned = age_limits(plan_rules().age, 40, years_running=10)
    new = age_limits(plan_rules().age, 40, years_running=0.5)
    assert [lim.count for lim in seasoned.hard_limits] == [3, 3]
    assert [lim.count for lim in new.hard_limits] == [1, 1]
    assert new.new_runner and not seasoned.new_runner


def test_years_running_unset_is_held_to_the_first_years_limit() -> None:
    """RULES.md: one hard session in 7 days in the first year, at every age, until set."""
    for age in (25, 40, 52, 70, 82):
        unset = age_limits(plan_rules().age, age)
        assert unset.new_runner and unset.years_unset
        assert max(lim.count for lim in unset.hard_limits) == 1
        assert min(lim.window_days for lim in unset.hard_limits) >= 7


def test_every_younger_row_still_applies() -> None:
    """75-79 says 1 per 7 days, 65-74 said 2 per 9: a 75-year-old is held to both."""
    limits = age_limits(plan_rules().age, 75, years_running=20)
    assert (2, 9) in [(lim.count, lim.window_days) for lim in limits.hard_limits]
    assert (1, 7) in [(lim.count, lim.window_days) for lim in limits.hard_limits]


def _stricter_or_equal(older: AgeLimits, younger: AgeLimits) -> bool:
    """Every hard limit the younger runner has is implied by one the older runner has."""
    implied = all(
        any(o.count <= y.count and o.window_days >= y.window_days for o in older.hard_limits)
        for y in younger.hard_limits
    )
    return (
        implied
        and older.intensity_cap <= younger.intensity_cap
        and older.easy_days_between >= younger.easy_days_between
        and older.row.race_multiplier >= younger.row.race_multiplier
        and older.row.race_extra_days_10k >= younger.row.race_extra_days_10k
        and older.row.race_extra_days_marathon >= younger.row.race_extra_days_marathon
    )


@pytest.mark.parametrize("plan", ["standard", "conservative"])
@pytest.mark.parametrize("new_runner_years", [None, 0.5])
def test_caps_and_spacing_never_loosen_as_age_rises(
    plan: str, new_runner_years: float | None
) -> None:
    table = plan_rules(plan).age
    for age in AGES[1:]:
        older = age_limits(table, age, new_runner_years)
        younger = age_limits(table, age - 1, new_runner_years)
        assert _stricter_or_equal(older, younger), age


def test_conservative_is_never_looser_than_standard_at_any_age() -> None:
    for age in AGES:
        for years in (None, 0.5, 1.5, 20):
            cons = age_limits(plan_rules("conservative").age, age, years)
            std = age_limits(plan_rules("standard").age, age, years)
            assert _stricter_or_equal(cons, std), (age, years)
    assert (
        age_limits(plan_rules("conservative").age, None).age
        >= age_limits(plan_rules().age, None).age
    )
