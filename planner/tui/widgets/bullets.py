"""A bulleted list whose wrapped lines hang clear of the bullet, at any width."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from planner.tui.widgets.hanging import Hanging


def bullet_lines(lines: Sequence[str], bullet: str, width: int) -> Content:
    mark = Content(f"{bullet} ")
    return Content("\n").join(Hanging(mark, Content(line)).lines(width) for line in lines)


class Bullets(Widget):
    """Reasons or warnings, one bullet each; hidden while there are none."""

    DEFAULT_CSS = """
    Bullets { height: auto; }
    """

    lines: reactive[tuple[str, ...]] = reactive((), layout=True)

    def __init__(self, bullet: str, lines: Sequence[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bullet = bullet
        self.set_reactive(Bullets.lines, tuple(lines))
        self.display = bool(lines)

    def watch_lines(self, lines: tuple[str, ...]) -> None:
        self.display = bool(lines)

    def render(self) -> Content:
        return bullet_lines(self.lines, self.bullet, self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return bullet_lines(self.lines, self.bullet, width).plain.count("\n") + 1
