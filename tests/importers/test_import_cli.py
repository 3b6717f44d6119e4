"""`planner import` as a runner uses it: summary, --json, --list, --undo, --inbox, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from importkit import run_fit, tree_digest

from planner.cli import main

Cli = Callable[..., tuple[int, str, str]]
START = datetime(2024, 5, 4, 7, 30, tzinfo=UTC)


@pytest.fixture
def cli(data: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data", str(data), "--today", "2026-01-05", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def watch(tmp_path: Path) -> Path:
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "a.fit").write_bytes(run_fit(START, 3000, 10_000))
    (folder / "swim.fit").write_bytes(run_fit(START.replace(day=5), 1800, 1500, sport=5))
    (folder / "junk.fit").write_bytes(b"not a fit file at all")
    return folder


def test_import_summary_and_exit_0(cli: Cli, watch: Path) -> None:
    code, out, err = cli("import", str(watch))
    assert code == 0 and err == ""
    assert "Imported 1 run from 3 files" in out
    assert "Skipped 1 activity that is not a run (swimming 1)" in out
    assert f"Refused 1 file:\n  {watch / 'junk.fit'}: not a FIT file (no FIT header)" in out
    import_id = out.split("(import ")[1].split(")")[0]
    assert f"planner import --undo {import_id}" in out
    code, out, _ = cli("runs", "--json")
    (run,) = json.loads(out)["runs"]
    assert run["distance_m"] == 10_000 and run["source"] == "a.fit"


def test_all_duplicates_is_exit_0(cli: Cli, watch: Path) -> None:
    cli("import", str(watch))
    code, out, _ = cli("import", str(watch / "a.fit"))
    assert code == 0 and out.startswith("Nothing new: 1 file read before and unchanged since.")


def test_every_file_refused_is_exit_2_and_writes_nothing(
    cli: Cli, tmp_path: Path, data: Path
) -> None:
    (tmp_path / "x.gpx").write_text("<gpx>")
    (tmp_path / "y.fit").write_bytes(b"")
    cli("profile", "set", "--age", "40")
    before = tree_digest(data)
    code, out, _ = cli("import", str(tmp_path / "x.gpx"), str(tmp_path / "y.fit"))
    assert code == 2 and "Refused 2 files" in out
    assert tree_digest(data) == before


def test_no_activity_files_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out, _ = cli("import", str(tmp_path / "empty"))
    assert code == 2 and "No new runs in 0 activity files." in out


def test_bad_arguments_are_one_line_and_exit_2(cli: Cli, watch: Path) -> None:
    assert cli("import")[0] == 2
    code, _, err = cli("import", "/no/such/place")
    assert code == 2 and err == "planner: /no/such/place: no such file or folder\n"
    code, _, err = cli("import", "--undo", "imp-nothere")
    assert code == 2 and "no such import" in err
    code, _, err = cli("import", "--list", str(watch))
    assert code == 2 and "not both" in err
    code, _, err = cli("import", "--inbox")
    assert code == 2 and "no inbox set" in err


def test_json_list_and_undo(cli: Cli, watch: Path) -> None:
    code, out, _ = cli("import", "--json", str(watch))
    doc = json.loads(out)
    assert code == 0 and len(doc["imported"]) == 1 and doc["non_runs"] == {"swimming": 1}
    assert doc["refused"][0]["reason"] == "not a FIT file (no FIT header)"
    code, out, _ = cli("import", "--list", "--json")
    (listed,) = json.loads(out)["imports"]
    assert listed["id"] == doc["import_id"] and listed["runs"] == 1
    code, out, _ = cli("import", "--undo", doc["import_id"])
    assert code == 0 and out == f"Removed the 1 run of import {doc['import_id']}.\n"
    assert json.loads(cli("runs", "--json")[1])["runs"] == []
    assert cli("import", "--list")[1] == "No imports yet: planner import PATH...\n"


def test_inbox_from_the_profile(cli: Cli, watch: Path) -> None:
    assert cli("profile", "set", "--inbox", str(watch))[0] == 0
    code, out, _ = cli("import", "--inbox")
    assert code == 0 and "Imported 1 run" in out
    code, out, _ = cli("import", "--inbox")
    assert code == 0 and out.startswith("Nothing new")
    code, _, err = cli("profile", "set", "--inbox", str(watch / "nope"))
    assert code == 2 and "not a folder" in err
    assert cli("profile", "set", "--inbox", "none")[0] == 0
    assert "no inbox set" in cli("import", "--inbox")[2]
