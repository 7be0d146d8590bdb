"""The browser: facets | post list | detail, with the search box, active filters and the index status.

State that several widgets show lives here: the query text, the chosen facet values and the sort order. A change
to any of them runs a search worker (the previous one is cancelled): the list is answered first, the facet counts
once it is drawn, and the post under the cursor a moment later. Below 140 columns the facets become a panel
toggled with `f`; below 110 a post also opens full screen (`escape` returns to the list).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, Static
from textual.worker import get_current_worker

from ..core.index import bitset
from ..core.index.snapshot import Snapshot
from ..core.model import Post
from ..core.query import Query, QueryError, parse_query
from ..widgets.facet_list import FacetList
from ..widgets.filter_bar import FilterBar
from ..widgets.post_list import PostList
from ..widgets.status_bar import StatusBar
from ..widgets.transcript import TranscriptView

NARROW_WIDTH = 110
"""Below this many columns the list is alone and a post opens full screen."""
PANEL_WIDTH = 140
"""Below this many columns the facets are a panel (`f`) instead of a pane."""
DETAIL_DELAY = 0.12
"""Seconds the detail pane waits after a new search result before showing the post under the cursor."""
SORTS = ("date", "title", "channel")


@dataclass
class _Results:
    ranks: list[int]
    total: int
    terms: list[str]


class MainScreen(Screen):
    """Facets, the post list and the detail pane."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="main.search"),
        Binding("f", "toggle_facets", "Facets", id="main.facets"),
        Binding("S", "cycle_sort", "Sort", show=False, id="main.sort"),
        Binding("escape", "back", "Back", show=False, id="main.back"),
        Binding("z", "read_full", "Full screen", show=False, id="main.full_screen"),
        Binding("tab", "focus_next", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="main.previous_pane"),
        Binding("ctrl+x", "clear_filters", "Clear filters", show=False, id="main.clear_filters"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.choices: dict[str, dict[str, str]] = {}
        self.sort = "date"
        self._snapshot: Snapshot | None = None
        self._opened_path: str | None = None
        self._detail_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="facets"):
                yield Input(placeholder="filter values…", id="facet-filter")
                yield FacetList(id="facet-list")
            with Vertical(id="list-pane"):
                with Horizontal(id="search-row"):
                    yield Input(placeholder="/ search: words, \"phrases\", tag:x speaker:y year:2025",
                                id="search")
                    yield Label("", id="count")
                yield Static("", id="query-error")
                yield FilterBar(id="filters")
                yield PostList(id="posts")
            yield TranscriptView(id="detail")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.post_list.focus()
        self._layout_for(self.app.size.width)
        # The post list of the index as it stands is a few milliseconds away: show it before anything else
        # (facet counts, checking the archive for changes) starts in the background.
        snapshot = self.app.library.open()
        self._show_list(snapshot, list(range(snapshot.size)), snapshot.size)
        self._snapshot_ready(snapshot)
        self._open_index()

    # widgets ------------------------------------------------------------------------------------------------

    @property
    def post_list(self) -> PostList:
        return self.query_one("#posts", PostList)

    @property
    def detail(self) -> TranscriptView:
        return self.query_one("#detail", TranscriptView)

    @property
    def facet_list(self) -> FacetList:
        return self.query_one("#facet-list", FacetList)

    @property
    def status(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    # layout -------------------------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._layout_for(self.size.width)

    def _layout_for(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        self.set_class(width < PANEL_WIDTH, "-facet-panel")
        if narrow != self.narrow:
            self.set_class(narrow, "-narrow")
            if narrow and self.focused is self.detail:
                self.post_list.focus()

    @property
    def facets_as_panel(self) -> bool:
        return self.has_class("-facet-panel")

    def action_toggle_facets(self) -> None:
        panel = self.facets_as_panel
        showing = self.has_class("-facets-shown") if panel else not self.has_class("-facets-hidden")
        if panel:
            self.set_class(not showing, "-facets-shown")
        else:
            self.set_class(showing, "-facets-hidden")
        if not showing:
            self.facet_list.focus()
        elif self.focused is not None and self.query_one("#facets") in self.focused.ancestors:
            self.post_list.focus()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        focused = self.focused
        if focused is not None and focused.id in ("search", "facet-filter") and focused.value:
            focused.value = ""
            return
        if self.facets_as_panel and self.has_class("-facets-shown"):
            self.set_class(False, "-facets-shown")
        self.post_list.focus()

    def action_read_full(self) -> None:
        post = self.detail.post
        if post is not None:
            self.open_reader(post, turn=self.detail.cursor if self.detail.cursor >= 0 else None)

    def action_cycle_sort(self) -> None:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        self.status.sort = sort
        self._search()

    # the index ----------------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _open_index(self) -> None:
        library = self.app.library
        if not self.app.watch_index:
            self.app.call_from_thread(self._index_done, None)
            return

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self.status.building, done, total)
            fresh = library.reload_if_changed()
            if fresh is not None:
                self.app.call_from_thread(self._snapshot_ready, fresh)

        def waiting() -> None:
            self.app.call_from_thread(setattr, self.status, "index_state",
                                      "another process is updating this index; showing what it has…")

        report = library.archive.refresh(progress=progress, on_wait=waiting)
        fresh = library.reload_if_changed()
        if fresh is not None:
            self.app.call_from_thread(self._snapshot_ready, fresh)
        self.app.call_from_thread(self._index_done, report)

    def _snapshot_ready(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self._search()

    def _index_done(self, report) -> None:
        library = self.app.library
        count = library.snapshot.size if library.snapshot else 0
        changed = ""
        if report is not None and report.touched:
            changed = (f" ({len(report.added)} added, {len(report.changed)} changed, "
                       f"{len(report.removed)} removed)")
        self.status.index_state = f"index up to date: {count:,} posts{changed}"
        for notice in library.archive.notices:
            self.notify(notice, severity="warning", timeout=8)
        self._count_problems()

    @work(thread=True, exclusive=True, group="problems", exit_on_error=False)
    def _count_problems(self) -> None:
        problems = len({problem.path for problem in self.app.library.use(lambda engine: engine.problems())})
        self.app.call_from_thread(setattr, self.status, "problems", problems)

    # searching ----------------------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._search()

    @on(Input.Submitted, "#search")
    def _query_submitted(self) -> None:
        self.post_list.focus()

    @on(Input.Changed, "#facet-filter")
    def _facet_filter_changed(self, event: Input.Changed) -> None:
        self.facet_list.set_filter(event.value)

    @on(Input.Submitted, "#facet-filter")
    def _facet_filter_submitted(self) -> None:
        self.facet_list.focus()

    def _search(self) -> None:
        if self._snapshot is None:
            return
        try:
            query = parse_query(self.query_text)
        except QueryError as error:
            self._show_error(str(error))
            return
        self._show_error("")
        selections = {name: list(values) for name, values in self.choices.items() if values}
        self._run_search(query, selections, self.sort)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run_search(self, query: Query, selections: dict[str, list[str]], sort: str) -> None:
        """The list first (it answers the keystroke), then the facet counts under it."""
        worker = get_current_worker()
        library = self.app.library

        def listing(engine) -> tuple[_Results, int] | None:
            if worker.is_cancelled:
                return None
            query_bits = engine.post_bits(query)
            bits = query_bits & engine.selection_bits(selections)
            ranks = bitset.to_ranks(bits)
            if sort != "date":
                posts = engine.snapshot.posts
                if sort == "title":
                    ranks.sort(key=lambda r: posts[r].title.casefold())
                else:
                    ranks.sort(key=lambda r: ((posts[r].channel or "\uffff").casefold(), r))
            return _Results(ranks, bits.bit_count(), [t.text for t in query.texts()]), query_bits

        found = library.use(listing)
        if found is None or worker.is_cancelled:
            return
        results, query_bits = found
        self.app.call_from_thread(self._show_results, library.snapshot, results)
        # Facet counts once the list is on screen: counting holds the interpreter for a few tens of
        # milliseconds, which would otherwise delay drawing the list.
        self.app.call_from_thread(self.call_after_refresh, self._count_facets, query, selections, query_bits)

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def _count_facets(self, query: Query, selections: dict[str, list[str]], query_bits: int) -> None:
        worker = get_current_worker()
        counts = self.app.library.use(lambda engine: None if worker.is_cancelled else engine.facet_counts(
            query, selections, query_bits=query_bits))
        if counts is not None and not worker.is_cancelled:
            self.app.call_from_thread(self.facet_list.set_counts, counts)

    def _show_list(self, snapshot: Snapshot, ranks: list[int], total: int) -> None:
        self._snapshot = snapshot
        self.post_list.empty_message = "No posts match." if snapshot.size else "No posts yet."
        self.post_list.set_rows(snapshot, ranks)
        # the label has a fixed size: no need to lay the screen out again for a new count
        self.query_one("#count", Label).update(f"{total:,} of {snapshot.size:,} posts", layout=False)

    def _show_results(self, snapshot: Snapshot, results: _Results) -> None:
        self._show_list(snapshot, results.ranks, results.total)
        self.detail.terms = results.terms
        self.query_one("#filters", FilterBar).show_filters(self._chips())
        # The detail pane follows a moment later: the list answers every keystroke at once, the post under the
        # cursor is drawn when the typing pauses.
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._follow_cursor)

    def _follow_cursor(self) -> None:
        self._detail_timer = None
        current = self.post_list.current
        if not self.narrow and current is not None and current.path != self._opened_path:
            self._load_post(current.id, current.path)
        elif current is None and self.detail.post is not None:
            self._opened_path = None
            self.detail.show(None)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#query-error", Static)
        if error.has_class("-active") != bool(message) or (message and str(error.render()) != message):
            error.update(message)
            error.set_class(bool(message), "-active")

    # facets -------------------------------------------------------------------------------------------------

    @on(FacetList.Toggled)
    def _facet_toggled(self, event: FacetList.Toggled) -> None:
        chosen = self.choices.setdefault(event.field, {})
        if event.key in chosen:
            del chosen[event.key]
        else:
            chosen[event.key] = event.label
        self._search()

    @on(FacetList.Cleared)
    def _facet_cleared(self, event: FacetList.Cleared) -> None:
        if event.field is None:
            self.choices.clear()
        else:
            self.choices.pop(event.field, None)
        self._search()

    def _chips(self) -> list[tuple[str, str, str]]:
        return [(name, key, label) for name, values in self.choices.items() for key, label in values.items()]

    def action_remove_filter(self, index: int) -> None:
        chips = self._chips()
        if 0 <= index < len(chips):
            name, key, _ = chips[index]
            self.choices.get(name, {}).pop(key, None)
            self._search()

    def action_clear_filters(self) -> None:
        self.choices.clear()
        self._search()

    # posts --------------------------------------------------------------------------------------------------

    @on(PostList.Highlighted)
    def _post_highlighted(self, event: PostList.Highlighted) -> None:
        if event.post is not None and not self.narrow and event.post.path != self._opened_path:
            self._load_post(event.post.id, event.post.path)

    @on(PostList.Selected)
    def _post_selected(self, event: PostList.Selected) -> None:
        if self.narrow:
            self._load_post(event.post.id, event.post.path, full_screen=True)
        else:
            if event.post.path != self._opened_path:
                self._load_post(event.post.id, event.post.path)
            self.detail.focus()

    @work(thread=True, exclusive=True, group="post", exit_on_error=False)
    def _load_post(self, post_id: int, path: str, full_screen: bool = False) -> None:
        post = self.app.library.use(lambda engine: engine.load_post(post_id))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._post_loaded, post, path, full_screen)

    def _post_loaded(self, post: Post | None, path: str, full_screen: bool) -> None:
        if full_screen and post is not None:
            self.open_reader(post)
            return
        self._opened_path = path
        self.detail.show(post, terms=self.detail.terms)

    def open_reader(self, post: Post, turn: int | None = None, reveal: bool = False) -> None:
        from .reader import ReaderScreen

        self.app.push_screen(ReaderScreen(post, turn=turn, reveal=reveal, terms=self.detail.terms))
