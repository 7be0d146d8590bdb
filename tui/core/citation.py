"""A quote as a citation: one readable block to paste into notes, in plain text or Markdown."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Post, Section


@dataclass(slots=True)
class Citation:
    """What a citation names: the words (translation and original), who said them, and where."""

    text: str
    speaker: str | None
    title: str
    date: str | None = None
    source: str | None = None
    original: str | None = None
    original_speaker: str | None = None
    section: str | None = None


def plain(citation: Citation) -> str:
    """The citation as plain text:

        “translation”
        “original”
        — Speaker, Title (2026-08-30), https://...
    """
    lines = [f"“{citation.text.strip()}”"]
    if citation.original:
        lines.append(f"“{citation.original.strip()}”")
    lines.append("— " + _byline(citation))
    return "\n".join(lines)


def markdown(citation: Citation) -> str:
    """The citation as a Markdown block quote with its attribution."""
    parts = [_quote_block(citation.text)]
    if citation.original:
        parts.append(_quote_block(citation.original))
    who = f"**{citation.speaker}**, " if citation.speaker else ""
    when = f" ({citation.date})" if citation.date else ""
    where = f", section “{citation.section}”" if citation.section else ""
    link = f" — <{citation.source}>" if citation.source else ""
    parts.append(f"— {who}*{citation.title}*{when}{where}{link}")
    return "\n>\n".join(parts[:-1]) + "\n\n" + parts[-1]


def _quote_block(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def _byline(citation: Citation) -> str:
    speaker = citation.speaker or citation.original_speaker
    if speaker and citation.original_speaker and citation.original_speaker != speaker:
        speaker = f"{speaker} ({citation.original_speaker})"
    pieces = [speaker] if speaker else []
    title = citation.title + (f" ({citation.date})" if citation.date else "")
    pieces.append(title)
    if citation.section:
        pieces.append(f"§ {citation.section}")
    if citation.source:
        pieces.append(citation.source)
    return ", ".join(pieces)


def section_block(post: Post, section: Section) -> str:
    """A whole section as plain text: its title, each turn with its original, and the post it is from."""
    lines = [section.title or post.title, ""]
    for turn in section.turns:
        lines.append((f"{turn.speaker}: " if turn.speaker else "") + turn.text)
        if turn.original:
            lines.append((f"{turn.original_speaker}: " if turn.original_speaker else "") + turn.original)
        lines.append("")
    date = f" ({post.date.isoformat()})" if post.date else ""
    lines.append(f"— {post.title}{date}" + (f", {post.source}" if post.source else ""))
    return "\n".join(lines)


def section_of_turn(post: Post, turn: int) -> Section | None:
    """The section holding the post's `turn`-th turn (counting from 0 across sections)."""
    first = 0
    for section in post.sections:
        if first <= turn < first + len(section.turns):
            return section
        first += len(section.turns)
    return None
