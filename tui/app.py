"""The Textual app: global keys, theme, keymap, clipboard; the screens do the rest.

`make_app(archive)` is the one way the command line and the tests build it.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from . import settings
from .clipboard import osc52
from .commands import TranscriptsCommands
from .core.archive import Archive
from .library import Library

STYLES = Path(__file__).resolve().parent / "styles"
if not STYLES.is_dir():  # running from a checkout: styles/ sits beside the package
    STYLES = Path(__file__).resolve().parent.parent / "styles"

DEFAULT_THEME = "textual-dark"


class TranscriptsApp(App[int]):
    """Browse, search and quote a transcript archive."""

    TITLE = "transcripts"
    CSS_PATH = [STYLES / "app.tcss"]
    COMMANDS = App.COMMANDS | {TranscriptsCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("s", "quotes", "Quotes", id="app.quotes"),
        Binding("p", "problems", "Problems", show=False, id="app.problems"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
    ]

    def __init__(self, library: Library, *, watch_index: bool = True) -> None:
        super().__init__()
        self.library = library
        self.watch_index = watch_index
        self.keymap, self.keymap_problem = settings.load_keymap()
        self._settings = settings.load_settings()

    def on_mount(self) -> None:
        theme = self._settings.get("theme")
        self.theme = theme if theme in self.available_themes else DEFAULT_THEME
        if self.keymap:
            self.set_keymap(self.keymap)
        if self.keymap_problem:
            self.notify(f"Keymap not loaded: {self.keymap_problem}", severity="warning", timeout=8)
        from .screens.main import MainScreen

        self.push_screen(MainScreen())

    def watch_theme(self, theme: str) -> None:
        if self._settings.get("theme", DEFAULT_THEME) != theme:
            self._settings["theme"] = theme
            settings.save_settings(self._settings)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every background job that fails ends here: the user sees why, and the app carries on."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.log.error(f"worker {event.worker.name} failed", error)
            self.notify(f"Something went wrong ({event.worker.name}): {type(error).__name__}: {error}",
                        severity="error", timeout=10)

    # actions ------------------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quotes(self) -> None:
        from .screens.quotes import QuotesScreen

        if not isinstance(self.screen, QuotesScreen):
            self.push_screen(QuotesScreen())

    def action_problems(self) -> None:
        from .screens.problems import ProblemsScreen

        if not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen())

    # clipboard ----------------------------------------------------------------------------------------------

    def copy_to_clipboard(self, text: str) -> None:
        """Copy with OSC 52, wrapped for tmux when running inside it."""
        self._clipboard = text
        if self._driver is None:
            return
        self._driver.write(osc52(text, tmux=bool(os.environ.get("TMUX"))))

    def copy_text(self, text: str, what: str) -> None:
        self.copy_to_clipboard(text)
        lines = text.count("\n") + 1
        self.notify(f"Copied {what} ({lines} line{'s' if lines != 1 else ''}) to the clipboard.", timeout=3)


def make_app(archive: Archive, *, watch_index: bool = True) -> TranscriptsApp:
    """The app for `archive`. With `watch_index=False` it does not refresh the index (tests that build it)."""
    return TranscriptsApp(Library(archive), watch_index=watch_index)
