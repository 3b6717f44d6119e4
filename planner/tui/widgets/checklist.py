"""The day's checklist: items grouped by when they happen, ticked with space or enter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.geometry import Region
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from planner.core.model import ChecklistItem
from planner.tui.widgets.hanging import Hanging
from planner.tui.widgets.line_scroll import set_line_count, wrap_width

# The order a runner meets them in the day; an unknown `when` falls into "any".
GROUPS: tuple[tuple[str, str], ...] = (
    ("before_run", "Before the run"),
    ("after_run", "After the run"),
    ("with_meals", "With meals"),
    ("evening", "Evening"),
    ("any", "Any time"),
)
_KNOWN_WHEN = {when for when, _ in GROUPS}
_PAD = 1  # a blank column either side of every line, inside the cursor's bar


def group_of(item: ChecklistItem) -> str:
    return item.when if item.when in _KNOWN_WHEN else "any"


def in_day_order(items: Sequence[ChecklistItem]) -> list[ChecklistItem]:
    """Items sorted by group, keeping the plan's order within a group."""
    rank = {when: index for index, (when, _) in enumerate(GROUPS)}
    return sorted(items, key=lambda item: rank[group_of(item)])


def tick_mark(item: ChecklistItem) -> str:
    return "⊘" if item.withheld else "✓" if item.done else "○"


def withheld_reason(item: ChecklistItem) -> str:
    """Why an item is withheld: the plan puts that in its detail."""
    return item.detail or item.why or "Not advised today."


def item_prompt(item: ChecklistItem) -> Hanging:
    """The mark in a column of its own, then the title and the dose (or why it is withheld).

    In markup: "[dim]○[/] " then "[b]title[/b]\\n[dim]detail[/dim]"; a ticked item has a
    "[b $text-success]✓[/]" and a plain title; a withheld one is all dim, "⊘", the title
    struck through, then "  [i](withheld)[/i]" and why. The spans are built here directly:
    parsing markup for every item was a millisecond of the first paint.
    """
    mark_style = "b $text-success" if item.done and not item.withheld else "dim"
    mark = Content(f"{tick_mark(item)} ", [Span(0, 1, mark_style)])
    end = len(item.title)
    if item.withheld:
        text = f"{item.title}  (withheld)\n{withheld_reason(item)}"
        spans = [(0, len(text), "dim"), (0, end, "s"), (end + 2, end + 12, "i")]
    else:
        text = f"{item.title}\n{item.detail}"
        spans = [] if item.done else [(0, end, "b")]
        spans.append((end + 1, len(text), "dim"))
    return Hanging(mark, Content(text, [Span(*span) for span in spans if span[0] < span[1]]))


def checklist_rows(ordered: Sequence[ChecklistItem]) -> list[tuple[ChecklistItem | None, Hanging]]:
    """Group headings (no item, so the cursor skips them) each followed by its items' prompts."""
    rows: list[tuple[ChecklistItem | None, Hanging]] = []
    for when, heading in GROUPS:
        group = [item for item in ordered if group_of(item) == when]
        if group:
            rows.append((None, Hanging(Content(), Content(heading))))
            rows.extend((item, item_prompt(item)) for item in group)
    return rows


class Checklist(ScrollView, can_focus=True):
    """The checklist of one day; posts `TickRequested` and leaves the writing to the screen.

    A Line API widget, kept for the first paint: it saves 7-8 ms of Today's warm first paint
    against a 150-line subclass of Textual's OptionList drawing the same cells (headings as
    disabled options; all 58 snapshots and the functional tests passed unchanged). Measured:
    bench/first_paint.py's app timed in its process from construction to its first frame,
    100 runs in turns with the OptionList version: median difference +7.1 ms CPU (95%
    interval +6.4 to +8.5), +8.2 ms on a busier machine (150 runs). `bench/run.py --quick`
    cannot resolve it (0.05x from run to run): first_paint_warm 1.22x here, 1.23x with the
    OptionList, medians of 6 interleaved runs, against a 1.2x target. The OptionList spends
    it on its default CSS (1.5 ms to parse), on wrapping every item twice (at the full
    width, then again once the scrollbar shows, where this widget leaves the scrollbar's
    column at once when the lines cannot fit) and on its per-option rendering. Its styles
    are its component classes', in app.tcss.
    """

    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick"),
        Binding("enter", "tick", "Tick", show=False, key_display="enter"),
        Binding("j,down", "cursor_down", "Next item", show=False),
        Binding("k,up", "cursor_up", "Previous item", show=False),
        Binding("home", "first", "First item", show=False),
        Binding("end", "last", "Last item", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]
    # Few component classes (styled in app.tcss): every one costs a pass over the stylesheet
    # each time the widget's styles are worked out (four times before the first paint).
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "checklist--heading",
        "checklist--cursor",
        "checklist--hover",
    }

    class TickRequested(Message):
        """The runner asked to tick or untick `item`."""

        def __init__(self, item: ChecklistItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, items: Sequence[ChecklistItem] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hover: int | None = None  # the row under the mouse
        self._cursor: int | None = None  # a position in `items`
        self._set_items(items)
        self._cursor = 0 if self._items else None

    def _set_items(self, items: Sequence[ChecklistItem]) -> None:
        self._rows = checklist_rows(in_day_order(items))  # headings and items, as shown
        self._row_of = [row for row, (item, _) in enumerate(self._rows) if item is not None]
        self._items = tuple(item for item, _ in self._rows if item is not None)
        self._cursor = None
        self._position = {item.id: position for position, item in enumerate(self._items)}
        self._wrapped: int | None = None  # the width the lines are wrapped for
        self._lines: list[tuple[int, Content]] = []  # (row, its text) per line
        self._starts: list[int] = [0]  # each row's first line, then the line count
        self._fewest_lines = sum(prompt.text.plain.count("\n") + 1 for _, prompt in self._rows)

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """The items in the order shown."""
        return self._items

    @property
    def highlighted(self) -> int | None:
        """The cursor's row, headings counted (as OptionList's `highlighted` was)."""
        return None if self._cursor is None else self._row_of[self._cursor]

    @property
    def highlighted_item(self) -> ChecklistItem | None:
        return None if self._cursor is None else self._items[self._cursor]

    def highlight_item(self, item_id: str) -> None:
        """Put the cursor on the item `item_id`; a KeyError if it is not on the list."""
        self._move(self._position[item_id])

    def show_items(self, items: Sequence[ChecklistItem]) -> None:
        """Show a day's items, keeping the cursor on the same item id when it is there."""
        keep = self.highlighted_item
        self._set_items(items)
        self._hover = None
        self.refresh()
        if keep is not None and keep.id in self._position:
            self._move(self._position[keep.id])
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
            self._move(0 if self._items else None)

    # ---- the cursor ---------------------------------------------------------------------

    def _move(self, position: int | None) -> None:
        old, self._cursor = self.highlighted, position
        if old is not None:
            self._refresh_row(old)
        if position is not None:
            self._refresh_row(self._row_of[position])
            self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        row = self.highlighted
        if row is None or not self._wrap():
            return
        top, end = self._starts[row], self._starts[row + 1]
        region = Region(0, top, self.scrollable_content_region.width, end - top)
        self.scroll_to_region(region, force=True, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        if self._cursor is not None:  # round to the first from the last, as OptionList did
            self._move((self._cursor + 1) % len(self._items))

    def action_cursor_up(self) -> None:
        if self._cursor is not None:
            self._move((self._cursor - 1) % len(self._items))

    def action_first(self) -> None:
        if self._items:
            self._move(0)

    def action_last(self) -> None:
        if self._items:
            self._move(len(self._items) - 1)

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def _move_page(self, direction: int) -> None:
        """A page's height of lines on: the item there, or the next one on in that direction."""
        row = self.highlighted
        if row is None or not self._wrap():
            return
        step = direction * self.scrollable_content_region.height
        line = min(max(self._starts[row] + step, 0), len(self._lines) - 1)
        landed = self._lines[line][0]
        if direction > 0:  # a heading is always followed by an item
            last = len(self._items) - 1
            self._move(next((p for p, r in enumerate(self._row_of) if r >= landed), last))
        else:  # above the first heading there is none: the first item
            self._move(max((p for p, r in enumerate(self._row_of) if r <= landed), default=0))

    def action_tick(self) -> None:
        item = self.highlighted_item
        if item is not None:
            self.post_message(self.TickRequested(item))

    # ---- the mouse ----------------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = offset.y + self.scroll_offset.y
        return self._lines[line][0] if 0 <= line < len(self._lines) else None

    def on_click(self, event: events.Click) -> None:
        """A click on an item moves the cursor there and ticks it."""
        row = self._row_at(event)
        if row is not None and (item := self._rows[row][0]) is not None:
            self._move(self._position[item.id])
            self.action_tick()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._row_at(event))

    def on_leave(self, _: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self._hover:
            for old_or_new in (self._hover, row):
                if old_or_new is not None:
                    self._refresh_row(old_or_new)
            self._hover = row

    # ---- drawing ------------------------------------------------------------------------

    def _wrap(self) -> bool:
        """Wrap the rows to the content width, once per width; False before the first layout."""
        # Overflowing even at one line a paragraph: a scrollbar is sure to come.
        width = wrap_width(self, lambda _, height: self._fewest_lines > height)
        if not width:
            return False
        if width != self._wrapped:
            text_width = max(width - 2 * _PAD, 1)
            self._lines = []
            self._starts = []
            for row, (_, prompt) in enumerate(self._rows):
                self._starts.append(len(self._lines))
                self._lines.extend((row, line) for line in prompt.rows(text_width))
            self._starts.append(len(self._lines))
            self._wrapped = width
            set_line_count(self, width, len(self._lines))
        return True

    def _refresh_row(self, row: int) -> None:
        if self._wrapped is not None and row < len(self._rows):
            top = self._starts[row]
            self.refresh_lines(top, self._starts[row + 1] - top)

    def on_resize(self, _: events.Resize) -> None:
        self._scroll_to_cursor()  # wrapped anew, the cursor's item may have moved out of view

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()  # a new theme: draw every line again

    def render_lines(self, crop: Region) -> list[Strip]:
        self._wrap()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        if line >= len(self._lines):
            return Strip.blank(width, self.get_visual_style().rich_style)
        row, text = self._lines[line]
        if self._rows[row][0] is None:
            style = self.get_visual_style("checklist--heading")
        elif row == self.highlighted:
            style = self.get_visual_style("checklist--cursor")
        elif row == self._hover:
            style = self.get_visual_style("checklist--hover")
        else:
            style = self.get_visual_style()
        rich_style = style.rich_style
        # Text segments carry their offset (as Content's own render does), which keeps them
        # apart from the padding: the same segments as before, and the same snapshots.
        segments: list[Segment] = []
        x, y = 0, line - self._starts[row]
        for part, part_style in text.render(style, end=""):  # Style.parse: the theme's $variables
            segments.append(Segment(part, (style + part_style).rich_style_with_offset(x, y)))
            x += len(part)
        strip = Strip(segments, text.cell_length)
        text_width = max((self._wrapped or width) - 2 * _PAD, 1)
        strip = strip.crop_pad(text_width, _PAD, _PAD, rich_style)
        return strip.extend_cell_length(width, rich_style)
