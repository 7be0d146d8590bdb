"""Archive text as Rich `Text`: inline Markdown (bold, code) turned into styles, never parsed as markup.

Speaker colours are assigned per post in order of first appearance, so a speaker keeps one colour throughout
a post. Only Rich is used here; widgets turn these renderables into lines.
"""

from __future__ import annotations

import re

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text

from .core.index.highlight import find_spans

_INLINE_RE = re.compile(r"\*\*(?P<bold>[^*\n]+?)\*\*|`(?P<code>[^`\n]+)`")

SPEAKER_COLORS: tuple[str, ...] = ("cyan", "magenta", "green", "yellow", "blue", "red",
                                   "bright_cyan", "bright_magenta", "bright_green", "bright_yellow")
"""ANSI colour names: they follow the terminal palette, so they read on dark and light themes alike."""

BOLD = Style(bold=True)
CODE = Style(reverse=True)


def inline(text: str, style: Style | str = "") -> Text:
    """`text` with `**bold**` and `` `code` `` rendered as styles; everything else verbatim."""
    out = Text(style=style)
    position = 0
    for match in _INLINE_RE.finditer(text):
        if match.start() > position:
            out.append(text[position : match.start()])
        if match["bold"] is not None:
            out.append(match["bold"], BOLD)
        else:
            out.append(f" {match['code']} ", CODE)
        position = match.end()
    out.append(text[position:])
    return out


def highlight_terms(text: Text, terms: list[str], style: Style | str) -> Text:
    """Stylise every occurrence of the search `terms` in `text` (found on its plain characters)."""
    for start, end in find_spans(text.plain, terms):
        text.stylize(style, start, end)
    return text


_NO_LINE_START = set("，。、；：？！）》」』】〉”’,.;:?!)]}%…—·")
_NO_LINE_END = set("（《「『【〈“‘([{")


def wrap(text: Text, width: int) -> Text:
    """`text` with line breaks for `width` cells, breaking between CJK characters as well as at spaces.

    Rich breaks lines only at whitespace, which leaves Chinese paragraphs (one long "word") ragged. Here a line
    may end after any CJK character or space, but not before closing punctuation or after an opening bracket.
    """
    plain = text.plain
    if width < 4 or (len(plain) * 2 <= width and "\n" not in plain):
        return text
    breaks: list[int] = []
    line_start = 0
    cells = 0
    last_break = -1  # index where the current line could end (break before this index)
    index = 0
    length = len(plain)
    while index < length:
        ch = plain[index]
        if ch == "\n":
            breaks.append(index + 1)
            line_start, cells, last_break = index + 1, 0, -1
            index += 1
            continue
        size = get_character_cell_size(ch)
        if cells + size > width and index > line_start:
            cut = last_break if last_break > line_start else index
            breaks.append(cut)
            line_start = cut
            while line_start < length and plain[line_start] == " ":
                line_start += 1
            cells = sum(get_character_cell_size(c) for c in plain[line_start:index])
            last_break = -1
            if line_start > index:
                index = line_start
                continue
        cells += size
        index += 1
        if index < length:
            after = plain[index]
            if (ch == " " or _is_wide(ch) or _is_wide(after)) and after not in _NO_LINE_START \
                    and ch not in _NO_LINE_END and after != " ":
                last_break = index
    if not breaks:
        return text
    pieces = text.divide(breaks)
    lines = []
    for piece in pieces:
        piece.rstrip()
        if piece.plain.endswith("\n"):
            piece.right_crop(1)
        lines.append(piece)
    return Text("\n").join(lines)


def _is_wide(ch: str) -> bool:
    return get_character_cell_size(ch) == 2


class SpeakerPalette:
    """Stable colours for the speakers of one post."""

    def __init__(self) -> None:
        self._colors: dict[str, str] = {}

    def color(self, speaker: str | None) -> str:
        if not speaker:
            return ""
        color = self._colors.get(speaker)
        if color is None:
            color = SPEAKER_COLORS[len(self._colors) % len(SPEAKER_COLORS)]
            self._colors[speaker] = color
        return color
