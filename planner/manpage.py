"""`python -m planner.manpage > man/planner.1`: planner's man page, made by argparse-manpage
from the parser the command line uses, so it lists every command and option as they are.

argparse-manpage is a test dependency, not a runtime one: the page is generated here, committed
as man/planner.1 and shipped in the wheel (share/man/man1, where pipx and pip put man pages);
tests/cli/test_completion.py fails when the committed page is not what this prints.
"""

from __future__ import annotations

import argparse
import sys

SHORT = "a terminal daily recovery planner for runners"

EXIT_STATUS = r"""0 done; 1 an unexpected failure (a bug: please report it); 2 bad input (an
argument, a value, a data folder that is not there for a command that only reads); 3 a bad or
unreadable file in the data folder or a bad plan file; 10\(en18 and 130 a failed
\fBplanner sync\fR (see \fBplanner sync \-\-help\fR)."""

ENVIRONMENT = r""".TP
.B PLANNER_DATA
the data folder when \fB\-\-data\fR is not given (else \%~/.local/share/planner on Linux)
.TP
.B PLANNER_TODAY
pin today (YYYY\-MM\-DD) when \fB\-\-today\fR is not given
.TP
.B PLANNER_THEME
the app's theme (wins over the one kept in \%~/.config/planner/tui.toml)
.TP
.B PLANNER_SSH
the ssh command \fBplanner sync\fR runs
.TP
.B PLANNER_REMOTE_RSYNC
rsync on the other machine
.TP
.B PLANNER_SYNC_BWLIMIT
the bandwidth limit of \fBplanner sync\fR, KiB/s
.TP
.B NO_COLOR
no colours in the app"""

SHELL = r"""Completion: \fBeval "$(planner completion bash)"\fR in ~/.bashrc,
\fBeval "$(planner completion zsh)"\fR in ~/.zshrc after compinit, or
\fBplanner completion fish > ~/.config/fish/completions/planner.fish\fR.
Checklist item ids (\fBplanner check\fR, \fBuncheck\fR) and run ids (\fBcheckin \-\-rate\fR)
are completed from the data folder.
.PP
Sync from cron: \fB*/30 * * * * planner sync \-\-quiet HOST:PATH\fR."""


def manpage() -> str:
    """The page; the same on every terminal (argparse wraps usage lines to $COLUMNS, so it is
    pinned at 80 here), and marked with the Python it was made with (argparse's wording
    changes between releases: the test compares only under the same one)."""
    import os

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    try:
        return f'.\\" {GENERATED} {python_release()}\n' + _page()
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


GENERATED = "made by `python -m planner.manpage > man/planner.1` with Python"


def python_release() -> str:
    return ".".join(map(str, sys.version_info[:2]))


def _page() -> str:
    from argparse_manpage.manpage import Manpage

    from planner import __version__
    from planner.cli import build_parser

    parser = build_parser()
    _commands_section(parser)
    parser.man_short_description = SHORT  # type: ignore[attr-defined]
    page = Manpage(parser)
    page.source = f"planner {__version__}"
    page.manual = "planner manual"
    page.add_section("exit status", ">", EXIT_STATUS)
    page.add_section("environment", ">", ENVIRONMENT)
    page.add_section("in your shell", ">", SHELL)
    return str(page)


def _commands_section(parser: argparse.ArgumentParser) -> None:
    """The commands under COMMANDS (argparse files them as positional arguments), without
    `planner _complete-ids`: the completion scripts' helper is not for people."""
    for group in parser._action_groups:
        for action in group._group_actions:
            if isinstance(action, argparse._SubParsersAction):
                group.title = "commands"
                for name in [n for n in action.choices if n.startswith("_")]:
                    del action.choices[name]


if __name__ == "__main__":
    sys.stdout.write(manpage())
