"""Folding that keeps offsets: one output character per input character.

Matching runs on a folded copy of the report (lower case, no tone or vowel marks, đ → d)
so that OCR variants ("Ke hoạch", "tinh") match their lexicon entries; because the fold
never changes the length, an offset in the folded copy is the same offset in the report,
and every span quotes the original characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = [c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)]
    if not base:
        return " "  # a stray combining mark stands for nothing
    low = base[0].lower()
    return low[0] if low else " "


def fold(text: str) -> str:
    """Lower-case, mark-free copy of `text` with exactly the same length."""
    return "".join(_fold_char(c) for c in text)


def compile_folded(pattern: str) -> re.Pattern[str]:
    """A lexicon pattern: a space matches a run of white space, " ?" an optional one."""
    return re.compile(pattern.replace(" ?", r"\s*").replace(" ", r"\s+"))


# Word edges for folded patterns: a letter may not touch the match, a digit may (footnote
# markers are glued to the word before them: "giải phóng mặt bằng47").
LB = r"(?<![^\W\d_])"
LE = r"(?![^\W\d_])"

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Display form of a quote: line breaks and repeated spaces become one space."""
    return _SPACE.sub(" ", text).strip()
