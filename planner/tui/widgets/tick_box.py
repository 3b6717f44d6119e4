"""A yes-or-no box whose label wraps: '[✓] Did you feel or hear a pop…', readable without colour."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from planner.tui.widgets.hanging import Hanging

TICKED = Content.from_markup("[b $text-success]\\[✓][/] ")
UNTICKED = Content("[ ] ")


class TickBox(Widget, can_focus=True):
    """Space, enter or a click flips it; posts `TickBox.Changed`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "flip", "Tick or untick", show=False),
    ]
    DEFAULT_CSS = """
    TickBox { height: auto; width: 1fr; }
    """

    value: reactive[bool] = reactive(False)

    class Changed(Message):
        def __init__(self, box: TickBox, value: bool) -> None:
            super().__init__()
            self.box = box
            self.value = value

        @property
        def control(self) -> TickBox:
            return self.box

    def __init__(
        self, label: str, value: bool = False, *, id: str | None = None, classes: str = ""
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.set_reactive(TickBox.value, value)

    def _visual(self) -> Hanging:
        return Hanging(TICKED if self.value else UNTICKED, Content(self.label))

    def render(self) -> Hanging:
        return self._visual()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._visual().lines(width).plain.count("\n") + 1

    def action_flip(self) -> None:
        self.value = not self.value
        self.post_message(self.Changed(self, self.value))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_flip()
