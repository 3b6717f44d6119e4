"""Read the tables that fit the plan to the runner (fitrules.py); each refusal names its key."""

from __future__ import annotations

import itertools

from planner.core.fitrules import OverreachingRule, RaceRestRule, RaceWeekRule, SizingRule, WeekRule
from planner.core.tomltable import Table, closed


def sizing(t: Table) -> SizingRule:
    rule = SizingRule(
        longest_run_share=t.number("longest_run_share", 0.5, 2),
        longest_hard_share=t.number("longest_hard_share", 0.5, 2),
        lookback_days=t.integer("lookback_days", 7, 84),
        first_after_days=t.integer("first_after_days", 7, 365),
        first_fast_minutes=t.integer("first_fast_minutes", 1, 30),
        first_max_rpe=t.integer("first_max_rpe", 1, 10),
        top_rpe=t.integer("top_rpe", 1, 10),
        top_rpe_needs=t.integer("top_rpe_needs", 0, 20),
        top_rpe_from=t.integer("top_rpe_from", 1, 10),
        top_rpe_lookback_days=t.integer("top_rpe_lookback_days", 7, 365),
        cited=t.cited(),
    )
    return closed(t, rule)


def week(t: Table) -> WeekRule:
    rule = WeekRule(
        lookback_weeks=t.integer("lookback_weeks", 1, 26),
        default_runs=t.integer("default_runs", 1, 6),
        rest_days=t.integer("rest_days", 1, 6),
        older_rest_days=t.integer("older_rest_days", 1, 6),
        older_from_age=t.integer("older_from_age", 0, 120),
        cited=t.cited(),
    )
    if rule.older_rest_days < rule.rest_days:
        t.fail("older_rest_days", "fewer rest days for older runners would loosen with age")
    if rule.default_runs > 7 - rule.rest_days:
        t.fail("default_runs", f"more than the {7 - rule.rest_days} runs a week rest_days leaves")
    return closed(t, rule)


def overreaching(t: Table) -> OverreachingRule:
    rule = OverreachingRule(
        form_below=t.number("form_below", 0, 1),
        monotony_above=t.number("monotony_above", 0, 10),
        hard_days=t.integer("hard_days", 1, 7),
        window_days=t.integer("window_days", 1, 14),
        rest_days=t.integer("rest_days", 1, 7),
        easy_days=t.integer("easy_days", 0, 28),
        min_history_days=t.integer("min_history_days", 0, 365),
        cited=t.cited(),
    )
    return closed(t, rule)


def race_rest(t: Table) -> RaceRestRule:
    ages = tuple(int(a) for a in t.numbers("from_ages", 0, 120))
    rule = RaceRestRule(
        from_ages=ages,
        half_km=t.number("half_km", 1, 1000),
        half=tuple(int(d) for d in t.numbers("half", 0, 14)),
        marathon_km=t.number("marathon_km", 1, 1000),
        marathon=tuple(int(d) for d in t.numbers("marathon", 0, 14)),
        cited=t.cited(),
    )
    if not ages or ages[0] != 0 or list(ages) != sorted(set(ages)):
        t.fail("from_ages", "must start at 0 and rise")
    for key in ("half", "marathon"):
        days = getattr(rule, key)
        if len(days) != len(ages):
            t.fail(key, f"needs one value per age in from_ages ({len(ages)})")
        if any(b < a for a, b in itertools.pairwise(days)):
            t.fail(key, "fewer rest days at an older age would loosen with age")
    if rule.marathon_km < rule.half_km or any(
        m < h for h, m in zip(rule.half, rule.marathon, strict=True)
    ):
        t.fail("marathon", "a marathon needs at least the rest days of a half")
    return closed(t, rule)


def race_week(t: Table) -> RaceWeekRule:
    def pair(key: str) -> tuple[int, int]:
        low, high = (int(m) for m in _two(t, key))
        return low, high

    rule = RaceWeekRule(
        second_week_share=t.number("second_week_share", 0.05, 1),
        pace_from_days=t.integer("pace_from_days", 1, 14),
        pace_to_days=t.integer("pace_to_days", 1, 14),
        long_pace_minutes=pair("long_pace_minutes"),
        long_pace_rpe=t.integer("long_pace_rpe", 1, 10),
        short_pace_minutes=pair("short_pace_minutes"),
        short_pace_rpe=t.integer("short_pace_rpe", 1, 10),
        no_top_rpe_days=t.integer("no_top_rpe_days", 0, 28),
        cited=t.cited(),
    )
    if rule.pace_to_days > rule.pace_from_days:
        t.fail("pace_to_days", "must not be more days out than pace_from_days")
    return closed(t, rule)


def _two(t: Table, key: str) -> tuple[float, float]:
    values = t.numbers(key, 1, 120)
    if len(values) != 2 or values[0] > values[1]:
        t.fail(key, "give [least, most] minutes")
    return values[0], values[1]
