"""The normalised shape of an archive post: plain dataclasses, no behaviour beyond conversion to JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

LIST_FIELDS: tuple[str, ...] = ("tags", "people", "companies_orgs", "products_models", "media_books", "project")
"""Front-matter keys that hold a list of values."""

SCALAR_FIELDS: tuple[str, ...] = ("source", "summary", "category", "area", "series", "status")
"""Front-matter keys that hold one string (or nothing)."""


@dataclass(slots=True)
class Problem:
    """Something wrong with one file of the archive: where, and what a user should know."""

    path: str
    line: int | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "message": self.message}

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(slots=True)
class Turn:
    """One speaker's paragraph(s), or a narration paragraph when `speaker` is None.

    `text` is the translation as written in the post (inline Markdown kept, never markup), `original` the
    English original when the post gives one, with its own label in `original_speaker`.
    """

    speaker: str | None
    text: str
    original: str | None = None
    original_speaker: str | None = None
    line: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "original": self.original,
            "original_speaker": self.original_speaker,
        }


@dataclass(slots=True)
class Section:
    """A heading (level 1-6; level 0 and no title for text before the first heading) and its turns."""

    title: str | None
    level: int
    turns: list[Turn] = field(default_factory=list)
    line: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "level": self.level, "turns": [t.to_json() for t in self.turns]}


@dataclass(slots=True)
class Post:
    """One Markdown post: normalised front matter, its body as sections and turns, and what was wrong with it."""

    path: str
    title: str
    date: dt.date | None = None
    channel: str | None = None
    source: str | None = None
    summary: str | None = None
    category: str | None = None
    area: str | None = None
    series: str | None = None
    status: str | None = None
    tags: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    companies_orgs: list[str] = field(default_factory=list)
    products_models: list[str] = field(default_factory=list)
    media_books: list[str] = field(default_factory=list)
    project: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def turns(self) -> list[Turn]:
        return [turn for section in self.sections for turn in section.turns]

    def front_matter_json(self) -> dict[str, Any]:
        """The normalised front matter, JSON-ready (dates as ISO strings)."""
        data: dict[str, Any] = {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "channel": self.channel,
        }
        for name in SCALAR_FIELDS:
            data[name] = getattr(self, name)
        for name in LIST_FIELDS:
            data[name] = list(getattr(self, name))
        data["extra"] = self.extra
        return data

    def to_json(self) -> dict[str, Any]:
        data = {"path": self.path, **self.front_matter_json()}
        data["sections"] = [s.to_json() for s in self.sections]
        data["problems"] = [p.to_json() for p in self.problems]
        return data
