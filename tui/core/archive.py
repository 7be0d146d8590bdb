"""An archive folder together with its index: the one object the command line and the app work with."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .index.engine import Engine, read_problems
from .index.snapshot import Snapshot, current_generation
from .index.speaker_index import SpeakerIndex
from .index.store import IndexError_, IndexStore
from .model import Problem


class ArchiveError(Exception):
    """The archive cannot be opened (missing folder, unusable cache); the message is for the user."""


@dataclass
class ArchiveStats:
    """Counts over the whole archive, as `check` reports them."""

    posts: int
    sections: int
    turns: int
    originals: int
    speakers: int


class Archive:
    """A folder of posts and its index."""

    def __init__(self, root: Path, store: IndexStore) -> None:
        self.root = root
        self.store = store

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, cache_dir: str | os.PathLike[str] | None = None,
             no_cache: bool = False) -> Archive:
        root = Path(path).expanduser()
        if not root.exists():
            raise ArchiveError(f"no such folder: {path}")
        if not root.is_dir():
            raise ArchiveError(f"not a folder: {path}")
        root = root.resolve()
        try:
            store = IndexStore.open(root, Path(cache_dir).expanduser() if cache_dir else None, no_cache=no_cache)
        except IndexError_ as error:
            raise ArchiveError(str(error)) from None
        return cls(root, store)

    @property
    def notices(self) -> list[str]:
        return self.store.notices

    def refresh(self, progress=None, on_wait=None):
        """Bring the index up to date with the folder; returns a `builder.RefreshReport`.

        The builder (and the parser under it) is imported here, not at start-up: the app shows the index it has
        before it reads any file.
        """
        from .index import builder

        return builder.refresh(self.store, progress=progress, on_wait=on_wait)

    def engine(self) -> Engine:
        """A query engine on a fresh connection and snapshot (use one per thread)."""
        conn = self.store.connect()
        return Engine(conn, Snapshot.load(conn), lambda: SpeakerIndex.load(conn))

    def generation(self) -> int:
        conn = self.store.connect()
        try:
            return current_generation(conn)
        finally:
            conn.close()

    def problems(self) -> list[Problem]:
        """Every problem met reading the archive."""
        conn = self.store.connect()
        try:
            return read_problems(conn)
        finally:
            conn.close()

    def stats(self) -> ArchiveStats:
        conn = self.store.connect()
        try:
            posts, sections, turns, originals = conn.execute(
                "SELECT count(*), coalesce(sum(sections), 0), coalesce(sum(turns), 0), coalesce(sum(originals), 0) "
                "FROM posts").fetchone()
            speakers = conn.execute("SELECT count(DISTINCT key) FROM speaker_labels").fetchone()[0]
            return ArchiveStats(posts, sections, turns, originals, speakers)
        finally:
            conn.close()
