"""The archive as the app uses it from its worker threads: one query engine, one lock, snapshots swapped in.

Searches run in thread workers that Textual cancels when the user types on; the lock keeps two of them from
using the SQLite connection at once, and a refresh of the index swaps in a new snapshot between queries.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from .core.archive import Archive
from .core.index.engine import Engine
from .core.index.snapshot import Snapshot, current_generation

T = TypeVar("T")


class Library:
    """Thread-safe access to an archive's index for the app."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._lock = threading.RLock()
        self._engine: Engine | None = None

    @property
    def snapshot(self) -> Snapshot | None:
        return self._engine.snapshot if self._engine else None

    def open(self) -> Snapshot:
        """Open the index and load its snapshot (empty when the index is new)."""
        with self._lock:
            if self._engine is None:
                self._engine = self.archive.engine()
            return self._engine.snapshot

    def use(self, job: Callable[[Engine], T]) -> T:
        """Run `job` with the engine, holding the lock."""
        with self._lock:
            if self._engine is None:
                self._engine = self.archive.engine()
            return job(self._engine)

    def reload_if_changed(self) -> Snapshot | None:
        """Load a new snapshot when the index changed since the last one; returns it, or None."""
        with self._lock:
            engine = self._engine
            if engine is None:
                self.open()
                return self.snapshot
            if current_generation(engine.conn) == engine.snapshot.generation:
                return None
            fresh = Snapshot.load(engine.conn)
            self._engine = Engine(engine.conn, fresh)
            return fresh
