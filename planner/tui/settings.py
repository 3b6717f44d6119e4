"""Display choices kept between starts (the theme), as posting keeps its own: a small TOML file
in the app's config dir (~/.config/planner/tui.toml), and an environment variable that wins
over it (PLANNER_THEME=textual-light). Not health data, but private like the rest (0600)."""

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


def config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "tui.toml"


def load_choices() -> DisplayChoices:
    """What the runner chose last time; a missing or unreadable file is no choice."""
    theme: str | None = None
    with contextlib.suppress(OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        saved = tomli.loads(config_file().read_text(encoding="utf-8"))
        value = saved.get("theme")
        theme = value if isinstance(value, str) and value else None
    return DisplayChoices(theme=os.environ.get(THEME_ENV) or theme)


def save_choices(choices: DisplayChoices) -> None:
    """Keep the choices for the next start; a read-only config dir costs only the memory."""
    table = {"theme": choices.theme} if choices.theme else {}
    with contextlib.suppress(OSError, PlannerError):
        path = config_file()
        ensure_private_dir(path.parent)
        write_private(path, tomli_w.dumps(table).encode("utf-8"))
