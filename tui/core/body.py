"""Parse a post's Markdown body into sections and speaker turns, each with its English original when given.

Two passes over the lines. The first cuts the body into blocks: headings, paragraphs (fenced code kept whole),
and `<details>` blocks holding originals; comments and horizontal rules are dropped. The second reads speaker
labels and groups paragraphs into turns, then gives each turn its original:

* a `<details>` block belongs to the turns since the previous one: a block with several `**Name**:` labels is
  split back over the labelled turns before it, in order; narration paragraphs before a block become one turn;
* in posts without `<details>` that are written in pairs (two or more), an English paragraph (or line) beside
  a Chinese one is a pair: the Chinese is the turn's text and the English its original, each keeping its own
  speaker label.

Speaker labels: `**Name**:`, `**Name**：`, `**[Name]**:`, `**Name:**` when a post has at least two of them (in
its paragraphs or its originals), and plain `Name:` / `名字：` at the start of a paragraph when the post is written
that way (three such paragraphs, one label seen twice). The first pass finds its landmarks with `str.find` and
regular expressions rather than line by line: this is the hot path of every index build. A Markdown library is
no help here: Markdown parsers drop or mangle `<details>` and know nothing of speakers.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from .model import Section, Turn
from .text import CJK_CLASS, has_cjk, is_mostly_latin, strip_controls

_HEADING_RE = re.compile(r"(#{1,6})[ \t]+(.*)")
_RULE_RE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BOLD_LABEL_RE = re.compile(
    r"\*\*[ \t]*(?:\[([^\]\n*]{1,80})\]|([^*\n]{1,80}?))[ \t]*(?:[:：][ \t]*\*\*|\*\*[ \t]*[:：])[ \t]*"
)
_PLAIN_LABEL_RE = re.compile(r"([^\s:：*#>`\[\]<|][^:：\n]{0,39}?)[ \t]*(?::[ \t]+|：[ \t]*)(?=\S)")
_SENTENCE_PUNCT = re.compile(r"[,.!?;，。！？；、\"“”]|https?$")
_BOLD_LINE_RE = re.compile(r"\*\*([^*\n]{1,120})\*\*[ \t]*$")
_TAG_RE = re.compile(
    r"</?details[^<>\n]*>|<summary[^<>\n]*>[^<]*(?:</summary>)?|</summary>|</?p(?:\s[^<>\n]*)?>|<br\s*/?>",
    re.IGNORECASE,
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
    blocks = _Splitter(strip_controls(body), first_line, problems).blocks()
    return ParsedBody(_Assembler(blocks).sections(), problems)


_SPECIAL_TOKENS = ("<details", "<!--", "</details", "```", "~~~")


def _earliest(upcoming: dict[str, int]) -> tuple[str, int]:
    """The token found first (position >= 0), or ("", -1) when none is left."""
    best, where = "", -1
    for token, at in upcoming.items():
        if at >= 0 and (where < 0 or at < where):
            best, where = token, at
    return best, where
_SPECIAL_STARTS = frozenset("#-*_ \t\n")
_HEADING_LINE_RE = re.compile(r"^#{1,6}[ \t]", re.MULTILINE)
_LINE_SPECIAL_RE = re.compile(r"^(?:#{1,6}[ \t]|[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$)", re.MULTILINE)
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n\s*")
_TRAILING_SPACE_RE = re.compile(r"[ \t]+\n")
_EDGE_SPACE_RE = re.compile(r"[ \t]*\n[ \t]*")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


class _Splitter:
    """The first pass: cuts the body into blocks, with regular expressions doing the scanning."""

    def __init__(self, text: str, first_line: int, problems: list[tuple[int, str]]) -> None:
        self.text = text
        self.first_line = first_line
        self.problems = problems
        self.out: list[Block] = []
        self._line_at = 0
        self._line = first_line
        self._lowered = ""
        self._missing: dict[str, int] = {}
        self._heading_cache: tuple[int, re.Match[str] | None] = (len(text) + 1, None)

    def line_of(self, offset: int) -> int:
        """The file line of `offset` (offsets are asked for in increasing order)."""
        if offset < self._line_at:
            self._line_at, self._line = 0, self.first_line
        self._line += self.text.count("\n", self._line_at, offset)
        self._line_at = offset
        return self._line

    def blocks(self) -> list[Block]:
        text = self.text
        lowered = self._lowered = text.lower()
        upcoming = {token: lowered.find(token) for token in _SPECIAL_TOKENS}
        position = 0
        while True:
            token, start = _earliest(upcoming)
            if start < 0:
                self._plain(position, len(text))
                return self.out
            line_start = text.rfind("\n", 0, start) + 1
            if line_start < position or text[line_start:start].strip(" \t"):
                upcoming[token] = lowered.find(token, start + 1)  # not at the start of a line: plain text
                continue
            self._plain(position, line_start)
            if token == "<details":
                position = self._details(line_start)
            elif token == "<!--":
                position = self._comment(line_start)
            elif token == "</details":
                self.problems.append((self.line_of(line_start), "</details> without an opening <details>; ignored"))
                position = self._line_end(start)
            else:
                run = len(text[start:]) - len(text[start:].lstrip(token[0]))
                position = self._fence(line_start, token[0] * run)
            for other, at in upcoming.items():
                if 0 <= at < position:
                    upcoming[other] = lowered.find(other, position)

    def _line_end(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end + 1

    def _plain(self, start: int, end: int) -> None:
        """Paragraphs between special blocks; headings and rules are split out of them."""
        if start >= end:
            return
        text = self.text
        position = start
        for gap in _PARAGRAPH_BREAK_RE.finditer(text, start, end):
            self._paragraph(position, gap.start())
            position = gap.end()
        self._paragraph(position, end)

    def _paragraph(self, start: int, end: int) -> None:
        chunk = self.text[start:end]
        if chunk and chunk[0] not in _SPECIAL_STARTS and "\n" not in chunk.rstrip():
            self.out.append(Block(PARAGRAPH, chunk.rstrip(), self.line_of(start)))
            return
        stripped = chunk.strip()
        if not stripped:
            return
        start += len(chunk) - len(chunk.lstrip())
        if _LINE_SPECIAL_RE.search(chunk) is None:
            if "\n" in stripped and (" \n" in stripped or "\t\n" in stripped):
                stripped = _TRAILING_SPACE_RE.sub("\n", stripped)
            self.out.append(Block(PARAGRAPH, stripped, self.line_of(start)))
            return
        lines: list[str] = []
        line_start = 0
        offset = start
        for raw in self.text[start:end].split("\n"):
            candidate = raw.strip()
            heading = _HEADING_RE.match(candidate) if candidate.startswith("#") else None
            rule = _RULE_RE.match(candidate) if candidate[:1] in ("-", "*", "_") else None
            if heading or rule:
                if lines:
                    self.out.append(Block(PARAGRAPH, "\n".join(lines).strip(), self.line_of(line_start)))
                    lines = []
                if heading:
                    self.out.append(Block(HEADING, _heading_title(heading[2]), self.line_of(offset),
                                          level=len(heading[1])))
            elif candidate:
                if not lines:
                    line_start = offset
                lines.append(raw.rstrip())
            offset += len(raw) + 1
        if lines:
            self.out.append(Block(PARAGRAPH, "\n".join(lines).strip(), self.line_of(line_start)))

    def _find(self, token: str, start: int) -> int:
        """`lowered.find(token, start)`, remembering where a token is known to be absent (no rescans)."""
        missing_from = self._missing.get(token)
        if missing_from is not None and start >= missing_from:
            return -1
        found = self._lowered.find(token, start)
        if found < 0:
            self._missing[token] = start
        return found

    def _next_heading(self, start: int, limit: int) -> re.Match[str] | None:
        cached_from, cached = self._heading_cache
        if cached_from <= start and (cached is None or start <= cached.start()):
            return cached if cached is not None and cached.start() < limit else None
        found = _HEADING_LINE_RE.search(self.text, start)
        self._heading_cache = (start, found)
        return found if found is not None and found.start() < limit else None

    def _details(self, start: int) -> int:
        text = self.text
        close = self._find("</details", start)
        limit = close if close >= 0 else len(text)
        heading = self._next_heading(self._line_end(start), limit)
        line = self.line_of(start)
        if close < 0 or heading is not None:
            end = heading.start() if heading is not None else len(text)
            self.problems.append((line, "unclosed <details> block; it was taken to end at the next heading"))
        else:
            end = self._line_end(close)
        summary_end = self._lowered.find("</summary>", start, end)
        content = text[summary_end + 10 : close].strip() if summary_end >= 0 and close >= 0 else ""
        if content and "<" not in content and "\n" not in content:
            pass  # the common block: one line of text between the summary and </details>
        else:
            content = _TAG_RE.sub("", text[start:end])
            content = _BLANK_LINES_RE.sub("\n\n", _EDGE_SPACE_RE.sub("\n", content).strip())
        self.out.append(Block(ORIGINAL, content, line))
        return end

    def _comment(self, start: int) -> int:
        close = self._find("-->", start)
        if close < 0:
            self.problems.append((self.line_of(start), "unclosed HTML comment <!--; only its first line was skipped"))
            return self._line_end(start)
        return self._line_end(close)

    def _fence(self, start: int, fence: str) -> int:
        body_start = self._line_end(start)
        closing = re.compile(rf"^[ \t]*{re.escape(fence)}[^\n]*$", re.MULTILINE).search(self.text, body_start)
        end = self._line_end(closing.start()) if closing else len(self.text)
        code = _TRAILING_SPACE_RE.sub("\n", self.text[start:end]).strip()
        self.out.append(Block(PARAGRAPH, code, self.line_of(start), code=True))
        return end


def _heading_title(rest: str) -> str:
    """A heading's text without the optional closing `#`s (`## Title ##`)."""
    title = rest.rstrip()
    bare = title.rstrip("#")
    if bare != title and (not bare or bare[-1] in " \t"):
        title = bare.rstrip()
    return title


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
        bold = 0
        for b in blocks:  # two labels are enough to know: stop there
            if b.kind != HEADING and not b.code and b.text.startswith("**") and _bold_label(b.text):
                bold += 1
                if bold >= 2:
                    break
        self.bold_style = bold >= 2
        self.plain_style = False
        if not self.bold_style:
            counts = Counter(found[0] for b in paragraphs if (found := _plain_label(b.text)))
            self.plain_style = sum(counts.values()) >= 3 and any(n >= 2 for n in counts.values())
        self.english_first = True
        self.inline_pairs = False
        if not self.has_details:
            langs = [_language(self.label(t)[1], code) for t, _, code in self._inline_units(blocks)]
            en_zh = sum(1 for a, b in itertools.pairwise(langs) if a == "en" and b == "zh")
            zh_en = sum(1 for a, b in itertools.pairwise(langs) if a == "zh" and b == "en")
            self.english_first = en_zh >= zh_en
            # A post is written in inline pairs when it has several; one English-looking paragraph beside a
            # Chinese one is more likely a turn that happens to be mostly Latin letters.
            self.inline_pairs = max(en_zh, zh_en) >= 2

    def label(self, text: str) -> tuple[str | None, str]:
        if self.bold_style:
            found = _bold_label(text)
            if found:
                return found
        elif self.plain_style:
            found = _plain_label(text)
            if found:
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
        if len(pending) == 1 and len(segments) == 1:
            turn = pending[0]
            turn.original_speaker, turn.original = segments[0]
            return
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
                merged = {id(t) for t in leading[1:]}
                tail = len(turns) - len(pending)  # pending turns are the last ones of the section
                turns[tail:] = [t for t in turns[tail:] if id(t) not in merged]
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
        if "\n" not in text or ("\n**" not in text and not self.plain_style):
            found = _bold_label(text) if text.startswith("**") else None
            return [found] if found else [(None, text)]
        segments: list[tuple[str | None, list[str]]] = [(None, [])]
        for line in text.split("\n"):
            found = _bold_label(line) if line.startswith("**") else None
            if found is None and self.plain_style:
                found = _plain_label(line)
            if found:
                segments.append((found[0], [found[1]]))
            else:
                segments[-1][1].append(line)
        out = [(label, "\n".join(lines).strip()) for label, lines in segments]
        return [(label, body) for label, body in out if body or label] or [(None, "")]

    # Posts with inline English ------------------------------------------------------------------------------

    def _fill_inline(self, section: Section, blocks: list[Block]) -> None:
        units = self._inline_units(blocks)
        languages = [_language(self.label(text)[1], code) for text, _, code in units]
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
        if not self.inline_pairs or i + 1 >= len(languages):
            return False
        here, after = languages[i], languages[i + 1]
        return here is not None and after is not None and here != after and (here == "en") == self.english_first
