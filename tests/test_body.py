"""The body of a post: sections from headings, speaker turns, and each turn's English original in every form the
archive writes it."""

from __future__ import annotations

import pytest

from tui.core.body import parse_body
from tui.core.model import Post, Section, Turn
from tui.core.reader import parse_post


def sections(body: str) -> list[Section]:
    parsed = parse_body(body, 1)
    assert parsed.problems == []
    return parsed.sections


def turns(body: str) -> list[Turn]:
    return [turn for section in sections(body) for turn in section.turns]


def shape(body: str) -> list[tuple[str | None, str, str | None, str | None]]:
    """(speaker, text, original, original_speaker) of every turn."""
    return [(t.speaker, t.text, t.original, t.original_speaker) for t in turns(body)]


def parse(text: str) -> Post:
    post, problems = parse_post(text.encode("utf-8"), "posts/sample.md")
    assert post is not None
    assert problems == []
    return post


# Sections --------------------------------------------------------------------------------------------------


def test_sections_from_headings_one_to_four() -> None:
    body = (
        "# 第一章\n\n一段。\n\n"
        "## 第二节 ##\n\n二段。\n\n"
        "### 第三小节\n\n三段。\n\n"
        "#### Fourth Part\n\n四段。\n"
    )
    found = sections(body)
    assert [(s.title, s.level) for s in found] == [
        ("第一章", 1),
        ("第二节", 2),
        ("第三小节", 3),
        ("Fourth Part", 4),
    ]
    assert [[t.text for t in s.turns] for s in found] == [["一段。"], ["二段。"], ["三段。"], ["四段。"]]
    assert [s.line for s in found] == [1, 5, 9, 13]


def test_text_before_first_heading_is_an_untitled_section() -> None:
    found = sections("开场白。\n\n第二段开场白。\n\n## 正文\n\n内容。\n")
    assert [(s.title, s.level) for s in found] == [(None, 0), ("正文", 2)]
    assert [t.text for t in found[0].turns] == ["开场白。", "第二段开场白。"]
    assert [t.speaker for t in found[0].turns] == [None, None]


def test_no_untitled_section_when_body_opens_with_heading() -> None:
    found = sections("\n\n## 正文\n\n内容。\n")
    assert [s.title for s in found] == ["正文"]


def test_empty_heading_section_is_kept() -> None:
    found = sections("## 空的一节\n\n## 下一节\n\n内容。\n")
    assert [(s.title, len(s.turns)) for s in found] == [("空的一节", 0), ("下一节", 1)]


def test_bold_line_is_a_heading_when_post_has_no_hash_headings() -> None:
    found = sections("前言。\n\n**第一部分**\n\n正文一。\n\n**第二部分**\n\n正文二。\n")
    assert [s.title for s in found] == [None, "第一部分", "第二部分"]
    assert [[t.text for t in s.turns] for s in found] == [["前言。"], ["正文一。"], ["正文二。"]]


def test_bold_line_is_text_when_post_has_hash_headings() -> None:
    found = sections("## 真标题\n\n**第一部分**\n\n正文一。\n")
    assert [s.title for s in found] == ["真标题"]
    assert [(t.speaker, t.text) for t in found[0].turns] == [(None, "**第一部分**"), (None, "正文一。")]


def test_bold_speaker_label_is_not_a_bold_heading() -> None:
    found = sections("**主持人**: 欢迎。\n\n**嘉宾**: 谢谢。\n")
    assert [s.title for s in found] == [None]
    assert [t.speaker for t in found[0].turns] == ["主持人", "嘉宾"]


def test_comments_are_ignored() -> None:
    body = (
        "<!-- chunk 1/9 -->\n\n"
        "**主持人**: 欢迎。\n\n"
        "<!--\nnote to self:\n**嘉宾**: not a turn\n-->\n\n"
        "**嘉宾**: 谢谢。\n\n"
        "<!-- chunk 9/9 -->\n"
    )
    assert shape(body) == [("主持人", "欢迎。", None, None), ("嘉宾", "谢谢。", None, None)]


def test_horizontal_rules_are_ignored() -> None:
    body = "## 一\n\n第一段。\n\n---\n\n## 二\n\n***\n\n第二段。\n\n___\n\n- - -\n\n第三段。\n"
    found = sections(body)
    assert [s.title for s in found] == ["一", "二"]
    assert [[t.text for t in s.turns] for s in found] == [["第一段。"], ["第二段。", "第三段。"]]


def test_rule_inside_post_body_is_not_front_matter() -> None:
    post = parse("---\ntitle: T\n---\n第一段。\n\n---\n\n第二段。\n")
    assert [t.text for t in post.turns] == ["第一段。", "第二段。"]


# Speakers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "names"),
    [
        pytest.param("**主持人**: 欢迎。", "**嘉宾**: 谢谢。", ["主持人", "嘉宾"], id="bold-colon"),
        pytest.param("**主持人**：欢迎。", "**嘉宾**：谢谢。", ["主持人", "嘉宾"], id="bold-fullwidth-colon"),
        pytest.param("**[主持人]**: 欢迎。", "**[嘉宾]**: 谢谢。", ["主持人", "嘉宾"], id="bracketed"),
        pytest.param("**主持人:** 欢迎。", "**嘉宾:** 谢谢。", ["主持人", "嘉宾"], id="colon-inside-bold"),
        pytest.param("**主持人：** 欢迎。", "**嘉宾：**谢谢。", ["主持人", "嘉宾"], id="fullwidth-inside-bold"),
        pytest.param(
            "**Doug O'Laughlin**: 欢迎。", "**Mustafa Suleyman（视频片段）**: 谢谢。",
            ["Doug O'Laughlin", "Mustafa Suleyman（视频片段）"], id="names-with-punctuation",
        ),
    ],
)
def test_bold_speaker_labels(first: str, second: str, names: list[str]) -> None:
    assert shape(f"{first}\n\n{second}\n") == [
        (names[0], "欢迎。", None, None),
        (names[1], "谢谢。", None, None),
    ]


def test_mixed_bold_label_styles_in_one_post() -> None:
    body = (
        "**[主持人]**: 欢迎来到节目。\n\n"
        "**Doug O'Laughlin**: 谢谢你们邀请我来参加节目。\n\n"
        "**杰森**：好的。\n\n"
        "**Speaker 0:** 嗯，我同意这个看法。\n"
    )
    assert [(t.speaker, t.text) for t in turns(body)] == [
        ("主持人", "欢迎来到节目。"),
        ("Doug O'Laughlin", "谢谢你们邀请我来参加节目。"),
        ("杰森", "好的。"),
        ("Speaker 0", "嗯，我同意这个看法。"),
    ]


def test_english_name_label_on_short_chinese_turn_is_not_an_original() -> None:
    body = "**Doug O'Laughlin**: 谢谢。\n\n**杰森**：好的。\n\n**Doug O'Laughlin**: 对。\n"
    assert shape(body) == [
        ("Doug O'Laughlin", "谢谢。", None, None),
        ("杰森", "好的。", None, None),
        ("Doug O'Laughlin", "对。", None, None),
    ]


def test_bold_words_inside_a_turn_are_not_speakers() -> None:
    body = (
        "然后 **Alice**: 说了一句话。\n\n"
        "**主持人**: 我们聊聊 **Rust**: 它很快。\n\n"
        "**嘉宾**: 对，**强化学习（Reinforcement Learning）**很重要。\n"
    )
    assert shape(body) == [
        (None, "然后 **Alice**: 说了一句话。", None, None),
        ("主持人", "我们聊聊 **Rust**: 它很快。", None, None),
        ("嘉宾", "对，**强化学习（Reinforcement Learning）**很重要。", None, None),
    ]


def test_paragraphs_without_speaker_are_narration() -> None:
    assert shape("让我介绍安德烈斯。\n\n全球有二十万名环保工作者。\n") == [
        (None, "让我介绍安德烈斯。", None, None),
        (None, "全球有二十万名环保工作者。", None, None),
    ]


def test_following_paragraphs_continue_the_speakers_turn() -> None:
    body = "**主持人**: 第一段。\n\n第二段。\n\n**嘉宾**: 回答。\n"
    assert shape(body) == [("主持人", "第一段。\n\n第二段。", None, None), ("嘉宾", "回答。", None, None)]


def test_plain_labels_where_post_uses_that_style() -> None:
    body = "Alice: Hi there.\n\nBob: Hello back.\n\nAlice: How are you?\n\nBob: Fine, thanks.\n"
    assert [(t.speaker, t.text) for t in turns(body)] == [
        ("Alice", "Hi there."),
        ("Bob", "Hello back."),
        ("Alice", "How are you?"),
        ("Bob", "Fine, thanks."),
    ]


def test_plain_chinese_labels_with_fullwidth_colon() -> None:
    body = "主持人：欢迎。\n\n嘉宾：谢谢。\n\n主持人：开始吧。\n\n嘉宾：好的。\n"
    assert [(t.speaker, t.text) for t in turns(body)] == [
        ("主持人", "欢迎。"),
        ("嘉宾", "谢谢。"),
        ("主持人", "开始吧。"),
        ("嘉宾", "好的。"),
    ]


@pytest.mark.parametrize(
    "paragraphs",
    [
        pytest.param(["The rule is simple: do it well.", "Note: this is only text."], id="english"),
        pytest.param(["结论：就是这样。", "另外一段。", "注意：这只是正文。"], id="chinese"),
    ],
)
def test_plain_colon_is_text_when_post_does_not_use_that_style(paragraphs: list[str]) -> None:
    found = turns("\n\n".join(paragraphs) + "\n")
    assert [(t.speaker, t.text) for t in found] == [(None, p) for p in paragraphs]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "主持人：欢迎。\n\n嘉宾：谢谢。\n\n主持人：开始吧。\n",
            [("主持人", "欢迎。"), ("嘉宾", "谢谢。"), ("主持人", "开始吧。")],
            id="chinese",
        ),
        pytest.param(
            "Alice: Hi there.\n\nBob: Hello back.\n\nAlice: Bye now.\n",
            [("Alice", "Hi there."), ("Bob", "Hello back."), ("Alice", "Bye now.")],
            id="english",
        ),
    ],
)
def test_plain_label_speaking_once_in_a_plain_style_post(body: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.speaker, t.text) for t in turns(body)] == expected


def test_single_bold_labelled_turn_has_its_speaker() -> None:
    body = "**主持人**: 你好。\n\n<details>\n<summary>Original English</summary>\n\n**Host**: Hello.\n\n</details>\n"
    assert shape(body) == [("主持人", "你好。", "Hello.", "Host")]


def test_inline_markdown_is_kept_as_written() -> None:
    body = (
        "**主持人**: 用 `git log` 看 **历史**，再看 *斜体* 和 [链接](https://example.com)。\n\n"
        "**嘉宾**: 好的 `ls -la`。\n"
    )
    assert [t.text for t in turns(body)] == [
        "用 `git log` 看 **历史**，再看 *斜体* 和 [链接](https://example.com)。",
        "好的 `ls -la`。",
    ]


def test_turn_lines_are_body_lines() -> None:
    parsed = parse_body("## 一\n\n**主持人**: 欢迎。\n\n**嘉宾**: 谢谢。\n", 10)
    assert [t.line for s in parsed.sections for t in s.turns] == [12, 14]
    assert parsed.sections[0].line == 10


# English originals in <details> ---------------------------------------------------------------------------


def test_multiline_details_original() -> None:
    body = (
        "**主持人**: 大家好，欢迎。\n\n"
        "<details>\n<summary>Original English</summary>\n\n"
        "**Host**: Hi everyone, welcome.\n\n"
        "</details>\n\n"
        "**嘉宾**: 我是 Tomás。\n\n"
        "<details>\n<summary>Original English</summary>\n\n"
        "**Guest**: I'm Tomás.\n\n"
        "</details>\n"
    )
    assert shape(body) == [
        ("主持人", "大家好，欢迎。", "Hi everyone, welcome.", "Host"),
        ("嘉宾", "我是 Tomás。", "I'm Tomás.", "Guest"),
    ]


def test_one_line_details_original() -> None:
    body = (
        "**主持人**: 欢迎。\n\n"
        "<details><summary>Original English</summary>**Host**: Welcome.</details>\n\n"
        "**嘉宾**: 谢谢。\n\n"
        "<details><summary>Original English</summary>**Guest**: Thanks.</details>\n"
    )
    assert shape(body) == [("主持人", "欢迎。", "Welcome.", "Host"), ("嘉宾", "谢谢。", "Thanks.", "Guest")]


def test_original_english_source_form() -> None:
    body = (
        "### 基准测试\n\n"
        "今天我要谈谈构建基准测试的元评估。\n\n"
        "<details><summary>Original English Source</summary>\n"
        "Today I'm going to be talking about some meta evaluations.\n"
        "Benchmarks remain a really critical piece of the toolkit.\n"
        "</details>\n"
    )
    assert shape(body) == [
        (
            None,
            "今天我要谈谈构建基准测试的元评估。",
            "Today I'm going to be talking about some meta evaluations.\n"
            "Benchmarks remain a really critical piece of the toolkit.",
            None,
        )
    ]


def test_view_hide_original_english_with_paragraph_class() -> None:
    body = (
        "让我向大家介绍安德烈斯·罗哈斯。\n"
        "<details>\n"
        "<summary>View/Hide Original English</summary>\n"
        '<p class="english-text">Let me introduce you to Andrés Rojas.</p>\n'
        "</details>\n\n"
        "全球有20万名环保工作者。\n"
        "<details>\n"
        "<summary>View/Hide Original English</summary>\n"
        '<p class="english-text">There are 200,000 conservationists in the world.</p>\n'
        "</details>\n"
    )
    assert shape(body) == [
        (None, "让我向大家介绍安德烈斯·罗哈斯。", "Let me introduce you to Andrés Rojas.", None),
        (None, "全球有20万名环保工作者。", "There are 200,000 conservationists in the world.", None),
    ]


def test_one_block_holds_originals_of_several_turns() -> None:
    body = (
        "**杰森**: 欢迎回来。\n\n"
        "**查马斯**: 挺好的。\n\n"
        "**杰森**: 我在东京。\n\n"
        "<details>\n<summary>Original English</summary>\n\n"
        "**Jason Calacanis**: Welcome back.\n\n"
        "**Chamath Palihapitiya**: Good.\n\n"
        "**Jason Calacanis**: I'm in Tokyo.\n\n"
        "</details>\n"
    )
    assert shape(body) == [
        ("杰森", "欢迎回来。", "Welcome back.", "Jason Calacanis"),
        ("查马斯", "挺好的。", "Good.", "Chamath Palihapitiya"),
        ("杰森", "我在东京。", "I'm in Tokyo.", "Jason Calacanis"),
    ]


def test_multi_paragraph_turn_and_original() -> None:
    body = (
        "**[主持人]**: 欢迎。\n\n第二段。\n\n"
        "**Doug O'Laughlin**: 谢谢。\n\n"
        "<details>\n<summary>Original English</summary>\n\n"
        "**[Host]**: Welcome.\n\nSecond paragraph.\n\n"
        "**Doug O'Laughlin**: Thanks.\n\n"
        "</details>\n"
    )
    assert shape(body) == [
        ("主持人", "欢迎。\n\n第二段。", "Welcome.\n\nSecond paragraph.", "Host"),
        ("Doug O'Laughlin", "谢谢。", "Thanks.", "Doug O'Laughlin"),
    ]


def test_unlabelled_prose_original_for_narration() -> None:
    body = (
        "## 一\n\n"
        "第一段中文。\n\n"
        "<details>\n<summary>Original English</summary>\n\n"
        "First English paragraph.\n\nSecond English paragraph.\n\n"
        "</details>\n"
    )
    assert shape(body) == [
        (None, "第一段中文。", "First English paragraph.\n\nSecond English paragraph.", None),
    ]


def test_english_label_kept_beside_chinese_label() -> None:
    body = (
        "**主持人**: 欢迎。\n\n"
        "<details>\n<summary>Original English</summary>\n\n**Host**: Welcome.\n\n</details>\n\n"
        "**嘉宾**：谢谢。\n\n"
        "<details>\n<summary>Original English</summary>\n\n**Guest**: Thanks.\n\n</details>\n"
    )
    found = turns(body)
    assert [(t.speaker, t.original_speaker) for t in found] == [("主持人", "Host"), ("嘉宾", "Guest")]


def test_turns_after_last_details_have_no_original() -> None:
    body = (
        "**主持人**: 欢迎。\n\n"
        "<details>\n<summary>Original English</summary>\n\n**Host**: Welcome.\n\n</details>\n\n"
        "**嘉宾**: 谢谢。\n\n"
        "**主持人**: 再见。\n"
    )
    assert shape(body) == [
        ("主持人", "欢迎。", "Welcome.", "Host"),
        ("嘉宾", "谢谢。", None, None),
        ("主持人", "再见。", None, None),
    ]


def test_html_inside_original_is_not_kept() -> None:
    found = turns(
        "正文。\n\n<details>\n<summary>Original English</summary>\n<p>Line one.<br>Line two.</p>\n</details>\n"
    )
    assert found[0].original is not None
    for tag in ("<p>", "</p>", "<br>", "<summary>", "<details>", "</details>", "Original English"):
        assert tag not in found[0].original
    assert "Line one." in found[0].original
    assert "Line two." in found[0].original


# Inline English ----------------------------------------------------------------------------------------------


def test_inline_english_paragraph_then_chinese() -> None:
    body = (
        "## 创成式媒体\n\n"
        "In general there is still a lot of demand for image models. [00:00:00]\n\n"
        "总的来说，对图像模型的需求仍然很大，而且出现了**趋同**。\n\n"
        "I remember when Sora came out. [00:00:35]\n\n"
        "我记得当 Sora 发布时。\n"
    )
    assert shape(body) == [
        (
            None,
            "总的来说，对图像模型的需求仍然很大，而且出现了**趋同**。",
            "In general there is still a lot of demand for image models. [00:00:00]",
            None,
        ),
        (None, "我记得当 Sora 发布时。", "I remember when Sora came out. [00:00:35]", None),
    ]


def test_inline_chinese_paragraph_then_english() -> None:
    body = "总的来说，需求很大。\n\nIn general there is demand.\n\n我记得 Sora 发布时。\n\nI remember when Sora came out.\n"
    assert shape(body) == [
        (None, "总的来说，需求很大。", "In general there is demand.", None),
        (None, "我记得 Sora 发布时。", "I remember when Sora came out.", None),
    ]


def test_inline_lines_with_timestamps() -> None:
    body = "[00:00:01] Hello there, everyone.\n[00:00:01] 大家好。\n[00:00:05] Thanks for coming.\n[00:00:05] 谢谢光临。\n"
    found = turns(body)
    assert [(t.speaker, t.text, t.original) for t in found] == [
        (None, "[00:00:01] 大家好。", "[00:00:01] Hello there, everyone."),
        (None, "[00:00:05] 谢谢光临。", "[00:00:05] Thanks for coming."),
    ]
    assert [t.line for t in found] == [1, 3]


def test_inline_pairs_with_plain_labels_keep_both_labels() -> None:
    body = (
        "## Introduction\n\n"
        "Dwarkesh: Today I'm chatting with Richard Sutton.\n\n"
        "德瓦凯什：今天我与理查德·萨顿进行交流。\n\n"
        "Richard: Thank you, Dwarkesh.\n\n"
        "理查德：谢谢你，德瓦凯什。\n\n"
        "Dwarkesh: Thanks for coming on the podcast.\n\n"
        "德瓦凯什：感谢你来参加这个播客。\n\n"
        "Richard: It's my pleasure.\n\n"
        "理查德：这是我的荣幸。\n"
    )
    assert shape(body) == [
        ("德瓦凯什", "今天我与理查德·萨顿进行交流。", "Today I'm chatting with Richard Sutton.", "Dwarkesh"),
        ("理查德", "谢谢你，德瓦凯什。", "Thank you, Dwarkesh.", "Richard"),
        ("德瓦凯什", "感谢你来参加这个播客。", "Thanks for coming on the podcast.", "Dwarkesh"),
        ("理查德", "这是我的荣幸。", "It's my pleasure.", "Richard"),
    ]


def test_inline_pairs_with_bold_labels_keep_both_labels() -> None:
    body = (
        "**Host**: Welcome to the show.\n\n"
        "**主持人**：欢迎收听节目。\n\n"
        "**Guest**: Thanks for having me.\n\n"
        "**嘉宾**：谢谢邀请。\n"
    )
    assert shape(body) == [
        ("主持人", "欢迎收听节目。", "Welcome to the show.", "Host"),
        ("嘉宾", "谢谢邀请。", "Thanks for having me.", "Guest"),
    ]


def test_chinese_only_post_has_no_originals() -> None:
    body = "## 一\n\n第一段。\n\n第二段。\n"
    assert shape(body) == [(None, "第一段。", None, None), (None, "第二段。", None, None)]


# Through parse_post ------------------------------------------------------------------------------------------


def test_full_post_through_parse_post() -> None:
    text = (
        "---\ntitle: 圆桌\ndate: '2025-11-20'\n---\n"
        "### 开场\n\n"
        "**Priya Natarajan**: 大家好。\n\n"
        "<details>\n<summary>Original English</summary>\n\n**Priya Natarajan**: Hi everyone.\n\n</details>\n\n"
        "**Tomás Ruiz**: 我是 Tomás。\n\n"
        "<details>\n<summary>Original English</summary>\n\n**Tomás Ruiz**: I'm Tomás.\n\n</details>\n\n"
        "### 结束\n\n"
        "谢谢收听。\n"
    )
    post = parse(text)
    assert [s.to_json() for s in post.sections] == [
        {
            "title": "开场",
            "level": 3,
            "turns": [
                {"speaker": "Priya Natarajan", "text": "大家好。", "original": "Hi everyone.",
                 "original_speaker": "Priya Natarajan"},
                {"speaker": "Tomás Ruiz", "text": "我是 Tomás。", "original": "I'm Tomás.",
                 "original_speaker": "Tomás Ruiz"},
            ],
        },
        {
            "title": "结束",
            "level": 3,
            "turns": [{"speaker": None, "text": "谢谢收听。", "original": None, "original_speaker": None}],
        },
    ]
    assert [t.line for t in post.turns] == [7, 16, 27]
