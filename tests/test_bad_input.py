"""Whatever a file holds, reading it gives a Post and/or clear Problems, never an exception, in bounded time and
memory; walking the archive skips what is not a post and never writes into it."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest

from tui.core.model import Post, Problem
from tui.core.reader import parse_post, read_post, walk_archive

GUARD_SECONDS = 10.0
"""Pathological inputs must finish well within this; it guards against blow-up, not for speed."""

DETAILS = "<details>\n<summary>Original English</summary>\n\n{}\n\n</details>\n\n"


def parse(data: bytes, relpath: str = "posts/2025-01-02-bad.md") -> tuple[Post | None, list[Problem]]:
    return parse_post(data, relpath)


def timed_parse(data: bytes, relpath: str = "big.md") -> tuple[Post | None, list[Problem], float]:
    start = time.perf_counter()
    post, problems = parse_post(data, relpath)
    return post, problems, time.perf_counter() - start


SLOW_INPUTS: dict[str, bytes] = {
    # A megabyte-long heading line with a long run of spaces inside it.
    "heading-spaces": ("---\ntitle: Long\n---\n# a" + " " * 1_000_000 + "b\n\n正文。\n").encode(),
    # A megabyte-long line of unclosed <summary> tags inside a <details> block.
    "summary-tags": ("正文。\n\n<details>\n" + "<summary>" * 111_000 + "\n</details>\n").encode(),
    # 15,000 labelled turns with their originals, then 15,000 narration paragraphs and one <details> for them.
    "narration-before-details": (
        ("**甲**: 中文。\n\n" + DETAILS.format("**A**: English.")) * 15_000
        + "\n\n".join(f"叙述第{i}段。" for i in range(15_000))
        + "\n\n"
        + DETAILS.format("All the narration in English.")
    ).encode(),
    # 150,000 lines that each open an HTML comment and never close it.
    "unclosed-comments": ("正文。\n\n" + "<!--\n" * 150_000).encode(),
}
"""Inputs that may take very long: each is parsed in its own child process, all started together, and
killed once `GUARD_SECONDS` have passed since the start."""

_CHILD = textwrap.dedent(
    """
    import json, sys
    from tui.core.reader import read_post
    post, problems = read_post(sys.argv[1], "slow.md")
    json.dump({"post": post is not None, "turns": len(post.turns) if post else 0,
               "problems": [p.message for p in problems]}, sys.stdout)
    """
)


class SlowRuns:
    """Child processes parsing `SLOW_INPUTS`, started together so their time limits overlap."""

    def __init__(self, folder: Path) -> None:
        self.started = time.monotonic()
        self.children: dict[str, subprocess.Popen[str]] = {}
        for name, data in SLOW_INPUTS.items():
            path = folder / f"{name}.md"
            path.write_bytes(data)
            self.children[name] = subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )

    def result(self, name: str) -> dict:
        """What the child saw (post, turn count, problem messages); fails the test if it ran out of time."""
        child = self.children[name]
        left = max(0.0, self.started + GUARD_SECONDS - time.monotonic())
        try:
            out, err = child.communicate(timeout=left)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            pytest.fail(f"parsing {name!r} did not finish within {GUARD_SECONDS:.0f} s")
        assert child.returncode == 0, err[-2000:]
        return json.loads(out)

    def close(self) -> None:
        for child in self.children.values():
            if child.poll() is None:
                child.kill()
                child.communicate()


@pytest.fixture(scope="module")
def slow_runs(tmp_path_factory: pytest.TempPathFactory):
    runs = SlowRuns(tmp_path_factory.mktemp("slow"))
    yield runs
    runs.close()


# Empty, binary, encodings, newlines -----------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf", b"\r\n\r\n"], ids=["empty", "blank", "bom", "crlf"])
def test_empty_file_is_a_problem_not_an_exception(data: bytes) -> None:
    post, problems = parse(data, "posts/2025-01-02-empty.md")
    assert [(p.path, p.line, p.message) for p in problems] == [("posts/2025-01-02-empty.md", None, "empty file")]
    assert post is not None
    assert post.title == "2025-01-02-empty"
    assert post.sections == []


def _random_binary() -> bytes:
    data = random.Random(1234).randbytes(4096)
    assert b"\x00" in data
    return data


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", id="png"),
        pytest.param(gzip.compress(b"# not really markdown\n" * 20), id="gzip"),
        pytest.param(_random_binary(), id="random"),
        pytest.param("# 标题\n\n正文。\n".encode("utf-16"), id="utf-16"),
        pytest.param(b"# Title\n\nText\x00with a NUL.\n", id="text-with-nul"),
    ],
)
def test_binary_file_named_md_gives_no_post_and_a_problem(data: bytes) -> None:
    post, problems = parse(data, "posts/image.md")
    assert post is None
    assert len(problems) == 1
    assert problems[0].path == "posts/image.md"
    assert problems[0].message == "not a text file (binary data); skipped"


def test_binary_file_on_disk(make_archive) -> None:
    root = make_archive({"photo.md": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256))})
    post, problems = read_post(root / "photo.md", "photo.md")
    assert post is None
    assert [p.message for p in problems] == ["not a text file (binary data); skipped"]


def test_non_utf8_bytes_are_replaced_and_reported() -> None:
    data = b"---\ntitle: caf\xe9\n---\n" + "**甲**: 你好".encode() + b"\xff\xfe" + "。\n\n**乙**: 再见。\n".encode()
    post, problems = parse(data, "latin.md")
    assert post is not None
    assert post.title == "caf\ufffd"
    assert [(t.speaker, t.text) for t in post.turns] == [("甲", "你好\ufffd\ufffd。"), ("乙", "再见。")]
    assert len(problems) == 1
    assert problems[0].line is None
    assert problems[0].message == "not valid UTF-8 (first bad byte at offset 14); 3 character(s) shown as \ufffd"
    assert post.problems == problems


def test_latin1_file_is_kept() -> None:
    data = "# Café résumé\n\nNaïve text.\n".encode("latin-1")
    post, problems = parse(data, "latin1.md")
    assert post is not None
    assert post.title == "Caf\ufffd r\ufffdsum\ufffd"
    assert len(problems) == 1
    assert "not valid UTF-8" in problems[0].message


def test_bom_is_stripped() -> None:
    text = "---\ntitle: With BOM\ntags: [a]\n---\n## 标题\n\n**甲**: 一。\n\n**乙**: 二。\n"
    with_bom, problems = parse(b"\xef\xbb\xbf" + text.encode())
    without, _ = parse(text.encode())
    assert problems == []
    assert with_bom is not None and without is not None
    assert with_bom.title == "With BOM"
    assert with_bom.tags == ["a"]
    assert with_bom.to_json() == without.to_json()
    assert not any("\ufeff" in (t.text + (t.speaker or "")) for t in with_bom.turns)


CRLF_POST = (
    "---\\\ntitle: Line endings\ndate: 2025-08-17\nsummary: >\n  folded\n  text\ntags:\n  - a\n---\\\n"
    "## 一\n\n"
    "**主持人**: 欢迎。\n\n"
    "<details>\n<summary>Original English</summary>\n\n**Host**: Welcome.\n\n</details>\n\n"
    "**嘉宾**: 多段一。\n\n多段二。\n\n"
    "<details>\n<summary>Original English</summary>\n\n**Guest**: Para one.\n\nPara two.\n\n</details>\n"
)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_is_handled_as_lf(newline: str) -> None:
    lf, lf_problems = parse(CRLF_POST.encode())
    other, problems = parse(CRLF_POST.replace("\n", newline).encode())
    assert problems == lf_problems == []
    assert lf is not None and other is not None
    assert other.to_json() == lf.to_json()
    assert [t.line for t in other.turns] == [t.line for t in lf.turns]
    assert other.summary == "folded text"
    assert [(t.speaker, t.text, t.original) for t in other.turns] == [
        ("主持人", "欢迎。", "Welcome."),
        ("嘉宾", "多段一。\n\n多段二。", "Para one.\n\nPara two."),
    ]
    assert not any("\r" in t.text or "\r" in (t.original or "") for t in other.turns)


# Broken Markdown ---------------------------------------------------------------------------------------------


def test_unclosed_details_is_reported_and_ends_at_next_heading() -> None:
    text = (
        "---\ntitle: T\n---\n"  # lines 1-3
        "## 一\n\n"  # 4-5
        "**甲**: 一。\n\n"  # 6-7
        "<details>\n<summary>Original English</summary>\n\n"  # 8-10
        "**A**: One.\n\n"  # 11-12
        "## 二\n\n"  # 13-14
        "**乙**: 二。\n\n"  # 15-16
        "<details>\n<summary>Original English</summary>\n\n**B**: Two.\n\n</details>\n"
    )
    post, problems = parse(text.encode(), "open.md")
    assert post is not None
    assert [(p.line, p.message) for p in problems] == [
        (8, "unclosed <details> block; it was taken to end at the next heading")
    ]
    assert [s.title for s in post.sections] == ["一", "二"]
    assert [(t.speaker, t.text, t.original, t.original_speaker) for t in post.turns] == [
        ("甲", "一。", "One.", "A"),
        ("乙", "二。", "Two.", "B"),
    ]


def test_unclosed_details_at_end_of_file() -> None:
    post, problems = parse("正文。\n\n<details>\n<summary>Original English</summary>\nText.\n".encode(), "end.md")
    assert post is not None
    assert [(p.line, "unclosed <details>" in p.message) for p in problems] == [(3, True)]
    assert [(t.text, t.original) for t in post.turns] == [("正文。", "Text.")]


def test_stray_closing_details_is_reported() -> None:
    post, problems = parse("正文。\n\n</details>\n\n更多。\n".encode(), "stray.md")
    assert post is not None
    assert [p.line for p in problems] == [3]
    assert "</details>" in problems[0].message
    assert [t.text for t in post.turns] == ["正文。", "更多。"]


def test_unclosed_comment_is_reported() -> None:
    post, problems = parse("正文。\n\n<!-- never closed\n\n更多。\n".encode(), "comment.md")
    assert post is not None
    assert [p.line for p in problems] == [3]
    assert "unclosed HTML comment" in problems[0].message
    assert [t.text for t in post.turns] == ["正文。", "更多。"]


def test_unclosed_fence_keeps_the_rest_as_code() -> None:
    post, problems = parse("正文。\n\n```\ncode\n\nmore code\n".encode(), "fence.md")
    assert post is not None
    assert problems == []
    assert [t.text for t in post.turns] == ["正文。", "```\ncode\n\nmore code"]


# Hostile YAML ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "yaml_line",
    [
        "x: !!python/object/apply:os.mkdir ['{marker}']",
        "x: !!python/object/new:os.mkdir ['{marker}']",
        "x: !!python/name:os.system",
        "x: !!python/object:pathlib.Path {{}}",
        "x: !!python/module:os",
    ],
)
def test_python_tags_are_refused(tmp_path: Path, yaml_line: str) -> None:
    marker = tmp_path / "pwned"
    text = f"---\ntitle: Hostile\ntags: [a]\n{yaml_line.format(marker=marker)}\n---\n正文。\n"
    post, problems = parse(text.encode(), "hostile.md")
    assert not marker.exists()
    assert post is not None
    assert post.title == "hostile"
    assert post.tags == []
    assert post.extra == {}
    assert [t.text for t in post.turns] == ["正文。"]
    assert len(problems) == 1
    assert problems[0].line == 4
    assert problems[0].message.startswith("invalid YAML front matter")
    assert "python" in problems[0].message


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("title: [unclosed\n", 3, "invalid YAML front matter: while parsing a flow sequence"),
        ("title: a\n\tdate: b\n", 3, "invalid YAML front matter: while scanning a plain scalar"),
        ("title: 'quote\n", 3, "invalid YAML front matter: while scanning a quoted scalar"),
        ("title: a\ntitle: b: c\n", 3, "invalid YAML front matter: mapping values are not allowed"),
        ("? [complex, key]\n: value\n", 2, "invalid YAML front matter: while constructing a mapping"),
        ("title: &a x\ndate: *b\n", 3, "invalid YAML front matter: found undefined alias"),
        ("- one\n- two\n", 2, "front matter is a list, not a set of keys"),
        ("just a string\n", 2, "front matter is a str, not a set of keys"),
        ("42\n", 2, "front matter is a int, not a set of keys"),
    ],
)
def test_invalid_yaml_keeps_post_and_reports(front: str, line: int, message: str) -> None:
    post, problems = parse(f"---\n{front}---\n**甲**: 一。\n\n**乙**: 二。\n".encode(), "posts/bad-yaml.md")
    assert post is not None
    assert post.title == "bad-yaml"
    assert post.extra == {}
    assert [(t.speaker, t.text) for t in post.turns] == [("甲", "一。"), ("乙", "二。")]
    assert [(p.path, p.line) for p in problems] == [("posts/bad-yaml.md", line)]
    assert problems[0].message.startswith(message)


def _alias_bomb(levels: int, key: str, width: int = 9) -> bytes:
    lines = ["title: Laughs", "tags: [kept]", "a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    lines.append(f"{key}: *a{levels - 1}")
    return ("---\n" + "\n".join(lines) + "\n---\n**甲**: 一。\n\n**乙**: 二。\n").encode()


def _mapping_bomb(levels: int, width: int = 9) -> bytes:
    lines = ["title: Laughs", "a0: &a0 {" + ", ".join(f"k{j}: lol" for j in range(width)) + "}"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} {{" + ", ".join(f"k{j}: *a{i - 1}" for j in range(width)) + "}")
    return ("---\n" + "\n".join(lines) + "\n---\n**甲**: 一。\n\n**乙**: 二。\n").encode()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_alias_bomb(9, "payload"), id="9-levels-extra"),
        pytest.param(_alias_bomb(12, "payload"), id="12-levels-extra"),
        pytest.param(_alias_bomb(12, "people"), id="12-levels-list-field"),
        pytest.param(_alias_bomb(12, "summary"), id="12-levels-scalar-field"),
        pytest.param(_alias_bomb(12, "author"), id="12-levels-channel"),
        pytest.param(_mapping_bomb(12), id="12-levels-mappings"),
    ],
)
def test_alias_bomb_bounded_time_and_memory(data: bytes) -> None:
    tracemalloc.start()
    try:
        post, problems, elapsed = timed_parse(data, "bomb.md")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < GUARD_SECONDS
    assert peak < 100 * 1024 * 1024
    assert post is not None
    assert post.title == "Laughs"
    assert [(t.speaker, t.text) for t in post.turns] == [("甲", "一。"), ("乙", "二。")]
    assert [p.line for p in problems] == [2]
    assert "too deeply nested or repetitive" in problems[0].message
    assert len(str(post.to_json())) < 1_000_000


@pytest.mark.parametrize(
    "front",
    [
        pytest.param("a: &a [*a]\n", id="list-in-extra"),
        pytest.param("a: &a {b: *a}\n", id="mapping-in-extra"),
        pytest.param("summary: &a [*a]\n", id="list-in-scalar-field"),
        pytest.param("author: &a [x, *a]\n", id="list-in-channel"),
    ],
)
def test_self_referencing_yaml_is_a_problem_not_an_exception(front: str) -> None:
    post, problems = parse(f"---\ntitle: Loop\n{front}---\nBody.\n".encode(), "loop.md")
    assert post is not None
    assert post.title == "Loop"
    assert len(problems) == 1


def test_deeply_nested_yaml_is_a_problem_not_an_exception() -> None:
    depth = 500
    post, problems = parse(f"---\ntitle: Deep\na: {'[' * depth}x{']' * depth}\n---\nBody.\n".encode(), "deep.md")
    assert post is not None
    assert post.title == "Deep"
    assert [t.text for t in post.turns] == ["Body."]
    assert len(problems) <= 1


def test_very_deep_yaml_nesting_is_reported() -> None:
    depth = 5000
    post, problems = parse(f"---\ntitle: Deep\na: {'[' * depth}x{']' * depth}\n---\nBody.\n".encode(), "deep.md")
    assert post is not None
    assert post.title == "deep"
    assert [t.text for t in post.turns] == ["Body."]
    assert len(problems) == 1
    assert "invalid YAML" in problems[0].message


def test_huge_front_matter_is_refused() -> None:
    front = "title: Big\n" + "".join(f"k{i}: {'v' * 60}\n" for i in range(5000))
    post, problems, elapsed = timed_parse(f"---\n{front}---\nBody.\n".encode(), "big-fm.md")
    assert elapsed < GUARD_SECONDS
    assert post is not None
    assert post.title == "big-fm"
    assert [t.text for t in post.turns] == ["Body."]
    assert len(problems) == 1
    assert "front matter is too large" in problems[0].message


# Very large posts --------------------------------------------------------------------------------------------


def test_tens_of_thousands_of_turns_with_details() -> None:
    count = 30_000
    body = "".join(
        f"**甲{i % 3}**: 第{i}句话。\n\n" + DETAILS.format(f"**Speaker {i % 3}**: Sentence {i}.") for i in range(count)
    )
    post, problems, elapsed = timed_parse(f"---\ntitle: Big\n---\n## 一\n\n{body}".encode())
    assert elapsed < GUARD_SECONDS
    assert problems == []
    assert post is not None
    found = post.turns
    assert len(found) == count
    assert (found[0].speaker, found[0].text, found[0].original, found[0].original_speaker) == (
        "甲0", "第0句话。", "Sentence 0.", "Speaker 0"
    )
    last = found[-1]
    assert (last.speaker, last.text, last.original) == (f"甲{(count - 1) % 3}", f"第{count - 1}句话。", f"Sentence {count - 1}.")


def test_tens_of_thousands_of_inline_pairs() -> None:
    count = 30_000
    body = "".join(f"Sentence number {i} in English. [00:00:{i % 60:02d}]\n\n第{i}句中文。\n\n" for i in range(count))
    post, problems, elapsed = timed_parse(body.encode())
    assert elapsed < GUARD_SECONDS
    assert problems == []
    assert post is not None
    found = post.turns
    assert len(found) == count
    assert (found[-1].text, found[-1].original) == (
        f"第{count - 1}句中文。", f"Sentence number {count - 1} in English. [00:00:{(count - 1) % 60:02d}]"
    )


def test_tens_of_thousands_of_plain_label_turns_and_sections() -> None:
    count = 30_000
    body = "".join((f"## 第{i}节\n\n" if i % 100 == 0 else "") + f"{'甲乙'[i % 2]}：第{i}句。\n\n" for i in range(count))
    post, problems, elapsed = timed_parse(body.encode())
    assert elapsed < GUARD_SECONDS
    assert problems == []
    assert post is not None
    assert len(post.sections) == count // 100
    assert len(post.turns) == count
    assert (post.turns[-1].speaker, post.turns[-1].text) == ("乙", f"第{count - 1}句。")


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("a" * 1_000_000, id="latin"),
        pytest.param("中" * 400_000, id="cjk"),
        pytest.param("**" + "名" * 1_000_000, id="unclosed-bold"),
        pytest.param("**甲**: " + "说 **粗体**: " * 80_000, id="label-then-bold"),
        pytest.param("Name: " * 200_000, id="plain-labels"),
        pytest.param("*" * 1_000_000, id="stars"),
        pytest.param("- " * 500_000 + "x", id="almost-rule"),
        pytest.param("#" * 1_000_000 + " x", id="hashes"),
        pytest.param("# " * 500_000 + "x", id="heading-hashes"),
        pytest.param("<" * 1_000_000, id="angles"),
        pytest.param("(" * 1_000_000 + "a", id="parentheses"),
        pytest.param("`" * 1_000_000, id="backticks"),
        pytest.param("<details>" + "x" * 1_000_000, id="details-line"),
        pytest.param("<!--" + "-" * 1_000_000, id="comment-line"),
        pytest.param("[00:00:00] " * 90_000, id="timestamps"),
    ],
)
def test_megabyte_long_line(line: str) -> None:
    post, _problems, elapsed = timed_parse(f"---\ntitle: Long\n---\n{line}\n\n正文。\n".encode(), "long.md")
    assert elapsed < GUARD_SECONDS
    assert post is not None
    assert post.title == "Long"
    assert any("正文。" in t.text + (t.original or "") for t in post.turns)


def test_megabyte_long_line_text_is_kept() -> None:
    line = "这是一句很长的话，" * 120_000
    post, problems, elapsed = timed_parse(f"**甲**: {line}\n\n**乙**: 短。\n".encode(), "long.md")
    assert elapsed < GUARD_SECONDS
    assert problems == []
    assert post is not None
    assert [(t.speaker, len(t.text)) for t in post.turns] == [("甲", len(line)), ("乙", 2)]


def test_megabyte_heading_line_with_inner_spaces(slow_runs: SlowRuns) -> None:
    seen = slow_runs.result("heading-spaces")
    assert seen == {"post": True, "turns": 1, "problems": []}


def test_megabyte_line_of_unclosed_summary_tags(slow_runs: SlowRuns) -> None:
    seen = slow_runs.result("summary-tags")
    assert seen["post"] is True
    assert seen["turns"] == 1


def test_tens_of_thousands_of_narration_turns_before_one_details(slow_runs: SlowRuns) -> None:
    seen = slow_runs.result("narration-before-details")
    assert seen == {"post": True, "turns": 15_001, "problems": []}


def test_tens_of_thousands_of_unclosed_comments(slow_runs: SlowRuns) -> None:
    seen = slow_runs.result("unclosed-comments")
    assert seen["post"] is True
    assert seen["turns"] == 1
    assert len(seen["problems"]) == 150_000


# Walking the archive -----------------------------------------------------------------------------------------


POST = "---\ntitle: {}\n---\n**甲**: 一。\n\n**乙**: 二。\n"


def test_walk_archive_skips_hidden_folders_and_non_markdown(make_archive) -> None:
    root = make_archive(
        {
            "b.md": POST.format("B"),
            "a.md": POST.format("A"),
            "notes.txt": "not a post",
            "image.png": b"\x89PNG\r\n\x1a\n\x00",
            "readme.markdown.bak": "x",
            ".hidden.md": POST.format("hidden"),
            ".git/HEAD": "ref: refs/heads/main\n",
            ".git/notes.md": POST.format("git"),
            ".obsidian/workspace.md": POST.format("obsidian"),
            "2025/.drafts/draft.md": POST.format("draft"),
            "2025/10/post.md": POST.format("nested"),
            "2025/10/UPPER.MD": POST.format("upper"),
            "2025/attachments/data.json": "{}",
        }
    )
    (root / "folder.md").mkdir()
    entries = list(walk_archive(root))
    assert sorted(e.relpath for e in entries) == ["2025/10/UPPER.MD", "2025/10/post.md", "a.md", "b.md"]
    assert [e.relpath for e in walk_archive(root)] == [e.relpath for e in entries]
    for entry in entries:
        path = root / entry.relpath
        assert entry.abspath == str(path)
        stat = path.stat()
        assert (entry.mtime_ns, entry.size) == (stat.st_mtime_ns, stat.st_size)


def test_walk_archive_survives_symlink_loop(make_archive) -> None:
    root = make_archive({"a.md": POST.format("A"), "sub/b.md": POST.format("B"), "sub/deeper/c.md": POST.format("C")})
    os.symlink(root, root / "sub" / "deeper" / "loop-to-root")
    os.symlink(root / "sub", root / "sub" / "loop-to-self")
    start = time.perf_counter()
    relpaths = [e.relpath for e in walk_archive(root)]
    assert time.perf_counter() - start < GUARD_SECONDS
    assert sorted(relpaths) == ["a.md", "sub/b.md", "sub/deeper/c.md"]
    assert len(relpaths) == len(set(relpaths))


def test_walk_archive_follows_symlinked_folder_once(make_archive, tmp_path: Path) -> None:
    outside = make_archive({"x.md": POST.format("X")}, name="elsewhere")
    root = make_archive({"a.md": POST.format("A")})
    os.symlink(outside, root / "linked")
    assert [e.relpath for e in walk_archive(root)] == ["a.md", "linked/x.md"]


def test_walk_archive_survives_broken_symlink_and_missing_root(make_archive, tmp_path: Path) -> None:
    root = make_archive({"a.md": POST.format("A")})
    os.symlink(tmp_path / "nowhere.md", root / "broken.md")
    os.symlink(tmp_path / "nowhere", root / "broken-folder")
    assert [e.relpath for e in walk_archive(root)] == ["a.md"]
    assert list(walk_archive(tmp_path / "does-not-exist")) == []


def test_read_post_of_missing_file_is_a_problem(tmp_path: Path) -> None:
    post, problems = read_post(tmp_path / "gone.md", "gone.md")
    assert post is None
    assert len(problems) == 1
    assert problems[0].path == "gone.md"
    assert problems[0].message.startswith("cannot be read")


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            stat = path.lstat()
            found[str(path.relative_to(root))] = (stat.st_mtime_ns, stat.st_size)
    found["."] = (root.stat().st_mtime_ns, 0)
    return found


def test_reading_never_writes_into_the_archive(make_archive) -> None:
    root = make_archive(
        {
            "a.md": POST.format("A"),
            "2025/b.md": CRLF_POST.replace("\n", "\r\n"),
            "2025/c.md": b"\xef\xbb\xbf" + POST.format("C").encode(),
            "bad/utf8.md": b"# caf\xe9\n",
            "bad/binary.md": b"\x00\x01\x02",
            "bad/yaml.md": "---\ntitle: [oops\n---\nBody.\n",
            "bad/unclosed.md": "---\ntitle: x\n\nBody.\n",
            "bad/empty.md": "",
            ".git/config": "[core]\n",
            "notes.txt": "text",
        }
    )
    os.chmod(root / "a.md", 0o444)
    before = _snapshot(root)
    time.sleep(0.01)
    posts = 0
    for entry in walk_archive(root):
        post, _problems = read_post(entry.abspath, entry.relpath)
        posts += post is not None
    after = _snapshot(root)
    assert posts == 7
    assert after == before
