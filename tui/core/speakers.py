"""Who said a turn: speaker labels normalised into one key per person, and generic labels kept per post.

The same person appears under many labels: `**Name**`, `**[Name]**`, full-width colons and brackets, a Chinese
label in the translation beside an English one in the original (`主持人` / `Host`), and compound labels such as
`杰森 (Jason Calacanis)` or `Mustafa Suleyman（视频片段）`. A label is normalised (width, brackets, spacing, case
of Latin script) and reduced to its name part; a turn's key prefers the English name, then the Chinese one.

Generic labels (`Speaker`, `Speaker 0`, `Host`, `嘉宾`, ...) are not one person across the archive: their key
carries the post, and they are grouped under a generic name (`host`, `guest`, `speaker 0`) so that a search for
`Host` or `主持人` finds every host, each shown with its post.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .text import has_cjk

_BRACKETS = str.maketrans({"[": " ", "]": " ", "【": " ", "】": " ", "「": " ", "」": " ", "*": " "})
_COMPOUND_RE = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_SPACES_RE = re.compile(r"\s+")

_GENERIC_WORDS: dict[str, str] = {
    "speaker": "speaker", "host": "host", "guest": "guest", "interviewer": "interviewer",
    "interviewee": "interviewee", "moderator": "moderator", "narrator": "narrator", "audience": "audience",
    "unknown": "unknown", "presenter": "presenter", "panelist": "panelist", "participant": "participant",
    "question": "question", "answer": "answer", "q": "question", "a": "answer", "voice": "voice",
    "man": "man", "woman": "woman", "announcer": "announcer", "student": "student", "caller": "caller",
    "主持人": "host", "主持": "host", "嘉宾": "guest", "嘉賓": "guest", "来宾": "guest", "來賓": "guest",
    "发言人": "speaker", "發言人": "speaker", "演讲者": "speaker", "演講者": "speaker", "讲者": "speaker",
    "講者": "speaker", "主讲人": "speaker", "主講人": "speaker", "说话人": "speaker", "說話人": "speaker",
    "旁白": "narrator", "观众": "audience", "觀眾": "audience", "听众": "audience", "聽眾": "audience",
    "采访者": "interviewer", "採訪者": "interviewer", "受访者": "interviewee", "受訪者": "interviewee",
    "提问者": "question", "提問者": "question", "记者": "interviewer", "記者": "interviewer",
}
_GENERIC_RE = re.compile(r"^(?P<word>[^\d\s]+?)(?:\s*(?P<number>\d{1,3})|\s+(?P<letter>[a-z]))?$")


@lru_cache(maxsize=8192)
def normalize_label(label: str) -> str:
    """The comparison form of a label: full-width folded (NFKC), brackets and colons dropped, spaces collapsed,
    Latin script lower-cased. `**[Host]**：` -> `host`; `Mustafa Suleyman（视频片段）` -> `mustafa suleyman (视频片段)`.
    """
    text = unicodedata.normalize("NFKC", label).translate(_BRACKETS)
    text = _SPACES_RE.sub(" ", text).strip().strip(":").strip()
    return text.casefold()


def name_part(normalized: str) -> str:
    """The part of a normalised compound label that names the person.

    `杰森 (jason calacanis)` -> `jason calacanis` (a Latin name glossing a Chinese one);
    `mustafa suleyman (视频片段)` and `mustafa suleyman (video clip)` -> `mustafa suleyman` (a note on the name).
    """
    match = _COMPOUND_RE.match(normalized)
    if match is None:
        return normalized
    outer, inner = match[1].strip(), match[2].strip()
    if not outer:
        return inner
    if inner and has_cjk(outer) and not has_cjk(inner):
        return inner
    return outer


def generic_name(normalized: str) -> str | None:
    """`host` for `host`/`主持人`, `speaker 0` for `speaker 0`, None when the label names a person."""
    name = name_part(normalized)
    match = _GENERIC_RE.match(name)
    if match is None:
        return None
    word = _GENERIC_WORDS.get(match["word"])
    if word is None:
        return None
    suffix = match["number"] or match["letter"]
    return f"{word} {suffix}" if suffix else word


def label_aliases(label: str) -> set[str]:
    """Every normalised form a search may use to find this label: the whole label and its parts."""
    normalized = normalize_label(label)
    aliases = {normalized, name_part(normalized)}
    match = _COMPOUND_RE.match(normalized)
    if match and match[1].strip():
        aliases.add(match[1].strip())
    generic = generic_name(normalized)
    if generic:
        aliases.add(generic)
    aliases.discard("")
    return aliases


@dataclass(slots=True, frozen=True)
class SpeakerId:
    """A turn's speaker: a stable `key`, the name shown for it, and whether it is a generic per-post label."""

    key: str
    name: str
    generic: bool


def assign_speakers(pairs: Iterable[tuple[str | None, str | None]], post_key: str) -> list[SpeakerId | None]:
    """Speaker ids for a post's turns, given each turn's (translation label, original label).

    Within a post a Chinese label seen beside an English one (`主持人` / `Host`) is the same speaker, also on
    turns where only one of the two is given.
    """
    pairs = list(pairs)
    partner: dict[str, Counter[str]] = {}
    for label, original in pairs:
        if label and original:
            partner.setdefault(normalize_label(label), Counter())[original] += 1
    out: list[SpeakerId | None] = []
    known: dict[tuple[str | None, str | None], SpeakerId | None] = {}
    for label, original in pairs:
        if original is None and label:
            seen = partner.get(normalize_label(label))
            if seen:
                original = seen.most_common(1)[0][0]
        key = (label, original)
        if key not in known:
            known[key] = _speaker_id(label, original, post_key)
        out.append(known[key])
    return out


def _speaker_id(label: str | None, original: str | None, post_key: str) -> SpeakerId | None:
    named = [(c, normalize_label(c)) for c in (original, label) if c and normalize_label(c)]
    if not named:
        return None
    people = [(c, n) for c, n in named if generic_name(n) is None]
    if people:
        latin = [(c, n) for c, n in people if not has_cjk(name_part(n))]
        candidate, normalized = (latin or people)[0]
        return SpeakerId(f"p:{name_part(normalized)}", _display(candidate), False)
    generic = generic_name(named[0][1]) or named[0][1]
    return SpeakerId(f"g:{generic}@{post_key}", generic.title() if generic.isascii() else generic, True)


def _display(label: str) -> str:
    """The name to show for a label: its name part, with the label's own capitalisation."""
    text = _SPACES_RE.sub(" ", unicodedata.normalize("NFKC", label).translate(_BRACKETS)).strip().strip(":")
    match = _COMPOUND_RE.match(text)
    if match is None:
        return text.strip()
    outer, inner = match[1].strip(), match[2].strip()
    if outer and inner and has_cjk(outer) and not has_cjk(inner):
        return inner
    return outer or inner
