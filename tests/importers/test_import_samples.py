"""Every shared sample file against the facts SOURCES.md states for it.

Distance and duration within 2% (or the table's own rounding for tiny files), heart rate
present or not, run or not, broken or not; then the file imported alone, as a runner would.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from importkit import SAMPLES, Fact, Importer, sample_facts

from planner.datadir import DataDir
from planner.events import ProfileSet
from planner.importers.activity import Refused
from planner.importers.worker import parse_bytes

FACTS = sample_facts() if (SAMPLES / "SOURCES.md").is_file() else []
# Files a parser refuses outright, and why (they are not runs either).
REFUSED_AT_PARSE = {
    "gpx/gpxpy__cerknicko-without-times.gpx": "carry a time",
    "gpx/gpxpy__unicode_with_bom.gpx": "no track",
}
# Runs that are read but are not honest runs, and why the import refuses them.
REFUSED_RUNS = {
    "fit/fitparse__activity-filecrc.fit": "too short",  # the FIT SDK's 14 s example
    "fit/fitparse__activity-settings-corruptheader.fit": "too short",
    "fit/fitparse__activity-unexpected-eof.fit": "too short",
    "gpx/gpxpy__track-with-less-sec-time.gpx": "too short",  # two points, one second
    "gpx/gpxpy__Mojstrovka.gpx": "cannot be right",  # every time is 1901-12-13
}
# Run legs of the multisport files: SOURCES.md names them.
RUN_LEGS = {
    "fit/fitparse__activity-large-fenxi2-multisport.fit": 2,
    "fit/fitparse__sample_mulitple_header.fit": 1,
}
# A bad CRC is the only damage of this file: planner does not check CRCs (DESIGN of fitread).
CRC_ONLY = {"fit/fitparse__activity-filecrc.fit"}
HR_IN_SESSION_ONLY = {"fit/fitparse__event_timestamp.fit"}  # HR in the session, not records


def test_every_sample_file_has_facts(samples: Path) -> None:
    listed = {f.file for f in FACTS}
    on_disk = {f"{p.parent.name}/{p.name}" for p in samples.glob("*/*") if p.suffix != ".md"}
    assert listed == on_disk and len(listed) == 25


def _close(ours: float, theirs: float, rounding: float) -> bool:
    return abs(ours - theirs) <= max(0.02 * theirs, rounding)


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.file)
def test_sample_parses_to_its_facts(samples: Path, fact: Fact) -> None:
    raw = (samples / fact.file).read_bytes()
    if fact.file in REFUSED_AT_PARSE:
        with pytest.raises(Refused, match=REFUSED_AT_PARSE[fact.file]):
            parse_bytes(fact.kind, raw)
        return
    found, damage = parse_bytes(fact.kind, raw)
    # The table sums sessions (FIT) and laps (TCX, whose TotalTimeSeconds is timer time).
    seconds = sum(a.moving_s if fact.kind == "tcx" else a.elapsed_s for a in found)
    metres = sum(a.distance_m for a in found)
    if fact.seconds is not None:
        assert _close(seconds, fact.seconds, rounding=1.0), (seconds, fact.seconds)
    if fact.metres is not None:
        assert _close(metres, fact.metres, rounding=6.0), (metres, fact.metres)
    has_hr = any(a.avg_hr is not None for a in found)
    assert has_hr == (fact.hr_points > 0 or fact.file in HR_IN_SESSION_ONLY)
    if fact.kind == "fit":
        assert (damage is not None) == (fact.broken and fact.file not in CRC_ONLY), damage


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.file)
def test_sample_imported_alone(samples: Path, fact: Fact, importer: Importer) -> None:
    report = importer([samples / fact.file])
    runs = len(report.imported)
    if fact.file in REFUSED_AT_PARSE or fact.file in REFUSED_RUNS:
        why = REFUSED_AT_PARSE.get(fact.file) or REFUSED_RUNS[fact.file]
        assert runs == 0 and any(why in reason for _, reason in report.refused)
        assert report.import_id is None
    elif fact.file in RUN_LEGS:
        assert runs == RUN_LEGS[fact.file] and fact.run.startswith("partly")
    elif fact.run.startswith("RUN"):
        assert runs == 1 and not report.refused
    else:
        assert fact.run.startswith("no") and runs == 0 and sum(report.non_runs.values()) >= 1


def test_runs_of_the_samples_carry_their_numbers(
    samples: Path, importer: Importer, store: DataDir
) -> None:
    importer([samples])
    runs = {r.source: r for r in store.state().runs}
    fenix = runs["fitparse__activity-small-fenix2-run.fit"]
    assert fenix.start == datetime(2015, 8, 15, 14, 45, 8, tzinfo=UTC)
    # The activity message's local time says the watch was on UTC+2.
    assert fenix.start.utcoffset() == timedelta(hours=2)
    assert (fenix.distance_m, fenix.elapsed_s, fenix.moving_s) == (9008.2, 2832, 2832)
    assert fenix.avg_hr == 154 and fenix.max_hr == 178  # from the records: no session HR
    assert fenix.elevation_gain_m == 64 and fenix.elevation_loss_m == 61
    assert fenix.trimp is not None and fenix.trimp > 0
    assert fenix.source_hash is not None and fenix.source_hash.startswith("a066d77db247c152")
    # TCX distance from the lap (2,200 m), not the trackpoints' counter (1,242 to 3,495).
    assert runs["slither__running.tcx"].distance_m == 2200.0
    # No session HR, but records carry it (Stryd developer fields in every record).
    assert runs["fitparse__developer-types-sample.fit"].avg_hr == 131
    assert runs["slither__running.gpx"].avg_hr is None


def test_device_relative_times_are_resolved_in_the_runners_zone(
    samples: Path, importer: Importer, store: DataDir
) -> None:
    store.append(ProfileSet(tz="America/New_York"))
    importer([samples / "fit" / "fitparse__compressed-speed-distance.fit"])
    (run,) = store.state().runs
    # activity.local_timestamp ties the relative clock to the wall clock: 11:16:16 local.
    assert run.start == datetime(2012, 2, 13, 11, 16, 16, tzinfo=ZoneInfo("America/New_York"))
    assert run.moving_s == 3773 and run.elapsed_s == 3883  # the timer excludes pauses


def test_fixed_offset_start_is_kept(samples: Path, importer: Importer, store: DataDir) -> None:
    importer([samples / "fit" / "slither__running.fit"])
    (run,) = store.state().runs
    assert run.start is not None and run.start.tzinfo == timezone(timedelta(hours=1))
    assert run.date.isoformat() == "2021-03-13"
