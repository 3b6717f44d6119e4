"""`planner runs` and the plan on real sample files with heart rate (issue 12, point 7): the
effort of an imported run follows today's HR settings, in separate processes (so through the
on-disk cache), and an estimate says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
FILES = ("tcx/slither__running.tcx", "fit/fitparse__activity-small-fenix2-run.fit")
TODAY = "2016-12-12"  # the day after the TCX run of 11 Dec 2016


@pytest.fixture
def planner(tmp_path: Path) -> Any:
    if not all((SAMPLES / name).is_file() for name in FILES):
        pytest.skip(f"the shared sample files are not at {SAMPLES}")
    env = {
        "PATH": "/usr/bin:/bin",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PLANNER_DATA": str(tmp_path / "data"),
        "PLANNER_TODAY": TODAY,
    }

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "planner", *args], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("profile", "set", "--age", "40")
    run("import", *(str(SAMPLES / name) for name in FILES))
    return run


def _runs(planner: Any) -> dict[str, dict[str, Any]]:
    return {r["source"]: r for r in json.loads(planner("runs", "--json"))["runs"]}


def test_a_new_max_hr_changes_imported_runs_and_the_plan(planner: Any) -> None:
    before = _runs(planner)
    today = json.loads(planner("today", "--json"))
    assert len(before) == 2
    for r in before.values():
        assert r["avg_hr"] is not None and r["rpe_estimated"] is True
        assert r["rpe_method"] == "heart_rate" and isinstance(r["rpe"], int | float)
    said = " ".join(today["days"][0]["reasons"])
    assert "max HR 180 estimated (208 - 0.7 x age 40) and rest HR 60 assumed" in said

    planner("profile", "set", "--hr-max", "170")
    after = _runs(planner)
    again = json.loads(planner("today", "--json"))
    for source, r in after.items():
        assert r["rpe"] > before[source]["rpe"]  # the same beats are harder below a lower max
    assert again["load"]["fatigue"] > today["load"]["fatigue"]
    said = " ".join(again["days"][0]["reasons"])
    assert "max HR 170 (yours) and rest HR 60 assumed" in said


def test_runs_text_marks_an_estimate(planner: Any) -> None:
    out = planner("runs")
    assert "RPE -" not in out
    header, *lines = out.splitlines()
    rpe_at = header.index("RPE")
    rows = [line for line in lines if line.startswith("20")]
    assert len(rows) == 2 and all(line[rpe_at] == "~" for line in rows), out
    assert "~ estimated effort" in out and "planner checkin --rate RUN_ID=RPE" in out


def test_with_heart_rate_unreliable_the_estimate_names_another_method(planner: Any) -> None:
    planner("profile", "set", "--hr-unreliable", "yes")
    for r in _runs(planner).values():
        assert r["rpe_estimated"] is True and r["rpe_method"] in ("pace", "default")
    rated = _runs(planner)["slither__running.tcx"]["id"]
    planner("checkin", "--rate", f"{rated}=5")
    r = _runs(planner)["slither__running.tcx"]
    assert (r["rpe"], r["rpe_estimated"], r["rpe_method"]) == (5, False, "rated")
