"""The `planner` command: `main(argv) -> int`; errors become one line and an exit code.

Exit codes: 0 done; 1 an unexpected failure (a bug: please report it); 2 bad input
(an argument, a value); 3 a bad or unreadable file in the data dir or a plan file;
10-18 and 130 a failed `planner sync` (planner/sync/errors.py, the README lists them).
The TUI is imported lazily so `planner today` in a shell prompt never pays for Textual.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from datetime import date
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from planner import __version__
from planner.core.errors import PlannerError
from planner.core.units import parse_date

if TYPE_CHECKING:
    import argparse

    from planner.cli.common import CommandParser
    from planner.service import Planner


APP_OPTIONS = ("--data", "--today")  # the options `planner` (the app) takes with a value
_APP_DEFAULTS = {"data": None, "today": None, "demo": False}  # as _app_parser gives them


def build_parser() -> argparse.ArgumentParser:
    from planner.cli.common import CommandParser

    parser = _app_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for module in _command_modules():
        module.register(sub)
    return parser


def _app_parser() -> CommandParser:
    """The options that come before a command; alone, they open the app."""
    from planner.cli.common import CommandParser

    parser = CommandParser(prog="planner", description="A daily recovery planner for runners.")
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument("--data", metavar="DIR", help="data folder (default: $PLANNER_DATA)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="pin today (also $PLANNER_TODAY)")
    parser.add_argument("--demo", action="store_true", help="open the app on a demo runner")
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments; `planner` alone (the morning case) skips building every command's parser."""
    if not argv:  # nothing to parse: argparse itself need not be imported
        return cast("argparse.Namespace", SimpleNamespace(**_APP_DEFAULTS, command=None))
    if _opens_app(argv):
        args = _app_parser().parse_args(argv)
        args.command = None
        return args
    parser = build_parser()
    return parser.parse_args(_forgiving(parser, argv))


def _forgiving(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """argv as the parser wants it: `planner today --today 2026-12-04` as `planner --today
    2026-12-04 today` (the app's options may come after the command too), and a command
    given by the start of its name (`planner tod`); a name that is no command is refused
    with the nearest one (`planner tody`: did you mean today?)."""
    front: list[str] = []
    rest: list[str] = []
    command_at: int | None = None
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        takes_value = word in APP_OPTIONS and i + 1 < len(words)
        is_app_option = takes_value or word == "--demo" or word.startswith(_APP_EQUALS)
        if is_app_option:
            front.extend(words[i : i + 2] if takes_value else [word])
            i += 2 if takes_value else 1
            continue
        if command_at is None and not word.startswith("-"):
            command_at = len(rest)
        rest.append(word)
        i += 1
    if command_at is not None:
        rest[command_at] = _command_named(parser, rest[command_at])
    return front + rest


_APP_EQUALS = tuple(f"{option}=" for option in APP_OPTIONS)


def _command_named(parser: argparse.ArgumentParser, word: str) -> str:
    import argparse
    import difflib

    from planner.core.errors import InputError

    choices: list[str] = []
    for action in parser._actions:  # argparse keeps its subcommands here, and only here
        if isinstance(action, argparse._SubParsersAction):
            choices = list(action.choices)
    if word in choices or not choices:
        return word
    started = [name for name in choices if name.startswith(word)]
    if len(started) == 1:
        return started[0]
    if started:
        raise InputError(f"command {word!r} is ambiguous: {', '.join(started)}")
    near = difflib.get_close_matches(word, choices, n=1)
    hint = f"; did you mean {near[0]}?" if near else ""
    raise InputError(f"{word!r} is not a command{hint} (see: planner --help)")


def _opens_app(argv: Sequence[str]) -> bool:
    """Only --data DIR, --today DAY and --demo: no command, no --help, no --version."""
    words = iter(argv)
    for word in words:
        if word in APP_OPTIONS:
            if next(words, None) is None:
                return False  # let the full parser say what is missing
        elif word != "--demo" and not word.startswith(tuple(f"{o}=" for o in APP_OPTIONS)):
            return False
    return True


def _command_modules() -> list[Any]:
    """Each command family lives in its own module with a `register(subparsers)`."""
    from planner.cli import checkin, daily, importing, planfile, profile, race, shell, sync

    return [daily, checkin, race, profile, planfile, sync, importing, shell]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as done:  # --help, --version, or a usage mistake already reported
        return done.code if isinstance(done.code, int) else 2
    except PlannerError as error:  # a command name that is none
        say(error.message)
        return error.exit_code
    try:
        return _dispatch(args)
    except PlannerError as error:
        say(error.message)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `planner plan | head` closed the pipe early: not an error the runner made.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def say(message: str) -> None:
    """One line on stderr. A path that is not UTF-8 (a byte kept as a lone surrogate) is
    shown escaped: the error about a bad path must not itself fail to print."""
    line = f"planner: {message}".encode("utf-8", "backslashreplace").decode("utf-8")
    print(line, file=sys.stderr)


def _pinned_today(args: argparse.Namespace) -> date | None:
    text = args.today or os.environ.get("PLANNER_TODAY")
    return parse_date(text, "--today") if text else None


NO_TERMINAL = (
    "planner: no terminal to draw the app on; for the day as text run `planner today`"
    " (over ssh: `ssh -t HOST planner` opens the app)"
)


def _has_terminal() -> bool:
    """The app needs a terminal both ways: keys in, the screen out. Without one (ssh HOST
    planner, a pipe, cron) it would wait for keys that never come."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None and not _has_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return 2
    if args.demo and args.command is not None:
        return _demo_command(args)
    if getattr(args, "data_handler", None) is not None:
        # A command that only moves files (sync) needs no fold and no plan: skipping the
        # service's imports keeps `planner sync` with nothing new near a bare ssh's cost.
        return int(args.data_handler(args))
    from planner.service import Planner

    if args.demo:
        return _run_demo(_pinned_today(args))
    if args.command is None:
        planner = open_for_app(args)
        from planner.tui.app import run_tui

        # Everything alive now (the folded history, the modules) lives as long as the app:
        # out of the cycle collector's sight, it is not walked again and again while Textual
        # builds the first screen. Nothing here relies on a finalizer at exit.
        gc.freeze()
        return run_tui(planner)
    today = _pinned_today(args)
    if getattr(args, "reads_only", False):
        _refuse_missing_folder(args)
    planner = Planner.open(args.data, today=today)
    try:
        return int(args.handler(planner, args))
    finally:
        # After the command: the store reads the data dir lazily, so only now are the bad
        # files it skipped (and clocks running ahead) known.
        for notice in planner.notices:
            say(notice)


def _refuse_missing_folder(args: argparse.Namespace) -> None:
    """A command that only reads, on a data folder that is not there, is most likely a typo
    in --data or $PLANNER_DATA: say so, and create nothing (the app, `profile set`, `log` and
    `import` start a new folder)."""
    from planner.core.errors import DataError, InputError
    from planner.store.paths import file_ancestor, resolve_data_dir

    folder = resolve_data_dir(args.data)
    try:
        os.stat(folder)
        return  # there (a file in its place is the store's to refuse, as for every command)
    except FileNotFoundError:
        pass
    except NotADirectoryError:
        raise DataError(f"{file_ancestor(folder)}: is a file, not a folder") from None
    except OSError as exc:  # a name too long, a loop of links, no permission
        raise DataError(f"data folder {folder}: {exc.strerror or exc}") from None
    raise InputError(
        f"data folder {folder}: not there (check --data or $PLANNER_DATA); nothing was"
        " created: `planner profile set` or `planner import` starts a new one"
    )


def open_for_app(args: argparse.Namespace) -> Planner:
    """The Planner `planner` with no command opens the app on, its data dir already read.

    bench/first_paint.py opens its Planner here too: it times what the runner waits for.
    """
    from planner.service import Planner

    planner = Planner.open(args.data, today=_pinned_today(args))
    _load_with_progress(planner)
    return planner


def _run_demo(today: date | None) -> int:
    import shutil

    from planner.demo import open_demo
    from planner.tui.app import run_tui

    planner = open_demo(today)
    try:
        return run_tui(planner, demo=True)
    finally:
        # The demo's folder is throwaway: leave no copy of it behind in /tmp.
        shutil.rmtree(planner.data_dir.parent, ignore_errors=True)


def _demo_command(args: argparse.Namespace) -> int:
    """A command with --demo runs on a throwaway demo runner, never on the real data folder;
    one that only moves files (sync) has nothing to do there, and says so."""
    import shutil

    from planner.demo import open_demo

    if getattr(args, "data_handler", None) is not None:
        print(
            f"planner: --demo with {args.command}: the demo's data is thrown away at the end;"
            f" run `planner {args.command}` without --demo for your own data",
            file=sys.stderr,
        )
        return 2
    planner = open_demo(_pinned_today(args))
    try:
        return int(args.handler(planner, args))
    finally:
        shutil.rmtree(planner.data_dir.parent, ignore_errors=True)


def _load_with_progress(planner: Planner) -> None:
    """Fold the data dir before the app starts, with progress on a long first read.

    A first start on a new machine reads every event file once (on every core); the fold
    cache makes later starts read only what is new, and this prints nothing then.
    """

    def report(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\rplanner: reading {total:,} event files (first start here): {done:,}", end=end,
              file=sys.stderr, flush=True)  # fmt: skip

    planner.load(report)
