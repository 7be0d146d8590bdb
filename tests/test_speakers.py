"""Who said a turn: label normalisation, one key per person, generic labels per post, and lookup by any label."""

from __future__ import annotations

import pytest

from tui.core.archive import Archive
from tui.core.speakers import assign_speakers, generic_name, label_aliases, name_part, normalize_label


@pytest.mark.parametrize(("label", "normalized"), [
    ("Host", "host"),
    ("**[Host]**：", "host"),
    ("【主持人】", "主持人"),
    ("  Jason   Calacanis ", "jason calacanis"),
    ("ＪＡＳＯＮ", "jason"),
    ("杰森 (Jason Calacanis)", "杰森 (jason calacanis)"),
    ("Mustafa Suleyman（视频片段）", "mustafa suleyman(视频片段)"),
])
def test_labels_are_normalised(label: str, normalized: str) -> None:
    assert normalize_label(label) == normalized


@pytest.mark.parametrize(("label", "person"), [
    ("杰森 (Jason Calacanis)", "jason calacanis"),
    ("戴维·萨克斯 (David Sacks)", "david sacks"),
    ("Mustafa Suleyman（视频片段）", "mustafa suleyman"),
    ("Mustafa Suleyman (Video Clip)", "mustafa suleyman"),
    ("Doug O'Laughlin", "doug o'laughlin"),
])
def test_compound_labels_reduce_to_the_name(label: str, person: str) -> None:
    assert name_part(normalize_label(label)) == person


@pytest.mark.parametrize(("label", "generic"), [
    ("Host", "host"), ("主持人", "host"), ("[主持人]", "host"), ("嘉宾", "guest"), ("嘉賓", "guest"),
    ("Speaker", "speaker"), ("Speaker 0", "speaker 0"), ("Speaker A", "speaker a"), ("Guest", "guest"),
    ("Jason Calacanis", None), ("Hostess Twinkie", None), ("Host 2", "host 2"),
])
def test_generic_labels_are_recognised(label: str, generic: str | None) -> None:
    assert generic_name(normalize_label(label)) == generic


def test_a_label_can_be_found_by_any_of_its_parts() -> None:
    assert label_aliases("杰森 (Jason Calacanis)") == {"杰森 (jason calacanis)", "jason calacanis", "杰森"}
    assert "host" in label_aliases("主持人")


def test_one_person_under_several_labels_is_one_speaker() -> None:
    ids = assign_speakers([("杰森 (Jason Calacanis)", "Jason Calacanis"), ("Jason Calacanis", "Jason Calacanis"),
                           ("**[Jason Calacanis]**", None)], "post.md")
    assert {speaker.key for speaker in ids} == {"p:jason calacanis"}
    assert ids[0].name == "Jason Calacanis" and not ids[0].generic


def test_chinese_labels_take_the_english_name_of_their_post() -> None:
    ids = assign_speakers([("德瓦凯什", "Dwarkesh"), ("德瓦凯什", None), ("理查德", "Richard")], "p.md")
    assert [s.key for s in ids] == ["p:dwarkesh", "p:dwarkesh", "p:richard"]


def test_generic_labels_are_one_speaker_per_post() -> None:
    first = assign_speakers([("主持人", "Host"), ("主持人", None)], "a.md")
    second = assign_speakers([("[Host]", "[Host]")], "b.md")
    assert first[0].key == first[1].key == "g:host@a.md"
    assert second[0].key == "g:host@b.md"
    assert first[0].generic and first[0].name == "Host"


POST = """---
title: {title}
date: 2025-0{month}-01
---
### 一

**{zh}**: 你好，{word}。

<details>
<summary>Original English</summary>

**{en}**: Hello, {word}.

</details>
"""


def test_lookup_by_any_label_and_generic_results_name_their_post(make_archive, cache_dir) -> None:
    root = make_archive({
        "a.md": POST.format(title="A", month=1, zh="主持人", en="Host", word="甲"),
        "b.md": POST.format(title="B", month=2, zh="[主持人]", en="[Host]", word="乙"),
        "c.md": POST.format(title="C", month=3, zh="杰森 (Jason Calacanis)", en="Jason Calacanis", word="丙"),
        "d.md": POST.format(title="D", month=4, zh="Jason Calacanis", en="Jason Calacanis", word="丁"),
    })
    archive = Archive.open(root, cache_dir=cache_dir)
    archive.refresh()
    engine = archive.engine()
    speakers = engine.speakers
    assert speakers.groups_for("Host") == speakers.groups_for("主持人") == speakers.groups_for("[host]") == {"g:host"}
    assert speakers.groups_for("杰森") == speakers.groups_for("JASON CALACANIS") == {"p:jason calacanis"}
    assert speakers.groups_for("Jason") == {"p:jason calacanis"}  # a part of a name, when nothing matches whole
    assert speakers.groups_for("Nobody") == set()
    hosts = [s for s in speakers.speakers if s.group == "g:host"]
    assert sorted(s.post_path for s in hosts) == ["a.md", "b.md"]
    jason = next(s for s in speakers.speakers if s.group == "p:jason calacanis")
    assert len(jason.posts) == 2 and set(jason.labels) == {"杰森 (Jason Calacanis)", "Jason Calacanis"}
    # completion: most turns first, by the start of any label
    assert [g.name for g in speakers.complete("J")] == ["Jason Calacanis"]
    assert speakers.complete("主")[0].group == "g:host"
    # a second start reads the speakers stored in the index for this generation: the same answers
    again = archive.engine().speakers
    assert [(s.key, s.labels, s.turns, s.posts) for s in again.speakers] == \
        [(s.key, s.labels, s.turns, s.posts) for s in speakers.speakers]
    assert again.groups_for("主持人") == {"g:host"}
