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
    if word[-1:].isdigit():  # "… bằng 18" must not take the head of "18,7%" or "180"
        tail = r"(?!\w|[.,]\d)"
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
    starts = _starts(names)  # most positions cannot start a name: skip the regex there
    for i in range(len(text)):
        if i and text[i - 1].isalnum() and text[i].isalnum():
            continue
        if text[i] not in starts[0] and _head(text, i) not in starts[1]:
            continue
        m = pattern.match(text, i)
        if m:
            key = names.get(_squash(m.group(0)))
            if key is not None:
                found.append(Hit(m.start(), m.end(), key))
    return [
        h for h in found if not any(o.start <= h.start and h.end <= o.end and o != h for o in found)
    ]


def _starts(names: dict[str, str]) -> tuple[frozenset[str], frozenset[str]]:
    """(one-letter names, first two characters of the longer ones), whitespace as " ":
    a match begins with its name's first two characters (a space matching any run)."""
    cached = _STARTS.get(id(names))
    if cached is None or cached[0] is not names:
        singles = frozenset(name for name in names if len(name) == 1)
        pairs = frozenset(name[:2] for name in names if len(name) > 1)
        cached = (names, (singles, pairs))
        _STARTS[id(names)] = cached
    return cached[1]


_STARTS: dict[int, tuple[dict[str, str], tuple[frozenset[str], frozenset[str]]]] = {}


def _head(text: str, i: int) -> str:
    second = text[i + 1 : i + 2]
    return text[i] + (" " if second.isspace() else second)


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
