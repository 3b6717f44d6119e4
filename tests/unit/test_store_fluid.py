"""The run fields for fluid (drank_ml, weight_before_kg, weight_after_kg) as another device or
an older or newer version may write them: read when right, dropped alone when wrong."""

from __future__ import annotations

from pathlib import Path

from planner.core.model import Run
from planner.projections.state import fold
from planner.store.eventfile import decode_file

EVENT = """
[[event]]
id = "e{n}"
kind = "run"
hlc = "1700000000{n:03d}-0000"
device = "aaaaaaaaaa"
[event.data]
id = "r{n}"
date = 2026-11-24
distance_m = 10000.0
moving_s = 3000
{extra}
"""


def runs_from_file(tmp_path: Path, *extras: str) -> dict[str, Run]:
    text = "".join(EVENT.format(n=n, extra=extra) for n, extra in enumerate(extras))
    path = tmp_path / "events.toml"
    path.write_text(text, encoding="utf-8")
    return {r.id: r for r in fold(decode_file(path.read_bytes(), path)).runs}


def test_fluid_fields_are_read_and_a_wrong_one_drops_only_itself(tmp_path: Path) -> None:
    runs = runs_from_file(
        tmp_path,
        "drank_ml = 750\nweight_before_kg = 70.2\nweight_after_kg = 69.1",
        'drank_ml = -5.0\nweight_before_kg = "heavy"\nweight_after_kg = 69.1\nsweat = 1',
        "",  # as an older version wrote it
    )
    good, bad, old = runs["r0"], runs["r1"], runs["r2"]
    assert (good.drank_ml, good.weight_before_kg, good.weight_after_kg) == (750.0, 70.2, 69.1)
    assert (bad.drank_ml, bad.weight_before_kg, bad.weight_after_kg) == (None, None, 69.1)
    assert bad.distance_m == 10000.0  # the rest of the event still counts
    assert (old.drank_ml, old.weight_before_kg, old.weight_after_kg) == (None, None, None)
