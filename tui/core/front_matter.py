"""Split a post into YAML front matter and body, load the YAML safely, and normalise it into `Post` fields.

The split and load go through python-frontmatter's `YAMLHandler` (libyaml's safe loader when available), with a
boundary that also accepts the `---\\` delimiters seen in the archive. Everything the YAML may hold is untrusted:
`!!python` tags are refused by the safe loader, and every value is walked under a node budget so that alias bombs
and self-referencing structures cost bounded time and memory.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .model import LIST_FIELDS, SCALAR_FIELDS
from .text import strip_controls

MAX_FRONT_MATTER_CHARS = 256 * 1024
"""Front matter longer than this is not parsed (a post's metadata is a few kilobytes)."""

NODE_BUDGET = 20_000
"""How many YAML nodes normalisation may visit in one post before it gives up on the rest."""

_CHANNEL_KEYS = ("author", "speaker", "channel")
_KNOWN_KEYS = frozenset(("title", "date", *_CHANNEL_KEYS, *LIST_FIELDS, *SCALAR_FIELDS))


class ArchiveYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, with `---` or `---\\` (trailing backslash) as the boundary line."""

    FM_BOUNDARY = re.compile(r"^-{3,}\\?[ \t]*$", re.MULTILINE)


_HANDLER = ArchiveYAMLHandler()
_OPENING = re.compile(r"-{3,}\\?[ \t]*\n")


@dataclass(slots=True)
class SplitPost:
    """The raw parts of a post file: front matter text (None when there is none) and the body."""

    front_matter: str | None
    body: str
    body_line: int
    """1-based line number of the body's first line in the file."""
    unclosed: bool = False


def split_post(text: str) -> SplitPost:
    """Split `text` (newlines already normalised to `\\n`) at its front-matter boundaries."""
    opening = _OPENING.match(text)
    if opening is None:
        return SplitPost(None, text, 1)
    closing = _HANDLER.FM_BOUNDARY.search(text, opening.end())
    if closing is None:
        return SplitPost(None, text, 1, unclosed=True)
    fm = text[opening.end() : closing.start()]
    body_start = closing.end()
    if text.startswith("\n", body_start):
        body_start += 1
    return SplitPost(fm, text[body_start:], text.count("\n", 0, body_start) + 1)


@dataclass(slots=True)
class FrontMatter:
    """Normalised front matter: the fields of `Post` it fills, and the problems met on the way.

    `readable` is False when the YAML could not be read at all (the post then takes its title from its file).
    """

    values: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    readable: bool = True


MAX_DEPTH = 32
"""Nesting deeper than this (or a structure that contains itself) is not followed."""


class _Budget:
    """Counts visited YAML nodes; raises once a post's allowance is spent."""

    __slots__ = ("left",)

    def __init__(self, nodes: int) -> None:
        self.left = nodes

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _OverBudget


class _OverBudget(Exception):
    pass


def load_front_matter(fm_text: str, first_line: int) -> FrontMatter:
    """Load and normalise YAML front matter; `first_line` is the file line of its first line."""
    result = FrontMatter(readable=False)
    if len(fm_text) > MAX_FRONT_MATTER_CHARS:
        result.problems.append((first_line, f"front matter is too large ({len(fm_text):,} characters); ignored"))
        return result
    try:
        data = _HANDLER.load(fm_text)
    except yaml.YAMLError as error:
        result.problems.append(_yaml_problem(error, first_line))
        return result
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        result.problems.append((first_line, f"front matter could not be read: {error}"))
        return result
    result.readable = True
    if data is None:
        return result
    if not isinstance(data, dict):
        result.problems.append((first_line, f"front matter is a {type(data).__name__}, not a set of keys; ignored"))
        return result
    try:
        _normalise(data, fm_text, first_line, result, _Budget(NODE_BUDGET))
    except (_OverBudget, RecursionError):
        result.problems.append((first_line, "front matter is too deeply nested or repetitive (YAML aliases?); "
                                "the rest of it was ignored"))
    return result


def _yaml_problem(error: yaml.YAMLError, first_line: int) -> tuple[int | None, str]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if context and context_mark is not None and mark is not None and context_mark.line != mark.line:
        context = f"{context} (from line {first_line + context_mark.line})"
    detail = f"{context}, {problem}" if context else problem
    return line, f"invalid YAML front matter: {strip_controls(' '.join(str(detail).split()))}"


def _normalise(data: dict[Any, Any], fm_text: str, first_line: int, result: FrontMatter, budget: _Budget) -> None:
    values = result.values
    problems = result.problems
    title = data.get("title")
    if isinstance(title, str):
        values["title"] = strip_controls(title.strip())
    elif title is not None and not isinstance(title, dict | list):
        values["title"] = _raw_scalar(fm_text, "title") or str(title)
    for key in _CHANNEL_KEYS:
        channel = _as_string(data.get(key), budget)
        if channel:
            values["channel"] = channel
            break
    date, date_problem = _as_date(data.get("date"))
    if date is not None:
        values["date"] = date
    if date_problem:
        problems.append((_key_line(fm_text, "date", first_line), date_problem))
    for name in SCALAR_FIELDS:
        values[name] = _as_string(data.get(name), budget)
    for name in LIST_FIELDS:
        values[name] = _as_list(data.get(name), budget)
    extra: dict[str, Any] = {}
    for key, value in data.items():
        name = key if isinstance(key, str) else str(key)
        if name in _KNOWN_KEYS:
            continue
        budget.spend()
        extra[strip_controls(name)] = _json_safe(value, budget)
    values["extra"] = extra


def _raw_scalar(fm_text: str, key: str) -> str | None:
    """The text of `key: value` as written, for scalars that YAML would turn into numbers (`title: 1.10`)."""
    match = re.search(rf"^{re.escape(key)}:[ \t]*(.+?)[ \t]*$", fm_text, re.MULTILINE)
    if match is None:
        return None
    raw = match.group(1)
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        raw = raw[1:-1]
    else:
        raw = re.sub(r"[ \t]+#.*$", "", raw)  # a YAML comment is not part of a plain scalar
    return strip_controls(raw)


def _key_line(fm_text: str, key: str, first_line: int) -> int:
    match = re.search(rf"^{re.escape(key)}:", fm_text, re.MULTILINE)
    return first_line + (fm_text.count("\n", 0, match.start()) if match else 0)


def _as_date(value: Any) -> tuple[dt.date | None, str | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        text = value.strip()
        match = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[ T])", text)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3])), None
            except ValueError:
                pass
    shown = strip_controls(str(value))[:60]
    return None, f"date {shown!r} is not a valid date (expected YYYY-MM-DD); the post is kept without a date"


def _as_string(value: Any, budget: _Budget, depth: int = 0) -> str | None:
    budget.spend()
    if value is None:
        return None
    if isinstance(value, str):
        text = strip_controls(value.strip())
        return text or None
    if isinstance(value, bool | int | float | dt.date):
        return str(value)
    if isinstance(value, list):
        if depth >= MAX_DEPTH:
            raise _OverBudget
        parts = [_as_string(item, budget, depth + 1) for item in value]
        joined = ", ".join(part for part in parts if part)
        return joined or None
    return None


def _as_list(value: Any, budget: _Budget) -> list[str]:
    budget.spend()
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("[") and text.endswith("]"):
            items: list[Any] = [part.strip().strip("'\"") for part in text[1:-1].split(",")]
        else:
            items = [text]
    elif isinstance(value, list | tuple | set):
        items = list(value)
    else:
        items = [value]
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        budget.spend()
        if isinstance(item, dict | list | tuple | set):
            continue
        text = _as_string(item, budget)
        if text and text not in seen:
            seen.add(text)
            out.append(text)
    return out


def _json_safe(value: Any, budget: _Budget, depth: int = 0) -> Any:
    budget.spend()
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if depth >= MAX_DEPTH:
        raise _OverBudget
    if isinstance(value, dict):
        return {strip_controls(str(k)): _json_safe(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_safe(v, budget, depth + 1) for v in value]
    return strip_controls(str(value))
