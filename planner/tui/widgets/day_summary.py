"""What kind of day it is, what running it allows, its warnings and the reasons behind it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from planner.core.morning import CHECKIN_PROMPT, DayView
from planner.core.wording import DISCLAIMER
from planner.tui.widgets.hanging import Hanging
from planner.tui.widgets.line_scroll import set_line_count, wrap_width

# The blocks, top to bottom, each once a widget of its own: the check-in prompt (padded, on
# an accent tint), the headline (the badge, then the guidance wrapped in its own column),
# the warnings (padded, a thick error bar on the left, on an error tint), the disclaimer,
# the reasons and the last run. A blank line goes before each but the disclaimer.
PROMPT, GUIDANCE, WARNINGS, DISCLAIMER_BLOCK, REASONS, LAST_RUN = (
    "prompt",
    "guidance",  # the headline: the badge, then the guidance
    "warnings",
    "disclaimer",
    "reasons",
    "last-run",
)
_GAP = ""  # a blank line between blocks

# Styles over the summary's own (theme variables only: light, dark and NO_COLOR all work).
STYLES: dict[str, str] = {
    PROMPT: "b $text-accent on $accent 20%",
    GUIDANCE: "b",
    WARNINGS: "b $text-error on $error 15%",
    DISCLAIMER_BLOCK: "i $text-muted",
    REASONS: "",
    LAST_RUN: "$text-muted",
}
WARNING_BAR = "$error"
BADGE_BACKGROUNDS: dict[str, str] = {
    "quality_ok": "$success",
    "easy": "$primary",
    "rest": "$secondary",
    "active_recovery": "$accent",
    "race_recovery": "$warning",
    "see_clinician": "$error",
}
_BAR = "█"  # the warnings' thick left border
_VARIABLE = re.compile(r"\$([a-z0-9-]+)")


def badge_style(view: DayView) -> str:
    """The badge on its day type's colour ($primary when there is no plan)."""
    background = BADGE_BACKGROUNDS.get(view.day_type or "", "$primary")
    return f"b $text on {background}"


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


def summary_lines(view: DayView, width: int) -> list[Line]:
    """The summary of `view` wrapped to `width` cells, a line each, as it is drawn."""
    lines: list[Line] = []

    def block(name: str, rows: Sequence[Content], gap: bool = True) -> None:
        if gap:
            lines.append(Line(_GAP, Content(), 0))
        lines.extend(Line(name, text, row) for row, text in enumerate(rows))

    if view.checkin_due:
        block(PROMPT, Content(CHECKIN_PROMPT).wrap(max(width - 2, 1)))
    badge_width = Content(view.badge).cell_length + 2 * badge_padding(view) + 1
    block(GUIDANCE, Content(view.guidance).wrap(max(width - badge_width, 1)))
    if view.warnings:
        block(WARNINGS, _hang("⚠", view.warnings, width - 3))  # bar, then a cell either side
    block(DISCLAIMER_BLOCK, Content(DISCLAIMER).wrap(max(width, 1)), gap=False)
    if view.reasons:
        block(REASONS, _hang("•", view.reasons, width))
    block(LAST_RUN, Content(view.last_run).wrap(max(width, 1)))
    return lines


class DaySummary(ScrollView, can_focus=True):
    """Prompt, badge and guidance, warnings, the disclaimer, reasons and the last run.

    A Line API widget, like the checklist: one widget wraps and draws every block, where a
    widget per block cost styling and layout passes before the first paint. Each line comes
    out segment for segment as the block's widget drew it (the same snapshots), and its text
    can be selected and copied as before.
    """

    ALLOW_MAXIMIZE = False  # as a scrolling container
    DEFAULT_CSS = """
    DaySummary { overflow-x: hidden; }
    """

    def __init__(self, view: DayView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._set_view(view)

    def _set_view(self, view: DayView) -> None:
        self.view = view
        self._badge = Content(view.badge)
        self._layouts: dict[int, list[Line]] = {}  # by width: the last two widths asked
        self._wrapped: int | None = None  # the width the lines are drawn for
        self._lines: list[Line] = []
        self._strips: list[Strip | None] = []  # drawn lines, while nothing is selected
        self._styles: dict[str, Style] | None = None
        self.set_class(view.see_clinician, "-see-clinician")

    def show(self, view: DayView) -> None:
        """Show another day, or the same day afresh; the scroll stays where it is."""
        self._set_view(view)
        self.refresh(layout=True)

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
            lines = summary_lines(self.view, width)
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
            base = self.visual_style
            variables = self.app.theme_variables

            def parse(markup: str) -> Style:
                # Variables go in first: Textual's markup drops the alpha of "auto 87%" (the
                # value of $text) when it comes from a variable.
                return Style.parse(_VARIABLE.sub(lambda m: variables.get(m[1], m[0]), markup))

            styles = {
                block: base + parse(markup) if markup else base for block, markup in STYLES.items()
            }
            styles["badge"] = base + parse(badge_style(self.view))
            error = parse(WARNING_BAR).foreground
            bar = error if base.background is None or error is None else base.background + error
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
