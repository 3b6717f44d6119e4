"""Snapshots of each screen: open the SVGs in __snapshots__ and check what each docstring says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.pilot import Pilot

from planner.service import Planner
from planner.tui.app import PlannerApp

SnapCompare = Callable[..., bool]
TODAY = date(2026, 11, 28)  # as pinned in conftest.py


def test_today_at_80x24(app: PlannerApp, snap_compare: SnapCompare) -> None:
    """You should see "Sat 28 Nov 2026", "today" and "age 52 · WMA 50-54" on the top line;
    a coloured day-type badge with the run guidance beside it (minutes, RPE, intensity cap %);
    the dim "not medical advice" line; the reasons as bullets; then "Checklist 0/n done" and
    the checklist grouped under headings, its first item highlighted; keys in the footer."""
    assert snap_compare(app, terminal_size=(80, 24))


def test_today_at_120x40(app: PlannerApp, snap_compare: SnapCompare) -> None:
    """You should see the same day side by side: the badge, guidance, disclaimer, reasons and
    the last run (16.0 km) in a left column, and the whole checklist in the right column."""
    assert snap_compare(app, terminal_size=(120, 40))


def test_today_after_ticks(app: PlannerApp, snap_compare: SnapCompare) -> None:
    """You should see the first and third items ticked (a ✓ instead of ○, title dimmed), the
    cursor on the third item, and the progress line reading "2/n done"."""
    assert snap_compare(app, terminal_size=(80, 24), press=["space", "j", "j", "space"])


def test_tomorrow_is_projected(app: PlannerApp, snap_compare: SnapCompare) -> None:
    """You should see "Sun 29 Nov 2026" and "tomorrow · projected" on the top line."""
    assert snap_compare(app, terminal_size=(80, 24), press=["right_square_bracket"])


def test_see_a_clinician_day(planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see, side by side at 100x30, the "SEE A CLINICIAN" badge on the error colour,
    the summary framed by a thick error-coloured border, "No running today: see a clinician
    before you run again.", the red-flag advice among the reasons, "0/4 done · 3 withheld",
    and Stretch, Foam roll and Gentle yoga dimmed, struck through, each saying why."""
    planner.store.append(
        "checkin", {"date": TODAY, "soreness": 2, "red_flags": ["cannot_bear_weight"]}
    )
    assert snap_compare(PlannerApp(planner), terminal_size=(100, 30))


def test_help(app: PlannerApp, snap_compare: SnapCompare) -> None:
    """You should see a "Keys" panel over Today listing every key with what it does
    (space / enter Tick, j / ↓ Next item, k / ↑, home, end, pgup, pgdn, [ Prev day, ] Next day,
    t Today, tab / shift+tab Other pane, ? Keys, q / ^q Quit, ^p Commands), the disclaimer,
    and "esc, ? or q to close" on its bottom border."""
    assert snap_compare(app, terminal_size=(80, 24), press=["question_mark"])


def test_onboarding(new_planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see "Welcome to planner", fields for age or birth date, weight with a kg/lb
    choice, metric or imperial units, the "not medical advice" line in the warning colour and
    a "Start planning" button."""
    assert snap_compare(PlannerApp(new_planner), terminal_size=(80, 24))


def test_onboarding_error(new_planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see the onboarding form with 200 in the age field and, under the disclaimer,
    the inline error "Age 200: must be from 10 to 110" in the error colour."""

    async def type_age(pilot: Pilot[int]) -> None:
        await pilot.pause()  # let the age field take focus first
        await pilot.press("2", "0", "0", "enter")

    assert snap_compare(PlannerApp(new_planner), terminal_size=(80, 24), run_before=type_age)


def test_today_in_the_light_theme(app: PlannerApp, snap_compare: SnapCompare) -> None:
    """You should see Today on a light background, every line readable: dark text, the
    badge and the highlighted item still in colour, the disclaimer dim but legible."""

    async def go_light(pilot: Pilot[int]) -> None:
        pilot.app.theme = "textual-light"

    assert snap_compare(app, terminal_size=(80, 24), run_before=go_light)
