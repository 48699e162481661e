"""Sentences and clauses of paragraphs, footnotes and headings, with their page-break gaps.

A body paragraph may run across a page bottom: its range then contains the footnote
block printed there. Such a sentence keeps `text == original[start:end]` (the evidence
span stays exact) and lists the foreign blocks in `gaps`; match on `masked`, where the
gap characters are blanked, so a footnote's numbers are never read as the body's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.records import Segment

_UNIT_KINDS = ("paragraph", "footnote")
_HEADING_KINDS = ("part", "section", "subsection")
_GAP_KINDS = ("footnote", "artefact")
_OPEN, _CLOSE = "([{", ")]}"
_ABBREVIATIONS = frozenset({"tp", "ths", "ts", "pgs", "gs", "v.v", "tm", "kt", "q", "st"})
_MAX_PAREN = 500  # an OCR'd "(" that never closes must not swallow the paragraph


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # == original[start:end]
    segment: str
    gaps: tuple[tuple[int, int], ...] = ()  # foreign blocks inside [start, end)
    index: int = 0  # position among the sentences of its segment

    @property
    def masked(self) -> str:
        """`text` with each gap blanked out (same length, same offsets)."""
        chars = list(self.text)
        for a, b in self.gaps:
            for i in range(max(a, self.start), min(b, self.end)):
                chars[i - self.start] = "\n" if chars[i - self.start] == "\n" else " "
        return "".join(chars)

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The (start, end) ranges of the sentence outside its gaps."""
        out: list[tuple[int, int]] = []
        pos = self.start
        for a, b in sorted(self.gaps):
            if a > pos:
                out.append((pos, a))
            pos = max(pos, b)
        if pos < self.end:
            out.append((pos, self.end))
        return tuple(out)


def sentences(text: str, segments: tuple[Segment, ...], *, clauses: bool = True) -> list[Sentence]:
    """Sentences (and, with `clauses`, ";"-separated clauses) in document order."""
    zones = [(s.start, s.end) for s in segments if s.kind in _GAP_KINDS]
    out: list[Sentence] = []
    for key, a, b, whole in _units(segments):
        gaps = tuple((za, zb) for za, zb in zones if a < za and zb <= b)
        masked = _mask(text, a, b, gaps)
        parts = [_trim(masked, 0, len(masked))] if whole else _split(masked, clauses)
        for k, (sa, sb) in enumerate(p for p in parts if p):
            start, end = a + sa, a + sb
            inner = tuple((ga, gb) for ga, gb in gaps if start < ga and gb <= end)
            out.append(Sentence(start, end, text[start:end], key, inner, k))
    return sorted(out, key=lambda s: (s.start, s.end))


def _units(segments: tuple[Segment, ...]) -> list[tuple[str, int, int, bool]]:
    """(segment key, start, end, kept whole): a heading's title is one sentence."""
    units = [(s.key, s.start, s.end, False) for s in segments if s.kind in _UNIT_KINDS]
    for s in segments:
        if s.kind in _HEADING_KINDS and s.title and s.number is not None:
            inner = [c.start for c in segments if c.parent == s.key and c.start > s.start]
            units.append((s.key, s.start, min(inner, default=s.end), True))
    return units


def _mask(text: str, a: int, b: int, gaps: tuple[tuple[int, int], ...]) -> str:
    chars = list(text[a:b])
    for ga, gb in gaps:
        for i in range(ga - a, gb - a):
            chars[i] = " "
    return "".join(chars)


def _split(masked: str, clauses: bool) -> list[tuple[int, int]]:
    """(start, end) of each sentence inside `masked`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start, depth, opened = 0, 0, -1
    for i, ch in enumerate(masked):
        if ch in _OPEN:
            depth, opened = depth + 1, i if depth == 0 else opened
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth and i - opened > _MAX_PAREN:
            depth = 0
        if _ends_here(masked, start, i, depth, clauses):
            spans.append((start, i + 1))
            start = i + 1
    spans.append((start, len(masked)))
    return [t for t in (_trim(masked, a, b) for a, b in spans) if t]


def _ends_here(masked: str, start: int, i: int, depth: int, clauses: bool) -> bool:
    ch = masked[i]
    nxt = masked[i + 1 : i + 2]
    if nxt and not nxt.isspace():
        return False
    if ch == ";":
        return clauses and depth == 0
    if ch in "!?":
        return depth == 0
    if ch != "." or depth:
        return False
    so_far = masked[start:i].strip()
    if re.fullmatch(r"[\dIVX.]*|[a-zđ]\)", so_far):
        return False  # the number of a heading or footnote: "7.", "1.1."
    word = re.search(r"([^\W\d_.]+(?:\.[^\W\d_]+)*)$", masked[start:i])
    if word and word.group(1).lower() in _ABBREVIATIONS:
        return False
    # "giảm... đang là": an ellipsis inside the sentence
    return not (masked[max(start, i - 2) : i] == ".." and _next_word_lower(masked, i + 1))


def _next_word_lower(masked: str, i: int) -> bool:
    rest = masked[i:].lstrip()
    return bool(rest) and rest[0].islower()


def _trim(masked: str, a: int, b: int) -> tuple[int, int] | None:
    chunk = masked[a:b]
    if not chunk.strip():
        return None
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    return a + lead, b - trail
