"""The index: incremental refresh, and search results identical to a plain scan of the same posts."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from pathlib import Path

import pytest

from benchmarks.generate import generate_archive
from tui.core.archive import Archive
from tui.core.index import schema
from tui.core.index.store import index_path
from tui.core.index.tokens import fold, term_matches
from tui.core.query import parse_query
from tui.core.reader import read_post, walk_archive

TRICKY = {
    "tricky/one.md": """---
title: 模型推理：GPT-4模型与Claude 模型
date: 2025-03-01
tags: [llm]
summary: 一篇关于强化学习与大语言模型的摘要。
---
### 模型

**主持人**: 我们谈谈模型。模型推理很快，型推不是词。

<details>
<summary>Original English</summary>

**Host**: Let's talk about models. Model inference is fast; the modeling is open-source.

</details>

**嘉宾**：ＧＰＴ４和 GPT-4 都是模型，"open source" 与 open-source、open, source 不同。Café au lait!

<details>
<summary>Original English</summary>

**Guest**: GPT4, GPT-4 and gpt 4. Open source; opensource; open—source. Cafe.

</details>
""",
    "tricky/two.md": """---
title: Second
date: '2024-07-08'
---
### 学习

强化学习。学习强化，化学。模。的的的。大模型的推理。模型,推理。

<details>
<summary>Original English</summary>

Reinforcement learning, relearning. MODEL models modelled. Inference!

</details>
""",
}

TERMS = [
    # 1-character Chinese
    "模", "学", "的", "型",
    # 2-character Chinese
    "模型", "推理", "学习", "化学", "型推", "编排",
    # 3- and 4-character Chinese
    "大模型", "强化学习", "大语言模型", "学习强化",
    # English words
    "model", "models", "inference", "open", "source", "cafe", "gpt", "4", "the", "learning",
    # mixed and phrases
    "GPT-4", "gpt 4", "Claude 模型", "open source", "模型 推理", "GPT-4模型",
]


@pytest.fixture(scope="module")
def archive_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scan-archive")
    generate_archive(root, 40, seed=7, min_turns=5, max_turns=40)
    for relpath, text in TRICKY.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def engine(archive_root: Path, tmp_path_factory: pytest.TempPathFactory):
    archive = Archive.open(archive_root, cache_dir=tmp_path_factory.mktemp("cache"))
    archive.refresh()
    return archive.engine()


def _scan(root: Path, term: str) -> tuple[set[str], set[tuple[str, int]]]:
    """Posts (title, summary or any turn) and turns (text or original) where `term` occurs, by reading files."""
    posts: set[str] = set()
    turns: set[tuple[str, int]] = set()
    for entry in walk_archive(root):
        post, _ = read_post(entry.abspath, entry.relpath)
        assert post is not None
        if term_matches(term, fold(post.title)) or term_matches(term, fold(post.summary or "")):
            posts.add(post.path)
        for seq, turn in enumerate(post.turns):
            if term_matches(term, fold(turn.text)) or term_matches(term, fold(turn.original or "")):
                turns.add((post.path, seq))
                posts.add(post.path)
    return posts, turns


@pytest.mark.parametrize("term", TERMS)
def test_search_finds_exactly_what_a_plain_scan_finds(engine, archive_root: Path, term: str) -> None:
    query = parse_query(f'"{term}"' if " " in term else term)
    result = engine.search(query, limit=10_000)
    found_posts = {hit.post.path for hit in result.hits}
    quotes = engine.quotes(query, limit=100_000)
    found_turns = {(q.post.path, q.turn) for q in quotes.quotes}
    scan_posts, scan_turns = _scan(archive_root, term)
    assert result.total == len(scan_posts)
    assert found_posts == scan_posts
    assert quotes.total == len(scan_turns)
    assert found_turns == scan_turns


def test_the_scan_reference_is_not_trivial(archive_root: Path) -> None:
    """Guard against a vacuous equality: the terms above do occur, and not everywhere."""
    hits = {term: len(_scan(archive_root, term)[1]) for term in ("模型", "推理", "强化学习", "model", "GPT-4")}
    assert all(count > 0 for count in hits.values()), hits
    total = sum(len(read_post(e.abspath, e.relpath)[0].turns) for e in walk_archive(archive_root))
    assert hits["强化学习"] < total


def test_words_are_anded_across_a_post_and_within_a_quote(engine) -> None:
    both = engine.search(parse_query("模型 推理"), limit=10_000)
    either = engine.search(parse_query("模型 OR 推理"), limit=10_000)
    only_one = engine.search(parse_query("模型"), limit=10_000)
    assert both.total <= only_one.total <= either.total
    quotes = engine.quotes(parse_query("模型 推理"), limit=100_000)
    for quote in quotes.quotes:
        text = fold(quote.text + "\n" + (quote.original or ""))
        assert "模型" in text and "推理" in text


def test_excluded_words_remove_posts(engine) -> None:
    with_word = engine.search(parse_query("模型"), limit=10_000)
    without = engine.search(parse_query("模型 -推理"), limit=10_000)
    assert without.total < with_word.total
    remaining = {hit.post.path for hit in without.hits}
    having = {hit.post.path for hit in engine.search(parse_query("推理"), limit=10_000).hits}
    assert not remaining & having


def test_speaker_filter_matches_chinese_and_english_labels(engine) -> None:
    by_english = engine.quotes(parse_query(""), speaker="Host", limit=100_000)
    by_chinese = engine.quotes(parse_query(""), speaker="主持人", limit=100_000)
    assert by_english.total > 0
    assert {q.turn_id for q in by_english.quotes} == {q.turn_id for q in by_chinese.quotes}
    assert all(q.speaker == "主持人" or q.original_speaker == "Host" for q in by_english.quotes)


def test_facet_counts_apply_the_other_fields(engine) -> None:
    counts = engine.facet_counts(parse_query(""))
    tag = counts["tags"][0]
    year = counts["year"][0]
    narrowed = engine.facet_counts(parse_query(""), {"tags": [tag.key]})
    # the tag field still counts as if no tag were chosen (OR within a field) ...
    assert [c.count for c in narrowed["tags"]] == [c.count for c in counts["tags"]]
    # ... while the other fields count only the posts that have the tag
    years = {c.key: c.count for c in narrowed["year"]}
    assert sum(years.values()) == tag.count
    assert years.get(year.key, 0) <= year.count


def test_results_are_newest_first(engine) -> None:
    hits = engine.search(parse_query("模型"), limit=10_000).hits
    dates = [hit.post.date or "" for hit in hits]
    assert dates == sorted(dates, reverse=True)


# incremental refresh ------------------------------------------------------------------------------------------


POST = "---\ntitle: {title}\ndate: 2025-01-0{day}\n---\n### 一\n\n**A**: 你好{word}。\n"


def _archive(root: Path, cache: Path) -> Archive:
    return Archive.open(root, cache_dir=cache)


def test_refresh_reads_only_new_changed_and_deleted_files(make_archive, cache_dir: Path) -> None:
    root = make_archive({f"p{i}.md": POST.format(title=f"T{i}", day=i, word="世界") for i in range(1, 6)})
    archive = _archive(root, cache_dir)
    first = archive.refresh()
    assert sorted(first.added) == [f"p{i}.md" for i in range(1, 6)]
    assert archive.refresh().touched is False

    (root / "p2.md").write_text(POST.format(title="T2 changed", day=2, word="朋友"), encoding="utf-8")
    (root / "p3.md").unlink()
    (root / "new.md").write_text(POST.format(title="New", day=9, word="新"), encoding="utf-8")
    same = root / "p4.md"
    os.utime(same, ns=(same.stat().st_atime_ns, same.stat().st_mtime_ns + 10_000_000_000))
    report = archive.refresh()
    assert report.changed == ["p2.md"]
    assert report.removed == ["p3.md"]
    assert report.added == ["new.md"]
    assert report.unchanged == 3  # p1, p5 and p4 (touched, same content)
    engine = archive.engine()
    assert {h.post.title for h in engine.search(parse_query("朋友")).hits} == {"T2 changed"}
    assert engine.search(parse_query("世界")).total == 3
    assert {p.title for p in engine.snapshot.posts} == {"T1", "T2 changed", "T4", "T5", "New"}


def test_a_damaged_index_is_rebuilt_with_a_notice(make_archive, cache_dir: Path) -> None:
    root = make_archive({"a.md": POST.format(title="A", day=1, word="世界")})
    _archive(root, cache_dir).refresh()
    path = index_path(root.resolve(), cache_dir)
    path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    archive = _archive(root, cache_dir)
    assert any("rebuilt" in notice for notice in archive.notices)
    archive.refresh()
    assert archive.engine().snapshot.size == 1


def test_an_index_of_another_version_is_rebuilt(make_archive, cache_dir: Path) -> None:
    root = make_archive({"a.md": POST.format(title="A", day=1, word="世界")})
    _archive(root, cache_dir).refresh()
    conn = sqlite3.connect(index_path(root.resolve(), cache_dir))
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    conn.close()
    archive = _archive(root, cache_dir)
    assert any("another version" in notice for notice in archive.notices)
    archive.refresh()
    assert archive.engine().snapshot.size == 1
    assert schema.SCHEMA_VERSION > 0


def test_the_index_is_never_inside_the_archive(make_archive, cache_dir: Path) -> None:
    root = make_archive({"a.md": POST.format(title="A", day=1, word="世界")})
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    archive = _archive(root, cache_dir)
    archive.refresh()
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert root not in archive.store.path.parents


def test_a_cache_folder_inside_the_archive_is_refused(make_archive) -> None:
    from tui.core.archive import ArchiveError

    root = make_archive({"a.md": POST.format(title="A", day=1, word="世界")})
    with pytest.raises(ArchiveError, match="inside the archive"):
        Archive.open(root, cache_dir=root / ".cache")


def test_processes_starting_together_all_get_the_index(make_archive, cache_dir: Path) -> None:
    """Several processes on one archive at once: one builds, the others wait; all see every post."""
    import subprocess
    import sys

    rng = random.Random(3)
    root = make_archive({f"d/p{i}.md": POST.format(title=f"T{i}", day=1 + i % 9, word=rng.choice("甲乙丙"))
                         for i in range(60)})
    command = [sys.executable, "-m", "tui", "check", str(root), "--cache-dir", str(cache_dir), "--json"]
    started = time.perf_counter()
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert time.perf_counter() - started < 120
    import json

    for (out, err), process in zip(outputs, processes, strict=True):
        assert process.returncode == 0, err
        assert json.loads(out)["posts"] == 60
