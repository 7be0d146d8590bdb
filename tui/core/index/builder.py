"""Bring an index up to date with its archive: re-read only new and changed files, drop deleted ones.

A file is unchanged when its size and modification time match the index; when only the time differs, its content
hash decides. Large builds parse in worker processes (the parse is pure Python and CPU-bound) while this process
writes to SQLite; the work is committed in steps, so readers (the app, other processes) see the index fill in.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context, resource_tracker
from pathlib import Path

from ..reader import FileEntry, walk_archive
from .rows import PostRows, file_hash, rows_for_bytes, rows_for_file
from .schema import HEADER_SEQ, TURN_BITS
from .store import IndexStore
from .tokens import index_text, speaker_token

Progress = Callable[[int, int], None]
"""Called as files are indexed: (files done, files to do)."""

PARALLEL_FROM = 200
"""Builds of at least this many files parse in worker processes."""

COMMIT_SECONDS = 2.0
"""How often a long build commits, so that readers (the app) see the index fill in."""


@dataclass
class RefreshReport:
    """What a refresh changed, and how long it took."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    seconds: float = 0.0

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def to_json(self) -> dict:
        return {"added": self.added, "changed": self.changed, "removed": self.removed,
                "unchanged": self.unchanged, "elapsed_ms": round(self.seconds * 1000, 1)}


def refresh(store: IndexStore, *, progress: Progress | None = None, on_wait: Callable[[], None] | None = None,
            workers: int | None = None) -> RefreshReport:
    """Update the index of `store.archive`; returns what changed."""
    started = time.perf_counter()
    conn = store.connect()
    try:
        with store.write_lock(on_wait=on_wait):
            report = _refresh(conn, Path(store.archive), progress, workers)
    finally:
        conn.close()
    report.seconds = time.perf_counter() - started
    return report


def _refresh(conn: sqlite3.Connection, archive: Path, progress: Progress | None,
             workers: int | None) -> RefreshReport:
    report = RefreshReport()
    known = {path: (mtime, size, digest, post_id) for path, mtime, size, digest, post_id
             in conn.execute("SELECT path, mtime_ns, size, hash, post_id FROM files")}
    todo: list[FileEntry] = []
    ready: list[PostRows] = []
    touched_only: list[tuple[int, str]] = []
    seen: set[str] = set()
    for entry in walk_archive(archive):
        seen.add(entry.relpath)
        old = known.get(entry.relpath)
        if old is None:
            todo.append(entry)
            report.added.append(entry.relpath)
        elif old[0] == entry.mtime_ns and old[1] == entry.size:
            report.unchanged += 1
        elif old[1] == entry.size:
            try:
                data = Path(entry.abspath).read_bytes()
            except OSError:
                todo.append(entry)
                report.changed.append(entry.relpath)
                continue
            if file_hash(data) == old[2]:
                touched_only.append((entry.mtime_ns, entry.relpath))
                report.unchanged += 1
            else:
                ready.append(rows_for_bytes(data, entry.relpath, entry.mtime_ns, entry.size))
                report.changed.append(entry.relpath)
        else:
            todo.append(entry)
            report.changed.append(entry.relpath)
    report.removed = sorted(path for path in known if path not in seen)
    if not (todo or ready or touched_only or report.removed):
        return report
    total = len(todo) + len(ready)
    writer = _Writer(conn, known)
    done = 0
    last_commit = time.monotonic()
    conn.isolation_level = None
    conn.execute("BEGIN")
    try:
        conn.executemany("UPDATE files SET mtime_ns = ? WHERE path = ?", touched_only)
        for path in report.removed:
            writer.remove(path)
        for rows in _parsed(ready, todo, workers):
            writer.write(rows)
            done += 1
            now = time.monotonic()
            if now - last_commit >= COMMIT_SECONDS:
                _commit(conn)
                conn.execute("BEGIN")
                last_commit = now
                if progress:
                    progress(done, total)
        _commit(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if progress:
        progress(total, total)
    return report


def _parsed(ready: list[PostRows], todo: list[FileEntry], workers: int | None) -> Iterator[PostRows]:
    yield from ready
    jobs = [(e.abspath, e.relpath, e.mtime_ns, e.size) for e in todo]
    count = workers if workers is not None else min(4, os.cpu_count() or 1)
    if len(jobs) < PARALLEL_FROM or count < 2:
        for job in jobs:
            yield rows_for_file(*job)
        return
    done = 0
    try:
        with _real_std_streams():
            resource_tracker.ensure_running()  # it is handed stderr once, when it starts
        with ProcessPoolExecutor(max_workers=count, mp_context=get_context("spawn")) as pool:
            in_flight: deque = deque()
            for start in range(0, len(jobs), _BATCH):
                in_flight.append(pool.submit(_batch, jobs[start : start + _BATCH]))
                if len(in_flight) > 2 * count:
                    batch = in_flight.popleft().result()
                    done += len(batch)
                    yield from batch
            while in_flight:
                batch = in_flight.popleft().result()
                done += len(batch)
                yield from batch
    except (BrokenProcessPool, OSError, ValueError):
        # Worker processes could not run here: finish in this process.
        for job in jobs[done:]:
            yield rows_for_file(*job)


@contextlib.contextmanager
def _real_std_streams() -> Iterator[None]:
    """multiprocessing's resource tracker is handed stderr's file descriptor when it starts; inside the app
    (which captures output) sys.stderr has none, so the process's own streams stand in meanwhile."""
    saved = sys.stdout, sys.stderr
    try:
        for name, original in (("stdout", sys.__stdout__), ("stderr", sys.__stderr__)):
            stream = getattr(sys, name)
            try:
                valid = stream.fileno() >= 0
            except (AttributeError, OSError, ValueError):
                valid = False
            if not valid and original is not None:
                setattr(sys, name, original)
        yield
    finally:
        sys.stdout, sys.stderr = saved


_BATCH = 16
"""Files per task sent to a worker process: enough to make the hand-over cheap, few enough to keep memory low."""


def _batch(jobs: list[tuple[str, str, int, int]]) -> list[PostRows]:
    return [rows_for_file(*job) for job in jobs]


class _Writer:
    """Writes one file's rows, replacing what the index held for it."""

    def __init__(self, conn: sqlite3.Connection, known: dict[str, tuple]) -> None:
        self.conn = conn
        self.post_ids = {path: old[3] for path, old in known.items()}

    def remove(self, path: str) -> None:
        post_id = self.post_ids.pop(path, None)
        if post_id is not None:
            self._delete_post(post_id)
        self.conn.execute("DELETE FROM files WHERE path = ?", (path,))
        self.conn.execute("DELETE FROM problems WHERE path = ?", (path,))

    def write(self, rows: PostRows) -> None:
        conn = self.conn
        post_id = self.post_ids.get(rows.path)
        if post_id is not None:
            self._delete_post(post_id)
        conn.execute("DELETE FROM problems WHERE path = ?", (rows.path,))
        if rows.post is not None:
            if post_id is None:
                post_id = conn.execute(
                    "INSERT INTO posts(path, title, date, channel, source, front_matter, sections, turns, originals,"
                    " problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.post).lastrowid
            else:
                conn.execute(
                    "INSERT INTO posts(id, path, title, date, channel, source, front_matter, sections, turns,"
                    " originals, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (post_id, *rows.post))
            self._insert(post_id, rows)
        else:
            post_id = None
        self.post_ids[rows.path] = post_id
        conn.execute(
            "INSERT OR REPLACE INTO files(path, mtime_ns, size, hash, post_id) VALUES (?, ?, ?, ?, ?)",
            (rows.path, rows.mtime_ns, rows.size, rows.hash, post_id))
        conn.executemany("INSERT INTO problems(path, line, message) VALUES (?, ?, ?)",
                         [(rows.path, line, message) for line, message in rows.problems])

    def _insert(self, post_id: int, rows: PostRows) -> None:
        conn = self.conn
        base = post_id << TURN_BITS
        conn.executemany("INSERT INTO facets(post_id, field, value) VALUES (?, ?, ?)",
                         [(post_id, name, value) for name, value in rows.facets])
        conn.executemany("INSERT INTO sections(post_id, idx, title, level, line) VALUES (?, ?, ?, ?, ?)",
                         [(post_id, *section) for section in rows.sections])
        conn.executemany(
            "INSERT INTO turns(id, section, speaker, original_speaker, speaker_key, speaker_group, speaker_name,"
            " text, original, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(base + turn[0], *turn[1:]) for turn in rows.turns])
        conn.executemany("INSERT INTO fts(rowid, body, orig, who) VALUES (?, ?, ?, ?)",
                         [(base + seq, body, orig, who) for seq, body, orig, who in rows.fts])
        conn.executemany(
            "INSERT INTO speaker_labels(post_id, key, speaker_group, name, label, turns) VALUES (?, ?, ?, ?, ?, ?)",
            [(post_id, *speaker) for speaker in rows.speakers])

    def _delete_post(self, post_id: int) -> None:
        conn = self.conn
        low, high = post_id << TURN_BITS, (post_id << TURN_BITS) + HEADER_SEQ
        header = conn.execute("SELECT title, front_matter FROM posts WHERE id = ?", (post_id,)).fetchone()
        tokens: list[tuple[int, str, str, str]] = []
        if header is not None:
            summary = json.loads(header[1]).get("summary") or ""
            tokens.append((high, index_text(header[0]), index_text(summary), ""))
        tokens.extend(
            (turn_id, index_text(text), index_text(original) if original else "",
             speaker_token(group) if group else "")
            for turn_id, text, original, group in conn.execute(
                "SELECT id, text, original, speaker_group FROM turns WHERE id BETWEEN ? AND ?", (low, high)))
        conn.executemany("INSERT INTO fts(fts, rowid, body, orig, who) VALUES ('delete', ?, ?, ?, ?)", tokens)
        conn.execute("DELETE FROM turns WHERE id BETWEEN ? AND ?", (low, high))
        for table in ("facets", "sections", "speaker_labels"):
            conn.execute(f"DELETE FROM {table} WHERE post_id = ?", (post_id,))
        conn.execute("DELETE FROM posts WHERE id = ?", (post_id,))


def _commit(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('generation', '1') "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
    conn.execute("COMMIT")


