"""Numbered headings of the body: parts (I, II), sections (1.), subsections (1.1.), items (a)).

Numbers must follow on from the previous heading of the same level ("2.3." only after
"2.2." inside section 2), which keeps list items and wrapped lines that happen to begin
with a number from being taken for headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.text.lines import Line

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_PART = re.compile(r"\s?([IVX]{1,4}|n|ỉ|l)\s?\.\s+(\S.*)")
_SECTION = re.compile(r"\s?(\d{1,2})\.(?:\s+|(?=[^\W\d_]))(\S.*)")
_SUBSECTION = re.compile(r"\s?(\d{1,2})\.(\d{1,2})\.?(?:\s+|(?=[^\W\d_]))(\S.*)")
_ITEM = re.compile(r"\s?([a-zđ])\)\s+(\S.*)")
_STAR = re.compile(r"\s?\*\s+(\S.*)")
LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass(frozen=True)
class Heading:
    key: str
    kind: str  # part | section | subsection
    number: str  # as printed
    lines: tuple[Line, ...]
    level: int  # 1 part, 2 section, 3 subsection, 4 item

    @property
    def title(self) -> str:
        return " ".join(line.stripped for line in self.lines)


def letter_key(letter: str) -> str:
    return "dd" if letter == "đ" else letter


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


@dataclass
class _Counters:
    part: int = 0
    section: int = 0
    sub: int = 0
    item: int = -1
    star: int = 0
    in_star: bool = False  # under a "* …" heading, which has no number of its own

    def key(self, level: int) -> str:
        keys = [ROMAN[self.part - 1] if self.part else "front"]
        if level >= 2:
            keys.append(f"star{self.star}" if self.in_star else str(self.section))
        if level >= 3:
            keys.append(str(self.sub))
        if level >= 4:
            keys.append(letter_key(LETTERS[self.item]))
        return ".".join(keys)


def _match(line: Line, c: _Counters) -> tuple[int, str] | None:
    """(level, number as printed) when the line opens the next heading."""
    text = line.text
    m = _PART.match(text)
    if m and _mostly_upper(m.group(2)) and c.part < len(ROMAN):
        return 1, m.group(1)
    m = _SUBSECTION.match(text)
    if m and not c.in_star and int(m.group(1)) == c.section and int(m.group(2)) == c.sub + 1:
        return 3, f"{m.group(1)}.{m.group(2)}."
    m = _SECTION.match(text)
    if m and int(m.group(1)) == c.section + 1 and c.part:
        return 2, f"{m.group(1)}."
    m = _ITEM.match(text)
    if m and c.sub and c.item + 1 < len(LETTERS) and m.group(1) == LETTERS[c.item + 1]:
        return 4, f"{m.group(1)})"
    if _STAR.match(text) and c.part:
        return 2, "*"
    return None


def _advance(c: _Counters, level: int, number: str) -> None:
    if level == 1:
        c.part, c.section, c.sub, c.item, c.star = c.part + 1, 0, 0, -1, 0
        c.in_star = False
    elif level == 2 and number == "*":
        c.sub, c.item, c.star, c.in_star = 0, -1, c.star + 1, True
    elif level == 2:
        c.section, c.sub, c.item, c.in_star = int(number.rstrip(".")), 0, -1, False
    elif level == 3:
        c.sub, c.item = c.sub + 1, -1
    else:
        c.item += 1


_KINDS = {1: "part", 2: "section", 3: "subsection", 4: "subsection"}


def find_headings(body: list[Line]) -> list[Heading]:
    """Headings in body order; a heading's title runs on while its lines end wrapped."""
    c = _Counters()
    out: list[Heading] = []
    i = 0
    while i < len(body):
        line = body[i]
        hit = None if line.blank else _match(line, c)
        if hit is None:
            i += 1
            continue
        level, number = hit
        _advance(c, level, number)
        lines = [line]
        while not lines[-1].hard_end and i + 1 < len(body) and not body[i + 1].blank:
            i += 1
            lines.append(body[i])
        out.append(Heading(c.key(level), _KINDS[level], number, tuple(lines), level))
        i += 1
    return out
