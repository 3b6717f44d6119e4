"""Read and check a plan file's text into `PlanRules`; every refusal names the file and the key."""

from __future__ import annotations

import hashlib
import itertools
import tomllib
from collections.abc import Mapping
from typing import Any

from planner.core import planparts, planparts_fit, planupgrade
from planner.core.errors import DataError
from planner.core.itemtemplates import parse_checklist
from planner.core.rules import (
    SMOOTHINGS,
    AgeRow,
    AgeTable,
    BaseRule,
    EasyRule,
    HardSessionRule,
    LoadRules,
    PainRule,
    PlanRules,
    QualityRule,
    RaceRecoveryRule,
    SorenessRule,
    SpacingRule,
    TrimpConstants,
)
from planner.core.tomltable import Table, closed

__all__ = ["PlanRules", "parse_plan"]


def parse_plan(text: str, source: str, builtins: Mapping[str, str] | None = None) -> PlanRules:
    """Parse a plan file's text; `source` names it in errors ("plans/standard.toml").

    `builtins`, for a runner's own file: the built-in plans' texts by name, the default first.
    A section or key the file lacks because a later release added it is then taken from one of
    them (planupgrade.py) and `upgrade` says so; a built-in plan itself is parsed without.
    """
    data = _toml(text, source)
    upgrade = None
    if builtins:
        parsed = {name: _toml(body, f"built-in plan {name}") for name, body in builtins.items()}
        data, upgrade = planupgrade.fill_from_builtin(data, parsed)
    root = Table(data, "", source)
    plan = root.table("plan")
    name, title, description = plan.text("name"), plan.text("title"), plan.text("description")
    flags = planparts.red_flags(root.table("red_flags"))
    rules = PlanRules(
        name=name,
        sha=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        description=description,
        source=source,
        age=_age_table(root.table("age_table")),
        hard_session=_hard_session(root.table("hard_session")),
        spacing=_spacing(root.table("spacing")),
        base=_base(root.table("base")),
        easy=_easy(root.table("easy")),
        quality=_quality(root.table("quality")),
        soreness=_soreness(root.table("soreness")),
        pain=_pain(root.table("pain")),
        race_recovery=_race_recovery(root.table("race_recovery")),
        cautions=planparts.cautions(root.table("cautions")),
        sleep=planparts.sleep(root.table("sleep")),
        today_runs=planparts.today_runs(root.table("today_runs")),
        return_to_run=planparts.return_to_run(root.table("return_to_run")),
        layoff=planparts.layoff(root.table("layoff")),
        spikes=planparts.spikes(root.table("spikes")),
        red_s=planparts.red_s(root.table("red_s")),
        load=_load(root.table("load")),
        red_flags=flags,
        checklist=parse_checklist(root.table("checklist")),
        taper=planparts.taper(root.table("taper")),
        reverse_taper=planparts.reverse_taper(root.table("reverse_taper")),
        injuries=planparts.injuries(root.table("injuries"), {f.id for f in flags.flags}),
        sizing=planparts_fit.sizing(root.table("sizing")),
        week=planparts_fit.week(root.table("week")),
        overreaching=planparts_fit.overreaching(root.table("overreaching")),
        race_rest=planparts_fit.race_rest(root.table("race_rest")),
        race_week=planparts_fit.race_week(root.table("race_week")),
        upgrade=upgrade,
    )
    plan.close()
    root.close()
    return rules


def _toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{source}: not valid TOML: {exc}") from None


# ---- the age table -------------------------------------------------------------------------


def _age_table(t: Table) -> AgeTable:
    rows = tuple(_age_row(r) for r in t.tables("row"))
    table = AgeTable(
        rows=rows,
        interpolate=t.boolean("interpolate"),
        unknown_age=t.integer("unknown_age", 0, 120),
        new_runner_years=t.number("new_runner_years", 0, 100),
        unset_years_is_new=t.boolean("unset_years_is_new"),
        cited=t.cited(),
        women_factors=t.numbers("women_factors", 0.01, 1),
    )
    _check_rows(t, rows)
    _check_women(t, table)
    t.close()
    return table


def _age_row(t: Table) -> AgeRow:
    row = AgeRow(
        min_age=t.integer("min_age", 0, 120),
        anchor_age=t.number("anchor_age", 0, 120),
        factor=t.number("factor", 0.01, 1),
        quality_cap=t.number("quality_cap", 0.01, 1),
        hard_max=t.integer("hard_max", 0, 14),
        hard_max_new_runner=t.integer("hard_max_new_runner", 0, 14),
        hard_window_days=t.integer("hard_window_days", 1, 60),
        easy_days_between=t.integer("easy_days_between", 0, 30),
        race_multiplier=t.number("race_multiplier", 0, 10),
        race_extra_days_10k=t.integer("race_extra_days_10k", 0, 120),
        race_extra_days_marathon=t.integer("race_extra_days_marathon", 0, 120),
    )
    if row.hard_max_new_runner > row.hard_max:
        t.fail("hard_max_new_runner", "more than hard_max; a new runner never gets more")
    t.close()
    return row


# (field, True when a larger value is stricter): each must never loosen from one row to the next.
_TIGHTENING: tuple[tuple[str, bool], ...] = (
    ("factor", False),
    ("quality_cap", False),
    ("hard_max", False),
    ("hard_max_new_runner", False),
    ("easy_days_between", True),
    ("race_multiplier", True),
    ("race_extra_days_10k", True),
    ("race_extra_days_marathon", True),
)


def _check_rows(t: Table, rows: tuple[AgeRow, ...]) -> None:
    if rows[0].min_age != 0:
        t.fail("row[1].min_age", "the first row must start at 0 so every age has a row")
    for i, (prev, row) in enumerate(itertools.pairwise(rows), 2):
        at = f"row[{i}]"
        if row.min_age <= prev.min_age:
            t.fail(f"{at}.min_age", "rows must be in rising min_age")
        if not prev.anchor_age < row.anchor_age:
            t.fail(f"{at}.anchor_age", "anchors must rise from row to row")
        for name, larger_is_stricter in _TIGHTENING:
            before, now = getattr(prev, name), getattr(row, name)
            if (now < before) if larger_is_stricter else (now > before):
                t.fail(
                    f"{at}.{name}",
                    f"{now:g} at {row.min_age}+ is looser than {before:g} at {prev.min_age}+; "
                    "caps, spacing and multipliers must never loosen as age rises",
                )
        # 1 per 7 days after 2 per 9 days is fine; 3 per 7 after 2 per 7 is not.
        if row.hard_max * prev.hard_window_days > prev.hard_max * row.hard_window_days:
            t.fail(
                f"{at}.hard_window_days",
                f"{row.hard_max} per {row.hard_window_days} days at {row.min_age}+ is looser than "
                f"{prev.hard_max} per {prev.hard_window_days} days at {prev.min_age}+",
            )
    for i, row in enumerate(rows, 1):
        upper = rows[i].min_age if i < len(rows) else 121
        if not row.min_age <= row.anchor_age < upper:
            t.fail(
                f"row[{i}].anchor_age", f"must lie within the row's ages {row.min_age}-{upper - 1}"
            )


def _check_women(t: Table, table: AgeTable) -> None:
    """One women's factor per row, never above the row's factor nor rising with age."""
    women = table.women_factors
    if len(women) != len(table.rows):
        t.fail("women_factors", f"needs one factor per age row ({len(table.rows)})")
    for i, (row, factor) in enumerate(zip(table.rows, women, strict=True), 1):
        if factor > row.factor:
            t.fail(
                "women_factors", f"{factor:g} at {row.min_age}+ is above the row's {row.factor:g}"
            )
        if i > 1 and factor > women[i - 2]:
            t.fail("women_factors", f"{factor:g} at {row.min_age}+ rises with age")


# ---- the simple rules ----------------------------------------------------------------------


def _hard_session(t: Table) -> HardSessionRule:
    return closed(
        t,
        HardSessionRule(
            min_rpe=t.number("min_rpe", 1, 10),
            types=t.texts("types"),
            over_minutes=t.number("over_minutes", 1, 1440),
            cited=t.cited(),
        ),
    )


def _spacing(t: Table) -> SpacingRule:
    return closed(t, SpacingRule(t.number("min_hours_between_hard", 0, 720), t.cited()))


def _base(t: Table) -> BaseRule:
    return closed(
        t,
        BaseRule(
            t.integer("min_recent_runs", 0, 60), t.integer("lookback_days", 1, 120), t.cited()
        ),
    )


def _easy(t: Table) -> EasyRule:
    rule = EasyRule(
        max_rpe=t.integer("max_rpe", 1, 10),
        default_minutes=t.integer("default_minutes", 1, 600),
        shortest_minutes=t.integer("shortest_minutes", 1, 600),
        lookback_days=t.integer("lookback_days", 1, 365),
        cited=t.cited(),
    )
    return closed(t, rule)


def _quality(t: Table) -> QualityRule:
    rule = QualityRule(t.integer("max_minutes", 1, 600), t.integer("max_rpe", 1, 10), t.cited())
    return closed(t, rule)


def _soreness(t: Table) -> SorenessRule:
    rule = SorenessRule(
        threshold=t.integer("threshold", 1, 10),
        max_minutes=t.integer("max_minutes", 0, 600),
        max_rpe=t.integer("max_rpe", 1, 10),
        intensity_multiplier=t.number("intensity_multiplier", 0, 1),
        doms_days=t.integer("doms_days", 1, 60),
        cited=t.cited(),
    )
    return closed(t, rule)


def _pain(t: Table) -> PainRule:
    rule = PainRule(
        reduce_above=t.integer("reduce_above", 0, 10),
        max_minutes=t.integer("max_minutes", 0, 600),
        clinician_after=t.integer("clinician_after", 1, 60),
        settled_at=t.integer("settled_at", 0, 10),
        cited=t.cited(),
    )
    if rule.settled_at > rule.reduce_above:
        t.fail(
            "settled_at", "above reduce_above; pain that still needs a reduced load is not settled"
        )
    return closed(t, rule)


def _race_recovery(t: Table) -> RaceRecoveryRule:
    rule = RaceRecoveryRule(
        rest_days=t.integer("rest_days", 0, 30),
        rest_from_km=t.number("rest_from_km", 0, 1000),
        intensity_multiplier=t.number("intensity_multiplier", 0, 1),
        cited=t.cited(),
    )
    return closed(t, rule)


def _load(t: Table) -> LoadRules:
    rules = LoadRules(
        fitness_days=t.integer("fitness_days", 1, 365),
        fatigue_days=t.integer("fatigue_days", 1, 365),
        smoothing=_smoothing(t),
        acute_days=t.integer("acute_days", 1, 365),
        chronic_days=t.integer("chronic_days", 1, 365),
        acwr_min_history_days=t.integer("acwr_min_history_days", 0, 365),
        acwr_sweet_low=t.number("acwr_sweet_low", 0, 10),
        acwr_sweet_high=t.number("acwr_sweet_high", 0, 10),
        acwr_danger=t.number("acwr_danger", 0, 10),
        default_rpe=t.number("default_rpe", 1, 10),
        rpe_per_trimp_minute=t.number("rpe_per_trimp_minute", 0, 10),
        spike_cap_multiplier=t.number("spike_cap_multiplier", 0, 1),
        trimp=_trimp(t.table("trimp")),
        pace=planparts.pace(t.table("pace")),
        monotony=planparts.monotony(t.table("monotony")),
        distance=planparts.distance(t.table("distance")),
        cited=t.cited(),
    )
    if not rules.acwr_sweet_low <= rules.acwr_sweet_high <= rules.acwr_danger:
        t.fail("acwr_danger", "need acwr_sweet_low <= acwr_sweet_high <= acwr_danger")
    return closed(t, rules)


def _smoothing(t: Table) -> Any:
    return t.text("smoothing", SMOOTHINGS)


def _trimp(t: Table) -> TrimpConstants:
    rules = TrimpConstants(
        men_a=t.number("men_a", 0, 10),
        men_b=t.number("men_b", 0, 10),
        women_a=t.number("women_a", 0, 10),
        women_b=t.number("women_b", 0, 10),
        hr_max_intercept=t.number("hr_max_intercept", 100, 260),
        hr_max_slope=t.number("hr_max_slope", 0, 2),
        hr_rest_default=t.integer("hr_rest_default", 20, 120),
        cited=t.cited(),
    )
    return closed(t, rules)
