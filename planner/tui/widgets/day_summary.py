"""What kind of day it is, what running it allows, its warnings and the reasons behind it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from planner.core.morning import CHECKIN_PROMPT, DayView
from planner.tui.widgets.hanging import Hanging
from planner.tui.widgets.line_scroll import set_line_count, wrap_width

# The blocks, top to bottom, each once a widget of its own: the check-in prompt (padded, on
# an accent tint), the headline (the badge, then the guidance wrapped in its own column),
# the warnings (padded, a thick error bar on the left, on an error tint), the reasons, the
# check-in's answers, the last run and yesterday's recap. In full a blank line goes before
# each; compact (an 80x24 terminal), the day is told in a few lines: the headline, the
# warnings whole, the reason that decided the day on one line (`y` shows the rest), the
# check-in (or its prompt) and the recap, a line each. The disclaimer is not here: it is in
# onboarding, help and Profile, and Today says it once a day (a notification).
PROMPT, GUIDANCE, WARNINGS, REASONS, CHECKIN, LAST_RUN, RECAP = (
    "prompt",
    "guidance",  # the headline: the badge, then the guidance
    "warnings",
    "reasons",
    "checkin",
    "last-run",
    "recap",
)
_GAP = ""  # a blank line between blocks
MORE_HINT = "  y: why"  # after the one reason of a compact summary, when there is more

# A block's colours are its component class's, in app.tcss: "day-summary--prompt" and so on
# (the warnings' border-left is their bar); the badge's background follows a class of the
# summary's for the day type ("-easy"). The guidance is in bold, the reasons as the summary;
# the check-in's answers and the recap as the last run (muted).
STYLED_BLOCKS = (PROMPT, WARNINGS, LAST_RUN)
DAY_TYPES = ("quality_ok", "easy", "rest", "active_recovery", "race_recovery", "see_clinician")
_BAR = "█"  # the warnings' thick left border


def day_type_class(day_type: str) -> str:
    return "-" + day_type.replace("_", "-")


def badge_padding(view: DayView) -> int:
    """Cells either side of the badge's word: two on a see-a-clinician day, else one."""
    return 2 if view.see_clinician else 1


class Line(NamedTuple):
    """One line of the summary: its block (`_GAP` for a blank line) and its text there."""

    block: str
    text: Content
    row: int  # the line's place within its block


def _hang(mark: str, lines: Sequence[str], width: int) -> list[Content]:
    """Each of `lines` after a mark, wrapped lines under the text rather than the mark."""
    head = Content(f"{mark} ")
    return [row for line in lines for row in Hanging(head, Content(line)).rows(width)]


def summary_lines(view: DayView, width: int, compact: bool = False) -> list[Line]:
    """The summary of `view` laid out for `width` cells, a line each, as it is drawn."""
    lines: list[Line] = []

    def block(name: str, rows: Sequence[Content], gap: bool = not compact) -> None:
        if gap and lines:
            lines.append(Line(_GAP, Content(), 0))
        lines.extend(Line(name, text, row) for row, text in enumerate(rows))

    def one_line(text: str, room: int) -> list[Content]:
        return [Content(text).truncate(max(room, 1), ellipsis=True)]

    prompt = Content(CHECKIN_PROMPT).wrap(max(width - 2, 1))
    if view.checkin_due and not compact:
        block(PROMPT, prompt)
    badge_width = Content(view.badge).cell_length + 2 * badge_padding(view) + 1
    block(GUIDANCE, Content(view.guidance).wrap(max(width - badge_width, 1)))
    if view.warnings:
        block(WARNINGS, _hang("⚠", view.warnings, width - 3))  # bar, then a cell either side
    if view.reasons and compact:
        block(REASONS, [_first_reason(view.reasons, width)])
    elif view.reasons:
        block(REASONS, _hang("•", view.reasons, width))
    if view.checkin_due and compact:
        block(PROMPT, one_line(CHECKIN_PROMPT, width - 2))
    if view.checkin:
        block(CHECKIN, one_line(view.checkin, width) if compact else _wrap(view.checkin, width))
    if view.last_run and not compact:
        block(LAST_RUN, _wrap(view.last_run, width))
    if view.recap:
        block(RECAP, one_line(view.recap, width) if compact else _wrap(view.recap, width))
    return lines


def _wrap(text: str, width: int) -> list[Content]:
    return Content(text).wrap(max(width, 1))


def _first_reason(reasons: Sequence[str], width: int) -> Content:
    """The reason that decided the day, on one line, and the key for the rest if any."""
    line = Content(f"• {reasons[0]}")
    if line.cell_length <= width and len(reasons) == 1:
        return line
    hint = Content(MORE_HINT).stylize("dim")
    return line.truncate(max(width - hint.cell_length, 1), ellipsis=True) + hint


class DaySummary(ScrollView, can_focus=True):
    """Prompt, badge and guidance, warnings, reasons, the check-in, the last run and the recap;
    `compact`, the few lines of them an 80x24 Today has room for (see `summary_lines`).

    A Line API widget, like the checklist, kept for the first paint: one widget wraps and
    draws every block, where Statics in a VerticalScroll (a Horizontal of two for the badge
    and guidance: 8 widgets more, styled in app.tcss) cost 15-17 ms more of Today's warm
    first paint for the same cells (all 58 snapshots passed unchanged). Measured as the
    checklist's saving is (see Checklist): median difference +16.9 ms CPU over 100 runs in
    turns (95% interval +15.0 to +22.3), +14.5 ms on a quieter machine; first_paint_warm
    of `bench/run.py --quick` went from 1.22x to 1.28x with both stock widgets (medians of
    6 interleaved runs). Each line comes out segment for segment as the block's widget drew
    it, and its text can be selected and copied as before. The blocks' colours are its
    component classes', in app.tcss.
    """

    ALLOW_MAXIMIZE = False  # as a scrolling container
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False),
        Binding("k,up", "scroll_up", "Scroll up", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"day-summary--{block}" for block in STYLED_BLOCKS),
        "day-summary--badge",
    }

    def __init__(self, view: DayView, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.compact = compact
        self._set_view(view)

    def _set_view(self, view: DayView) -> None:
        self.view = view
        self._badge = Content(view.badge)
        self._layouts: dict[int, list[Line]] = {}  # by width: the last two widths asked
        self._wrapped: int | None = None  # the width the lines are drawn for
        self._lines: list[Line] = []
        self._strips: list[Strip | None] = []  # drawn lines, while nothing is selected
        self._styles: dict[str, Style] | None = None
        for day_type in DAY_TYPES:  # the badge's colour; a see-a-clinician day's red border
            self.set_class(view.day_type == day_type, day_type_class(day_type))

    def show(self, view: DayView) -> None:
        """Show another day, or the same day afresh; the scroll stays where it is."""
        self._set_view(view)
        self.refresh(layout=True)

    def set_compact(self, compact: bool) -> None:
        """The few lines of an 80x24 Today, or everything (`y` on Today, a wide terminal)."""
        if compact != self.compact:
            self.compact = compact
            self._set_view(self.view)
            self.scroll_to(y=0, animate=False, immediate=True)
            self.refresh(layout=True)

    @property
    def has_more(self) -> bool:
        """A compact summary leaves something out (reasons, the last run)."""
        return len(self.view.reasons) > 1 or bool(self.view.reasons and self.view.last_run)

    # ---- what it shows, as text -------------------------------------------------------------

    def summary_text(self) -> str:
        """Every line as shown (the badge's padding and the warnings' bar too), right-trimmed."""
        return "\n".join(self._plain(line).rstrip() for line in self._shown_lines())

    def shown(self, part: str) -> str:
        """The text of "badge" or of a block ("prompt", "guidance", "warnings"...), wrapped
        lines rejoined (bullets a line each); '' for a block not shown (the check-in prompt
        once checked in, the warnings of a day without any)."""
        lines = self._shown_lines()
        if part == "badge":
            head = next(line for line in lines if line.block == GUIDANCE)
            return self._plain(head)[: self._indent(head)].strip()
        rows = [line.text.plain for line in lines if line.block == part]
        if part not in (WARNINGS, REASONS):
            return " ".join(rows)
        bullets: list[str] = []
        for row in rows:  # a wrapped line starts under the text, clear of the bullet
            if row.startswith(" ") and bullets:
                bullets[-1] += " " + row.lstrip()
            else:
                bullets.append(row)
        return "\n".join(bullets)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        text = "\n".join(self._plain(line, bar=" ") for line in self._shown_lines())
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips = [None] * len(self._lines)
        self.refresh()

    def _shown_lines(self) -> list[Line]:
        if self._wrapped:
            return self._lines
        return self._layout(self.scrollable_content_region.width or 80)  # not drawn yet

    def _indent(self, line: Line) -> int:
        """The cells before a line's text: the prompt's padding, the bar and its padding, or
        the badge with its padding and margin."""
        if line.block == PROMPT:
            return 1
        if line.block == WARNINGS:
            return 2
        if line.block == GUIDANCE:
            return self._badge.cell_length + 2 * badge_padding(self.view) + 1
        return 0

    def _plain(self, line: Line, bar: str = _BAR) -> str:
        """A line's characters, in the columns they are drawn in (selections count in them)."""
        if line.block == GUIDANCE and line.row == 0:
            pad = " " * badge_padding(self.view)
            lead = f"{pad}{self.view.badge}{pad} "
        elif line.block == WARNINGS:
            lead = f"{bar} "
        else:
            lead = " " * self._indent(line)
        return lead + line.text.plain

    # ---- layout -----------------------------------------------------------------------------

    def _layout(self, width: int) -> list[Line]:
        lines = self._layouts.get(width)
        if lines is None:
            lines = summary_lines(self.view, width, self.compact)
            if len(self._layouts) > 1:
                self._layouts.clear()
            self._layouts[width] = lines
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Its height wrapped to the width (a narrow Today sizes it to fit, up to a cap)."""
        return len(self._layout(width)) if width else 0

    def _wrap(self) -> bool:
        """Lay the lines out for the content width; False before the first layout."""
        width = wrap_width(self, lambda width, height: len(self._layout(width)) > height)
        if not width:
            return False
        if width != self._wrapped:
            self._lines = self._layout(width)
            self._strips = [None] * len(self._lines)
            self._wrapped = width
            set_line_count(self, width, len(self._lines))
        return True

    # ---- drawing ----------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None  # a new theme: styles and lines worked out anew
        self._strips = [None] * len(self._lines)
        self.refresh()

    def _get_styles(self) -> dict[str, Style]:
        if self._styles is None:
            get = self.get_visual_style
            base = self.visual_style
            styles = {block: get(f"day-summary--{block}") for block in STYLED_BLOCKS}
            styles[GUIDANCE] = base + Style(bold=True)
            styles[REASONS] = base
            styles[CHECKIN] = styles[RECAP] = styles[LAST_RUN]
            styles["badge"] = get("day-summary--badge")
            # The bar: the warnings' left border colour over the summary's background, drawn
            # on the warnings' background.
            bar = self.get_component_styles("day-summary--warnings").border_left[1]
            if base.background is not None:
                bar = base.background + bar
            styles["bar"] = Style(styles[WARNINGS].background, bar)
            self._styles = styles
        return self._styles

    def render_lines(self, crop: Region) -> list[Strip]:
        self._wrap()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, _background(self.visual_style))
        strip = self._strips[index]
        if strip is None:
            strip = self._draw(self._lines[index], index)
            if self.text_selection is None:
                self._strips[index] = strip
        return strip.adjust_cell_length(width, _background(self.visual_style))

    def _draw(self, line: Line, y: int) -> Strip:
        """Line `y` as its block's widget drew it: blank cells carry the block's background
        alone, text segments their style and offset (which keeps them apart)."""
        width = self._wrapped or 1
        if line.block == _GAP:
            return Strip.blank(width, _background(self.visual_style))
        styles = self._get_styles()
        style = styles[line.block]
        fill = _background(style)
        selected = self._selected(y)
        x = self._indent(line)
        segments: list[Segment] = []
        if line.block == PROMPT:
            segments.append(Segment(" ", fill))
        elif line.block == WARNINGS:
            segments += [Segment(_BAR, styles["bar"].rich_style), Segment(" ", fill)]
        elif line.block == GUIDANCE and line.row == 0:
            badge = styles["badge"]
            pad = Segment(" " * badge_padding(self.view), _background(badge))
            segments.append(pad)
            segments += _text(self._badge, badge, pad.cell_length, y, selected)
            segments += [pad, Segment(" ", _background(self.visual_style))]
        elif x:
            segments.append(Segment(" " * x, _background(self.visual_style)))
        segments += _text(line.text, style, x, y, selected)
        return Strip(segments).extend_cell_length(width, fill)

    def _selected(self, y: int) -> tuple[int, int, Style] | None:
        """The columns of line `y` that are selected, and the style to show it."""
        selection = self.text_selection
        if selection is None or (span := selection.get_span(y)) is None:
            return None
        start, end = span
        style = Style.from_styles(self.screen.get_component_styles("screen--selection"))
        return start, (self._wrapped or 0) if end == -1 else end, style


def _background(style: Style) -> RichStyle:
    """The blank cells of a block: its background alone, as Textual pads a widget."""
    return Style(background=style.background).rich_style


def _text(
    text: Content, style: Style, x: int, y: int, selected: tuple[int, int, Style] | None
) -> list[Segment]:
    """`text` at column `x` of line `y`, as Content draws it over `style` (offsets included)."""
    if selected is not None:
        start, end, selection_style = selected
        text = text.stylize(selection_style, max(start - x, 0), max(end - x, 0))
    segments: list[Segment] = []
    for part, part_style in text.render(style, end=""):
        segments.append(Segment(part, (style + part_style).rich_style_with_offset(x, y)))
        x += len(part)
    return segments
