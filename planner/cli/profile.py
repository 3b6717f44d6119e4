"""`planner profile show|set`: the runner's settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.cli.common import CommandParser, out, print_json
from planner.core.errors import InputError

if TYPE_CHECKING:
    import argparse

    from planner.service import Planner


def register(sub: Any) -> None:
    profile = sub.add_parser("profile", help="show or set the runner's profile")
    psub = profile.add_subparsers(
        dest="profile_command", metavar="ACTION", parser_class=CommandParser
    )
    show = psub.add_parser("show", help="show the profile")
    show.add_argument("--json", action="store_true", help="print the profile as JSON")
    show.set_defaults(reads_only=True)
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
    pset.add_argument("--hr-unreliable", metavar="yes|no", help="ignore heart rate (beta-blockers)")
    pset.add_argument(
        "--temp-c", metavar="C", help="usual air temperature on your runs: 14 (°C) or 57F"
    )
    pset.add_argument("--inbox", metavar="DIR", help="folder of new activity files ('none': off)")
    profile.set_defaults(handler=cmd_profile)


SUGGEST_CONSERVATIVE = (
    "In your first year of running (or with years running unset) the conservative plan is "
    "suggested: planner profile set --plan conservative"
)

PROFILE_FIELDS = (
    "birth_date", "age", "sex", "weight_kg", "weight_lb", "units", "hr_max", "hr_rest",
    "years_running", "tz", "day_starts", "plan", "ice_bath", "hr_unreliable", "temp_c", "inbox",
)  # fmt: skip


def cmd_profile(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.age import age_group
    from planner.core.jsonout import profile_to_json
    from planner.runner_input import conservative_suggested
    from planner.textout import profile_text

    if args.profile_command == "set":
        changes = {key: getattr(args, key) for key in PROFILE_FIELDS}
        planner.set_profile({k: v for k, v in changes.items() if v is not None})
    elif args.profile_command not in (None, "show"):
        raise InputError("profile: use 'profile show' or 'profile set --age N ...'")
    profile = planner.profile
    if getattr(args, "json", False):
        print_json(profile_to_json(profile, planner.today()))
    else:
        age = profile.age_on(planner.today())
        out(profile_text(profile, age, age_group(age)))
        if conservative_suggested(profile):
            out(f"\n{SUGGEST_CONSERVATIVE}")
    return 0
