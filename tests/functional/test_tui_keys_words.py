"""The TUI speaks in keys: where the plan's words name a CLI command, the screen names the key."""

from __future__ import annotations

import re
from datetime import timedelta

from planner.core.wording import in_keys
from planner.service import Planner
from planner.tui.week_view import week_days

COMMAND = re.compile(r"planner [a-z-]+ ?-?")


def test_the_morning_view_and_week_name_keys_not_commands(planner: Planner) -> None:
    today = planner.today()
    view = planner.morning(today)
    texts = [*view.reasons, *view.warnings]
    texts += [f"{item.detail} {item.why}" for item in view.checklist]
    plan = planner.plan(start=today, days=1).days[0]
    raw = [*plan.reasons, *[f"{item.detail} {item.why}" for item in plan.checklist]]
    assert any(COMMAND.search(text) for text in raw)  # the plan itself names commands (the CLI's)
    assert not [text for text in texts if COMMAND.search(text)]
    assert any("press c" in text for text in texts)  # no check-in yet: says which key
    first = today - timedelta(days=7)
    week = week_days(planner.plan(start=first, days=15).days, today)
    assert not [r for day in week for r in (*day.reasons, *day.warnings) if COMMAND.search(r)]


def test_each_command_the_plan_names_has_its_key() -> None:
    cases = {
        "(planner checkin).": "(press c).",
        "at the check-in (planner checkin --rate RUN_ID=RPE) or": "at the check-in (press c) or",
        "lifts it: planner checkin --cleared chest_pain.": "lifts it: at the check-in (c): "
        "“cleared by a clinician”.",
        "record it with planner checkin --cleared pop.": "record it at the check-in (c): "
        "“cleared by a clinician”.",
        "(planner log --temp-c, or a default: planner profile set --temp-c).": "(press L and "
        "give the temperature, or set a usual one in Profile: p).",
        "(planner log --weight-before 70.2kg --weight-after 69.1kg): an": "(press L and give "
        "your weight before and after): an",
        "(planner profile set --years-running N)": "(Profile (p): years running)",
        "set yours with planner profile set --hr-max N --hr-rest N": "set yours in Profile (p)",
        "log it with planner log --type race and": "log it (press L, type race) and",
        "nothing to do here": "nothing to do here",
    }
    for text, said in cases.items():
        assert in_keys(text) == said
