"""What the widgets that draw their own lines in a ScrollView share (checklist, day summary)."""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Size
from textual.scroll_view import ScrollView


def wrap_width(view: ScrollView, too_tall: Callable[[int, int], bool]) -> int:
    """The width to wrap `view`'s lines to; 0 before its first layout.

    `too_tall(width, height)` says the lines overflow the view at `width`: a scrollbar is then
    sure to come, so they are wrapped once for the width it leaves, not again when it appears.
    """
    region = view.scrollable_content_region
    width = region.width
    if (
        width
        and not view.show_vertical_scrollbar
        and view.styles.overflow_y == "auto"
        and too_tall(width, region.height)
    ):
        width = max(width - view.styles.scrollbar_size_vertical, 1)
    return width


def set_line_count(view: ScrollView, width: int, count: int) -> None:
    """Size `view`'s scrollable area to `count` lines of `width` cells."""
    size = Size(width, count)
    if size != view.virtual_size:
        view.virtual_size = size
        view._scroll_update(size)  # as Textual's own OptionList does after a re-wrap
