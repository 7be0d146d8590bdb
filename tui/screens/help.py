"""Every key binding of the app (`?` or F1), grouped by where it works, with the user's keymap applied.

The list is read from the widgets' own `BINDINGS`, so it cannot drift from what the keys do. Each line also shows
the binding's id: the name to use in `keymap.toml` to change its keys.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..settings import config_dir


def _sections() -> list[tuple[str, list[Binding]]]:
    from ..app import TranscriptsApp
    from ..widgets.facet_list import FacetList
    from ..widgets.post_list import PostList
    from ..widgets.quote_list import QuoteList
    from ..widgets.transcript import TranscriptView
    from .main import MainScreen
    from .quotes import QuotesScreen
    from .reader import ReaderScreen

    return [
        ("Everywhere", TranscriptsApp.BINDINGS),
        ("Browser", MainScreen.BINDINGS),
        ("Post list", PostList.BINDINGS),
        ("Facets", FacetList.BINDINGS),
        ("Reading a post", TranscriptView.BINDINGS + ReaderScreen.BINDINGS),
        ("Quotes", QuotesScreen.BINDINGS + QuoteList.BINDINGS),
    ]


class HelpScreen(ModalScreen[None]):
    """A scrollable table of all bindings."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(self._table(), id="help-table")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def _table(self) -> Table:
        keymap = getattr(self.app, "keymap", {}) or {}
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_column(style="dim", no_wrap=True)
        table.add_row(Text("Keys", style="bold underline"), Text("transcripts", style="bold underline"), "")
        for title, bindings in _sections():
            table.add_row("", "", "")
            table.add_row(Text(title, style="bold reverse"), "", "")
            for binding in bindings:
                keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
                shown = ", ".join(self.app.get_key_display(Binding(key.strip(), "")) for key in keys.split(","))
                table.add_row(shown, binding.description, binding.id or "")
        table.add_row("", "", "")
        table.add_row("", Text(f"Change keys in {config_dir() / 'keymap.toml'}:  \"detail.original\" = \"o\"",
                               style="dim"), "")
        table.add_row("", Text("ctrl+p opens the command palette; every command is also there.", style="dim"), "")
        return table

    def action_close(self) -> None:
        self.dismiss(None)
