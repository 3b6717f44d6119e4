"""`planner completion bash|zsh|fish` and the man page (issue 15, point 6): each script is made
and parses in its shell; in a real bash (and zsh, fish when installed) completing a command
line gives the commands, and the item and run ids of a data folder the test made; the hidden
`planner _complete-ids` never errs and never creates a folder; man/planner.1 is what the
parser makes now, and renders with every command in it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from clitools import Cli, tree_digest

from planner.cli import main

TODAY = "2026-11-28"  # as the `cli` fixture pins it
ROOT = Path(__file__).resolve().parents[2]
MAN_PAGE = ROOT / "man" / "planner.1"
COMMANDS = [
    "today", "plan", "status", "runs", "log", "check", "uncheck", "checkin", "race", "profile",
    "plan-file", "sync", "import", "completion",
]  # fmt: skip


def script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["completion", shell])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return out


@pytest.fixture
def planner_bin(tmp_path: Path) -> Path:
    """A `planner` on PATH that runs this checkout (the completion scripts call it)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    exe = folder / "planner"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m planner "$@"\n')
    exe.chmod(0o755)
    return folder


@pytest.fixture
def env(planner_bin: Path) -> dict[str, str]:
    path = os.pathsep.join([str(planner_bin), os.environ.get("PATH", "")])
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PATH": path, "PYTHONPATH": pythonpath}


@pytest.fixture
def day(cli: Cli) -> dict[str, list[str]]:
    """A data folder with a profile and hydration ticked: today's open and ticked item ids."""
    assert cli("profile", "set", "--age", "40")[0] == 0
    assert cli("check", "hydration")[0] == 0
    code, out, _ = cli("today", "--json")
    assert code == 0
    items = json.loads(out)["days"][0]["checklist"]
    open_ids = [i["id"] for i in items if not i["done"] and not i["withheld"]]
    assert "meal:recovery" in open_ids and "hydration" not in open_ids  # a real day, not empty
    return {"open": open_ids, "ticked": ["hydration"]}


# ---- the scripts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o bashdefault -F _planner planner"),
        ("zsh", "#compdef planner"),
        ("fish", "complete -c planner"),
    ],
)
def test_each_shell_gets_its_script(
    shell: str, marker: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = script(shell, capsys)
    assert marker in out
    assert " _complete-ids " in out  # the data folder's ids, for these:
    assert "_ids items-open" in out and "_ids runs-unrated" in out
    assert "checkin" in out and "--sleep-hours" in out  # commands and their options


def test_bash_script_parses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "planner.bash"
    path.write_text(script("bash", capsys))
    done = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_script_parses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "_planner"
    path.write_text(script("zsh", capsys))
    done = subprocess.run(["zsh", "-n", str(path)], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_script_parses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "planner.fish"
    path.write_text(script("fish", capsys))
    done = subprocess.run(["fish", "--no-execute", str(path)], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize("argv", [["completion", "tcsh"], ["completion"]])
def test_an_unknown_or_missing_shell_is_one_line_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("planner: ")
    assert "shell" in err


def test_completion_needs_no_data_folder(tmp_path: Path, env: dict[str, str]) -> None:
    missing = tmp_path / "nowhere"
    done = subprocess.run(
        ["planner", "--data", str(missing), "completion", "bash"], env=env, capture_output=True
    )
    assert done.returncode == 0 and b"_shtab_planner" in done.stdout
    assert not missing.exists()


def test_other_commands_never_import_shtab(cli: Cli, data: Path, env: dict[str, str]) -> None:
    assert cli("profile", "set", "--age", "40")[0] == 0
    code = (
        "import sys; from planner.cli import main;"
        f" main(['--data', {str(data)!r}, '--today', {TODAY!r}, 'today']);"
        " print('shtab' in sys.modules, 'planner.cli.shell' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "False True"  # registered, shtab not loaded


# ---- a real bash -----------------------------------------------------------------------

BASH_COMPLETE = r"""
source "$1"
line="$2"
read -ra COMP_WORDS <<<"$line"
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="$line"
COMP_POINT=${#line}
spec=$(complete -p planner)
function=$(sed -E 's/.* -F ([^ ]+) .*/\1/' <<<"$spec")
"$function" planner "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


def bash_complete(line: str, path: Path, env: dict[str, str]) -> list[str]:
    """What bash's programmable completion offers for `line` (the cursor at its end), as the
    function `complete -p planner` names gives it (COMP_WORDS split on blanks only)."""
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", BASH_COMPLETE, "bash", str(path), line],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [word for word in done.stdout.splitlines() if word]


@pytest.fixture
def bash_script(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    path = tmp_path / "planner.bash"
    path.write_text(script("bash", capsys))
    return path


def test_bash_completes_commands(bash_script: Path, env: dict[str, str]) -> None:
    assert bash_complete("planner ch", bash_script, env) == ["check", "checkin"]
    assert bash_complete("planner ", bash_script, env) == COMMANDS  # not the helper
    assert bash_complete("planner completion ", bash_script, env) == ["bash", "zsh", "fish"]
    assert "--sleep-hours" in bash_complete("planner checkin --", bash_script, env)


def test_bash_completes_todays_items(
    day: dict[str, list[str]], data: Path, bash_script: Path, env: dict[str, str]
) -> None:
    front = f"planner --data {data} --today {TODAY}"
    assert sorted(bash_complete(f"{front} check ", bash_script, env)) == sorted(day["open"])
    assert bash_complete(f"{front} uncheck ", bash_script, env) == day["ticked"]
    assert bash_complete(f"{front} check me", bash_script, env) == [
        i for i in day["open"] if i.startswith("me")
    ]
    # The app's options after the command count too.
    line = f"planner check --today {TODAY} --data {data} hyd"
    assert bash_complete(line, bash_script, env) == []  # ticked already: nothing to tick
    line = f"planner uncheck --today {TODAY} --data {data} hyd"
    assert bash_complete(line, bash_script, env) == ["hydration"]


def test_bash_completes_after_a_colon_as_readline_replaces_it(
    day: dict[str, list[str]], data: Path, bash_script: Path, env: dict[str, str]
) -> None:
    """bash splits `meal:re` at the colon and replaces only `re`: the rest of the id."""
    line = f"planner --data {data} --today {TODAY} check meal:re"
    assert bash_complete(line, bash_script, env) == ["recovery"]


def test_bash_completes_unrated_run_ids_for_rate(
    cli: Cli, data: Path, bash_script: Path, env: dict[str, str], tmp_path: Path
) -> None:
    assert cli("profile", "set", "--age", "40")[0] == 0
    assert cli("log", "--distance", "8km", "--duration", "40:00", "--rpe", "5")[0] == 0
    track = tmp_path / "run.gpx"
    track.write_bytes(gpx_run(datetime(2026, 11, 27, 7, 0, tzinfo=UTC), 3000, 10_000))
    assert cli("import", "--quiet", str(track))[0] == 0
    runs = json.loads(cli("runs", "--json")[1])["runs"]
    unrated = [r["id"] for r in runs if r["rpe_estimated"]]
    assert len(runs) == 2 and len(unrated) == 1  # the logged run has its rating
    line = f"planner --data {data} --today {TODAY} checkin --rate "
    assert bash_complete(line, bash_script, env) == [f"{unrated[0]}="]


def test_bash_completes_nothing_from_a_missing_folder(
    tmp_path: Path, bash_script: Path, env: dict[str, str]
) -> None:
    missing = tmp_path / "nowhere"
    assert bash_complete(f"planner --data {missing} check ", bash_script, env) == []
    assert not missing.exists()


# ---- the helper ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "planner --data {missing} check ",  # no folder: nothing, and none made
        "planner --data {data} --today 2026-99-99 check ",  # a bad date
        "planner --data {data} check --date 'unfinished",  # a quote left open
        "planner --data {data} --today {today} check --date tomorrow ",  # after today
    ],
)
def test_the_helper_never_errs(
    line: str, data: Path, day: dict[str, list[str]], tmp_path: Path, env: dict[str, str]
) -> None:
    missing = tmp_path / "nowhere"
    before = tree_digest(data)
    text = line.format(missing=missing, data=data, today=TODAY)
    done = subprocess.run(
        ["planner", "_complete-ids", "items-open", text], env=env, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not missing.exists() and tree_digest(data) == before


def test_the_helper_reads_the_line(
    data: Path, day: dict[str, list[str]], env: dict[str, str]
) -> None:
    line = f"planner --today={TODAY} check --data={data} "
    done = subprocess.run(
        ["planner", "_complete-ids", "items-open", line], env=env, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, day["open"], "")


@pytest.mark.parametrize("typo", ["ids", "id", "complete", "compleet", "_ids", "cids"])
def test_the_helper_is_hidden(typo: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "_complete" not in capsys.readouterr().out
    assert "_complete" not in MAN_PAGE.read_text()
    assert main([typo]) == 2
    assert "_complete" not in capsys.readouterr().err  # never "did you mean _complete-ids?"


# ---- zsh and fish, when installed ------------------------------------------------------


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_commands_and_items(
    day: dict[str, list[str]], data: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    env: dict[str, str],
) -> None:  # fmt: skip
    path = tmp_path / "planner.fish"
    path.write_text(script("fish", capsys))

    def complete(line: str) -> list[str]:
        fish = f"source {path}; complete -C {line!r}"
        done = subprocess.run(["fish", "--no-config", "-c", fish], env=env,
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert complete("planner ch") == ["check", "checkin"]
    front = f"planner --data {data} --today {TODAY}"
    assert sorted(complete(f"{front} check ")) == sorted(day["open"])
    assert complete(f"{front} uncheck ") == day["ticked"]


ZSH_TYPE = r"""
zmodload zsh/zpty || exit 3
zpty z 'zsh -f -i'
zpty -w z 'PS1="%% "; autoload -Uz compinit; compinit -u -D; source "$SCRIPT"; echo RE""ADY'
zpty -r -m z line '*READY*'
zpty -w -n z "$LINE"$'\t'
out=''
for i in {1..60}; do
  while zpty -r -t z chunk; do out+=$chunk; done
  [[ $out == *"$EXPECT"* ]] && break
  sleep 0.25
done
print -r -- "$out"
zpty -d z
"""


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completes_todays_items(
    day: dict[str, list[str]], data: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    env: dict[str, str],
) -> None:  # fmt: skip
    """A real interactive zsh on a pseudo-terminal (zpty): Tab after `check ` lists the open
    items, and not the ticked one."""
    path = tmp_path / "_planner"
    path.write_text(script("zsh", capsys))
    line = f"planner --data {data} --today {TODAY} check "
    zsh_env = {**env, "SCRIPT": str(path), "LINE": line, "EXPECT": "foam_rolling"}
    done = subprocess.run(["zsh", "-f", "-c", ZSH_TYPE], env=zsh_env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    if done.returncode == 3:
        pytest.skip("zsh has no zpty module")
    listed = done.stdout.split(line, 1)[-1]
    for item in day["open"]:
        assert item in listed, done.stdout
    assert "hydration" not in listed


# ---- the man page ----------------------------------------------------------------------


def _without_date(page: str) -> str:
    return re.sub(r'^(\.TH \S+ "\d+") "[^"]*"', r"\1 DATE", page, count=1, flags=re.M)


def test_the_man_page_is_up_to_date() -> None:
    """man/planner.1 is what `python -m planner.manpage` makes now (the date aside); after a
    change to a command or an option: python -m planner.manpage > man/planner.1"""
    from planner.manpage import GENERATED, manpage, python_release

    committed = MAN_PAGE.read_text()
    made_with = committed.splitlines()[0].rsplit(" ", 1)[-1]
    assert GENERATED in committed.splitlines()[0]
    if made_with != python_release():
        pytest.skip(f"the page was made with Python {made_with}; argparse words it differently")
    assert _without_date(manpage()) == _without_date(committed)


def _render(page: Path) -> str | None:
    env = {**os.environ, "MANWIDTH": "100", "MAN_KEEP_FORMATTING": "", "LC_ALL": "C.UTF-8"}
    renderers = (["man", "-P", "cat", "-l"], ["mandoc", "-T", "utf8"], ["groff", "-man", "-Tutf8"])
    for command in renderers:
        if shutil.which(command[0]):
            done = subprocess.run([*command, str(page)], env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            return re.sub(r".\x08", "", done.stdout)  # no overstrike bold
    return None


def test_the_man_page_renders_with_every_command() -> None:
    text = _render(MAN_PAGE)
    if text is None:
        pytest.skip("none of man, mandoc, groff is installed")
    assert "PLANNER(1)" in text and "planner manual" in text
    for command in COMMANDS:
        assert f"planner {command}\n" in text
        assert f"COMMAND 'planner {command}'" in text
    for section in ("EXIT STATUS", "ENVIRONMENT", "IN YOUR SHELL"):
        assert f"\n{section}\n" in text
    assert "--sleep-hours" in text and "PLANNER_DATA" in text


# ---- a run without a rating ------------------------------------------------------------


def gpx_run(start: datetime, seconds: int, metres: float, step_s: int = 30) -> bytes:
    """A GPX track due north at an even pace, as a watch writes it (no effort rating)."""
    points = max(seconds // step_s, 2)
    lat_step = metres / points / 111_194.93
    rows = []
    for i in range(points + 1):
        at = start + timedelta(seconds=i * seconds / points)
        rows.append(
            f'<trkpt lat="{48 + i * lat_step:.7f}" lon="11.0">'
            f"<time>{at.strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>running</type><trkseg>{''.join(rows)}</trkseg></trk></gpx>"
    ).encode()
