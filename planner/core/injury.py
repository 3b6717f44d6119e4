"""Which common running injury a day's sore areas and warning signs point to, if any."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from planner.core.history import FlagInForce
from planner.core.model import Checkin
from planner.core.rules import InjuryGuide, InjuryRules


def flagged_areas(
    checkins: Mapping[date, Checkin], flags: tuple[FlagInForce, ...], day: date
) -> set[str]:
    """Areas reported from the first check-in of the flags in force up to `day`."""
    if not flags:
        return set()
    since = min(f.since for f in flags)
    return {a for d, c in checkins.items() if since <= d <= day for a in c.areas}


def guides_for(rules: InjuryRules, areas: set[str], flag_ids: set[str]) -> tuple[InjuryGuide, ...]:
    """Guides with flags while a flag is in force; guides without only when none is."""
    if flag_ids:
        return tuple(
            g for g in rules.guides if g.flags and areas & set(g.areas) and flag_ids & set(g.flags)
        )
    return tuple(g for g in rules.guides if not g.flags and areas & set(g.areas))


def guide_reason(guide: InjuryGuide) -> str:
    return f"Points to {guide.name}: {guide.advice}"
