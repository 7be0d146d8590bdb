"""Quote lookup (`s`): type a speaker (completed from known speakers, most frequent first) and words.

Results are turns, live as you type, within the facet filters chosen in the browser. Enter opens the post at
the quote with its original revealed; `escape` comes back here with the cursor where it was. `y` copies the
quote as a citation, `Y` its whole section.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..core import citation
from ..core.index.engine import Quote, QuoteResult
from ..core.query import Query, QueryError, parse_query
from ..widgets.quote_list import QuoteList

PAGE = 500


class QuotesScreen(Screen):
    """Find what someone said."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="quotes.back"),
        Binding("y", "copy_quote", "Copy quote", id="quotes.copy"),
        Binding("Y", "copy_section", "Copy section", show=False, id="quotes.copy_section"),
        Binding("slash", "focus_words", "Words", show=False, id="quotes.words"),
        Binding("at", "focus_speaker", "Speaker", show=False, id="quotes.speaker"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choices: dict[str, list[str]] = {}
        self._speaker_names: list[str] = []
        self._suggested: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="quotes-top"):
            with Horizontal(id="quotes-inputs"):
                yield Input(placeholder="speaker: Host, 主持人, a name…", id="speaker")
                yield Input(placeholder="words, \"a phrase\", tag:…", id="words")
            yield OptionList(id="speaker-suggestions")
            yield Static("", id="quotes-error")
            yield Label("", id="quotes-count")
        yield QuoteList(id="quote-results")
        yield Footer()

    def on_mount(self) -> None:
        from .main import MainScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                self.choices = {name: list(values) for name, values in screen.choices.items() if values}
        self.query_one("#speaker", Input).focus()
        self._load_speakers()
        self._update_count(None)

    # speakers -----------------------------------------------------------------------------------------------

    @work(thread=True, exit_on_error=False)
    def _load_speakers(self) -> None:
        groups = self.app.library.use(lambda engine: engine.speakers.complete("", limit=100_000))
        names = [group.name for group in groups]
        self.app.call_from_thread(self._speakers_loaded, names)

    def _speakers_loaded(self, names: list[str]) -> None:
        self._speaker_names = names
        self.query_one("#speaker", Input).suggester = SuggestFromList(names, case_sensitive=False)
        self._suggest(self.query_one("#speaker", Input).value)

    @on(Input.Changed, "#speaker")
    def _speaker_changed(self, event: Input.Changed) -> None:
        self._suggest(event.value)
        self._lookup()

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def _suggest(self, typed: str) -> None:
        groups = self.app.library.use(lambda engine: engine.speakers.complete(typed, limit=8))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_suggestions, typed, groups)

    def _show_suggestions(self, typed: str, groups) -> None:
        box = self.query_one("#speaker-suggestions", OptionList)
        box.clear_options()
        self._suggested.clear()
        exact = len(groups) == 1 and groups[0].name.casefold() == typed.strip().casefold()
        if not groups or exact or not self.query_one("#speaker", Input).has_focus:
            box.remove_class("-active")
            return
        for group in groups:
            label = Text(group.name, style="bold")
            kind = " (a different speaker in each post)" if group.generic and group.posts > 1 else ""
            label.append(f"  {group.turns:,} turns · {group.posts:,} posts{kind}", style="dim")
            box.add_option(Option(label, id=group.group))
            self._suggested[group.group] = group.name
        box.add_class("-active")

    @on(OptionList.OptionSelected, "#speaker-suggestions")
    def _suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        speaker = self.query_one("#speaker", Input)
        speaker.value = self._suggested.get(event.option.id or "", "")
        self.query_one("#speaker-suggestions").remove_class("-active")
        self.query_one("#words", Input).focus()

    def on_key(self, event) -> None:
        box = self.query_one("#speaker-suggestions", OptionList)
        speaker = self.query_one("#speaker", Input)
        if event.key == "down" and speaker.has_focus and box.has_class("-active"):
            box.focus()
            box.highlighted = 0
            event.stop()

    @on(Input.Blurred, "#speaker")
    def _speaker_left(self) -> None:
        if self.focused is not self.query_one("#speaker-suggestions"):
            self.query_one("#speaker-suggestions").remove_class("-active")

    @on(Input.Submitted, "#speaker")
    def _speaker_submitted(self) -> None:
        self.query_one("#speaker-suggestions").remove_class("-active")
        self.query_one("#words", Input).focus()

    @on(Input.Changed, "#words")
    def _words_changed(self) -> None:
        self._lookup()

    @on(Input.Submitted, "#words")
    def _words_submitted(self) -> None:
        self.query_one(QuoteList).focus()

    # lookup -------------------------------------------------------------------------------------------------

    def _lookup(self) -> None:
        speaker = self.query_one("#speaker", Input).value.strip()
        words = self.query_one("#words", Input).value
        error = self.query_one("#quotes-error", Static)
        try:
            query = parse_query(words)
        except QueryError as problem:
            error.update(str(problem))
            error.add_class("-active")
            return
        error.update("")
        error.remove_class("-active")
        if not speaker and not query.texts():
            self.query_one(QuoteList).set_quotes([], [])
            self._update_count(None)
            return
        self._run(query, speaker or None)

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def _run(self, query: Query, speaker: str | None) -> None:
        worker = get_current_worker()
        result = self.app.library.use(
            lambda engine: None if worker.is_cancelled else engine.quotes(
                query, self.choices, speaker=speaker, limit=PAGE))
        if result is not None and not worker.is_cancelled:
            terms = [t.text for t in query.texts()]
            self.app.call_from_thread(self._show, result, terms)

    def _show(self, result: QuoteResult, terms: list[str]) -> None:
        self.query_one(QuoteList).set_quotes(result.quotes, terms)
        self._update_count(result)

    def _update_count(self, result: QuoteResult | None) -> None:
        within = ""
        if self.choices:
            chosen = ", ".join(f"{name}:{value}" for name, values in self.choices.items() for value in values)
            within = f" within {chosen}"
        if result is None:
            text = f"Find quotes{within}: type a speaker and/or words."
        else:
            shown = f", showing the newest {len(result.quotes)}" if len(result.quotes) < result.total else ""
            text = f"{result.total:,} quotes{within}{shown}"
        self.query_one("#quotes-count", Label).update(text)

    # opening and copying ------------------------------------------------------------------------------------

    @on(QuoteList.Selected)
    def _open(self, event: QuoteList.Selected) -> None:
        self._open_post(event.quote)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_post(self, quote: Quote) -> None:
        post = self.app.library.use(lambda engine: engine.load_post(quote.turn_id >> 24))
        if post is not None:
            self.app.call_from_thread(self._push_reader, post, quote.turn)

    def _push_reader(self, post, turn: int) -> None:
        from .reader import ReaderScreen

        terms = self.query_one(QuoteList).terms
        self.app.push_screen(ReaderScreen(post, turn=turn, reveal=True, terms=terms))

    def action_copy_quote(self) -> None:
        quote = self.query_one(QuoteList).current
        if quote is None:
            self.notify("No quote to copy.", timeout=2)
            return
        self.app.copy_text(citation.plain(quote.citation()), "the quote")

    @work(thread=True, exit_on_error=False)
    def action_copy_section(self) -> None:
        quote = self.query_one(QuoteList).current
        if quote is None:
            return
        post = self.app.library.use(lambda engine: engine.load_post(quote.turn_id >> 24))
        section = citation.section_of_turn(post, quote.turn) if post else None
        if post is not None and section is not None:
            self.app.call_from_thread(self.app.copy_text, citation.section_block(post, section), "the section")

    def action_focus_words(self) -> None:
        self.query_one("#words", Input).focus()

    def action_focus_speaker(self) -> None:
        self.query_one("#speaker", Input).focus()

    def action_back(self) -> None:
        box = self.query_one("#speaker-suggestions", OptionList)
        if box.has_class("-active"):
            box.remove_class("-active")
            self.query_one("#speaker", Input).focus()
            return
        self.dismiss()
