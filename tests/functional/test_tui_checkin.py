"""The TUI check-in of issue 11, driven by keys through Pilot: it reopens with the morning's
answers, asks a clinician's clearance for a sign in force, keeps a "no" that cannot lift a
sign, asks the RED-S questions, and saves pain and sleep."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input, Static

from planner.core.checkin import CheckinAnswers
from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.checkin import CheckinScreen
from planner.tui.screens.today import TodayScreen
from planner.tui.widgets.day_summary import DaySummary
from planner.tui.widgets.scale import Scale
from planner.tui.widgets.tick_box import TickBox

SIZE = (80, 24)
TODAY = date(2026, 11, 28)  # as pinned in conftest.py
YESTERDAY = TODAY - timedelta(days=1)
Reopen = Callable[[], Planner]


def quiet(planner: Planner) -> PlannerApp:
    return PlannerApp(planner, poll_seconds=0)


def box(app: PlannerApp, box_id: str) -> TickBox:
    return app.screen.query_one(f"#{box_id}", TickBox)


async def tick(app: PlannerApp, pilot: object, box_id: str) -> None:
    """Focus a tick box (scrolling it into view) and press space, as a runner would."""
    target = box(app, box_id)
    target.focus()
    target.scroll_visible(animate=False)
    await pilot.press("space")  # type: ignore[attr-defined]


def stress_fracture_yesterday(planner: Planner) -> None:
    planner.checkin(
        CheckinAnswers(soreness="3", day=YESTERDAY, areas=["shins"], flags=["hopping_pain"])
    )


async def test_reopened_it_shows_this_mornings_answers(planner: Planner, reopen: Reopen) -> None:
    planner.checkin(
        CheckinAnswers(soreness="3", areas=["shins", "calves"], pain="4", sleep_hours="6.5")
    )
    before = planner.checkins()[TODAY]
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one("#soreness", Scale).value == 3
        assert app.screen.query_one("#pain", Scale).value == 4
        assert app.screen.query_one("#sleep", Input).value == "6.5"
        assert box(app, "area-shins").value and box(app, "area-calves").value
        assert not box(app, "area-knees").value
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)
    after = reopen().checkins()[TODAY]
    assert (after.soreness, set(after.areas), after.pain, after.sleep_hours) == (
        before.soreness, set(before.areas), before.pain, before.sleep_hours,
    )  # fmt: skip


async def test_a_clinicians_clearance_lifts_a_sign_in_force(
    planner: Planner, reopen: Reopen
) -> None:
    stress_fracture_yesterday(planner)
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one(DaySummary).shown("badge") == "SEE A CLINICIAN"
        await pilot.press("c")
        assert box(app, "flag-hopping_pain").value  # asked ticked: it stands from yesterday
        notes = [str(s.content) for s in app.screen.query(".flag-note").results(Static)]
        assert notes == [
            "In force since Fri 27 Nov; only a clinician can lift it: tick the box below once "
            "one has cleared you."
        ]
        assert not box(app, "cleared-hopping_pain").value
        assert not app.screen.query("#cleared-limp")  # asked only for a sign in force
        await pilot.press("1")
        await tick(app, pilot, "cleared-hopping_pain")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(DaySummary).shown("badge") != "SEE A CLINICIAN"
    checkin = reopen().checkins()[TODAY]
    assert checkin.cleared == ("hopping_pain",) and "hopping_pain" not in checkin.red_flags
    day = reopen().day(TODAY)
    assert day.day_type == "easy" and "Return after pain on hopping" in " ".join(day.reasons)


async def test_unticking_a_sign_only_a_clinician_lifts_keeps_it(
    planner: Planner, reopen: Reopen, data_dir: Path
) -> None:
    stress_fracture_yesterday(planner)
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "1")
        await tick(app, pilot, "flag-hopping_pain")
        assert not box(app, "flag-hopping_pain").value
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(DaySummary).shown("badge") == "SEE A CLINICIAN"
    assert "hopping_pain" in reopen().checkins()[TODAY].answered_no
    # Reopened the morning after, the note says the "no" was kept and how to lift it.
    tomorrow = Planner.open(data_dir, today=TODAY + timedelta(days=1))
    app = quiet(tomorrow)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        (note,) = [str(s.content) for s in app.screen.query(".flag-note").results(Static)]
        assert "you answered no on Sat 28 Nov, but only a clinician can lift it" in note


async def test_the_red_s_questions_follow_a_bone_stress_tick_in_a_woman(planner: Planner) -> None:
    planner.set_profile({"sex": "f"})
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        red_s = app.screen.query_one("#red-s", Static)
        assert not red_s.display
        await tick(app, pilot, "flag-hopping_pain")
        assert red_s.display and "RED-S" in str(red_s.content)
        await tick(app, pilot, "flag-hopping_pain")
        assert not red_s.display
    planner.set_profile({"sex": "m"})
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert not app.screen.query("#red-s")


async def test_sleep_is_saved_and_a_bad_one_is_refused(planner: Planner, reopen: Reopen) -> None:
    app = quiet(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "2")
        sleep = app.screen.query_one("#sleep", Input)
        sleep.focus()
        await pilot.press(*"25", "ctrl+s")
        assert isinstance(app.screen, CheckinScreen)
        assert "0-24" in str(app.screen.query_one("#checkin-error", Static).content)
        assert TODAY not in reopen().checkins()
        assert app.focused is sleep
        await pilot.press("backspace", "backspace", *"5.5", "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
    checkin = reopen().checkins()[TODAY]
    assert (checkin.soreness, checkin.sleep_hours) == (2, 5.5)
    # Sleep is the rule that decides the day here (it comes before the base in the gate).
    assert "5.5 h" in " ".join(reopen().day(TODAY).reasons)
