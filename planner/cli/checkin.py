"""`planner checkin`: the morning check-in (soreness, areas, warning signs, pain, run ratings)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.cli.common import out

if TYPE_CHECKING:
    import argparse

    from planner.service import Planner


def register(sub: Any) -> None:
    from planner.core.checkin import AREAS

    checkin = sub.add_parser(
        "checkin",
        help="the morning check-in: soreness, sore areas, warning signs",
        description="Answer this morning's questions; the day's plan changes at once. "
        "See the warning-sign questions with: planner checkin --questions",
    )
    checkin.add_argument(
        "--date", metavar="DAY", help="the day: YYYY-MM-DD, today, yesterday, -1 or mon..sun"
    )
    checkin.add_argument("--soreness", metavar="0-10", help="how sore your legs are, 0-10")
    checkin.add_argument(
        "--area",
        action="append",
        default=[],
        metavar="A,...",
        help=f"sore areas: {','.join(AREAS)}",
    )
    checkin.add_argument(
        "--flag", action="append", default=[], metavar="F,...", help="warning signs answered yes"
    )
    checkin.add_argument(
        "--no-flag", action="append", default=[], metavar="F,...", help="warning signs answered no"
    )
    checkin.add_argument(
        "--cleared",
        action="append",
        default=[],
        metavar="F,...",
        help="warning signs a clinician has seen and cleared you to run with",
    )
    checkin.add_argument("--pain", metavar="0-10", help="pain during or after your last run")
    checkin.add_argument("--sleep-hours", metavar="H", help="hours you slept last night")
    checkin.add_argument(
        "--rate", action="append", default=[], metavar="RUN_ID=RPE", help="rate an unrated run"
    )
    checkin.add_argument(
        "--questions", action="store_true", help="list the warning-sign questions and areas"
    )
    checkin.set_defaults(handler=cmd_checkin)


def cmd_checkin(planner: Planner, args: argparse.Namespace) -> int:
    from planner.core.checkin import CheckinAnswers
    from planner.core.units import parse_day

    if args.questions:
        out(questions_text(planner))
        return 0
    answers = CheckinAnswers(
        soreness=args.soreness,
        day=parse_day(args.date, planner.today()) if args.date else None,
        areas=args.area,
        flags=args.flag,
        no_flags=args.no_flag,
        cleared=args.cleared,
        pain=args.pain,
        sleep_hours=args.sleep_hours,
        rates=args.rate,
    )
    checkin = planner.checkin(answers)
    out(_summary(checkin))
    unrated = _unrated_text(planner, checkin.date)
    if unrated:
        out(unrated)
    out()
    _print_day(planner, checkin.date, bool(checkin.red_flags))
    return 0


def _summary(checkin: Any) -> str:
    from planner.core.wording import day_label

    parts = [] if checkin.soreness is None else [f"soreness {checkin.soreness}/10"]
    if checkin.areas:
        parts.append("sore: " + ", ".join(a.replace("_", " ") for a in checkin.areas))
    if checkin.pain is not None:
        parts.append(f"pain {checkin.pain}/10")
    if checkin.sleep_hours is not None:
        parts.append(f"slept {checkin.sleep_hours:g} h")
    if checkin.answered or checkin.red_flags:
        parts.append("warning signs: " + (", ".join(checkin.red_flags) or "none"))
    if checkin.cleared:
        parts.append("cleared by a clinician: " + ", ".join(checkin.cleared))
    if checkin.run_rpe:
        parts.append(f"rated {len(checkin.run_rpe)} run(s)")
    return f"Check-in saved for {day_label(checkin.date)}: " + "; ".join(parts) + "."


def _unrated_text(planner: Planner, day: Any) -> str:
    from planner.core.units import format_duration
    from planner.core.wording import day_label

    unrated = planner.unrated_runs(day)
    if not unrated:
        return ""
    how = {"heart_rate": "from heart rate", "pace": "from pace", "default": "a default",
           "imported": "from the app it came from"}  # fmt: skip
    lines = ["Runs without your effort rating (the plan estimates them):"]
    for run, effort in unrated:
        lines.append(
            f"  {run.id}  {day_label(run.date)}  {format_duration(run.moving_s)}  "
            f"~{effort.rpe:.0f}/10 ({how[effort.method]})"
        )
    lines.append(f"Rate them: planner checkin --rate {unrated[0][0].id}=RPE")
    return "\n".join(lines)


def _print_day(planner: Planner, day: Any, flagged: bool) -> None:
    from planner.textout import today_text

    plan = planner.plan(start=day, days=1)
    out(*today_text(plan, show_disclaimer=flagged, units=planner.profile.units))


def questions_text(planner: Planner) -> str:
    from planner.core.checkin import AREAS

    flags = planner.rules().red_flags.flags
    width = max(len(f.id) for f in flags)
    lines = ["Warning signs: answer yes with --flag ID, no with --no-flag ID (comma lists work)."]
    lines += [f"  {f.id:<{width}} {'*' if f.needs_clinician else ' '} {f.question}" for f in flags]
    lines += [
        "",
        "* only a clinician can lift this sign: a later --no-flag is kept but the sign stands.",
        "  Once a clinician has seen you and cleared you to run: planner checkin --cleared ID",
        "  (--cleared lifts any sign). Every lifted sign starts a return period of easy runs.",
        "",
        "Sore areas (--area): " + ", ".join(AREAS),
        "Also: --pain 0-10 (pain during or after your last run), --sleep-hours H (last night).",
    ]
    return "\n".join(lines)
