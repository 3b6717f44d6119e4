"""The runner's own plan files: kept named by content, chosen by name and hash on every machine."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from eventtables import Event
from plan_states import PLANS

from planner.core.errors import DataError, InputError
from planner.events import Recorded
from planner.planfiles import install_plan, load_plan, resolve_choice
from planner.projections.state import fold

STANDARD = (PLANS / "standard.toml").read_text(encoding="utf-8")


def mine(tmp_path: Path, threshold: int = 3, name: str = "mine") -> Path:
    text = STANDARD.replace('name = "standard"', f'name = "{name}"', 1)
    text = text.replace("\nthreshold = 4\n", f"\nthreshold = {threshold}\n", 1)
    path = tmp_path / f"{name}-{threshold}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_installed_plan_is_named_by_content(tmp_path: Path) -> None:
    data = tmp_path / "data"
    source = mine(tmp_path)
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    installed = install_plan(source, data)
    assert (installed.name, installed.sha, installed.new) == ("mine", sha, True)
    assert installed.path == data / "plans" / f"mine-{sha[:8]}.toml"
    assert install_plan(source, data).new is False
    rules = load_plan("mine", data, sha)
    assert (rules.name, rules.sha, rules.soreness.threshold) == ("mine", sha, 3)


def test_the_hash_picks_one_of_two_versions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    three = install_plan(mine(tmp_path, 3), data)
    five = install_plan(mine(tmp_path, 5), data)
    assert load_plan("mine", data, three.sha).soreness.threshold == 3
    assert load_plan("mine", data, five.sha).soreness.threshold == 5
    with pytest.raises(DataError, match="ambiguous"):
        load_plan("mine", data)
    with pytest.raises(DataError, match=r"mine-00000000\.toml, is not in"):
        load_plan("mine", data, "0" * 64)


def test_a_file_whose_content_no_longer_matches_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    installed = install_plan(mine(tmp_path), data)
    installed.path.write_text(installed.path.read_text() + "\n# edited by hand\n")
    with pytest.raises(DataError, match="does not match the plan chosen"):
        load_plan("mine", data, installed.sha)


def test_a_choice_is_a_name_and_for_a_user_plan_a_hash(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert resolve_choice("conservative", data).sha is None
    installed = install_plan(mine(tmp_path), data)
    assert resolve_choice("mine", data) == resolve_choice(installed.path.stem, data)
    assert resolve_choice("mine", data).name == "mine"
    assert resolve_choice("mine", data).sha == installed.sha
    (data / "plans" / "byhand.toml").write_text(mine(tmp_path, 6, "byhand").read_text())
    choice = resolve_choice("byhand", data)
    assert load_plan(choice.name, data, choice.sha).soreness.threshold == 6


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("standard", "is a built-in plan's"),
        ("My Plan", "use 1-40 lower-case letters"),
        ("mine-1a2b3c4d", "not ending in -<8 hex digits>"),
        ("", "use 1-40 lower-case letters"),
    ],
)
def test_a_plan_needs_a_name_of_its_own(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        install_plan(mine(tmp_path), tmp_path / "data", name)
    assert not (tmp_path / "data").exists()


def _event(n: int, kind: str, data: dict[str, object]) -> Recorded:
    return Event(f"e{n}", kind, f"17000000000{n:02d}-0000", "dev", data)


def test_the_fold_makes_the_latest_choice_the_profiles_plan() -> None:
    sha = "ab" * 32
    chosen = fold([_event(1, "plan_choice", {"name": "mine", "sha": sha})]).profile
    assert (chosen.plan, chosen.plan_sha) == ("mine", sha)
    back = fold(
        [
            _event(1, "plan_choice", {"name": "mine", "sha": sha}),
            _event(2, "plan_choice", {"name": "standard"}),
        ]
    ).profile
    assert (back.plan, back.plan_sha) == ("standard", None)
    ignored = fold([_event(1, "plan_choice", {"sha": sha})]).profile  # no name: skipped
    assert (ignored.plan, ignored.plan_sha) == ("standard", None)
