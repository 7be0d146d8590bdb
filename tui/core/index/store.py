"""Where an archive's index lives and how it is opened: one SQLite file per archive in the user cache folder.

The file is keyed by the archive's resolved path and never placed inside the archive. Opening it checks the
schema version; an index from another version, or a damaged file, is moved aside and rebuilt, with a notice. A
lock file next to it makes one process the builder when several start on the same archive at once; the others
wait for it, or read what is already there.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .schema import DDL, SCHEMA_VERSION
from .tokens import FTS_TOKENIZER

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class IndexError_(RuntimeError):
    """The index cannot be used (e.g. its folder cannot be created); the message says why."""


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("transcripts", appauthor=False))


def index_path(archive: Path, cache_dir: Path | None = None) -> Path:
    """The index file of `archive` (already resolved) under `cache_dir` (default: the user cache folder)."""
    base = (cache_dir or default_cache_dir()) / "indexes"
    digest = hashlib.sha1(str(archive).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", archive.name)[:40] or "archive"
    return base / f"{slug}-{digest}.sqlite"


@dataclass
class IndexStore:
    """An opened index database (or an in-memory one for `--no-cache`), with the notices met on opening."""

    path: Path
    archive: Path
    notices: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, archive: Path, cache_dir: Path | None = None, *, no_cache: bool = False) -> IndexStore:
        """Open (creating when needed) the index of `archive`; with `no_cache`, a throwaway one for this run."""
        if no_cache:
            folder = Path(tempfile.mkdtemp(prefix="transcripts-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            return cls(folder / "index.sqlite", archive)
        path = index_path(archive, cache_dir)
        resolved_parent = path.parent.resolve() if path.parent.exists() else path.parent.absolute()
        if resolved_parent == archive or archive in resolved_parent.parents:
            raise IndexError_(f"the cache folder {path.parent} is inside the archive; choose another --cache-dir")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise IndexError_(f"cannot create the cache folder {path.parent}: {error.strerror}") from None
        store = cls(path, archive)
        with store.try_lock() as locked:
            if locked:  # otherwise another process is building it, and it is sound
                store._check()
        return store

    # connections ----------------------------------------------------------------------------------------------

    def connect(self, *, readonly: bool = False) -> sqlite3.Connection:
        """A new connection (one per thread). The schema is created when the file is new."""
        if readonly:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
        else:
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if not _has_schema(conn):
                with self.write_lock():
                    if not _has_schema(conn):
                        self._create(conn)
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("PRAGMA temp_store = MEMORY")
        return conn

    def _create(self, conn: sqlite3.Connection) -> None:
        meta = (f"INSERT INTO meta(key, value) VALUES ('schema_version', '{SCHEMA_VERSION}'), "
                f"('created', '{int(time.time())}');")
        conn.executescript("BEGIN;\n" + DDL.format(tokenizer=FTS_TOKENIZER) + meta + "\nCOMMIT;")
        with conn:
            conn.execute("INSERT INTO meta(key, value) VALUES ('archive', ?)", (str(self.archive),))

    def _check(self) -> None:
        """Move aside an index of another version or a damaged one, so that it is rebuilt."""
        if not self.path.exists():
            return
        reason = None
        try:
            conn = sqlite3.connect(self.path, timeout=30)
            try:
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if row is None or row[0] != str(SCHEMA_VERSION):
                    reason = f"it was made by another version (schema {row[0] if row else '?'})"
                else:
                    conn.execute("SELECT count(*) FROM posts").fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError as error:
            reason = f"the file is damaged ({error})"
        if reason:
            self._discard()
            self.notices.append(f"The index was rebuilt: {reason}.")

    def _discard(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def reset(self) -> None:
        """Delete the index (for `index --rebuild`)."""
        with self.write_lock():
            self._discard()

    # the builder lock -----------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def try_lock(self) -> Iterator[bool]:
        """Hold the builder lock if it is free right now; yields whether it was taken."""
        if fcntl is None:
            yield True
            return
        with open(f"{self.path}.lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def write_lock(self, *, on_wait: Callable[[], None] | None = None,
                   timeout: float = 3600.0) -> Iterator[None]:
        """Hold the builder lock. When another process holds it, call `on_wait` once, then wait for it."""
        if fcntl is None:
            yield
            return
        handle = open(f"{self.path}.lock", "a+")  # noqa: SIM115 - held for the duration of the context
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    on_wait()
                deadline = time.monotonic() + timeout
                while True:
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            raise IndexError_("another process has been building this index for too long") \
                                from None
                        time.sleep(0.1)
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()


def _has_schema(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is not None
