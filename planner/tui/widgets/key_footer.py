"""The footer of keys: Textual's Footer, composed again only when the keys it shows change.

Textual's `Footer` composes a widget per key, and composes them all again after every bindings
refresh: twice on each focus change in this app, about 18 ms of the app's loop each for
Today's eight keys. Most focus changes leave the keys as they were (the next field of a form
has the same keys), so this one compares first (0.2 ms) and composes once when they differ,
not at all when they do not (tests/functional/test_key_footer.py counts). Two more changes:
it composes its keys at once on the first refresh, where Footer waits a frame (so a screen's
first frame, the one the start-up benchmark times, has its keys), and it is compact below
`COMPACT_BELOW` columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual import events
    from textual.app import ComposeResult
    from textual.screen import Screen

COMPACT_BELOW = 100  # columns

# What Footer.compose builds from: each binding shown, enabled or not, its tooltip, its key
# as shown; the command palette's last.
Keys = tuple[tuple[Binding, bool, str, str], ...]


class KeyFooter(Footer):
    """The active screen's keys on one line, the command palette's key at the right."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        # Footer.compose yields nothing until the first bindings refresh: so as to know whether
        # it did, this notes that refresh too.
        self.bindings_known = False
        self.composed: Keys | None = None  # the keys of the children, once composed

    def shown_keys(self) -> Keys:
        """What Footer.compose reads of the bindings: the same keys compose the same widgets."""
        app = self.app
        active = self.screen.active_bindings
        keys = [
            (binding, enabled, tooltip, app.get_key_display(binding))
            for _node, binding, enabled, tooltip in active.values()
            if binding.show
        ]
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and palette is not None:
            _node, binding, enabled, tooltip = palette
            keys.append((binding, enabled, tooltip, app.get_key_display(binding)))
        return tuple(keys)

    def compose(self) -> ComposeResult:
        self.composed = self.shown_keys() if self.bindings_known else None
        yield from super().compose()

    async def recompose(self) -> None:
        """Compose again, unless the keys are those the children already show."""
        if self.composed is not None and self.is_attached and self.shown_keys() == self.composed:
            return
        await super().recompose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        first = not self.bindings_known
        self.bindings_known = True
        super().bindings_changed(screen)  # recomposes after the next frame
        if first and self.is_attached and screen is self.screen:
            self.call_next(self.recompose)  # before it: the screen's first frame has the keys

    def on_mount(self) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
