"""One import end to end: de-duplication, re-import, undo, the inbox, parallel parsing, privacy."""

from __future__ import annotations

import functools
import itertools
import shutil
import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from importkit import Importer, gpx_line, run_fit, tree_digest

from planner.core.model import Profile
from planner.datadir import DataDir
from planner.events import RunDeleted, RunLogged
from planner.importers import pipeline, worker
from planner.importers.activity import Activity
from planner.importers.fit import parse_fit
from planner.importers.report import ImportProgress
from planner.importers.summary import run_data
from planner.service import Planner

START = datetime(2024, 5, 4, 7, 30, tzinfo=UTC)


def _files(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for day in range(count):
        path = folder / f"run{day}.fit"
        path.write_bytes(run_fit(START + timedelta(days=day), 3000, 10_000 + day))
        paths.append(path)
    return paths


def test_the_same_activity_as_fit_and_gpx_is_one_run(
    tmp_path: Path, importer: Importer, store: DataDir
) -> None:
    (tmp_path / "watch.fit").write_bytes(run_fit(START, 3000, 10_000))
    # Strava's GPX of it: started 40 s later, 1.5% longer by GPS.
    (tmp_path / "strava.gpx").write_bytes(gpx_line(START + timedelta(seconds=40), 2960, 10_150))
    report = importer([tmp_path / "strava.gpx", tmp_path / "watch.fit"])
    assert len(report.imported) == 1 and report.duplicates == 1
    (run,) = store.state().runs
    assert run.source == "watch.fit"  # the watch's own file is the richer record


def test_a_twin_imported_later_is_a_duplicate(
    tmp_path: Path, importer: Importer, store: DataDir
) -> None:
    (tmp_path / "a.fit").write_bytes(run_fit(START, 3000, 10_000))
    (tmp_path / "b.gpx").write_bytes(gpx_line(START + timedelta(seconds=90), 2960, 9_800))
    importer([tmp_path / "a.fit"])
    report = importer([tmp_path / "b.gpx"])
    assert report.import_id is None and report.duplicates == 1
    assert len(store.state().runs) == 1


def test_two_machines_importing_two_sources_fold_into_one_run(tmp_path: Path) -> None:
    (tmp_path / "a.fit").write_bytes(run_fit(START, 3000, 10_000))
    (tmp_path / "b.gpx").write_bytes(gpx_line(START + timedelta(seconds=30), 2990, 10_100))
    stores = []
    for name, path in (("laptop", tmp_path / "a.fit"), ("server", tmp_path / "b.gpx")):
        store = DataDir(tmp_path / name, state=tmp_path / f"{name}-device")
        pipeline.run_import(store, [path])
        stores.append(store)
    # A sync is a set union of event files.
    shutil.copytree(
        tmp_path / "server" / "events", tmp_path / "laptop" / "events", dirs_exist_ok=True
    )
    merged = DataDir(tmp_path / "laptop", state=tmp_path / "laptop-device").state()
    (run,) = merged.runs
    assert run.source == "a.fit"
    assert {why for _, why in merged.withheld_runs} == {"merged"}


def test_reimport_adds_nothing_and_reads_nothing(
    tmp_path: Path, importer: Importer, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _files(tmp_path / "watch")
    first = importer([tmp_path / "watch"])
    assert len(first.imported) == 3 and first.import_id is not None
    before = tree_digest(data)

    def no_reading(*_: object) -> None:
        raise AssertionError("an unchanged file was read again")

    monkeypatch.setattr(pipeline, "parse_chunk", no_reading)
    again = importer([tmp_path / "watch"])
    assert again.import_id is None and again.unchanged == 3 and not again.imported
    assert not again.nothing_usable
    assert tree_digest(data) == before


def test_a_changed_file_is_read_again(tmp_path: Path, importer: Importer) -> None:
    paths = _files(tmp_path / "watch")
    importer([tmp_path / "watch"])
    paths[0].write_bytes(run_fit(START - timedelta(days=30), 1800, 5000))
    report = importer([tmp_path / "watch"])
    assert report.unchanged == 2 and len(report.imported) == 1


def test_undo_removes_the_import_and_a_reimport_brings_it_back(
    tmp_path: Path, importer: Importer, store: DataDir
) -> None:
    (tmp_path / "manual").mkdir()
    _files(tmp_path / "watch")
    hand = RunLogged(id="r-hand", date=START.date(), distance_m=5e3, moving_s=1500, sport="running")
    store.append(hand)
    report = importer([tmp_path / "watch"])
    assert len(store.state().runs) == 4
    planner = Planner(store)
    assert [i.import_id for i in planner.imports()] == [report.import_id]
    assert report.import_id is not None
    assert planner.undo_import(report.import_id) == 3
    assert [r.id for r in store.state().runs] == ["r-hand"]
    again = importer([tmp_path / "watch"])
    assert len(again.imported) == 3 and again.import_id != report.import_id
    assert len(store.state().runs) == 4


def test_a_run_deleted_by_hand_is_not_imported_again(
    tmp_path: Path, importer: Importer, store: DataDir
) -> None:
    _files(tmp_path / "watch", count=1)
    (imported,) = importer([tmp_path / "watch"]).imported
    store.append(RunDeleted(run_id=imported.id))
    (tmp_path / "seen.json").unlink()  # even with the index gone
    report = importer([tmp_path / "watch"])
    assert report.duplicates == 1 and not report.imported and not store.state().runs


def test_one_import_is_one_event_file_without_coordinates(
    tmp_path: Path, samples: Path, importer: Importer, data: Path
) -> None:
    importer([samples])
    (path,) = list((data / "events").rglob("*.toml"))
    text = path.read_text()
    events = tomllib.loads(text)["event"]
    assert len(events) == 12 and {e["kind"] for e in events} == {"run"}
    assert {e["data"]["import_id"] for e in events} != {None}
    assert "lat" not in text and "lon" not in text and "position" not in text
    assert max(len(e["data"]) for e in events) <= 17  # a summary, not samples
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_huge_import_is_a_few_files_under_one_id(
    tmp_path: Path, importer: Importer, data: Path, store: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "EVENTS_PER_FILE", 2)
    report = importer(_files(tmp_path / "watch", count=5))
    assert len(list((data / "events").rglob("*.toml"))) == 3
    assert {r.import_id for r in store.state().runs} == {report.import_id}


def test_refused_files_leave_the_data_dir_byte_identical(
    tmp_path: Path, samples: Path, importer: Importer, data: Path
) -> None:
    importer([samples / "fit" / "slither__running.fit"])
    before = tree_digest(data)
    broken = [
        samples / "gpx" / "gpxpy__unicode_with_bom.gpx",
        samples / "gpx" / "gpxpy__Mojstrovka.gpx",
    ]
    report = importer(broken)
    assert report.nothing_usable and len(report.refused) == 2
    assert tree_digest(data) == before


def test_parallel_parsing_gives_the_same_import(
    tmp_path: Path, samples: Path, store: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(pipeline, "CHUNK_FILES", 3)
    seen: list[ImportProgress] = []
    report = pipeline.run_import(store, [samples], jobs=2, progress=seen.append)
    serial = pipeline.run_import(
        DataDir(tmp_path / "other", state=tmp_path / "other-device"), [samples], jobs=1
    )
    assert sorted(r.id for r in report.imported) == sorted(r.id for r in serial.imported)
    assert report.non_runs == serial.non_runs and sorted(report.refused) == sorted(serial.refused)
    assert seen[0].done == 0 and seen[-1].done == seen[-1].total == 25
    steps = [b.done - a.done for a, b in itertools.pairwise(seen)]
    assert min(steps) >= 0 and max(steps) > 1  # workers report a whole batch at a time


def test_a_crashing_parser_refuses_one_file_and_the_rest_goes_on(
    tmp_path: Path, importer: Importer, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _files(tmp_path / "watch", count=2)
    real = parse_fit  # what worker.parse_fit is until patched

    def flaky(raw: bytes) -> tuple[list[Activity], str | None]:
        if raw == paths[0].read_bytes():
            raise IndexError("boom")
        return real(raw)

    monkeypatch.setattr(worker, "parse_fit", flaky)
    report = importer(paths)
    assert len(report.imported) == 1 and "IndexError" in report.refused[0][1]


def test_trimp_uses_the_profile_or_the_age_estimate() -> None:
    activity = Activity("running", START, 3600, 3600, 10_000, avg_hr=150)
    today = date(2025, 1, 1)
    summary = functools.partial(
        run_data, ident="x", source="x", source_hash="h", import_id="i", today=today
    )
    set_hr = summary(activity, profile=Profile(hr_max=190, hr_rest=50, sex="m"))
    estimated = summary(activity, profile=Profile(age=40))  # 208 - 0.7 x 40 = 180
    assert set_hr.trimp is not None and estimated.trimp is not None
    assert set_hr.trimp != estimated.trimp
    assert 60 < set_hr.trimp < 200 and 60 < estimated.trimp < 200
    no_hr = Activity("running", START, 3600, 3600, 10_000)
    assert summary(no_hr, profile=Profile()).trimp is None


def test_the_inbox(tmp_path: Path, store: DataDir) -> None:
    planner = Planner(store)
    assert planner.import_inbox() is None
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    planner.set_profile({"inbox": str(inbox)})
    assert planner.profile.inbox == str(inbox.resolve())
    _files(inbox, count=2)
    report = planner.import_inbox()
    assert report is not None and len(report.imported) == 2
    later = planner.import_inbox()
    assert later is not None and later.unchanged == 2 and later.import_id is None
    shutil.rmtree(inbox)
    with pytest.raises(Exception, match="not a folder on this machine"):
        planner.import_inbox()


def test_planner_today_never_loads_the_importers(tmp_path: Path) -> None:
    code = (
        "import sys; from planner.cli import main; "
        f"main(['--data', {str(tmp_path / 'd')!r}, '--today', '2026-01-05', 'today']); "
        "print(sorted(m for m in sys.modules if m.startswith('planner.importers')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
