"""A Line-API list of fixed-height rows with a cursor: the movement, paging and clicking the lists share.

Subclasses (posts, facet values, quotes) say how many rows they have and how tall a row is, and draw rows in
`render_line`; their own `BINDINGS` name the keys (each with its own id for keymaps) and map to these actions.
"""

from __future__ import annotations

from textual import events
from textual.reactive import reactive
from textual.scroll_view import ScrollView


class CursorList(ScrollView, can_focus=True):
    """Rows of `ROW_HEIGHT` lines, one of them under the cursor, always scrolled into view."""

    ROW_HEIGHT = 1

    cursor: reactive[int] = reactive(0, always_update=True)

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` (clamped) and scroll it into view."""
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, index))
            self.scroll_cursor_into_view()

    def scroll_cursor_into_view(self, *, center: bool = False) -> None:
        step = self.ROW_HEIGHT
        view = self.scrollable_content_region.height or step
        top, bottom = self.cursor * step, (self.cursor + 1) * step
        current = round(self.scroll_y)
        if center and not (current <= top and bottom <= current + view):
            target = top - max(0, (view - step) // 2)
        elif top < current:
            target = top
        elif bottom > current + view:
            target = bottom - view
        else:
            return
        self.scroll_to(y=max(0, target), animate=False, immediate=True, force=True)

    @property
    def page_rows(self) -> int:
        return max(1, (self.scrollable_content_region.height or self.ROW_HEIGHT) // self.ROW_HEIGHT - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self.page_rows)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self.page_rows)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.row_count - 1)

    def action_select(self) -> None:
        """Enter on a row; subclasses say what it does."""

    def watch_cursor(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = (round(self.scroll_y) + event.y) // self.ROW_HEIGHT
        if 0 <= index < self.row_count:
            again = index == self.cursor and event.chain >= 2
            self.move_to(index)
            if again:
                self.action_select()
