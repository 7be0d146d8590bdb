"""Turn one file of the archive into the rows the index stores.

This is the CPU-heavy half of an index build (read, parse, speaker keys, bigram expansion for full-text search);
it runs in worker processes during large builds, so it takes and returns only plain picklable values.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..model import LIST_FIELDS, Post
from ..reader import MAX_FILE_BYTES, parse_post
from ..speakers import assign_speakers
from ..text import fold
from .schema import HEADER_SEQ, MAX_TURNS_PER_POST
from .tokens import index_text, speaker_token


@dataclass(slots=True)
class PostRows:
    """Everything the index keeps of one file, ready for `executemany` (turn ids still lack their post)."""

    path: str
    mtime_ns: int
    size: int
    hash: str
    post: tuple | None = None
    facets: list[tuple[str, str]] = field(default_factory=list)
    sections: list[tuple] = field(default_factory=list)
    turns: list[tuple] = field(default_factory=list)
    fts: list[tuple[int, str, str, str]] = field(default_factory=list)
    speakers: list[tuple] = field(default_factory=list)
    problems: list[tuple[int | None, str]] = field(default_factory=list)


def file_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def rows_for_file(abspath: str, relpath: str, mtime_ns: int, size: int) -> PostRows:
    """Read and parse one file into rows. Never raises: unreadable files become a problem row."""
    try:
        if size > MAX_FILE_BYTES:
            return PostRows(relpath, mtime_ns, size, "", problems=[
                (None, f"file is too large ({size / 1e6:.0f} MB); skipped")])
        with open(abspath, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return PostRows(relpath, mtime_ns, size, "", problems=[(None, f"cannot be read: {error.strerror}")])
    return rows_for_bytes(data, relpath, mtime_ns, size)


def rows_for_bytes(data: bytes, relpath: str, mtime_ns: int, size: int) -> PostRows:
    rows = PostRows(relpath, mtime_ns, size, file_hash(data))
    try:
        post, problems = parse_post(data, relpath)
    except Exception as error:  # a parser bug must not stop the index: the file is listed as a problem
        rows.problems.append((None, f"could not be parsed ({type(error).__name__}: {error}); please report this"))
        return rows
    rows.problems.extend((p.line, p.message) for p in problems)
    if post is not None:
        _fill(rows, post)
    return rows


def _fill(rows: PostRows, post: Post) -> None:
    turns = post.turns
    if len(turns) > MAX_TURNS_PER_POST:
        rows.problems.append((None, f"more than {MAX_TURNS_PER_POST:,} turns; the rest were not indexed"))
    speaker_ids = assign_speakers(((t.speaker, t.original_speaker) for t in turns), post.path)
    date = post.date.isoformat() if post.date else None
    originals = sum(1 for t in turns if t.original)
    rows.post = (
        post.path, post.title, date, post.channel, post.source,
        json.dumps(post.front_matter_json(), ensure_ascii=False), len(post.sections), len(turns), originals,
        len(rows.problems),
    )
    facets = rows.facets
    for name in LIST_FIELDS:
        facets.extend((name, value) for value in getattr(post, name))
    for name in ("category", "area", "series", "status", "channel"):
        value = getattr(post, name)
        if value:
            facets.append((name, value))
    if post.date:
        facets.append(("year", str(post.date.year)))
    rows.fts.append((HEADER_SEQ, index_text(post.title), index_text(post.summary or ""), ""))
    labels: dict[tuple[str, str], list] = {}
    seq = 0
    for index, section in enumerate(post.sections):
        rows.sections.append((index, section.title, section.level, section.line))
        for turn in section.turns:
            if seq >= MAX_TURNS_PER_POST:
                break
            speaker = speaker_ids[seq]
            key = group = name = None
            if speaker is not None:
                key, name = speaker.key, speaker.name
                group = key.split("@", 1)[0] if speaker.generic else key
                for label in (turn.speaker, turn.original_speaker):
                    if label:
                        entry = labels.setdefault((key, label), [group, name, 0])
                        entry[2] += 1
            rows.turns.append((seq, index, turn.speaker, turn.original_speaker, key, group, name, turn.text,
                               turn.original, turn.line))
            rows.fts.append((seq, index_text(turn.text), index_text(turn.original) if turn.original else "",
                             speaker_token(group) if group else ""))
            seq += 1
    speaker_names: dict[str, str] = {}
    for (key, label), (group, name, count) in labels.items():
        rows.speakers.append((key, group, name, label, count))
        speaker_names.setdefault(group, name)
    facets.extend(("speaker", name) for name in speaker_names.values())
    # one facet value per folded spelling within a post
    seen: set[tuple[str, str]] = set()
    unique = []
    for name, value in facets:
        marker = (name, fold(value))
        if marker not in seen:
            seen.add(marker)
            unique.append((name, value))
    rows.facets = unique
