"""Import speed, as ratios measured in one run on the same files (DESIGN.md, performance).

    python bench/import_bench.py [--samples DIR] [--copies N] [--repeat N]

- fit_decode: planner's FIT path against fitdecode on the valid FIT files of the samples
  (target: at least 5x faster). garmin-fit-sdk and fitfast are timed too when installed.
- import_overhead: a whole `planner import` in one process (find, hash, parse, de-duplicate,
  write the event file) against planner's parsers alone on the same files (target: +10%).
- import_parallel: the same import on every core.
- reimport: importing the same, unchanged files again, against the first import (target 5%).

The corpus is the sample files copied `--copies` times, each copy made distinct (bytes after
the end a parser reads) so that every copy is hashed and parsed like a new file.
Needs fitdecode (`pip install fitdecode==0.11.0`, listed in the `bench` extra).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from planner.datadir import DataDir
from planner.importers.fitread import read_fit
from planner.importers.pipeline import run_import
from planner.importers.sources import discover, read_sources
from planner.importers.worker import parse_bytes

REPO = Path(__file__).resolve().parents[1]
# Files SOURCES.md lists as broken: fitdecode cannot read them to the end.
BROKEN = ("corruptheader", "unexpected-eof", "nick", "strava-android")


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def fit_bench(samples: Path, repeat: int) -> None:
    import fitdecode

    files = [
        p for p in sorted((samples / "fit").glob("*.fit")) if not any(b in p.name for b in BROKEN)
    ]
    blobs = [p.read_bytes() for p in files]

    def with_fitdecode() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the CRC warning of activity-filecrc.fit
            for blob in blobs:
                with fitdecode.FitReader(io.BytesIO(blob), check_crc=fitdecode.CrcCheck.WARN) as r:
                    for _ in r:
                        pass

    def with_planner() -> None:
        for blob in blobs:
            read_fit(blob)

    theirs = best(with_fitdecode, max(1, repeat // 2))
    ours = best(with_planner, repeat)
    mb = sum(map(len, blobs)) / 1e6
    print(
        f"fit_decode: {theirs / ours:.1f}× faster than fitdecode (target ≥ 5×)"
        f"  [{len(blobs)} valid FIT files, {mb:.1f} MB: fitdecode {theirs:.2f} s,"
        f" planner {ours * 1000:.1f} ms]"
    )
    others(blobs, ours, repeat)


def others(blobs: list[bytes], ours: float, repeat: int) -> None:
    """The other libraries DESIGN.md measured, for the record, when they are installed."""
    try:
        from garmin_fit_sdk import Decoder, Stream

        def garmin() -> None:
            for blob in blobs:
                Decoder(Stream.from_byte_array(bytearray(blob))).read()

        print(f"  garmin-fit-sdk: planner is {best(garmin, 1) / ours:.1f}× faster")
    except ImportError:
        pass
    try:
        import fitfast

        def fast() -> None:
            for blob in blobs:
                with contextlib.suppress(fitfast.FitDecodeError):  # any CRC mismatch: DESIGN.md
                    fitfast.parse(blob)

        print(f"  fitfast (parse): planner is {best(fast, repeat) / ours:.1f}× faster")
    except ImportError:
        pass


def make_corpus(samples: Path, copies: int, target: Path) -> None:
    for n in range(copies):
        for path in sorted(samples.glob("*/*")):
            if path.suffix not in (".fit", ".gpx", ".tcx"):
                continue
            raw = path.read_bytes()
            # A FIT reader ignores fewer than 12 trailing bytes; XML allows a comment after
            # the root element. Either way the copy parses alike and hashes differently.
            tail = f"{n:03d}".encode() if path.suffix == ".fit" else f"<!-- {n} -->".encode()
            out = target / f"copy{n:03d}" / path.name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(raw + (tail if n else b""))


def parse_alone(corpus: Path) -> None:
    for source, raw in read_sources(discover([corpus]).sources):
        if isinstance(raw, bytes):
            # Refusals are part of the work, not a failure of the measurement.
            with contextlib.suppress(Exception):
                parse_bytes(source.kind, raw)


def import_once(corpus: Path, work: Path, jobs: int | None, keep: bool = False) -> float:
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    store = DataDir(work / "data", state=work / "state", cache=work / "cache")
    started = time.perf_counter()
    run_import(store, [corpus], index_path=work / "cache" / "seen.json", jobs=jobs)
    return time.perf_counter() - started


def import_bench(samples: Path, copies: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, work = Path(tmp) / "corpus", Path(tmp) / "work"
        make_corpus(samples, copies, corpus)
        files = len(discover([corpus]).sources)
        alone = best(lambda: parse_alone(corpus), repeat)
        one = min(import_once(corpus, work, jobs=1) for _ in range(repeat))
        cores = os.cpu_count() or 1
        every = min(import_once(corpus, work, jobs=None) for _ in range(repeat))
        again = min(import_once(corpus, work, jobs=None, keep=True) for _ in range(repeat))
    print(
        f"import_overhead: {100 * (one / alone - 1):+.1f}% over the parsers alone, one process"
        f" (target ≤ +10%)  [{files} files: parsers {alone:.3f} s, import {one:.3f} s]"
    )
    print(f"import_parallel: {one / every:.2f}× the one-process import on {cores} cores")
    print(f"reimport: {100 * again / every:.1f}% of the first import (target ≤ 5%)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=REPO.parent / "shared" / "samples")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.samples / "fit").is_dir():
        print(f"no sample files at {args.samples}", file=sys.stderr)
        return 2
    fit_bench(args.samples, args.repeat)
    import_bench(args.samples, args.copies, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
