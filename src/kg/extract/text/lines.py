"""Lines of an OCR'd report with the layout facts the segmenter needs.

The OCR joins pages with their footnotes at the bottom and starts each page's first
body line with one space. Those two facts are all that is left of the page layout,
so every rule about page breaks in this package is phrased in terms of `Line`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    index: int
    start: int  # offset of the first character of the line
    end: int  # offset just after the last character (the newline excluded)
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def page_start(self) -> bool:
        """The first body line of an OCR page: one leading space, or a form feed."""
        return self.text.startswith("\f") or bool(re.match(r" (?! )\S", self.text))

    @property
    def hard_end(self) -> bool:
        """No trailing space: the line ended where the writer ended it, not by wrapping."""
        return not self.blank and not self.text.endswith((" ", "\t"))

    @property
    def content_start(self) -> int:
        return self.start + len(self.text) - len(self.text.lstrip())

    @property
    def content_end(self) -> int:
        return self.start + len(self.text.rstrip())

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def page_number(self) -> bool:
        return bool(re.fullmatch(r"\s*\d{1,3}\s*", self.text))


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for i, chunk in enumerate(text.split("\n")):
        body = chunk.removesuffix("\r")  # CRLF files: the CR is not part of the line
        lines.append(Line(i, pos, pos + len(body), body))
        pos += len(chunk) + 1
    return lines
