"""The `planner` script: `planner status` answered from its cache before anything else of
planner is imported (statusline.py), everything else by the CLI (planner/cli)."""

from __future__ import annotations

import sys


def main() -> int:
    argv = sys.argv[1:]
    if "status" in argv:
        from planner.statusline import quick

        code = quick(argv)
        if code is not None:
            return code
    from planner.cli import main as cli_main

    return cli_main(argv)
