"""A row of numbers to pick one from (soreness 0-10, effort 1-10): arrows, digits or a click."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

CELL = 4  # " 10 " fits


class Scale(Widget, can_focus=True):
    """`value` is None until the runner picks; posts `Scale.Changed` on every pick."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "step(-1)", "Less", show=False),
        Binding("right,plus,equals_sign", "step(1)", "More", show=False),
    ]
    DEFAULT_CSS = """
    Scale { height: 1; width: auto; }
    """

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, scale: Scale, value: int) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> Scale:
            return self.scale

    def __init__(
        self, low: int, high: int, value: int | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.low = low
        self.high = high
        self.set_reactive(Scale.value, value)

    def render(self) -> Content:
        cells = []
        for number in range(self.low, self.high + 1):
            text = f"{number:^{CELL}}"
            if number == self.value:
                text = f"[{number}]".center(CELL)
                cells.append(Content.styled(text, "bold reverse"))
            else:
                cells.append(Content(text))
        return Content("").join(cells)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return CELL * (self.high - self.low + 1)

    def pick(self, value: int) -> None:
        self.value = min(max(value, self.low), self.high)
        self.post_message(self.Changed(self, self.value))

    def action_step(self, delta: int) -> None:
        start = self.value if self.value is not None else (self.low if delta > 0 else self.high)
        self.pick(start + delta if self.value is not None else start)

    def on_key(self, event: events.Key) -> None:
        # A digit picks that number; 1 then 0 within the scale picks 10.
        if event.character is not None and event.character.isdigit():
            event.stop()
            digit = int(event.character)
            if digit == 0 and self.value == 1 and self.high >= 10:
                self.pick(10)
            elif self.low <= digit <= self.high:
                self.pick(digit)

    def on_click(self, event: events.Click) -> None:
        self.focus()
        self.pick(self.low + event.x // CELL)
