"""Group body lines into paragraphs across OCR blank lines and page breaks.

A blank line ends a paragraph only when the line before it ended hard (no trailing
space): the OCR also puts blank lines after the first line under a heading. A page
start continues the paragraph unless the last body line closed a sentence, and a hard
line end followed directly by a line that does not start in lowercase starts a new
paragraph (list items).
"""

from __future__ import annotations

from kg.extract.records import Segment
from kg.extract.text.lines import Line

_CLOSERS = (".", ":", "!", "?", "…")


def _boundary(prev: Line, line: Line, blank_between: bool) -> bool:
    if line.page_start:
        return prev.stripped.endswith(_CLOSERS)
    if blank_between:
        return prev.hard_end
    return prev.hard_end and not line.stripped[:1].islower()


def group_lines(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    prev: Line | None = None
    blank_between = False
    for line in lines:
        if line.blank:
            blank_between = True
            continue
        if prev is None or _boundary(prev, line, blank_between):
            groups.append([])
        groups[-1].append(line)
        prev = line
        blank_between = False
    return groups


def paragraphs(lines: list[Line], parent: str) -> list[Segment]:
    out: list[Segment] = []
    for k, group in enumerate(group_lines(lines), start=1):
        out.append(
            Segment(
                f"{parent}/p{k}",
                "paragraph",
                group[0].content_start,
                group[-1].content_end,
                parent=parent,
            )
        )
    return out
