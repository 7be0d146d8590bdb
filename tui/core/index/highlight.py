"""Where search terms occur in a text, as character spans of the text itself (for highlighting and snippets).

Matching follows `tokens.term_matches`; it runs on the folded text, and spans are mapped back to the original
text when folding changed its length (ligatures, `ß`, some full-width forms).
"""

from __future__ import annotations

import re

from .tokens import fold, is_cjk, term_pattern, term_units


def find_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of every occurrence of every term in `text`."""
    if not text or not terms:
        return []
    folded, back = _fold_with_map(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        units = tuple(term_units(term))
        if not units:
            continue
        if len(units) == 1 and is_cjk(units[0]):
            pattern = re.compile(re.escape(units[0]))
        else:
            pattern = term_pattern(units)
        for match in pattern.finditer(folded):
            if match.end() > match.start():
                spans.append((back(match.start()), back(match.end())))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _fold_with_map(text: str):
    folded = fold(text)
    if len(folded) == len(text):
        return folded, lambda i: i
    # Fold character by character to know where each folded character came from.
    pieces: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        piece = fold(ch)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    origin.append(len(text))
    folded = "".join(pieces)

    def back(i: int) -> int:
        return origin[min(i, len(origin) - 1)]

    return folded, back
