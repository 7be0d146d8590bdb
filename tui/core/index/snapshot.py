"""What the first screen needs, loaded from the index in one go: posts newest first, and facet sets.

A `Snapshot` is immutable and tied to an index generation; after a refresh a new one is loaded and swapped in.
Facet values are grouped by their folded spelling (`Rust` and `rust` are one value), shown in their most common
spelling.
"""

from __future__ import annotations

import bisect
import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..text import fold
from . import bitset
from .rows import FACET_FIELDS


@dataclass(slots=True, frozen=True)
class PostSummary:
    """One line of the post list."""

    id: int
    path: str
    title: str
    date: str | None
    channel: str | None
    problems: int
    turns: int


@dataclass(slots=True)
class FacetValue:
    """A value of a facet field: how it is shown, and the set of posts that have it."""

    key: str
    label: str
    bits: int


@dataclass
class Snapshot:
    """Posts in rank order (newest first) and, per facet field, its values and their post sets."""

    generation: int
    posts: list[PostSummary]
    facets: dict[str, dict[str, FacetValue]]
    rank_of: dict[int, int] = field(repr=False)
    _date_keys: list[int] = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.posts)

    @property
    def all_bits(self) -> int:
        return (1 << len(self.posts)) - 1

    def value(self, field_name: str, value: str) -> FacetValue | None:
        return self.facets.get(field_name, {}).get(fold(value))

    def date_bits(self, start: dt.date | None, end: dt.date | None) -> int:
        """Posts dated from `start` to `end` inclusive (open ends allowed); undated posts never match."""
        low = 0 if end is None else bisect.bisect_left(self._date_keys, -end.toordinal())
        high = bisect.bisect_left(self._date_keys, 1) if start is None else bisect.bisect_right(
            self._date_keys, -start.toordinal())
        return bitset.span(low, high)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Snapshot:
        row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        generation = int(row[0]) if row else 0
        posts = [PostSummary(*r) for r in conn.execute(
            "SELECT id, path, title, date, channel, problems, turns FROM posts ORDER BY rank")]
        rank_of = {post.id: rank for rank, post in enumerate(posts)}
        date_keys = [-dt.date.fromisoformat(p.date).toordinal() if p.date else 1 for p in posts]
        ranks: dict[tuple[str, str], list[int]] = defaultdict(list)
        spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for field_name, value, post_id in conn.execute("SELECT field, value, post_id FROM facets"):
            rank = rank_of.get(post_id)
            if rank is None:
                continue
            key = (field_name, fold(value))
            ranks[key].append(rank)
            spellings[key][value] += 1
        facets: dict[str, dict[str, FacetValue]] = {name: {} for name in FACET_FIELDS}
        size = len(posts)
        for (field_name, key), members in ranks.items():
            label = spellings[(field_name, key)].most_common(1)[0][0]
            facets.setdefault(field_name, {})[key] = FacetValue(key, label, bitset.from_ranks(members, size))
        return cls(generation, posts, facets, rank_of, date_keys)


def current_generation(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0
