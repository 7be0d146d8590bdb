"""What the first screen needs, loaded from the index in one go: posts newest first, and facet sets.

A `Snapshot` is immutable and tied to an index generation; after a refresh a new one is loaded and swapped in.
Computing one reads every facet row (about 400 ms at 10,000 posts), so the first reader of a generation stores
it, marshalled, in the index; later starts load it in a few tens of milliseconds.
Facet values are grouped by their folded spelling (`Rust` and `rust` are one value), shown in their most common
spelling.
"""

from __future__ import annotations

import bisect
import datetime as dt
import marshal
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
        """The snapshot of the index's current generation: from its stored copy, else computed (and stored)."""
        generation = current_generation(conn)
        row = conn.execute("SELECT data FROM snapshot WHERE generation = ?", (generation,)).fetchone()
        if row is not None:
            try:
                return cls._from_data(generation, marshal.loads(row[0]))
            except (ValueError, EOFError, TypeError):
                pass  # a damaged copy: compute it again
        data = cls._compute(conn)
        try:
            with conn:
                conn.execute("DELETE FROM snapshot")
                conn.execute("INSERT INTO snapshot(generation, data) VALUES (?, ?)", (generation, marshal.dumps(data)))
        except sqlite3.Error:
            pass  # read-only or busy: the next reader will store it
        return cls._from_data(generation, data)

    @staticmethod
    def _compute(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple[str, str, str, int]]]:
        posts = conn.execute(
            "SELECT id, path, title, date, channel, problems, turns FROM posts "
            "ORDER BY date IS NULL, date DESC, path").fetchall()
        rank_of = {post[0]: rank for rank, post in enumerate(posts)}
        ranks: dict[tuple[str, str], list[int]] = defaultdict(list)
        spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        folded: dict[str, str] = {}
        for field_name, value, post_id in conn.execute("SELECT field, value, post_id FROM facets"):
            rank = rank_of.get(post_id)
            if rank is None:
                continue
            key_text = folded.get(value)
            if key_text is None:
                key_text = folded[value] = fold(value)
            key = (field_name, key_text)
            ranks[key].append(rank)
            spellings[key][value] += 1
        size = len(posts)
        facets = [(field_name, key, spellings[(field_name, key)].most_common(1)[0][0],
                   bitset.from_ranks(members, size)) for (field_name, key), members in ranks.items()]
        return posts, facets

    @classmethod
    def _from_data(cls, generation: int, data: tuple) -> Snapshot:
        rows, facet_rows = data
        posts = [PostSummary(*row) for row in rows]
        rank_of = {post.id: rank for rank, post in enumerate(posts)}
        date_keys = [-dt.date.fromisoformat(p.date).toordinal() if p.date else 1 for p in posts]
        facets: dict[str, dict[str, FacetValue]] = {name: {} for name in FACET_FIELDS}
        for field_name, key, label, bits in facet_rows:
            facets.setdefault(field_name, {})[key] = FacetValue(key, label, bits)
        return cls(generation, posts, facets, rank_of, date_keys)


def current_generation(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0
