"""What the first screen needs, loaded from the index in one go: posts newest first, then facet sets.

A `Snapshot` is immutable and tied to an index generation; after a refresh a new one is loaded and swapped in.
Computing one reads every post and facet row (about 400 ms at 10,000 posts), so the first reader of a
generation stores it, marshalled, in the index, in two parts: the post list, which the first paint needs (a few
milliseconds to load), and the facet sets (about 12 MB of bitsets at 10,000 posts), loaded on first use.
Facet values are grouped by their folded spelling (`Rust` and `rust` are one value), shown in their most common
spelling.
"""

from __future__ import annotations

import bisect
import datetime as dt
import sqlite3
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from ..text import fold
from . import bitset, derived
from .schema import FACET_FIELDS


class PostSummary(NamedTuple):
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
    """A value of a facet field: how it is shown, and the set of posts that have it.

    Most values of a large archive belong to a handful of posts (names, tags). Those keep their posts as a
    tuple of ranks, counted by lookups; only common values carry a bitset. At 100,000 posts a bitset is
    12.5 kB, and bitsets for every value would take hundreds of megabytes.
    """

    key: str
    label: str
    members: int | tuple[int, ...]
    size: int

    @property
    def bits(self) -> int:
        members = self.members
        if isinstance(members, int):
            return members
        bits = bitset.from_ranks(members, self.size)
        self.members = bits
        return bits

    def count_in(self, scope: int, table: bytes) -> int:
        """How many of this value's posts are in `scope` (`table` is `bitset.lookup_table(scope, ...)`)."""
        members = self.members
        if isinstance(members, int):
            return (scope & members).bit_count()
        return sum(table[rank >> 3] >> (rank & 7) & 1 for rank in members)


def sparse_limit(size: int) -> int:
    """Values with fewer posts than this keep a tuple of ranks rather than a bitset (of `size` bits)."""
    return max(8, size // 1000)


_POSTS_SQL = ("SELECT id, path, title, date, channel, problems, turns FROM posts "
              "ORDER BY date IS NULL, date DESC, path")


class Snapshot:
    """Posts in rank order (newest first) and, per facet field, its values and their post sets."""

    def __init__(self, generation: int, posts: list[PostSummary], conn: sqlite3.Connection | None) -> None:
        self.generation = generation
        self.posts = posts
        self.rank_of = {post.id: rank for rank, post in enumerate(posts)}
        self._date_keys = [-dt.date.fromisoformat(p.date).toordinal() if p.date else 1 for p in posts]
        self._conn = conn
        self._facets: dict[str, dict[str, FacetValue]] | None = None
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return len(self.posts)

    @property
    def all_bits(self) -> int:
        return (1 << len(self.posts)) - 1

    @property
    def facets(self) -> dict[str, dict[str, FacetValue]]:
        """Per field, its values by folded key (loaded on first use)."""
        if self._facets is None:
            with self._lock:
                if self._facets is None:
                    self._facets = self._load_facets()
        return self._facets

    def value(self, field_name: str, value: str) -> FacetValue | None:
        return self.facets.get(field_name, {}).get(fold(value))

    def date_bits(self, start: dt.date | None, end: dt.date | None) -> int:
        """Posts dated from `start` to `end` inclusive (open ends allowed); undated posts never match."""
        low = 0 if end is None else bisect.bisect_left(self._date_keys, -end.toordinal())
        high = bisect.bisect_left(self._date_keys, 1) if start is None else bisect.bisect_right(
            self._date_keys, -start.toordinal())
        return bitset.span(low, high)

    # loading ------------------------------------------------------------------------------------------------

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Snapshot:
        """The snapshot of the index's current generation (its post list; facets follow on first use)."""
        generation = current_generation(conn)
        rows = derived.load(conn, generation, "posts")
        if rows is None:
            rows = conn.execute(_POSTS_SQL).fetchall()
            derived.store(conn, generation, "posts", rows)
        return cls(generation, list(map(PostSummary._make, rows)), conn)

    def _load_facets(self) -> dict[str, dict[str, FacetValue]]:
        facets: dict[str, dict[str, FacetValue]] = {name: {} for name in FACET_FIELDS}
        if self._conn is None:
            return facets
        rows = derived.load(self._conn, self.generation, "facets")
        if rows is None:
            rows = self._compute_facets()
            derived.store(self._conn, self.generation, "facets", rows)
        size = self.size
        for field_name, key, label, members in rows:
            facets.setdefault(field_name, {})[key] = FacetValue(key, label, members, size)
        return facets

    def _compute_facets(self) -> list[tuple[str, str, str, int]]:
        assert self._conn is not None
        rank_of = self.rank_of
        ranks: dict[tuple[str, str], list[int]] = defaultdict(list)
        spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        folded: dict[str, str] = {}
        for field_name, value, post_id in self._conn.execute("SELECT field, value, post_id FROM facets"):
            rank = rank_of.get(post_id)
            if rank is None:
                continue
            key_text = folded.get(value)
            if key_text is None:
                key_text = folded[value] = fold(value)
            key = (field_name, key_text)
            ranks[key].append(rank)
            spellings[key][value] += 1
        size = len(self.posts)
        sparse = sparse_limit(size)
        return [(field_name, key, spellings[(field_name, key)].most_common(1)[0][0],
                 tuple(members) if len(members) < sparse else bitset.from_ranks(members, size))
                for (field_name, key), members in ranks.items()]


current_generation = derived.generation
