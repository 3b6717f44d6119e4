"""The footer of keys, tighter on a narrow terminal so the most used keys all fit in 80 columns."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

COMPACT_BELOW = 100  # columns


class KeyFooter(Footer):
    """Textual's footer, compact below 100 columns."""

    def on_mount(self) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
