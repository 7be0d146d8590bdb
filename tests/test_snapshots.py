"""What the app looks like, as SVG snapshots at 80x24 and 160x48 on the demo archive.

Update them on purpose (after a look at the report) with `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DEMO, settle
from tui.app import make_app
from tui.core.archive import Archive

SMALL, LARGE = (80, 24), (160, 48)


@pytest.fixture
def demo_app(tmp_path: Path):
    root = tmp_path / "archive"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    archive = Archive.open(root, cache_dir=tmp_path / "cache")
    archive.refresh()
    return make_app(archive, watch_index=False)


def _keys(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause(0.3)
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_browser(snap_compare, demo_app, size) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=_keys())


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_post_with_an_original_revealed(snap_compare, demo_app, size) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=_keys("enter", "j", "e"))


def test_side_by_side(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=LARGE, run_before=_keys("enter", "b"))


def test_search_and_facet_filter(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=LARGE,
                        run_before=_keys("slash", "S", "Q", "L", "i", "t", "e", "enter"))


def test_facet_panel_on_a_small_terminal(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=_keys("f"))


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_quotes(snap_compare, demo_app, size) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=_keys("s", "H", "o", "s", "t", "enter"))


def test_help(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=_keys("question_mark"))
