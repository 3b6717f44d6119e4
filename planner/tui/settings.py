"""Display choices kept between starts (the theme), as posting keeps its own: a small TOML file
in the app's config dir (~/.config/planner/tui.toml), and an environment variable that wins
over it (PLANNER_THEME=textual-light). The day the disclaimer was last said is kept there too,
so Today says it once a day. Not health data, but private like the rest (0600)."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import tomli
import tomli_w

from planner.core.errors import PlannerError
from planner.store.atomic import write_private
from planner.store.paths import APP, ensure_private_dir

THEME_ENV = "PLANNER_THEME"


@dataclass(frozen=True)
class DisplayChoices:
    theme: str | None = None
    disclaimer_said: str | None = None  # the day (ISO) Today last said the disclaimer


def config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "tui.toml"


def _saved() -> dict[str, str]:
    """The file's choices; a missing or unreadable file (or a value not a string) is none."""
    with contextlib.suppress(OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        saved = tomli.loads(config_file().read_text(encoding="utf-8"))
        return {key: value for key, value in saved.items() if isinstance(value, str) and value}
    return {}


def load_choices() -> DisplayChoices:
    """What the runner chose last time, the environment's theme first."""
    saved = _saved()
    theme = os.environ.get(THEME_ENV) or saved.get("theme")
    return DisplayChoices(theme=theme, disclaimer_said=saved.get("disclaimer_said"))


def save_choice(key: str, value: str | None) -> None:
    """Keep one choice for the next start, the others as the file has them (not as the
    environment overrode them); a read-only config dir costs only the memory."""
    table = _saved()
    if value:
        table[key] = value
    else:
        table.pop(key, None)
    with contextlib.suppress(OSError, PlannerError):
        path = config_file()
        ensure_private_dir(path.parent)
        write_private(path, tomli_w.dumps(table).encode("utf-8"))
