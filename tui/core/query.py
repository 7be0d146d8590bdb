"""The query language shared by the app's search box and the command line.

    model 推理                 both words (AND)
    "open source" 强化学习      a quoted phrase
    -crypto                    exclude a word (or `-tag:rust`, `-"a phrase"`)
    rust OR go                 either term; OR binds tighter than the implicit AND
    tag:rust person:"Alice Ryhl" speaker:Host channel:"Latent Space"
    year:2025  year:2023..2024  date:2025-01..2025-06  date:..2024-12-31

Field values are matched whole, case-insensitively for Latin script. A malformed query raises `QueryError` with
the column where it goes wrong; nothing else is ever raised.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

FIELDS: dict[str, str] = {
    "tag": "tags", "tags": "tags",
    "category": "category", "cat": "category",
    "area": "area",
    "person": "people", "people": "people",
    "org": "companies_orgs", "orgs": "companies_orgs", "company": "companies_orgs",
    "companies_orgs": "companies_orgs",
    "product": "products_models", "products": "products_models", "model": "products_models",
    "products_models": "products_models",
    "book": "media_books", "books": "media_books", "media": "media_books", "media_books": "media_books",
    "project": "project",
    "series": "series",
    "status": "status",
    "channel": "channel", "author": "channel",
    "speaker": "speaker", "who": "speaker",
    "year": "year",
    "date": "date",
}
"""Every field name a query may use, mapped to the facet field it filters."""

FIELD_NAMES = ("tag", "category", "area", "person", "org", "product", "book", "project", "series", "status",
               "channel", "speaker", "year", "date")
"""The documented spelling of each field, for messages and completion."""


class QueryError(ValueError):
    """A query that cannot be read; `column` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"column {column}: {message}")
        self.message = message
        self.column = column


@dataclass(frozen=True, slots=True)
class Text:
    """Free text to find: a word or a quoted phrase."""

    text: str
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Filter:
    """`field:value` on a facet field (`field` is the facet name: tags, people, channel, speaker, ...)."""

    field: str
    value: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class DateRange:
    """Posts dated from `start` to `end`, both inclusive; either may be open."""

    start: dt.date | None
    end: dt.date | None
    negated: bool = False

    def contains(self, day: dt.date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


Atom = Text | Filter | DateRange


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: every clause must hold (AND); a clause holds when any of its atoms does (OR)."""

    clauses: tuple[tuple[Atom, ...], ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def atoms(self) -> list[Atom]:
        return [atom for clause in self.clauses for atom in clause]

    def texts(self) -> list[Text]:
        """The positive free-text terms, the ones to highlight in results."""
        return [a for a in self.atoms() if isinstance(a, Text) and not a.negated]


_TOKEN_RE = re.compile(r"\s+|\S")
_FIELD_RE = re.compile(r"([A-Za-z_]+):")
_QUOTES = {'"': '"', "“": "”", "「": "」"}


def parse_query(source: str) -> Query:
    """Parse a query string; raises `QueryError` when it is malformed."""
    tokens = _tokenize(source)
    clauses: list[list[Atom]] = []
    expect_operand = False
    for kind, value, column in tokens:
        if kind == "or":
            if not clauses or expect_operand:
                raise QueryError("OR needs a term on each side", column)
            expect_operand = True
            continue
        if expect_operand:
            if value.negated or (clauses[-1] and clauses[-1][-1].negated):
                raise QueryError("an excluded term (-term) cannot be one side of OR", column)
            clauses[-1].append(value)
            expect_operand = False
        else:
            clauses.append([value])
    if expect_operand:
        raise QueryError("OR needs a term on each side", len(source))
    return Query(tuple(tuple(clause) for clause in clauses))


def _tokenize(source: str) -> list[tuple[str, Atom | None, int]]:
    out: list = []
    i = 0
    length = len(source)
    while i < length:
        ch = source[i]
        if ch.isspace():
            i += 1
            continue
        start = i
        negated = False
        if ch == "-" and i + 1 < length and not source[i + 1].isspace():
            negated = True
            i += 1
        if source.startswith("OR", i) and not negated and (i + 2 == length or source[i + 2].isspace()):
            out.append(("or", None, start + 1))
            i += 2
            continue
        field_match = _FIELD_RE.match(source, i)
        if field_match and not source.startswith("//", field_match.end()):
            name = field_match[1].lower()
            if name not in FIELDS:
                raise QueryError(f"unknown field {field_match[1]!r}; fields are: {', '.join(FIELD_NAMES)}", i + 1)
            i = field_match.end()
            value, i = _read_value(source, i, name)
            out.append(("atom", _field_atom(FIELDS[name], name, value, negated, start + 1), start + 1))
            continue
        if ch in _QUOTES or (negated and source[i] in _QUOTES):
            value, i = _read_quoted(source, i)
            if not value.strip():
                raise QueryError("empty quotes", start + 1)
            out.append(("atom", Text(value, phrase=True, negated=negated), start + 1))
            continue
        end = i
        while end < length and not source[end].isspace():
            end += 1
        word = source[i:end]
        if not word:
            raise QueryError("'-' must be followed by a term", start + 1)
        out.append(("atom", Text(word, negated=negated), start + 1))
        i = end
    return out


def _read_quoted(source: str, i: int) -> tuple[str, int]:
    closing = _QUOTES[source[i]]
    end = source.find(closing, i + 1)
    if end < 0:
        raise QueryError("this quote is never closed", i + 1)
    return source[i + 1 : end], end + 1


def _read_value(source: str, i: int, name: str) -> tuple[str, int]:
    if i < len(source) and source[i] in _QUOTES:
        value, i = _read_quoted(source, i)
    else:
        end = i
        while end < len(source) and not source[end].isspace():
            end += 1
        value, i = source[i:end], end
    if not value.strip():
        raise QueryError(f"{name}: needs a value", i + 1)
    return value.strip(), i


def _field_atom(field_name: str, name: str, value: str, negated: bool, column: int) -> Atom:
    if field_name == "year":
        low, sep, high = value.partition("..")
        first = _year(low, column) if low else None
        last = (_year(high, column) if high else None) if sep else first
        if first and last and first > last:
            raise QueryError(f"year range {value!r} ends before it starts", column)
        return DateRange(dt.date(first, 1, 1) if first else None, dt.date(last, 12, 31) if last else None, negated)
    if field_name == "date":
        if ".." in value:
            low, _, high = value.partition("..")
            start = _parse_day(low, column, last=False) if low else None
            end = _parse_day(high, column, last=True) if high else None
        else:
            start = _parse_day(value, column, last=False)
            end = _parse_day(value, column, last=True)
        if start and end and start > end:
            raise QueryError(f"date range {value!r} ends before it starts", column)
        return DateRange(start, end, negated)
    return Filter(field_name, value, negated)


def _year(text: str, column: int) -> int:
    if not re.fullmatch(r"\d{4}", text):
        raise QueryError(f"year {text!r} is not a year like 2025", column)
    return int(text)


def _parse_day(text: str, column: int, *, last: bool) -> dt.date:
    """A day from YYYY, YYYY-MM or YYYY-MM-DD: the first day of that span, or its last when `last`."""
    match = re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", text)
    if match is None:
        raise QueryError(f"date {text!r} is not like 2025, 2025-06 or 2025-06-30", column)
    year = int(match[1])
    month = int(match[2]) if match[2] else (12 if last else 1)
    if not 1 <= month <= 12:
        raise QueryError(f"date {text!r} has no month {month}", column)
    day = int(match[3]) if match[3] else calendar.monthrange(year, month)[1] if last else 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise QueryError(f"date {text!r} does not exist", column) from None
