"""planner log --drank and --weight-before/--weight-after: stored on the run, bad values refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import Cli, tree_digest

from planner.store.eventfile import decode_file

LOG = ("log", "--distance", "21km", "--duration", "2:00:00", "--rpe", "5")


def test_fluid_and_weights_are_stored_on_the_run_and_shape_the_fluid(cli: Cli, data: Path) -> None:
    assert cli("profile", "set", "--age", "40", "--weight-kg", "70")[0] == 0
    code, _, err = cli(
        *LOG, "--drank", "750ml", "--weight-before", "70.2kg", "--weight-after", "69.1kg"
    )
    assert code == 0, err
    files = [p for p in (data / "events").rglob("*.toml") if not p.name.startswith(".")]
    runs = [e for p in files for e in decode_file(p.read_bytes(), p) if e.kind == "run"]
    (run,) = runs
    assert (run.data["drank_ml"], run.data["weight_before_kg"], run.data["weight_after_kg"]) == (
        750,
        70.2,
        69.1,
    )
    doc = json.loads(cli("today", "--json")[1])
    hydration = next(i for i in doc["days"][0]["checklist"] if i["id"] == "hydration")
    assert hydration["doses"]["fluid_ml"] == 1400  # 1.1 kg lost x 1.25
    assert {i["kind"] for i in doc["days"][0]["checklist"]} >= {"fuel"}


def test_imperial_units_are_taken(cli: Cli) -> None:
    code, _, err = cli(
        *LOG, "--drank", "25floz", "--weight-before", "154.8lb", "--weight-after", "152.4lb"
    )
    assert code == 0, err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--drank", "lots"), "drank 'lots': give a number with a unit, like 750ml"),
        (("--drank", "-2l"), "drank '-2l': give a number with a unit"),
        (("--weight-before", "70kg"), "weight after: missing"),
        (("--weight-before", "70", "--weight-after", "69kg"), "weight before '70': give"),
        (("--weight-before", "70kg", "--weight-after", "7kg"), "weight after '7kg': must be"),
    ],
)
def test_a_bad_value_is_refused_in_one_line_and_nothing_is_written(
    cli: Cli, data: Path, extra: tuple[str, ...], message: str
) -> None:
    cli("profile", "set", "--age", "40")
    before = tree_digest(data)
    code, out, err = cli(*LOG, *extra)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert tree_digest(data) == before
