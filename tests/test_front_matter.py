"""Front matter normalised into one `Post`: list fields, dates, titles, channel, scalar fields, extra keys,
broken YAML and the `---\\` delimiters."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core.front_matter import load_front_matter, split_post
from tui.core.model import LIST_FIELDS, SCALAR_FIELDS, Post, Problem
from tui.core.reader import parse_post, read_post

BODY = "### 开场\n\n**主持人**: 大家好。\n\n**嘉宾**: 你好。\n"


def parse(text: str, relpath: str = "posts/2025-01-02-sample-post.md") -> tuple[Post, list[Problem]]:
    post, problems = parse_post(text.encode("utf-8"), relpath)
    assert post is not None
    return post, problems


def post_with(front: str, body: str = BODY, relpath: str = "posts/2025-01-02-sample-post.md") -> Post:
    """A post whose front matter is `front` (without delimiters); asserts it parsed without problems."""
    post, problems = parse(f"---\n{front}---\n{body}", relpath)
    assert problems == [], [str(p) for p in problems]
    return post


# List fields ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LIST_FIELDS)
@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        pytest.param("\n  - alpha\n  - beta\n", ["alpha", "beta"], id="block-list"),
        pytest.param("\n- alpha\n- beta\n", ["alpha", "beta"], id="unindented-block-list"),
        pytest.param(" [alpha, beta]\n", ["alpha", "beta"], id="flow-list"),
        pytest.param(" alpha\n", ["alpha"], id="scalar"),
        pytest.param(" 'alpha beta'\n", ["alpha beta"], id="quoted-scalar"),
        pytest.param(" null\n", [], id="null"),
        pytest.param("\n", [], id="empty-value"),
        pytest.param(" ''\n", [], id="empty-string"),
        pytest.param(" '[]'\n", [], id="string-brackets"),
        pytest.param(" []\n", [], id="empty-list"),
        pytest.param("\n  - '  alpha  '\n  - ''\n  -\n  - ' '\n  - beta\n", ["alpha", "beta"], id="trim-and-drop"),
    ],
)
def test_list_fields_accept_every_shape(name: str, yaml_value: str, expected: list[str]) -> None:
    post = post_with(f"title: T\n{name}:{yaml_value}")
    assert getattr(post, name) == expected


@pytest.mark.parametrize("name", LIST_FIELDS)
def test_list_fields_missing_are_empty_lists(name: str) -> None:
    post = post_with("title: T\n")
    assert getattr(post, name) == []


def test_list_field_string_written_as_flow_list_is_split() -> None:
    post = post_with("title: T\ntags: '[ai, \"llm\", '' tools '']'\n")
    assert post.tags == ["ai", "llm", "tools"]


def test_list_field_numbers_become_text() -> None:
    post = post_with("title: T\ntags:\n  - 2024\n  - 1.5\n")
    assert post.tags == ["2024", "1.5"]


def test_list_fields_are_independent_per_post() -> None:
    first = post_with("title: A\ntags: [x]\n")
    second = post_with("title: B\n")
    assert first.tags == ["x"]
    assert second.tags == []


# Dates ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        pytest.param("'2025-12-09'", dt.date(2025, 12, 9), id="single-quoted"),
        pytest.param('"2025-12-09"', dt.date(2025, 12, 9), id="double-quoted"),
        pytest.param("2025-10-01", dt.date(2025, 10, 1), id="unquoted-yaml-date"),
        pytest.param("2025-10-01 08:30:00", dt.date(2025, 10, 1), id="yaml-datetime"),
        pytest.param("2025-10-01T23:30:00Z", dt.date(2025, 10, 1), id="yaml-datetime-utc"),
        pytest.param("'2025-10-01T08:30:00'", dt.date(2025, 10, 1), id="quoted-datetime"),
    ],
)
def test_date_is_a_real_date(yaml_value: str, expected: dt.date) -> None:
    post = post_with(f"title: T\ndate: {yaml_value}\n")
    assert post.date == expected
    assert type(post.date) is dt.date
    assert post.front_matter_json()["date"] == expected.isoformat()


@pytest.mark.parametrize("front", ["title: T\n", "title: T\ndate:\n", "title: T\ndate: null\n", "title: T\ndate: ''\n"])
def test_missing_date_is_none_without_problem(front: str) -> None:
    post = post_with(front)
    assert post.date is None


@pytest.mark.parametrize(
    "yaml_value", ["'2025-13-45'", "soon", "'2025-02-30'", "20250101", "[2025, 1, 1]"]
)
def test_invalid_date_keeps_post_and_reports_problem(yaml_value: str) -> None:
    text = f"---\ntitle: Kept\ntags: [a]\ndate: {yaml_value}\n---\n{BODY}"
    post, problems = parse(text)
    assert post.title == "Kept"
    assert post.tags == ["a"]
    assert post.date is None
    assert len(post.turns) == 2
    assert len(problems) == 1
    assert problems[0].path == "posts/2025-01-02-sample-post.md"
    assert problems[0].line == 4
    assert "date" in problems[0].message
    assert "not a valid date" in problems[0].message


# Title -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        pytest.param("1.10", "1.10", id="float-keeps-its-text"),
        pytest.param("2024", "2024", id="int"),
        pytest.param("'007'", "007", id="quoted-number"),
        pytest.param("1.10   ", "1.10", id="float-trailing-space"),
        pytest.param("  开源维护者圆桌  ", "开源维护者圆桌", id="trimmed"),
        pytest.param("'Rust: a 1.0 story'", "Rust: a 1.0 story", id="quoted-with-colon"),
        pytest.param("true", "true", id="bool"),
    ],
)
def test_title_is_always_a_string(yaml_value: str, expected: str) -> None:
    post = post_with(f"title: {yaml_value}\n")
    assert post.title == expected
    assert isinstance(post.title, str)


def test_numeric_title_with_comment_keeps_only_the_number() -> None:
    post = post_with("title: 1.10  # release notes\n")
    assert post.title == "1.10"


def test_missing_title_comes_from_first_heading() -> None:
    post = post_with("date: 2025-01-02\n", body="Intro line.\n\n## 第一部分\n\ntext\n\n## 第二部分\n\nmore\n")
    assert post.title == "第一部分"


@pytest.mark.parametrize("front", ["date: 2025-01-02\n", "title:\n", "title: ''\n", "title: null\n"])
def test_missing_title_without_heading_comes_from_file_name(front: str) -> None:
    post = post_with(front, body="Just a paragraph.\n", relpath="deep/folder/2025-01-02-the-file-name.md")
    assert post.title == "2025-01-02-the-file-name"


def test_post_without_front_matter_takes_title_from_heading() -> None:
    post, problems = parse("# A Heading Title\n\nSome text.\n")
    assert problems == []
    assert post.title == "A Heading Title"
    assert post.date is None
    assert post.tags == []


# Channel ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        pytest.param("author: Lei\nspeaker: a16z\nchannel: Chan\n", "Lei", id="author-first"),
        pytest.param("speaker: a16z\nchannel: Chan\n", "a16z", id="speaker-without-author"),
        pytest.param("author: ''\nspeaker: TED\n", "TED", id="empty-author"),
        pytest.param("author: null\nspeaker: ''\nchannel: Chan\n", "Chan", id="only-channel"),
        pytest.param("channel: Chan\n", "Chan", id="channel-alone"),
        pytest.param("author: '  Lei  '\n", "Lei", id="trimmed"),
        pytest.param("author: ''\nspeaker: ''\n", None, id="all-empty"),
        pytest.param("title: T\n", None, id="none"),
    ],
)
def test_channel_is_author_else_speaker_else_channel(front: str, expected: str | None) -> None:
    post = post_with(front)
    assert post.channel == expected


# Scalar fields ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCALAR_FIELDS)
@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        pytest.param(" hello world\n", "hello world", id="plain"),
        pytest.param(" '  padded  '\n", "padded", id="trimmed"),
        pytest.param(" null\n", None, id="null"),
        pytest.param(" ''\n", None, id="empty"),
        pytest.param("\n", None, id="no-value"),
        pytest.param(" 3\n", "3", id="number"),
    ],
)
def test_scalar_fields_are_strings_or_none(name: str, yaml_value: str, expected: str | None) -> None:
    post = post_with(f"title: T\n{name}:{yaml_value}")
    assert getattr(post, name) == expected


@pytest.mark.parametrize("name", SCALAR_FIELDS)
def test_scalar_fields_missing_are_none(name: str) -> None:
    assert getattr(post_with("title: T\n"), name) is None


def test_folded_multiline_summary_is_one_string() -> None:
    front = (
        "title: T\n"
        "summary: A conversation with Richard Sutton,\n"
        "  discussing why he believes LLMs are a flawed approach,\n"
        "  and the bitter lesson.\n"
        "source: http://www.youtube.com/watch?v=NKNYKYoDSNA\n"
    )
    post = post_with(front)
    assert post.summary == (
        "A conversation with Richard Sutton, discussing why he believes LLMs are a flawed approach, "
        "and the bitter lesson."
    )
    assert post.source == "http://www.youtube.com/watch?v=NKNYKYoDSNA"


def test_unknown_keys_are_kept_in_extra() -> None:
    front = (
        "title: T\n"
        "draft: true\n"
        "layout: post.njk\n"
        "guest: ''\n"
        "insight: null\n"
        "file_name: 2025-08-17-x.md\n"
        "rating: 4\n"
        "published: 2025-08-17\n"
        "links:\n  - a\n  - b\n"
        "tags: [t]\n"
        "author: Lei\n"
    )
    post = post_with(front)
    assert post.extra == {
        "draft": True,
        "layout": "post.njk",
        "guest": "",
        "insight": None,
        "file_name": "2025-08-17-x.md",
        "rating": 4,
        "published": "2025-08-17",
        "links": ["a", "b"],
    }
    assert post.front_matter_json()["extra"] == post.extra


def test_full_front_matter_normalised() -> None:
    front = (
        "title: 开源维护者圆桌：当 AI 开始帮你审代码\n"
        "date: '2025-11-20'\n"
        "author: Open Source Hour\n"
        "speaker: Someone Else\n"
        "source: https://www.youtube.com/watch?v=R4kz9WfHt0s\n"
        "tags:\n  - ai-tooling\n  - open-source\n"
        "category: developer-tools\n"
        "area: ai-ml\n"
        "people:\n  - Priya Natarajan\n  - Chen Wei\n"
        "companies_orgs:\n  - Northwind Labs\n"
        "products_models: Patchwise\n"
        "media_books: []\n"
        "project: '[]'\n"
        "series: Open Source Hour\n"
        "status: evergreen\n"
        "summary: 三位开源从业者讨论 AI 代码审查机器人。\n"
    )
    post = post_with(front)
    assert post.front_matter_json() == {
        "title": "开源维护者圆桌：当 AI 开始帮你审代码",
        "date": "2025-11-20",
        "channel": "Open Source Hour",
        "source": "https://www.youtube.com/watch?v=R4kz9WfHt0s",
        "summary": "三位开源从业者讨论 AI 代码审查机器人。",
        "category": "developer-tools",
        "area": "ai-ml",
        "series": "Open Source Hour",
        "status": "evergreen",
        "tags": ["ai-tooling", "open-source"],
        "people": ["Priya Natarajan", "Chen Wei"],
        "companies_orgs": ["Northwind Labs"],
        "products_models": ["Patchwise"],
        "media_books": [],
        "project": [],
        "extra": {},
    }


# YAML that does not parse ---------------------------------------------------------------------------------


def test_unparsable_yaml_keeps_post_with_file_name_title_and_body() -> None:
    text = (
        "---\n"  # line 1
        "title: Lost title\n"  # line 2
        "tags: [a, b]\n"  # line 3
        "summary: one: two: three\n"  # line 4: mapping values are not allowed here
        "---\n"  # line 5
        "**主持人**: 大家好。\n"
        "\n"
        "**嘉宾**: 你好。\n"
    )
    post, problems = parse(text, relpath="2025-03-04-broken-yaml.md")
    assert post.title == "2025-03-04-broken-yaml"
    assert post.tags == []
    assert post.date is None
    assert [(t.speaker, t.text) for t in post.turns] == [("主持人", "大家好。"), ("嘉宾", "你好。")]
    assert len(problems) == 1
    assert problems[0].path == "2025-03-04-broken-yaml.md"
    assert problems[0].line == 4
    assert problems[0].message.startswith("invalid YAML front matter")
    assert post.problems == problems


def test_unparsable_yaml_problem_points_at_bad_line_further_down() -> None:
    text = "---\ntitle: x\na: 1\nb: 2\nc: [unclosed\nd: 4\n---\nBody.\n"
    post, problems = parse(text, relpath="x.md")
    assert post.title == "x"
    assert len(problems) == 1
    assert problems[0].line == 6
    assert problems[0].message.startswith("invalid YAML front matter: while parsing a flow sequence")
    assert "from line 5" in problems[0].message


def test_unparsable_yaml_problem_line_is_the_bad_line() -> None:
    post, problems = parse("---\ntitle: x\na: 1\nb: 2\nc: d: e\nf: 4\n---\nBody.\n", relpath="y.md")
    assert post.title == "y"
    assert [(p.line, p.message) for p in problems] == [
        (5, "invalid YAML front matter: mapping values are not allowed in this context")
    ]


def test_front_matter_that_is_not_a_mapping_is_reported() -> None:
    post, problems = parse("---\n- just\n- a list\n---\nBody text.\n", relpath="list-fm.md")
    assert post.title == "list-fm"
    assert len(problems) == 1
    assert "not a set of keys" in problems[0].message
    assert [t.text for t in post.turns] == ["Body text."]


def test_unclosed_front_matter_is_reported_and_read_as_body() -> None:
    post, problems = parse("---\ntitle: never closed\n\nSome text.\n", relpath="open.md")
    assert post.title == "open"
    assert [p.line for p in problems] == [1]
    assert "never closed" in problems[0].message


# Delimiters ----------------------------------------------------------------------------------------------------


def test_backslash_delimiters_are_accepted() -> None:
    text = "---\\\ntitle: Backslashed\ndate: 2025-08-17\ntags: [a]\n---\\\n## 标题\n\nSome text.\n"
    post, problems = parse(text)
    assert problems == []
    assert post.title == "Backslashed"
    assert post.date == dt.date(2025, 8, 17)
    assert post.tags == ["a"]
    assert [s.title for s in post.sections] == ["标题"]
    assert [t.text for t in post.turns] == ["Some text."]


def test_mixed_delimiters_are_accepted() -> None:
    post, problems = parse("---\ntitle: Mixed\n---\\\nText.\n")
    assert problems == []
    assert post.title == "Mixed"
    assert [t.text for t in post.turns] == ["Text."]


def test_split_post_backslash_delimiters() -> None:
    split = split_post("---\\\ntitle: x\n---\\\nbody\n")
    assert split.front_matter == "title: x\n"
    assert split.body == "body\n"
    assert split.body_line == 4
    assert split.unclosed is False


def test_split_post_body_starts_on_the_line_after_the_closing_delimiter() -> None:
    split = split_post("---\ntitle: x\n---\n\n# H\n")
    assert split.front_matter == "title: x\n"
    assert split.body == "\n# H\n"
    assert split.body_line == 4


def test_split_post_without_front_matter() -> None:
    split = split_post("# H\n\ntext\n")
    assert split.front_matter is None
    assert split.body == "# H\n\ntext\n"
    assert split.body_line == 1


def test_body_lines_are_file_lines() -> None:
    post, _ = parse("---\ntitle: T\n---\n\n## H\n\n**A**: one\n\n**B**: two\n")
    assert post.sections[0].line == 5
    assert [t.line for t in post.turns] == [7, 9]


def test_load_front_matter_direct() -> None:
    front = load_front_matter("title: 1.10\ndate: 2025-01-02\ntags: solo\nmystery: 7\n", 2)
    assert front.problems == []
    assert front.values["title"] == "1.10"
    assert front.values["date"] == dt.date(2025, 1, 2)
    assert front.values["tags"] == ["solo"]
    assert front.values["extra"] == {"mystery": 7}


def test_load_front_matter_reports_line_relative_to_file() -> None:
    front = load_front_matter("title: a\nb: c: d\n", 10)
    assert front.values == {}
    assert [line for line, _ in front.problems] == [11]


def test_read_post_from_disk(make_archive) -> None:
    root = make_archive({"posts/2025-01-02-a.md": "---\ntitle: On disk\ntags: x\n---\nBody.\n"})
    post, problems = read_post(root / "posts/2025-01-02-a.md", "posts/2025-01-02-a.md")
    assert problems == []
    assert post is not None
    assert post.path == "posts/2025-01-02-a.md"
    assert post.title == "On disk"
    assert post.tags == ["x"]
