"""Property tests: random text and bytes, and mutated versions of a realistic post, never make the reader raise;
it always gives a post or a problem, and no control character reaches what a terminal will show.

Anchors and aliases (`&a`, `*a`) are left out of the generated YAML: self-referencing and alias-bomb YAML have
their own tests in test_bad_input.py.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.body import parse_body
from tui.core.front_matter import load_front_matter
from tui.core.model import Post, Problem
from tui.core.reader import parse_post

FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
"""C0 controls (ESC among them) except tab and newline, and DEL."""

CONTROLS = ["\x1b", "\x1b[31m", "\x1b]0;pwned\x07", "\x1b[2J", "\x07", "\x08", "\x01", "\x0b", "\x0c", "\x7f", "\x9b",
            "\u202e", "\r", "\x00"]

REALISTIC_POST = """\
---
title: 开源维护者圆桌：当 AI 开始帮你审代码
date: '2025-11-20'
author: Open Source Hour
speaker: Open Source Hour
source: https://www.youtube.com/watch?v=R4kz9WfHt0s
tags:
  - ai-tooling
  - open-source
category: developer-tools
people:
- Priya Natarajan
- Tomás Ruiz
media_books: []
project: '[]'
series: null
summary: 三位开源从业者与主持人讨论 AI 代码审查机器人，
  以及它会怎样影响新贡献者。
draft: true
---

开场白，没有标题。

### 开场

**Priya Natarajan**: 大家好，欢迎来到 Open Source Hour 圆桌。今天聊 **AI 代码审查**。

<details>
<summary>Original English</summary>

**Priya Natarajan**: Hi everyone, welcome to the Open Source Hour panel.

</details>

**[主持人]**: 先请介绍一下自己。

第二段，用 `git log` 看历史。

**Tomás Ruiz**：我是 Tomás，维护终端 UI 框架七年了。

<details>
<summary>Original English</summary>

**[Host]**: Please introduce yourselves.

Second paragraph.

**Tomás Ruiz**: I'm Tomás. I've maintained a terminal UI framework for seven years.

</details>

<!-- chunk 2/3 -->

---

## 第二部分

让我介绍安德烈斯。
<details>
<summary>View/Hide Original English</summary>
<p class="english-text">Let me introduce you to Andrés.</p>
</details>

<details><summary>Original English Source</summary>
Line one.
Line two.
</details>

#### 内联

In general there is still a lot of demand for image models. [00:00:00]

总的来说，对图像模型的需求仍然很大。

[00:00:01] Hello there.
[00:00:01] 大家好。

Dwarkesh: Thanks for coming on.

德瓦凯什：感谢你来。

```text
┌────┐
│ ok │
└────┘
```
"""

LINES = REALISTIC_POST.split("\n")

MARKDOWN_TOKENS = [
    "---", "---\\", "\n", "\n\n", " ", "#", "## ", "#### ", "**", "**主持人**: ", "**Host**: ", "**[嘉宾]**：",
    "**Name:** ", "Name: ", "名字：", "<details>", "</details>", "<summary>Original English</summary>",
    "<summary>View/Hide Original English</summary>", '<p class="english-text">', "</p>", "<br>", "<!--", "-->",
    "```", "~~~", "* ", "- ", "1. ", "[00:00:09]", "(", ")", "（", "）", "中文句子。", "English words here.",
    "title: ", "date: ", "2025-13-45", "2025-01-02", "tags: [a, b]", "tags:", "  - x", "'[]'", "null", ":", "：",
    "!!python/object/apply:os.system ['true']", "\t", "\ufeff", "\ufffd", "😀", *CONTROLS,
]


def check(result: tuple[Post | None, list[Problem]]) -> None:
    """What must hold for every input."""
    post, problems = result
    assert isinstance(problems, list)
    assert all(isinstance(p, Problem) for p in problems)
    assert post is not None or problems, "neither a post nor a problem"
    if post is None:
        return
    assert isinstance(post.title, str)
    assert post.title
    for turn in post.turns:
        for value in (turn.speaker, turn.text, turn.original, turn.original_speaker):
            assert value is None or isinstance(value, str)
            if value:
                assert CONTROL_RE.search(value) is None, repr(value)
    post.to_json()


@st.composite
def mutated_posts(draw: st.DrawFn) -> bytes:
    """The realistic post after a few random edits, then maybe other line endings, bad bytes or truncation."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "unicode", "control", "token", "move"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if op == "insert":
            lines.insert(i, draw(st.text(max_size=60)))
        elif op == "delete" and lines:
            del lines[i]
        elif op == "duplicate" and lines:
            lines[i:i] = [lines[i]] * draw(st.integers(1, 4))
        elif op in ("unicode", "control", "token") and lines:
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            if op == "unicode":
                piece = draw(st.text(min_size=1, max_size=8))
            elif op == "control":
                piece = draw(st.sampled_from(CONTROLS))
            else:
                piece = draw(st.sampled_from(MARKDOWN_TOKENS))
            lines[i] = line[:at] + piece + line[at:]
        elif op == "move" and lines:
            j = draw(st.integers(0, len(lines) - 1))
            lines.insert(j, lines.pop(i))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])))
    data = text.encode("utf-8")
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
    if draw(st.integers(0, 2)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 5)) == 0:
        data = b"\xef\xbb\xbf" + data
    return data


markdown_soup = st.lists(st.sampled_from(MARKDOWN_TOKENS), max_size=80).map("".join)


@FUZZ
@given(st.text(max_size=2000))
def test_random_text_never_raises(text: str) -> None:
    check(parse_post(text.encode("utf-8"), "fuzz/random.md"))


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data: bytes) -> None:
    check(parse_post(data, "fuzz/random.md"))


@FUZZ
@given(mutated_posts())
def test_mutated_realistic_post_never_raises(data: bytes) -> None:
    check(parse_post(data, "fuzz/2025-11-20-mutated.md"))


@FUZZ
@given(markdown_soup)
def test_markdown_soup_never_raises(text: str) -> None:
    check(parse_post(text.encode("utf-8"), "fuzz/soup.md"))


@FUZZ
@given(markdown_soup, markdown_soup)
def test_soup_front_matter_and_body_never_raise(front: str, body: str) -> None:
    check(parse_post(f"---\n{front}\n---\n{body}".encode(), "fuzz/soup.md"))


@FUZZ
@given(st.text(max_size=1000) | markdown_soup)
def test_parse_body_never_raises_and_strips_controls(body: str) -> None:
    parsed = parse_body(body.replace("\r", "\n"), 1)
    for _line, message in parsed.problems:
        assert isinstance(message, str)
    for section in parsed.sections:
        assert section.title is None or CONTROL_RE.search(section.title) is None
        for turn in section.turns:
            for value in (turn.speaker, turn.text, turn.original, turn.original_speaker):
                assert value is None or CONTROL_RE.search(value) is None, repr(value)


@FUZZ
@given(st.text(max_size=500) | markdown_soup)
def test_load_front_matter_never_raises(fm_text: str) -> None:
    front = load_front_matter(fm_text, 2)
    for line, message in front.problems:
        assert line is None or line >= 2
        assert isinstance(message, str)
    for name in ("title", "channel", "source", "summary", "category", "area", "series", "status"):
        value = front.values.get(name)
        assert value is None or (isinstance(value, str) and CONTROL_RE.search(value) is None)


def test_realistic_post_itself_parses_cleanly() -> None:
    """The seed of the mutations is a good post: no problems, every form of original found."""
    post, problems = parse_post(REALISTIC_POST.encode(), "fuzz/2025-11-20-mutated.md")
    assert problems == []
    assert post is not None
    assert post.title == "开源维护者圆桌：当 AI 开始帮你审代码"
    assert [s.title for s in post.sections] == [None, "开场", "第二部分", "内联"]
    assert [(t.speaker, t.original_speaker) for t in post.sections[1].turns] == [
        ("Priya Natarajan", "Priya Natarajan"),
        ("主持人", "Host"),
        ("Tomás Ruiz", "Tomás Ruiz"),
    ]
    check((post, problems))


@FUZZ
@given(st.sampled_from(CONTROLS[:-2]), st.integers(0, len(LINES) - 1))
def test_control_characters_are_stripped_from_turns(control: str, index: int) -> None:
    lines = list(LINES)
    lines[index] = control + lines[index] + control
    post, _problems = parse_post("\n".join(lines).encode(), "fuzz/controls.md")
    assert post is not None
    check((post, _problems))
    assert post.title and CONTROL_RE.search(post.title) is None
    for section in post.sections:
        assert section.title is None or CONTROL_RE.search(section.title) is None
