"""Footnote blocks at page bottoms, and the markers that point to them.

A footnote block is the tail of an OCR page: it starts after a blank line with the
next footnote number ("7. Tồng số…", "13 Ước tính…"), or with a long line that
continues the previous footnote on a new page, and it runs to the next page start.
Footnotes are numbered 1, 2, 3 … through the document, so the next expected number
(and a marker for it somewhere earlier in the body) is what tells a footnote from a
numbered heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.text.lines import Line

LONG_LINE = 95  # footnotes are set in a smaller font: their lines are longer than body lines
_START = re.compile(r"\s?(\d{1,3})(?:\.\s+|\s+)\S")
_URL = re.compile(r"\s*https?://\S+\s*")


@dataclass
class Footnote:
    number: int
    lines: list[Line]
    marker: tuple[int, int] | None = None


@dataclass
class Zone:
    """A page-bottom block: footnotes, a continued footnote, or link/page artefacts."""

    lines: list[Line]
    kind: str  # footnotes | artefact
    continues: int | None = None  # number of the footnote continued at the zone's top
    footnotes: list[Footnote] = field(default_factory=list)
    head: list[Line] = field(default_factory=list)  # continuation lines before the first start


def footnote_number(line: Line) -> int | None:
    m = _START.match(line.text)
    return int(m.group(1)) if m else None


def _marker_candidates(body: str, base: int, n: int) -> list[tuple[int, int, int]]:
    """(preference, start, end) of places in `body` where footnote n's marker may stand."""
    out: list[tuple[int, int, int]] = []
    for m in re.finditer(rf"{n}(?!\d)", body):
        a, b = m.span()
        if b < len(body) and body[b] not in " .,;:)\n":
            continue
        rank = _marker_rank(body, a)
        if rank is not None:
            out.append((rank, base + a, base + b))
    if str(n).startswith("1") and n >= 10:
        # OCR reads a raised "1" as "I": "an toàn.. . I7."
        for m in re.finditer(rf"(?<=\s)I{str(n)[1:]}(?=[ .,;:)\n])", body):
            out.append((1, base + m.start(), base + m.end()))
    return out


def _marker_rank(body: str, a: int) -> int | None:
    prev = body[a - 1] if a else " "
    if prev.isalpha() or prev in "%)”\"'’":
        return 0
    if prev == "." and a > 1 and body[a - 2] in "%.)":
        return 0
    if prev.isdigit():
        run = re.search(r"(?:^|(?<=[\s(]))\d+$", body[:a])
        head = run.group() if run else ""
        if re.fullmatch(r"(?:19|20)\d\d|\d{1,2}", head):
            return 2
    return None


def find_marker(body_spans: list[tuple[int, str]], n: int, after: int) -> tuple[int, int] | None:
    """The marker of footnote n: glued to a word best, to a year or number as a fallback."""
    best: tuple[int, int, int] | None = None
    for base, chunk in body_spans:
        for rank, a, b in _marker_candidates(chunk, base, n):
            if a < after:
                continue
            if best is None or rank < best[0] or (rank == best[0] and a > best[1]):
                best = (rank, a, b)
    if best is None:
        return _spaced_after_marker(body_spans, n, after)
    return best[1], best[2]


def _spaced_after_marker(
    body_spans: list[tuple[int, str]], n: int, after: int
) -> tuple[int, int] | None:
    """ "quốc gia24 25": a second marker set off by a space right after the first."""
    for base, chunk in body_spans:
        if base <= after <= base + len(chunk):
            rel = after - base
            m = re.match(rf" {n}(?!\d)", chunk[rel:])
            if m:
                return after + 1, after + 1 + len(str(n))
    return None


def is_artefact_line(line: Line) -> bool:
    return bool(_URL.fullmatch(line.text)) or line.page_number
