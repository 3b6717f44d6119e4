"""The `planner` script: `planner status` and `planner today` answered from their cache
before anything else of planner is imported (glance.py), everything else by the CLI."""

from __future__ import annotations

import os
import sys


def main() -> int:
    argv = sys.argv[1:]
    if "status" in argv or "today" in argv:
        from planner.glance import quick

        try:
            code = quick(argv)
        except BrokenPipeError:  # `planner today | head`: not the runner's mistake
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        if code is not None:
            return code
    from planner.cli import main as cli_main

    return cli_main(argv)
