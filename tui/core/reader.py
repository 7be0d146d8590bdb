"""Read posts from an archive folder: find the Markdown files, decode them, and build `Post`s.

Files are only ever opened for reading. Whatever a file holds (binary data, bad UTF-8, broken YAML, a 50 MB
line), reading it yields a `Post` and/or `Problem`s, never an exception.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .body import parse_body
from .front_matter import load_front_matter, split_post
from .model import Post, Problem
from .text import strip_controls

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Files larger than this are listed as a problem and not read."""


@dataclass(slots=True, frozen=True)
class FileEntry:
    """A Markdown file found in the archive: its path relative to the archive, and what `stat` said of it."""

    relpath: str
    abspath: str
    mtime_ns: int
    size: int


def walk_archive(root: str | os.PathLike[str]) -> Iterator[FileEntry]:
    """Yield every `*.md` file under `root`, in a stable order.

    Hidden folders and files (`.git`, `.obsidian`, ...) are skipped; symlinks are followed, but a folder already
    visited (a symlink loop) is not entered twice.
    """
    root_path = os.path.abspath(root)
    seen: set[tuple[int, int]] = set()
    stack = [(root_path, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            info = os.stat(folder)
        except OSError:
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            continue
        seen.add(key)
        try:
            with os.scandir(folder) as entries:
                items = sorted(entries, key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in items:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    subfolders.append((entry.path, f"{prefix}{name}/"))
                elif name.lower().endswith(".md") and entry.is_file():
                    stat = entry.stat()
                    yield FileEntry(f"{prefix}{name}", entry.path, stat.st_mtime_ns, stat.st_size)
            except OSError:
                continue
        stack.extend(reversed(subfolders))


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, problem): the text of a file's bytes, or None with the reason when it is not text at all."""
    if b"\x00" in data[:8192]:
        return None, "not a text file (binary data); skipped"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        problem = None
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        problem = (f"not valid UTF-8 (first bad byte at offset {error.start}); "
                   f"{text.count(chr(0xFFFD))} character(s) shown as \ufffd")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problem


def read_post(path: str | os.PathLike[str], relpath: str | None = None) -> tuple[Post | None, list[Problem]]:
    """Read one file. Returns the post (None when the file cannot be read as text) and its problems."""
    rel = relpath if relpath is not None else Path(path).name
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            return None, [Problem(rel, None, f"file is too large ({size / 1e6:.0f} MB); skipped")]
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return None, [Problem(rel, None, f"cannot be read: {error.strerror or error}")]
    return parse_post(data, rel)


def parse_post(data: bytes, relpath: str) -> tuple[Post | None, list[Problem]]:
    """Build a `Post` from the bytes of a file; `relpath` names it in the post and its problems."""
    text, decode_problem = decode(data)
    if text is None:
        return None, [Problem(relpath, None, decode_problem or "unreadable")]
    problems: list[Problem] = []
    if decode_problem:
        problems.append(Problem(relpath, None, decode_problem))
    if not text.strip():
        problems.append(Problem(relpath, None, "empty file"))
    split = split_post(text)
    if split.unclosed:
        problems.append(Problem(relpath, 1, "front matter is opened with --- but never closed; read as body"))
    values: dict = {}
    readable = True
    if split.front_matter is not None:
        front = load_front_matter(split.front_matter, 2)
        values, readable = front.values, front.readable
        problems.extend(Problem(relpath, line, message) for line, message in front.problems)
    parsed = parse_body(split.body, split.body_line)
    problems.extend(Problem(relpath, line, message) for line, message in parsed.problems)
    title = values.pop("title", None)
    if not title and readable:
        title = next((s.title for s in parsed.sections if s.title), None)
    if not title:
        title = _title_from_path(relpath)
    post = Post(path=relpath, title=title, sections=parsed.sections, problems=problems, **values)
    return post, problems


def _title_from_path(relpath: str) -> str:
    stem = relpath.rsplit("/", 1)[-1]
    if stem.lower().endswith(".md"):
        stem = stem[:-3]
    return strip_controls(stem) or relpath
