"""The command line as scripts use it: JSON shapes, exit codes, and plain output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, DEMO, needs_corpus
from tui.cli.main import main

GOOD = """---
title: Good post
date: 2025-05-06
author: Channel A
source: https://example.com/watch?v=1
tags: [rust, databases]
people: [Alice Ryhl]
---
### Opening

**主持人**: 欢迎收听，今天聊聊模型推理。

<details>
<summary>Original English</summary>

**Host**: Welcome, today we talk about model inference.

</details>

**Alice Ryhl**: 谢谢邀请。

<details>
<summary>Original English</summary>

**Alice Ryhl**: Thanks for having me.

</details>
"""

BROKEN = "---\ntitle: [unclosed\ndate: 2025-01-01\n---\n### 一\n\n正文。\n"


@pytest.fixture
def archive(make_archive) -> Path:
    return make_archive({"good.md": GOOD, "sub/broken.md": BROKEN, "notes.txt": "not a post"})


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *args: str) -> tuple[int, dict]:
    code, out, _err = run(capsys, *args, "--json")
    return code, json.loads(out)


def test_check_reports_counts_and_problems_with_exit_1(capsys, archive: Path, cache_dir: Path) -> None:
    code, data = run_json(capsys, "check", str(archive), "--cache-dir", str(cache_dir))
    assert code == 1
    assert data["posts"] == 2
    assert data["turns"] == 3
    assert data["originals"] == 2
    assert data["sections"] == 2
    assert data["speakers"] >= 2
    assert [p["path"] for p in data["problems"]] == ["sub/broken.md"]
    assert data["problems"][0]["line"] == 3
    assert "YAML" in data["problems"][0]["message"] and "from line 2" in data["problems"][0]["message"]
    assert set(data) >= {"archive", "posts", "sections", "turns", "originals", "speakers", "problems"}


def test_check_exits_0_on_a_clean_archive(capsys, make_archive, cache_dir: Path) -> None:
    root = make_archive({"good.md": GOOD})
    code, out, _ = run(capsys, "check", str(root), "--cache-dir", str(cache_dir))
    assert code == 0
    assert "1 posts" in out and "no problems" in out


def test_a_missing_folder_is_a_usage_error_without_traceback(capsys, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "check", str(tmp_path / "nope"))
    assert code == 2
    assert err.strip() == f"transcripts: no such folder: {tmp_path / 'nope'}"
    assert "Traceback" not in err


def test_a_malformed_query_says_where(capsys, archive: Path, cache_dir: Path) -> None:
    code, _, err = run(capsys, "search", str(archive), '"open', "--cache-dir", str(cache_dir))
    assert code == 2
    assert "column 1" in err and "never closed" in err


def test_show_json_gives_front_matter_sections_and_turns(capsys, archive: Path) -> None:
    code, data = run_json(capsys, "show", str(archive), "good.md")
    assert code == 0
    assert data["title"] == "Good post"
    assert data["date"] == "2025-05-06"
    assert data["channel"] == "Channel A"
    assert data["tags"] == ["rust", "databases"]
    assert data["problems"] == []
    section = data["sections"][0]
    assert section["title"] == "Opening" and section["level"] == 3
    assert section["turns"][0] == {
        "speaker": "主持人", "text": "欢迎收听，今天聊聊模型推理。",
        "original": "Welcome, today we talk about model inference.", "original_speaker": "Host",
    }


def test_show_plain_is_readable_and_has_no_escape_codes_in_a_pipe(capsys, archive: Path) -> None:
    code, out, _ = run(capsys, "show", str(archive), "good.md")
    assert code == 0
    assert "Good post" in out
    assert "主持人: 欢迎收听，今天聊聊模型推理。" in out
    assert "Host: Welcome, today we talk about model inference." in out
    assert "\x1b" not in out


def test_show_refuses_paths_outside_the_archive(capsys, archive: Path) -> None:
    code, _, err = run(capsys, "show", str(archive), "../outside.md")
    assert code == 2
    assert "no post" in err


def test_show_of_a_broken_post_still_prints_it_and_exits_1(capsys, archive: Path) -> None:
    code, data = run_json(capsys, "show", str(archive), "sub/broken.md")
    assert code == 1
    assert data["title"] == "broken"
    assert data["problems"][0]["line"] == 3
    assert data["sections"][0]["turns"][0]["text"] == "正文。"


def test_search_json(capsys, archive: Path, cache_dir: Path) -> None:
    code, data = run_json(capsys, "search", str(archive), "推理", "--cache-dir", str(cache_dir))
    assert code == 1  # the archive has a file with problems
    assert data["total"] == 1
    hit = data["results"][0]
    assert hit["path"] == "good.md" and hit["title"] == "Good post" and hit["date"] == "2025-05-06"
    assert hit["channel"] == "Channel A"
    assert hit["matching_turns"] == 1
    assert "推理" in hit["snippet"]
    assert isinstance(data["elapsed_ms"], float | int)


def test_facets_json_counts_values_under_a_query(capsys, archive: Path, cache_dir: Path) -> None:
    code, data = run_json(capsys, "facets", str(archive), "tag:rust", "--cache-dir", str(cache_dir))
    assert data["total"] == 1
    assert {"value": "rust", "count": 1} in data["facets"]["tags"]
    assert {"value": "Alice Ryhl", "count": 1} in data["facets"]["people"]
    _code, data = run_json(capsys, "facets", str(archive), "--field", "year", "--cache-dir", str(cache_dir))
    assert list(data["facets"]) == ["year"]
    assert data["facets"]["year"] == [{"value": "2025", "count": 1}]  # the broken post has no readable date


def test_quotes_by_chinese_or_english_label(capsys, archive: Path, cache_dir: Path) -> None:
    for label in ("Host", "主持人", "host"):
        _code, data = run_json(capsys, "quotes", str(archive), "--speaker", label, "--cache-dir", str(cache_dir))
        assert data["total"] == 1, label
        quote = data["results"][0]
        assert quote == {
            "path": "good.md", "title": "Good post", "date": "2025-05-06", "source": "https://example.com/watch?v=1",
            "section": "Opening", "turn": 0, "speaker": "主持人", "original_speaker": "Host",
            "text": "欢迎收听，今天聊聊模型推理。", "original": "Welcome, today we talk about model inference.",
        }


def test_quotes_markdown_is_a_citation(capsys, archive: Path, cache_dir: Path) -> None:
    _code, out, _ = run(capsys, "quotes", str(archive), "thanks", "--speaker", "Alice", "--format", "markdown",
                       "--cache-dir", str(cache_dir))
    assert out == ("> 谢谢邀请。\n>\n> Thanks for having me.\n\n"
                   "— **Alice Ryhl**, *Good post* (2025-05-06), section “Opening” — <https://example.com/watch?v=1>\n")


def test_quotes_needs_words_or_a_speaker(capsys, archive: Path, cache_dir: Path) -> None:
    code, _, err = run(capsys, "quotes", str(archive), "--cache-dir", str(cache_dir))
    assert code == 2
    assert "needs words to find or a speaker" in err


def test_speakers_lists_labels_turns_and_posts(capsys, archive: Path, cache_dir: Path) -> None:
    _code, data = run_json(capsys, "speakers", str(archive), "--cache-dir", str(cache_dir))
    by_name = {s["name"]: s for s in data["speakers"]}
    assert by_name["Host"]["labels"] == ["Host", "主持人"] or set(by_name["Host"]["labels"]) == {"Host", "主持人"}
    assert by_name["Host"]["generic"] is True and by_name["Host"]["post"] == "good.md"
    assert by_name["Alice Ryhl"]["turns"] == 1 and by_name["Alice Ryhl"]["posts"] == 1


def test_index_prints_what_changed(capsys, archive: Path, cache_dir: Path) -> None:
    code, data = run_json(capsys, "index", str(archive), "--cache-dir", str(cache_dir))
    assert sorted(data["added"]) == ["good.md", "sub/broken.md"]
    code, data = run_json(capsys, "index", str(archive), "--cache-dir", str(cache_dir))
    assert data["added"] == [] and data["unchanged"] == 2
    _code, data = run_json(capsys, "index", str(archive), "--rebuild", "--cache-dir", str(cache_dir))
    assert sorted(data["added"]) == ["good.md", "sub/broken.md"]


def test_no_cache_leaves_no_index_behind(capsys, archive: Path, tmp_path: Path) -> None:
    _code, data = run_json(capsys, "search", str(archive), "推理", "--no-cache")
    assert data["total"] == 1


def test_text_from_posts_never_reaches_the_terminal_as_escape_codes(capsys, make_archive, cache_dir) -> None:
    evil = "---\ntitle: \"Evil \\e[31mred\\e[0m [bold]x[/bold]\"\n---\n**A\x1b[2J**: 文本\x1b]0;pwned\x07 [red]x[/red]\n"
    root = make_archive({"evil.md": evil})
    for args in (("show", str(root), "evil.md"), ("search", str(root), "文本", "--cache-dir", str(cache_dir))):
        _code, out, _ = run(capsys, *args)
        assert "\x1b" not in out and "\x07" not in out
        assert "[red]x[/red]" in out or args[0] == "search"


def test_version_and_help(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("transcripts ")
    for command in ("check", "show", "search", "facets", "quotes", "speakers", "index", "browse"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "usage: transcripts" in capsys.readouterr().out


def test_the_core_never_imports_textual() -> None:
    code = ("import sys, tui.core.archive, tui.core.reader, tui.core.query, tui.core.citation, tui.cli.commands;"
            "import tui.core.index.engine, tui.core.index.builder;"
            "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_python_dash_m_and_checkout_entry_points(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    for command in ([sys.executable, "-m", "tui", "--version"], [sys.executable, str(root), "--version"]):
        result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("transcripts ")


def test_demo_archive_is_clean(capsys, cache_dir: Path) -> None:
    code, data = run_json(capsys, "check", str(DEMO), "--cache-dir", str(cache_dir))
    assert code == 0
    assert data["posts"] == 5 and data["problems"] == []


@needs_corpus
def test_check_over_the_real_corpus(capsys, cache_dir: Path) -> None:
    code, data = run_json(capsys, "check", str(CORPUS), "--cache-dir", str(cache_dir))
    assert code == 0
    assert data["posts"] == 14
    assert data["problems"] == []


@needs_corpus
@pytest.mark.parametrize("label", ["Host", "主持人"])
def test_real_corpus_host_quotes(capsys, cache_dir: Path, label: str) -> None:
    _code, data = run_json(capsys, "quotes", str(CORPUS), "--speaker", label, "--limit", "500",
                          "--cache-dir", str(cache_dir))
    paths = {q["path"] for q in data["results"]}
    assert {"2026-08-30-KLDdXOw6jIc.md", "2026-02-24-x9rWFiIubmc.md", "2026-10-10-TBLHdXABwAg.md"} <= paths
    assert all(q["speaker"] == "主持人" or q["original_speaker"] == "Host" for q in data["results"])
    assert data["total"] == 17 + 7 + 5


def test_an_installed_package_carries_its_styles_and_demo() -> None:
    """`pip install .` must ship styles/ (kept at the top of the repository) and the demo archive."""
    from importlib.metadata import PackageNotFoundError, files

    try:
        installed = {str(path) for path in files("transcripts") or []}
    except PackageNotFoundError:
        pytest.skip("transcripts is not installed")
    if any(path.endswith(".pth") for path in installed):
        pytest.skip("an editable install: the package runs from the checkout")
    assert "tui/styles/app.tcss" in installed
    assert sum(1 for path in installed if path.startswith("tui/demo/") and path.endswith(".md")) == 5


@pytest.mark.parametrize(("argv", "expected"), [
    ([], ["browse"]),
    (["/some/archive"], ["browse", "/some/archive"]),
    (["--cache-dir", "/c"], ["browse", "--cache-dir", "/c"]),
    (["/a", "--no-cache"], ["browse", "/a", "--no-cache"]),
    (["check", "/a"], ["check", "/a"]),
    (["--version"], ["--version"]),
    (["--help"], ["--help"]),
])
def test_the_app_is_the_default_command(argv: list[str], expected: list[str]) -> None:
    from tui.cli.main import _with_default_command

    assert _with_default_command(argv) == expected
