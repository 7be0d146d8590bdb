"""The status line: the state of the index (building, up to date), problems, and the list's sort order."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


class StatusBar(Static):
    """One line under the panes: index state on the left, problems and sort order on the right."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    index_state: reactive[str] = reactive("opening the index…")
    problems: reactive[int] = reactive(0)
    sort: reactive[str] = reactive("date")

    def render(self) -> Text:
        text = Text(self.index_state, no_wrap=True, overflow="ellipsis")
        right = Text()
        if self.problems:
            right.append(f"{self.problems} file problem{'s' if self.problems != 1 else ''} (p) ", style="bold")
        right.append(f"sort: {self.sort} (S)")
        width = self.size.width or 80
        gap = max(1, width - text.cell_len - right.cell_len)
        text.append(" " * gap)
        text.append_text(right)
        text.truncate(width)
        return text

    def building(self, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        self.index_state = f"indexing {done:,}/{total:,} files ({percent}%)…"
