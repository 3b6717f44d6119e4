"""The App's keys, one table for the footer, the key help and the command palette."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode

from planner.tui.screens.help import own_bindings


@dataclass(frozen=True)
class GlobalKey:
    """A key that works on every screen past onboarding (modals close with Escape instead)."""

    key: str
    action: str
    title: str  # the footer's word and the palette's name
    help: str  # the palette's line under it
    show: bool = False  # in the footer as well as in help and the palette


GLOBAL_KEYS: tuple[GlobalKey, ...] = (
    GlobalKey("t", "today", "Today", "Show today's plan and checklist"),
    GlobalKey("c", "checkin", "Check-in", "Morning check-in: soreness, red flags, rate runs", True),
    GlobalKey("w", "week", "Week", "The past 7 days and the next 7", True),
    GlobalKey("H", "history", "History", "Runs, fitness and fatigue, days completed"),
    GlobalKey("L", "log_run", "Log run", "Log a run by hand"),
    GlobalKey("i", "import_runs", "Import", "Import runs from a file or a folder"),
    GlobalKey("r", "races", "Races", "Upcoming races: add one, see its taper"),
    GlobalKey("p", "profile", "Profile", "Age, weight, units, heart rate and other settings"),
    GlobalKey("s", "sync", "Sync", "Sync with your other machines over SSH"),
    GlobalKey("question_mark", "help", "Keys", "List every key of this screen", True),
    GlobalKey("q", "quit", "Quit", "Quit planner", True),
)
# Actions that need a runner (not on onboarding) and are not offered over a modal.
NAVIGATION = frozenset(key.action for key in GLOBAL_KEYS) - {"help"}


def global_bindings() -> list[Binding]:
    return [
        Binding(key.key, key.action, key.title, show=key.show, tooltip=key.help)
        for key in GLOBAL_KEYS
    ]


def global_commands(app: App[int], allowed: Iterable[str]) -> Iterator[SystemCommand]:
    """The App's keys as palette commands, the allowed ones only."""
    permitted = set(allowed)
    for key in GLOBAL_KEYS:
        if key.action in permitted:
            yield SystemCommand(key.title, key.help, partial(app.run_action, key.action))


def screen_commands(app: App[int], nodes: Iterable[DOMNode]) -> Iterator[SystemCommand]:
    """The keys of a screen and its focused widget that carry a tooltip, as palette commands.

    A tooltip marks a binding worth a palette entry; cursor keys have none.
    """
    seen: set[str] = set()
    for node in nodes:
        for binding in own_bindings([node]):
            if not binding.tooltip or binding.description in seen:
                continue
            if node.check_action(binding.action, ()) is False:
                continue
            seen.add(binding.description)
            key = app.get_key_display(binding)
            help_text = f"{binding.tooltip}  ({key})"
            yield SystemCommand(
                binding.description, help_text, partial(app.run_action, binding.action, node)
            )
