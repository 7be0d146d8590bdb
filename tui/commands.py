"""Command palette entries (ctrl+p) for what the app can do, named like `filter: clear all`."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class TranscriptsCommands(Provider):
    """The app's own commands, offered according to the screen they apply to."""

    def _commands(self) -> list[tuple[str, str, object]]:
        from .screens.main import SORTS, MainScreen
        from .widgets.transcript import TranscriptView

        app = self.app
        screen = self.screen
        commands: list[tuple[str, str, object]] = [
            ("quotes: find what someone said", "Open the quote lookup (s)", app.action_quotes),
            ("problems: show files with problems", "List the files that could not be read cleanly (p)",
             app.action_problems),
            ("help: keys", "Every key binding (?)", app.action_help),
        ]
        if isinstance(screen, MainScreen):
            commands += [
                ("filter: clear all", "Remove every facet filter (ctrl+x)", screen.action_clear_filters),
                ("facets: show or hide the panel", "Toggle the facet pane (f)", screen.action_toggle_facets),
                ("search: focus the search box", "Type a query (/)", screen.action_focus_search),
            ]
            commands += [(f"sort: by {sort}", f"Order the post list by {sort}", partial(screen.set_sort, sort))
                         for sort in SORTS]
        views = [w for w in screen.query(TranscriptView) if w.post is not None]
        if views:
            view = views[0]
            commands += [
                ("view: reveal or hide all originals", "Show every English original (E)", view.action_toggle_all),
                ("view: side by side", "Translation left, original right (b)", view.action_side_by_side),
                ("view: table of contents", "Jump to a section (t)", view.action_toc),
                ("copy: the current turn as a citation", "Quote, speaker, title, date, source (y)",
                 view.action_copy_turn),
                ("copy: the current section", "Every turn of the section (Y)", view.action_copy_section),
                ("open: the source URL", "In a browser, or copied when there is none (o)", view.action_open_source),
            ]
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
