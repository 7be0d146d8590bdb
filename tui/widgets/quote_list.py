"""Quote results: each found turn as a fixed-height block (who, where, the words with hits highlighted).

A Line-API view: a broad lookup returns thousands of turns, and fixed-height blocks make row `y` simply quote
`y // BLOCK`, so only what is on screen is drawn. The side of the turn that matched (translation or original)
comes first, cut around its first hit; the other side follows, dimmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from ..core.index.engine import Quote
from ..core.index.highlight import find_spans
from ..rendering import highlight_terms, inline, wrap
from .cursor_list import CursorList

BLOCK = 6
"""Lines per quote: header, two of the matching side, two of the other side, a gap."""


class QuoteList(CursorList):
    """Found quotes with a cursor; enter opens the post at the quote."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="quotes.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="quotes.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="quotes.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="quotes.page_up"),
        Binding("home,g", "first", "First", show=False, id="quotes.first"),
        Binding("end,G", "last", "Last", show=False, id="quotes.last"),
        Binding("enter", "select", "Open at quote", id="quotes.open"),
    ]

    COMPONENT_CLASSES = {"quote-list--speaker", "quote-list--title", "quote-list--date", "quote-list--other",
                         "quote-list--hit", "quote-list--cursor", "quote-list--empty"}

    DEFAULT_CSS = """
    QuoteList { overflow-x: hidden; }
    QuoteList > .quote-list--speaker { color: $text-accent; text-style: bold; }
    QuoteList > .quote-list--title { text-style: bold; }
    QuoteList > .quote-list--date { color: $text-muted; }
    QuoteList > .quote-list--other { color: $text-muted; }
    QuoteList > .quote-list--hit { background: $warning 40%; text-style: bold; }
    QuoteList > .quote-list--cursor { background: $boost; }
    QuoteList:focus > .quote-list--cursor { background: $primary 18%; }
    QuoteList > .quote-list--empty { color: $text-muted; text-style: italic; }
    """

    ROW_HEIGHT = BLOCK

    @dataclass
    class Selected(Message):
        """Enter was pressed on a quote."""

        quote: Quote

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.quotes: list[Quote] = []
        self.terms: list[str] = []
        self.empty_message = "Type a speaker and/or words to find quotes."
        self._cache: LRUCache[tuple, list[Strip]] = LRUCache(128)

    def set_quotes(self, quotes: list[Quote], terms: list[str], *, keep: bool = False) -> None:
        current = self.current.turn_id if keep and self.current else None
        self.quotes = quotes
        self.terms = terms
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(quotes) * BLOCK)
        index = 0
        if current is not None:
            index = next((i for i, q in enumerate(quotes) if q.turn_id == current), 0)
        self.cursor = index
        if not keep:
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()

    @property
    def current(self) -> Quote | None:
        return self.quotes[self.cursor] if 0 <= self.cursor < len(self.quotes) else None

    # movement -----------------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.quotes)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_resize(self) -> None:
        self._cache.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # drawing ------------------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.quotes:
            if y == 1:
                style = base + self.get_component_rich_style("quote-list--empty")
                return Strip.blank(2, base) + Strip(Text(self.empty_message, style=style).render(
                    self.app.console)).adjust_cell_length(width - 2, base)
            return Strip.blank(width, base)
        line = round(self.scroll_y) + y
        index, within = divmod(line, BLOCK)
        if index >= len(self.quotes):
            return Strip.blank(width, base)
        key = (index, width, index == self.cursor, self.has_focus)
        block = self._cache.get(key)
        if block is None:
            block = self._render_block(self.quotes[index], width, index == self.cursor)
            self._cache[key] = block
        return block[within]

    def _render_block(self, quote: Quote, width: int, selected: bool) -> list[Strip]:
        base = self.rich_style
        if selected:
            base = base + self.get_component_rich_style("quote-list--cursor")
        hit = self.get_component_rich_style("quote-list--hit")
        other_style = self.get_component_rich_style("quote-list--other")
        header = Text(no_wrap=True, overflow="ellipsis")
        who = quote.speaker or quote.original_speaker or "(narration)"
        header.append(f" {who}", style=self.get_component_rich_style("quote-list--speaker"))
        if quote.original_speaker and quote.speaker and quote.original_speaker != quote.speaker:
            header.append(f" ({quote.original_speaker})", style=other_style)
        header.append("  ")
        header.append(quote.post.title, style=self.get_component_rich_style("quote-list--title"))
        if quote.post.date:
            header.append(f"  {quote.post.date}", style=self.get_component_rich_style("quote-list--date"))
        first, second = quote.text, quote.original or ""
        if self.terms and not find_spans(first, self.terms) and find_spans(second, self.terms):
            first, second = second, first
        lines = [header]
        lines += self._excerpt(first, width - 4, 2, hit, Style())
        lines += self._excerpt(second, width - 4, 2, hit, other_style)
        strips = []
        console = self.app.console
        for index, text in enumerate(lines):
            indent = 0 if index == 0 else 3
            rendered = console.render_lines(text, console.options.update_width(max(1, width - indent)),
                                            style=base, pad=True)[0]
            strips.append(Strip.blank(indent, base) + Strip(rendered) if indent else Strip(rendered))
        strips = [strip.adjust_cell_length(width, base) for strip in strips]
        if selected:
            mark = base + Style(bold=True)
            strips = [Strip([Segment("▌", mark), *strip.crop(1)]) for strip in strips]
        strips.append(Strip.blank(width, self.rich_style))
        return strips

    def _excerpt(self, source: str, width: int, count: int, hit: Style, style: Style) -> list[Text]:
        """`count` lines of `source` wrapped at `width`, starting a little before the first hit."""
        if not source:
            return [Text("") for _ in range(count)]
        flat = " ".join(source.split())
        spans = find_spans(flat, self.terms) if self.terms else []
        if spans and spans[0][0] > width // 2:
            flat = "…" + flat[spans[0][0] - width // 4 :]
        text = inline(flat, style)
        if self.terms:
            highlight_terms(text, self.terms, hit)
        wrapped = wrap(text, max(8, width)).split("\n")
        out = list(wrapped)[:count]
        if len(wrapped) > count and out:
            last = out[-1]
            last.truncate(max(1, width - 1))
            last.append("…")
        while len(out) < count:
            out.append(Text(""))
        for line in out:
            line.no_wrap = True
            line.overflow = "ellipsis"
        return out

