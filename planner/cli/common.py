"""Small pieces the command modules share."""

from __future__ import annotations

import argparse
import re
from typing import Any, NoReturn


def print_json(value: Any) -> None:
    import json  # here: the app itself never prints JSON

    print(json.dumps(value, indent=2, ensure_ascii=False))


def out(*texts: str) -> None:
    """Print, fitted to the terminal: wrapped with a hanging indent, 80 columns in a pipe,
    coloured only on a terminal (planner/term.py). `out()` prints an empty line."""
    from planner.term import emit

    emit(["\n".join(texts)] if texts else [""])


def days_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"days {text!r}: give a whole number") from None
    if not 1 <= value <= 366:
        raise argparse.ArgumentTypeError(f"days {value}: must be from 1 to 366")
    return value


class CommandParser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (and exit 2), not a usage dump."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Let "-5km" reach our validator (which says why it is wrong) instead of argparse
        # mistaking it for an option.
        self._negative_number_matcher = re.compile(r"^-\d")

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"planner: {message} (see: {self.prog} --help)\n")
