"""Parse a post's Markdown body into sections and speaker turns, each with its English original when given.

Two passes over the lines. The first cuts the body into blocks: headings, paragraphs (fenced code kept whole),
and `<details>` blocks holding originals; comments and horizontal rules are dropped. The second reads speaker
labels and groups paragraphs into turns, then gives each turn its original:

* a `<details>` block belongs to the turns since the previous one: a block with several `**Name**:` labels is
  split back over the labelled turns before it, in order; narration paragraphs before a block become one turn;
* in posts without `<details>`, an English paragraph (or line) beside a Chinese one is a pair: the Chinese is the
  turn's text and the English its original, each keeping its own speaker label.

Speaker labels: `**Name**:`, `**Name**：`, `**[Name]**:`, `**Name:**` when a post has at least two of them, and
plain `Name:` / `名字：` at the start of a paragraph when the post uses that style (a short label seen at least
twice, in at least three paragraphs). A plain hand-written loop, not a Markdown library: Markdown parsers drop or
mangle `<details>` and cannot know about speakers, and this loop is the hot path of every index build.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from .model import Section, Turn
from .text import CJK_CLASS, has_cjk, is_mostly_latin, strip_controls

_HEADING_RE = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_RULE_RE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE_RE = re.compile(r"(`{3,}|~{3,})")
_BOLD_LABEL_RE = re.compile(
    r"\*\*[ \t]*(?:\[([^\]\n*]{1,80})\]|([^*\n]{1,80}?))[ \t]*(?:[:：][ \t]*\*\*|\*\*[ \t]*[:：])[ \t]*"
)
_PLAIN_LABEL_RE = re.compile(r"([^\s:：*#>`\[\]<|][^:：\n]{0,39}?)[ \t]*(?::[ \t]+|：[ \t]*)(?=\S)")
_SENTENCE_PUNCT = re.compile(r"[,.!?;，。！？；、\"“”]|https?$")
_BOLD_LINE_RE = re.compile(r"\*\*([^*\n]{1,120})\*\*[ \t]*$")
_TAG_RE = re.compile(
    r"</?details[^>]*>|<summary[^>]*>.*?</summary>|</?p(?:\s[^>]*)?>|<br\s*/?>", re.IGNORECASE | re.DOTALL
)
_CJK_LABEL_RE = re.compile(f"[{CJK_CLASS}]")

HEADING, PARAGRAPH, ORIGINAL = 0, 1, 2


@dataclass(slots=True)
class Block:
    """A unit of the body: a heading, a paragraph (or fenced code), or the content of a `<details>` block."""

    kind: int
    text: str
    line: int
    level: int = 0
    code: bool = False


@dataclass(slots=True)
class ParsedBody:
    """Sections of a body and the problems found in it, as (line, message)."""

    sections: list[Section]
    problems: list[tuple[int, str]]


def parse_body(body: str, first_line: int = 1) -> ParsedBody:
    """Parse `body` (newlines normalised to `\\n`); `first_line` is the file line of its first line."""
    problems: list[tuple[int, str]] = []
    blocks = _blocks(strip_controls(body).split("\n"), first_line, problems)
    return ParsedBody(_Assembler(blocks).sections(), problems)


def _blocks(lines: list[str], first_line: int, problems: list[tuple[int, str]]) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    para_line = 0

    def flush() -> None:
        if para:
            blocks.append(Block(PARAGRAPH, "\n".join(para), para_line))
            para.clear()

    i = 0
    count = len(lines)
    while i < count:
        raw = lines[i]
        stripped = raw.strip()
        if not stripped:
            flush()
            i += 1
            continue
        first = stripped[0]
        if first == "#":
            match = _HEADING_RE.match(stripped)
            if match:
                flush()
                blocks.append(Block(HEADING, match[2].strip(), first_line + i, level=len(match[1])))
                i += 1
                continue
        elif first == "<":
            lowered = stripped[:10].lower()
            if lowered.startswith("<!--"):
                flush()
                i = _skip_comment(lines, i, first_line, problems)
                continue
            if lowered.startswith("<details"):
                flush()
                i = _details(lines, i, first_line, blocks, problems)
                continue
            if lowered.startswith("</details"):
                problems.append((first_line + i, "</details> without an opening <details>; ignored"))
                i += 1
                continue
        elif first in "`~":
            fence = _FENCE_RE.match(stripped)
            if fence:
                flush()
                i = _fenced(lines, i, fence[1], first_line, blocks)
                continue
        elif first in "-*_" and _RULE_RE.match(stripped):
            flush()
            i += 1
            continue
        if not para:
            para_line = first_line + i
        para.append(raw.rstrip())
        i += 1
    flush()
    return blocks


def _skip_comment(lines: list[str], i: int, first_line: int, problems: list[tuple[int, str]]) -> int:
    for j in range(i, len(lines)):
        if "-->" in lines[j]:
            return j + 1
    problems.append((first_line + i, "unclosed HTML comment <!--; only its first line was skipped"))
    return i + 1


def _fenced(lines: list[str], i: int, fence: str, first_line: int, blocks: list[Block]) -> int:
    end = len(lines)
    for j in range(i + 1, len(lines)):
        if lines[j].strip().startswith(fence):
            end = j
            break
    text = "\n".join(line.rstrip() for line in lines[i : end + 1])
    blocks.append(Block(PARAGRAPH, text, first_line + i, code=True))
    return end + 1


def _details(lines: list[str], i: int, first_line: int, blocks: list[Block], problems: list) -> int:
    end = None
    for j in range(i, len(lines)):
        if "</details>" in lines[j].lower():
            end = j
            break
        if j > i and _HEADING_RE.match(lines[j].strip()) and lines[j].lstrip().startswith("#"):
            break
    if end is None:
        problems.append((first_line + i, "unclosed <details> block; it was taken to end at the next heading"))
        stop = next(
            (j for j in range(i + 1, len(lines)) if lines[j].lstrip().startswith("#") and _HEADING_RE.match(
                lines[j].strip())),
            len(lines),
        )
        end = stop - 1
    content = _TAG_RE.sub("", "\n".join(lines[i : end + 1]))
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", content)]
    text = "\n\n".join("\n".join(line.strip() for line in p.split("\n")) for p in paragraphs if p)
    blocks.append(Block(ORIGINAL, text, first_line + i))
    return end + 1


def _bold_label(text: str) -> tuple[str, str] | None:
    """(label, rest) when `text` opens with a bold speaker label."""
    if not text.startswith("**"):
        return None
    match = _BOLD_LABEL_RE.match(text)
    if match is None:
        return None
    label = (match[1] or match[2] or "").strip()
    if not label:
        return None
    return label, text[match.end() :]


def _plain_label(text: str) -> tuple[str, str] | None:
    match = _PLAIN_LABEL_RE.match(text)
    if match is None:
        return None
    label = match[1].strip()
    if _SENTENCE_PUNCT.search(label):
        return None
    if _CJK_LABEL_RE.search(label):
        if len(label) > 12:
            return None
    elif len(label.split()) > 4 or not any(ch.isalpha() for ch in label):
        return None
    return label, text[match.end() :]


def _language(text: str, code: bool) -> str | None:
    """"en" for an English paragraph, "zh" for a Chinese one, None for code or text in neither script."""
    if code:
        return None
    if is_mostly_latin(text):
        return "en"
    return "zh" if has_cjk(text) else None


class _Assembler:
    """Turns blocks into sections of turns (the second pass)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        paragraphs = [b for b in blocks if b.kind == PARAGRAPH and not b.code]
        self.has_headings = any(b.kind == HEADING for b in blocks)
        self.has_details = any(b.kind == ORIGINAL for b in blocks)
        bold = sum(1 for b in paragraphs if b.text.startswith("**") and _bold_label(b.text))
        self.bold_style = bold >= 2
        self.plain_labels: frozenset[str] = frozenset()
        if not self.bold_style:
            counts = Counter(found[0] for b in paragraphs if (found := _plain_label(b.text)))
            labels = {label for label, n in counts.items() if n >= 2}
            if sum(counts[label] for label in labels) >= 3:
                self.plain_labels = frozenset(labels)
        self.english_first = True
        if not self.has_details:
            langs = [_language(t, code) for t, _, code in self._inline_units(blocks)]
            en_zh = sum(1 for a, b in itertools.pairwise(langs) if a == "en" and b == "zh")
            zh_en = sum(1 for a, b in itertools.pairwise(langs) if a == "zh" and b == "en")
            self.english_first = en_zh >= zh_en

    def label(self, text: str) -> tuple[str | None, str]:
        if self.bold_style:
            found = _bold_label(text)
            if found:
                return found
        elif self.plain_labels:
            found = _plain_label(text)
            if found and found[0] in self.plain_labels:
                return found
        return None, text

    def sections(self) -> list[Section]:
        sections: list[Section] = []
        current = Section(None, 0, [], self.blocks[0].line if self.blocks else 0)
        run: list[Block] = []

        def close_section() -> None:
            if run:
                self._fill(current, run)
                run.clear()
            if current.turns or current.title is not None:
                sections.append(current)

        for block in self.blocks:
            if block.kind == HEADING or (not self.has_headings and self._bold_heading(block)):
                close_section()
                title = block.text if block.kind == HEADING else block.text.strip()[2:].rstrip()[:-2].strip()
                current = Section(title, block.level or 3, [], block.line)
            else:
                run.append(block)
        close_section()
        return sections

    def _bold_heading(self, block: Block) -> bool:
        return (
            block.kind == PARAGRAPH
            and not block.code
            and "\n" not in block.text
            and _BOLD_LINE_RE.fullmatch(block.text) is not None
            and self.label(block.text)[0] is None
        )

    def _fill(self, section: Section, blocks: list[Block]) -> None:
        if self.has_details:
            self._fill_with_details(section, blocks)
        else:
            self._fill_inline(section, blocks)

    # Posts with <details> blocks ------------------------------------------------------------------------------

    def _fill_with_details(self, section: Section, blocks: list[Block]) -> None:
        turns = section.turns
        pending: list[Turn] = []
        speaking: Turn | None = None
        for block in blocks:
            if block.kind == ORIGINAL:
                self._attach(turns, pending, block)
                pending = []
                speaking = None
                continue
            label, rest = (None, block.text) if block.code else self.label(block.text)
            if label is None and speaking is not None:
                speaking.text += "\n\n" + block.text
                continue
            turn = Turn(label, rest.strip(), line=block.line)
            turns.append(turn)
            pending.append(turn)
            speaking = turn if label is not None else None

    def _attach(self, turns: list[Turn], pending: list[Turn], block: Block) -> None:
        segments = self._segments(block.text)
        if not pending:
            label, text = segments[0] if len(segments) == 1 else (None, block.text)
            turns.append(Turn(None, "", text, label, block.line))
            return
        leading = [t for t in pending if t.speaker is None]
        labelled = [t for t in pending if t.speaker is not None]
        if leading and (not labelled or pending[0].speaker is None):
            first = leading[0]
            if len(leading) > 1:
                first.text = "\n\n".join(t.text for t in leading)
                for extra in leading[1:]:
                    turns.remove(extra)
            if not labelled:
                label, text = segments[0] if len(segments) == 1 else (None, block.text)
                first.original, first.original_speaker = text, label
                return
            if segments[0][0] is None:
                first.original = segments.pop(0)[1]
        named = [s for s in segments if s[0] is not None]
        if not named:
            text = "\n\n".join(s[1] for s in segments)
            if text:
                labelled[0].original = text
            return
        for turn, (label, text) in zip(labelled, named, strict=False):
            turn.original, turn.original_speaker = text, label
        if len(named) > len(labelled):
            last = labelled[-1]
            more = "\n\n".join(f"**{label}**: {text}" for label, text in named[len(labelled) :])
            last.original = f"{last.original}\n\n{more}" if last.original else more

    def _segments(self, text: str) -> list[tuple[str | None, str]]:
        """Split an original block at its speaker labels: [(label or None, text), ...]."""
        segments: list[tuple[str | None, list[str]]] = [(None, [])]
        for line in text.split("\n"):
            found = _bold_label(line) if line.startswith("**") else None
            if found is None and self.plain_labels:
                plain = _plain_label(line)
                found = plain if plain and plain[0] in self.plain_labels else None
            if found:
                segments.append((found[0], [found[1]]))
            else:
                segments[-1][1].append(line)
        out = [(label, "\n".join(lines).strip()) for label, lines in segments]
        return [(label, body) for label, body in out if body or label] or [(None, "")]

    # Posts with inline English ------------------------------------------------------------------------------

    def _fill_inline(self, section: Section, blocks: list[Block]) -> None:
        units = self._inline_units(blocks)
        languages = [_language(text, code) for text, _, code in units]
        turns = section.turns
        speaking: Turn | None = None
        i = 0
        while i < len(units):
            text, line, code = units[i]
            pair = self._pair_at(languages, i)
            if pair:
                en, zh = (units[i], units[i + 1]) if languages[i] == "en" else (units[i + 1], units[i])
                en_label, en_text = self.label(en[0])
                zh_label, zh_text = self.label(zh[0])
                turns.append(Turn(zh_label, zh_text.strip(), en_text.strip(), en_label, line))
                speaking = None
                i += 2
                continue
            label, rest = (None, text) if code else self.label(text)
            if label is None and speaking is not None:
                speaking.text += "\n\n" + text
            else:
                turn = Turn(label, rest.strip(), line=line)
                turns.append(turn)
                speaking = turn if label is not None else None
            i += 1

    def _inline_units(self, blocks: list[Block]) -> list[tuple[str, int, bool]]:
        """Paragraphs, or their lines where a paragraph alternates English and Chinese line by line."""
        units: list[tuple[str, int, bool]] = []
        for block in blocks:
            if block.kind != PARAGRAPH:
                continue
            if not block.code and "\n" in block.text:
                lines = block.text.split("\n")
                langs = {("en" if is_mostly_latin(line) else "zh") for line in lines if line.strip()}
                if langs == {"en", "zh"} and not lines[0].lstrip().startswith(("* ", "- ", "1.")):
                    units.extend((line, block.line + n, False) for n, line in enumerate(lines) if line.strip())
                    continue
            units.append((block.text, block.line, block.code))
        return units

    def _pair_at(self, languages: list[str | None], i: int) -> bool:
        if i + 1 >= len(languages):
            return False
        here, after = languages[i], languages[i + 1]
        return here is not None and after is not None and here != after and (here == "en") == self.english_first
