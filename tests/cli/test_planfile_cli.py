"""`planner plan-file` and `profile set --plan`: copy a built-in plan, change it, choose it."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest
from clitools import Cli, tree_digest


def my_plan(cli: Cli, tmp_path: Path, threshold: int = 3) -> Path:
    """The standard plan, shown, copied and changed as a runner would: sore from 3, not 4."""
    code, text, _ = cli("plan-file", "show", "standard")
    assert code == 0 and text.startswith("# The standard recovery plan")
    text = text.replace('name = "standard"', 'name = "mine"', 1)
    text = text.replace("\nthreshold = 4\n", f"\nthreshold = {threshold}\n", 1)
    path = tmp_path / f"mine-{threshold}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_add_a_plan_file_and_plan_with_it(cli: Cli, data: Path, tmp_path: Path) -> None:
    cli("profile", "set", "--age", "44")
    cli("checkin", "--soreness", "3")
    assert json.loads(cli("today", "--json")[1])["days"][0]["day_type"] != "active_recovery"
    path = my_plan(cli, tmp_path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    code, out, _ = cli("plan-file", "add", str(path))
    assert code == 0 and f"Plan 'mine' ({sha[:8]}) is now your plan." in out
    copy = data / "plans" / f"mine-{sha[:8]}.toml"
    assert copy.read_bytes() == path.read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    profile = json.loads(cli("profile", "show", "--json")[1])
    assert (profile["plan"], profile["plan_sha"]) == ("mine", sha)
    assert json.loads(cli("today", "--json")[1])["days"][0]["day_type"] == "active_recovery"
    assert f"* mine-{sha[:8]}" in cli("plan-file", "show")[1]


def test_a_changed_copy_is_a_second_file_and_the_choice_names_one(
    cli: Cli, data: Path, tmp_path: Path
) -> None:
    first, second = my_plan(cli, tmp_path, 3), my_plan(cli, tmp_path, 5)
    cli("plan-file", "add", str(first))
    cli("plan-file", "add", str(second))
    sha = hashlib.sha256(second.read_bytes()).hexdigest()
    assert len(list((data / "plans").glob("mine-*.toml"))) == 2
    assert (
        json.loads(cli("profile", "show", "--json")[1])["plan_sha"] == sha
    )  # both there: no doubt
    code, _, err = cli("profile", "set", "--plan", "mine")
    assert code == 3 and "ambiguous" in err
    first_sha = hashlib.sha256(first.read_bytes()).hexdigest()
    assert cli("profile", "set", "--plan", f"mine-{first_sha[:8]}")[0] == 0
    profile = json.loads(cli("profile", "show", "--json")[1])
    assert (profile["plan"], profile["plan_sha"]) == ("mine", first_sha)
    assert cli("profile", "set", "--plan", "conservative")[0] == 0
    profile = json.loads(cli("profile", "show", "--json")[1])
    assert (profile["plan"], profile["plan_sha"]) == ("conservative", None)


def test_adding_the_same_file_twice_keeps_one_copy(cli: Cli, data: Path, tmp_path: Path) -> None:
    path = my_plan(cli, tmp_path)
    cli("plan-file", "add", str(path))
    code, out, _ = cli("plan-file", "add", str(path), "--name", "mine")
    assert code == 0 and out.startswith("Already there: ")
    assert len(list((data / "plans").iterdir())) == 1


def test_a_chosen_file_missing_on_this_machine_is_said_plainly(
    cli: Cli, data: Path, tmp_path: Path
) -> None:
    cli("plan-file", "add", str(my_plan(cli, tmp_path)))
    for path in (data / "plans").iterdir():
        path.unlink()  # as on a machine the plan file has not synced to yet
    code, _, err = cli("today")
    assert code == 3 and "is not in" in err and "planner profile set --plan standard" in err
    assert cli("profile", "set", "--plan", "standard")[0] == 0
    assert cli("today")[0] == 0


@pytest.mark.parametrize(
    ("make", "args", "code", "message"),
    [
        (None, ["plan-file", "add", "nothere.toml"], 2, "plan file 'nothere.toml': not found"),
        ("standard", ["plan-file", "add", "{path}"], 2, "plan name 'standard' is a built-in"),
        ("standard", ["plan-file", "add", "{path}", "--name", "Mine!"], 2, "plan name 'Mine!'"),
        ("standard", ["plan-file", "add", "{path}", "--name", "x-1a2b3c4d"], 2, "plan name"),
        ("broken", ["plan-file", "add", "{path}", "--name", "b"], 3, "min_rpe: 70 is above 10"),
        ("notes", ["plan-file", "add", "{path}"], 3, "not valid TOML"),
        (None, ["plan-file", "show", "nope"], 2, "plan 'nope' not found"),
        (None, ["profile", "set", "--plan", "nope"], 2, "plan 'nope' not found"),
    ],
)
def test_bad_plan_files_are_refused_and_nothing_is_written(
    cli: Cli, data: Path, tmp_path: Path, make: str | None, args: list[str], code: int, message: str
) -> None:
    cli("profile", "set", "--age", "44")
    path = tmp_path / "plan.toml"
    if make is not None:
        text = cli("plan-file", "show", "standard")[1]
        if make == "broken":
            text = text.replace("\nmin_rpe = 7\n", "\nmin_rpe = 70\n", 1)
        if make == "notes":
            text = "these are my notes, not a plan"
        path.write_text(text, encoding="utf-8")
    args = [a.replace("{path}", str(path)) for a in args]
    before = tree_digest(data)
    got, out, err = cli(*args)
    assert got == code, (out, err)
    assert message in err and err.count("\n") == 1, err
    assert tree_digest(data) == before
