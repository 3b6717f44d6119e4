"""The TUI's pure helpers: labels, grouping, the onboarding form and the machine's zone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.core.errors import InputError
from planner.core.model import ChecklistItem, Run, RunGuidance
from planner.core.wording import (
    day_label,
    guidance_label,
    last_run_label,
    progress_label,
    runner_label,
    when_label,
)
from planner.tui.machine import machine_zone
from planner.tui.screens.onboarding import profile_changes
from planner.tui.widgets.bullets import bullet_lines
from planner.tui.widgets.checklist import in_day_order, tick_mark

SAT = date(2026, 11, 28)


def item(
    item_id: str, when: str = "any", *, done: bool = False, withheld: bool = False
) -> ChecklistItem:
    return ChecklistItem(
        item_id, "hydration", item_id.title(), "", when=when, done=done, withheld=withheld
    )


def test_day_label_is_unpadded() -> None:
    assert day_label(SAT, year=True) == "Sat 28 Nov 2026"
    assert day_label(date(2026, 12, 1)) == "Tue 1 Dec"


@pytest.mark.parametrize(
    ("offset", "projected", "label"),
    [
        (0, False, "today"),
        (1, True, "tomorrow · projected"),
        (5, True, "in 5 days · projected"),
        (-1, False, "yesterday"),
        (-3, False, "3 days ago"),
    ],
)
def test_when_label(offset: int, projected: bool, label: str) -> None:
    day = date.fromordinal(SAT.toordinal() + offset)
    assert when_label(day, SAT, projected) == label


def test_runner_label() -> None:
    assert runner_label(52, "50-54") == "age 52 · WMA 50-54"
    assert runner_label(None, None) == "age not set"


def test_guidance_label() -> None:
    assert guidance_label(RunGuidance(False, None, None, 0.0)) == "No running today."
    # The intensity cap limits a quality session; on an easy day it would only confuse.
    assert guidance_label(RunGuidance(True, 45, 4, 0.88)) == "Run up to 45 min · RPE ≤ 4"
    assert (
        guidance_label(RunGuidance(True, 45, 8, 0.88), quality=True)
        == "Run up to 45 min · RPE ≤ 8 · intensity cap 88%"
    )
    assert (
        guidance_label(RunGuidance(True, None, None, 1.0), quality=True)
        == "Run no time cap · intensity cap 100%"
    )


def test_last_run_label_uses_the_runners_units() -> None:
    runs = (
        Run("a", date(2026, 11, 20), 10_000, 3000, 3000, rpe=4, type="easy"),
        Run("b", date(2026, 11, 27), 16_093.44, 5520, 5520),
    )
    assert last_run_label(runs, SAT, "imperial") == "Last run Fri 27 Nov: 10.0 mi in 1:32:00"
    assert last_run_label(runs, date(2026, 11, 26), "metric") == (
        "Last run Fri 20 Nov: 10.0 km in 50:00, RPE 4, easy"
    )
    assert last_run_label(runs, date(2026, 11, 1), "metric") == "No run logged before this day."


def test_progress_leaves_withheld_items_out() -> None:
    items = (item("a", done=True), item("b"), item("c", withheld=True))
    assert progress_label(items) == "1/2 done · 1 withheld"
    assert progress_label(items[:2]) == "1/2 done"


def test_items_are_grouped_in_day_order_and_marked() -> None:
    items = [item("yoga", "evening"), item("warm", "before_run"), item("odd", "brunch")]
    assert [i.id for i in in_day_order(items)] == ["warm", "yoga", "odd"]
    assert [tick_mark(i) for i in (item("a", done=True), item("b"), item("c", withheld=True))] == [
        "✓",
        "○",
        "⊘",
    ]


def form(
    age: str = "",
    birth_date: str = "",
    weight: str = "",
    weight_unit: str = "kg",
    tz: str | None = None,
) -> dict[str, str]:
    return profile_changes(
        age=age,
        birth_date=birth_date,
        weight=weight,
        weight_unit=weight_unit,
        units="metric",
        tz=tz,
    )


def test_profile_changes() -> None:
    assert form(age=" 52 ") == {"age": "52", "units": "metric"}
    assert form(birth_date="1974-05-01", weight="154", weight_unit="lb", tz="Europe/Berlin") == {
        "birth_date": "1974-05-01",
        "weight_lb": "154",
        "units": "metric",
        "tz": "Europe/Berlin",
    }
    with pytest.raises(InputError, match="age or your birth date"):
        form()
    with pytest.raises(InputError, match="not both"):
        form(age="52", birth_date="1974-05-01")


def test_machine_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/America/New_York")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert machine_zone(link) == "Europe/Berlin"
    monkeypatch.setenv("TZ", ":Asia/Tokyo")
    assert machine_zone(link) == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "EST5EDT,M3.2.0,M11.1.0")  # a POSIX rule, not a zone name
    assert machine_zone(link) == "America/New_York"
    monkeypatch.delenv("TZ")
    assert machine_zone(link) == "America/New_York"
    assert machine_zone(tmp_path / "missing") is None


def test_hanging_lines_keep_wrapped_text_clear_of_the_bullet() -> None:
    lines = bullet_lines(["one two three four five six seven", "eight"], "•", 12)
    assert lines.plain.split("\n") == [
        "• one two",
        "  three four",
        "  five six",
        "  seven",
        "• eight",
    ]
