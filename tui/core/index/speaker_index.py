"""Every speaker of the archive, with the labels seen for them, and lookup of a typed name to speakers.

Built from the small `speaker_labels` table (one row per post, speaker and label), not from the turns.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from ..speakers import label_aliases, normalize_label
from . import derived


@dataclass
class Speaker:
    """A speaker: a person across the archive, or a generic label within one post (`post` is then set)."""

    key: str
    group: str
    name: str
    generic: bool
    labels: dict[str, int] = field(default_factory=dict)
    turns: int = 0
    posts: set[int] = field(default_factory=set)
    post_path: str | None = None

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "generic": self.generic,
            "post": self.post_path,
            "labels": sorted(self.labels, key=lambda label: (-self.labels[label], label)),
            "turns": self.turns,
            "posts": len(self.posts),
        }


@dataclass
class SpeakerGroup:
    """Speakers found by one name: a person, or every generic speaker of one kind (all the hosts)."""

    group: str
    name: str
    generic: bool
    turns: int = 0
    posts: int = 0


class SpeakerIndex:
    """Speakers and their aliases (normalised labels and name parts)."""

    def __init__(self, speakers: list[Speaker]) -> None:
        self.speakers = speakers
        self.groups: dict[str, SpeakerGroup] = {}
        self._aliases: dict[str, set[str]] = defaultdict(set)
        for speaker in speakers:
            group = self.groups.get(speaker.group)
            if group is None:
                group = self.groups[speaker.group] = SpeakerGroup(speaker.group, speaker.name, speaker.generic)
            group.turns += speaker.turns
            group.posts += len(speaker.posts)
            for label in speaker.labels:
                for alias in label_aliases(label):
                    self._aliases[alias].add(speaker.group)
            self._aliases[normalize_label(speaker.name)].add(speaker.group)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> SpeakerIndex:
        """The archive's speakers: from the copy stored for this index generation, else computed (and stored)."""
        generation = derived.generation(conn)
        rows = derived.load(conn, generation, "speakers")
        if rows is None:
            rows = [(s.key, s.group, s.name, s.generic, s.labels, s.turns, s.posts, s.post_path)
                    for s in cls._compute(conn)]
            derived.store(conn, generation, "speakers", rows)
        return cls([Speaker(*row) for row in rows])

    @staticmethod
    def _compute(conn: sqlite3.Connection) -> list[Speaker]:
        speakers: dict[str, Speaker] = {}
        rows = conn.execute(
            "SELECT s.key, s.speaker_group, s.name, s.label, s.turns, s.post_id, p.path "
            "FROM speaker_labels s JOIN posts p ON p.id = s.post_id")
        for key, group, name, label, turns, post_id, path in rows:
            speaker = speakers.get(key)
            if speaker is None:
                generic = key.startswith("g:")
                speaker = speakers[key] = Speaker(key, group, name, generic, post_path=path if generic else None)
            speaker.labels[label] = speaker.labels.get(label, 0) + turns
            speaker.posts.add(post_id)
        turn_counts = dict(conn.execute("SELECT speaker_key, count(*) FROM turns WHERE speaker_key IS NOT NULL "
                                        "GROUP BY speaker_key")) if len(speakers) < 5000 else None
        for speaker in speakers.values():
            if turn_counts is not None:
                speaker.turns = turn_counts.get(speaker.key, 0)
            else:
                speaker.turns = max(speaker.labels.values(), default=0)
        return sorted(speakers.values(), key=lambda s: (-s.turns, s.name.casefold(), s.key))

    def groups_for(self, typed: str) -> set[str]:
        """The speaker groups a typed name refers to: exact label or name matches, else names containing it."""
        wanted = normalize_label(typed)
        if not wanted:
            return set()
        exact = self._aliases.get(wanted)
        if exact:
            return set(exact)
        found: set[str] = set()
        for alias, groups in self._aliases.items():
            if wanted in alias:
                found |= groups
        return found

    def complete(self, typed: str, limit: int = 20) -> list[SpeakerGroup]:
        """Speaker groups whose name or a label starts with (or contains) `typed`, most turns first."""
        wanted = normalize_label(typed)
        groups = self.groups.values()
        if wanted:
            prefix = {g for alias, gs in self._aliases.items() if alias.startswith(wanted) for g in gs}
            inner = {g for alias, gs in self._aliases.items() if wanted in alias for g in gs} - prefix
            chosen = sorted((self.groups[g] for g in prefix), key=lambda g: -g.turns)
            chosen += sorted((self.groups[g] for g in inner), key=lambda g: -g.turns)
            return chosen[:limit]
        return sorted(groups, key=lambda g: -g.turns)[:limit]
