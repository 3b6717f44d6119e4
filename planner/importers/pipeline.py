"""One import, end to end: find files, skip what is unchanged, parse in parallel, de-duplicate,
and write every new run in one event file (a few for a huge import) under one import id.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from planner.core.days import runner_day
from planner.datadir import DataDir
from planner.events import RunLogged
from planner.importers.activity import RUNNING, UNKNOWN, Activity, Refused
from planner.importers.csv_exports import CsvExport, CsvRun, parse_export, row_hash
from planner.importers.index import Seen, SeenIndex
from planner.importers.ledger import Ledger, ledger
from planner.importers.report import ImportedRun, ImportProgress, ImportReport, ProgressFn
from planner.importers.sources import SEP, Source, discover, read_sources
from planner.importers.summary import FORMAT_RANK, FutureStart, run_data, run_id, sport, start_of
from planner.importers.twins import Twins
from planner.importers.worker import Parsed, parse_chunk
from planner.store.atomic import random_token
from planner.store.workers import in_workers, worker_count

CHUNK_FILES = 64
CHUNK_BYTES = 8 * 1024 * 1024
PARALLEL_MIN_BYTES = 4 * 1024 * 1024  # below this, starting worker processes costs more
EVENTS_PER_FILE = 2000  # ~1 MB of TOML: well under the store's 16 MB per event file


def run_import(
    data: DataDir,
    paths: Sequence[str | os.PathLike[str]],
    *,
    index_path: Path | None = None,
    progress: ProgressFn | None = None,
    jobs: int | None = None,
    today: date | None = None,
) -> ImportReport:
    """Import every activity file under `paths` into `data`; see ImportReport.

    `today` is the runner's today (the service passes the plan's, so `--today` holds here
    too): no run starts after it. Without it, the runner's today by this machine's clock.
    """
    started = time.perf_counter()
    found = discover(paths)
    report = ImportReport(refused=list(found.refused), ignored=found.ignored)
    report.files = len(found.sources)
    book = ledger(data.state())
    index = SeenIndex(index_path)
    todo, seen = _not_seen(found.sources, index, book, report)
    ticker = _Ticker(len(todo), progress)
    profile = data.state().profile
    exports = _read_exports([s for s in todo if s.kind == "csv"], profile.units, ticker)
    files = [s for s in todo if s.kind != "csv"]
    parsed = _parse_files(files, jobs, ticker)
    if today is None:
        today = runner_day(datetime.now(UTC), profile.tz, profile.day_starts)
    intake = _Intake(data, book, today, report)
    strava = _strava_rows(exports)
    gave = set(seen)
    for source in sorted(files, key=lambda s: _richness(s, parsed[s.locator])):
        seen_now = intake.take_file(source, parsed[source.locator], strava.get(source.locator))
        if seen_now.refused is None:
            gave.add(source.locator)
        _remember(index, source, seen_now, intake)
    for source, result in exports:
        _remember(index, source, intake.take_export(source, result, gave), intake)
    intake.write()
    index.save()
    ticker.finish()
    report.seconds = time.perf_counter() - started
    return report


def _remember(index: SeenIndex, source: Source, seen: Seen, intake: _Intake) -> None:
    """Note the file as read, unless a run in it was refused only for starting after today:
    that day may come (a pinned --today moved on), and the file must then be read again."""
    if intake.after_today:
        intake.after_today = False
        return
    index.remember(source, seen)


def _richness(source: Source, parsed: Parsed) -> tuple[str, bool, str]:
    """Of two copies of one activity the first taken is kept: the richer format, with HR."""
    no_hr = all(a.avg_hr is None for a in parsed.activities)
    return (FORMAT_RANK[source.kind], no_hr, source.locator)


class _Ticker:
    """Calls the progress callback as files are read."""

    def __init__(self, total: int, progress: ProgressFn | None) -> None:
        self.total, self.done, self.progress = total, 0, progress
        self.tick(0, "")

    def tick(self, count: int, current: str) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(ImportProgress(self.done, self.total, current))

    def finish(self) -> None:
        self.done = self.total
        self.tick(0, "")


def _not_seen(
    sources: list[Source], index: SeenIndex, book: Ledger, report: ImportReport
) -> tuple[list[Source], list[str]]:
    """The sources to read, and the locators of those unchanged since the last import."""
    todo: list[Source] = []
    seen: list[str] = []
    for source in sources:
        before = index.unchanged(source, book.kept)
        if before is None:
            todo.append(source)
            continue
        seen.append(source.locator)
        report.unchanged += 1
        if before.refused is not None:
            report.refused.append((source.shown, before.refused))
        else:
            report.usable_files += 1
    return todo, seen


# ---- reading ----------------------------------------------------------------------------


ExportResult = tuple[str | None, CsvExport | str]  # (content hash, the export or why refused)


def _read_exports(
    sources: list[Source], units: str, ticker: _Ticker
) -> list[tuple[Source, ExportResult]]:
    out: list[tuple[Source, ExportResult]] = []
    for source, raw in read_sources(sources):
        ticker.tick(1, source.shown)
        if isinstance(raw, Refused):
            out.append((source, (None, raw.reason)))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        try:
            out.append((source, (digest, parse_export(raw, imperial=units == "imperial"))))
        except Refused as exc:
            out.append((source, (digest, exc.reason)))
    return out


def _parse_files(sources: list[Source], jobs: int | None, ticker: _Ticker) -> dict[str, Parsed]:
    """Every file parsed: in worker processes on every core when there is enough to do."""
    workers = worker_count(jobs)
    chunks = list(_chunks(sources, workers))
    results: dict[str, Parsed] = {}
    size = sum(s.size for s in sources)
    if workers > 1 and len(chunks) > 1 and size >= PARALLEL_MIN_BYTES:
        for chunk, parsed in zip(chunks, in_workers(parse_chunk, chunks, jobs), strict=True):
            results.update((p.locator, p) for p in parsed)
            ticker.tick(len(chunk), chunk[-1].shown)
    else:
        for chunk in chunks:
            for source in chunk:
                results.update((p.locator, p) for p in parse_chunk([source]))
                ticker.tick(1, source.shown)
    return results


def _chunks(sources: list[Source], workers: int) -> Iterator[list[Source]]:
    """Batches of files from one archive at a time, small enough to spread over the workers."""
    total = sum(s.size for s in sources)
    limit = max(1024 * 1024, min(CHUNK_BYTES, total // (4 * workers) + 1))
    chunk: list[Source] = []
    size = 0
    for source in sorted(sources, key=lambda s: s.locator):
        full = len(chunk) >= CHUNK_FILES or size >= limit
        if chunk and (full or source.archive != chunk[-1].archive):
            yield chunk
            chunk, size = [], 0
        chunk.append(source)
        size += source.size
    if chunk:
        yield chunk


def _strava_rows(exports: list[tuple[Source, ExportResult]]) -> dict[str, CsvRun]:
    """Activity file locator -> the Strava CSV row that describes it."""
    rows: dict[str, CsvRun] = {}
    for source, (_, export) in exports:
        if isinstance(export, str):
            continue
        for row in export.runs:
            if row.file_ref:
                rows[_referenced(source, row.file_ref)] = row
    return rows


def _referenced(csv: Source, ref: str) -> str:
    """The locator of a file a CSV names relative to itself (Strava's Filename column)."""
    if SEP in csv.locator:
        archive, member = csv.locator.split(SEP, 1)
        return f"{archive}{SEP}{posixpath.normpath(posixpath.join(posixpath.dirname(member), ref))}"
    return os.path.normpath(os.path.join(os.path.dirname(csv.locator), ref))


# ---- deciding: run, duplicate, non-run or refused ----------------------------------------


class _Intake:
    """Turns parsed activities into new runs, counting everything else in the report."""

    def __init__(self, data: DataDir, book: Ledger, today: date, report: ImportReport):
        state = data.state()
        self.data, self.book, self.today, self.report = data, book, today, report
        self.after_today = False  # a run of the file being taken starts after today
        self.profile = state.profile
        self.twins = Twins(state.runs)
        self.import_id = "imp-" + random_token(8)
        self.new: dict[str, RunLogged] = {}

    def take_file(self, source: Source, parsed: Parsed, row: CsvRun | None) -> Seen:
        """Take the file's activities; what it gave, for the index."""
        digest = parsed.content_hash
        if parsed.refused is not None or digest is None:
            reason = parsed.refused or "could not be read"
            self.report.refused.append((source.shown, reason))
            return Seen(digest, (), reason)
        if parsed.skipped is not None:
            self.report.skipped.append((source.shown, parsed.skipped))
            self.report.usable_files += 1  # understood: it simply records no run
            return Seen(digest, (), None)
        activities = list(parsed.activities)
        if row is not None and len(activities) == 1:
            # The runner's own word in Strava (a run, a ride) wins over the file's.
            activities = [replace(activities[0], sport=row.activity.sport)]
        multi = len(activities) > 1
        ids: list[str] = []
        refusals: list[str] = []
        for i, activity in enumerate(activities):
            what = (
                f"{source.shown} (activity {i + 1} of {len(activities)})" if multi else source.shown
            )
            ident = run_id(source.kind, digest, i if multi else None)
            outcome = self._take(activity, ident, source.name, digest, what)
            if isinstance(outcome, Refused):
                refusals.append(outcome.reason)
            elif isinstance(outcome, str):
                ids.append(outcome)
        if ids and parsed.damage:
            self.report.damaged.append((source.shown, parsed.damage))
        if len(refusals) == len(activities):
            return Seen(digest, (), refusals[0])
        self.report.usable_files += 1
        return Seen(digest, tuple(ids), None)

    def take_export(self, source: Source, result: ExportResult, gave: set[str]) -> Seen:
        """Take an export's rows, but not those whose own file was read."""
        digest, export = result
        if isinstance(export, str) or digest is None:
            self.report.refused.append((source.shown, str(export)))
            return Seen(digest, (), str(export))
        ids: list[str] = []
        for row in export.runs:
            if row.file_ref and _referenced(source, row.file_ref) in gave:
                continue  # its own file was read: that is the better record of the run
            what = f"{source.shown} line {row.row}"
            ident = run_id("csv", row_hash(row.key))
            outcome = self._take(row.activity, ident, source.name, digest, what)
            if isinstance(outcome, str):
                ids.append(outcome)
        self.report.refused.extend((f"{source.shown} line {n}", why) for n, why in export.refused)
        self.report.usable_files += 1
        return Seen(digest, tuple(ids), None)

    def _take(
        self, activity: Activity, ident: str, name: str, digest: str, what: str
    ) -> str | Refused | None:
        """The run id that now stands for the activity; None for a non-run; or the refusal."""
        kind = sport(activity)
        if kind == UNKNOWN:
            try:  # a bogus clock, not the sport, is what is wrong with such a file
                start_of(activity, self.profile, self.today)
            except Refused as exc:
                return self._refuse(what, exc)
        if kind != RUNNING:
            self.report.non_runs[kind if kind != UNKNOWN else "no sport given"] += 1
            return None
        if ident in self.book.kept or ident in self.new:
            self.report.duplicates += 1
            return ident
        if ident in self.book.taken:  # its import was undone: a new id brings it back
            ident = f"{ident}~{self.import_id}"
        try:
            run = run_data(
                activity,
                ident=ident,
                source=name,
                source_hash=digest,
                import_id=self.import_id,
                profile=self.profile,
                today=self.today,
            )
        except Refused as exc:
            return self._refuse(what, exc)
        assert run.start is not None and run.elapsed_s is not None  # run_data sets both
        measures = (run.start, run.distance_m, run.elapsed_s)
        twin = self.twins.find(*measures)
        if twin is not None:
            self.report.duplicates += 1
            return twin
        self.twins.add(*measures, ident)
        self.new[ident] = run
        self.report.imported.append(
            ImportedRun(ident, run.date, run.distance_m, run.moving_s, name)
        )
        if activity.note:
            self.report.notes.append((what, activity.note))
        return ident

    def _refuse(self, what: str, exc: Refused) -> Refused:
        self.report.refused.append((what, exc.reason))
        self.after_today = self.after_today or isinstance(exc, FutureStart)
        return exc

    def write(self) -> None:
        """All new runs, EVENTS_PER_FILE to a file, under one import id (nothing if none)."""
        if not self.new:
            return
        items = list(self.new.values())
        for at in range(0, len(items), EVENTS_PER_FILE):
            self.data.append_batch(items[at : at + EVENTS_PER_FILE])
        self.report.import_id = self.import_id
