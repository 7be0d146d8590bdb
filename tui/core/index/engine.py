"""Answer queries from the index: matching posts, facet counts, quotes (turns), and whole posts.

Evaluation order matters at scale. Full-text terms are looked up in FTS5 first (a hit's rowid names its post:
`rowid >> 24`), then combined with facet and date sets as bitsets (see `bitset`). Speaker-scoped lookups take the
FTS hits and keep those whose turn has the speaker: never the other way round, which makes SQLite probe the
full-text index once per turn of the speaker (19 s against 48 ms at 10k posts).

Results are newest first: posts by rank (the index numbers posts by date), turns by post rank then position.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..citation import Citation
from ..model import Post, Problem, Section, Turn
from ..query import DateRange, Filter, Query, Text
from ..text import fold
from . import bitset
from .highlight import find_spans
from .schema import FACET_FIELDS, HEADER_SEQ, TURN_BITS
from .snapshot import PostSummary, Snapshot
from .speaker_index import SpeakerIndex
from .tokens import fts_phrase, speaker_token, term_units

Selections = Mapping[str, Iterable[str]]
"""Facet values chosen in the app, by field: OR within a field, AND across fields."""

_SEQ_MASK = (1 << TURN_BITS) - 1
_NOT_HEADER = f"(rowid & {_SEQ_MASK}) != {HEADER_SEQ}"
_TEXT_COLUMNS = "{body orig}"
_FETCH_ALL = 20_000
"""Quote lookups with at most this many matching turns are answered from one pass over them."""
_PROBE_POSTS = 8
"""For more, the newest posts probed one by one for a page before asking which posts match at all."""
_NO_SPEAKER = "snospeaker"  # a token no turn has: a speaker clause naming nobody matches nothing


@dataclass(slots=True)
class SearchHit:
    """A post matching a search, with how many of its turns match and a snippet of the first one."""

    post: PostSummary
    rank: int
    matching_turns: int
    snippet: str | None = None
    snippet_turn: int | None = None


@dataclass(slots=True)
class SearchResult:
    """A page of matching posts, the total count, and the set of all matching posts (for facets and lists)."""

    total: int
    hits: list[SearchHit]
    bits: int
    elapsed_ms: float


@dataclass(slots=True)
class Quote:
    """One turn found by a quote lookup, with where it stands."""

    turn_id: int
    post: PostSummary
    source: str | None
    section: str | None
    turn: int
    speaker: str | None
    original_speaker: str | None
    speaker_name: str | None
    text: str
    original: str | None
    line: int

    def citation(self) -> Citation:
        return Citation(text=self.text, speaker=self.speaker or self.original_speaker, title=self.post.title,
                        date=self.post.date, source=self.source, original=self.original,
                        original_speaker=self.original_speaker, section=self.section)

    def to_json(self) -> dict:
        return {
            "path": self.post.path, "title": self.post.title, "date": self.post.date, "source": self.source,
            "section": self.section, "turn": self.turn, "speaker": self.speaker,
            "original_speaker": self.original_speaker, "text": self.text, "original": self.original,
        }


@dataclass(slots=True)
class QuoteResult:
    total: int
    quotes: list[Quote]
    elapsed_ms: float


@dataclass(slots=True)
class FacetCount:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class _Plan:
    """A query split by where each part is evaluated."""

    post_clauses: list[tuple] = field(default_factory=list)
    text_clauses: list[tuple[Text, ...]] = field(default_factory=list)
    negated_texts: list[Text] = field(default_factory=list)
    speaker_clauses: list[tuple[Filter, ...]] = field(default_factory=list)


class Engine:
    """Queries over one index snapshot. One engine per thread (it owns a SQLite connection)."""

    def __init__(self, conn: sqlite3.Connection, snapshot: Snapshot,
                 speakers: Callable[[], SpeakerIndex] | None = None) -> None:
        self.conn = conn
        self.snapshot = snapshot
        self._speaker_loader = speakers
        self._speakers: SpeakerIndex | None = None
        self._term_cache: dict[str, int] = {}

    # speakers ---------------------------------------------------------------------------------------------

    @property
    def speakers(self) -> SpeakerIndex:
        if self._speakers is None:
            self._speakers = self._speaker_loader() if self._speaker_loader else SpeakerIndex.load(self.conn)
        return self._speakers

    def speaker_groups(self, typed: str) -> set[str]:
        return self.speakers.groups_for(typed)

    # posts --------------------------------------------------------------------------------------------------

    def post_bits(self, query: Query, selections: Selections | None = None) -> int:
        """The set of posts matching `query` and the facet `selections`."""
        return self._query_bits(query) & self.selection_bits(selections)

    def selection_bits(self, selections: Selections | None, *, skip: str | None = None) -> int:
        bits = self.snapshot.all_bits
        for name, values in (selections or {}).items():
            if name == skip:
                continue
            field_bits = 0
            any_value = False
            for value in values:
                any_value = True
                found = self.snapshot.value(name, value)
                if found is not None:
                    field_bits |= found.bits
            if any_value:
                bits &= field_bits
        return bits

    def search(self, query: Query, selections: Selections | None = None, *, limit: int = 50, offset: int = 0,
               sort: str = "date") -> SearchResult:
        """Posts matching `query`, newest first (or by matching turns with `sort="relevance"`)."""
        started = time.perf_counter()
        plan = self._plan(query)
        bits = self._plan_bits(plan) & self.selection_bits(selections)
        total = bits.bit_count()
        positive = [t for clause in plan.text_clauses for t in clause]
        if plan.speaker_clauses and plan.text_clauses:
            expression = self._turn_expression(plan)  # the speaker's turns with the words
        else:
            expression = _any_of(positive)  # turns with any of the words
        if sort == "relevance" and expression:
            ranks = self._by_relevance(bits, expression)[offset : offset + limit]
        else:
            ranks = bitset.to_ranks(bits, offset + limit)[offset:]
        hits = [self._hit(rank, expression, positive) for rank in ranks]
        return SearchResult(total, hits, bits, _ms(started))

    def _hit(self, rank: int, expression: str | None, terms: list[Text]) -> SearchHit:
        post = self.snapshot.posts[rank]
        hit = SearchHit(post, rank, 0)
        if not expression:
            return hit
        low = post.id << TURN_BITS
        hit.matching_turns, first = self.conn.execute(
            "SELECT count(*), min(rowid) FROM fts WHERE fts MATCH ? AND rowid BETWEEN ? AND ?",
            (expression, low, low + HEADER_SEQ - 1)).fetchone()
        if first is not None:
            text, original = self.conn.execute("SELECT text, original FROM turns WHERE id = ?", (first,)).fetchone()
            hit.snippet = snippet(text, terms) or (snippet(original, terms) if original else None) or text[:120]
            hit.snippet_turn = first & _SEQ_MASK
        return hit

    def _by_relevance(self, bits: int, expression: str) -> list[int]:
        counts = dict(self.conn.execute(
            f"SELECT rowid >> {TURN_BITS}, count(*) FROM fts WHERE fts MATCH ? GROUP BY 1", (expression,)))
        table = bitset.lookup_table(bits, self.snapshot.size)
        rank_of = self.snapshot.rank_of
        scored = [(-counts.get(post_id, 0), rank) for post_id, rank in rank_of.items() if bitset.has(table, rank)]
        scored.sort()
        return [rank for _, rank in scored]

    # facets -------------------------------------------------------------------------------------------------

    def facet_counts(self, query: Query, selections: Selections | None = None,
                     fields: Iterable[str] = FACET_FIELDS, query_bits: int | None = None) -> dict[str, list[FacetCount]]:
        """Per field, each value's number of posts under the query and the selections of the *other* fields."""
        base = self._query_bits(query) if query_bits is None else query_bits
        chosen = {name: {fold(v) for v in values} for name, values in (selections or {}).items()}
        out: dict[str, list[FacetCount]] = {}
        for name in fields:
            scope = base & self.selection_bits(selections, skip=name)
            table = bitset.lookup_table(scope, self.snapshot.size)
            picked = chosen.get(name, set())
            counts = []
            for value in self.snapshot.facets.get(name, {}).values():
                count = value.count_in(scope, table)
                selected = value.key in picked
                if count or selected:
                    counts.append(FacetCount(value.key, value.label, count, selected))
            counts.sort(key=lambda c: (-c.count, c.label.casefold()))
            out[name] = counts
        return out

    # quotes -------------------------------------------------------------------------------------------------

    def quotes(self, query: Query, selections: Selections | None = None, *, speaker: str | None = None,
               limit: int = 50, offset: int = 0) -> QuoteResult:
        """Turns matching the query's words (all of them, within the turn) said by the speaker, newest first.

        One full-text query does the work: the words and the speaker (a token in the `who` column) are
        intersected inside FTS5. The matching posts are then walked newest first until the page is full.
        """
        started = time.perf_counter()
        plan = self._plan(query)
        if speaker:
            plan.speaker_clauses.append((Filter("speaker", speaker),))
        expression = self._turn_expression(plan)
        if expression is None:
            return QuoteResult(0, [], _ms(started))
        allowed = self._bits_of(plan.post_clauses) & self.selection_bits(selections)
        # Header rows (title and summary) only have text: a query naming a speaker cannot match them.
        turns_only = "" if plan.speaker_clauses else f" AND {_NOT_HEADER}"
        wanted = offset + limit
        rank_of = self.snapshot.rank_of
        table = bitset.lookup_table(allowed, self.snapshot.size)
        everything = allowed == self.snapshot.all_bits
        # One term (or one speaker) can match a great many turns: count them first (cheap), fetch them only if
        # few. An intersection is usually small: fetch it straight away, in one pass.
        single = len(plan.text_clauses) + len(plan.speaker_clauses) == 1 and not plan.negated_texts
        counted = None
        if single and everything:
            counted = self.conn.execute(
                f"SELECT count(*) FROM fts WHERE fts MATCH ?{turns_only}", (expression,)).fetchone()[0]
        rows = [] if counted is not None and counted > _FETCH_ALL else self.conn.execute(
            f"SELECT rowid FROM fts WHERE fts MATCH ?{turns_only} LIMIT {_FETCH_ALL + 1}", (expression,)).fetchall()
        if (counted is None and len(rows) <= _FETCH_ALL) or (counted is not None and counted <= _FETCH_ALL):
            # Few enough to take in one pass: group by post, newest post first.
            by_post: dict[int, list[int]] = {}
            for (turn_id,) in rows:
                by_post.setdefault(turn_id >> TURN_BITS, []).append(turn_id)
            ranked = sorted((rank_of[p], ids) for p, ids in by_post.items()
                            if p in rank_of and (everything or bitset.has(table, rank_of[p])))
            total = sum(len(ids) for _, ids in ranked)
            turn_ids = [turn_id for _, ids in ranked for turn_id in ids][:wanted]
            return QuoteResult(total, self._load_quotes(turn_ids[offset:]), _ms(started))
        if counted is not None:
            total = counted
        elif everything:
            total = self.conn.execute(
                f"SELECT count(*) FROM fts WHERE fts MATCH ?{turns_only}", (expression,)).fetchone()[0]
        else:
            total = sum(n for p, n in self.conn.execute(
                f"SELECT rowid >> {TURN_BITS}, count(*) FROM fts WHERE fts MATCH ?{turns_only} GROUP BY 1",
                (expression,)) if p in rank_of and bitset.has(table, rank_of[p]))
        # Many matches: the newest posts almost always have some, so probe them one by one; when that is not
        # enough, ask which posts match at all and walk those.
        newest = bitset.to_ranks(allowed, _PROBE_POSTS)
        turn_ids: list[int] = []
        for rank in newest:
            turn_ids.extend(self._turns_in(expression, rank))
            if len(turn_ids) >= wanted:
                break
        else:
            seen = bitset.span(0, newest[-1] + 1) if newest else 0
            for rank in bitset.to_ranks(self._expression_bits(expression) & allowed & ~seen):
                turn_ids.extend(self._turns_in(expression, rank))
                if len(turn_ids) >= wanted:
                    break
        return QuoteResult(total, self._load_quotes(turn_ids[offset:wanted]), _ms(started))

    def _turns_in(self, expression: str, rank: int) -> list[int]:
        """The turns of the post of `rank` that match `expression`, in order."""
        low = self.snapshot.posts[rank].id << TURN_BITS
        return [row[0] for row in self.conn.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid",
            (expression, low, low + HEADER_SEQ - 1))]

    def _turn_expression(self, plan: _Plan) -> str | None:
        """The FTS5 query for turns with every text clause, said by one of the speakers of every speaker clause.

        None when the plan names neither words nor speakers; a query matching nothing when a speaker is unknown.
        """
        parts = [part for part in map(_any_of, plan.text_clauses) if part]
        for clause in plan.speaker_clauses:
            groups: set[str] = set()
            for atom in clause:
                groups |= self.speaker_groups(atom.value)
            tokens = sorted(speaker_token(group) for group in groups) or [_NO_SPEAKER]
            parts.append("who : (" + " OR ".join(tokens) + ")")
        if not parts:
            return None
        expression = " AND ".join(f"({part})" for part in parts)
        for text in plan.negated_texts:
            phrase = fts_phrase(text.text)
            if phrase:
                expression = f"({expression}) NOT {_TEXT_COLUMNS} : {phrase}"
        return expression

    def _load_quotes(self, turn_ids: list[int]) -> list[Quote]:
        if not turn_ids:
            return []
        marks = ",".join("?" * len(turn_ids))
        rows = {row[0]: row for row in self.conn.execute(
            f"SELECT t.id, t.section, t.speaker, t.original_speaker, t.speaker_name, t.text, t.original, t.line, "
            f"s.title, p.source FROM turns t "
            f"JOIN sections s ON s.post_id = (t.id >> {TURN_BITS}) AND s.idx = t.section "
            f"JOIN posts p ON p.id = (t.id >> {TURN_BITS}) WHERE t.id IN ({marks})", turn_ids)}
        out = []
        for turn_id in turn_ids:
            row = rows.get(turn_id)
            if row is None:
                continue
            post = self.snapshot.posts[self.snapshot.rank_of[turn_id >> TURN_BITS]]
            out.append(Quote(turn_id, post, row[9], row[8], turn_id & _SEQ_MASK, row[2], row[3], row[4], row[5],
                             row[6], row[7]))
        return out

    # whole posts and problems ------------------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """Every problem met reading the archive, by file and line."""
        return read_problems(self.conn)

    def load_post(self, post_id: int) -> Post | None:
        """A post as stored in the index: front matter, sections and turns (without re-reading the file)."""
        row = self.conn.execute("SELECT path, title, front_matter FROM posts WHERE id = ?", (post_id,)).fetchone()
        if row is None:
            return None
        path, title, front = row
        return post_from_rows(self.conn, post_id, path, title, json.loads(front))

    # query evaluation -------------------------------------------------------------------------------------

    def _query_bits(self, query: Query) -> int:
        return self._plan_bits(self._plan(query))

    def _plan(self, query: Query) -> _Plan:
        plan = _Plan()
        for clause in query.clauses:
            if all(isinstance(a, Text) for a in clause):
                texts = tuple(a for a in clause if term_units(a.text))
                if not texts:
                    continue
                if len(texts) == 1 and texts[0].negated:
                    plan.negated_texts.append(texts[0])
                elif not any(a.negated for a in texts):
                    plan.text_clauses.append(texts)
                else:
                    plan.post_clauses.append(texts)
            elif all(isinstance(a, Filter) and a.field == "speaker" and not a.negated for a in clause):
                plan.speaker_clauses.append(clause)  # type: ignore[arg-type]
            else:
                plan.post_clauses.append(clause)
        return plan

    def _plan_bits(self, plan: _Plan) -> int:
        bits = self._bits_of(plan.post_clauses)
        for text in plan.negated_texts:
            bits &= ~self._text_bits(text)
        if plan.speaker_clauses and plan.text_clauses:
            # who said what: the words must be in the speaker's own turns
            bits &= self._expression_bits(self._turn_expression(plan) or "")
        else:
            for clause in plan.text_clauses:
                clause_bits = 0
                for text in clause:
                    clause_bits |= self._text_bits(text)
                bits &= clause_bits
            for clause in plan.speaker_clauses:
                bits &= self._clause_bits(clause)
        return bits & self.snapshot.all_bits

    def _bits_of(self, clauses: Iterable[tuple]) -> int:
        bits = self.snapshot.all_bits
        for clause in clauses:
            bits &= self._clause_bits(clause)
        return bits

    def _clause_bits(self, clause: tuple) -> int:
        bits = 0
        for atom in clause:
            atom_bits = self._atom_bits(atom)
            bits |= (self.snapshot.all_bits & ~atom_bits) if atom.negated else atom_bits
        return bits

    def _atom_bits(self, atom: object) -> int:
        if isinstance(atom, Text):
            return self._text_bits(atom)
        if isinstance(atom, DateRange):
            return self.snapshot.date_bits(atom.start, atom.end)
        if isinstance(atom, Filter):
            if atom.field == "speaker":
                return self._speaker_bits(atom.value)
            found = self.snapshot.value(atom.field, atom.value)
            return found.bits if found else 0
        return 0

    def _text_bits(self, text: Text) -> int:
        phrase = fts_phrase(text.text)
        return self._expression_bits(f"{_TEXT_COLUMNS} : {phrase}") if phrase else 0

    def _expression_bits(self, expression: str) -> int:
        """The posts with a turn (or a title or summary) matching an FTS5 expression; cached per snapshot."""
        if not expression:
            return 0
        cached = self._term_cache.get(expression)
        if cached is not None:
            return cached
        rank_of = self.snapshot.rank_of
        rows = self.conn.execute(f"SELECT DISTINCT rowid >> {TURN_BITS} FROM fts WHERE fts MATCH ?", (expression,))
        bits = bitset.from_ranks((rank_of[p] for (p,) in rows if p in rank_of), self.snapshot.size)
        if len(self._term_cache) > 256:
            self._term_cache.clear()
        self._term_cache[expression] = bits
        return bits

    def _speaker_bits(self, typed: str) -> int:
        groups = self.speaker_groups(typed)
        if not groups:
            return 0
        marks = ",".join("?" * len(groups))
        rank_of = self.snapshot.rank_of
        rows = self.conn.execute(
            f"SELECT DISTINCT post_id FROM speaker_labels WHERE speaker_group IN ({marks})", tuple(groups))
        return bitset.from_ranks((rank_of[p] for (p,) in rows if p in rank_of), self.snapshot.size)


def read_problems(conn: sqlite3.Connection) -> list[Problem]:
    """Every problem the index recorded, by file and line."""
    return [Problem(path, line, message) for path, line, message in conn.execute(
        "SELECT path, line, message FROM problems ORDER BY path, line")]


def post_from_rows(conn: sqlite3.Connection, post_id: int, path: str, title: str, front: dict) -> Post:
    """Rebuild a `Post` from the index tables."""
    sections = [Section(title_, level, [], line) for title_, level, line in conn.execute(
        "SELECT title, level, line FROM sections WHERE post_id = ? ORDER BY idx", (post_id,))]
    low = post_id << TURN_BITS
    for section, speaker, original_speaker, text, original, line in conn.execute(
            "SELECT section, speaker, original_speaker, text, original, line FROM turns "
            "WHERE id BETWEEN ? AND ? ORDER BY id", (low, low + HEADER_SEQ - 1)):
        sections[section].turns.append(Turn(speaker, text, original, original_speaker, line))
    problems = [Problem(path, line, message) for line, message in conn.execute(
        "SELECT line, message FROM problems WHERE path = ? ORDER BY line", (path,))]
    date = dt.date.fromisoformat(front["date"]) if front.get("date") else None
    fields = {k: v for k, v in front.items() if k not in ("title", "date")}
    return Post(path=path, title=title, date=date, sections=sections, problems=problems, **fields)


def snippet(text: str, terms: list[Text], width: int = 120) -> str | None:
    """A one-line excerpt of `text` around the first hit of any term; None when no term is found."""
    spans = find_spans(text, [t.text for t in terms])
    if not spans:
        return None
    start = spans[0][0]
    left = max(0, start - width // 3)
    excerpt = " ".join(text[left : left + width].split())
    return ("…" if left > 0 else "") + excerpt + ("…" if left + width < len(text) else "")


def _any_of(texts: Iterable[Text]) -> str | None:
    """The FTS5 query for turns (or titles and summaries) with any of the texts; None when none has units."""
    phrases = [p for p in (fts_phrase(t.text) for t in texts) if p]
    return f"{_TEXT_COLUMNS} : (" + " OR ".join(phrases) + ")" if phrases else None



def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
