"""What Week, History, Races, Profile and Import share: opened over Today, Escape goes back."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from planner.core.errors import PlannerError
from planner.tui.messages import DataChanged

if TYPE_CHECKING:
    from planner.service import Planner


class SectionScreen(Screen[None]):
    """A screen reached with a key from anywhere; one at a time sits over Today."""

    CSS_PATH = "screens.tcss"  # the styles of every screen but Today, read when first needed

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back", tooltip="Back to Today"),
    ]
    SECTION_ACTION = ""  # the App's action that opens this screen: its key is hidden here

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner

    def on_data_changed(self, _: DataChanged) -> None:
        self.reload()

    def reload(self) -> None:
        """Re-read what the screen shows from the service, keeping the cursor where it is."""

    def toast_error(self, error: PlannerError, title: str = "Could not read your data") -> None:
        """A service error is a toast, never a traceback."""
        self.notify(error.message, title=title, severity="error")
