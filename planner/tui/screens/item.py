"""One checklist item whole: its dose, why it helps and where that comes from (enter on Today)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from planner.core.model import ChecklistItem
from planner.tui.widgets.checklist import tick_mark, withheld_reason
from planner.tui.widgets.key_footer import KeyFooter


class ItemScreen(ModalScreen[bool]):
    """Dismissed with True when the runner ticks (or unticks) the item from here."""

    CSS_PATH = "screens.tcss"  # the styles of every screen but Today, read when first needed
    DEFAULT_CSS = """
    ItemScreen { align: center middle; }
    #item-title { text-style: bold; margin-bottom: 1; }
    #item-body { height: auto; max-height: 100%; }
    #item-why, #item-source { margin-top: 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "Close", key_display="esc"),
        Binding("space", "tick", "Tick"),
    ]

    def __init__(self, item: ChecklistItem, *, planned: bool = False) -> None:
        super().__init__()
        self.item = item
        self.planned = planned

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(id="item-panel", classes="modal-panel"):
            yield Static(f"{tick_mark(item)} {item.title}", id="item-title", markup=False)
            with VerticalScroll(id="item-body"):
                text = withheld_reason(item) if item.withheld else item.detail
                yield Static(text, id="item-text", markup=False)
                if item.why:
                    yield Static(f"Why: {item.why}", id="item-why", markup=False)
                if item.source:
                    yield Static(f"Source: {item.source}", id="item-source", markup=False)
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tick":  # nothing on a projected day, or withheld, can be ticked
            return not (self.planned or self.item.withheld)
        return True

    def action_close(self) -> None:
        self.dismiss(False)

    def action_tick(self) -> None:
        self.dismiss(True)
