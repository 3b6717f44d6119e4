"""The day's checklist: items grouped by when they happen, ticked with space or enter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from planner.core.model import ChecklistItem
from planner.tui.widgets.hanging import Hanging

# The order a runner meets them in the day; an unknown `when` falls into "any".
GROUPS: tuple[tuple[str, str], ...] = (
    ("before_run", "Before the run"),
    ("after_run", "After the run"),
    ("with_meals", "With meals"),
    ("evening", "Evening"),
    ("any", "Any time"),
)
_KNOWN_WHEN = {when for when, _ in GROUPS}
_HEADING = "when:"  # id prefix of the group headings, which the cursor skips


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
    """The mark in a column of its own, then the title and the dose (or why it is withheld)."""
    if item.withheld:
        mark = Content.from_markup("[dim]$mark[/] ", mark=tick_mark(item))
        text = Content.from_markup(
            "[dim][s]$title[/s]  [i](withheld)[/i]\n$why[/dim]",
            title=item.title,
            why=withheld_reason(item),
        )
    else:
        mark_style = "b $text-success" if item.done else "dim"
        mark = Content.from_markup(f"[{mark_style}]$mark[/] ", mark=tick_mark(item))
        title = "$title" if item.done else "[b]$title[/b]"
        text = Content.from_markup(
            f"{title}\n[dim]$detail[/dim]", title=item.title, detail=item.detail
        )
    return Hanging(mark, text)


def checklist_options(ordered: Sequence[ChecklistItem]) -> list[Option]:
    """Group headings (disabled, so the cursor skips them) each followed by its items."""
    options: list[Option] = []
    for when, heading in GROUPS:
        group = [item for item in ordered if group_of(item) == when]
        if group:
            options.append(Option(Content(heading), id=_HEADING + when, disabled=True))
            options.extend(Option(item_prompt(item), id=item.id) for item in group)
    return options


class Checklist(OptionList):
    """The checklist of one day; posts `TickRequested` and leaves the writing to the screen."""

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

    # One widget drawing every line: far cheaper to lay out than a widget per item.
    DEFAULT_CSS = """
    Checklist > .option-list--option-disabled {
        color: $text-secondary;
        text-style: bold;
    }
    """

    class TickRequested(Message):
        """The runner asked to tick or untick `item`."""

        def __init__(self, item: ChecklistItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, items: Sequence[ChecklistItem] = (), *, id: str | None = None) -> None:
        ordered = in_day_order(items)
        super().__init__(*checklist_options(ordered), id=id)
        self._items = {item.id: item for item in ordered}

    def on_mount(self) -> None:
        self.action_first()

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """The items in the order shown."""
        return tuple(self._items.values())

    @property
    def highlighted_item(self) -> ChecklistItem | None:
        option = self.highlighted_option
        return None if option is None or option.id is None else self._items.get(option.id)

    def highlight_item(self, item_id: str) -> None:
        self.highlighted = self.get_option_index(item_id)

    def show_items(self, items: Sequence[ChecklistItem]) -> None:
        """Show a day's items, keeping the cursor on the same item id when it is there."""
        keep = self.highlighted_item
        ordered = in_day_order(items)
        self._items = {item.id: item for item in ordered}
        self.set_options(checklist_options(ordered))
        if keep is not None and keep.id in self._items:
            self.highlight_item(keep.id)
        else:
            self.action_first()

    def action_tick(self) -> None:
        item = self.highlighted_item
        if item is not None:
            self.post_message(self.TickRequested(item))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A click selects an option; on a checklist a click is expected to tick.
        event.stop()
        self.action_tick()
