"""The post list: one line per post (date, title, channel), as a Line-API view.

Written on `ScrollView` rather than `OptionList`: only the rows on screen are rendered, so showing or replacing
10,000+ posts costs the same as 20 (an OptionList takes about 1.2 s to show 10,000 options and 0.8 s to replace
them). Rows are ranks into the index snapshot; the list keeps the cursor on the same post when rows change.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from ..core.index.snapshot import PostSummary, Snapshot
from .cursor_list import CursorList


class PostList(CursorList):
    """A virtual list of posts with a cursor."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("enter,l,right", "select", "Open", id="list.open"),
    ]

    COMPONENT_CLASSES = {"post-list--cursor", "post-list--date", "post-list--channel", "post-list--problem",
                         "post-list--empty"}

    DEFAULT_CSS = """
    PostList { overflow-x: hidden; }
    PostList > .post-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground;
                                    text-style: $block-cursor-text-style; }
    PostList:blur > .post-list--cursor { background: $block-cursor-blurred-background;
                                         color: $block-cursor-blurred-foreground;
                                         text-style: $block-cursor-blurred-text-style; }
    PostList > .post-list--date { color: $text-secondary; }
    PostList > .post-list--channel { color: $text-muted; }
    PostList > .post-list--problem { color: $text-warning; text-style: bold; }
    PostList > .post-list--empty { color: $text-muted; text-style: italic; }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another post."""

        post_list: PostList
        post: PostSummary | None

        @property
        def control(self) -> PostList:
            return self.post_list

    @dataclass
    class Selected(Message):
        """A post was chosen (enter or click)."""

        post_list: PostList
        post: PostSummary

        @property
        def control(self) -> PostList:
            return self.post_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._snapshot: Snapshot | None = None
        self._rows: list[int] = []
        self._cache: LRUCache[tuple, Strip] = LRUCache(512)
        self._anchor: str | None = None
        """The path of the post the user last chose: the cursor returns to it whenever it is in the list."""
        self.empty_message = "No posts."

    # data ---------------------------------------------------------------------------------------------------

    @property
    def rows(self) -> list[int]:
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def current(self) -> PostSummary | None:
        if self._snapshot is None or not self._rows or not 0 <= self.cursor < len(self._rows):
            return None
        return self._snapshot.posts[self._rows[self.cursor]]

    def set_rows(self, snapshot: Snapshot, rows: list[int]) -> None:
        """Show `rows` (snapshot ranks); the cursor stays on the post the user chose while it is listed."""
        self._snapshot = snapshot
        self._rows = rows
        self._cache.clear()
        cursor = 0
        if self._anchor is not None and rows:
            posts = snapshot.posts
            cursor = next((i for i, rank in enumerate(rows) if posts[rank].path == self._anchor), 0)
        self.virtual_size = Size(self.size.width, len(rows))
        self.cursor = cursor
        self.scroll_cursor_into_view(center=True)
        self.refresh()

    # keys ---------------------------------------------------------------------------------------------------

    def action_select(self) -> None:
        post = self.current
        if post is not None:
            self.post_message(self.Selected(self, post))

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index`: the user's choice, kept across changes of the list."""
        super().move_to(index)
        self._anchor = self.current.path if self.current else None

    def watch_cursor(self) -> None:
        self._cache.clear()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._rows))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # rendering ----------------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = round(self.scroll_y) + y
        base = self.rich_style
        if not self._rows:
            if y == 1:
                style = self.get_component_rich_style("post-list--empty")
                return Strip([Segment(set_cell_size(f"  {self.empty_message}", width), base + style)])
            return Strip.blank(width, base)
        if row >= len(self._rows):
            return Strip.blank(width, base)
        selected = row == self.cursor
        key = (self._rows[row], width, selected, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(self._snapshot.posts[self._rows[row]], width, selected)
            self._cache[key] = strip
        return strip.apply_offsets(0, row)

    def _render_row(self, post: PostSummary, width: int, selected: bool) -> Strip:
        base = self.rich_style
        if selected:
            base = base + self.get_component_rich_style("post-list--cursor")
        date_style = base if selected else base + self.get_component_rich_style("post-list--date")
        channel_style = base if selected else base + self.get_component_rich_style("post-list--channel")
        mark_style = base + self.get_component_rich_style("post-list--problem")
        date = post.date or "    —     "
        channel = (post.channel or "")
        channel_width = min(cell_len(channel), max(0, width // 4), 24)
        mark = "!" if post.problems else " "
        title_width = max(0, width - 11 - 2 - (channel_width + 1 if channel_width else 0))
        segments = [
            Segment(f"{date:<10} ", date_style),
            Segment(mark, mark_style),
            Segment(" ", base),
            Segment(_fit(post.title, title_width), base),
        ]
        if channel_width:
            segments.append(Segment(" " + _fit(channel, channel_width), channel_style))
        return Strip(segments).adjust_cell_length(width, base)


def _fit(text: str, width: int) -> str:
    """`text` cut (with an ellipsis) or padded to exactly `width` cells; CJK characters count two."""
    if width <= 0:
        return ""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
