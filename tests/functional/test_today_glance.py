"""Issue 14's morning glance: the whole day on 80x24, ticked in as many keys as it has items,
the check-in's answers and yesterday's recap on Today, the disclaimer once a day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Static

from planner.core.checkin import CheckinAnswers
from planner.core.model import ChecklistItem
from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.item import ItemScreen
from planner.tui.screens.today import TodayScreen
from planner.tui.widgets.checklist import Checklist, group_of
from planner.tui.widgets.day_summary import DaySummary
from planner.tui.widgets.item_detail import ItemDetail
from planner.tui.widgets.key_footer import KeyFooter

TODAY = date(2026, 11, 28)  # as pinned in conftest.py


def checklist(app: PlannerApp) -> Checklist:
    return app.screen.query_one(Checklist)


def doable(app: PlannerApp) -> list[ChecklistItem]:
    return [item for item in checklist(app).items if not item.withheld]


def on_screen(app: PlannerApp) -> list[str]:
    """Every checklist line in view, as the runner reads it."""
    widget = checklist(app)
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_item_of_the_demo_day_shows_with_the_summary(
    demo_planner: Planner, size: tuple[int, int]
) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=size):
        widget, summary = checklist(app), app.screen.query_one(DaySummary)
        items = widget.items
        assert len(items) >= 9
        lines = on_screen(app)
        for item in items:  # each on a line of its own, with its dose in a few words
            assert any(f"{item.title} · {item.brief}" in line for line in lines), item.id
        assert widget.max_scroll_y == 0 and summary.max_scroll_y == 0  # nothing to scroll to
        footer = app.screen.query_one(KeyFooter).region
        for part in (summary, widget, app.screen.query_one(ItemDetail)):
            assert part.region.height > 0 and part.region.bottom <= footer.y
        assert summary.shown("guidance")  # the day's guidance and its deciding reason
        assert summary.shown("reasons").startswith("• ")
        if size == (120, 40):  # room for every reason
            assert len(summary.shown("reasons").splitlines()) == len(summary.view.reasons)


async def test_a_full_day_takes_one_key_an_item(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        count = len(doable(app))
        presses = 0
        while any(not item.done for item in doable(app)) and presses < 3 * count:
            await pilot.press("space")
            presses += 1
        assert presses == count
        assert all(item.done for item in doable(app))
    ticks = demo_planner.day(TODAY).checklist
    assert all(item.done for item in ticks if not item.withheld)


async def test_number_keys_tick_that_item(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        third = checklist(app).items[2]
        assert f"3 ○ {third.title}" in " ".join(on_screen(app))
        await pilot.press("3")
        assert demo_planner.find_item(third.id, TODAY).done
        await pilot.press("3")  # again: untick
        assert not demo_planner.find_item(third.id, TODAY).done


async def test_g_ticks_a_group_then_unticks_it(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        meals = [item for item in checklist(app).items if group_of(item) == "with_meals"]
        assert len(meals) == 3
        checklist(app).highlight_item(meals[1].id)
        await pilot.press("g")
        assert all(demo_planner.find_item(m.id, TODAY).done for m in meals)
        assert checklist(app).highlighted_item not in meals  # on past the group
        checklist(app).highlight_item(meals[0].id)
        await pilot.press("g")  # every one ticked: g unticks them
        assert not any(demo_planner.find_item(m.id, TODAY).done for m in meals)


async def test_a_projected_day_is_drawn_as_a_plan(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket")
        progress = str(app.screen.query_one("#progress", Static).content)
        assert progress.startswith("Planned for ") and "ticked on the day" in progress
        lines = [line for line in on_screen(app) if "○" in line]
        assert lines and all(line.startswith("   ○") for line in lines)  # no tick keys
        await pilot.press("1", "space", "g")
        tomorrow = TODAY + timedelta(days=1)
        assert not any(i.done for i in demo_planner.day(tomorrow).checklist)


async def test_the_highlighted_item_shows_in_full_below_and_on_enter(
    demo_planner: Planner,
) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        hydration = next(i for i in checklist(app).items if i.id == "hydration")
        checklist(app).highlight_item(hydration.id)
        await pilot.pause()
        detail = app.screen.query_one(ItemDetail)
        text = " ".join(detail.plain().split())
        assert text.startswith(" ".join(hydration.detail.split())[:60])
        assert len(detail.plain().splitlines()) <= 3
        await pilot.press("enter")
        assert isinstance(app.screen, ItemScreen)
        shown = str(app.screen.query_one("#item-text", Static).content)
        assert shown == hydration.detail
        assert str(app.screen.query_one("#item-source", Static).content).startswith("Source: ")
        await pilot.press("space")  # ticks it from there, and closes
        assert isinstance(app.screen, TodayScreen)
        assert demo_planner.find_item(hydration.id, TODAY).done


def test_assumptions_are_said_once_for_the_day(planner: Planner) -> None:
    planner.set_profile({"weight_kg": ""})  # weight not set: the plan's default is assumed
    view = planner.morning()
    raw = planner.day(TODAY).checklist
    assert view.assumes.startswith("assumes 70 kg")
    assert view.assumes.endswith("p sets them" if "°C" in view.assumes else "p sets it")
    assert sum("Assumes 70 kg" in item.detail for item in raw) >= 3  # the CLI's words keep it
    assert not any("Assumes" in item.detail for item in view.checklist)


def test_the_check_in_line_and_yesterdays_recap(planner: Planner) -> None:
    yesterday = TODAY - timedelta(days=1)
    planner.set_ticks([i.id for i in planner.day(yesterday).checklist], yesterday, done=True)
    view = planner.morning()
    assert view.checkin_due and not view.checkin
    assert view.recap.startswith("Yesterday: ran 16.0 km long · ")
    done = len(planner.day(yesterday).checklist)
    assert f"{done}/{done} ticked · streak 1 day all ticked" in view.recap
    planner.checkin(CheckinAnswers(soreness="2", areas=["calves", "hip_flexors"]))
    view = planner.morning()
    assert not view.checkin_due
    assert view.checkin.startswith("Checked in ")
    assert view.checkin.endswith(" · soreness 2/10 · calves, hip flexors")


def test_the_streak_counts_the_days_all_ticked_in_a_row(planner: Planner) -> None:
    for back in (1, 2, 3, 5):  # day 4 before today left open: the streak is 3
        day = TODAY - timedelta(days=back)
        planner.set_ticks([i.id for i in planner.day(day).checklist], day, done=True)
    assert "· streak 3 days all ticked" in planner.morning().recap
    today_items = [i.id for i in planner.day(TODAY).checklist]
    planner.set_ticks(today_items, TODAY, done=True)  # today all ticked too: 4
    assert "· streak 4 days all ticked" in planner.morning().recap
    planner.set_ticks(today_items[:1], TODAY, done=False)
    assert "· streak 3 days all ticked" in planner.morning().recap


def test_no_recap_before_the_first_use(new_planner: Planner) -> None:
    new_planner.set_profile({"age": "40"})
    assert new_planner.morning().recap == ""


def test_set_ticks_checks_every_id_before_writing(planner: Planner) -> None:
    from planner.core.errors import InputError

    before = len(planner.data.events())
    with pytest.raises(InputError, match="not on the checklist"):
        planner.set_ticks(["hydration", "nonsense"], TODAY, done=True)
    assert len(planner.data.events()) == before
    with pytest.raises(InputError, match="after today"):
        planner.set_ticks(["hydration"], TODAY + timedelta(days=1), done=True)


@pytest.mark.disclaimer
async def test_the_disclaimer_is_said_once_a_day(planner: Planner) -> None:
    def said(app: PlannerApp) -> bool:
        return any("not medical advice" in n.message for n in app._notifications)

    app = PlannerApp(planner)
    async with app.run_test(size=(80, 24)):
        assert said(app)
    again = PlannerApp(planner)
    async with again.run_test(size=(80, 24)):
        assert not said(again)  # the same day: not again
    tomorrow = PlannerApp(planner.as_of(TODAY + timedelta(days=1)))
    async with tomorrow.run_test(size=(80, 24)):
        assert said(tomorrow)
