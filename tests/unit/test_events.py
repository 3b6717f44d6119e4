"""The typed events and their codec: what the release before them wrote reads the same, and the
same answers write the same bytes (tests/data/events-0.1.0 was written by planner 0.1.0's CLI
with `--today 2026-12-04`, before planner/events existed)."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from planner.cli import main
from planner.events import (
    KNOWN,
    Check,
    CheckinGiven,
    Event,
    Foreign,
    PlanChosen,
    ProfileSet,
    RaceEntered,
    RaceRemoved,
    RunDeleted,
    RunEdited,
    RunLogged,
    Uncheck,
    decode,
    encode,
)
from planner.projections.state import fold
from planner.store.eventfile import decode_file

OLD = Path(__file__).parent.parent / "data" / "events-0.1.0"
DAY = date(2026, 12, 4)

ONE_OF_EACH: list[Event] = [
    Check(DAY, "yoga"),
    Uncheck(DAY, "yoga", ("e1", "e2")),
    RunLogged(
        id="r1",
        date=DAY,
        distance_m=8000.0,
        moving_s=2400,
        rpe=5.0,
        start=datetime(2026, 12, 4, 7, tzinfo=UTC),
        drank_ml=400.0,
    ),
    RunEdited("r1", {"type": "easy", "rpe": 4.0}, ("note",)),
    RunDeleted(import_id="imp-1"),
    CheckinGiven(DAY, 2, ("calves",), ("chest_pain",), (), {"r1": 6.0}, (), 1, 7.5),
    ProfileSet(age=71, age_as_of=DAY, tz="Europe/Berlin", unset=("birth_date",)),
    PlanChosen("mine", "ab" * 32),
    RaceEntered("race-1", date(2027, 4, 11), 42195.0, "Spring Marathon"),
    RaceRemoved("race-1"),
]


def test_every_kind_reads_back_as_itself() -> None:
    assert {type(e) for e in ONE_OF_EACH} == set(KNOWN)
    for event in ONE_OF_EACH:
        kind, table = encode(event)
        assert decode(kind, table) == event, kind


def test_our_own_mistake_is_refused_and_a_foreign_table_is_kept() -> None:
    with pytest.raises(ValueError, match="check event would not read back"):
        encode(Check(DAY, ""))  # an item id is never empty
    with pytest.raises(ValueError, match="field age"):
        encode(ProfileSet(age="71"))  # type: ignore[arg-type]
    newer = decode("shoe_added", {"name": "Clifton"})
    assert isinstance(newer, Foreign) and "does not know" in newer.problem
    broken = decode("run", {"id": "r", "date": DAY})  # no distance, no time
    assert isinstance(broken, Foreign) and "distance_m" in broken.problem
    # A wrong-typed field that is not needed is dropped; the rest counts.
    kept = decode("run", {"id": "r", "date": DAY, "distance_m": 5e3, "moving_s": 1500, "rpe": "x"})
    assert kept == RunLogged(id="r", date=DAY, distance_m=5e3, moving_s=1500)


def _old_events() -> list[object]:
    return [r for p in sorted(OLD.glob("*.toml")) for r in decode_file(p.read_bytes(), p)]


def test_files_written_by_the_release_before_fold_as_they_did() -> None:
    records = _old_events()
    assert not [r for r in records if isinstance(r.event, Foreign)]  # type: ignore[attr-defined]
    state = fold(records)  # type: ignore[arg-type]
    p = state.profile
    assert (p.age, p.age_as_of, p.sex, p.weight_kg, p.tz) == (56, DAY, "m", None, "Europe/Berlin")
    assert (p.hr_max, p.hr_rest, p.years_running, p.temp_c, p.plan) == (
        178,
        50,
        30.0,
        14.0,
        "standard",
    )
    assert sorted(r.distance_m for r in state.runs) == [5e3, 1e4, 1e4]  # the import was undone
    ten = next(r for r in state.runs if r.distance_m == 10000.0)
    assert (ten.rpe, ten.type, ten.avg_hr, ten.note, ten.drank_ml) == (
        6,
        "tempo",
        150,
        "river loop",
        500,
    )
    assert (ten.weight_before_kg, ten.weight_after_kg, ten.temp_c) == (71.8, 71.1, 9.0)
    assert dict(state.withheld_runs).get("2tcx-47c0a30537ae7c677a44c134") == "undone"
    assert state.is_done(DAY, "hydration") and not state.is_done(DAY, "yoga")
    checkin = state.checkins[DAY]
    assert (checkin.soreness, checkin.areas, checkin.red_flags, checkin.cleared) == (
        3, ("calves",), (), ("chest_pain",),
    )  # fmt: skip
    assert (checkin.pain, checkin.sleep_hours) == (2, 7.0)
    assert [(r.name, r.date) for r in state.races] == [("Spring Marathon", date(2027, 4, 11))]


_IDS = [
    (re.compile(r'"r-[0-9a-f]{12}"'), '"r-ID"'),
    (re.compile(r'"race-[0-9a-f]{8}"'), '"race-ID"'),
    (re.compile(r'"\d{13}-\d{4}-\w+-\w+(\.\d+)?"'), '"EVENT-ID"'),
]


def _data_tables(data: Path) -> list[str]:
    """Each file's [event.data] part, with the random ids made alike, oldest first."""
    out = []
    for path in sorted(data.rglob("*.toml"), key=lambda p: p.name):
        text = path.read_text()
        body = text[text.index("[event.data]") :]
        for pattern, same in _IDS:
            body = pattern.sub(same, body)
        kind = re.search(r'^kind = "(\w+)"', text, re.M)
        assert kind is not None
        if kind.group(1) not in ("run_delete",) and "import_id" not in body:
            out.append(body)
    return out


def test_the_same_answers_write_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI commands that wrote tests/data/events-0.1.0, again (but the import and its
    undo: an imported run's keys are now written in the one order every run is)."""
    monkeypatch.setenv("PLANNER_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ten_k = ["log", "--distance", "10km", "--duration", "52:00", "--rpe", "6", "--type", "tempo"]
    ten_k += ["--avg-hr", "150", "--note", "river loop", "--temp-c", "9", "--drank", "500ml"]
    ten_k += ["--weight-before", "71.8kg", "--weight-after", "71.1kg", "--date", "2026-12-03"]
    commands = [
        [
            *["profile", "set", "--age", "56", "--sex", "m", "--weight-kg", "71.5"],
            *[
                "--years-running",
                "30",
                "--tz",
                "Europe/Berlin",
                "--hr-max",
                "178",
                "--hr-rest",
                "50",
            ],
            *["--temp-c", "14"],
        ],
        ["profile", "set", "--weight-kg", "none"],
        ["profile", "set", "--plan", "conservative"],
        ten_k,
        ten_k,
        ["log", "--distance", "5km", "--duration", "30:00", "--rpe", "3"],
        ["check", "hydration"],
        ["check", "yoga"],
        ["uncheck", "yoga"],
        [
            "race",
            "add",
            "--date",
            "2027-04-11",
            "--distance",
            "42.195km",
            "--name",
            "Spring Marathon",
        ],
        ["race", "add", "--date", "2027-02-01", "--distance", "10km"],
    ]
    for argv in commands:
        assert main(["--today", "2026-12-04", *argv]) == 0, argv
    [ten] = [line.split()[-1] for line in _race_list(capsys) if " 10K " in line]
    for argv in [
        ["race", "remove", ten],
        ["profile", "set", "--plan", "standard"],
        [
            *["checkin", "--soreness", "3", "--area", "calves", "--flag", "chest_pain"],
            *["--pain", "2", "--sleep-hours", "7"],
        ],
        ["checkin", "--cleared", "chest_pain"],
    ]:
        assert main(["--today", "2026-12-04", *argv]) == 0, argv
    assert _data_tables(tmp_path / "data") == _data_tables(OLD)


def _race_list(capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["--today", "2026-12-04", "race", "list"]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_old_files_copied_into_a_data_dir_open_in_the_app(tmp_path: Path) -> None:
    from planner.service import Planner

    folder = tmp_path / "data" / "events" / "2194bvq0yn" / "2026-12"
    folder.mkdir(parents=True)
    for path in OLD.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    planner = Planner.open(tmp_path / "data", today=DAY, state=tmp_path / "state")
    assert planner.data.notices == []
    assert planner.day(DAY).checklist and planner.profile.age == 56
