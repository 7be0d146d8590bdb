"""The detail pane: a post's header, sections and speaker turns, with English originals revealed on demand.

A Line-API view (`ScrollView` + `render_line`), modelled on toolong's `LogLines`: one widget per turn takes
about 3.3 s to open a 300-turn post and a single Rich renderable re-renders everything on each toggle, while this
view renders only the items on screen. Every item (header, heading, turn) has a height: estimated from its text
length until it is first drawn, exact afterwards. Items are drawn at the current width and cached; revealing an
original re-renders that one item. Posts of tens of thousands of turns open in the time of a screenful.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core import citation
from ..core.citation import Citation
from ..core.model import Post, Turn
from ..links import can_open_browser, is_web_url
from ..rendering import SpeakerPalette, highlight_terms, inline, wrap

HEADER, HEADING, TURN = 0, 1, 2
_INDENT = 2


@dataclass(slots=True)
class _Item:
    kind: int
    section: int
    turn: int = -1


def _cells(text: str) -> int:
    """A quick estimate of the terminal width of `text`: CJK characters (3 UTF-8 bytes) count two cells."""
    return (len(text.encode("utf-8", "surrogatepass")) + len(text)) // 2


def _estimate_lines(text: str, width: int) -> int:
    width = max(width, 8)
    return sum(max(1, -(-_cells(line) // width)) for line in text.split("\n"))


class TranscriptView(ScrollView, can_focus=True):
    """Sections and turns of one post; `j`/`k` move between turns, `e`/`E` reveal originals."""

    BINDINGS = [
        Binding("down,j", "next_turn", "Next turn", show=False, id="detail.next_turn"),
        Binding("up,k", "previous_turn", "Prev turn", show=False, id="detail.previous_turn"),
        Binding("right_curly_bracket", "next_section", "Next section", show=False, id="detail.next_section"),
        Binding("left_curly_bracket", "previous_section", "Prev section", show=False,
                id="detail.previous_section"),
        Binding("g,home", "top", "Top", show=False, id="detail.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="detail.bottom"),
        Binding("pagedown,space,ctrl+f", "page_down", "Page down", show=False, id="detail.page_down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="detail.page_up"),
        Binding("e", "toggle_original", "Original", id="detail.original"),
        Binding("E", "toggle_all", "All originals", id="detail.all_originals"),
        Binding("b", "side_by_side", "Side by side", id="detail.side_by_side"),
        Binding("t", "toc", "Contents", id="detail.toc"),
        Binding("y", "copy_turn", "Copy quote", id="detail.copy_turn"),
        Binding("Y", "copy_section", "Copy section", show=False, id="detail.copy_section"),
        Binding("o", "open_source", "Open source", show=False, id="detail.open_source"),
    ]

    COMPONENT_CLASSES = {
        "transcript--title", "transcript--meta", "transcript--label", "transcript--summary",
        "transcript--heading", "transcript--cursor", "transcript--original",
        "transcript--hit", "transcript--warning", "transcript--empty",
    }

    DEFAULT_CSS = """
    TranscriptView { overflow-x: hidden; }
    TranscriptView > .transcript--title { text-style: bold; color: $text-primary; }
    TranscriptView > .transcript--meta { color: $text-muted; }
    TranscriptView > .transcript--label { color: $text-secondary; text-style: bold; }
    TranscriptView > .transcript--summary { text-style: italic; }
    TranscriptView > .transcript--heading { text-style: bold; color: $text-accent; }
    TranscriptView > .transcript--cursor { background: $boost; }
    TranscriptView:focus > .transcript--cursor { background: $primary 18%; }
    TranscriptView > .transcript--original { color: $text-muted; }
    TranscriptView > .transcript--hit { background: $warning 40%; text-style: bold; }
    TranscriptView > .transcript--warning { color: $text-warning; }
    TranscriptView > .transcript--empty { color: $text-muted; text-style: italic; }
    """

    side_by_side: reactive[bool] = reactive(False)

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.post: Post | None = None
        self.turns: list[Turn] = []
        self._items: list[_Item] = []
        self._turn_item: list[int] = []
        self._section_item: list[int] = []
        self._heights: list[int] = []
        self._offsets: list[int] = [0]
        self._strips: LRUCache[tuple, list[Strip]] = LRUCache(256)
        self._palette = SpeakerPalette()
        self._toggled: set[int] = set()
        self._reveal_all = False
        self._width = 0
        self.cursor = -1
        self._pending_target: int | None = None
        self.terms: list[str] = []
        self.empty_message = "Choose a post to read it here."

    # content ------------------------------------------------------------------------------------------------

    def show(self, post: Post | None, *, turn: int | None = None, reveal: bool = False,
             terms: list[str] | None = None) -> None:
        """Display `post`; with `turn`, put the cursor there (and reveal its original with `reveal`)."""
        self.post = post
        self.terms = terms or []
        self.turns = post.turns if post else []
        self._palette = SpeakerPalette()
        self._toggled = set()
        self._reveal_all = False
        self._items = []
        self._turn_item = []
        self._section_item = []
        if post is not None:
            self._items.append(_Item(HEADER, -1))
            seq = 0
            for index, section in enumerate(post.sections):
                self._section_item.append(len(self._items))
                if section.title:
                    self._items.append(_Item(HEADING, index))
                for _ in section.turns:
                    self._turn_item.append(len(self._items))
                    self._items.append(_Item(TURN, index, seq))
                    seq += 1
            for t in self.turns:
                self._palette.color(t.speaker or t.original_speaker)
        self.cursor = 0 if self.turns else -1
        if turn is not None and 0 <= turn < len(self.turns):
            self.cursor = turn
            if reveal:
                self._toggled.add(turn)
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self._pending_target = self._turn_item[self.cursor] if turn is not None and self.cursor >= 0 else None
        if self._pending_target is not None:
            self.call_after_refresh(self._go_to_pending)
        self.refresh()

    def _go_to_pending(self) -> None:
        """Scroll to the turn `show` was asked for, once the view has its size."""
        if self._pending_target is None or not self.scrollable_content_region.width:
            return
        if self._content_width() != self._width:
            self._relayout()
        target, self._pending_target = self._pending_target, None
        self._scroll_to_item(target, center=True)
        self.refresh()

    @property
    def current_turn(self) -> Turn | None:
        return self.turns[self.cursor] if 0 <= self.cursor < len(self.turns) else None

    def current_section_index(self) -> int | None:
        if self.cursor < 0:
            return None
        return self._items[self._turn_item[self.cursor]].section

    def is_revealed(self, seq: int) -> bool:
        return self._reveal_all != (seq in self._toggled)

    # layout -------------------------------------------------------------------------------------------------

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width)

    def _relayout(self) -> None:
        """Estimate every item's height at the current width (exact heights come as items are drawn)."""
        width = self._content_width()
        self._width = width
        self._strips.clear()
        self._heights = [self._estimate(item, width) for item in self._items]
        self._update_offsets()

    def _update_offsets(self) -> None:
        self._offsets = list(accumulate(self._heights, initial=0))
        self.virtual_size = Size(self._width, self._offsets[-1])

    def _estimate(self, item: _Item, width: int) -> int:
        if item.kind == HEADER:
            post = self.post
            return 4 + (_estimate_lines(post.summary, width) + 1 if post and post.summary else 0)
        if item.kind == HEADING:
            return 2
        turn = self.turns[item.turn]
        inner = width - _INDENT - 1
        if self.side_by_side and turn.original:
            column = max(8, inner // 2 - 2)
            body = max(_estimate_lines(turn.text, column), _estimate_lines(turn.original, column))
        else:
            body = _estimate_lines(turn.text, inner)
            if turn.original and self.is_revealed(item.turn):
                body += _estimate_lines(turn.original, inner - 2)
        return body + (1 if (turn.speaker or turn.original_speaker) else 0) + 1

    def _item_at(self, y: int) -> int:
        return max(0, bisect.bisect_right(self._offsets, y) - 1)

    def render_lines(self, crop):  # type: ignore[override]
        self._settle()
        return super().render_lines(crop)

    def _settle(self) -> None:
        """Make the heights of the items on screen exact before drawing them."""
        if not self._items:
            return
        if self._pending_target is not None:
            self._go_to_pending()
        elif self._content_width() != self._width:
            top_item = self._item_at(round(self.scroll_y))
            self._relayout()
            self.scroll_to(y=self._offsets[top_item], animate=False, immediate=True, force=True)
        for _ in range(4):
            changed = False
            top = round(self.scroll_y)
            bottom = top + max(1, self.scrollable_content_region.height)
            index = self._item_at(top)
            while index < len(self._items) and self._offsets[index] < bottom:
                strips = self._render_item(index)
                if len(strips) != self._heights[index]:
                    self._heights[index] = len(strips)
                    changed = True
                index += 1
            if not changed:
                return
            self._update_offsets()

    def render_line(self, y: int) -> Strip:
        width = self._content_width()
        style = self.rich_style
        if not self._items:
            if y == 1:
                empty = style + self.get_component_rich_style("transcript--empty")
                return Strip([Segment(f"  {self.empty_message}", empty)]).adjust_cell_length(width, style)
            return Strip.blank(width, style)
        line = round(self.scroll_y) + y
        index = self._item_at(line)
        if index >= len(self._items) or line >= self._offsets[-1]:
            return Strip.blank(width, style)
        strips = self._render_item(index)
        within = line - self._offsets[index]
        if within < len(strips):
            return strips[within]
        return Strip.blank(width, style)

    # drawing items ------------------------------------------------------------------------------------------

    def _render_item(self, index: int) -> list[Strip]:
        item = self._items[index]
        width = self._width or self._content_width()
        selected = item.kind == TURN and item.turn == self.cursor
        revealed = item.kind == TURN and self.is_revealed(item.turn)
        key = (index, width, selected, revealed, self.side_by_side, self.has_focus)
        strips = self._strips.get(key)
        if strips is not None:
            return strips
        base = self.rich_style
        if selected:
            base = base + self.get_component_rich_style("transcript--cursor")
        renderable = self._renderable(item, revealed, width)
        console = self.app.console
        options = console.options.update_width(width).update(highlight=False)
        lines = console.render_lines(renderable, options, style=base, pad=True)
        strips = [Strip(line, width) for line in lines]
        if selected:
            bar = base + Style(color=self.get_component_rich_style("transcript--heading").color, bold=True)
            strips = [Strip([Segment("▌", bar), *strip.crop(1)], width) for strip in strips]
        self._strips[key] = strips
        return strips

    def _renderable(self, item: _Item, revealed: bool, width: int) -> RenderableType:
        if item.kind == HEADER:
            return self._header()
        if item.kind == HEADING:
            section = self.post.sections[item.section] if self.post else None
            text = Text("\n" + (section.title or ""), style=self.get_component_rich_style("transcript--heading"))
            return text
        return self._turn(self.turns[item.turn], item.turn, revealed, width)

    def _header(self) -> RenderableType:
        post = self.post
        assert post is not None
        parts: list[RenderableType] = [Text(post.title, style=self.get_component_rich_style("transcript--title"))]
        meta_style = self.get_component_rich_style("transcript--meta")
        meta = [x for x in (post.date.isoformat() if post.date else None, post.channel) if x]
        if post.source:
            meta.append(post.source)
        if meta:
            parts.append(Text(" · ".join(meta), style=meta_style))
        label_style = self.get_component_rich_style("transcript--label")
        for label, values in (("tags", post.tags), ("people", post.people), ("orgs", post.companies_orgs),
                              ("products", post.products_models), ("books", post.media_books)):
            if values:
                parts.append(Text.assemble((f"{label}: ", label_style), ", ".join(values)))
        if post.summary:
            parts.append(Text(""))
            summary = inline(post.summary, self.get_component_rich_style("transcript--summary"))
            parts.append(wrap(summary, max(8, self._width - 2)))
        warning = self.get_component_rich_style("transcript--warning")
        for problem in post.problems:
            where = f"line {problem.line}: " if problem.line else ""
            parts.append(Text(f"⚠ {where}{problem.message}", style=warning))
        if not self.turns:
            parts.append(Text(""))
            parts.append(Text("This post has no text.", style=self.get_component_rich_style("transcript--empty")))
        return Padding(Group(*parts), (0, 1, 0, 1))

    def _turn(self, turn: Turn, seq: int, revealed: bool, width: int) -> RenderableType:
        hit = self.get_component_rich_style("transcript--hit")
        meta = self.get_component_rich_style("transcript--meta")
        original_style = self.get_component_rich_style("transcript--original")
        inner = max(8, width - _INDENT - 1)
        parts: list[RenderableType] = []
        speaker = turn.speaker or turn.original_speaker
        if speaker:
            name = Text(speaker, style=Style(color=self._palette.color(speaker), bold=True))
            if turn.original_speaker and turn.speaker and turn.original_speaker != turn.speaker:
                name.append(f"  {turn.original_speaker}", style=meta)
            parts.append(name)
        body = self._styled(turn.text, Style(), hit) if turn.text else Text("(original only)", style=meta)
        if self.side_by_side and turn.original:
            column = max(4, (inner - 2) // 2)
            grid = Table.grid(padding=(0, 2))
            grid.add_column(width=column)
            grid.add_column(width=column)
            grid.add_row(wrap(body, column), wrap(self._styled(turn.original, original_style, hit), column))
            parts.append(grid)
        else:
            parts.append(wrap(body, inner))
            if turn.original and revealed:
                original = wrap(self._styled(turn.original, original_style, hit), inner - 2)
                parts.append(Padding(original, (0, 0, 0, 2), style=original_style))
        parts.append(Text(""))
        return Padding(Group(*parts), (0, 1, 0, _INDENT))

    def _styled(self, text: str, style: Style, hit: Style) -> Text:
        rendered = inline(text, style)
        return highlight_terms(rendered, self.terms, hit) if self.terms else rendered

    # movement -----------------------------------------------------------------------------------------------

    def _scroll_to_item(self, index: int, *, center: bool = False) -> None:
        self._settle_item(index)
        top = self._offsets[index]
        height = self._heights[index]
        view = max(1, self.scrollable_content_region.height)
        current = round(self.scroll_y)
        if center:
            target = max(0, top - max(0, (view - height) // 3))
        elif top < current:
            target = top
        elif top + height > current + view:
            target = top + height - view if height <= view else top
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    def _settle_item(self, index: int) -> None:
        """Draw the items just above and at `index`, so a jump lands on exact heights."""
        changed = False
        for near in range(max(0, index - 3), min(len(self._items), index + 2)):
            strips = self._render_item(near)
            if len(strips) != self._heights[near]:
                self._heights[near] = len(strips)
                changed = True
        if changed:
            self._update_offsets()

    def _set_cursor(self, seq: int) -> None:
        if not self.turns:
            return
        seq = max(0, min(len(self.turns) - 1, seq))
        old = self.cursor
        self.cursor = seq
        for changed in {old, seq}:
            if 0 <= changed < len(self.turns):
                self._invalidate(self._turn_item[changed])
        self._scroll_to_item(self._turn_item[seq])
        self.refresh()

    def _invalidate(self, index: int) -> None:
        for key in [k for k in self._strips.keys() if k[0] == index]:  # noqa: SIM118 - LRUCache has no __iter__
            self._strips.discard(key)

    def action_next_turn(self) -> None:
        if self.cursor >= len(self.turns) - 1 and self.turns:
            self.scroll_to(y=self._offsets[-1], animate=False, force=True)
            return
        self._set_cursor(self.cursor + 1)

    def action_previous_turn(self) -> None:
        if self.cursor <= 0:
            self.scroll_to(y=0, animate=False, force=True)
            return
        self._set_cursor(self.cursor - 1)

    def action_next_section(self) -> None:
        current = self.current_section_index()
        for index, item_index in enumerate(self._section_item):
            if current is None or index > current:
                turn = self._first_turn_from(item_index)
                if turn is not None:
                    self._set_cursor(turn)
                    self._scroll_to_item(self._section_item[index], center=False)
                    return

    def action_previous_section(self) -> None:
        current = self.current_section_index()
        if current is None:
            return
        first_of_current = self._first_turn_from(self._section_item[current])
        target = current if first_of_current is not None and self.cursor > first_of_current else current - 1
        while target >= 0:
            turn = self._first_turn_from(self._section_item[target])
            if turn is not None:
                self._set_cursor(turn)
                self._scroll_to_item(self._section_item[target])
                return
            target -= 1
        self.action_top()

    def jump_to_section(self, section: int) -> None:
        if not 0 <= section < len(self._section_item):
            return
        item_index = self._section_item[section]
        turn = self._first_turn_from(item_index)
        if turn is not None:
            self._set_cursor(turn)
        self._settle_item(item_index)
        self.scroll_to(y=self._offsets[item_index], animate=False, immediate=True, force=True)

    def _first_turn_from(self, item_index: int) -> int | None:
        section = self._items[item_index].section if item_index < len(self._items) else None
        for item in self._items[item_index:]:
            if item.section != section:
                return None
            if item.kind == TURN:
                return item.turn
        return None

    def action_top(self) -> None:
        if self.turns:
            self._set_cursor(0)
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def action_bottom(self) -> None:
        if self.turns:
            self._set_cursor(len(self.turns) - 1)
        self._settle_item(len(self._items) - 1)
        self.scroll_to(y=self._offsets[-1], animate=False, immediate=True, force=True)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)
        self._cursor_to_view()

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)
        self._cursor_to_view()

    def _cursor_to_view(self) -> None:
        """After paging, put the cursor on the first turn that starts on screen."""
        top = round(self.scroll_y)
        index = self._item_at(top)
        while index < len(self._items) and self._items[index].kind != TURN:
            index += 1
        if index < len(self._items):
            old = self.cursor
            self.cursor = self._items[index].turn
            for changed in {old, self.cursor}:
                if 0 <= changed < len(self.turns):
                    self._invalidate(self._turn_item[changed])
            self.refresh()

    # originals and modes ------------------------------------------------------------------------------------

    def action_toggle_original(self) -> None:
        if self.cursor < 0:
            return
        turn = self.turns[self.cursor]
        if not turn.original:
            self.app.notify("This turn has no English original.", timeout=2)
            return
        self._toggled ^= {self.cursor}
        index = self._turn_item[self.cursor]
        self._invalidate(index)
        self._heights[index] = self._estimate(self._items[index], self._width)
        self._update_offsets()
        self._settle_item(index)
        self._scroll_to_item(index)
        self.refresh()

    def action_toggle_all(self) -> None:
        if not self.turns:
            return
        every = all(self.is_revealed(seq) for seq, turn in enumerate(self.turns) if turn.original)
        self._reveal_all = not every
        self._toggled.clear()
        self._reflow()

    def action_side_by_side(self) -> None:
        self.side_by_side = not self.side_by_side

    def watch_side_by_side(self) -> None:
        self._reflow()

    def _reflow(self) -> None:
        """Re-estimate after a change that affects many items, keeping the cursor's turn in place."""
        anchor = self._turn_item[self.cursor] if self.cursor >= 0 else self._item_at(round(self.scroll_y))
        delta = round(self.scroll_y) - self._offsets[anchor] if self._items else 0
        self._relayout()
        if self._items:
            self._settle_item(anchor)
            self.scroll_to(y=max(0, self._offsets[anchor] + min(delta, 0)), animate=False, immediate=True, force=True)
        self.refresh()

    def action_toc(self) -> None:
        if self.post is None or not any(s.title for s in self.post.sections):
            self.app.notify("This post has no sections.", timeout=2)
            return
        from ..screens.toc import TocScreen

        self.app.push_screen(TocScreen(self.post, self.current_section_index()), self._toc_chosen)

    def _toc_chosen(self, section: int | None) -> None:
        if section is not None:
            self.jump_to_section(section)

    # copying and links --------------------------------------------------------------------------------------

    def turn_citation(self, seq: int) -> Citation | None:
        post = self.post
        if post is None or not 0 <= seq < len(self.turns):
            return None
        turn = self.turns[seq]
        section = post.sections[self._items[self._turn_item[seq]].section].title
        return Citation(text=turn.text, speaker=turn.speaker or turn.original_speaker, title=post.title,
                        date=post.date.isoformat() if post.date else None, source=post.source,
                        original=turn.original, original_speaker=turn.original_speaker, section=section)

    def action_copy_turn(self) -> None:
        found = self.turn_citation(self.cursor)
        if found is None:
            self.app.notify("Nothing to copy here.", timeout=2)
            return
        self.app.copy_text(citation.plain(found), "the quote")

    def action_copy_section(self) -> None:
        index = self.current_section_index()
        if self.post is None or index is None:
            self.app.notify("Nothing to copy here.", timeout=2)
            return
        self.app.copy_text(citation.section_block(self.post, self.post.sections[index]), "the section")

    def action_open_source(self) -> None:
        url = self.post.source if self.post else None
        if not url:
            self.app.notify("This post has no source URL.", timeout=3)
            return
        if not is_web_url(url):
            self.app.copy_to_clipboard(url)
            self.app.notify(f"Not opened (only http and https links are): {url}", severity="warning", timeout=6)
            return
        if can_open_browser():
            self.app.open_url(url)
            self.app.notify(f"Opening {url}", timeout=3)
        else:
            self.app.copy_to_clipboard(url)
            self.app.notify(f"No browser here; copied the link: {url}", timeout=6)

    # events -------------------------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        index = self._item_at(round(self.scroll_y) + event.y)
        if index < len(self._items) and self._items[index].kind == TURN:
            self._set_cursor(self._items[index].turn)
            if event.chain >= 2:
                self.action_toggle_original()

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

