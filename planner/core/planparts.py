"""Plan-file sections for check-ins and races: red flags, injury guides, taper, reverse taper."""

from __future__ import annotations

import itertools
import re
from typing import Any

from planner.core.checkin import AREAS, RED_FLAG_IDS
from planner.core.rules import (
    CONSEQUENCES,
    LIFTED_BY,
    SEXES_FOR_RULES,
    CautionRule,
    DistanceRules,
    InjuryGuide,
    InjuryRules,
    LayoffRule,
    MonotonyRules,
    PaceRules,
    RedFlag,
    RedFlagRules,
    RedSRule,
    ReturnRule,
    ReverseTaperRule,
    SleepRule,
    SpikeRule,
    TaperRule,
    TodayRule,
)
from planner.core.tomltable import Table, closed

ID = re.compile(r"^[a-z0-9_]+$")


def red_flags(t: Table) -> RedFlagRules:
    flags: list[RedFlag] = []
    for f in t.tables("flag"):
        flag = RedFlag(
            id=f.text("id"),
            question=f.text("question"),
            consequence=_consequence(f),
            advice=f.text("advice"),
            name=f.text("name"),
            clinician_after_days=f.integer("clinician_after_days", 1, 60)
            if f.has("clinician_after_days")
            else None,
            lifted_by=_lifted_by(f),
            return_days=f.integer("return_days", 0, 365),
            bone_stress=f.boolean("bone_stress") if f.has("bone_stress") else False,
            build_up=f.boolean("build_up") if f.has("build_up") else True,
        )
        if not ID.match(flag.id):
            f.fail("id", f"{flag.id!r}: use lower-case letters, digits and _")
        if any(seen.id == flag.id for seen in flags):
            f.fail("id", f"{flag.id!r} appears twice")
        flags.append(closed(f, flag))
    ids = {f.id for f in flags}
    missing = [flag_id for flag_id in RED_FLAG_IDS if flag_id not in ids]
    if missing:
        t.fail(
            "flag",
            f"no flag {missing[0]!r}; every plan answers each check-in question "
            f"({', '.join(RED_FLAG_IDS)})",
        )
    return closed(t, RedFlagRules(tuple(flags), t.cited()))


def _consequence(t: Table) -> Any:
    return t.text("consequence", CONSEQUENCES)


def _lifted_by(t: Table) -> Any:
    return t.text("lifted_by", LIFTED_BY)


def injuries(t: Table, flag_ids: set[str]) -> InjuryRules:
    guides: list[InjuryGuide] = []
    for g in t.tables("guide"):
        guide = InjuryGuide(
            id=g.text("id"),
            name=g.text("name"),
            areas=g.texts("areas"),
            flags=g.texts("flags"),
            urgent=g.boolean("urgent"),
            advice=g.text("advice"),
            source=g.text("source"),
        )
        if not ID.match(guide.id) or any(seen.id == guide.id for seen in guides):
            g.fail("id", f"{guide.id!r}: use a new id of lower-case letters, digits and _")
        for area in guide.areas:
            if area not in AREAS:
                g.fail("areas", f"{area!r} is not one of {', '.join(AREAS)}")
        if not guide.areas:
            g.fail("areas", "empty; a guide names the areas it is about")
        for flag in guide.flags:
            if flag not in flag_ids:
                g.fail("flags", f"{flag!r} is not a red flag of this plan")
        guides.append(closed(g, guide))
    return closed(t, InjuryRules(tuple(guides), t.integer("reduce_max_minutes", 0, 600), t.cited()))


def taper(t: Table) -> TaperRule:
    rule = TaperRule(
        days_short=t.integer("days_short", 0, 42),
        days_long=t.integer("days_long", 0, 42),
        long_from_km=t.number("long_from_km", 0, 1000),
        volume_share=t.number("volume_share", 0.05, 1),
        no_hard_days=t.integer("no_hard_days", 0, 42),
        default_pace_min_per_km=t.number("default_pace_min_per_km", 2, 20),
        cited=t.cited(),
    )
    if rule.days_long < rule.days_short:
        t.fail("days_long", "shorter than days_short; a longer race never tapers less")
    return closed(t, rule)


def reverse_taper(t: Table) -> ReverseTaperRule:
    rule = ReverseTaperRule(
        from_km=t.number("from_km", 0, 1000),
        weekly_shares=t.numbers("weekly_shares", 0.05, 1),
        cited=t.cited(),
    )
    for week, (before, now) in enumerate(itertools.pairwise(rule.weekly_shares), 2):
        if now < before:
            t.fail(
                "weekly_shares", f"week {week} ({now:g}) is below week {week - 1}; build back up"
            )
    return closed(t, rule)


def pace(t: Table) -> PaceRules:
    rule = PaceRules(
        lookback_days=t.integer("lookback_days", 1, 365),
        min_runs=t.integer("min_runs", 1, 100),
        reference_max_rpe=t.number("reference_max_rpe", 1, 10),
        rpe_per_speed=t.number("rpe_per_speed", 0, 100),
        cited=t.cited(),
    )
    return closed(t, rule)


def monotony(t: Table) -> MonotonyRules:
    rule = MonotonyRules(
        days=t.integer("days", 2, 60), flag_above=t.number("flag_above", 0, 100), cited=t.cited()
    )
    return closed(t, rule)


def distance(t: Table) -> DistanceRules:
    rule = DistanceRules(
        window_days=t.integer("window_days", 1, 60),
        increase_limit=t.number("increase_limit", 0, 10),
        cited=t.cited(),
    )
    return closed(t, rule)


# ---- the safety rules: cautions that last, returns, spikes ----------------------------------


def cautions(t: Table) -> CautionRule:
    return closed(t, CautionRule(t.integer("carry_over_days", 0, 14), t.cited()))


def sleep(t: Table) -> SleepRule:
    return closed(t, SleepRule(t.number("min_hours_for_quality", 0, 24), t.cited()))


def today_runs(t: Table) -> TodayRule:
    return closed(t, TodayRule(t.cited()))


def return_to_run(t: Table) -> ReturnRule:
    rule = ReturnRule(
        first_week_share=t.number("first_week_share", 0.05, 1),
        weekly_increase=t.number("weekly_increase", 0, 1),
        cited=t.cited(),
    )
    return closed(t, rule)


def layoff(t: Table) -> LayoffRule:
    rule = LayoffRule(
        min_gap_days=t.integer("min_gap_days", 2, 365),
        easy_days_min=t.integer("easy_days_min", 0, 365),
        easy_days_max=t.integer("easy_days_max", 0, 365),
        gap_share=t.number("gap_share", 0, 10),
        first_week_share=t.number("first_week_share", 0.05, 1),
        weekly_increase=t.number("weekly_increase", 0, 1),
        cited=t.cited(),
    )
    if rule.easy_days_max < rule.easy_days_min:
        t.fail("easy_days_max", "below easy_days_min")
    return closed(t, rule)


def spikes(t: Table) -> SpikeRule:
    rule = SpikeRule(
        distance_rise=t.number("distance_rise", 0, 10),
        compare_weeks=t.integer("compare_weeks", 1, 12),
        block_days=t.integer("block_days", 1, 28),
        cited=t.cited(),
    )
    return closed(t, rule)


def red_s(t: Table) -> RedSRule:
    sexes = t.texts("sexes")
    for sex in sexes:
        if sex not in SEXES_FOR_RULES:
            t.fail("sexes", f"{sex!r} is not one of {', '.join(SEXES_FOR_RULES)}")
    return closed(t, RedSRule(sexes, t.text("advice"), t.cited()))
