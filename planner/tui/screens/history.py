"""History: every run in a sortable table, the load charts, and a calendar of completed days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static, TabbedContent, TabPane
from textual.widgets.data_table import ColumnKey

from planner.core.effort import Effort
from planner.core.errors import PlannerError
from planner.core.load import series_start
from planner.core.model import Run
from planner.core.rules import LoadRules
from planner.core.trend import LoadPoint
from planner.core.wording import count
from planner.tui.commands import GLOBAL_KEYS
from planner.tui.history_view import (
    COLUMN_KEYS,
    RUN_COLUMNS,
    day_completion,
    heat_summary,
    run_cells,
    sorted_runs,
)
from planner.tui.load_charts import (
    LEAD_DAYS,
    PERIODS,
    ChartWindow,
    distance_charts,
    distance_note,
    fitness_chart,
    load_note,
    ratio_chart,
    window_trend,
)
from planner.tui.messages import DataSaved
from planner.tui.screens.section import SectionScreen
from planner.tui.widgets.bar_chart import BarChart
from planner.tui.widgets.heatmap import Heatmap
from planner.tui.widgets.key_footer import KeyFooter
from planner.tui.widgets.line_chart import LineChart

if TYPE_CHECKING:
    from planner.service import Planner

CALENDAR_DAYS = 366  # the most the plan gives at once: a year of weeks and a day


@dataclass(frozen=True)
class HistoryData:
    """Everything History shows, read in a worker thread."""

    today: date
    units: str
    runs: tuple[Run, ...]
    trend: tuple[LoadPoint, ...]
    rules: LoadRules
    shares: dict[date, float]
    efforts: dict[str, Effort] = field(default_factory=dict)  # '~5' for an estimate
    # The trend holds every day from a week before the first run to today (none without runs);
    # the charts show a window of it.


MOVE = Binding.Group("Move", compact=True)
ZOOM = Binding.Group("Zoom", compact=True)
CHART_ACTIONS = ("move", "zoom")  # on the tabs of charts, with runs to chart


class HistoryScreen(SectionScreen):
    """Four tabs; 1 to 4 switch between them, o and O sort the runs, [ ] + − move and zoom the
    charts' window, m shows the distance by the month or by the week."""

    SECTION_ACTION = "history"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tab('runs')", "Runs", show=False, tooltip="The table of runs"),
        Binding(
            "2",
            "tab('load')",
            "Load",
            show=False,
            tooltip="Fitness, fatigue, form and the load ratio",
        ),
        Binding(
            "3",
            "tab('calendar')",
            "Calendar",
            show=False,
            tooltip="Which days you ticked everything",
        ),
        Binding("4", "tab('distance')", "Distance", show=False, tooltip="Distance week by week"),
        Binding("enter", "open_run", "Open", tooltip="Open the run: rate, retype or delete it"),
        Binding("o", "sort_next", "Sort", tooltip="Sort the runs by the next column"),
        Binding("O", "sort_reverse", "Reverse", show=False, tooltip="Reverse the order of runs"),
        Binding(
            "left_square_bracket",
            "move(-1)",
            "Earlier",
            tooltip="Move the charts back in time",
            group=MOVE,
        ),
        Binding(
            "right_square_bracket",
            "move(1)",
            "Later",
            tooltip="Move the charts forward in time",
            group=MOVE,
        ),
        Binding(
            "plus,equals_sign",
            "zoom(-1)",
            "Zoom in",
            key_display="+",
            tooltip="Fewer days: a week at the closest",
            group=ZOOM,
        ),
        Binding(
            "minus",
            "zoom(1)",
            "Zoom out",
            key_display="−",
            tooltip="More days: 4 weeks, 12 weeks, a year, all years",
            group=ZOOM,
        ),
        # One key, two bindings: the footer names what m shows next.
        Binding("m", "period('month')", "Months", tooltip="Distance month by month"),
        Binding("m", "period('week')", "Weeks", tooltip="Distance week by week"),
    ]

    AUTO_FOCUS = "#runs-table"

    def __init__(self, planner: Planner) -> None:
        super().__init__(planner)
        self.sort_column = "date"
        self.sort_reverse = True  # newest first
        self.data: HistoryData | None = None
        self.window: ChartWindow | None = None  # None: no runs to chart
        self.period = PERIODS[0]  # the distance bars' period: "week" or "month"

    def compose(self) -> ComposeResult:
        empty = empty_text()
        yield Static("History", id="history-title", classes="section-title", markup=False)
        with TabbedContent(initial="runs", id="history-tabs"):
            with TabPane("1 Runs", id="runs"):
                yield Static(empty, id="runs-empty", classes="history-empty", markup=False)
                yield DataTable(id="runs-table", cursor_type="row", zebra_stripes=True)
            with TabPane("2 Load", id="load"):
                yield Static(empty, id="load-empty", classes="history-empty", markup=False)
                yield Static(id="load-span", classes="chart-span", markup=False)
                yield LineChart(id="fitness-chart")
                yield LineChart(id="ratio-chart")
                yield Static(id="load-note", markup=False)
            with TabPane("3 Calendar", id="calendar"):
                yield Static("Days you ticked off", id="heat-title", markup=False)
                yield Heatmap(id="heatmap")
                yield Static(id="heat-summary", markup=False)
            with TabPane("4 Distance", id="distance"):
                yield Static(empty, id="distance-empty", classes="history-empty", markup=False)
                yield Static(id="distance-span", classes="chart-span", markup=False)
                yield BarChart(id="distance-chart")
                yield Static(id="distance-note", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in RUN_COLUMNS:
            table.add_column(column.label, key=column.key)
        self.query_one("#history-tabs ContentSwitcher").loading = True
        self.reload()

    def reload(self) -> None:
        self.read_history()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def read_history(self) -> None:
        """The year of plans and the trend take a moment on a long history: read them aside."""
        planner = self.planner
        try:
            today = planner.today()
            first = today - timedelta(days=CALENDAR_DAYS - 1)
            days = planner.plan(start=first, days=CALENDAR_DAYS).days
            runs = planner.runs()
            data = HistoryData(
                today=today,
                units=planner.profile.units,
                runs=runs,
                trend=whole_trend(planner, runs, today),
                rules=planner.rules().load,
                shares=day_completion(days),
                efforts=planner.efforts(),
            )
        except PlannerError as error:
            self.app.call_from_thread(self.toast_error, error)
            return
        self.app.call_from_thread(self.show_history, data)

    def show_history(self, data: HistoryData) -> None:
        self.data = data
        self.window = self.window_for(data)
        self.query_one("#history-tabs ContentSwitcher").loading = False
        self.query_one("#history-title", Static).update(history_title(data))
        has_runs = bool(data.runs)
        for empty in self.query(".history-empty"):
            empty.display = not has_runs
        for part in ("#runs-table", "#load-span", "#fitness-chart", "#ratio-chart", "#load-note"):
            self.query_one(part).display = has_runs
        for part in ("#distance-span", "#distance-chart", "#distance-note"):
            self.query_one(part).display = has_runs
        self.fill_table()
        self.query_one("#load-note", Static).update(load_note(data.rules))
        self.show_charts()
        shares = since_first_use(data.shares, data.runs)
        self.query_one(Heatmap).show(shares, data.today)
        self.query_one("#heat-summary", Static).update(summary_text(shares, data.today))
        self.refresh_bindings()

    def window_for(self, data: HistoryData) -> ChartWindow | None:
        """The window as it was when the runs read again still span it; else the default."""
        if not data.runs:
            return None
        default = ChartWindow.default(data.runs[0].date, data.runs[-1].date, data.today)
        kept = self.window
        if kept is None or (kept.first, kept.last) != (default.first, default.last):
            return default
        return kept

    def show_charts(self) -> None:
        """The load charts and the distance bars of the window's days."""
        data, window = self.data, self.window
        if data is None or window is None:
            return
        shown = window_trend(data.trend, window)
        span = window.label()
        self.query_one("#load-span", Static).update(span)
        self.query_one("#distance-span", Static).update(span)
        self.query_one("#fitness-chart", LineChart).show(fitness_chart(shown, data.today))
        self.query_one("#ratio-chart", LineChart).show(ratio_chart(shown, data.rules, data.today))
        bars = distance_charts(data.runs, window, self.period, data.units)
        self.query_one(BarChart).show(*bars)
        note = distance_note(data.runs, window, data.units, self.period)
        other = "month" if self.period == "week" else "week"
        self.query_one("#distance-note", Static).update(f"{note} m: by the {other}.")

    def action_move(self, direction: int) -> None:
        if self.window is not None:
            self.window = self.window.moved(direction)
            self.show_charts()

    def action_zoom(self, direction: int) -> None:
        if self.window is not None:
            self.window = self.window.zoomed(direction)
            self.show_charts()

    def action_period(self, period: str) -> None:
        self.period = period
        self.show_charts()
        self.refresh_bindings()

    def fill_table(self) -> None:
        """Rows in the chosen order; the cursor stays on the run it was on."""
        if self.data is None:
            return
        table = self.query_one(DataTable)
        keep = self.highlighted_run_id()
        table.clear()
        numeric = {column.key for column in RUN_COLUMNS if column.numeric}
        efforts = self.data.efforts
        for run in sorted_runs(self.data.runs, self.sort_column, self.sort_reverse, efforts):
            cells = run_cells(run, self.data.units, efforts.get(run.id))
            table.add_row(
                *(
                    Text(cell, justify="right" if key in numeric else "left")
                    for key, cell in zip(COLUMN_KEYS, cells, strict=True)
                ),
                key=run.id,
            )
        self._label_columns()
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)

    def highlighted_run_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _label_columns(self) -> None:
        table = self.query_one(DataTable)
        arrow = " ▼" if self.sort_reverse else " ▲"
        for column in RUN_COLUMNS:
            label = column.label + (arrow if column.key == self.sort_column else "")
            table.columns[ColumnKey(column.key)].label = Text(label)
        table.refresh()

    def sort_by(self, column: str) -> None:
        """A new column sorts high to low (newest first); the same column again flips it."""
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, column not in ("type", "source")
        self.fill_table()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a run opens it."""
        self.open_run(event.row_key.value)

    def action_open_run(self) -> None:
        self.open_run(self.highlighted_run_id())

    def open_run(self, run_id: str | None) -> None:
        from planner.tui.screens.run_detail import RunDetailScreen

        run = next((r for r in self.data.runs if r.id == run_id), None) if self.data else None
        if run is None or self.data is None:
            return

        def closed(changed: bool | None) -> None:
            if changed:
                self.post_message(DataSaved())  # every screen reads again, History too

        effort = self.data.efforts.get(run.id)
        self.app.push_screen(RunDetailScreen(self.planner, run, effort), closed)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by(str(event.column_key.value))

    def action_sort_next(self) -> None:
        index = COLUMN_KEYS.index(self.sort_column)
        self.sort_by(COLUMN_KEYS[(index + 1) % len(COLUMN_KEYS)])

    def action_sort_reverse(self) -> None:
        self.sort_by(self.sort_column)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.query_one(TabbedContent).active
        if action in ("sort_next", "sort_reverse", "open_run"):
            return tab == "runs" and self.data is not None and bool(self.data.runs)
        if action in CHART_ACTIONS:
            return tab in ("load", "distance") and self.window is not None
        if action == "period":
            return tab == "distance" and self.window is not None and self.period not in parameters
        return True

    def on_tabbed_content_tab_activated(self, _: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()


def whole_trend(planner: Planner, runs: tuple[Run, ...], today: date) -> tuple[LoadPoint, ...]:
    """Every day from a week before the first run to today (a 10-year history in about a
    tenth of a second). Longer than the service gives at once, it comes in pieces, each read
    from far enough back that its averages have warmed up: no seam where one piece meets the
    next."""
    if not runs:
        return ()
    first = runs[0].date - timedelta(days=LEAD_DAYS)
    most = planner.MAX_TREND_DAYS
    keep = most - warm_up_days(planner.rules().load, today)
    pieces: list[tuple[LoadPoint, ...]] = []
    end = today
    while (end - first).days + 1 > most:
        pieces.append(planner.load_trend(most, end=end)[-keep:])
        end -= timedelta(days=keep)
    pieces.append(planner.load_trend((end - first).days + 1, end=end))
    return tuple(point for piece in reversed(pieces) for point in piece)


def warm_up_days(rules: LoadRules, day: date) -> int:
    """How many days before `day` a load series has to start to be right on it."""
    return (day - series_start(date.min, day, rules)).days


def empty_text() -> str:
    """'No runs yet: press L to log one, or i to import': the App's own keys."""
    keys = {key.action: key.key for key in GLOBAL_KEYS}
    return f"No runs yet: press {keys['log_run']} to log one, or {keys['import_runs']} to import."


def history_title(data: HistoryData) -> str:
    recent = [run for run in data.runs if run.date > data.today - timedelta(weeks=12)]
    km = sum(run.distance_m for run in recent) / 1000
    distance = f"{km / 1.609344:.0f} mi" if data.units == "imperial" else f"{km:.0f} km"
    plural = "" if len(data.runs) == 1 else "s"
    return f"History · {len(data.runs)} run{plural} · {distance} in the last 12 weeks"


def since_first_use(shares: dict[date, float], runs: tuple[Run, ...]) -> dict[date, float]:
    """Days from the first run or the first tick on: before that the calendar stays blank."""
    starts = [day for day, share in shares.items() if share > 0]
    if runs:
        starts.append(runs[0].date)
    if not starts:
        return {}
    first = min(starts)
    return {day: share for day, share in shares.items() if day >= first}


def summary_text(shares: dict[date, float], today: date) -> str:
    if not shares:
        return "Nothing ticked yet: tick today's items and this calendar fills in."
    s = heat_summary(shares, today)
    streak = f"; {s.streak} day{'s' if s.streak != 1 else ''} in a row" if s.streak else ""
    full = count(s.full, "day")
    return f"{full} fully done, {s.partial} partly, {s.none} with nothing ticked{streak}."
