"""The `planner` command: `main(argv) -> int`; errors become one line and an exit code.

Exit codes: 0 done; 1 an unexpected failure (a bug: please report it); 2 bad input
(an argument, a value); 3 a bad or unreadable file in the data dir or a plan file.
The TUI is imported lazily so `planner today` in a shell prompt never pays for Textual.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, NoReturn

from planner import __version__
from planner.core.errors import InputError, PlannerError
from planner.core.units import parse_date


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (and exit 2), not a usage dump."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Let "-5km" reach our validator (which says why it is wrong) instead of argparse
        # mistaking it for an option.
        self._negative_number_matcher = re.compile(r"^-\d")

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"planner: {message} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="planner", description="A daily recovery planner for runners.")
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument("--data", metavar="DIR", help="data folder (default: $PLANNER_DATA)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="pin today (also $PLANNER_TODAY)")
    parser.add_argument("--demo", action="store_true", help="open the app on a demo runner")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    today = sub.add_parser("today", help="today's plan and checklist")
    today.add_argument("--json", action="store_true", help="print the plan as JSON")

    plan = sub.add_parser("plan", help="the plan for the next days")
    plan.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day")
    plan.add_argument("--days", type=_days, default=7, help="how many days (default 7)")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")

    runs = sub.add_parser("runs", help="the runs on record")
    runs.add_argument("--json", action="store_true", help="print the runs as JSON")

    log = sub.add_parser("log", help="log a run by hand")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the run (default: today)")
    log.add_argument("--distance", required=True, help="10km, 6.2mi or 8000m")
    log.add_argument("--duration", required=True, help="moving time: 50:00 or 1:05:00")
    log.add_argument("--rpe", required=True, help="effort 1-10 (CR-10 scale)")
    log.add_argument("--type", help="easy, long, tempo, intervals, race or recovery")
    log.add_argument("--avg-hr", help="average heart rate, beats per minute")
    log.add_argument("--note", default="", help="a note")

    for name, verb in (("check", "tick"), ("uncheck", "untick")):
        tick = sub.add_parser(name, help=f"{verb} a checklist item")
        tick.add_argument("item", help="item id (hydration, meal:recovery, ...) or kind")
        tick.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")

    _add_profile(sub)
    return parser


def _add_profile(sub: Any) -> None:
    profile = sub.add_parser("profile", help="show or set the runner's profile")
    psub = profile.add_subparsers(dest="profile_command", metavar="ACTION", parser_class=_Parser)
    show = psub.add_parser("show", help="show the profile")
    show.add_argument("--json", action="store_true", help="print the profile as JSON")
    pset = psub.add_parser("set", help="set profile fields")
    age = pset.add_mutually_exclusive_group()
    age.add_argument("--birth-date", metavar="YYYY-MM-DD")
    age.add_argument("--age", metavar="N")
    pset.add_argument("--sex", metavar="f|m|x")
    weight = pset.add_mutually_exclusive_group()
    weight.add_argument("--weight-kg", metavar="KG")
    weight.add_argument("--weight-lb", metavar="LB")
    pset.add_argument("--units", metavar="metric|imperial")
    pset.add_argument("--hr-max", metavar="N")
    pset.add_argument("--hr-rest", metavar="N")
    pset.add_argument("--years-running", metavar="N")
    pset.add_argument("--tz", metavar="Area/City")
    pset.add_argument("--day-starts", metavar="HH", help="hour the runner's day starts (0-12)")
    pset.add_argument("--plan", metavar="NAME", help="plan file: standard, conservative, ...")
    pset.add_argument("--ice-bath", metavar="yes|no", help="include ice baths after hard days")


PROFILE_FIELDS = (
    "birth_date", "age", "sex", "weight_kg", "weight_lb", "units", "hr_max", "hr_rest",
    "years_running", "tz", "day_starts", "plan", "ice_bath",
)  # fmt: skip


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"days {text!r}: give a whole number") from None
    if not 1 <= value <= 366:
        raise argparse.ArgumentTypeError(f"days {value}: must be from 1 to 366")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage mistake already reported
        return done.code if isinstance(done.code, int) else 2
    try:
        return _dispatch(args)
    except PlannerError as error:
        print(f"planner: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `planner plan | head` closed the pipe early: not an error the runner made.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _pinned_today(args: argparse.Namespace) -> date | None:
    text = args.today or os.environ.get("PLANNER_TODAY")
    return parse_date(text, "--today") if text else None


def _dispatch(args: argparse.Namespace) -> int:
    from planner.service import Planner

    today = _pinned_today(args)
    if args.demo:
        return _run_demo(today)
    planner = Planner.open(args.data, today=today)
    if args.command is None:
        from planner.tui.app import run_tui

        return run_tui(planner)
    for notice in planner.notices:
        print(f"planner: {notice}", file=sys.stderr)
    handler = _HANDLERS[args.command]
    return handler(planner, args)


def _run_demo(today: date | None) -> int:
    import shutil

    from planner.demo import open_demo
    from planner.tui.app import run_tui

    planner = open_demo(today)
    try:
        return run_tui(planner, demo=True)
    finally:
        # The demo's folder is throwaway: leave no copy of it behind in /tmp.
        shutil.rmtree(planner.store.data_dir.parent, ignore_errors=True)


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


def _cmd_today(planner: Any, args: argparse.Namespace) -> int:
    from planner.core.jsonout import plan_to_json
    from planner.textout import today_text

    plan = planner.plan(days=1)
    if args.json:
        _print_json(plan_to_json(plan))
    else:
        print(today_text(plan, show_disclaimer=not planner.has_profile()))
        if not planner.has_profile():
            print("Set your age for an age-fitted plan: planner profile set --age 52")
    return 0


def _cmd_plan(planner: Any, args: argparse.Namespace) -> int:
    from planner.core.jsonout import plan_to_json
    from planner.textout import plan_text

    start = parse_date(args.start, "--from") if args.start else None
    plan = planner.plan(start=start, days=args.days)
    if args.json:
        _print_json(plan_to_json(plan))
    else:
        print(plan_text(plan))
    return 0


def _cmd_runs(planner: Any, args: argparse.Namespace) -> int:
    from planner.core.jsonout import run_to_json
    from planner.textout import runs_text

    if args.json:
        _print_json({"runs": [run_to_json(run) for run in planner.runs()]})
    else:
        print(runs_text(planner.runs(), planner.profile.units))
    return 0


def _cmd_log(planner: Any, args: argparse.Namespace) -> int:
    from planner.core.units import format_distance, format_duration
    from planner.service import RunInput

    day = parse_date(args.date, "--date") if args.date else None
    entry = RunInput(
        distance=args.distance,
        duration=args.duration,
        rpe=args.rpe,
        day=day,
        type=args.type,
        avg_hr=args.avg_hr,
        note=args.note,
    )
    run = planner.log_run(entry)
    print(
        f"Logged {format_distance(run.distance_m, planner.profile.units)} in "
        f"{format_duration(run.moving_s)} on {run.date} (id {run.id})."
    )
    return 0


def _cmd_tick(planner: Any, args: argparse.Namespace) -> int:
    day = parse_date(args.date, "--date") if args.date else None
    if args.command == "check":
        item = planner.check(args.item, day)
        print(f"Ticked {item.id} on {day or planner.today()}.")
    else:
        item = planner.uncheck(args.item, day)
        print(f"Unticked {item.id} on {day or planner.today()}.")
    return 0


def _cmd_profile(planner: Any, args: argparse.Namespace) -> int:
    from planner.core.age import age_group
    from planner.core.jsonout import profile_to_json
    from planner.textout import profile_text

    if args.profile_command == "set":
        changes = {key: getattr(args, key) for key in PROFILE_FIELDS}
        planner.set_profile({k: v for k, v in changes.items() if v is not None})
    elif args.profile_command != "show":
        raise InputError("profile: use 'profile show' or 'profile set --age N ...'")
    profile = planner.profile
    if getattr(args, "json", False):
        _print_json(profile_to_json(profile, planner.today()))
    else:
        age = profile.age_on(planner.today())
        print(profile_text(profile, age, age_group(age)))
    return 0


_HANDLERS = {
    "today": _cmd_today,
    "plan": _cmd_plan,
    "runs": _cmd_runs,
    "log": _cmd_log,
    "check": _cmd_tick,
    "uncheck": _cmd_tick,
    "profile": _cmd_profile,
}
