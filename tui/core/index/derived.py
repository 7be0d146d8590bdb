"""Derived data kept in the index beside the tables it comes from, valid for one index generation.

Computing the post list, the facet sets or the speaker list means reading every row of a table; the first reader
of a generation stores the result (marshalled) and later readers load it. A refresh that changes anything bumps
the generation, which makes the stored copies stale.
"""

from __future__ import annotations

import marshal
import sqlite3
from typing import Any


def load(conn: sqlite3.Connection, generation: int, kind: str) -> Any | None:
    """The stored `kind` of `generation`, or None when there is none (or it is damaged)."""
    row = conn.execute("SELECT data FROM snapshot WHERE generation = ? AND kind = ?", (generation, kind)).fetchone()
    if row is None:
        return None
    try:
        return marshal.loads(row[0])
    except (ValueError, EOFError, TypeError):
        return None


def store(conn: sqlite3.Connection, generation: int, kind: str, data: Any) -> None:
    """Keep `data` as the `kind` of `generation`; skipped when the index cannot be written just now."""
    try:
        with conn:
            conn.execute("DELETE FROM snapshot WHERE kind = ?", (kind,))
            conn.execute("INSERT INTO snapshot(generation, kind, data) VALUES (?, ?, ?)",
                         (generation, kind, marshal.dumps(data)))
    except sqlite3.Error:
        pass  # read-only or busy: the next reader stores it


def generation(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0
