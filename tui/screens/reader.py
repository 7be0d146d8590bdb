"""A post full screen: the detail pane alone, for narrow terminals and for quotes opened at a turn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from ..core.model import Post
from ..widgets.transcript import TranscriptView


class ReaderScreen(Screen):
    """One post; `escape` goes back to where it was opened from."""

    BINDINGS = [Binding("escape", "back", "Back", id="reader.back")]

    def __init__(self, post: Post, *, turn: int | None = None, reveal: bool = False,
                 terms: list[str] | None = None) -> None:
        super().__init__()
        self.post = post
        self.turn = turn
        self.reveal = reveal
        self.terms = terms or []

    def compose(self) -> ComposeResult:
        yield TranscriptView(id="reader")
        yield Footer()

    def on_mount(self) -> None:
        view = self.query_one(TranscriptView)
        view.focus()
        self.call_after_refresh(view.show, self.post, turn=self.turn, reveal=self.reveal, terms=self.terms)

    def action_back(self) -> None:
        self.dismiss()
