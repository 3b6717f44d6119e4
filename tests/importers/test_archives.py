"""Zip archives and gzipped files: a Strava export, and hostile archives refused with a reason."""

from __future__ import annotations

import gzip
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from importkit import STRAVA_HEADER, Importer, csv_row, gpx_line, run_fit, tree_digest

from planner.datadir import DataDir
from planner.importers import sources

START = datetime(2024, 5, 4, 7, 30, tzinfo=UTC)


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, raw in entries.items():
            archive.writestr(name, raw)
    return path


def strava_export(path: Path) -> Path:
    """A Strava bulk export: activities.csv beside activities/*.fit.gz, .gpx, and noise."""
    rows = [
        # Its file is a FIT run: the row is not imported again from the CSV.
        {("Activity ID", 0): "101", ("Activity Date", 0): "May 4, 2024, 7:30:00 AM",
         ("Activity Type", 0): "Run", ("Filename", 0): "activities/101.fit.gz",
         ("Elapsed Time", 0): "3000", ("Distance", 0): "10.00", ("Distance", 1): "10000.0"},
        # The runner called this a ride in Strava, whatever the GPX's <type> says.
        {("Activity ID", 0): "102", ("Activity Date", 0): "May 5, 2024, 6:00:00 PM",
         ("Activity Type", 0): "Ride", ("Filename", 0): "activities/102.gpx",
         ("Elapsed Time", 0): "3600", ("Distance", 1): "30000.0"},
        # Logged by hand in Strava: no file, so the CSV row is the run.
        {("Activity ID", 0): "103", ("Activity Date", 0): "May 7, 2024, 12:00:00 PM",
         ("Activity Type", 0): "Run", ("Activity Description", 0): 'Hills, "fast", ok 🏃\nyes',
         ("Elapsed Time", 0): "2700", ("Moving Time", 0): "2600", ("Distance", 0): "8.01",
         ("Distance", 1): "8012.5", ("Average Heart Rate", 0): "151.4",
         ("Max Heart Rate", 1): "178", ("Elevation Gain", 0): "85.2"},
    ]  # fmt: skip
    text = STRAVA_HEADER + "\n" + "".join(csv_row(STRAVA_HEADER, r) for r in rows)
    ride = gpx_line(datetime(2024, 5, 5, 18, 0, tzinfo=UTC), 3600, 30_000)
    return _zip(
        path,
        {
            "activities.csv": text.encode(),
            "activities/101.fit.gz": gzip.compress(run_fit(START, 3000, 10_000)),
            "activities/102.gpx": ride,
            "profile.csv": b"Athlete ID,Email\n1,a@b.c\n",
            "media/photo.jpg": b"\xff\xd8\xff",
        },
    )


def test_a_strava_export_zip(tmp_path: Path, importer: Importer, store: DataDir) -> None:
    report = importer([strava_export(tmp_path / "export.zip")])
    runs = {r.source: r for r in store.state().runs}
    assert sorted(runs) == ["101.fit.gz", "activities.csv"]
    assert runs["101.fit.gz"].distance_m == 10_000 and runs["101.fit.gz"].avg_hr == 150
    manual = runs["activities.csv"]
    assert (manual.distance_m, manual.elapsed_s, manual.moving_s) == (8012.5, 2700, 2600)
    assert (manual.avg_hr, manual.max_hr, manual.elevation_gain_m) == (151, 178, 85.2)
    assert manual.start == datetime(2024, 5, 7, 12, 0, tzinfo=UTC)
    assert report.non_runs == {"ride": 1}
    assert report.ignored == 2 and not report.refused


def test_the_same_export_unpacked_adds_nothing(
    tmp_path: Path, importer: Importer, store: DataDir
) -> None:
    archive = strava_export(tmp_path / "export.zip")
    importer([archive])
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(archive) as z:
        z.extractall(folder)
    report = importer([folder])
    assert report.import_id is None and report.duplicates == 2
    assert len(store.state().runs) == 2


def test_gzipped_and_plain_copies_are_one_run(tmp_path: Path, importer: Importer) -> None:
    raw = run_fit(START, 3000, 10_000)
    (tmp_path / "a.fit").write_bytes(raw)
    (tmp_path / "a.fit.gz").write_bytes(gzip.compress(raw))
    report = importer([tmp_path / "a.fit", tmp_path / "a.fit.gz"])
    assert len(report.imported) == 1 and report.duplicates == 1


def _refused_alone(importer: Importer, data: Path, path: Path, why: str) -> None:
    before = tree_digest(data)
    report = importer([path])
    reasons = " | ".join(reason for _, reason in report.refused)
    assert why in reasons and not report.imported and report.nothing_usable
    assert tree_digest(data) == before


def test_zip_path_escape(tmp_path: Path, importer: Importer, data: Path) -> None:
    hostile = _zip(tmp_path / "escape.zip", {"../../escaped.fit": run_fit(START, 3000, 9000)})
    _refused_alone(importer, data, hostile, "outside the archive")
    assert not list(tmp_path.parent.parent.glob("escaped.fit"))


def test_zip_bomb_by_ratio(tmp_path: Path, importer: Importer, data: Path) -> None:
    hostile = _zip(tmp_path / "bomb.zip", {"bomb.gpx": b" " * (8 * 1024 * 1024)})
    _refused_alone(importer, data, hostile, "zip bomb")


def test_zip_bomb_by_size(
    tmp_path: Path, importer: Importer, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 10_000)
    hostile = _zip(tmp_path / "big.zip", {"big.fit": run_fit(START, 60, 100) * 1000})
    _refused_alone(importer, data, hostile, "unpacks to more than")


def test_zip_bomb_by_entry_count(
    tmp_path: Path, importer: Importer, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_ARCHIVE_ENTRIES", 5)
    hostile = _zip(tmp_path / "many.zip", {f"{i}.fit": b"x" for i in range(6)})
    _refused_alone(importer, data, hostile, "entries")


def test_gzip_bomb(
    tmp_path: Path, importer: Importer, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1024 * 1024)
    hostile = tmp_path / "bomb.gpx.gz"
    hostile.write_bytes(gzip.compress(b" " * (4 * 1024 * 1024)))
    _refused_alone(importer, data, hostile, "too big")


def test_symlink_entries_are_not_followed(tmp_path: Path, importer: Importer, data: Path) -> None:
    link = zipfile.ZipInfo("link.fit")
    link.external_attr = 0o120777 << 16  # a symbolic link, as zip -y stores one
    with zipfile.ZipFile(tmp_path / "links.zip", "w") as archive:
        archive.writestr(link, "/etc/passwd")
    _refused_alone(importer, data, tmp_path / "links.zip", "symbolic link")


def test_nested_archives_are_not_opened(tmp_path: Path, importer: Importer, data: Path) -> None:
    inner = _zip(tmp_path / "inner.zip", {"a.fit": run_fit(START, 3000, 9000)})
    outer = _zip(tmp_path / "outer.zip", {"inner.zip": inner.read_bytes()})
    _refused_alone(importer, data, outer, "archive inside an archive")


def test_random_bytes_named_fit_and_an_empty_file(
    tmp_path: Path, importer: Importer, data: Path
) -> None:
    (tmp_path / "noise.fit").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.gpx").write_bytes(b"")
    before = tree_digest(data)
    report = importer([tmp_path / "noise.fit", tmp_path / "empty.gpx"])
    assert dict(report.refused) == {
        str(tmp_path / "noise.fit"): "not a FIT file (no FIT header)",
        str(tmp_path / "empty.gpx"): "an empty file",
    }
    assert tree_digest(data) == before


def test_a_folder_walk_passes_over_other_files(tmp_path: Path, importer: Importer) -> None:
    (tmp_path / "w" / "sub").mkdir(parents=True)
    (tmp_path / "w" / "sub" / "run.FIT").write_bytes(run_fit(START, 3000, 10_000))
    (tmp_path / "w" / "._run.fit").write_bytes(b"AppleDouble")  # macOS resource fork
    (tmp_path / "w" / "notes.txt").write_text("hi")
    (tmp_path / "w" / "bikes.csv").write_text("Bike,Name\n")
    report = importer([tmp_path / "w"])
    assert len(report.imported) == 1 and report.ignored == 2 and not report.refused
