"""History's charts, worked out from the day-by-day load trend and the runs: the window of days
they show (moved and zoomed with keys), the two load charts and the distance bars."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from planner.core.model import Run
from planner.core.rules import LoadRules
from planner.core.trend import LoadPoint
from planner.core.units import METRES_PER_MILE
from planner.core.wording import count, day_label
from planner.tui.widgets.bar_chart import Bar, BarData
from planner.tui.widgets.line_chart import ChartData, Guide, Series

# ---- the window of days the charts show ------------------------------------------------------

# The zoom levels, in days: a week, 4 weeks, 12 weeks, a year, then every day there is (None).
ZOOMS: tuple[int | None, ...] = (7, 28, 84, 365, None)
ZOOM_WORDS = ("1 week", "4 weeks", "12 weeks", "1 year")
DEFAULT_ZOOM = 2  # 12 weeks; 4 weeks for a history shorter than that
LEAD_DAYS = 7  # the charts start a week before the first run: a flat start, then the rise


@dataclass(frozen=True)
class ChartWindow:
    """The days the charts show: `days` of them up to `end`, inside `first`..`last` (a week
    before the first run .. today)."""

    first: date
    last: date
    end: date
    zoom: int  # an index into ZOOMS

    @classmethod
    def default(cls, first_run: date, last_run: date, today: date) -> ChartWindow:
        """12 weeks to today; to the last run when it is older than that (no flat lines for a
        runner whose runs ended years ago); 4 weeks when the history is no longer."""
        first = first_run - timedelta(days=LEAD_DAYS)
        size = ZOOMS[DEFAULT_ZOOM] or 0
        end = min(today if last_run > today - timedelta(days=size) else last_run, today)
        short = (end - first).days < (ZOOMS[DEFAULT_ZOOM - 1] or 0)
        return cls(first, today, end, DEFAULT_ZOOM - 1 if short else DEFAULT_ZOOM).clamped()

    @property
    def days(self) -> int:
        size = ZOOMS[self.zoom]
        return (self.end - self.first).days + 1 if size is None else size

    @property
    def start(self) -> date:
        return self.end - timedelta(days=self.days - 1)

    def clamped(self) -> ChartWindow:
        """The end moved back inside: no later than today, no window starting before the first
        day when there are days enough to fill it."""
        size = ZOOMS[self.zoom] or ZOOMS[0] or 1
        low = min(self.last, self.first + timedelta(days=size - 1))
        return replace(self, end=min(max(self.end, low), self.last))

    def moved(self, direction: int) -> ChartWindow:
        """A quarter of the window back (-1) or forward (+1), a week at least."""
        step = max(7, self.days // 4)
        return replace(self, end=self.end + timedelta(days=direction * step)).clamped()

    def zoomed(self, direction: int) -> ChartWindow:
        """In (-1: fewer days) or out (+1: more), to the same end; out stops once the window
        holds every day there is."""
        zoom = self.zoom + direction
        if not 0 <= zoom < len(ZOOMS) or (direction > 0 and self.start <= self.first):
            return self
        return replace(self, zoom=zoom).clamped()

    def label(self) -> str:
        """'12 weeks to Fri 4 Dec 2026', 'All 10 years to Fri 31 Dec 2021'."""
        size = ZOOMS[self.zoom]
        if size is None:
            years = self.days / 365.25
            words = f"All {years:.0f} years" if years >= 3 else f"All {years:.1f} years"
        else:
            words = ZOOM_WORDS[self.zoom]
        return f"{words} to {day_label(self.end, year=True)}"


def window_trend(trend: Sequence[LoadPoint], window: ChartWindow) -> tuple[LoadPoint, ...]:
    """The points of the window's days; days before the trend had no load (zero, no ratio)."""
    if not trend:
        return ()
    origin = trend[0].date
    before = max(0, (origin - window.start).days)
    padding = tuple(
        LoadPoint(window.start + timedelta(days=d), 0.0, 0.0, 0.0, None) for d in range(before)
    )
    first = max(0, (window.start - origin).days)
    last = (window.end - origin).days + 1
    return padding + tuple(trend[first : max(first, last)])


def edge_labels(first: date, last: date, today: date) -> tuple[str, str]:
    """The dates under a chart's left and right edges; the years when they are not this one."""
    years = first.year != last.year or last.year != today.year
    right = "today" if last == today else day_label(last, year=years)
    return day_label(first, year=years), right


# ---- the load charts ---------------------------------------------------------------------------


def fitness_chart(trend: Sequence[LoadPoint], today: date | None = None) -> ChartData:
    """Fitness (solid), fatigue (dotted) and form (solid, may dip below the zero line)."""
    started = next((i for i, p in enumerate(trend) if p.fitness or p.fatigue), len(trend))
    before: tuple[None, ...] = (None,) * started
    fitness = before + tuple(p.fitness for p in trend[started:])
    fatigue = before + tuple(p.fatigue for p in trend[started:])
    form = before + tuple(p.form for p in trend[started:])
    known = [v for v in (*fitness, *fatigue, *form) if v is not None]
    low = min(0.0, *known) if known else 0.0
    high = max(1.0, *known) if known else 1.0
    first_label, last_label = _edges(trend, today)
    return ChartData(
        title="Fitness, fatigue, form",
        series=(
            Series("form", form, _legend("form", form)),
            Series("fatigue", fatigue, _legend("fatigue", fatigue), dotted=True),
            Series("fitness", fitness, _legend("fitness", fitness)),
        ),
        first_label=first_label,
        last_label=last_label,
        low=low,
        high=high,
        guides=(Guide(0.0),) if low < 0 else (),
    )


def _edges(trend: Sequence[LoadPoint], today: date | None) -> tuple[str, str]:
    if not trend:
        return "", ""
    if today is None:
        return day_label(trend[0].date), "today"
    return edge_labels(trend[0].date, trend[-1].date, today)


def _legend(name: str, values: Sequence[float | None]) -> str:
    """'form −11': the name and the last day's value, with a true minus sign."""
    last = values[-1] if values else None
    return name if last is None else f"{name} {last:.0f}".replace("-", "−")


def ratio_chart(
    trend: Sequence[LoadPoint], rules: LoadRules, today: date | None = None
) -> ChartData:
    """The acute:chronic ratio over its usual band, with the spike line above it."""
    ratios = tuple(p.acwr for p in trend)
    known = [r for r in ratios if r is not None]
    latest = next((r for r in reversed(ratios) if r is not None), None)
    legend = (
        f"ratio {latest:.2f}"
        if latest is not None
        else f"ratio: shown after {rules.acwr_min_history_days} days of history"
    )
    band = (rules.acwr_sweet_low, rules.acwr_sweet_high)
    first_label, last_label = _edges(trend, today)
    return ChartData(
        title="Load ratio, acute:chronic",
        series=(Series("ratio", ratios, legend),),
        first_label=first_label,
        last_label=last_label,
        low=0.0,
        high=max(2.0, *known) if known else 2.0,
        band=band,
        guides=(Guide(rules.acwr_danger, "danger"),),
        decimals=1,
    )


def load_note(rules: LoadRules) -> str:
    return (
        f"Load = effort × minutes. Fitness averages it over {rules.fitness_days} days, "
        f"fatigue over {rules.fatigue_days}; form is fitness − fatigue of the day before. "
        f"The shaded band is the usual ratio ({rules.acwr_sweet_low:g}–"
        f"{rules.acwr_sweet_high:g}); {rules.acwr_danger:g} or more is a load spike."
    )


# ---- the distance bars -------------------------------------------------------------------------

PERIODS = ("week", "month", "year")  # a coarser one stands in when the bars do not fit


def unit_of(units: str) -> tuple[str, float]:
    """The runner's distance unit and its metres: ('km', 1000) or ('mi', 1609.344)."""
    return ("mi", METRES_PER_MILE) if units == "imperial" else ("km", 1000.0)


def period_start(day: date, period: str) -> date:
    """The Monday of its week, the first of its month or of its year."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def next_period(start: date, period: str) -> date:
    if period == "week":
        return start + timedelta(days=7)
    if period == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def period_label(start: date, period: str) -> str:
    """'31 Aug' (a week, by its Monday), 'Sep' ('2027' for a January), '2012'."""
    if period == "week":
        return day_label(start).split(" ", 1)[1]
    if period == "month":
        return str(start.year) if start.month == 1 else day_label(start).split(" ")[2]
    return str(start.year)


def distance_bars(
    runs: Iterable[Run], first: date, last: date, period: str, units: str
) -> tuple[Bar, ...]:
    """The distance of each whole week (Monday to Sunday), month or year that the days
    `first`..`last` touch, oldest first, in the runner's unit."""
    _, per = unit_of(units)
    starts: list[date] = []
    start = period_start(first, period)
    while start <= last:
        starts.append(start)
        start = next_period(start, period)
    totals = dict.fromkeys(starts, 0.0)
    for run in runs:
        key = period_start(run.date, period)
        if key in totals:
            totals[key] += run.distance_m
    return tuple(Bar(period_label(s, period), totals[s] / per, s) for s in starts)


def distance_charts(
    runs: Sequence[Run], window: ChartWindow, period: str, units: str
) -> tuple[BarData, ...]:
    """The bars by `period`, then by each coarser period, for a width the first do not fit."""
    unit, _ = unit_of(units)
    charts = []
    for index, each in enumerate(PERIODS[PERIODS.index(period) :]):
        note = "" if index == 0 else f" ({period}s do not fit this width)"
        charts.append(
            BarData(
                title=f"Distance a {each}, {unit}{note}",
                bars=distance_bars(runs, window.start, window.end, each, units),
                decimals=1 if unit == "mi" else 0,
            )
        )
    return tuple(charts)


def distance_note(runs: Sequence[Run], window: ChartWindow, units: str, period: str) -> str:
    """'Mon 31 Aug to Sat 28 Nov: 470.0 km in 57 runs.': the days the bars cover, from the
    start of the first bar's week or month, so the total is the bars' sum."""
    unit, per = unit_of(units)
    first = period_start(window.start, period)
    inside = [run for run in runs if first <= run.date <= window.end]
    total = sum(run.distance_m for run in inside) / per
    years = first.year != window.end.year  # "1 Nov to 28 Nov" would read as one month
    span = f"{day_label(first, year=years)} to {day_label(window.end, year=years)}"
    return f"{span}: {total:.1f} {unit} in {count(len(inside), 'run')}."
