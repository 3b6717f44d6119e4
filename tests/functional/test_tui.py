"""The morning loop driven by keys: ticks reach the disk, days browse, help opens, onboarding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest
from textual import events
from textual.content import Content
from textual.widgets import Input, Static

from planner.core.errors import DataError, InputError
from planner.core.model import ChecklistItem
from planner.events import CheckinGiven
from planner.service import Planner
from planner.tui.app import PlannerApp
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.onboarding import OnboardingScreen
from planner.tui.screens.today import TodayScreen
from planner.tui.widgets.checklist import Checklist, item_line, tick_mark
from planner.tui.widgets.day_header import DayHeader
from planner.tui.widgets.day_summary import DaySummary

SIZE = (80, 24)
TODAY = date(2026, 11, 28)  # as pinned in conftest.py
Reopen = Callable[[], Planner]


def checklist(app: PlannerApp) -> Checklist:
    return app.screen.query_one(Checklist)


def highlighted(app: PlannerApp) -> ChecklistItem:
    item = checklist(app).highlighted_item
    assert item is not None
    return item


def text_of(app: PlannerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def header_text(app: PlannerApp) -> str:
    return app.screen.query_one(DayHeader).plain()


def toasts(app: PlannerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_checklist_has_focus_on_open(app: PlannerApp) -> None:
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, TodayScreen)
        assert isinstance(app.focused, Checklist)
        assert highlighted(app) == checklist(app).items[0]


async def test_space_ticks_the_highlighted_item_and_it_is_on_disk(
    app: PlannerApp, reopen: Reopen
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        item = highlighted(app)
        assert not item.done
        await pilot.press("space")
        assert highlighted(app).id == checklist(app).items[1].id  # on to the next open item
        assert checklist(app).items[0].done
        assert reopen().find_item(item.id, TODAY).done
        assert "1/" in text_of(app, "#progress")
        await pilot.press("k", "space")  # back to it: space unticks, and the cursor stays
        assert highlighted(app).id == item.id and not highlighted(app).done
        assert not reopen().find_item(item.id, TODAY).done


async def test_a_tick_survives_quitting_and_a_new_app(app: PlannerApp, reopen: Reopen) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        ticked = highlighted(app)
        await pilot.press("space")
        assert checklist(app).items[1].id == ticked.id and checklist(app).items[1].done
        await pilot.press("q")
    assert app.return_value == 0

    again = PlannerApp(reopen())
    async with again.run_test(size=SIZE):
        items = {item.id: item for item in checklist(again).items}
        assert items[ticked.id].done


async def test_j_and_k_move_the_cursor(app: PlannerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first = highlighted(app)
        await pilot.press("j")
        second = highlighted(app)
        assert second.id != first.id
        await pilot.press("down", "k", "up")
        assert highlighted(app).id == first.id


async def test_brackets_browse_days_and_keep_the_cursor(app: PlannerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        on_item = highlighted(app).id
        assert header_text(app).startswith("Sat 28 Nov 2026  today ")

        await pilot.press("right_square_bracket")
        assert header_text(app).startswith("Sun 29 Nov 2026  tomorrow · projected ")
        assert highlighted(app).id == on_item

        await pilot.press("left_square_bracket", "left_square_bracket")
        assert header_text(app).startswith("Fri 27 Nov 2026  yesterday ")

        await pilot.press("t")
        assert header_text(app).startswith("Sat 28 Nov 2026  today ")


async def test_ticking_another_day_writes_that_day(app: PlannerApp, reopen: Reopen) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left_square_bracket")
        item = highlighted(app)
        await pilot.press("space")
        yesterday = TODAY - timedelta(days=1)
        assert reopen().find_item(item.id, yesterday).done
        assert not reopen().find_item(item.id, TODAY).done


async def test_question_mark_opens_help_and_escape_closes_it(app: PlannerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app, "#help-keys")
        for expected in ("Tick", "Prev day", "Next day", "j / ↓"):
            assert expected in keys
        everywhere = text_of(app, "#help-everywhere")
        for expected in ("Today", "Check-in", "Week", "History", "Log run", "Import", "Races"):
            assert expected in everywhere
        for expected in ("Profile", "Sync", "q / ^q  Quit", "^p  Commands"):
            assert expected in everywhere
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("question_mark", "question_mark")
        assert isinstance(app.screen, TodayScreen)


async def test_a_store_notice_is_shown_once(planner: Planner) -> None:
    planner.data.notices.append("events/2026-11/x.toml: unreadable, skipped")
    app = PlannerApp(planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "right_square_bracket")
        await pilot.pause()
        assert toasts(app).count("events/2026-11/x.toml: unreadable, skipped") == 1


async def test_a_service_error_is_a_toast_not_a_traceback(
    app: PlannerApp, planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(item: str, day: object) -> bool:
        raise InputError("data dir is read-only")

    monkeypatch.setattr(planner, "toggle", refuse)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert isinstance(app.screen, TodayScreen)
        assert "data dir is read-only" in toasts(app)
        assert not highlighted(app).done


async def test_imperial_units_show_miles(planner: Planner) -> None:
    planner.set_profile({"units": "imperial"})
    app = PlannerApp(planner)
    async with app.run_test(size=SIZE):
        summary = app.screen.query_one(DaySummary)
        assert "9.9 mi long" in summary.shown("recap")  # yesterday's 16 km run
        summary.set_compact(False)
        assert "9.9 mi" in summary.shown("last-run")


# ---- onboarding --------------------------------------------------------------------------


async def test_no_profile_opens_onboarding(new_planner: Planner) -> None:
    app = PlannerApp(new_planner)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, OnboardingScreen)
        assert isinstance(app.focused, Input) and app.focused.id == "age"
        assert "not medical advice" in text_of(app, "#onboarding-disclaimer")


async def test_onboarding_refuses_an_age_of_200_in_place(new_planner: Planner) -> None:
    app = PlannerApp(new_planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "enter")
        assert isinstance(app.screen, OnboardingScreen)
        error = app.screen.query_one("#onboarding-error", Static)
        assert error.display
        assert "200" in str(error.content) and "110" in str(error.content)
        assert not new_planner.has_profile()


async def test_onboarding_with_age_and_weight_goes_to_today(
    new_planner: Planner, reopen: Reopen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    app = PlannerApp(new_planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "2")
        app.screen.query_one("#weight", Input).value = "154"
        await pilot.click("#imperial")  # the weight unit follows: lb
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert isinstance(app.focused, Checklist)
        assert header_text(app).endswith("age 52 · WMA 50-54")
    profile = reopen().profile
    assert (profile.age, profile.units, profile.tz) == (52, "imperial", "Europe/Berlin")
    assert profile.weight_kg == pytest.approx(69.9, abs=0.1)  # 154 lb, since imperial picks lb


async def test_onboarding_needs_an_age_or_a_birth_date(new_planner: Planner) -> None:
    app = PlannerApp(new_planner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, OnboardingScreen)
        assert "age or your birth date" in text_of(app, "#onboarding-error")


# ---- a red flag -----------------------------------------------------------------------------


@pytest.fixture
def red_flag_planner(planner: Planner) -> Planner:
    """A check-in this morning that answers 'cannot bear weight' yes: a see-a-clinician day."""
    planner.data.append(CheckinGiven(TODAY, soreness=2, red_flags=("cannot_bear_weight",)))
    return planner


async def test_a_withheld_item_cannot_be_ticked(red_flag_planner: Planner, reopen: Reopen) -> None:
    app = PlannerApp(red_flag_planner)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one(DaySummary).shown("badge") == "SEE A CLINICIAN"
        withheld = next(item for item in checklist(app).items if item.withheld)
        checklist(app).highlight_item(withheld.id)
        await pilot.press("space")
        assert not reopen().find_item(withheld.id, TODAY).done
        assert withheld.detail in toasts(app)  # the reason it is withheld
        assert "withheld" in text_of(app, "#progress")


async def test_a_plan_that_cannot_be_built_is_said_not_raised(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(start: object = None, days: int = 14) -> None:
        raise DataError("plans/standard.toml: line 3: not TOML")

    monkeypatch.setattr(planner, "plan", broken)
    app = PlannerApp(planner)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one(DaySummary).shown("badge") == "NO PLAN"
        assert "not TOML" in app.screen.query_one(DaySummary).shown("guidance")
        assert "plans/standard.toml: line 3: not TOML" in toasts(app)
        await pilot.press("right_square_bracket", "space", "t")
        assert isinstance(app.screen, TodayScreen)


async def test_tab_reaches_the_reasons_and_back(app: PlannerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "summary"
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Checklist)


def test_today_loads_none_of_the_other_screens() -> None:
    """Week, History and the dialogs are imported when first opened, not on the way to Today."""
    import subprocess
    import sys

    lazy = [
        "planner.tui.screens.week",
        "planner.tui.screens.history",
        "planner.tui.screens.checkin",
        "planner.tui.screens.log_run",
        "planner.tui.screens.profile",
        "planner.tui.screens.races",
        "planner.tui.screens.importing",
        "planner.tui.screens.sync",
        "planner.importers",
        "planner.sync",
    ]
    code = f"import sys, planner.tui.app\nprint([m for m in {lazy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_the_cli_imports_the_app() -> None:
    """The App imports its screens and messages, never the other way round: not even a type hint
    in planner/tui points back at planner.tui.app (an import cycle once, through syncing.py)."""
    import grimp  # import-linter's import graph, as `lint-imports` reads it

    graph = grimp.build_graph("planner", cache_dir=None)
    assert graph.find_modules_that_directly_import("planner.tui.app") == {"planner.cli"}


# ---- the checklist widget -------------------------------------------------------------------


def shown(widget: Checklist) -> list[str]:
    """The checklist's lines as the runner sees them now."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def fully_shown(widget: Checklist, item: ChecklistItem) -> bool:
    """The item's line (its mark, title and the dose in a few words) is on screen."""
    return any(f"{tick_mark(item)} {item.title} · {item.brief}" in line for line in shown(widget))


async def test_the_cursor_steps_through_the_items_and_skips_the_headings(app: PlannerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        widget = checklist(app)
        items = widget.items
        assert shown(widget)[0].strip() == "Before the run"
        assert len({item.when for item in items}) > 2  # headings in between to skip
        seen = []
        for _ in items:
            seen.append(highlighted(app).id)
            await pilot.press("j")
        assert seen == [item.id for item in items]
        assert highlighted(app).id == items[0].id  # on from the last item: the first
        await pilot.press("k")
        assert highlighted(app).id == items[-1].id
        assert fully_shown(widget, items[-1])
        await pilot.press("home")
        assert highlighted(app).id == items[0].id and fully_shown(widget, items[0])
        await pilot.press("end")
        assert highlighted(app).id == items[-1].id and fully_shown(widget, items[-1])


async def test_page_down_and_up_move_a_screenful_and_keep_the_item_in_view(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(80, 16)) as pilot:  # too short for every item
        widget = checklist(app)
        ids = [item.id for item in widget.items]
        await pilot.press("pagedown")
        assert ids.index(highlighted(app).id) > 1  # further than the next item
        assert widget.scroll_offset.y > 0 and fully_shown(widget, highlighted(app))
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        assert highlighted(app).id == ids[-1] and fully_shown(widget, highlighted(app))
        await pilot.press("pageup")
        assert ids.index(highlighted(app).id) < len(ids) - 2
        assert fully_shown(widget, highlighted(app))
        await pilot.press("pageup", "pageup", "pageup", "pageup")
        assert highlighted(app).id == ids[0] and fully_shown(widget, highlighted(app))


async def test_show_items_keeps_the_cursor_on_its_item_else_the_first(app: PlannerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        widget = checklist(app)
        items = widget.items
        await pilot.press("end")
        ticked = replace(items[-1], done=True)
        widget.show_items([*items[:-1], ticked])
        await pilot.pause()
        assert highlighted(app) == ticked and fully_shown(widget, ticked)
        widget.show_items(items[:-1])  # the cursor's item is gone: the first item, at the top
        await pilot.pause()
        assert highlighted(app) == items[0] and widget.scroll_offset.y == 0
        assert shown(widget)[0].strip() == "Before the run"
        widget.show_items([])
        await pilot.press("space", "j", "pagedown")
        assert widget.highlighted_item is None and widget.items == ()
        widget.show_items(items)
        await pilot.pause()
        assert highlighted(app) == items[0]


async def test_a_click_on_an_item_moves_the_cursor_there_and_ticks_it(
    app: PlannerApp, reopen: Reopen
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        widget = checklist(app)
        target = widget.items[1]
        y = next(y for y, line in enumerate(shown(widget)) if f"○ {target.title}" in line)
        await pilot.click(Checklist, offset=(8, y))  # on its line
        assert reopen().find_item(target.id, TODAY).done
        assert highlighted(app).id == widget.items[2].id  # ticked: on to the next open item
        assert shown(widget)[0].strip() == "Before the run"
        await pilot.click(Checklist, offset=(8, 0))  # a heading: nothing happens
        assert highlighted(app).id == widget.items[2].id
        assert reopen().find_item(target.id, TODAY).done


async def test_a_narrow_terminal_cuts_the_dose_not_the_title(app: PlannerApp) -> None:
    """One line an item at any width: a dose that does not fit ends in an ellipsis."""
    async with app.run_test(size=SIZE) as pilot:
        widget = checklist(app)
        height = widget.virtual_size.height
        assert height == len(widget.items) + len({item.when for item in widget.items})
        await pilot.resize_terminal(40, 24)
        await pilot.pause()
        width = widget.scrollable_content_region.width
        assert widget.virtual_size.height == height  # still a line each
        lines = shown(widget)
        assert all(len(line.rstrip()) <= width for line in lines)
        cut = [line for line in lines if line.rstrip().endswith("…")]
        assert cut, lines  # "Drink and fuel on the run · up to 850 ml · ~30 g carbs" is cut
        assert all(f"○ {item.title}" in " ".join(lines) for item in widget.items[:3])
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert not any(line.rstrip().endswith("…") for line in shown(widget))


async def test_the_mouse_wheel_scrolls_and_leaves_the_cursor(app: PlannerApp) -> None:
    async with app.run_test(size=(80, 16)) as pilot:  # too short for every item
        widget = checklist(app)
        first = highlighted(app)
        for _ in range(3):
            widget.post_message(events.MouseScrollDown(widget, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert widget.scroll_offset.y > 0 and highlighted(app) == first
        assert shown(widget)[0].strip() != "Before the run"


def test_item_lines_look_as_their_markup_says() -> None:
    """item_line builds its spans by hand (parsing markup is slow): the same as the markup."""
    for item in (
        ChecklistItem("a", "yoga", "Gentle [b]yoga", "20 min, [i]slowly", brief="20 [i]min"),
        ChecklistItem("b", "yoga", "Yoga", "20 min", done=True, brief="20 min"),
        ChecklistItem("c", "yoga", "Yoga", "", done=True),
        ChecklistItem("d", "yoga", "Yoga", ""),
        ChecklistItem("e", "yoga", "Yoga", "sore", withheld=True, done=True, brief="not today"),
        ChecklistItem("f", "yoga", "", "", withheld=True),
    ):
        line = item_line(item, "3")
        brief = item.brief or ("not today" if item.withheld else "")
        dose = " · $brief" if brief else ""
        values = {"mark": tick_mark(item), "title": item.title, "brief": brief}
        if item.withheld:
            markup = f"[dim][dim]3[/dim] [dim]$mark[/dim] [s]$title[/s]{dose}[/dim]"
        else:
            mark_style = "b $text-success" if item.done else "dim"
            title = "$title" if item.done else "[b]$title[/b]"
            markup = f"[dim]3[/dim] [{mark_style}]$mark[/] {title}[dim]{dose}[/dim]"
        expected = Content.from_markup(markup, **values)
        assert line.plain == expected.plain, item.id
        assert sorted(line.spans) == sorted(s for s in expected.spans if s.start < s.end), item.id


def test_a_planned_day_has_no_tick_keys_and_no_bold_titles() -> None:
    item = ChecklistItem("a", "yoga", "Yoga", "20 min", brief="20 min")
    line = item_line(item, "1", planned=True)
    assert line.plain == "  ○ Yoga · 20 min"
    assert not any(span.style == "b" for span in line.spans)
