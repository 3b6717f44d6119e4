"""`planner race add|list|remove`: races you entered (taper before, recovery after)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.cli.common import CommandParser, out, print_json

if TYPE_CHECKING:
    import argparse

    from planner.service import Planner


def register(sub: Any) -> None:
    race = sub.add_parser("race", help="races you have entered: add, list, remove")
    actions = race.add_subparsers(dest="race_command", metavar="ACTION", parser_class=CommandParser)
    add = actions.add_parser("add", help="enter a race: the plan tapers before it")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="race day")
    add.add_argument("--distance", required=True, help="42.2km, 13.1mi, 10km, ...")
    add.add_argument("--name", default="", help="a name, e.g. Berlin Marathon")
    add.set_defaults(handler=cmd_add, reads_only=False)
    listing = actions.add_parser("list", help="the races entered")
    listing.add_argument("--json", action="store_true", help="print the races as JSON")
    listing.set_defaults(handler=cmd_list, reads_only=True)
    remove = actions.add_parser("remove", help="remove an entered race")
    remove.add_argument("id", help="the race's id (see: planner race list)")
    remove.set_defaults(handler=cmd_remove, reads_only=False)
    race.set_defaults(handler=cmd_list, json=False, reads_only=True)


def cmd_add(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.units import parse_date

    race = planner.add_race(parse_date(args.date, "--date"), args.distance, args.name)
    out(f"Entered: {_line(planner, race)}")
    return 0


def cmd_list(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.jsonout import race_to_json

    races = planner.races()
    if args.json:
        print_json({"races": [race_to_json(r) for r in races]})
    elif not races:
        out(
            "No races entered. Enter one with: planner race add --date 2027-04-25 --distance 42.2km"
        )
    else:
        out("\n".join(_line(planner, r) for r in races))
    return 0


def cmd_remove(planner: Planner, args: argparse.Namespace) -> int:
    race = planner.remove_race(args.id)
    out(f"Removed: {_line(planner, race)}")
    return 0


def _line(planner: Planner, race: Any) -> str:
    from planner.core.taper import race_label
    from planner.core.units import format_distance

    days = (race.date - planner.today()).days
    from planner.core.wording import count

    when = (
        "today"
        if days == 0
        else (f"in {count(days, 'day')}" if days > 0 else f"{count(-days, 'day')} ago")
    )
    name = f"  {race.name}" if race.name else ""
    distance = format_distance(race.distance_m, planner.profile.units)
    return f"{race.date}  {distance:>8}  {race_label(race.distance_m)}{name}  ({when})  {race.id}"
