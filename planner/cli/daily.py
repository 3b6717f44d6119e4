"""Everyday commands: today, plan, runs, log, check, uncheck."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from planner.cli.common import days_arg, out, print_json
from planner.core.units import parse_day

DAY_HELP = "YYYY-MM-DD, today, yesterday, -1 or mon..sun (default: today)"

if TYPE_CHECKING:
    from planner.service import Planner


def register(sub: Any) -> None:
    today = sub.add_parser("today", help="today's plan and checklist")
    today.add_argument("--json", action="store_true", help="print the plan as JSON")
    today.add_argument(
        "--brief", action="store_true", help="at most 8 lines: the day, the open items, the streak"
    )
    today.set_defaults(handler=cmd_today, reads_only=True)

    plan = sub.add_parser("plan", help="the plan for the next days")
    plan.add_argument("--from", dest="start", metavar="DAY", help="first day; " + DAY_HELP)
    plan.add_argument("--days", type=days_arg, default=7, help="how many days (default 7)")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    plan.add_argument(
        "--full", action="store_true", help="every day in full: reasons, checklist and doses"
    )
    plan.set_defaults(handler=cmd_plan, reads_only=True)

    status = sub.add_parser("status", help="one line for a shell prompt, a tmux bar or a motd")
    status.add_argument(
        "--format",
        metavar="FMT",
        help="the line, with fields {type} {run} {minutes} {rpe} {done} {total} {open} {flag}"
        " {streak} {day} {date} (default: '{type} {run} · {done}/{total} ✓ {flag}')",
    )
    status.set_defaults(handler=cmd_status, reads_only=True)

    runs = sub.add_parser("runs", help="the runs on record")
    runs.add_argument("--json", action="store_true", help="print the runs as JSON")
    runs.add_argument("--since", metavar="DAY", help="runs on or after: " + DAY_HELP)
    runs.add_argument("--limit", type=days_arg, metavar="N", help="the N newest runs")
    runs.add_argument("--oldest-first", action="store_true", help="oldest first (as --json)")
    runs.set_defaults(handler=cmd_runs, reads_only=True)

    log = sub.add_parser("log", help="log a run by hand")
    log.add_argument("--date", metavar="DAY", help="the day of the run; " + DAY_HELP)
    log.add_argument("--distance", required=True, help="10km, 6.2mi or 8000m")
    log.add_argument("--duration", required=True, help="moving time: 50:00 or 1:05:00")
    log.add_argument("--rpe", required=True, help="effort 1-10 (CR-10 scale)")
    log.add_argument("--type", help="easy, long, tempo, intervals, race or recovery")
    log.add_argument("--avg-hr", help="average heart rate, beats per minute")
    log.add_argument("--note", default="", help="a note")
    log.add_argument("--temp-c", metavar="C", help="air temperature during the run: 14 (°C) or 57F")
    log.add_argument("--drank", metavar="AMOUNT", help="fluid drunk on the run: 750ml, 25floz")
    log.add_argument("--weight-before", metavar="W", help="scale weight before: 70.2kg, 155lb")
    log.add_argument("--weight-after", metavar="W", help="scale weight after: 69.1kg, 152lb")
    log.set_defaults(handler=cmd_log)

    for name, verb in (("check", "tick"), ("uncheck", "untick")):
        tick = sub.add_parser(name, help=f"{verb} checklist items")
        tick.add_argument(
            "items",
            nargs="+",
            metavar="item",
            help="item ids (hydration, meal:recovery, ...), kinds, the start of an id, or all",
        )
        tick.add_argument("--date", metavar="DAY", help=DAY_HELP)
        tick.set_defaults(handler=cmd_tick)


def cmd_today(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.jsonout import plan_to_json
    from planner.textout import brief_lines, today_text

    if args.json:
        print_json(plan_to_json(planner.plan(days=1)))
        return 0
    if args.brief:
        from planner.term import emit

        # The morning view the app keeps in the snapshot: nothing new, nothing planned.
        lines = brief_lines(planner.morning())
        emit(lines, one_row=True)
        _keep_for_next_time(planner, "brief", lines)
        return 0
    plan = planner.plan(days=1)
    lines = today_text(plan, show_disclaimer=not planner.has_profile(), units=planner.profile.units)
    if not planner.has_profile():
        lines.append("Set your age for an age-fitted plan: planner profile set --age 52")
    note = planner.plan_note()  # the runner's own plan file predates rules: one line
    if note:
        lines.append(note)
    out(*lines)
    _keep_for_next_time(planner, "today", lines)
    return 0


def _keep_for_next_time(planner: Planner, view: str, lines: list[str]) -> None:
    """The lines, kept for the next `planner today` to print while nothing changes (unless
    a file could not be read: its notice must be said each time, by the whole planner)."""
    if not planner.notices:
        planner.note_glance(view, lines)


def cmd_plan(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.jsonout import plan_to_json
    from planner.textout import plan_lines, plan_text

    start = parse_day(args.start, planner.today(), "--from") if args.start else None
    plan = planner.plan(start=start, days=args.days)
    if args.json:
        print_json(plan_to_json(plan))
    elif args.full:
        out(*plan_text(plan, units=planner.profile.units))
    else:
        out(*plan_lines(plan, planner.today()))
    return 0


def cmd_status(planner: Planner, args: argparse.Namespace) -> int:
    """The slow path of `planner status` (planner/entry.py tries the cached line first): the
    morning view, kept in the snapshot, and the status file written again as this ends."""
    from planner.core.errors import InputError
    from planner.core.morning import status_fields
    from planner.glance import FormatError, render

    if not planner.has_profile():
        print("no plan yet: planner profile set --age N")
        return 0
    try:
        line = render(status_fields(planner.morning()), args.format)
    except FormatError as error:
        raise InputError(str(error)) from None
    print(line)
    return 0


def cmd_runs(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.jsonout import run_to_json
    from planner.textout import runs_text

    runs, efforts = list(planner.runs()), planner.efforts()  # estimates as today's plan makes
    any_runs = bool(runs)
    if args.since:
        since = parse_day(args.since, planner.today(), "--since")
        runs = [run for run in runs if run.date >= since]
    if args.limit:
        runs = runs[-args.limit :]
    if not args.json and not args.oldest_first:
        runs.reverse()  # on a terminal the newest first: what was run lately is what matters
    if args.json:
        print_json({"runs": [run_to_json(run, efforts.get(run.id)) for run in runs]})
    elif any_runs and not runs:
        out(f"No runs on or after {since}.")
    else:
        out(runs_text(runs, planner.profile.units, efforts))
    return 0


def cmd_log(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.units import format_distance, format_duration
    from planner.service import RunInput

    day = parse_day(args.date, planner.today()) if args.date else None
    entry = RunInput(
        distance=args.distance,
        duration=args.duration,
        rpe=args.rpe,
        day=day,
        type=args.type,
        avg_hr=args.avg_hr,
        note=args.note,
        temp_c=args.temp_c,
        drank=args.drank,
        weight_before=args.weight_before,
        weight_after=args.weight_after,
    )
    run = planner.log_run(entry)
    out(
        f"Logged {format_distance(run.distance_m, planner.profile.units)} in "
        f"{format_duration(run.moving_s)} on {run.date} (id {run.id})."
    )
    return 0


def cmd_tick(planner: Planner, args: argparse.Namespace) -> int:
    """Tick (check) or untick several items at once, or `all` the day's open (ticked) ones;
    one durable write, and a line for what was already so."""
    from planner.core.wording import progress_label

    check = args.command == "check"
    day = planner.tickable(parse_day(args.date, planner.today()) if args.date else None)
    checklist = planner.day(day).checklist
    if args.items == ["all"]:
        chosen = [i for i in checklist if not i.withheld and i.done != check]
    else:
        chosen = list({(f := planner.find_item(n, day)).id: f for n in args.items}.values())
    to_change = [item for item in chosen if item.done != check]
    if to_change:
        planner.set_ticks([item.id for item in to_change], day, done=check)
        done = planner.day(day).checklist
        names = ", ".join(item.id for item in to_change)
        out(f"{'Ticked' if check else 'Unticked'} {names} on {day} ({progress_label(done)}).")
    for item in chosen:
        if item.done == check:
            out(f"{item.id} was {'already' if check else 'not'} ticked on {day}.")
    if not chosen:
        out(f"Nothing to {'tick' if check else 'untick'} on {day}.")
    return 0
