"""The files of the archive that had problems, and why (`p`)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class ProblemsScreen(ModalScreen[None]):
    """Every problem found while reading the archive: file, line and message."""

    BINDINGS = [Binding("escape,p,q", "close", "Close", id="problems.close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-box", classes="dialog"):
            yield Label("Problems", id="problems-title", classes="dialog-title")
            yield OptionList(id="problems")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        problems = self.app.library.use(lambda engine: engine.problems())
        self.app.call_from_thread(self._show, problems)

    def _show(self, problems) -> None:
        options = []
        for problem in problems:
            where = f"{problem.path}:{problem.line}" if problem.line else problem.path
            options.append(Option(Text.assemble((where, "bold"), "\n  ", problem.message)))
        box = self.query_one(OptionList)
        box.add_options(options)
        files = len({p.path for p in problems})
        title = f"Problems: {len(problems)} in {files} file(s)" if problems else "No problems: every file was read."
        self.query_one("#problems-title", Label).update(title)

    def action_close(self) -> None:
        self.dismiss(None)
