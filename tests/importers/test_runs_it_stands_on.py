"""A wrong run is wrong load (issue 12, point 9): what is not a run stays out, one activity
stays one run, a TCX is read from its track when its laps contradict it, and "the future"
is the runner's today.

The FIT files are written here in the FIT SDK's layout (14-byte header, definition and data
messages, CRCs): Garmin's own decoder (garmin-fit-sdk 21.218) reads them with their CRCs
checked, as the SDK's type and sport enums name them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from importkit import (
    Importer,
    course_fit,
    gpx_line,
    sdk_run_fit,
    tcx_file,
    tree_digest,
    workout_fit,
)

from planner.cli import main
from planner.datadir import DataDir

START = datetime(2024, 5, 4, 7, 30, tzinfo=UTC)
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(data: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`planner --data DIR --today DAY ...` through the real entry point."""

    def run(today: str, *args: str) -> tuple[int, str, str]:
        code = main(["--data", str(data), "--today", today, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


# ---- 1. a FIT file that is not an activity ------------------------------------------------


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: course_fit(START, 1800, 5000), "course file, not an activity"),
        (lambda: workout_fit(START), "workout file, not an activity"),
    ],
    ids=["course", "workout"],
)
def test_a_course_or_a_workout_is_skipped_with_its_reason_not_imported(
    tmp_path: Path, importer: Importer, store: DataDir, make: Callable[[], bytes], reason: str
) -> None:
    # A course's records are timed at a runner's pace (6:00/km): read as a run before.
    path = tmp_path / "plan.fit"
    path.write_bytes(make())
    report = importer([path])
    assert report.imported == [] and report.refused == []
    assert report.skipped == [(str(path), reason)]
    assert store.state().runs == ()


def test_a_course_beside_a_run_in_one_import_on_the_command_line(
    cli: Cli, tmp_path: Path, data: Path
) -> None:
    watch = tmp_path / "watch"
    watch.mkdir()
    (watch / "loop.fit").write_bytes(course_fit(START, 1800, 5000))
    (watch / "run.fit").write_bytes(sdk_run_fit(START + timedelta(days=1), 2400, 8000))
    code, out, err = cli("2026-01-05", "import", str(watch))
    assert code == 0 and err == ""
    assert "Imported 1 run from 2 files" in out
    assert f"Skipped 1 file that holds no run:\n  {watch / 'loop.fit'}: course file" in out
    (run,) = json.loads(cli("2026-01-05", "runs", "--json")[1])["runs"]
    assert run["source"] == "run.fit"
    # Alone, the course writes nothing, and is no error: it is a sound file without a run.
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "loop2.fit").write_bytes(course_fit(START, 3600, 9000))
    before = tree_digest(data)
    code, out, _ = cli("2026-01-05", "import", "--json", str(tmp_path / "alone"))
    doc = json.loads(out)
    assert code == 0 and doc["imported"] == [] and doc["refused"] == []
    assert doc["skipped"] == [
        {"file": str(tmp_path / "alone" / "loop2.fit"), "reason": "course file, not an activity"}
    ]
    assert tree_digest(data) == before


# ---- 2. one activity, two files, distances 5% apart ---------------------------------------


def test_gpx_and_tcx_of_one_run_5_percent_apart_are_one_run(
    tmp_path: Path, importer: Importer, store: DataDir
) -> None:
    # The watch's TCX says 10.0 km from its foot pod; the phone's GPX 10.5 km by GPS, started
    # 40 s later and stopped 20 s later.
    (tmp_path / "watch.tcx").write_bytes(tcx_file(START, 3000, 10_000))
    (tmp_path / "phone.gpx").write_bytes(gpx_line(START + timedelta(seconds=40), 2980, 10_500))
    report = importer([tmp_path / "phone.gpx", tmp_path / "watch.tcx"])
    assert len(report.imported) == 1 and report.duplicates == 1
    (run,) = store.state().runs
    assert run.source == "watch.tcx"  # the richer record: a TCX with heart rate
    # Not the same activity: the same start, 5% apart, but 10 minutes shorter (durations
    # agree within 2 minutes or 3%, here they do not).
    (tmp_path / "other.gpx").write_bytes(gpx_line(START + timedelta(seconds=60), 2400, 9_600))
    assert len(importer([tmp_path / "other.gpx"]).imported) == 1


def test_two_machines_importing_files_5_percent_apart_fold_into_one_run(tmp_path: Path) -> None:
    (tmp_path / "a.tcx").write_bytes(tcx_file(START, 3000, 10_000))
    (tmp_path / "b.gpx").write_bytes(gpx_line(START + timedelta(seconds=30), 3060, 9_500))
    for name, path in (("laptop", tmp_path / "a.tcx"), ("server", tmp_path / "b.gpx")):
        code = main(["--data", str(tmp_path / name), "--today", "2026-01-05", "import", str(path)])
        assert code == 0
    # A sync is a set union of event files: the fold, not only the import, keeps one run.
    for event_file in (tmp_path / "server" / "events").rglob("*.toml"):
        target = tmp_path / "laptop" / event_file.relative_to(tmp_path / "server")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(event_file.read_bytes())
    (run,) = DataDir(tmp_path / "laptop", state=tmp_path / "laptop-device").state().runs
    assert run.source == "a.tcx"


# ---- 3. a TCX whose laps contradict its own track -----------------------------------------


@pytest.mark.parametrize("counter", [True, False], ids=["distance-counter", "positions-only"])
def test_a_tcx_whose_lap_contradicts_its_track_is_read_from_the_track(
    tmp_path: Path, importer: Importer, store: DataDir, counter: bool
) -> None:
    # An app that wrote the first half's distance into the only lap: 5 km of a 10 km track.
    path = tmp_path / "halved.tcx"
    path.write_bytes(tcx_file(START, 3000, 10_000, lap_metres=5_000, counter=counter))
    report = importer([path])
    (run,) = store.state().runs
    assert run.distance_m == pytest.approx(10_000, rel=0.005)
    ((file, note),) = report.notes
    assert file == str(path)
    assert note.startswith("its laps say 5.00 km but its track 10.0")
    assert note.endswith("the distance is the track's")


def test_a_lap_a_little_off_its_track_is_still_the_distance(
    tmp_path: Path, importer: Importer, store: DataDir, samples: Path
) -> None:
    # slither's TCX: the lap says 2,200 m, its counter spans 2,253 m (2.4%): the lap stands.
    path = tmp_path / "near.tcx"
    path.write_bytes(tcx_file(START, 3000, 10_000, lap_metres=10_400))
    report = importer([path, samples / "tcx" / "slither__running.tcx"])
    assert sorted(r.distance_m for r in store.state().runs) == [2200, 10_400]
    assert report.notes == []
    # ...and a contradicting one beside them is noted, alone.
    far = tmp_path / "far.tcx"
    far.write_bytes(tcx_file(START + timedelta(days=2), 1800, 6000, lap_metres=0))
    assert [f for f, _ in importer([far]).notes] == [str(far)]


def test_the_summary_says_which_file_was_read_from_its_track(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "halved.tcx"
    path.write_bytes(tcx_file(START, 3000, 10_000, lap_metres=5_000))
    code, out, _ = cli("2026-01-05", "import", str(path))
    assert code == 0
    assert (
        f"Read 1 file another way than usual:\n  {path}: its laps say 5.00 km but its track "
        "10.00 km: the distance is the track's"
    ) in out
    (run,) = json.loads(cli("2026-01-05", "runs", "--json")[1])["runs"]
    assert run["distance_m"] == pytest.approx(10_000, rel=0.005)


# ---- 4. "after today" is the runner's today (--today), not this machine's clock -------------


def test_a_start_after_the_pinned_today_is_refused_and_read_again_when_that_day_comes(
    cli: Cli, tmp_path: Path, data: Path
) -> None:
    path = tmp_path / "saturday.fit"
    path.write_bytes(sdk_run_fit(START, 3000, 10_000))  # 2024-05-04, long past by the clock
    cli("2024-05-01", "profile", "set", "--age", "40")
    before = tree_digest(data)
    code, out, err = cli("2024-05-01", "import", str(path))
    assert code == 2 and err == ""
    assert (
        f"{path}: its start time (2024-05-04 07:30) is after today (2024-05-01): "
        "the device's clock was wrong"
    ) in out
    assert tree_digest(data) == before
    code, out, _ = cli("2024-05-04", "import", str(path))
    assert code == 0 and "Imported 1 run" in out


def test_a_run_past_this_machines_clock_is_taken_when_the_runners_today_is_later(
    cli: Cli, tmp_path: Path
) -> None:
    # The planner is told it is 2031-06-10 (tests, a demo, a clock set back): a run that
    # morning is a run, whatever this machine's clock says.
    morning = datetime(2031, 6, 10, 6, 0, tzinfo=UTC)
    (tmp_path / "dawn.fit").write_bytes(sdk_run_fit(morning, 2400, 7000))
    code, out, _ = cli("2031-06-10", "import", str(tmp_path / "dawn.fit"))
    assert code == 0 and "Imported 1 run" in out


# ---- 5. the whole FIT sport table ---------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name"),
    [(20, "flying"), (25, "golf"), (49, "baseball"), (53, "diving"), (85, "pool_apnea"),
     (88, "canoeing")],
)  # fmt: skip
def test_every_sport_of_the_fit_profile_is_skipped_by_its_name(
    tmp_path: Path, importer: Importer, code: int, name: str
) -> None:
    path = tmp_path / f"{name}.fit"
    path.write_bytes(sdk_run_fit(START, 3000, 8000, sport=code))
    report = importer([path])
    assert report.imported == [] and dict(report.non_runs) == {name: 1}


def test_the_sport_table_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "golf.fit").write_bytes(sdk_run_fit(START, 3000, 8000, sport=25))
    (folder / "push.fit").write_bytes(sdk_run_fit(START + timedelta(days=1), 2400, 7000, sport=66))
    code, out, _ = cli("2026-01-05", "import", str(folder))
    assert code == 0 and "Imported 1 run from 2 files" in out  # a wheelchair push run is a run
    assert "Skipped 1 activity that is not a run (golf 1)" in out


def test_a_treadmill_linked_as_gym_equipment_is_judged_by_its_pace(
    tmp_path: Path, importer: Importer
) -> None:
    (tmp_path / "run.fit").write_bytes(sdk_run_fit(START, 3000, 10_000, sport=4, sub_sport=1))
    walk = sdk_run_fit(START + timedelta(days=1), 3000, 4_000, sport=4, sub_sport=1)
    (tmp_path / "walk.fit").write_bytes(walk)  # 12:30 per km: a walk
    report = importer([tmp_path / "run.fit", tmp_path / "walk.fit"])
    assert [r.source for r in report.imported] == ["run.fit"]
    assert sum(report.non_runs.values()) == 1
