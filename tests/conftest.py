"""Shared fixtures: the real corpus (when present), small archives written per test, isolated user folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = ROOT / "tui" / "demo"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the real corpus (../shared/corpus) is not here")


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user config or cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TRANSCRIPTS_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("TRANSCRIPTS_ARCHIVE", raising=False)
    monkeypatch.delenv("TMUX", raising=False)


@pytest.fixture
def make_archive(tmp_path: Path):
    """Write `{relative path: text or bytes}` into a new archive folder and return it."""

    def make(files: dict[str, str | bytes], name: str = "archive") -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        for relpath, content in files.items():
            path = root / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    return folder


async def settle(pilot) -> None:
    """Wait until the app is idle: no worker running, no delayed update of the detail pane pending."""
    from textual.worker import WorkerCancelled

    for _ in range(50):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # a search overtaken by a newer one
            continue
        await pilot.pause()
        pending = any(getattr(screen, "_detail_timer", None) is not None for screen in pilot.app.screen_stack)
        if pending:
            await pilot.pause(0.05)
            continue
        if not any(worker.is_running for worker in pilot.app.workers):
            return
