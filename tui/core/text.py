"""Character-level helpers shared by the parser, the index and the renderers.

Script detection (CJK against Latin), removal of control characters from untrusted text, and the folding used
wherever two strings are compared (NFKC width folding plus case folding).
"""

from __future__ import annotations

import re
import unicodedata

CJK_CLASS = (
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003134f"  # Extensions B-G
)
"""A regex character class body matching the characters of Chinese, Japanese and Korean words."""

CJK_RE = re.compile(f"[{CJK_CLASS}]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")

# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides that reorder text on screen.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Drop control characters (ESC among them) so archive text can never drive the terminal."""
    if _CONTROL_RE.search(text) is None:
        return text
    return _CONTROL_RE.sub("", text)


def cjk_count(text: str) -> int:
    return len(CJK_RE.findall(text))


def has_cjk(text: str) -> bool:
    return CJK_RE.search(text) is not None


_PARENTHESES_RE = re.compile(r"\([^()]*\)|（[^（）]*）")


def is_mostly_latin(text: str) -> bool:
    """True when a paragraph reads as English: outside parentheses (where glosses in the other language sit),
    Latin letters outnumber CJK characters three to one."""
    if "(" in text or "（" in text:
        text = _PARENTHESES_RE.sub("", text)
    latin = len(_LATIN_RE.findall(text))
    return latin > 0 and latin >= 3 * cjk_count(text)


def fold(text: str) -> str:
    """The comparison form of a string: full-width folded to ASCII (NFKC) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()
