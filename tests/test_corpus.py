"""The 14 real posts of ../shared/corpus, read as a reader sees them.

Every expected value below was taken from the raw Markdown by hand (front matter as written, headings and
`<details>` blocks counted with grep, speaker labels counted inside and outside the blocks), not from what the
reader returns; the tests check that the reader agrees.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache

import pytest

from conftest import CORPUS, needs_corpus
from tui.core.model import Post, Turn
from tui.core.reader import read_post, walk_archive

pytestmark = needs_corpus

FILES = [
    "2024-11-19-5fkqmNzFni8.md",
    "2025-08-01-NKNYKYoDSNA.md",
    "2025-08-17-1A6uPztchXk.md",
    "2025-10-01-21EYKqUsPfg.md",
    "2025-10-31-ANjiJQQIBo0.md",
    "2025-12-09-STUwbUCEtUw.md",
    "2025-12-14-ccqCDD9LqCA.md",
    "2025-12-18-nvbq39yVYRk.md",
    "2026-02-24-x9rWFiIubmc.md",
    "2026-06-04-iNkFlCiij0U.md",
    "2026-08-30-KLDdXOw6jIc.md",
    "2026-09-02-QBmgF1kJSK4.md",
    "2026-10-06-mUQoVz7THu0.md",
    "2026-10-10-TBLHdXABwAg.md",
]


@cache
def _read(name: str) -> tuple[Post | None, tuple]:
    post, problems = read_post(CORPUS / name, name)
    return post, tuple(problems)


def load(name: str) -> Post:
    post, _ = _read(name)
    assert post is not None, name
    return post


def raw(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def turn_with_text(post: Post, text: str) -> Turn:
    found = [t for t in post.turns if t.text == text]
    assert len(found) == 1, (text, len(found))
    return found[0]


# --- the archive as a whole -------------------------------------------------------------------------------------


def test_walk_finds_the_fourteen_posts() -> None:
    assert [entry.relpath for entry in walk_archive(CORPUS)] == FILES


@pytest.mark.parametrize("name", FILES)
def test_no_file_reports_a_problem(name: str) -> None:
    post, problems = _read(name)
    assert post is not None
    assert list(problems) == []
    assert post.problems == []


# --- front matter ---------------------------------------------------------------------------------------------

# file: (title, channel (author, else speaker, else channel key), number of tags)
FRONT = {
    "2024-11-19-5fkqmNzFni8.md": ("AI 扩展假说的形成：一位观察者的历史视角", "Dwarkesh Patel", 5),
    "2025-08-01-NKNYKYoDSNA.md": ("Fal.ai AI视频的未来、推理优化与创成式媒体市场的激烈竞争", "Lei", 4),
    "2025-08-17-1A6uPztchXk.md": ("Why 'Vibe Coding' is the Worst Software Idea of the Year", "Lei", 4),
    "2025-10-01-21EYKqUsPfg.md": (
        "Richard Sutton on Reinforcement Learning, the Failures of LLMs, and AI Succession", "Lei", 3),
    "2025-10-31-ANjiJQQIBo0.md": ("OpenSpec：AI驱动的规范化开发，加速现有项目迭代", "AI超元域", 5),
    "2025-12-09-STUwbUCEtUw.md": ("AI设备如何实时保护自然：SPARROW的创新与实践", "TED", 4),
    "2025-12-14-ccqCDD9LqCA.md": ("影像與聲音的生成策略：擴散模型與自回歸架構的深度匯聚", "Hung-yi Lee", 5),
    "2025-12-18-nvbq39yVYRk.md": ("AI模型中的谄媚行为：成因、影响与应对", "Anthropic", 5),
    "2026-02-24-x9rWFiIubmc.md": (
        "对话 Doug O'Laughlin：Claude Code 带来的金融分析革命与全球存储芯片大缺货", "Latent Space", 5),
    "2026-06-04-iNkFlCiij0U.md": ("评估赋能：构建前沿 AI 基准测试的艺术与科学", "AI Engineer", 5),
    "2026-08-30-KLDdXOw6jIc.md": (
        "Google DeepMind 多模态先锋对谈：Veo、Imagen 与全模态智能的未来演进", "AI Engineer", 5),
    "2026-09-02-QBmgF1kJSK4.md": (
        "从 OpenClaw 迁移到 Grok Bot：我的 7 个日常高频 AI Agent 实操工作流", "How I AI", 5),
    "2026-10-06-mUQoVz7THu0.md": (
        "构建AI Agent质量评估平台为何远比想象中复杂：Braintrust深度解析评测闭环与底层工程挑战", "AI Engineer", 5),
    "2026-10-10-TBLHdXABwAg.md": ("All-in Podcast：AI意识争议、阿西莫夫定律与数学证明的密码学影响", "All-In Podcast", 5),
}


@pytest.mark.parametrize("name", FILES)
def test_title_date_channel_source_tags(name: str) -> None:
    title, channel, tag_count = FRONT[name]
    post = load(name)
    year, month, day, video = name[:-3].split("-", 3)
    scheme = "http" if name.startswith("2025-08-01") else "https"
    assert post.title == title
    assert post.date == dt.date(int(year), int(month), int(day))
    assert post.channel == channel
    assert post.source == f"{scheme}://www.youtube.com/watch?v={video}"
    assert len(post.tags) == tag_count


def test_front_matter_2024_11_19_empty_strings_and_lists() -> None:
    post = load("2024-11-19-5fkqmNzFni8.md")
    assert post.tags == ["scaling-hypothesis", "deep-learning", "computational-power", "neural-networks",
                         "agi-prediction"]
    assert post.products_models == ["GPT-1", "GPT-2", "GPT-3"]
    assert post.people == post.companies_orgs == post.media_books == post.project == []
    assert post.series is None  # series: ''
    assert (post.category, post.area, post.status) == ("ai-ml", "tech-engineering", "evergreen")
    assert post.extra == {"draft": True, "guest": "", "insight": "", "layout": "post.njk"}


def test_front_matter_2025_08_01_nulls_and_title_first_order() -> None:
    post = load("2025-08-01-NKNYKYoDSNA.md")
    assert post.series is None
    assert post.extra["guest"] is None and post.extra["insight"] is None
    assert post.project == ["ai-impact-analysis", "cultural-critique"]
    assert post.media_books == ["ai-video"]
    assert post.companies_orgs == post.products_models == []
    assert (post.category, post.area, post.status) == ("technology", "tech-insights", "evergreen")


def test_front_matter_2025_08_17_backslash_delimiters_folded_summary_and_file_name() -> None:
    post = load("2025-08-17-1A6uPztchXk.md")
    assert post.extra["file_name"] == "vibe_coding_worst_software_idea_year.md"
    assert post.status is None  # no status key
    assert post.project == ["ai-impact-analysis", "vibe-coding"]
    assert post.tags == ["ai-programming", "code-quality", "software-engineering", "vibe-coding"]
    assert post.summary is not None and "\n" not in post.summary
    assert post.summary.startswith("This article critically examines the concept of 'Vibe Coding' introduced by "
                                   "Andrej Karpathy. It argues")
    assert post.summary.endswith("rather than imprecise 'vibes'.")


def test_front_matter_2025_10_01_null_and_empty_values() -> None:
    post = load("2025-10-01-21EYKqUsPfg.md")
    assert post.people == ["richard-sutton", "Dwarkesh Patel", "Richard Sutton"]
    assert post.media_books == ["the-bitter-lesson"]
    assert post.series is None
    assert post.extra["insight"] is None and post.extra["guest"] == ""
    assert post.summary == (
        "A conversation with Richard Sutton, the father of reinforcement learning, discussing why he believes Large "
        "Language Models are a flawed approach to AI, the importance of learning from experience, the true meaning "
        'of "The Bitter Lesson," and his argument for the inevitability of AI succession.'
    )


def test_front_matter_2025_10_31_string_lists() -> None:
    post = load("2025-10-31-ANjiJQQIBo0.md")
    assert post.companies_orgs == [] and post.people == [] and post.media_books == []  # written as '[]'
    assert post.products_models == ["Cursor", "Codex", "Cloud Code", "Node.js", "Xcode", "VS Code", "iOS"]
    assert post.project == ["ai-impact-analysis", "systems-thinking"]
    assert post.series is None


def test_front_matter_2025_12_09_missing_list_keys() -> None:
    post = load("2025-12-09-STUwbUCEtUw.md")
    assert post.people == post.companies_orgs == post.products_models == []
    assert post.media_books == ["Game of Thrones"]
    assert post.area == "society-systems"


def test_front_matter_2025_12_14_people_with_parentheses() -> None:
    post = load("2025-12-14-ccqCDD9LqCA.md")
    assert post.people == ["李宏毅 (Hung-yi Lee)"]
    assert post.companies_orgs == ["Google", "OpenAI", "Meta"]
    assert post.products_models == ["NanoBanana", "Sora", "Flow Matching", "MaskGIT", "VAR"]


def test_front_matter_2025_12_18_project_kept() -> None:
    post = load("2025-12-18-nvbq39yVYRk.md")
    assert post.project == ["ai-impact-analysis"]
    assert post.people == ["Kira"]
    assert post.area == "tech-work"


def test_front_matter_2026_02_24_lists() -> None:
    post = load("2026-02-24-x9rWFiIubmc.md")
    assert post.people == ["Doug O'Laughlin", "Dylan Patel", "Jensen Huang", "Satya Nadella"]
    assert len(post.companies_orgs) == 9 and post.companies_orgs[-1] == "SK Hynix"
    assert len(post.products_models) == 6
    assert post.media_books == ["On Writing Well"]
    assert post.category == "ai-application"


def test_front_matter_2026_10_10_lists() -> None:
    post = load("2026-10-10-TBLHdXABwAg.md")
    assert post.people == ["Jason Calacanis", "Chamath Palihapitiya", "David Sacks", "David Friedberg"]
    assert post.media_books == ["All-in Podcast", "This Week in Startups"]


# --- sections ---------------------------------------------------------------------------------------------------

# file: (number of headings, {level: count}, first heading, last heading)
SECTIONS = {
    "2024-11-19-5fkqmNzFni8.md": (1, {3: 1}, "AI 扩展假说的形成：一位观察者的历史视角", "AI 扩展假说的形成：一位观察者的历史视角"),
    "2025-08-01-NKNYKYoDSNA.md": (12, {1: 1, 2: 4, 3: 7}, "Fal.ai：AI视频的未来与推理优化", "AI视频的未来：新用例的爆发"),
    "2025-08-17-1A6uPztchXk.md": (10, {2: 10}, "Introduction to Vibe Coding", "The Future: Executable Specifications"),
    "2025-10-01-21EYKqUsPfg.md": (12, {2: 12}, "Introduction", "How to Approach the Future of AI"),
    "2025-10-31-ANjiJQQIBo0.md": (9, {3: 9}, "OpenSpec：AI驱动的规范化开发，加速现有项目迭代", "归档文档与总结"),
    "2025-12-09-STUwbUCEtUw.md": (5, {3: 5}, "挑战重重的自然保护工作", "超越数据收集：实时预警与未来愿景"),
    "2025-12-14-ccqCDD9LqCA.md": (4, {3: 4}, "生成新紀元：從文字接龍到多模態模擬", "範式匯聚：連續 Token 與流匹配的向量博弈"),
    "2025-12-18-nvbq39yVYRk.md": (5, {3: 5}, "什么是AI谄媚行为", "识别与应对策略"),
    "2026-02-24-x9rWFiIubmc.md": (8, {3: 8}, "AI 代理的“觉醒时刻”", "徒步 Continental Divide Trail 的感悟"),
    "2026-06-04-iNkFlCiij0U.md": (4, {3: 4}, "评估鸿沟：为何能力领先于测量？", "未来前瞻：复杂性、自主性与非线性输出"),
    "2026-08-30-KLDdXOw6jIc.md": (5, {3: 5}, "开场与近期重大发布", "评估困境与未来创作范式"),
    "2026-09-02-QBmgF1kJSK4.md": (
        8, {3: 8}, "告别繁重运维：从 OpenClaw 全面转向 Grok Bot", "智能体无缝迁移方案：从 OpenClaw 备份到 Grok Bot 重生"),
    "2026-10-06-mUQoVz7THu0.md": (
        9, {3: 9}, "为什么构建AI Agent质量平台极其困难", "未来的终局：Coding Agent自主评测与人类仲裁"),
    "2026-10-10-TBLHdXABwAg.md": (33, {3: 33}, "播客开场与东京“套房羞辱”风波", "申诉与限制应对"),
}


@pytest.mark.parametrize("name", FILES)
def test_sections(name: str) -> None:
    count, levels, first, last = SECTIONS[name]
    post = load(name)
    titles = [s.title for s in post.sections]
    assert len(titles) == count
    assert None not in titles  # every post starts with a heading; nothing comes before it
    assert dict(Counter(s.level for s in post.sections)) == levels
    assert (titles[0], titles[-1]) == (first, last)


# --- turns and originals ----------------------------------------------------------------------------------------

# file: (turns, turns with an English original)
TURNS = {
    "2024-11-19-5fkqmNzFni8.md": (4, 4),  # 4 <details>, one **Speaker** paragraph before each
    "2025-08-01-NKNYKYoDSNA.md": (31, 31),  # 62 paragraphs: English, then its Chinese
    "2025-08-17-1A6uPztchXk.md": (122, 122),  # 244 paragraphs, alternating English / Chinese
    "2025-10-01-21EYKqUsPfg.md": (89, 89),  # 178 one-line paragraphs, `Name:` then `名字：`
    "2025-10-31-ANjiJQQIBo0.md": (30, 30),  # 30 <details>, narration paragraphs before each
    "2025-12-09-STUwbUCEtUw.md": (13, 13),
    "2025-12-14-ccqCDD9LqCA.md": (8, 0),  # 8 Chinese paragraphs, no English at all
    "2025-12-18-nvbq39yVYRk.md": (5, 5),
    "2026-02-24-x9rWFiIubmc.md": (21, 19),  # 21 labelled paragraphs, 19 <details>; the last two have none
    "2026-06-04-iNkFlCiij0U.md": (4, 4),  # two narration paragraphs before each of 4 <details>
    "2026-08-30-KLDdXOw6jIc.md": (34, 34),
    "2026-09-02-QBmgF1kJSK4.md": (8, 8),
    "2026-10-06-mUQoVz7THu0.md": (29, 29),
    "2026-10-10-TBLHdXABwAg.md": (106, 106),  # 101 <details>: one with 3 labels, three with 2 -> 106
}


@pytest.mark.parametrize("name", FILES)
def test_turn_and_original_counts(name: str) -> None:
    turns, originals = TURNS[name]
    post = load(name)
    assert len(post.turns) == turns
    assert sum(1 for t in post.turns if t.original is not None) == originals


# file: (Counter of turn.speaker, Counter of turn.original_speaker over turns with an original)
SPEAKERS = {
    "2024-11-19-5fkqmNzFni8.md": ({"Speaker": 4}, {"Speaker": 4}),
    "2025-08-01-NKNYKYoDSNA.md": ({None: 31}, {None: 31}),
    "2025-08-17-1A6uPztchXk.md": ({None: 122}, {None: 122}),
    # `德瓦凯SH：` (line 318) is a one-off misspelling, still a label in a post written with plain labels
    "2025-10-01-21EYKqUsPfg.md": ({"理查德": 50, "德瓦凯什": 38, "德瓦凯SH": 1}, {"Richard": 50, "Dwarkesh": 39}),
    "2025-10-31-ANjiJQQIBo0.md": ({None: 30}, {None: 30}),
    "2025-12-09-STUwbUCEtUw.md": ({None: 13}, {None: 13}),
    "2025-12-14-ccqCDD9LqCA.md": ({None: 8}, {}),
    "2025-12-18-nvbq39yVYRk.md": ({None: 5}, {None: 5}),
    "2026-02-24-x9rWFiIubmc.md": ({"主持人": 7, "Doug O'Laughlin": 14}, {"Host": 6, "Doug O'Laughlin": 13}),
    "2026-06-04-iNkFlCiij0U.md": ({None: 4}, {None: 4}),
    "2026-08-30-KLDdXOw6jIc.md": (
        {"主持人": 17, "Dumitru Erhan": 5, "Shane Gu": 8, "Nicole Brichtova": 4},
        {"Host": 17, "Dumitru Erhan": 5, "Shane Gu": 8, "Nicole Brichtova": 4},
    ),
    "2026-09-02-QBmgF1kJSK4.md": ({None: 8}, {None: 8}),
    "2026-10-06-mUQoVz7THu0.md": ({"Speaker 1": 25, "Speaker 0": 4}, {"Speaker 1": 25, "Speaker 0": 4}),
    "2026-10-10-TBLHdXABwAg.md": (
        {
            "Jason Calacanis": 23, "David Sacks": 20, "David Friedberg": 15, "Speaker A": 10, "嘉宾": 9,
            "Chamath Palihapitiya": 8, "Speaker B": 7, "主持人": 5, "查马斯 (Chamath Palihapitiya)": 4,
            "杰森 (Jason Calacanis)": 3, "戴维·萨克斯 (David Sacks)": 1, "Mustafa Suleyman（视频片段）": 1,
        },
        {
            "Jason Calacanis": 26, "David Sacks": 21, "David Friedberg": 15, "Chamath Palihapitiya": 12,
            "Speaker A": 10, "Guest": 9, "Speaker B": 7, "Host": 5, "Mustafa Suleyman (Video Clip)": 1,
        },
    ),
}


@pytest.mark.parametrize("name", FILES)
def test_speaker_labels(name: str) -> None:
    speakers, original_speakers = SPEAKERS[name]
    post = load(name)
    assert Counter(t.speaker for t in post.turns) == Counter(speakers)
    assert Counter(t.original_speaker for t in post.turns if t.original is not None) == Counter(original_speakers)
    assert all(t.original_speaker is None for t in post.turns if t.original is None)


MARKUP = ("<details", "</details>", "<summary", "<p class", "</p>", "<!--", "-->")


@pytest.mark.parametrize("name", FILES)
def test_no_markup_in_text_or_original(name: str) -> None:
    for turn in load(name).turns:
        for value in (turn.text, turn.original or ""):
            assert not any(tag in value for tag in MARKUP), value[:200]


@pytest.mark.parametrize("name", FILES)
def test_every_turn_has_text_and_originals_are_not_empty(name: str) -> None:
    for turn in load(name).turns:
        assert turn.text.strip(), turn
        assert turn.original is None or turn.original.strip(), turn


@pytest.mark.parametrize("name", FILES)
def test_labels_never_stay_in_the_text(name: str) -> None:
    """A bold label is taken off the turn's text; the only `**Name**:` left would be a missed label."""
    for turn in load(name).turns:
        assert not re.match(r"\*\*\[?[^*\n]{1,40}\]?\*\*\s*[:：]", turn.text), turn.text[:80]
        assert not re.match(r"\*\*\[?[^*\n]{1,40}\]?\*\*\s*[:：]", turn.original or ""), turn.original[:80]


# --- tricky spots, file by file ---------------------------------------------------------------------------------


def test_2024_11_19_placeholder_first_turn() -> None:
    first = load("2024-11-19-5fkqmNzFni8.md").turns[0]
    assert (first.speaker, first.text, first.original_speaker) == ("Speaker", "中文翻译内容...", "Speaker")
    assert first.original is not None
    assert first.original.startswith("You're one of the only people outside of OpenAI who in 2020 had this")


def test_2025_08_01_inline_pairs_keep_timestamps() -> None:
    post = load("2025-08-01-NKNYKYoDSNA.md")
    assert post.sections[0].title == "Fal.ai：AI视频的未来与推理优化" and post.sections[0].turns == []
    assert len(post.sections[1].turns) == 5
    second = post.turns[1]
    assert second.text == ("在视频领域，我们处于更早期的竞争阶段，仍在发生大量的**跨越式发展**，有太多东西需要构建，"
                           "而且我们尚未达到一个只有边际改进的质量门槛，我们还没有到达那个阶段。")
    assert second.original is not None
    assert second.original.startswith("With video we're earlier in the competition")
    assert second.original.endswith("we're not there yet. [00:00:09]")
    # every English line of the file ends with its timestamp
    assert all(re.search(r"\[\d\d:\d\d:\d\d\]$", t.original or "") for t in post.turns)
    assert not any("[00:" in t.text for t in post.turns)


def test_2025_08_17_inline_pairs() -> None:
    post = load("2025-08-17-1A6uPztchXk.md")
    second, last = post.turns[1], post.turns[-1]
    assert (second.text, second.original) == ("他称之为“Vibe Coding”(感觉编程)。", "He called it vibe coding.")
    assert last.text == "我希望您正享受着作为会员所获得的特权。谢谢，再见。"
    assert last.original == ("And I hope you're enjoying the privileges that you get from being a member. "
                             "Thank you and bye-bye.")


def test_2025_10_01_plain_name_labels() -> None:
    post = load("2025-10-01-21EYKqUsPfg.md")
    first, second = post.turns[0], post.turns[1]
    assert (first.speaker, first.original_speaker) == ("德瓦凯什", "Dwarkesh")
    assert first.text.startswith("今天我与理查德·萨顿（Richard Sutton）进行交流")
    assert first.original is not None and first.original.startswith("Today I'm chatting with Richard Sutton")
    assert (second.speaker, second.text) == ("理查德", "谢谢你，德瓦凯什。")
    assert (second.original_speaker, second.original) == ("Richard", "Thank you, Dwarkesh.")
    # line 318: the one misspelt label `德瓦凯SH：` (the English side is a normal `Dwarkesh:`)
    assert not [t for t in post.turns if t.speaker is None]
    odd = [t for t in post.turns if t.speaker == "德瓦凯SH"]
    assert len(odd) == 1
    assert odd[0].text.startswith("一旦我们拥有AGI（通用人工智能）")
    assert odd[0].original_speaker == "Dwarkesh"
    assert odd[0].original is not None and odd[0].original.startswith("Once we have AGI, we'll have researchers")


def _p_contents(name: str) -> list[str]:
    return re.findall(r'<p class="english-text">(.*?)</p>', raw(name))


@pytest.mark.parametrize("name", ["2025-10-31-ANjiJQQIBo0.md", "2025-12-09-STUwbUCEtUw.md"])
def test_view_hide_originals_are_the_paragraph_contents(name: str) -> None:
    post = load(name)
    expected = _p_contents(name)
    assert len(expected) == TURNS[name][1]
    assert [t.original for t in post.turns] == [p.strip() for p in expected]


def test_2025_10_31_details() -> None:
    post = load("2025-10-31-ANjiJQQIBo0.md")
    install = turn_with_text(post, "首先，打开终端命令行，安装OpenSpec。")
    assert install.original == "好下面我们先打开终端命令行先安装OpenSPEC"
    # the intro line and the numbered list before one block are one turn
    third = post.turns[2]
    assert third.text.startswith("在演示之前，我们首先了解OpenSpec的核心优势：\n\n1.  **可预测、高质量、零猜测的代码输出**")
    assert third.text.endswith("6.  **提升协作效率**：团队成员即使使用不同的AI编程助手，也能保持一致性。")


def test_2025_12_09_details_right_after_the_paragraph() -> None:
    post = load("2025-12-09-STUwbUCEtUw.md")
    first = post.turns[0]
    assert first.text.startswith("让我向大家介绍安德烈斯·罗哈斯。")
    assert "<details>" not in first.text and "View/Hide" not in first.text
    assert first.original is not None and first.original.startswith("Let me introduce you to Andrés Rojas.")
    thrones = post.turns[9].original or ""
    assert "“Game of Thrones” ten times -- (Laughter) just to get" in thrones


def test_2025_12_14_article_without_originals() -> None:
    post = load("2025-12-14-ccqCDD9LqCA.md")
    assert [len(s.turns) for s in post.sections] == [2, 2, 2, 2]
    assert post.turns[0].text.startswith("目前為止，生成式人工智慧的討論核心大多集中在**語言模型**")


def test_2025_12_18_unlabelled_english_prose() -> None:
    post = load("2025-12-18-nvbq39yVYRk.md")
    assert [len(s.turns) for s in post.sections] == [1, 1, 1, 1, 1]
    first = post.turns[0]
    assert first.text.startswith("大家好，我是**Kira**，来自**Anthropic**")
    assert first.original is not None
    assert first.original.startswith("Hi there, my name is Kira and I'm on the safeguards team at Anthropic.")


def test_2026_02_24_bracketed_labels_and_last_two_turns() -> None:
    post = load("2026-02-24-x9rWFiIubmc.md")
    first = post.turns[0]
    assert (first.speaker, first.original_speaker) == ("主持人", "Host")
    assert first.text.startswith("这种东西经常犯错，一直都在犯错。")
    assert first.original is not None and first.original.startswith("This crap makes mistakes all the time.")
    doug = post.turns[1]
    assert doug.speaker == "Doug O'Laughlin"
    assert "\n\n我们看看 L1 模型是否能做到。" in doug.text  # a two-paragraph turn
    host_end, doug_end = post.turns[-2], post.turns[-1]
    assert (host_end.speaker, host_end.text) == ("主持人", "感谢你参与对话，带我们从 Claude Code 的痴迷聊到半导体，再聊到徒步。")
    assert (doug_end.speaker, doug_end.text) == ("Doug O'Laughlin", "谢谢邀请，很高兴能叙叙旧。")
    assert host_end.original is None and doug_end.original is None
    assert all(t.original is not None for t in post.turns[:-2])


def test_2026_06_04_one_line_details() -> None:
    post = load("2026-06-04-iNkFlCiij0U.md")
    first = post.turns[0]
    assert first.text.startswith("当前 AI 领域存在一个显著的**非对称现象**")
    assert "\n\n在弥合这一评估鸿沟的过程中，**Snorkel A" in first.text
    assert first.original is not None
    assert first.original.startswith("Today I'm going to be talking about some meta evaluations for building benchmarks.")
    assert all("Original English Source" not in (t.original or "") for t in post.turns)


def test_2026_08_30_interview() -> None:
    post = load("2026-08-30-KLDdXOw6jIc.md")
    shane = turn_with_text(post, "哈哈，那件事就别提了。")
    assert (shane.speaker, shane.original_speaker, shane.original) == (
        "Shane Gu", "Shane Gu", "Forget about that. [laughter]")
    assert post.turns.index(shane) == 7
    assert [len(s.turns) for s in post.sections] == [15, 10, 3, 2, 4]


def test_2026_09_02_code_block_and_rules() -> None:
    post = load("2026-09-02-QBmgF1kJSK4.md")
    holly = post.turns[4]
    assert holly.text.startswith("在 **Chat Purity**（客服与社群服务）业务中")
    assert "\n\n```\n[用户工单/Slack 咨询]\n       │\n       ▼\n[Holly Helpdesk 智能体]" in holly.text
    assert holly.text.endswith("[触发 Stripe Agent Action]\n```")
    assert holly.original is not None
    assert holly.original.startswith("Finally, on the work side, something that has been really impressive")
    assert holly.original.count("\n\n") == 2  # three English paragraphs
    for turn in post.turns:
        for value in (turn.text, turn.original or ""):
            assert "---" not in value.split("\n")


def test_2026_10_06_chinese_inside_english_block() -> None:
    post = load("2026-10-06-mUQoVz7THu0.md")
    second, sixth = post.turns[1], post.turns[5]
    assert (second.speaker, second.text, second.original_speaker, second.original) == (
        "Speaker 0", "没有异议。", "Speaker 0", "没有异议 for those of you.")
    assert (sixth.speaker, sixth.text, sixth.original) == ("Speaker 0", "没有异议。", "which is 没有异议.")


def test_2026_10_10_chunks_and_labels() -> None:
    post = load("2026-10-10-TBLHdXABwAg.md")
    for turn in post.turns:
        assert "chunk" not in turn.text and "chunk" not in (turn.original or "")
    # chunk 9 is empty: the post ends with the single turn of chunk 8's last section
    assert post.sections[-1].title == "申诉与限制应对" and len(post.sections[-1].turns) == 1
    last = post.turns[-1]
    assert last.speaker == "Speaker A" and last.text.startswith("回答说，因为这项服务不可用，我感到很失望。")
    assert last.original is not None and last.original.endswith("For me Scooby slide should be done. Do this. A")
    # full-width colon
    sacks = post.sections[[s.title for s in post.sections].index("对齐理论与意识错觉：为何将AI拟人化是危险的")].turns[0]
    assert sacks.speaker == "David Sacks" and sacks.text.startswith("并没有实现。或许是吧。")
    clip = [t for t in post.turns if t.speaker == "Mustafa Suleyman（视频片段）"]
    assert len(clip) == 1
    assert clip[0].original_speaker == "Mustafa Suleyman (Video Clip)"
    assert clip[0].text.startswith("他们声称鼓励Claude去挑战")
    assert "\n\n在Anthropic内外，有一群人真诚地认为" in clip[0].text
    assert clip[0].original is not None and clip[0].original.startswith("They say they encourage Claude to challenge")


def test_2026_10_10_blocks_with_several_labels() -> None:
    post = load("2026-10-10-TBLHdXABwAg.md")
    chamath = turn_with_text(post, "有的，我可以为他们的立场做一个最有力的辩护和合理化重构（Steel Man）。")
    assert (chamath.speaker, chamath.original_speaker, chamath.original) == (
        "查马斯 (Chamath Palihapitiya)", "Chamath Palihapitiya", "Yes. I am their side will melt.")
    jason = turn_with_text(post, "好啊，请讲。")
    assert (jason.speaker, jason.original_speaker, jason.original) == (
        "杰森 (Jason Calacanis)", "Jason Calacanis", "Okay, please.")
    host = turn_with_text(post, "是数学史上的，还是全人类历史上的？")
    assert (host.speaker, host.original_speaker, host.original) == (
        "主持人", "Host", "Math in history, human in history?")
    index = post.turns.index(host)
    before, after = post.turns[index - 1], post.turns[index + 1]
    assert (before.speaker, before.original_speaker) == ("嘉宾", "Guest")
    assert before.original == ("Revealed of knowledge quantity using in human history the biggest discovery today "
                               "is the day for me with confidence to say able to I think.")
    assert (after.speaker, after.original_speaker) == ("嘉宾", "Guest")
    assert after.original is not None and after.original.startswith("Human history, reason all this math")
