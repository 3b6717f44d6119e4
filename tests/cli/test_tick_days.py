"""Ticks land on today or an earlier day; a projected day (after today) cannot be ticked."""

from __future__ import annotations

from pathlib import Path

from clitools import Cli


def event_files(data: Path) -> list[Path]:
    return sorted((data / "events").rglob("*.toml"))


def test_a_day_after_today_refuses_a_tick_and_writes_nothing(cli: Cli, data: Path) -> None:
    assert cli("profile", "set", "--age", "52")[0] == 0
    before = event_files(data)
    for command in ("check", "uncheck"):
        code, out, err = cli(command, "hydration", "--date", "2026-11-29")
        assert code == 2 and out == ""
        assert err.strip() == (
            "planner: date 2026-11-29: after today (2026-11-28); "
            "a day's items are ticked on the day or after"
        )
    assert event_files(data) == before


def test_today_and_earlier_days_take_ticks(cli: Cli, data: Path) -> None:
    assert cli("profile", "set", "--age", "52")[0] == 0
    for day in ("2026-11-28", "2026-11-20"):
        code, out, _ = cli("check", "hydration", "--date", day)
        assert code == 0 and f"Ticked hydration on {day}" in out
