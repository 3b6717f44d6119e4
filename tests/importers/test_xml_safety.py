"""Hostile GPX and TCX: entity bombs and external entities are refused fast, and leave no trace."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from importkit import Importer, tree_digest

from planner.importers import xmlsafe
from planner.importers.activity import Refused
from planner.importers.gpx import parse_gpx
from planner.importers.tcx import parse_tcx

LAUGHS = "\n".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
BOMB_GPX = f"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY lol0 "lol">{LAUGHS}]>
<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&lol9;</name>
<trkseg><trkpt lat="1" lon="1"><time>2024-01-01T10:00:00Z</time></trkpt></trkseg></trk></gpx>
"""


def external_entity(kind: str, secret: Path) -> str:
    root = "gpx" if kind == "gpx" else "TrainingCenterDatabase"
    return f"""<?xml version="1.0"?>
<!DOCTYPE {root} [<!ENTITY leak SYSTEM "file://{secret}">]>
<{root}><trk><type>running</type><name>&leak;</name></trk></{root}>
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_entity_bomb_is_refused_in_well_under_a_second(
    tmp_path: Path, importer: Importer, data: Path
) -> None:
    bomb = _write(tmp_path, "bomb.gpx", BOMB_GPX)
    before = tree_digest(data)
    started = time.perf_counter()
    report = importer([bomb])
    assert time.perf_counter() - started < 0.5
    assert [what for what, _ in report.refused] == [str(bomb)]
    assert "DOCTYPE" in report.refused[0][1]
    assert report.nothing_usable and report.import_id is None
    assert tree_digest(data) == before


@pytest.mark.parametrize("kind", ["gpx", "tcx"])
def test_external_entity_never_reaches_the_data_dir(
    tmp_path: Path, importer: Importer, data: Path, kind: str
) -> None:
    secret = _write(tmp_path, "secret.txt", "SECRET-7f3a9c")
    hostile = _write(tmp_path, f"leak.{kind}", external_entity(kind, secret))
    before = tree_digest(data)
    report = importer([hostile])
    assert "DOCTYPE" in report.refused[0][1] and not report.imported
    assert tree_digest(data) == before
    for path in data.rglob("*"):
        if path.is_file():
            assert b"SECRET-7f3a9c" not in path.read_bytes()


def test_any_doctype_is_refused_even_a_harmless_one() -> None:
    raw = b'<?xml version="1.0"?><!DOCTYPE gpx><gpx><trk></trk></gpx>'
    with pytest.raises(Refused, match="DOCTYPE"):
        parse_gpx(raw)
    with pytest.raises(Refused, match="DOCTYPE"):
        parse_tcx(raw.replace(b"gpx", b"TrainingCenterDatabase"))


@pytest.mark.parametrize(
    "raw, why",
    [
        (b"<gpx><trk>", "not well-formed"),
        (b"\x00\x01binary", "not well-formed"),
        (b"<kml></kml>", "not a GPX file"),
        (b'<gpx><wpt lat="1" lon="2"/></gpx>', "no track"),
        (b"<gpx><trk><trkseg><trkpt lat='1' lon='1'>&undefined;</trkpt></trkseg></trk></gpx>",
         "not well-formed"),
    ],
)  # fmt: skip
def test_broken_gpx_is_refused_with_a_reason(raw: bytes, why: str) -> None:
    with pytest.raises(Refused, match=why):
        parse_gpx(raw)


def test_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xmlsafe, "MAX_XML_BYTES", 1000)
    with pytest.raises(Refused, match="too big"):
        parse_gpx(b"<gpx>" + b" " * 1000 + b"</gpx>")
