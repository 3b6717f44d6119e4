"""The conservative plan offered to a first-year runner: at onboarding and on Profile (80x24)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widget import Widget
from textual.widgets import Button, Input, RadioSet, Select, Static

from planner.core.model import Profile
from planner.runner_input import conservative_suggested
from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.onboarding import OnboardingScreen, suggested_plan
from planner.tui.screens.profile import ProfileScreen
from planner.tui.screens.today import TodayScreen

SIZE = (80, 24)
Reopen = Callable[[], Planner]


def pressed_plan(app: PlannerApp) -> str | None:
    button = app.screen.query_one("#plan", RadioSet).pressed_button
    return None if button is None else button.id


def on_screen(app: PlannerApp, widget: Widget) -> bool:
    """The whole widget is drawn inside the terminal (not scrolled off, not cut)."""
    region = widget.region
    return bool(region.area) and app.screen.region.contains_region(region)


@pytest.mark.parametrize(
    ("typed", "plan"),
    [("", "conservative"), ("  ", "conservative"), ("0", "conservative"), ("0.5", "conservative"),
     ("0.99", "conservative"), ("1", "standard"), ("5", "standard"), ("-", None), ("1e", None)],
)  # fmt: skip
def test_suggested_plan(typed: str, plan: str | None) -> None:
    assert suggested_plan(typed) == plan


@pytest.mark.parametrize(
    ("years", "plan", "suggested"),
    [(None, "standard", True), (0.5, "standard", True), (0.5, "mine", True),
     (1.0, "standard", False), (5.0, "standard", False), (None, "conservative", False),
     (0.5, "conservative", False)],
)  # fmt: skip
def test_conservative_suggested(years: float | None, plan: str, suggested: bool) -> None:
    assert conservative_suggested(Profile(age=30, years_running=years, plan=plan)) is suggested


# ---- onboarding -----------------------------------------------------------------------------


async def test_onboarding_blank_years_chooses_conservative(
    new_planner: Planner, reopen: Reopen
) -> None:
    app = PlannerApp(new_planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OnboardingScreen)
        assert pressed_plan(app) == "conservative"
        why = str(app.screen.query_one("#plan-why", Static).content)
        assert "first year of running" in why and "profile (p)" in why
        await pilot.press("5", "2")
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    profile = reopen().profile
    assert (profile.age, profile.years_running, profile.plan) == (52, None, "conservative")


async def test_onboarding_five_years_chooses_standard(new_planner: Planner, reopen: Reopen) -> None:
    app = PlannerApp(new_planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "4")
        await pilot.click("#years-running")
        await pilot.press("5")
        await pilot.pause()
        assert pressed_plan(app) == "standard"
        await pilot.press("backspace", "0", ".", "5")  # back under a year: conservative again
        await pilot.pause()
        assert pressed_plan(app) == "conservative"
        await pilot.press("backspace", "backspace", "backspace", "5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    profile = reopen().profile
    assert (profile.age, profile.years_running, profile.plan) == (44, 5.0, "standard")


async def test_onboarding_keeps_the_plan_the_runner_picked(
    new_planner: Planner, reopen: Reopen
) -> None:
    app = PlannerApp(new_planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "8")
        await pilot.click("#standard")  # against the suggestion for a blank field
        await pilot.click("#years-running")
        await pilot.press("0", ".", "5")
        await pilot.pause()
        assert pressed_plan(app) == "standard"  # the years no longer move it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    profile = reopen().profile
    assert (profile.years_running, profile.plan) == (0.5, "standard")


async def test_onboarding_refuses_bad_years_in_place(new_planner: Planner) -> None:
    app = PlannerApp(new_planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "2")
        app.screen.query_one("#years-running", Input).value = "95"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        error = app.screen.query_one("#onboarding-error", Static)
        assert "years running" in str(error.content).lower()
        assert on_screen(app, error) and on_screen(app, app.screen.query_one("#start", Button))
    assert not new_planner.has_profile()


async def test_onboarding_fits_80x24(new_planner: Planner) -> None:
    """Every field, the reason, the disclaimer and Start show at once; tab reaches each one."""
    app = PlannerApp(new_planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for selector in ("#welcome", "#plan-why", "#onboarding-disclaimer", "#start"):
            assert on_screen(app, screen.query_one(selector)), selector
        fields = ["age", "birth-date", "weight", "weight-unit", "units", "years-running", "plan",
                  "start"]  # fmt: skip
        chain = [widget.id for widget in screen.focus_chain if widget.id in fields]
        assert chain == fields
        for expected in fields:
            focused = app.focused
            assert focused is not None and focused.id == expected
            assert on_screen(app, focused), expected
            await pilot.press("tab")
            if app.focused is not None and app.focused.id not in fields:
                await pilot.press("tab")  # the form itself (it scrolls on a smaller terminal)


# ---- profile --------------------------------------------------------------------------------


async def test_profile_offers_conservative_and_switches(planner: Planner, reopen: Reopen) -> None:
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ProfileScreen)
        hint = app.screen.query_one("#profile-plan-hint")
        assert hint.display
        switch = app.screen.query_one("#profile-use-conservative", Button)
        assert on_screen(app, switch)
        assert "years running under 1 or blank" in str(hint.query_one(".form-hint").render())
        app.screen.query_one("#profile-hr_max", Input).value = "178"  # an edit not saved
        await pilot.click("#profile-use-conservative")
        await pilot.pause()
        assert not hint.display
        assert app.screen.query_one("#profile-plan", Select).value == "conservative"
        assert app.screen.query_one("#profile-hr_max", Input).value == "178"  # kept, unsaved
        saved = reopen().profile
        assert (saved.plan, saved.hr_max) == ("conservative", None)
        await pilot.press("ctrl+s")  # the kept edit saves as any other
        await pilot.pause()
    saved = reopen().profile
    assert (saved.plan, saved.hr_max) == ("conservative", 178)


async def test_profile_hint_follows_saved_years(planner: Planner) -> None:
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        hint = app.screen.query_one("#profile-plan-hint")
        assert hint.display
        app.screen.query_one("#profile-years_running", Input).value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not hint.display  # five years on the standard plan: nothing to suggest
        app.screen.query_one("#profile-years_running", Input).value = "0.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert hint.display


@pytest.mark.parametrize("changes", [{"years_running": "5"}, {"plan": "conservative"}])
async def test_profile_no_hint(planner: Planner, changes: dict[str, str]) -> None:
    planner.set_profile(changes)
    app = PlannerApp(planner, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ProfileScreen)
        assert not app.screen.query_one("#profile-plan-hint").display
