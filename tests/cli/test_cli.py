"""The command line as a runner uses it: set up, log, see today, tick; every refusal is one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from clitools import Cli, tree_digest

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "plan.schema.json").read_text())


def test_morning_loop(cli: Cli) -> None:
    assert cli("profile", "set", "--age", "52", "--weight-kg", "61")[0] == 0
    code, out, _ = cli("log", "--distance", "10km", "--duration", "50:00", "--rpe", "4")
    assert code == 0 and "Logged 10.0 km in 50:00 on 2026-11-28" in out
    code, out, _ = cli("today")
    assert code == 0
    assert "Sat 28 Nov 2026 · age 52 (50-54)" in out
    assert "[ ] hydration" in out
    assert cli("check", "hydration")[0] == 0
    assert "[x] hydration" in cli("today")[1]
    assert cli("uncheck", "hydration")[0] == 0
    assert "[ ] hydration" in cli("today")[1]


def test_today_json_follows_the_contract(cli: Cli) -> None:
    cli("profile", "set", "--birth-date", "1974-06-01", "--weight-kg", "70")
    cli("log", "--date", "2026-11-24", "--distance", "12km", "--duration", "55:00", "--rpe", "8")
    cli("check", "hydration")
    code, out, _ = cli("today", "--json")
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, SCHEMA)
    assert doc["date_generated"] == "2026-11-28"
    assert doc["profile"] == {"age": 52, "age_group": "50-54"}
    today = doc["days"][0]
    assert today["date"] == "2026-11-28" and today["projected"] is False
    assert {"hydration", "stretching", "yoga", "foam_rolling", "meal"} <= {
        item["kind"] for item in today["checklist"]
    }
    assert next(i for i in today["checklist"] if i["id"] == "hydration")["done"] is True


def test_plan_json_days_and_projection(cli: Cli) -> None:
    cli("profile", "set", "--age", "30")
    code, out, _ = cli("plan", "--from", "2026-11-27", "--days", "5", "--json")
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, SCHEMA)
    days = doc["days"]
    assert [d["date"] for d in days] == [f"2026-11-{n}" for n in (27, 28, 29, 30)] + ["2026-12-01"]
    assert [d["projected"] for d in days] == [False, False, True, True, True]
    for day in days:
        assert day["see_clinician"] == (day["day_type"] == "see_clinician")


def test_runs_json_fields(cli: Cli) -> None:
    cli("log", "--distance", "6.2mi", "--duration", "1:05:00", "--rpe", "5", "--avg-hr", "141")
    code, out, _ = cli("runs", "--json")
    assert code == 0
    (run,) = json.loads(out)["runs"]
    assert set(run) >= {
        "id", "date", "start", "distance_m", "moving_s", "elapsed_s", "avg_hr",
        "rpe", "rpe_estimated", "type", "sport", "source",
    }  # fmt: skip
    assert run["distance_m"] == pytest.approx(9977.9, abs=0.1)
    assert run["moving_s"] == 3900 and run["avg_hr"] == 141 and run["rpe"] == 5


def test_an_optional_setting_can_be_cleared(cli: Cli) -> None:
    cli("profile", "set", "--age", "50", "--hr-max", "181", "--weight-kg", "64", "--sex", "f")
    assert cli("profile", "set", "--hr-max", "none", "--weight-kg", "none")[0] == 0
    doc = json.loads(cli("profile", "show", "--json")[1])
    assert doc["hr_max"] is None and doc["weight_kg"] is None
    assert doc["sex"] == "f" and doc["age"] == 50  # the rest stays
    code, _, err = cli("profile", "set", "--age", "none")
    assert code == 2 and "age" in err  # the plan needs an age: it cannot be cleared


def test_profile_show_json(cli: Cli) -> None:
    cli("profile", "set", "--age", "61", "--weight-lb", "150", "--units", "imperial")
    code, out, _ = cli("profile", "show", "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["age"] == 61 and doc["units"] == "imperial"
    assert doc["weight_kg"] == pytest.approx(68.0, abs=0.1)


@pytest.mark.parametrize(
    "args",
    [
        ["log", "--distance", "-5km", "--duration", "30:00", "--rpe", "4"],
        ["log", "--distance", "0km", "--duration", "30:00", "--rpe", "4"],
        ["log", "--distance", "10", "--duration", "30:00", "--rpe", "4"],
        ["log", "--distance", "10km", "--duration", "0:00", "--rpe", "4"],
        ["log", "--distance", "10km", "--duration", "ten", "--rpe", "4"],
        ["log", "--distance", "10km", "--duration", "50:70", "--rpe", "4"],
        ["log", "--distance", "10km", "--duration", "50:00", "--rpe", "11"],
        ["log", "--distance", "10km", "--duration", "50:00", "--rpe", "0"],
        ["log", "--distance", "10km", "--duration", "50:00", "--rpe", "hard"],
        ["log", "--date", "2026-02-30", "--distance", "10km", "--duration", "50:00", "--rpe", "4"],
        ["log", "--date", "2026-12-01", "--distance", "10km", "--duration", "50:00", "--rpe", "4"],
        ["log", "--distance", "10km", "--duration", "50:00", "--rpe", "4", "--type", "jog"],
        ["log", "--distance", "10km", "--duration", "50:00", "--rpe", "4", "--avg-hr", "400"],
        ["log", "--distance", "100km", "--duration", "20:00", "--rpe", "4"],
        ["log", "--distance", "10km", "--duration", "50:00"],
        ["profile", "set", "--age", "200"],
        ["profile", "set", "--age", "-3"],
        ["profile", "set", "--birth-date", "1970-13-01"],
        ["profile", "set", "--birth-date", "2030-01-01"],
        ["profile", "set", "--sex", "q"],
        ["profile", "set", "--units", "furlongs"],
        ["profile", "set", "--weight-kg", "0"],
        ["profile", "set", "--tz", "Mars/Olympus"],
        ["profile", "set", "--day-starts", "25"],
        ["profile", "set", "--age", "40", "--birth-date", "1980-01-01"],
        ["profile", "set"],
        ["check", "sauna"],
        ["check", "hydration", "--date", "someday"],
        ["plan", "--days", "0"],
        ["plan", "--from", "2026-11-31"],
        ["frobnicate"],
    ],
)
def test_refusals_are_one_line_nonzero_and_write_nothing(
    cli: Cli, data: Path, args: list[str]
) -> None:
    cli("profile", "set", "--age", "45")
    before = tree_digest(data)
    code, out, err = cli(*args)
    assert code == 2, (args, out, err)
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("planner: ")
    assert "Traceback" not in err
    assert tree_digest(data) == before


def test_bad_today_is_refused(cli: Cli) -> None:
    code, _, err = cli("today", today="2026-02-29")
    assert code == 2 and "--today" in err


def test_kind_name_ticks_the_one_item_of_that_kind(cli: Cli) -> None:
    cli("profile", "set", "--age", "33")
    assert cli("check", "hydration")[0] == 0
    code, out, _ = cli("check", "foam_rolling", "--date", "2026-11-27")
    assert code == 0 and "Ticked foam_rolling on 2026-11-27" in out
    doc = json.loads(cli("plan", "--from", "2026-11-27", "--days", "1", "--json")[1])
    done = {i["id"] for i in doc["days"][0]["checklist"] if i["done"]}
    assert done == {"foam_rolling"}


def test_env_vars_pick_data_and_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli import main

    monkeypatch.setenv("PLANNER_DATA", str(tmp_path / "envdata"))
    monkeypatch.setenv("PLANNER_TODAY", "2026-03-01")
    assert main(["profile", "set", "--age", "40"]) == 0
    assert main(["today"]) == 0
    assert "Sun 1 Mar 2026" in capsys.readouterr().out
    assert (tmp_path / "envdata" / "events").is_dir()


def test_runner_day_follows_their_zone_not_the_machine(cli: Cli, data: Path) -> None:
    """On a UTC machine at 23:30 UTC, a runner in Auckland is already on the next day."""
    from datetime import UTC, datetime

    from planner.datadir import DataDir
    from planner.service import Planner

    cli("profile", "set", "--age", "40", "--tz", "Pacific/Auckland", "--day-starts", "3")
    planner = Planner(DataDir(data), now=lambda: datetime(2026, 11, 28, 23, 30, tzinfo=UTC))
    assert str(planner.today()) == "2026-11-29"
    # At 01:30 local (12:30 UTC the day before), the day has not started yet: still the 28th.
    planner = Planner(DataDir(data), now=lambda: datetime(2026, 11, 28, 12, 30, tzinfo=UTC))
    assert str(planner.today()) == "2026-11-28"


def _run(args: list[str], data: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PLANNER_DATA": str(data),
        "PLANNER_TODAY": "2026-11-28",
    }
    return subprocess.run(
        [sys.executable, "-m", "planner", *args], capture_output=True, text=True, env=env
    )


def test_python_m_planner_and_exit_codes(data: Path, tmp_path: Path) -> None:
    ok = _run(["profile", "set", "--age", "52"], data, tmp_path)
    assert ok.returncode == 0, ok.stderr
    bad = _run(["log", "--distance", "-1km", "--duration", "10:00", "--rpe", "3"], data, tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_today_never_imports_textual(data: Path, tmp_path: Path) -> None:
    """`planner today` may run in a shell prompt or motd: it must not pay for the UI."""
    data.mkdir(parents=True)  # a data folder, empty: today's plan for a runner without runs
    probe = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            "import sys; from planner.cli import main; main(['--data', sys.argv[1], "
            "'--today', '2026-11-28', 'today'])",
            str(data),
        ],
        capture_output=True,
        text=True,
        env={"XDG_STATE_HOME": str(tmp_path / "s"), "XDG_CACHE_HOME": str(tmp_path / "c")},
    )
    assert probe.returncode == 0, probe.stderr[-500:]
    imported = {line.split("|")[-1].strip() for line in probe.stderr.splitlines()}
    assert "textual" not in imported and "rich" not in imported
    assert "planner.core.engine" in imported  # the probe really built a plan


def test_planner_alone_parses_like_the_app_options_would() -> None:
    # `planner` with no arguments skips argparse; it must mean what the parser would say.
    from planner.cli import _app_parser, parse_args

    quick = vars(parse_args([]))
    full = vars(_app_parser().parse_args([]))
    assert quick == {**full, "command": None}
    assert vars(parse_args(["--data", "x"]))["data"] == "x"
