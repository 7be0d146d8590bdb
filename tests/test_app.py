"""The app, driven as a user drives it: keys in, what the screen shows out (Textual's Pilot)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DEMO, settle
from tui.app import make_app
from tui.core.archive import Archive
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.problems import ProblemsScreen
from tui.screens.quotes import QuotesScreen
from tui.screens.reader import ReaderScreen
from tui.screens.toc import TocScreen
from tui.widgets.facet_list import FacetList
from tui.widgets.filter_bar import FilterBar
from tui.widgets.post_list import PostList
from tui.widgets.quote_list import QuoteList
from tui.widgets.transcript import TranscriptView

WIDE, NARROW = (160, 48), (80, 24)
NEWEST = "终端里的数据库：与 Mara Lind 对谈 SQLite 的十年"


@pytest.fixture
def archive_root(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return root


def open_app(root: Path, cache: Path, *, build: bool = True):
    archive = Archive.open(root, cache_dir=cache)
    if build:
        archive.refresh()
    return make_app(archive, watch_index=not build)


async def ready(pilot) -> None:
    """Wait until the index is open and the first search has been shown."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.02)
        screen = app.screen
        if isinstance(screen, MainScreen) and screen.query_one(PostList).row_count and "index up to date" in \
                str(screen.status.index_state):
            break
    await settle(pilot)


def lines(widget) -> str:
    """The text a widget shows right now."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def open_post(pilot) -> TranscriptView:
    """Press enter on the post list and return the view the post opened in."""
    await pilot.press("enter")
    await settle(pilot)
    return pilot.app.screen.query_one(TranscriptView)


def titles(app) -> list[str]:
    post_list = app.screen.query_one(PostList)
    return [post_list._snapshot.posts[rank].title for rank in post_list.rows]


async def test_opens_with_every_post_newest_first(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert len(titles(app)) == 5
        assert titles(app)[0] == NEWEST
        assert str(app.screen.query_one("#count").render()) == "5 of 5 posts"
        assert "index up to date: 5 posts" in app.screen.status.index_state
        assert app.focused is app.screen.query_one(PostList)
        # the newest post is shown in the detail pane
        assert NEWEST in lines(app.screen.query_one(TranscriptView))


async def test_a_new_archive_is_indexed_while_the_app_runs(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir, build=False)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert len(titles(app)) == 5
        assert "5 added" in app.screen.status.index_state


async def test_search_is_live_and_counts(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert app.focused.id == "search"
        await pilot.press(*"SQLite")
        await settle(pilot)
        assert sorted(titles(app)) == sorted([NEWEST, "備份不是選配：Mara Lind 談 SQLite 的備份與還原"])
        assert str(app.screen.query_one("#count").render()) == "2 of 5 posts"
        await pilot.press("backspace", *" 备份")
        await settle(pilot)
        assert str(app.screen.query_one("#count").render()) == "0 of 5 posts"
        assert "No posts match." in lines(app.screen.query_one(PostList))


async def test_a_malformed_query_says_where(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *'tag:x "open')
        await settle(pilot)
        error = app.screen.query_one("#query-error")
        assert error.has_class("-active")
        assert "column 7" in str(error.render()) and "never closed" in str(error.render())
        assert len(titles(app)) == 1 or len(titles(app)) == 0  # the last valid query still shows its results


async def test_facets_filter_with_counts_and_chips(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        facets = app.screen.query_one(FacetList)
        app.screen.query_one("#facet-filter").focus()
        await pilot.press(*"terminal talks")
        await pilot.pause()
        shown = lines(facets)
        assert "Channel" in shown and "Terminal Talks" in shown and " 2" in shown
        assert "Open Source Hour" not in shown
        await pilot.press("enter")  # to the list of values
        assert app.focused is facets
        await pilot.press("down", "space")
        await settle(pilot)
        assert len(titles(app)) == 2
        assert app.screen.choices == {"channel": {"terminal talks": "Terminal Talks"}}
        chips = app.screen.query_one(FilterBar)
        assert chips.has_class("-active") and "Terminal Talks" in str(chips.render())
        # a second value of another field narrows further (AND across fields)
        await pilot.press("escape")
        app.screen.query_one("#facet-filter").value = ""
        facets.focus()
        await settle(pilot)
        assert "[x] Terminal Talks" in lines(facets)
        await pilot.press("x")  # clear the field under the cursor... the cursor is on Tags: nothing chosen there
        await settle(pilot)
        assert len(titles(app)) == 2
        await pilot.press("X")
        await settle(pilot)
        assert len(titles(app)) == 5
        assert not chips.has_class("-active")


async def test_facet_counts_follow_the_search(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        before = {c.label: c.count for c in app.screen.query_one(FacetList)._counts["channel"]}
        assert before == {"Open Source Hour": 2, "Terminal Talks": 2, "Byte Notes": 1}
        await pilot.press("slash", *"SQLite")
        await settle(pilot)
        after = {c.label: c.count for c in app.screen.query_one(FacetList)._counts["channel"]}
        assert after == {"Terminal Talks": 2}


async def test_reading_a_post_by_keyboard(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        view = await open_post(pilot)
        assert app.focused is view
        assert view.post.title == NEWEST
        assert view.cursor == 0
        assert view.current_turn.speaker == "主持人"
        english = view.current_turn.original
        assert english and english.split()[0] not in lines(view)  # originals start hidden
        await pilot.press("e")
        assert view.is_revealed(0)
        assert english[:30] in lines(view)
        await pilot.press("j", "j")
        assert view.cursor == 2
        assert view.is_revealed(0) and not view.is_revealed(2)  # the state stays while moving
        await pilot.press("k")
        assert view.cursor == 1
        await pilot.press("E")
        assert all(view.is_revealed(i) for i, t in enumerate(view.turns) if t.original)
        await pilot.press("E")
        assert not any(view.is_revealed(i) for i in range(len(view.turns)))
        first_of_section_2 = len(view.post.sections[0].turns)
        await pilot.press("right_curly_bracket")
        assert view.cursor == first_of_section_2
        await pilot.press("left_curly_bracket")
        assert view.cursor == 0
        await pilot.press("G")
        assert view.cursor == len(view.turns) - 1
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("b")
        assert view.side_by_side
        assert english[:20] in lines(view)
        await pilot.press("b")
        assert not view.side_by_side
        await pilot.press("escape")
        assert app.focused is app.screen.query_one(PostList)


async def test_table_of_contents_jumps_to_a_section(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        view = await open_post(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, TocScreen)
        await pilot.press("down", "down", "enter")
        assert not isinstance(app.screen, TocScreen)
        last = view.post.sections[2]
        assert view.current_turn is last.turns[0]
        assert last.title in lines(view)


async def test_narrow_terminal_opens_posts_full_screen(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        assert app.screen.has_class("-narrow")
        assert not app.screen.query_one("#detail").display
        assert not app.screen.query_one("#facets").display
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(TranscriptView)
        assert app.focused is view
        assert view.post.title == titles_of_demo()[1]
        await pilot.press("e")
        assert view.is_revealed(0)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.focused is app.screen.query_one(PostList)
        assert app.screen.query_one(PostList).cursor == 1
        # the facet panel opens and closes with f
        await pilot.press("f")
        assert app.screen.query_one("#facets").display
        assert app.focused is app.screen.query_one(FacetList)
        await pilot.press("f")
        assert not app.screen.query_one("#facets").display


def titles_of_demo() -> list[str]:
    archive = Archive.open(DEMO, no_cache=True)
    archive.refresh()
    return [post.title for post in archive.engine().snapshot.posts]


async def test_sorting_and_the_selection_survives_a_filter(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        post_list = app.screen.query_one(PostList)
        await pilot.press("j")
        chosen = post_list.current.title
        assert chosen == "備份不是選配：Mara Lind 談 SQLite 的備份與還原"
        await pilot.press("slash", *"Mara")
        await settle(pilot)
        assert titles(app) == [NEWEST, chosen]
        assert post_list.current.title == chosen
        await pilot.press("escape", "escape")  # clear the search, back to the list
        await settle(pilot)
        assert post_list.current.title == chosen
        await pilot.press("S")
        await settle(pilot)
        assert app.screen.sort == "title"
        assert titles(app) == sorted(titles(app), key=str.casefold)
        assert "sort: title" in str(app.screen.status.render())


async def test_help_lists_every_binding_with_its_id(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = lines(app.screen.query_one("#help-table"))
        for binding_id in ("detail.original", "detail.all_originals", "detail.side_by_side", "main.search",
                           "facets.toggle", "quotes.copy", "app.quit"):
            assert binding_id in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_problems_list_names_the_bad_files(archive_root: Path, cache_dir: Path) -> None:
    (archive_root / "broken.md").write_text("---\ntitle: [oops\n---\ntext\n", encoding="utf-8")
    (archive_root / "binary.md").write_bytes(b"\x00\x01\x02")
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await settle(pilot)
        assert app.screen.status.problems == 2
        assert "2 file problems (p)" in str(app.screen.status.render())
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        title = str(app.screen.query_one("#problems-title").render())
        assert title == "Problems: 2 in 2 file(s)"
        options = app.screen.query_one("#problems")
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(s.startswith("binary.md") and "binary data" in s for s in shown)
        assert any(s.startswith("broken.md:") and "YAML" in s for s in shown)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_quotes_by_speaker_open_at_the_turn_and_come_back(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, QuotesScreen)
        await pilot.press(*"主持人")
        await settle(pilot)
        results = app.screen.query_one(QuoteList)
        assert len(results.quotes) == 10  # the hosts of both interviews, 5 turns each
        assert all(q.speaker == "主持人" for q in results.quotes)
        assert "10 quotes" in str(app.screen.query_one("#quotes-count").render())
        await pilot.press("tab")  # to the words
        await pilot.press(*"SQLite")
        await settle(pilot)
        assert 0 < len(results.quotes) < 10
        results.focus()
        await pilot.press("down")
        chosen = results.current
        await pilot.press("y")
        assert chosen.text.strip() in app.clipboard
        assert chosen.post.title in app.clipboard and chosen.source in app.clipboard
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(TranscriptView)
        assert view.cursor == chosen.turn
        assert view.is_revealed(chosen.turn)
        assert chosen.original[:20] in lines(view)
        await pilot.press("escape")
        assert isinstance(app.screen, QuotesScreen)
        assert app.screen.query_one(QuoteList).current is chosen


async def test_speaker_completion_lists_known_speakers(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        box = app.screen.query_one("#speaker-suggestions")
        assert box.has_class("-active")
        assert str(box.get_option_at_index(0).prompt).startswith("Mara Lind")
        await pilot.press("down", "enter")
        assert app.screen.query_one("#speaker").value == "Mara Lind"
        await settle(pilot)
        assert len(app.screen.query_one(QuoteList).quotes) == 10


async def test_quotes_respect_the_facet_filters(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        app.screen.choices = {"tags": {"sqlite": "sqlite"}}
        await pilot.press("s", *"Chen Wei")
        await settle(pilot)
        assert app.screen.query_one(QuoteList).quotes == []
        assert "within tags:sqlite" in str(app.screen.query_one("#quotes-count").render())


async def test_copy_inside_tmux_reaches_the_outer_terminal(archive_root: Path, cache_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        written: list[str] = []
        monkeypatch.setattr(app._driver, "write", written.append)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard.startswith("“")
        sequence = "".join(written)
        assert sequence.startswith("\x1bPtmux;\x1b\x1b]52;c;")
        assert "\x1b]52;c;" in sequence.split("\x1b\\", 1)[1]


async def test_open_source_over_ssh_copies_the_link(archive_root: Path, cache_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        assert app.clipboard == "https://www.youtube.com/watch?v=Qm7xLp2VbNc"


async def test_theme_is_remembered(archive_root: Path, cache_dir: Path) -> None:
    from tui import settings

    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        app.theme = "ansi-dark"
        await pilot.pause()
    saved = json.loads((settings.config_dir() / "settings.json").read_text())
    assert saved["theme"] == "ansi-dark"
    again = open_app(archive_root, cache_dir)
    async with again.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert again.theme == "ansi-dark"


async def test_keys_can_be_remapped_by_binding_id(archive_root: Path, cache_dir: Path) -> None:
    from tui import settings

    folder = settings.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keymap.toml").write_text('[keys]\n"detail.original" = "r"\n', encoding="utf-8")
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        view = await open_post(pilot)
        await pilot.press("e")
        assert not view.is_revealed(0)
        await pilot.press("r")
        assert view.is_revealed(0)


async def test_archive_text_is_shown_literally(make_archive, cache_dir: Path) -> None:
    evil = ('---\ntitle: "[bold]not bold[/bold] \\e[31mred"\n---\n### [link=x]s[/link]\n\n'
            "**A**: 文本 [red]x[/red] \x1b[2J$(rm -rf)\n\n**B**: 回答\n")
    root = make_archive({"evil.md": evil})
    app = open_app(root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        shown = lines(app.screen.query_one(PostList)) + lines(app.screen.query_one(TranscriptView))
        assert "[bold]not bold[/bold]" in shown
        assert "[red]x[/red]" in shown
        assert "[link=x]s[/link]" in shown
        assert "\x1b" not in shown


async def test_command_palette_offers_the_app_commands(archive_root: Path, cache_dir: Path) -> None:
    from textual.command import CommandPalette

    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"sort: by title")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.sort == "title"


async def test_a_quote_deep_in_a_long_post_opens_scrolled_to_it(make_archive, cache_dir: Path) -> None:
    turns = "\n\n".join(
        f"**主持人**: 第{i}段话。\n\n<details>\n<summary>Original English</summary>\n\n**Host**: "
        f"{'needle in a haystack' if i == 55 else 'just talking'} number {i}.\n\n</details>" for i in range(60))
    root = make_archive({"long.md": f"---\ntitle: Long\ndate: 2025-01-01\n---\n### One\n\n{turns}\n"})
    app = open_app(root, cache_dir)
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        await pilot.press("s", "tab", *"needle")
        await settle(pilot)
        results = app.screen.query_one(QuoteList)
        assert [q.turn for q in results.quotes] == [55]
        results.focus()
        view = await open_post(pilot)
        assert view.cursor == 55
        shown = lines(view)
        assert "第55段话" in shown and "needle in a haystack number 55" in shown
        assert "第0段话" not in shown


async def test_a_large_new_archive_is_indexed_in_worker_processes_while_the_app_runs(tmp_path: Path) -> None:
    """Big builds parse in worker processes; that must work from inside the app too (it captures stderr)."""
    from textual.worker import WorkerState

    from benchmarks.generate import generate_archive
    from tui.core.index.builder import PARALLEL_FROM

    root = tmp_path / "big"
    generate_archive(root, PARALLEL_FROM + 20, seed=5, min_turns=2, max_turns=6)
    app = open_app(root, tmp_path / "cache", build=False)
    failures: list = []

    def hook(message) -> None:
        if getattr(message, "state", None) == WorkerState.ERROR:
            failures.append(message.worker.error)

    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        for _ in range(600):
            await pilot.pause(0.05)
            if "index up to date" in app.screen.status.index_state:
                break
        await settle(pilot)
        assert failures == []
        assert f"{PARALLEL_FROM + 20:,} added" in app.screen.status.index_state
        assert len(titles(app)) == PARALLEL_FROM + 20


async def test_filter_chips_are_removed_with_a_click(archive_root: Path, cache_dir: Path) -> None:
    app = open_app(archive_root, cache_dir)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        app.screen.choices = {"tags": {"sqlite": "sqlite"}, "channel": {"terminal talks": "Terminal Talks"}}
        app.screen._search()
        await settle(pilot)
        chips = app.screen.query_one(FilterBar)
        assert lines(chips).startswith("Tags: sqlite ✕   Channel: Terminal Talks ✕")
        await pilot.click(FilterBar, offset=(8, 0))
        await settle(pilot)
        assert lines(chips).startswith("Channel: Terminal Talks ✕")
        assert len(titles(app)) == 2
