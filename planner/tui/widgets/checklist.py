"""The day's checklist: items grouped by when they happen, ticked with space or enter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from planner.core.model import ChecklistItem
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


# The keys that tick an item straight away: the first nine in the order shown, then the tenth.
TICK_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")


def item_line(item: ChecklistItem, key: str = "", *, planned: bool = False) -> Content:
    """One item on one line: its tick key, the mark, the title and the dose in a few words.

    In markup: "[dim]1[/] [dim]○[/] [b]Rehydrate[/b][dim] · ~950 ml[/]"; a ticked item has a
    "[b $text-success]✓[/]" and a plain title; a withheld one is all dim, "⊘", the title
    struck through; an item of a projected day (`planned`) has no key: it cannot be ticked
    yet. The spans are built here directly: parsing markup for every item was a millisecond
    of the first paint.
    """
    key = "" if planned else key
    mark = tick_mark(item)
    head = f"{key or ' '} {mark} "
    brief = item.brief or ("not today" if item.withheld else "")
    text = f"{head}{item.title}{' · ' + brief if brief else ''}"
    title_at, title_end = len(head), len(head) + len(item.title)
    mark_style = "b $text-success" if item.done and not item.withheld else "dim"
    spans = [Span(0, 1, "dim"), Span(2, 3, mark_style)]
    if item.withheld:
        spans += [Span(0, len(text), "dim"), Span(title_at, title_end, "s")]
    else:
        if not item.done and not planned:
            spans.append(Span(title_at, title_end, "b"))
        spans.append(Span(title_end, len(text), "dim"))
    return Content(text, [span for span in spans if span.start < span.end])


def checklist_rows(
    ordered: Sequence[ChecklistItem], *, planned: bool = False
) -> list[tuple[ChecklistItem | None, Content]]:
    """Group headings (no item, so the cursor skips them) each followed by its items' lines."""
    rows: list[tuple[ChecklistItem | None, Content]] = []
    keys = iter(TICK_KEYS)
    for when, heading in GROUPS:
        group = [item for item in ordered if group_of(item) == when]
        if group:
            rows.append((None, Content(heading)))
            rows.extend((item, item_line(item, next(keys, ""), planned=planned)) for item in group)
    return rows


class Checklist(ScrollView, can_focus=True):
    """The checklist of one day, an item a line; posts `TickRequested` (and `GroupTickRequested`,
    `Highlighted`, `DetailRequested`) and leaves the writing to the screen.

    A Line API widget, kept for the first paint: it saved 7-8 ms of Today's warm first paint
    against a 150-line subclass of Textual's OptionList drawing the same cells (headings as
    disabled options; all 58 snapshots and the functional tests passed unchanged). Measured
    when items still wrapped to paragraphs: bench/first_paint.py's app timed in its process
    from construction to its first frame, 100 runs in turns with the OptionList version:
    median difference +7.1 ms CPU (95% interval +6.4 to +8.5). The OptionList spent it on its
    default CSS (1.5 ms to parse) and its per-option rendering. Its styles are its component
    classes', in app.tcss.
    """

    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick"),
        Binding(
            "g", "tick_group", "Tick group", show=False, tooltip="Tick every open item of its group"
        ),
        Binding("enter", "details", "Details", show=False),
        Binding("j,down", "cursor_down", "Next item", show=False),
        Binding("k,up", "cursor_up", "Previous item", show=False),
        Binding("home", "first", "First item", show=False),
        Binding("end", "last", "Last item", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        *(
            # One row in the help for all ten: the same description and key display.
            Binding(key, f"tick_number({n})", "Tick by number", show=False, key_display="1-0")
            for n, key in enumerate(TICK_KEYS)
        ),
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

    class GroupTickRequested(Message):
        """The runner asked to tick every open item of `items` (untick all when none is)."""

        def __init__(self, items: tuple[ChecklistItem, ...]) -> None:
            super().__init__()
            self.items = items

    class Highlighted(Message):
        """The cursor is on `item` now (None: an empty list)."""

        def __init__(self, item: ChecklistItem | None) -> None:
            super().__init__()
            self.item = item

    class DetailRequested(Message):
        """The runner asked for the whole of `item`: its text, its reason and its source."""

        def __init__(self, item: ChecklistItem) -> None:
            super().__init__()
            self.item = item

    def __init__(
        self, items: Sequence[ChecklistItem] = (), *, planned: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._hover: int | None = None  # the row under the mouse
        self._cursor: int | None = None  # a position in `items`
        self._set_items(items, planned)
        self._cursor = 0 if self._items else None

    def _set_items(self, items: Sequence[ChecklistItem], planned: bool) -> None:
        self.planned = planned  # a projected day: nothing can be ticked yet
        self._rows = checklist_rows(in_day_order(items), planned=planned)
        self._row_of = [row for row, (item, _) in enumerate(self._rows) if item is not None]
        self._items = tuple(item for item, _ in self._rows if item is not None)
        self._cursor = None
        self._position = {item.id: position for position, item in enumerate(self._items)}
        self._width: int | None = None  # the width the line count is set for

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

    def show_items(
        self, items: Sequence[ChecklistItem], *, planned: bool = False, after: str | None = None
    ) -> None:
        """Show a day's items, keeping the cursor on the same item id when it is there; with
        `after` (an item just ticked), on the next open item after that one."""
        keep = self.highlighted_item
        self._set_items(items, planned)
        self._hover = None
        self.refresh()
        if after is not None and after in self._position:
            self._move(self._next_open(self._position[after]))
        elif keep is not None and keep.id in self._position:
            self._move(self._position[keep.id])
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
            self._move(0 if self._items else None)

    def group_of_cursor(self) -> tuple[ChecklistItem, ...]:
        """The items of the cursor's group, in the order shown."""
        item = self.highlighted_item
        if item is None:
            return ()
        return tuple(other for other in self._items if group_of(other) == group_of(item))

    def _next_open(self, position: int) -> int:
        """The first item after `position` (round to the top) still to tick; else `position`."""
        count = len(self._items)
        for step in range(1, count + 1):
            item = self._items[(position + step) % count]
            if not item.done and not item.withheld:
                return (position + step) % count
        return position

    # ---- the cursor ---------------------------------------------------------------------

    def _move(self, position: int | None) -> None:
        old, self._cursor = self.highlighted, position
        if old is not None:
            self._refresh_row(old)
        if position is not None:
            self._refresh_row(self._row_of[position])
            self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.highlighted_item))

    def _scroll_to_cursor(self) -> None:
        row = self.highlighted
        if row is None or not self._measure():
            return
        region = Region(0, row, self.scrollable_content_region.width, 1)
        if self._row_of and row == self._row_of[0]:  # the first item: its heading too
            region = Region(0, 0, region.width, row + 1)
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
        """A page's height of rows on: the item there, or the next one on in that direction."""
        row = self.highlighted
        if row is None:
            return
        step = direction * max(self.scrollable_content_region.height, 1)
        landed = min(max(row + step, 0), len(self._rows) - 1)
        if direction > 0:  # a heading is always followed by an item
            last = len(self._items) - 1
            self._move(next((p for p, r in enumerate(self._row_of) if r >= landed), last))
        else:  # above the first heading there is none: the first item
            self._move(max((p for p, r in enumerate(self._row_of) if r <= landed), default=0))

    def action_tick(self) -> None:
        item = self.highlighted_item
        if item is not None:
            self.post_message(self.TickRequested(item))

    def action_tick_number(self, position: int) -> None:
        """The item with that key (1-9, then 0), ticked as if the cursor were on it."""
        if position < len(self._items):
            self._move(position)
            self.action_tick()

    def action_tick_group(self) -> None:
        group = self.group_of_cursor()
        if group:
            self.post_message(self.GroupTickRequested(group))

    def action_details(self) -> None:
        item = self.highlighted_item
        if item is not None:
            self.post_message(self.DetailRequested(item))

    # ---- the mouse ----------------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        row = offset.y + self.scroll_offset.y
        return row if 0 <= row < len(self._rows) else None

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

    def _measure(self) -> bool:
        """Size the scrollable area, once per width; False before the first layout."""
        # More rows than the height: a scrollbar is sure to come, so lines fit beside it.
        width = wrap_width(self, lambda _, height: len(self._rows) > height)
        if not width:
            return False
        if width != self._width:
            self._width = width
            set_line_count(self, width, len(self._rows))
        return True

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """A line a row: what `height: auto` (a wide Today) sizes the list to."""
        return len(self._rows)

    def _refresh_row(self, row: int) -> None:
        if self._width is not None and row < len(self._rows):
            self.refresh_lines(row, 1)

    def on_resize(self, _: events.Resize) -> None:
        self._scroll_to_cursor()  # a shorter pane may leave the cursor's item out of view

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()  # a new theme: draw every line again

    def render_lines(self, crop: Region) -> list[Strip]:
        self._measure()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        if row >= len(self._rows):
            return Strip.blank(width, self.get_visual_style().rich_style)
        item, text = self._rows[row]
        if item is None:
            style = self.get_visual_style("checklist--heading")
        elif row == self.highlighted:
            style = self.get_visual_style("checklist--cursor")
        elif row == self._hover:
            style = self.get_visual_style("checklist--hover")
        else:
            style = self.get_visual_style()
        rich_style = style.rich_style
        text_width = max((self._width or width) - 2 * _PAD, 1)
        if text.cell_length > text_width:  # the dose gives way, with an ellipsis
            text = text.truncate(text_width, ellipsis=True)
        # Text segments carry their offset (as Content's own render does), which keeps them
        # apart from the padding.
        segments: list[Segment] = []
        x = 0
        for part, part_style in text.render(style, end=""):  # Style.parse: the theme's $variables
            segments.append(Segment(part, (style + part_style).rich_style_with_offset(x, 0)))
            x += len(part)
        strip = Strip(segments, text.cell_length)
        strip = strip.crop_pad(text_width, _PAD, _PAD, rich_style)
        return strip.extend_cell_length(width, rich_style)
