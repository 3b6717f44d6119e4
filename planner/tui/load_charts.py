"""The two load charts of History, worked out from the day-by-day load trend."""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.rules import LoadRules
from planner.core.trend import LoadPoint
from planner.core.wording import day_label
from planner.tui.widgets.line_chart import ChartData, Guide, Series


def fitness_chart(trend: Sequence[LoadPoint]) -> ChartData:
    """Fitness (solid), fatigue (dotted) and form (solid, may dip below the zero line)."""
    started = next((i for i, p in enumerate(trend) if p.fitness or p.fatigue), len(trend))
    before: tuple[None, ...] = (None,) * started
    fitness = before + tuple(p.fitness for p in trend[started:])
    fatigue = before + tuple(p.fatigue for p in trend[started:])
    form = before + tuple(p.form for p in trend[started:])
    known = [v for v in (*fitness, *fatigue, *form) if v is not None]
    low = min(0.0, *known) if known else 0.0
    high = max(1.0, *known) if known else 1.0
    return ChartData(
        title="Fitness, fatigue, form",
        series=(
            Series("form", form, _legend("form", form)),
            Series("fatigue", fatigue, _legend("fatigue", fatigue), dotted=True),
            Series("fitness", fitness, _legend("fitness", fitness)),
        ),
        first_label=day_label(trend[0].date) if trend else "",
        last_label="today",
        low=low,
        high=high,
        guides=(Guide(0.0),) if low < 0 else (),
    )


def _legend(name: str, values: Sequence[float | None]) -> str:
    """'form −11': the name and today's value, with a true minus sign."""
    last = values[-1] if values else None
    return name if last is None else f"{name} {last:.0f}".replace("-", "−")


def ratio_chart(trend: Sequence[LoadPoint], rules: LoadRules) -> ChartData:
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
    return ChartData(
        title="Load ratio, acute:chronic",
        series=(Series("ratio", ratios, legend),),
        first_label=day_label(trend[0].date) if trend else "",
        last_label="today",
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
