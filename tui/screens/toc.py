"""The table of contents of a post (`t`): pick a section to jump to it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..core.model import Post


class TocScreen(ModalScreen[int | None]):
    """Sections of a post; enter jumps, escape closes. Returns the chosen section's index."""

    BINDINGS = [Binding("escape,t", "close", "Close", id="toc.close")]

    def __init__(self, post: Post, current: int | None) -> None:
        super().__init__()
        self.post = post
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="toc-box", classes="dialog"):
            yield Label(Text(f"Contents · {self.post.title}", no_wrap=True, overflow="ellipsis"),
                        classes="dialog-title")
            options = []
            for index, section in enumerate(self.post.sections):
                if not section.title:
                    continue
                indent = "  " * max(0, section.level - min(s.level for s in self.post.sections if s.title))
                label = Text(f"{indent}{section.title}")
                label.append(f"  {len(section.turns)}", style="dim")
                options.append(Option(label, id=str(index)))
            yield OptionList(*options, id="toc")

    def on_mount(self) -> None:
        toc = self.query_one(OptionList)
        if self.current is not None:
            for position in range(toc.option_count):
                if int(toc.get_option_at_index(position).id) <= self.current:
                    toc.highlighted = position
        toc.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_close(self) -> None:
        self.dismiss(None)
