"""Finding lexicon words in report text.

Matching runs on `text.lower()`, which keeps every offset of the stored file (no
character of Vietnamese changes length when lowercased), so a match is already an
exact position in the report. Spaces in a lexicon word match any run of whitespace,
because the OCR text breaks lines anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


def lower(text: str) -> str:
    """Lowercase without changing length (falls back per character if one would)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def word_pattern(word: str) -> str:
    """Regex for one lexicon word: whitespace-tolerant, bounded where it ends in a letter."""
    body = r"\s+".join(re.escape(part) for part in word.split())
    head = r"(?<!\w)" if word[:1].isalnum() else ""
    tail = r"(?![^\W\d_])" if word[-1:].isalnum() else ""  # a glued footnote digit is fine
    return head + body + tail


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """One alternation, longest words first so that the longest name wins at a position."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(word_pattern(w) for w in ordered))


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str


def find_names(text: str, names: dict[str, str], pattern: re.Pattern[str]) -> list[Hit]:
    """Name occurrences in lowered `text`, overlapping ones included ("- công nghiệp" and
    "công nghiệp-xây dựng"), except those lying inside a longer one."""
    found = []
    starts = _first_chars(names)  # most positions cannot start a name: skip the regex there
    for i in range(len(text)):
        if text[i] not in starts or (i and text[i - 1].isalnum() and text[i].isalnum()):
            continue
        m = pattern.match(text, i)
        if m:
            key = names.get(_squash(m.group(0)))
            if key is not None:
                found.append(Hit(m.start(), m.end(), key))
    return [
        h for h in found if not any(o.start <= h.start and h.end <= o.end and o != h for o in found)
    ]


def _first_chars(names: dict[str, str]) -> frozenset[str]:
    """Characters a name can start with: a match begins with its name's first letter."""
    key = id(names)
    cached = _FIRST_CHARS.get(key)
    if cached is None or cached[0] is not names:
        cached = (names, frozenset(name[:1] for name in names))
        _FIRST_CHARS[key] = cached
    return cached[1]


_FIRST_CHARS: dict[int, tuple[dict[str, str], frozenset[str]]] = {}


def _squash(s: str) -> str:
    return " ".join(s.split())


def name_table(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """name -> key; the first key listed for a name wins."""
    table: dict[str, str] = {}
    for name, key in pairs:
        table.setdefault(_squash(name.lower()), key)
    return table


def ends_with_any(text: str, words: Iterable[str]) -> str | None:
    """The cue word `text` ends with (ignoring trailing spaces and ':'), if any."""
    tail = text.rstrip(" \n\t:")
    for w in sorted(words, key=len, reverse=True):
        if re.search(word_pattern(w) + r"$", tail):
            return w
    return None


def contains_any(text: str, words: Iterable[str]) -> bool:
    return any(re.search(word_pattern(w), text) for w in words)
