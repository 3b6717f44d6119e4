"""Snapshots of every screen: open the SVGs in __snapshots__ and check what each docstring says.

Each screen is taken at 80x24 and 120x40, in the dark and the light theme.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from textual.pilot import Pilot

from planner.events import CheckinGiven
from planner.importers.report import ImportedRun, ImportProgress, ImportReport
from planner.service import Planner
from planner.store.clock import HybridClock
from planner.tui.app import PlannerApp

SnapCompare = Callable[..., bool]
Before = Callable[[Pilot[Any]], Awaitable[None]]
TODAY = date(2026, 11, 28)  # as pinned in conftest.py
STOPPED_AT_MS = int(datetime(2099, 1, 1, 7, 12, tzinfo=UTC).timestamp() * 1000)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
THEMES = [pytest.param("textual-dark", id="dark"), pytest.param("textual-light", id="light")]


def keys(*pressed: str) -> Before:
    """Press keys, then wait for the workers they started (History reads in a thread)."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run


def themed(theme: str, before: Before) -> Before:
    async def run(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await before(pilot)

    return run


def snap(
    snap_compare: SnapCompare, app: PlannerApp, size: tuple[int, int], theme: str, before: Before
) -> None:
    assert snap_compare(app, terminal_size=size, run_before=themed(theme, before))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_today(
    planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see "Sat 28 Nov 2026", "today" and "age 52 · WMA 50-54" on the top line. At
    80x24: the coloured EASY badge with "Run up to 39 min · RPE ≤ 4"; one reason ending
    "…  y: why"; the accent-coloured "Morning check-in not done yet: press c"; "Yesterday: ran
    16.0 km long · 0/11 ticked"; "Checklist 0/9 done · assumes 20 °C: p sets it"; all nine
    items under their four headings, one line each, numbered 1-9 ("1 ○ Warm up · 15 min",
    "2 ○ Rehydrate · ~650 ml"...), the first highlighted; its text under the list ("15 min:
    brisk walk..."); keys in the footer. At 120x40 the day and the checklist sit side by side:
    every reason as a bullet, the last run and yesterday's recap on the left, the item's text
    right under the list on the right. No "not medical advice" line on Today."""
    snap(snap_compare, PlannerApp(planner, poll_seconds=0), size, theme, keys())


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_week(
    demo_planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see "Week  Sat 21 Nov – Sat 5 Dec", then "Past 7 days" with seven days each
    named like "Mon 23 Nov", a coloured day type (QUALITY OK on Tue 24 and Fri 27, EASY on the
    others), how much was ticked ("4/9 ━━━━────", the ticked part green) and the run guidance;
    "Today" with Sat 28 Nov under a soft cursor that leaves its day type readable; "Next 7
    days · projected" with dim "projected" in place of ticks (all fifteen days fit at 80x24);
    under (80x24) or beside (120x40) the list, today's day type and its reasons as bullets; no
    "w Week" in the footer, since this is Week."""
    snap(snap_compare, PlannerApp(demo_planner, poll_seconds=0), size, theme, keys("w"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_history_runs(
    demo_planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see "History · 56 runs · 458 km in the last 12 weeks", the tabs "1 Runs",
    "2 Load", "3 Calendar" and "4 Distance" with Runs active, and a table of runs newest first
    ("Date ▼"): Fri 27 Nov 2026, 8.3 km, 43:05, 5:11/km, RPE 7, HR 165, tempo, demo; the first
    row highlighted, the table focused; "o Sort" in the footer."""
    snap(snap_compare, PlannerApp(demo_planner, poll_seconds=0), size, theme, keys("H"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_history_load(
    demo_planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see the Load tab: the span "12 weeks to Sat 28 Nov 2026" in bold, then
    "Fitness, fatigue, form" with a legend (━ form −22, ┅ fatigue 146, ━ fitness 165, each mark
    in its line's colour): fitness (green) rising from early September, fatigue (orange,
    dotted) above it, form (blue) dipping below a dotted zero line, the scale 231 to −142 on
    the left and "Sun 6 Sep … today" under it; then "Load ratio, acute:chronic  ━ ratio 0.88":
    a line from early October inside a green-shaded band (0.8-1.3) under a red dotted line at
    1.5; then the note explaining them; no "o Sort", and "[] Move  +− Zoom" in the footer,
    with a space after each word and "q Quit" still in sight at 80 columns."""
    snap(snap_compare, PlannerApp(demo_planner, poll_seconds=0), size, theme, keys("H", "2"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_history_calendar(
    demo_planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see the Calendar tab (of four, "4 Distance" last): "Days you ticked off",
    month names across the top, rows labelled Mon, Wed, Fri, Sun, and for the last 12 weeks one
    mark a day (· nothing ticked, ░ ▒ ▓ partly, in shades of green), blank before the first
    run; the legend "Less · ░ ▒ ▓ █ More" and "0 days fully done, 56 partly, 29 with nothing
    ticked."."""
    snap(snap_compare, PlannerApp(demo_planner, poll_seconds=0), size, theme, keys("H", "3"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_history_distance(
    demo_planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see the Distance tab: "12 weeks to Sat 28 Nov 2026", then "Distance a week,
    km" and 13 bars (every week the 12 weeks touch, Monday to Sunday, the first the week of
    31 Aug with the demo's first run, 12 km), each with its kilometres over it (41, 33, 40, 37,
    40, 43, 35, 41, 33, 43, 43, 28 from the week of 7 Sep on) in the muted colour, the bars in
    the primary colour, the scale "50" at the top and "0" at the bottom on the left, the weeks'
    Mondays under them ("31 Aug", "14 Sep"... at 80x24, every one at 120x40); then "In the
    window: 457.8 km in 55 runs. m: by the month." and "m Months" in the footer."""
    snap(snap_compare, PlannerApp(demo_planner, poll_seconds=0), size, theme, keys("H", "4"))


def test_history_distance_by_month(demo_planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see, after − (a year) and m, "1 year to Sat 28 Nov 2026" and "Distance a
    month, km": 13 months labelled "Nov Dec 2026 Feb … Oct Nov" (the year under January), empty
    but for September (136), October (187) and November (147) on a scale of 200; the note ends
    "m: by the week." and the footer says "m Weeks"."""
    before = keys("H", "4", "minus", "m")
    assert snap_compare(
        PlannerApp(demo_planner, poll_seconds=0), terminal_size=(80, 24), run_before=before
    )


def test_history_load_zoomed(demo_planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see, after + (4 weeks) and [ (a week back), "4 weeks to Sat 21 Nov 2026"
    over both load charts, each dated "Sun 25 Oct … Sat 21 Nov" (not "today"), the lines
    spread wider than at 12 weeks and their legends the values of 21 Nov (fitness 176)."""
    before = keys("H", "2", "plus", "left_square_bracket")
    assert snap_compare(
        PlannerApp(demo_planner, poll_seconds=0), terminal_size=(80, 24), run_before=before
    )


def test_history_empty(planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see a History without runs: "History · 0 runs", the Load tab saying only
    "No runs yet: press L to log one, or i to import." and no chart; no Move or Zoom keys in
    the footer."""
    for run in planner.runs():
        planner.delete_run(run.id)
    before = keys("H", "2")
    assert snap_compare(
        PlannerApp(planner, poll_seconds=0), terminal_size=(80, 24), run_before=before
    )


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_log_run_refused(
    planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see the "Log a run" dialog over Today: Date 2026-11-28, Distance "10",
    Time "45:00", the Distance field marked in the error colour with the cursor in it, and
    under the fields "Distance '10': give a number with a unit, like 10km, 6.2mi or 8000m"."""
    before = keys("L", "1", "0", "tab", "4", "5", ":", "0", "0", "enter")
    snap(snap_compare, PlannerApp(planner, poll_seconds=0), size, theme, before)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_checkin(
    planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see "Morning check-in · Sat 28 Nov" over Today: "How sore are your legs this
    morning?" with 0 to 10 and "[3]" picked; "Where?" with ten body areas in columns, calves
    ticked ("[✓] calves", the others "[ ]"); then the warning-sign questions in plain words,
    each with an empty "[ ]" and wrapped under itself when long, those only a clinician can
    lift ending "(clinician)" (at 120x40 all seventeen show, illness last, with the pain
    scale and the hours of sleep below the fold; at 80x24 the list scrolls); Save and Cancel
    at the bottom."""
    before = keys("c", "3", "tab", "space")
    snap(snap_compare, PlannerApp(planner, poll_seconds=0), size, theme, before)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_profile(
    planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see "Your settings · age 52 · WMA 50-54" and a form: Age 52 (or born: empty),
    Sex "not set", Weight 70 kg, Units metric, HR max, HR rest, Running for, Usual temp, Time
    zone, Day starts 3, Inbox, Plan standard, each with a short hint that fits; under Plan, since
    years running is blank, a "Use conservative" button with "suggested: years running under 1
    or blank"; two yes-or-no boxes; a Save button and the disclaimer (its last line touches the
    footer at 80x24); "esc Back  ^s Save"."""
    snap(snap_compare, PlannerApp(planner, poll_seconds=0), size, theme, keys("p"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_races(
    planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see "Races", a table with one race (Sun 14 Mar 2027, Spring Half, 21.1 km,
    in 106 days, taper from Sun 28 Feb) fitting 80 columns, the line on tapering, and the
    "Enter a race" form (Date, Distance with its hint, Name) with its button; "x Remove race"
    in the footer."""
    planner.add_race(date(2027, 3, 14), "21.1km", "Spring Half")
    snap(snap_compare, PlannerApp(planner, poll_seconds=0), size, theme, keys("r"))


def fake_import(planner: Planner, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import that reads three files and brings in two runs, without touching a file."""

    def import_files(
        paths: object, progress: Callable[[ImportProgress], None] | None = None, **_: object
    ) -> ImportReport:
        for done in range(1, 4):
            if progress is not None:
                progress(ImportProgress(done, 3, f"run{done}.gpx"))
        runs = [ImportedRun(f"r{i}", TODAY, 10_000.0, 3000, f"run{i}.gpx") for i in (1, 2)]
        report = ImportReport(import_id="imp-1", imported=runs, files=3, usable_files=3)
        report.refused.append(("notes.gpx", "not GPX: no <gpx> element"))
        report.seconds = 0.4
        return report

    monkeypatch.setattr(planner, "import_files", import_files)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_import_done(
    planner: Planner,
    snap_compare: SnapCompare,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    theme: str,
) -> None:
    """You should see "Import runs", what can be imported, the path "~/runs" typed in, a full
    green progress bar at 100%, and the summary "Imported 2 runs from 3 files in 0.4 s. Undo
    it below with x.", "Refused 1 file:" with "notes.gpx: not GPX: no <gpx> element", and the
    line about rating runs at the check-in; "Imports so far" with an empty table; an
    "Import: 2 runs imported." toast."""
    fake_import(planner, monkeypatch)
    before = keys("i", *"~/runs", "enter")
    snap(snap_compare, PlannerApp(planner, poll_seconds=0), size, theme, before)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_sync_first_time(
    planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see the "Sync" dialog over Today: a short line on what sync does, an empty
    Target field with the placeholder "[user@]host:path" and a Sync button; "esc to close · a
    sync goes on" on the bottom border."""
    snap(snap_compare, PlannerApp(planner, poll_seconds=0), size, theme, keys("s"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_help(
    planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see a "Keys" panel over Today in two columns: "On this screen" with the
    checklist's keys (space / enter Tick, j / ↓, k / ↑, home, end, pgup, pgdn) and Today's
    ([ Prev day, ] Next day, tab / shift+tab Other pane); "Everywhere" with t Today,
    c Check-in, w Week, H History, L Log run, i Import, r Races, p Profile, s Sync, ? Keys,
    q / ^q Quit and ^p Commands; the disclaimer; "esc, ? or q to close". All of it fits 80x24."""
    snap(snap_compare, PlannerApp(planner, poll_seconds=0), size, theme, keys("question_mark"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_onboarding(
    new_planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see "Welcome to planner", one line a field: age or birth date, weight with a
    kg/lb choice, metric or imperial units, years running (blank, "optional, e.g. 0.5"), and
    Plan with standard and conservative, conservative chosen (its dot lit); under it, in muted
    text, why ("In your first year of running, or if you leave it blank, the conservative plan
    is suggested..." ending "profile (p)."); the "not medical advice" line in the warning
    colour and a "Start planning" button, all of it on screen at 80x24; "^s Start planning"
    and "^q Quit" in the footer."""
    snap(snap_compare, PlannerApp(new_planner, poll_seconds=0), size, theme, keys())


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_today_demo_day(
    demo_planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see the demo's Sat 28 Nov with every one of its nine items, one a line and
    numbered, with the summary above (80x24) or beside them (120x40); the third item, Stretch,
    highlighted and its text under the list ("Before: 10 min dynamic. After: hold calves...")."""
    snap(snap_compare, PlannerApp(demo_planner, poll_seconds=0), size, theme, keys("j", "j"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_checklist_item(
    demo_planner: Planner, snap_compare: SnapCompare, size: tuple[int, int], theme: str
) -> None:
    """You should see, over Today, a bordered panel "○ Stretch" with the whole dose ("Before:
    10 min dynamic. After: hold calves..."), "Why: Dynamic moves loosen the legs..." and
    "Source: G, ACSM Guidelines 11e..." in muted text, and "esc Close  space Tick" in the
    footer."""
    snap(
        snap_compare, PlannerApp(demo_planner, poll_seconds=0), size, theme, keys("j", "j", "enter")
    )


# ---- single states, in the dark theme at one size ------------------------------------------


def test_today_every_reason(planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see, at 80x24 after y, the summary with every reason as a bullet (blank
    lines between its blocks, a scrollbar when it overflows its share), then the checklist
    below, scrolled to keep the highlighted item in view."""
    app = PlannerApp(planner, poll_seconds=0)
    assert snap_compare(app, terminal_size=(80, 24), press=["y"])


def test_today_after_ticks(planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see the first and fourth items ticked (a ✓ instead of ○, title not bold): a
    tick moves the cursor on, so space, j, j, space ticked Warm up and Recovery snack; the
    cursor on the fifth item, Breakfast, its text under the list; "2/9 done"."""
    app = PlannerApp(planner, poll_seconds=0)
    assert snap_compare(app, terminal_size=(80, 24), press=["space", "j", "j", "space"])


def test_tomorrow_is_projected(planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see "Sun 29 Nov 2026" and "tomorrow · projected" on the top line, no check-in
    prompt (it is only for today), "Planned for Sun 29 Nov: items are ticked on the day" in
    place of the progress, and the items without tick numbers or bold titles."""
    app = PlannerApp(planner, poll_seconds=0)
    assert snap_compare(app, terminal_size=(80, 24), press=["right_square_bracket"])


def test_see_a_clinician_day(
    planner: Planner, snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """You should see, side by side at 100x30, the "SEE A CLINICIAN" badge on the error colour,
    the summary framed by a thick error-coloured border, "No running today: see a clinician
    before you run again.", the red-flag advice among the reasons, "Checked in 07:12 · soreness
    2/10 · 1 warning sign", "0/4 done · 3 withheld", and Stretch, Foam roll and Gentle yoga
    dimmed, struck through, "· not today"."""
    # The check-in's time shows ("Checked in 07:12"): a clock stopped at 07:12 UTC, ahead of
    # every stamp the fixture wrote, so the line is the same on every run.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    planner.data.log.clock = HybridClock(lambda: STOPPED_AT_MS)
    planner.data.append(CheckinGiven(TODAY, soreness=2, red_flags=("cannot_bear_weight",)))
    assert snap_compare(PlannerApp(planner, poll_seconds=0), terminal_size=(100, 30))


def test_onboarding_error(new_planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see the onboarding form with 200 in the age field and, under the disclaimer,
    the inline error "Age 200: must be from 10 to 110" in the error colour, the Start planning
    button still on screen above the footer."""
    before = keys("2", "0", "0", "enter")
    assert snap_compare(PlannerApp(new_planner), terminal_size=(80, 24), run_before=before)


def test_today_without_colour(
    planner: Planner, snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """You should see Today with NO_COLOR set: greys only, yet the badge, the check-in prompt,
    the highlighted item and the ○ marks all still stand out."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(PlannerApp(planner, poll_seconds=0), terminal_size=(80, 24))


def test_history_load_at_200x60(demo_planner: Planner, snap_compare: SnapCompare) -> None:
    """You should see the load charts filling a 200x60 terminal without a broken line: the
    fitness chart about twice the height of the ratio chart, both a full width."""
    before = keys("H", "2")
    assert snap_compare(
        PlannerApp(demo_planner, poll_seconds=0), terminal_size=(200, 60), run_before=before
    )
