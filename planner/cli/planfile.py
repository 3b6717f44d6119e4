"""`planner plan-file add|show`: the runner's own plan files, copied from a built-in one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.common import CommandParser, out

if TYPE_CHECKING:
    import argparse

    from planner.service import Planner


def register(sub: Any) -> None:
    plan_file = sub.add_parser(
        "plan-file",
        help="your own plan file: show a built-in one to copy, add yours",
        description="Copy a built-in plan (planner plan-file show standard > mine.toml), change "
        "its numbers, then add it: planner plan-file add mine.toml --name mine",
    )
    actions = plan_file.add_subparsers(
        dest="plan_file_command", metavar="ACTION", parser_class=CommandParser
    )
    add = actions.add_parser("add", help="check a plan file, keep a copy and choose it")
    add.add_argument("path", help="the plan file (TOML)")
    add.add_argument("--name", help="the plan's name (default: plan.name in the file)")
    add.set_defaults(handler=cmd_add)
    show = actions.add_parser("show", help="print a plan file (no name: list the plans)")
    show.add_argument("name", nargs="?", help="standard, conservative, or one of yours")
    show.set_defaults(handler=cmd_show)
    plan_file.set_defaults(handler=cmd_show, name=None)


def cmd_add(planner: Planner, args: argparse.Namespace) -> int:
    installed = planner.add_plan_file(Path(args.path), args.name)
    kept = "Copied" if installed.new else "Already there"
    out(f"{kept}: {installed.path}")
    out(f"Plan {installed.name!r} ({installed.sha[:8]}) is now your plan.")
    if installed.note:
        out(installed.note)
    return 0


def cmd_show(planner: Planner, args: argparse.Namespace) -> int:
    if args.name:
        print(planner.plan_file_text(args.name), end="")
        return 0
    profile = planner.profile
    chosen = {profile.plan}
    if profile.plan_sha:
        chosen = {f"{profile.plan}-{profile.plan_sha[:8]}"}
    for name in planner.plan_files():
        out(f"{'*' if name in chosen else ' '} {name}")
    out("Print one with: planner plan-file show NAME")
    return 0
