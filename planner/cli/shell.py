"""`planner completion bash|zsh|fish`: a shell completion script, made by shtab from the same
parser the command line uses; and `planner _complete-ids KIND LINE`, the hidden helper the
scripts call for what only the data folder knows (today's item ids, unrated run ids, race ids).

Both run as `data_handler`s: no fold, no plan, no service imports, unless the helper is asked
for ids from a data folder. shtab is imported inside the handler, so registering the command
costs the other commands nothing. The helper prints one id a line and exits 0 whatever goes
wrong (a missing data folder, a bad file, a half-typed line): a completion that cannot help
stays quiet, it never prints an error into the runner's prompt, and it never creates a data
folder.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import Any

SHELLS = ("bash", "zsh", "fish")

# (command path, dest) -> what completes it: a helper KIND (ids from the data folder), "DIR" or
# "FILE" (the shell's own), or a tuple of fixed words. The path "" is the app's own options.
# Every entry must name a real argument: `planner completion` fails loudly if one does not, so
# a renamed option cannot silently lose its completion (tests/cli/test_completion.py runs it).
COMPLETES: dict[tuple[str, str], str | tuple[str, ...]] = {
    ("", "data"): "DIR",
    ("check", "items"): "items-open",
    ("uncheck", "items"): "items-ticked",
    ("checkin", "rate"): "runs-unrated",
    ("checkin", "flag"): "flags",
    ("checkin", "no_flag"): "flags",
    ("checkin", "cleared"): "flags",
    ("race remove", "id"): "races",
    ("import", "undo"): "imports",
    ("import", "paths"): "FILE",
    ("plan-file show", "name"): "plans",
    ("plan-file add", "path"): "FILE",
    ("profile set", "plan"): "plans",
    ("profile set", "inbox"): "DIR",
    ("profile set", "units"): ("metric", "imperial"),
    ("profile set", "sex"): ("f", "m", "x"),
    ("profile set", "ice_bath"): ("yes", "no"),
    ("profile set", "hr_unreliable"): ("yes", "no"),
}
KINDS = ("items-open", "items-ticked", "runs-unrated", "flags", "races", "imports", "plans")

USAGE = (
    'bash: eval "$(planner completion bash)" in ~/.bashrc; zsh: eval "$(planner completion'
    ' zsh)" in ~/.zshrc after compinit; fish: planner completion fish >'
    " ~/.config/fish/completions/planner.fish"
)


def register(sub: Any) -> None:
    completion = sub.add_parser(
        "completion",
        help="print a shell completion script: bash, zsh or fish",
        description="Print a script that completes planner's commands, options, and today's"
        " checklist items and run ids (read from the data folder as you type).",
        epilog=USAGE,
    )
    completion.add_argument("shell", choices=SHELLS, help="bash, zsh or fish")
    completion.set_defaults(data_handler=cmd_completion)
    # No help=: argparse leaves it out of `planner --help` and shtab out of the completions
    # (planner/manpage.py drops it from the page). The name is long so that no typo of a real
    # command is answered with "did you mean _complete-ids?". LINE: the command line so far.
    ids = sub.add_parser("_complete-ids", add_help=False)
    ids.add_argument("kind")
    ids.add_argument("line", nargs=argparse.REMAINDER)
    ids.set_defaults(data_handler=cmd_ids)


# ---- the script ------------------------------------------------------------------------


def cmd_completion(args: argparse.Namespace) -> int:
    print(completion_script(args.shell))
    return 0


def completion_script(shell: str) -> str:
    import shtab

    from planner.cli import build_parser

    parser = build_parser()  # its own copy: the marks below change it for the script only
    for (path, dest), what in COMPLETES.items():
        action = _action(parser, path, dest)
        if isinstance(what, tuple):
            action.choices = what  # fixed words; this parser only writes the script
        elif what == "DIR":
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
        elif what == "FILE":
            action.complete = shtab.FILE  # type: ignore[attr-defined]
        else:
            action.complete = {sh: _function(sh, what) for sh in SHELLS}  # type: ignore[attr-defined]
    script: str = shtab.complete(parser, shell=shell, preamble=PREAMBLE[shell])
    if shell == "zsh":
        # shtab's script registers itself when eval'ed and otherwise runs as the completion
        # function (autoloaded from $fpath as _planner); sourced from a file it must register
        # too, or `source ~/.planner.zsh` in .zshrc would complete nothing.
        if ZSH_EVAL not in script:
            raise LookupError("completion: shtab's zsh script changed; see ZSH_EVAL")
        script = script.replace(ZSH_EVAL, ZSH_EVAL_OR_SOURCE)
    return script.rstrip("\n") + "\n" + AFTER.get(shell, "")


ZSH_EVAL = "if [[ $zsh_eval_context[-1] == eval ]]; then"
ZSH_EVAL_OR_SOURCE = "if [[ $zsh_eval_context[-1] == (eval|file) ]]; then"


def _action(parser: argparse.ArgumentParser, path: str, dest: str) -> argparse.Action:
    for word in path.split():
        parser = _subcommands(parser)[word]
    for action in parser._actions:
        if action.dest == dest:
            return action
    raise LookupError(f"completion: planner {path} has no argument {dest!r}")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _function(shell: str, kind: str) -> str:
    name = "_planner_" + kind.replace("-", "_")
    return f"({name})" if shell == "fish" else name


def _functions(template: str) -> str:
    return "\n".join(template.format(name=kind.replace("-", "_"), kind=kind) for kind in KINDS)


# Each shell hands the helper the command line up to the cursor as one word; the helper splits
# it as a shell would and reads --data, --today and --date from it (`planner --data ~/x check
# <TAB>` completes the items of ~/x). bash runs the planner being completed (COMP_WORDS[0]).
_BASH = """\
_planner_ids() {  # $1: what to list
  # The word as typed, from the line: bash splits `meal:rec` at the colon (COMP_WORDBREAKS);
  # what it replaces is the part after the colon, so that is what is offered.
  local planner="${COMP_WORDS[0]/#\\~/$HOME}" line="${COMP_LINE:0:COMP_POINT}" IFS=$'\\n' id
  local word="${line##*[[:space:]]}"
  local ids; ids=$(command "$planner" _complete-ids "$1" "$line" 2>/dev/null)
  for id in $(compgen -W "$ids" -- "$word"); do
    [[ $word == *:* ]] && id="${id#"${word%:*}":}"
    printf '%s\\n' "$id"
  done
}
""" + _functions('_planner_{name}() {{ _planner_ids {kind} "$1"; }}')

_ZSH = """\
_planner_ids() {  # $1: what to list; a run id is completed up to its =
  local -a ids
  ids=(${(f)"$(command planner _complete-ids $1 "$LBUFFER" 2>/dev/null)"})
  if [[ $1 == runs-unrated ]]; then compadd -S '=' -a ids; else compadd -a ids; fi
}
""" + _functions("_planner_{name}() {{ _planner_ids {kind} }}")

_FISH = """\
function __planner_ids --description 'ids for planner completion'
    command planner _complete-ids $argv[1] (commandline -cp | string collect) 2>/dev/null
end
""" + _functions("function _planner_{name}\n    __planner_ids {kind}\nend")

PREAMBLE = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}

# bash adds a space after a completed word; a run id for --rate is completed up to its `=`
# (r-1a2b=), where the rating follows at once. shtab's function is wrapped for that.
AFTER = {
    "bash": """
_planner() {
  _shtab_planner "$@"
  if [[ ${#COMPREPLY[@]} -gt 0 && ${COMPREPLY[0]} == *= ]]; then
    compopt -o nospace 2>/dev/null
  fi
  return 0
}
complete -o bashdefault -F _planner planner
"""
}


# ---- the ids ---------------------------------------------------------------------------


def cmd_ids(args: argparse.Namespace) -> int:
    """`planner _complete-ids KIND LINE`: one id a line; nothing, and exit 0, on any trouble."""
    try:
        lines = list(ids(args.kind, " ".join(args.line), args.data, args.today))
    except Exception:  # a completion never errs: it offers nothing
        return 0
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


def ids(kind: str, line: str, data: str | None = None, today: str | None = None) -> Iterator[str]:
    """The ids of `kind` for the data folder (and day) the command line `line` names; `data`
    and `today` (the helper's own --data and --today) when the line names none."""
    from planner.store.paths import resolve_data_dir

    line_data, line_today, day, demo = _options(_command_words(line))
    data, today = line_data or data, line_today or today
    if demo or kind not in KINDS:
        return
    folder = resolve_data_dir(data)
    if not folder.is_dir():
        if kind == "plans":
            from planner.planfiles import builtin_plan_names

            yield from builtin_plan_names()
        return  # never create a data folder to complete a word
    yield from _from_folder(kind, str(folder), today, day)


def _from_folder(kind: str, folder: str, today: str | None, day: str | None) -> Iterator[str]:
    from planner.core.units import parse_date, parse_day
    from planner.service import Planner

    pinned = today or _env_today()
    planner = Planner.open(folder, today=parse_date(pinned, "--today") if pinned else None)
    when = parse_day(day, planner.today()) if day else None
    if kind in ("items-open", "items-ticked"):
        ticked = kind == "items-ticked"
        checklist = planner.day(planner.tickable(when)).checklist
        yield from (i.id for i in checklist if i.done == ticked and not i.withheld)
    elif kind == "runs-unrated":
        yield from (f"{run.id}=" for run, _ in reversed(planner.unrated_runs(when)))
    elif kind == "flags":
        yield from (flag.id for flag in planner.rules().red_flags.flags)
    elif kind == "races":
        yield from (race.id for race in planner.races())
    elif kind == "imports":
        yield from (info.import_id for info in planner.imports())
    elif kind == "plans":
        yield from planner.plan_files()


def _env_today() -> str | None:
    import os

    return os.environ.get("PLANNER_TODAY") or None


def _command_words(line: str) -> list[str]:
    """The words of the last command in `line` (after `;`, `&&`, `|`...), split as the shell
    does; an unfinished quote is closed. The first word (the program) is dropped."""
    import shlex

    for closing in ("", '"', "'"):
        try:
            lexer = shlex.shlex(line + closing, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            words = list(lexer)
            break
        except ValueError:
            continue
    else:
        return []
    start = max((i + 1 for i, w in enumerate(words) if w and set(w) <= set(";&|()")), default=0)
    return words[start + 1 :]


def _options(words: Iterable[str]) -> tuple[str | None, str | None, str | None, bool]:
    """--data, --today and --date (the last of each, as argparse keeps it), and --demo."""
    from planner.cli import APP_OPTIONS

    found: dict[str, str] = {}
    demo = False
    listed = list(words)
    for i, word in enumerate(listed):
        name, equals, value = word.partition("=")
        if name in (*APP_OPTIONS, "--date"):
            if equals:
                found[name] = value
            elif i + 1 < len(listed):
                found[name] = listed[i + 1]
        demo = demo or word == "--demo"
    return found.get("--data"), found.get("--today"), found.get("--date"), demo
