"""How text is cut into search tokens, for Chinese and English alike.

SQLite's `unicode61` tokenizer keeps a run of Chinese characters as one token, so a two-character word inside a
sentence is never found. Before text goes into the full-text index, each run of CJK characters is rewritten as
its overlapping character bigrams followed by its last character alone (`强化学习` -> `强化 化学 学习 习`), the
scheme of Lucene's `cjk_bigram`. A search term is rewritten the same way and matched as an FTS5 phrase:

* a 2-character term is one token: it matches exactly where the two characters stand side by side;
* a longer term is a phrase of consecutive bigrams, which can only occur inside one unbroken CJK run;
* a 1-character term is a prefix query (`"强"*`): every occurrence of a character is either the start of a
  bigram or the last character of its run.

English (and any other script) is left to `unicode61`: words of letters and digits, case- and accent-folded.
`term_matches` states the same rules as a plain scan over text; the tests hold the index to it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..text import CJK_CLASS

_CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]+")
_BIGRAMS_RE = re.compile(f"(?=([{CJK_CLASS}]{{2}}))")
_WORD_CHAR = f"[^\\W_{CJK_CLASS}]"
_UNIT_RE = re.compile(f"[{CJK_CLASS}]+|{_WORD_CHAR}+")

FTS_TOKENIZER = "unicode61 remove_diacritics 2"
"""The tokenizer of the full-text table; `fold` mirrors what it does to letters."""


def _expand_run(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) == 1:
        return f" {run} "
    return f" {' '.join(_BIGRAMS_RE.findall(run))} {run[-1]} "


def index_text(text: str) -> str:
    """The form of `text` that is handed to the full-text index."""
    return _CJK_RUN_RE.sub(_expand_run, unicodedata.normalize("NFKC", text))


def fold(text: str) -> str:
    """The comparison form of text: full-width to ASCII (NFKC), case-folded, accents removed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFD", folded)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def term_units(term: str) -> list[str]:
    """A search term as the units it must match in order: CJK runs and words of letters and digits.

    `GPT-4 模型` -> `["gpt", "4", "模型"]`; `强化学习` -> `["强化学习"]`.
    """
    return _UNIT_RE.findall(fold(term))


def is_cjk(unit: str) -> bool:
    return _CJK_RUN_RE.fullmatch(unit) is not None


def fts_phrase(term: str) -> str | None:
    """The FTS5 query for one search term (a word or a quoted phrase); None when it has nothing to match."""
    units = term_units(term)
    if not units:
        return None
    tokens: list[str] = []
    last = len(units) - 1
    for index, unit in enumerate(units):
        if not is_cjk(unit) or len(unit) == 1:
            tokens.append(unit)
        else:
            tokens.extend(_BIGRAMS_RE.findall(unit))
            if index < last:
                tokens.append(unit[-1])  # a unit followed by another must end its run
    phrase = '"' + " ".join(tokens) + '"'
    if is_cjk(units[-1]) and len(units[-1]) == 1:
        phrase += "*"
    return phrase


def term_matches(term: str, folded_text: str) -> bool:
    """Whether `term` occurs in `folded_text` (already passed through `fold`), by plain scanning.

    A term of one CJK run matches as a substring. A term of words matches them as whole words, in order, with
    nothing but spaces or punctuation between them; a CJK run inside such a term must start the run of text it
    is found in when a unit comes before it, and end it when a unit comes after it.
    """
    units = tuple(term_units(term))
    if not units:
        return False
    if len(units) == 1 and is_cjk(units[0]):
        return units[0] in folded_text
    return term_pattern(units).search(folded_text) is not None


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def term_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    """The regular expression of `term_matches` for a term's units, on folded text (cached)."""
    pattern = _PATTERNS.get(units)
    if pattern is not None:
        return pattern
    parts = []
    last = len(units) - 1
    for index, unit in enumerate(units):
        piece = re.escape(unit)
        if is_cjk(unit):
            before = f"(?<![{CJK_CLASS}])" if index > 0 else ""
            after = f"(?![{CJK_CLASS}])" if index < last else ""
        else:
            before, after = f"(?<!{_WORD_CHAR})", f"(?!{_WORD_CHAR})"
        parts.append(f"{before}{piece}{after}")
    pattern = re.compile(r"[\W_]*".join(parts))
    if len(_PATTERNS) > 1024:
        _PATTERNS.clear()
    _PATTERNS[units] = pattern
    return pattern


def speaker_token(group: str) -> str:
    """The single search token that stands for a speaker group in the index's `who` column."""
    return "s" + hashlib.sha1(group.encode("utf-8")).hexdigest()[:15]
