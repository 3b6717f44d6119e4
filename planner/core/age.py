"""Age groups (WMA 5-year brackets) and the age table's limits at a runner's exact age."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from planner.core.rules import AgeRow, AgeTable

MASTERS_FROM = 35  # WMA: masters start at 35; under 35 is one group
OLDEST_GROUP_FROM = 80  # the contract's last group is "80+"


def age_group(age: int | None) -> str | None:
    """The WMA 5-year bracket: "<35", "35-39", ..., "75-79", "80+"; None without an age."""
    if age is None:
        return None
    if age < MASTERS_FROM:
        return "<35"
    if age >= OLDEST_GROUP_FROM:
        return f"{OLDEST_GROUP_FROM}+"
    low = age - (age - MASTERS_FROM) % 5
    return f"{low}-{low + 4}"


@dataclass(frozen=True)
class HardLimit:
    """At most `count` hard sessions in any `window_days` days (the row from `from_age` on)."""

    count: int
    window_days: int
    from_age: int


@dataclass(frozen=True)
class AgeLimits:
    """What the age table allows a runner of one age; `assumed` when the age is not set."""

    age: int
    assumed: bool
    new_runner: bool  # in their first year, or years running unset where the plan says so
    years_unset: bool
    row: AgeRow
    factor: float
    quality_cap: float
    hard_limits: tuple[HardLimit, ...]

    @property
    def intensity_cap(self) -> float:
        """The quality load allowed as a fraction of an under-35's: the stricter of the two."""
        return min(self.factor, self.quality_cap)

    @property
    def easy_days_between(self) -> int:
        return self.row.easy_days_between


def age_row(table: AgeTable, age: int) -> AgeRow:
    """The row whose ages hold `age` (rows rise by min_age; the first starts at 0)."""
    found = table.rows[0]
    for row in table.rows:
        if row.min_age <= age:
            found = row
    return found


def age_limits(
    table: AgeTable, age: int | None, years_running: float | None = None, sex: str | None = None
) -> AgeLimits:
    """The caps and limits at `age`; an unknown age uses the table's `unknown_age`.

    A man takes the men's age-grading factors; a woman, sex x or unset the women's, which are
    never higher (RULES.md: "sex x or unset takes the lower of the two")."""
    assumed = age is None
    used = table.unknown_age if age is None else max(age, 0)
    unset = years_running is None
    if years_running is None:
        new_runner = table.unset_years_is_new
    else:
        new_runner = years_running < table.new_runner_years
    row = age_row(table, used)
    return AgeLimits(
        age=used,
        assumed=assumed,
        new_runner=new_runner,
        years_unset=unset,
        row=row,
        factor=_value_at(table, used, _row_values(table, "factor" if sex == "m" else "women")),
        quality_cap=_value_at(table, used, _row_values(table, "quality_cap")),
        hard_limits=_hard_limits(table, used, new_runner),
    )


def _row_values(table: AgeTable, name: str) -> tuple[float, ...]:
    if name == "women":
        return table.women_factors or tuple(row.factor for row in table.rows)
    return tuple(float(getattr(row, name)) for row in table.rows)


def _value_at(table: AgeTable, age: int, values: tuple[float, ...]) -> float:
    """A row value at the exact age: linear between the rows' anchor ages when interpolating."""
    if not table.interpolate:
        row = age_row(table, age)
        return values[table.rows.index(row)]
    points = [(row.anchor_age, value) for row, value in zip(table.rows, values, strict=True)]
    if age <= points[0][0]:
        return points[0][1]
    for (age_a, value_a), (age_b, value_b) in itertools.pairwise(points):
        if age <= age_b:
            return value_a + (value_b - value_a) * (age - age_a) / (age_b - age_a)
    return points[-1][1]


def _hard_limits(table: AgeTable, age: int, new_runner: bool) -> tuple[HardLimit, ...]:
    """Every row up to `age` applies, so an older runner never gets what a younger row forbids.

    (2 per 9 days at 65-74 and 1 per 7 days at 75-79: a 75-year-old is held to both.)
    """
    limits = []
    for row in table.rows:
        if row.min_age > age:
            break
        count = row.hard_max_new_runner if new_runner else row.hard_max
        limits.append(HardLimit(count, row.hard_window_days, row.min_age))
    return tuple(limits)
