"""Issue 15, point 3: forgiving input, strict meaning."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from clitools import Cli, tree_digest

from planner.cli import main
from planner.service import Planner


def test_the_app_options_may_come_after_the_command(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["profile", "set", "--age", "52", "--data", str(data)]) == 0
    capsys.readouterr()
    assert main(["today", "--today", "2026-12-04", f"--data={data}"]) == 0
    assert capsys.readouterr().out.startswith("Fri 4 Dec 2026")


@pytest.mark.parametrize(
    ("word", "starts"), [("tod", "Sat 28 Nov 2026"), ("ru", "2026-11-27"), ("prof", "age ")]
)
def test_a_command_by_the_start_of_its_name(cli: Cli, word: str, starts: str) -> None:
    cli("profile", "set", "--age", "52")
    cli("log", "--distance", "5km", "--duration", "30:00", "--rpe", "3", "--date", "2026-11-27")
    code, out, err = cli(word)
    assert code == 0, err
    assert starts in out, out


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("tody", "planner: 'tody' is not a command; did you mean today? (see: planner --help)"),
        ("pl", "planner: command 'pl' is ambiguous: plan, plan-file"),
        ("zzz", "planner: 'zzz' is not a command (see: planner --help)"),
    ],
)
def test_a_name_that_is_no_command_is_refused_with_the_nearest(
    cli: Cli, data: Path, word: str, said: str
) -> None:
    cli("profile", "set", "--age", "52")
    before = tree_digest(data)
    code, out, err = cli(word)
    assert (code, out, err.strip()) == (2, "", said)
    assert tree_digest(data) == before


def test_several_items_prefixes_and_all(cli: Cli, data: Path) -> None:
    cli("profile", "set", "--age", "52")
    code, out, _ = cli("check", "foam", "yoga", "hydration")
    assert code == 0
    assert out.startswith("Ticked foam_rolling, yoga, hydration on 2026-11-28 (3/")
    code, out, _ = cli("check", "yoga")
    assert (code, out) == (0, "yoga was already ticked on 2026-11-28.\n")
    code, out, _ = cli("uncheck", "stretching")
    assert (code, out) == (0, "stretching was not ticked on 2026-11-28.\n")
    code, out, _ = cli("check", "all")
    assert code == 0 and out.startswith("Ticked ") and "done)" in out
    done = Planner.open(data, today=date(2026, 11, 28))
    assert all(item.done for item in done.day().checklist if not item.withheld)
    code, out, _ = cli("uncheck", "all")
    assert code == 0 and out.startswith("Unticked ") and "(0/" in out


def test_a_mistyped_item_names_the_nearest_and_writes_nothing(cli: Cli, data: Path) -> None:
    cli("profile", "set", "--age", "52")
    before = tree_digest(data)
    code, out, err = cli("check", "yoga", "yogaa")
    assert code == 2 and out == ""
    assert "item 'yogaa' is not on the checklist of 2026-11-28; did you mean yoga?" in err
    assert tree_digest(data) == before  # yoga was not ticked either: all or nothing
    code, _, err = cli("check", "meal")
    assert code == 2 and "ambiguous" in err


def test_runner_days(cli: Cli) -> None:
    cli("profile", "set", "--age", "52")
    days = {"yesterday": "2026-11-27", "-2": "2026-11-26", "thu": "2026-11-26",
            "sat": "2026-11-28", "sunday": "2026-11-22", "today": "2026-11-28"}  # fmt: skip
    for word, day in days.items():
        code, out, err = cli("check", "yoga", "--date", word)
        assert code == 0, err
        assert f"on {day}" in out, (word, out)
    code, _, err = cli("check", "yoga", "--date", "tomorrow")
    assert code == 2 and "after today" in err
    code, _, err = cli("log", "--distance", "5km", "--duration", "30:00", "--rpe", "3",
                       "--date", "someday")  # fmt: skip
    assert code == 2
    assert err.strip() == (
        "planner: --date 'someday': not a day; use YYYY-MM-DD, today, yesterday, -1 or mon..sun"
    )
