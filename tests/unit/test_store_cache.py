"""The fold cache: a warm start reads only what is new, and the cache never changes the answer."""

from __future__ import annotations

import os
import stat
import time
from datetime import date
from pathlib import Path

import pytest

from planner.datadir import DataDir
from planner.events import Check, ProfileSet

pytestmark = pytest.mark.snapshots

DAY = date(2026, 11, 28)


def open_store(tmp_path: Path, device: str = "a") -> DataDir:
    return DataDir(tmp_path / "data", state=tmp_path / f"state-{device}", cache=tmp_path / "cache")


def seeded(tmp_path: Path) -> DataDir:
    store = open_store(tmp_path)
    store.append(ProfileSet(age=52))
    for item in ("yoga", "hydration", "stretching"):
        store.append(Check(date=DAY, item=item))
    store.state()
    store.save_cache()
    return store


def event_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data" / "events").rglob("*.toml"))


def age_cache(tmp_path: Path) -> None:
    """Make every folder look older than the racy window, as it is a few seconds later."""
    old = time.time() - 10
    for folder in (tmp_path / "data" / "events").rglob("*"):
        if folder.is_dir():
            os.utime(folder, (old, old))
    # utime bumps ctime to now; wait out the racy window instead of faking the clock.
    time.sleep(2.1)
    store = open_store(tmp_path)
    store.refresh()
    store.save_cache()


def test_a_warm_start_does_not_read_old_files(tmp_path: Path) -> None:
    first = seeded(tmp_path)
    age_cache(tmp_path)
    # Rewrite an old file in place: a folder's stat does not change when a file's bytes do,
    # so only a start that re-reads every file would notice.
    victim = event_files(tmp_path)[0]
    victim.write_bytes(b"garbage that is not toml [[[")
    warm = open_store(tmp_path)
    assert warm.state() == first.state()
    assert warm.notices == []


def test_files_that_arrive_later_are_folded_in(tmp_path: Path) -> None:
    seeded(tmp_path)
    other = open_store(tmp_path, device="b")
    other.append(Check(date=DAY, item="foam_rolling"))
    warm = open_store(tmp_path)
    assert warm.state().is_done(DAY, "foam_rolling")
    assert warm.state().is_done(DAY, "yoga")


def test_a_file_added_with_the_folder_mtime_put_back_is_still_seen(tmp_path: Path) -> None:
    seeded(tmp_path)
    age_cache(tmp_path)
    other = open_store(tmp_path, device="a")
    month = event_files(tmp_path)[0].parent
    before = os.stat(month)
    other.append(Check(date=DAY, item="meal:lunch"))
    os.utime(month, ns=(before.st_atime_ns, before.st_mtime_ns))  # what `rsync -t` does
    assert open_store(tmp_path).state().is_done(DAY, "meal:lunch")


def test_a_deleted_file_is_noticed_and_the_fold_starts_over(tmp_path: Path) -> None:
    seeded(tmp_path)
    age_cache(tmp_path)
    checks = [p for p in event_files(tmp_path) if b'kind = "check"' in p.read_bytes()]
    yoga = next(p for p in checks if b'"yoga"' in p.read_bytes())
    yoga.unlink()
    warm = open_store(tmp_path)
    assert not warm.state().is_done(DAY, "yoga")
    assert warm.state().is_done(DAY, "hydration")


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    first = seeded(tmp_path)
    (cache_file,) = (tmp_path / "cache").glob("snapshot-*.pickle")
    for junk in (b"", b"not a pickle", cache_file.read_bytes()[:50]):
        cache_file.write_bytes(junk)
        assert open_store(tmp_path).state() == first.state()


def test_deleting_the_cache_changes_nothing_but_speed(tmp_path: Path) -> None:
    first = seeded(tmp_path)
    for f in (tmp_path / "cache").iterdir():
        f.unlink()
    assert open_store(tmp_path).state() == first.state()


def test_the_cache_is_private(tmp_path: Path) -> None:
    seeded(tmp_path)
    folder = tmp_path / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for f in folder.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_a_bad_file_is_reported_again_from_the_cache_without_being_read(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.append(Check(date=DAY, item="yoga"))
    bad = event_files(tmp_path)[0].parent / "1700000000000-0000-zzzzzzzzzz-aaaaaa.toml"
    bad.write_bytes(b"[[event]]\nid = 3\n")
    store.refresh()
    assert len(store.notices) == 1 and str(bad) in store.notices[0]
    store.save_cache()
    warm = open_store(tmp_path)
    warm.state()
    assert warm.notices == store.notices
    assert bad.read_bytes() == b"[[event]]\nid = 3\n"


def test_a_tick_after_a_warm_start_keeps_the_fold_incremental(tmp_path: Path) -> None:
    seeded(tmp_path)
    warm = open_store(tmp_path)
    before = warm.state()
    warm.append(Check(date=DAY, item="meal:dinner"))
    after = warm.state()
    assert after.is_done(DAY, "meal:dinner") and after.event_count == before.event_count + 1
    assert after.runs is before.runs  # untouched parts are reused, not rebuilt
    assert open_store(tmp_path).state() == after
