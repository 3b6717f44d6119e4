"""A runner whose own plan file predates issue 11 still gets a plan, and is told so in one line.

tests/fixtures/standard-before-issue-11.toml is plans/standard.toml as released before issue 11
(`git show 3c1805b^:plans/standard.toml`), the file `planner plan-file show standard` gave then.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from clitools import Cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD_STANDARD = FIXTURES / "standard-before-issue-11.toml"
NOTE = (
    "predates the warning-sign rules and the session-sizing, fuel and heart-rate rules; their "
    "numbers come from the standard plan: planner plan-file show standard"
)


def advice(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    words = ("why", "source")
    return [
        {**d, "checklist": [{k: v for k, v in i.items() if k not in words} for i in d["checklist"]]}
        for d in days
    ]


def runner(cli: Cli) -> None:
    """A 41-year-old of 5 years with 8 easy runs in 16 days, and a check-in this morning."""
    cli("profile", "set", "--age", "41", "--years-running", "5")
    for day in ("12", "14", "16", "18", "20", "22", "24", "26"):
        cli("log", "--date", f"2026-11-{day}", "--distance", "8km", "--duration", "45:00",
            "--rpe", "4")  # fmt: skip
    cli("checkin", "--soreness", "2")


def test_adding_an_old_plan_file_works_and_says_so_once(cli: Cli, tmp_path: Path) -> None:
    runner(cli)
    mine = tmp_path / "mine.toml"
    shutil.copy(OLD_STANDARD, mine)
    code, out, err = cli("plan-file", "add", str(mine), "--name", "mine")
    assert code == 0, err
    assert out.splitlines()[-1] == f"mine.toml {NOTE}"
    assert out.count("predates") == 1
    code, out, err = cli("today")
    assert code == 0, err
    sha = hashlib.sha256(mine.read_bytes()).hexdigest()
    assert out.splitlines()[-1] == f"mine-{sha[:8]}.toml {NOTE}"
    assert out.count("predates") == 1 and "predates" not in err


def test_a_file_added_under_an_older_release_plans_as_the_standard_plan(
    cli: Cli, data: Path
) -> None:
    runner(cli)
    standard = json.loads(cli("plan", "--days", "14", "--json")[1])
    # As a runner's data dir holds it after `plan-file add` under the release before issue 11.
    sha = hashlib.sha256(OLD_STANDARD.read_bytes()).hexdigest()
    (data / "plans").mkdir(mode=0o700)
    shutil.copy(OLD_STANDARD, data / "plans" / f"mine-{sha[:8]}.toml")
    code, _, err = cli("profile", "set", "--plan", "mine")
    assert code == 0, err
    assert json.loads(cli("profile", "show", "--json")[1])["plan_sha"] == sha
    code, out, err = cli("plan", "--days", "14", "--json")
    assert code == 0, err
    # Never looser (nor stricter) advice; a checklist item's why and source are the file's own.
    assert advice(json.loads(out)["days"]) == advice(standard["days"])
    code, out, err = cli("today")
    assert code == 0, err
    assert NOTE in out
    code, out, _ = cli("today", "--json")
    assert code == 0 and "predates" not in out  # the JSON contract is unchanged
    code, out, _ = cli("plan-file", "show", "mine")
    assert code == 0 and out == OLD_STANDARD.read_text(encoding="utf-8")  # the file, untouched


def test_a_lifted_bone_stress_sign_is_held_as_todays_standard_holds_it(
    cli: Cli, tmp_path: Path
) -> None:
    runner(cli)
    cli("checkin", "--flag", "hopping_pain")
    mine = tmp_path / "mine.toml"
    shutil.copy(OLD_STANDARD, mine)
    code, _, err = cli("plan-file", "add", str(mine), "--name", "mine")
    assert code == 0, err
    # A "no" lifts nothing: only a clinician lifts a possible stress fracture (the old file said
    # nothing of who lifts a sign; that came from the standard plan).
    code, _, err = cli("checkin", "--no-flag", "hopping_pain", today="2026-11-29")
    assert code == 0, err
    day = json.loads(cli("today", "--json", today="2026-11-29")[1])["days"][0]
    assert day["see_clinician"] and not day["run"]["allowed"]


def test_a_wrong_value_in_a_new_key_is_refused_by_file_and_key(cli: Cli, tmp_path: Path) -> None:
    text = OLD_STANDARD.read_text(encoding="utf-8")
    text = text.replace('id = "swelling"\n', 'id = "swelling"\nreturn_days = "a month"\n', 1)
    mine = tmp_path / "mine.toml"
    mine.write_text(text, encoding="utf-8")
    code, out, err = cli("plan-file", "add", str(mine), "--name", "mine")
    assert code != 0 and out == ""
    assert err.strip() == (
        f"planner: {mine}: red_flags.flag[1].return_days: expected a whole number, "
        "got a string ('a month')"
    )


def test_the_built_in_plan_says_nothing(cli: Cli) -> None:
    runner(cli)
    code, out, _ = cli("today")
    assert code == 0 and "predates" not in out
