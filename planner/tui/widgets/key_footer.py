"""The footer of keys: one line drawn by one widget, tighter on a narrow terminal.

Textual's Footer composes a widget per key and composes them all again on every focus change,
each to be styled and laid out; this draws the same bar (the same keys, order, grouping, labels
and look, cell for cell) as one strip of segments (the Line API). Compact below 100 columns, so
the most used keys fit in 80.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual import events
    from textual.binding import Binding
    from textual.screen import Screen

COMPACT_BELOW = 100  # columns
SEPARATOR = "▏"  # before the palette key, as Footer's `border-left: vkey`

KEY = "key-footer--key"
DESCRIPTION = "key-footer--description"
DISABLED = "key-footer--disabled"
HOVER = "key-footer--hover"
RULE = "key-footer--separator"


@dataclass(frozen=True)
class FooterEntry:
    """A key a click presses."""

    key: str
    enabled: bool
    tooltip: str


class Part(NamedTuple):
    """A run of text of the bar: its component class, and the entry it belongs to (if any)."""

    text: str
    component: str = ""
    entry: int | None = None


class Box(NamedTuple):
    """What Textual's Footer lays out as a widget: margins (which collapse, as in a horizontal
    layout) around its text."""

    left: int
    right: int
    parts: list[Part]


def lay_out(boxes: list[Box]) -> list[Part]:
    """The boxes side by side; between two, the larger of the margins that meet."""
    parts: list[Part] = []
    previous: int | None = None
    for box in boxes:
        gap = box.left if previous is None else max(previous, box.left)
        if gap:
            parts.append(Part(" " * gap))
        parts.extend(box.parts)
        previous = box.right
    if previous:
        parts.append(Part(" " * previous))
    return parts


class KeyFooter(Widget):
    """The active screen's keys on one line, the command palette's key at the right.

    Picks, orders, groups and labels the bindings as Textual's `Footer`; disabled keys are dim;
    a click on a key presses it; hovering a key shows its tooltip.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {KEY, DESCRIPTION, DISABLED, HOVER, RULE}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--disabled {
            text-style: dim;
        }
        & > .key-footer--hover {
            background: $block-hover-background;
        }
        & > .key-footer--separator {
            color: $foreground 20%;
        }
    }
    """

    compact = reactive(False, toggle_class="-compact")
    """Less space around the keys (set below `COMPACT_BELOW` columns)."""
    show_command_palette = reactive(True)
    """Show the key of the command palette at the right."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._layout: tuple[list[Part], list[Part], list[FooterEntry]] | None = None
        self._spans: list[tuple[int, int, int]] = []  # cells (start, end) of each entry
        self._hover: int | None = None

    # ---- what it shows -------------------------------------------------------------------

    def _build(self) -> tuple[list[Part], list[Part], list[FooterEntry]]:
        """The keys (as Footer.compose picks them), the palette key, and what each press does."""
        app = self.app
        active_bindings = self.screen.active_bindings
        compact = self.compact
        entries: list[FooterEntry] = []

        def entry(binding: Binding, enabled: bool, tooltip: str) -> int:
            entries.append(FooterEntry(binding.key, enabled, tooltip))
            return len(entries) - 1

        def key_box(binding: Binding, enabled: bool, tooltip: str) -> Box:
            index = entry(binding, enabled, tooltip)
            display, description = app.get_key_display(binding), binding.description
            if compact:
                parts = [Part(display, KEY, index)]
                if description:
                    parts.append(Part(f" {description}", DESCRIPTION, index))
                return Box(0, 1, parts)
            if not description:
                return Box(0, 0, [Part(display, KEY, index)])
            return Box(
                0,
                0,
                [Part(f" {display} ", KEY, index), Part(f"{description} ", DESCRIPTION, index)],
            )

        # One key per action, the first bound; shown bindings only.
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active_bindings.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)

        boxes: list[Box] = []
        for group, same_group in groupby(first.values(), lambda shown: shown[0].group):
            shown = list(same_group)
            if group is None or len(shown) == 1:
                boxes.extend(key_box(*one) for one in shown)
                continue
            # A group: its keys alone, then its description once.
            margin = 0 if group.compact else 1
            keys = [
                Box(
                    margin,
                    margin,
                    [Part(app.get_key_display(b), KEY, entry(b, e, t or b.description))],
                )
                for b, e, t in shown
            ]
            inner = [Part(" ")] if group.compact else []
            boxes.append(Box(0, 1 if group.compact else 0, inner + lay_out(keys)))
            boxes.append(Box(0, 0 if compact else 1, [Part(group.description, DESCRIPTION)]))

        palette: list[Part] = []
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                index = entry(binding, enabled, binding.tooltip or binding.description)
                palette = [
                    Part(SEPARATOR, RULE, index),
                    Part(app.get_key_display(binding), KEY, index),
                ]
                if binding.description:
                    palette.append(Part(f" {binding.description}", DESCRIPTION, index))
                palette.append(Part(" ", "", index))
        return lay_out(boxes), palette, entries

    def _segments(self, parts: list[Part], entries: list[FooterEntry], blank: Style) -> Strip:
        """The parts as styled text (as FooterKey styles them); notes the cells of each entry."""
        segments: list[Segment] = []
        base = self.rich_style
        x = 0
        for text, component, index in parts:
            width = cell_len(text)
            if index is not None:
                self._spans.append((x, x + width, index))
            x += width
            if not component:
                segments.append(Segment(text, blank))
                continue
            style = base + self.get_component_rich_style(component)
            if index is not None and component != RULE:
                if index == self._hover:
                    style += Style(bgcolor=self.get_component_rich_style(HOVER).bgcolor)
                if not entries[index].enabled:
                    style += self.get_component_rich_style(DISABLED, partial=True)
            segments.append(Segment(text, style))
        return Strip(segments, x)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        blank = Style(bgcolor=self.rich_style.bgcolor)
        if y:
            return Strip.blank(width, blank)
        if self._layout is None:
            self._layout = self._build()
        keys, palette, entries = self._layout
        self._spans = []
        right = self._segments(palette, entries, blank)
        room = max(0, width - right.cell_length)
        right_spans, self._spans = self._spans, []
        left = self._segments(keys, entries, blank).adjust_cell_length(room, blank)
        # Keys past the room are hidden under the palette, as in Footer: not clickable either.
        self._spans = [(s, min(e, room), i) for s, e, i in self._spans if s < room]
        self._spans += [(s + room, e + room, i) for s, e, i in right_spans]
        return Strip.join([left, right]).crop(0, width)

    def _invalidate(self) -> None:
        self._layout = None
        self._set_hover(None)
        self.refresh()

    # ---- when it changes -----------------------------------------------------------------

    def on_mount(self) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW

    def _watch_compact(self) -> None:
        self._invalidate()

    def _watch_show_command_palette(self) -> None:
        self._invalidate()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild)

    def _rebuild(self) -> None:
        """Draw again if the keys changed (a focus change often leaves them as they were)."""
        if not self.is_attached:
            return
        layout = self._build()
        if layout != self._layout:
            self._layout = layout
            self._set_hover(None)
            self.refresh()

    # ---- the mouse ------------------------------------------------------------------------

    def _entry_at(self, x: int) -> int | None:
        return next((index for start, end, index in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key clicked, as Footer's FooterKey does; a disabled one rings the bell."""
        index = self._entry_at(event.x)
        if index is None or self._layout is None:
            return
        entry = self._layout[2][index]
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def _set_hover(self, index: int | None) -> None:
        """Highlight the key under the mouse; its tooltip is the bar's."""
        if index != self._hover:
            self._hover = index
            self.refresh()
        entries = [] if self._layout is None else self._layout[2]
        tooltip = entries[index].tooltip if index is not None and index < len(entries) else ""
        if self.tooltip != (tooltip or None):
            self.tooltip = tooltip or None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._entry_at(event.x))

    def on_leave(self, _: events.Leave) -> None:
        self._set_hover(None)
