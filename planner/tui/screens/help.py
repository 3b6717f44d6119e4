"""The key help: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from planner.core.wording import DISCLAIMER
from planner.tui.widgets.key_footer import KeyFooter


def own_bindings(nodes: Iterable[DOMNode]) -> list[Binding]:
    """The keys planner's own classes bind, leaving out Textual's scrolling and focus keys."""
    bindings: list[Binding] = []
    for node in nodes:
        for cls in type(node).__mro__:
            if cls.__module__.startswith("planner.") and "BINDINGS" in vars(cls):
                bindings.extend(Binding.make_bindings(vars(cls)["BINDINGS"]))
    return bindings


def key_rows(
    bindings: Iterable[Binding], display: Callable[[Binding], str]
) -> list[tuple[str, str]]:
    """One row per description, its keys joined ('j / ↓'), in the order the bindings came."""
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        if not binding.description or binding.system:
            continue
        keys = rows.setdefault(binding.description, [])
        key = display(binding)
        if key not in keys:
            keys.append(key)
    return [(" / ".join(keys), description) for description, keys in rows.items()]


def key_table(rows: Sequence[tuple[str, str]]) -> Content:
    width = max((len(keys) for keys, _ in rows), default=0)
    lines = [
        Content.from_markup("[b $accent]$keys[/]  $what", keys=keys.rjust(width), what=what)
        for keys, what in rows
    ]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; escape, ? or q closes it."""

    CSS_PATH = "screens.tcss"  # the styles of every screen but Today, read when first needed

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", key_display="esc"),
    ]

    def __init__(
        self, rows: Sequence[tuple[str, str]], everywhere: Sequence[tuple[str, str]] = ()
    ) -> None:
        super().__init__()
        self.rows = rows
        self.everywhere = everywhere

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel") as panel:
            panel.border_title = "Keys"
            panel.border_subtitle = "esc, ? or q to close"
            with Horizontal(id="help-columns"):
                with Vertical(classes="help-column"):
                    yield Static("On this screen", classes="help-heading")
                    yield Static(key_table(self.rows), id="help-keys")
                if self.everywhere:
                    with Vertical(classes="help-column"):
                        yield Static("Everywhere", classes="help-heading")
                        yield Static(key_table(self.everywhere), id="help-everywhere")
            yield Static(DISCLAIMER, id="help-disclaimer", markup=False)
        yield KeyFooter()  # the dialog's own keys, not those of the screen below
