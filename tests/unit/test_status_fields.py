"""core/morning.status_fields: the day as `planner status` says it, field by field."""

from __future__ import annotations

from datetime import date

from planner.core.model import ChecklistItem, RunGuidance
from planner.core.morning import STATUS_FIELDS, DayView, status_fields

DAY = date(2026, 11, 28)


def _view(day_type: str, badge: str, run: RunGuidance | None, **more: object) -> DayView:
    items = (
        ChecklistItem("hydration", "hydration", "Rehydrate", "", done=True),
        ChecklistItem("stretching", "stretching", "Stretch", ""),
        ChecklistItem("yoga", "yoga", "Gentle yoga", "", withheld=True),  # not doable today
    )
    return DayView(DAY, "", "", True, False, "", day_type, badge, "", checklist=items, run=run,
                   **more)  # type: ignore[arg-type]  # fmt: skip


def test_an_easy_day_gives_its_minutes_and_effort_and_counts_the_doable_items() -> None:
    fields = status_fields(_view("easy", "EASY", RunGuidance(True, 41, 4, 0.9), streak=3))
    assert set(fields) == set(STATUS_FIELDS)
    assert (fields["type"], fields["run"], fields["minutes"], fields["rpe"]) == (
        "EASY", "41'", "41", "4",
    )  # fmt: skip
    assert (fields["done"], fields["total"], fields["open"]) == ("1", "2", "1")
    assert (fields["flag"], fields["streak"], fields["day"], fields["date"]) == (
        "", "3", "Sat 28 Nov", "2026-11-28",
    )  # fmt: skip


def test_a_rest_day_says_no_run_and_a_day_without_a_cap_says_nothing() -> None:
    rest = status_fields(_view("rest", "REST", RunGuidance(False, None, None, 0.0)))
    assert (rest["run"], rest["minutes"], rest["rpe"]) == ("no run", "", "")
    open_ended = status_fields(_view("quality_ok", "QUALITY OK", RunGuidance(True, None, None, 1)))
    assert (open_ended["run"], open_ended["minutes"]) == ("", "")


def test_a_warning_or_a_clinician_day_is_flagged() -> None:
    clinician = status_fields(
        _view("see_clinician", "SEE A CLINICIAN", RunGuidance(True, 30, 3, 0.5))
    )
    assert (clinician["flag"], clinician["run"], clinician["minutes"]) == ("⚑", "", "")
    warned = _view("easy", "EASY", RunGuidance(True, 30, 3, 0.5), warnings=("Pain at rest",))
    assert status_fields(warned)["flag"] == "⚑"
