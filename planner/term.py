"""The terminal the CLI's text goes to: how wide it is, whether it takes colour, and lines
wrapped to fit it with a hanging indent.

The text itself is made in planner/textout.py, plain; this module only fits it. Not a
terminal (a pipe, cron, `ssh host planner today`) is 80 columns and no colour; `$COLUMNS`
wins over both, and `NO_COLOR` (https://no-color.org) turns colour off everywhere.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from collections.abc import Iterable
from typing import TextIO

DEFAULT_WIDTH = 80  # what a pipe, a cron mail or a motd gets
MIN_WIDTH = 30  # below this a hanging indent leaves no room: wrap as if it were this wide

# A line's hanging indent: its leading spaces and its marker ("- ", "! ", "[ ] hydration  ").
_HANG = re.compile(r"^( *(?:[-!] |\[.\] \S+ +|○ |● )?)")


def width(stream: TextIO | None = None) -> int:
    """Columns to fit: $COLUMNS if it is a number, the terminal's own, or 80 for a pipe."""
    stream = stream or sys.stdout
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return max(MIN_WIDTH, int(given))
    if _is_terminal(stream):
        return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


def colour(stream: TextIO | None = None) -> bool:
    """Colour only on a terminal that takes it, and never with NO_COLOR set (to anything)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    return _is_terminal(stream) and os.environ.get("TERM", "") != "dumb"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


def wrap(line: str, columns: int) -> list[str]:
    """`line` in rows of at most `columns`, each row after the first indented to where the
    text after its marker starts. Words are not broken unless one is wider than a row."""
    if len(line) <= columns:
        return [line]
    hang = _HANG.match(line)
    indent = " " * len(hang.group(1)) if hang else ""
    if len(indent) > columns // 2:  # a long id: a hanging indent would leave a narrow column
        indent = " " * (len(line) - len(line.lstrip()) + 4)
    lead = line[: len(line) - len(line.lstrip())]
    wrapper = textwrap.TextWrapper(
        width=columns,
        initial_indent=lead,
        subsequent_indent=indent,
        break_on_hyphens=False,
        drop_whitespace=True,
        replace_whitespace=False,
    )
    return wrapper.wrap(line.lstrip()) or [line]


def fit(lines: Iterable[str], columns: int) -> list[str]:
    """Every line wrapped to `columns`; a text of several lines is split first."""
    rows: list[str] = []
    for line in lines:
        for part in line.split("\n"):
            rows.extend(wrap(part.rstrip(), columns))
    return rows


def cut(line: str, columns: int) -> str:
    """`line` on one row: cut with an ellipsis where it would wrap (the brief forms)."""
    return line if len(line) <= columns else line[: columns - 1].rstrip() + "…"


# ---- colour --------------------------------------------------------------------------------

_RESET = "\x1b[0m"
_DAY_COLOURS = {  # the day's name, as Today's badge colours it
    "REST": "\x1b[1;34m",
    "ACTIVE RECOVERY": "\x1b[1;36m",
    "EASY": "\x1b[1;32m",
    "QUALITY OK": "\x1b[1;33m",
    "RACE RECOVERY": "\x1b[1;35m",
    "SEE A CLINICIAN": "\x1b[1;41;97m",
}
_WARNING = "\x1b[1;31m"
_DONE = "\x1b[2m"


def paint(row: str) -> str:
    """One wrapped row with the colours of Today: the day's name, warnings, ticked items dim."""
    for name, code in _DAY_COLOURS.items():
        if row == name or row.startswith((name + " ·", name + " ")):
            return code + name + _RESET + row[len(name) :]
    stripped = row.lstrip()
    lead = row[: len(row) - len(stripped)]
    if stripped.startswith("! "):
        return lead + _WARNING + "!" + _RESET + stripped[1:]
    if stripped.startswith("[x] "):
        return _DONE + row + _RESET
    return row


def emit(lines: Iterable[str], stream: TextIO | None = None, *, one_row: bool = False) -> None:
    """Print `lines` fitted to the terminal (or 80 columns), coloured only on a terminal:
    wrapped, or with `one_row` each cut to a row (the brief forms)."""
    stream = stream or sys.stdout
    columns = width(stream)
    rows = [cut(line, columns) for line in lines] if one_row else fit(lines, columns)
    if colour(stream):
        rows = [paint(row) for row in rows]
    print("\n".join(rows), file=stream)
