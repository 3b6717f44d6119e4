"""`planner profile show|set` suggest the conservative plan in a first year (or years unset)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from clitools import Cli

from planner.core.jsonout import profile_to_json
from planner.service import Planner

TODAY = date(2026, 11, 28)  # as the `cli` fixture pins it
SUGGESTION = (
    "In your first year of running (or with years running unset) the conservative plan is "
    "suggested: planner profile set --plan conservative"
)


def test_show_suggests_conservative_with_years_unset(cli: Cli) -> None:
    code, out, _ = cli("profile", "set", "--age", "40")
    assert code == 0 and SUGGESTION in out  # standard, years unset
    code, out, _ = cli("profile", "show")
    assert code == 0
    assert out.rstrip().splitlines()[-1] == SUGGESTION  # after the profile, on a line of its own


@pytest.mark.parametrize("years", ["0", "0.5", "0.99"])
def test_set_years_under_one_suggests_conservative(cli: Cli, years: str) -> None:
    cli("profile", "set", "--age", "40", "--years-running", "5")
    code, out, _ = cli("profile", "set", "--years-running", years)
    assert code == 0 and SUGGESTION in out
    assert SUGGESTION in cli("profile", "show")[1]


@pytest.mark.parametrize("years", ["1", "5", "30"])
def test_no_suggestion_from_one_year(cli: Cli, years: str) -> None:
    cli("profile", "set", "--age", "40")
    code, out, _ = cli("profile", "set", "--years-running", years)
    assert code == 0 and "conservative" not in out
    assert "conservative" not in cli("profile", "show")[1]


@pytest.mark.parametrize("years", [[], ["--years-running", "0.5"]])
def test_no_suggestion_on_the_conservative_plan(cli: Cli, years: list[str]) -> None:
    code, out, _ = cli("profile", "set", "--age", "40", "--plan", "conservative", *years)
    assert code == 0 and "suggested" not in out
    assert "suggested" not in cli("profile", "show")[1]
    code, out, _ = cli("profile", "set", "--plan", "standard")  # back: suggested again
    assert SUGGESTION in out


def test_json_has_no_suggestion(cli: Cli, data: Path) -> None:
    """--json is the profile as before: no new keys, no suggestion line."""
    cli("profile", "set", "--age", "40", "--years-running", "0.5")
    code, out, _ = cli("profile", "show", "--json")
    assert code == 0 and "suggested" not in out
    planner = Planner.open(data, today=TODAY)
    assert json.loads(out) == profile_to_json(planner.profile, planner.today())
