"""Appendix tables ("Phụ lục 1", "Phụ lục 2") flattened into lines by the OCR.

A row starts at a row number ("4.1", "I", "-", "+"), at "Trong đó", or at a capitalised
label after a line that ended hard; a label wrapped over several lines (trailing space)
or a unit/value/note continuation ("% 95", "Đánh giá cuối năm") stays in its row.
OCR sometimes glues the next row number to a note ("cuối năm3 Giá trị…"): such a row
number, when it is the next one expected, splits the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.text.lines import Line

ANNEX = re.compile(r"\s?Phụ\s?lục\s*(\S{0,3}?)\s*:", re.IGNORECASE)
_ROW = re.compile(r"\s?(\d{1,2}(?:\.\d{1,2})?|[IVX]{1,4}|[-+])(?:\s+(?=[^\W\d_])|\s*$)")
_HEADER = re.compile(r"\s?(?:TT\b|Số\s*$)")
_NOTES = ("đánh giá", "chưa đến", "cuối năm", "kỳ đánh giá")
_GLUED = re.compile(r"(?<=[^\W\d_])(\d{1,2}) (?=[A-ZĐ])")


@dataclass
class Row:
    pieces: list[tuple[int, int]]
    number: str | None
    header: bool = False

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass
class Annex:
    number: str  # "1", "2": the position among the appendices
    printed: str
    lines: list[Line]
    caption: list[Line] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    note: list[Line] = field(default_factory=list)


def _span(line: Line) -> tuple[int, int]:
    return line.content_start, line.content_end


class _RowBuilder:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.last_number = 0
        self.prev: Line | None = None

    def _open(self, a: int, b: int, number: str | None, header: bool = False) -> None:
        self.rows.append(Row([(a, b)], number, header))
        if number and number.isdigit():
            self.last_number = int(number)

    def _starts_row(self, line: Line, text: str) -> bool:
        if _ROW.match(text) or text.startswith("Trong đó"):
            return True
        cur = self.rows[-1] if self.rows else None
        if cur is None or cur.header:
            return True
        bare = cur.end - cur.start <= 3
        note = text.lower().startswith(_NOTES)
        return (
            text[:1].isupper() and not note and not bare and self.prev is not None
        ) and self.prev.hard_end

    def add(self, line: Line, header: bool) -> None:
        a, b = _span(line)
        text = line.stripped
        if header:
            if not self.rows or not self.rows[-1].header or self.prev is None:
                self._open(a, b, None, header=True)
            else:
                self.rows[-1].pieces.append((a, b))
        else:
            self._add_body(line, a, b, text)
        self.prev = line

    def _add_body(self, line: Line, a: int, b: int, text: str) -> None:
        if self._starts_row(line, text):
            m = _ROW.match(text)
            self._open(a, b, m.group(1) if m else None)
        else:
            self.rows[-1].pieces.append((a, b))
        glued = _GLUED.search(text)
        if glued and int(glued.group(1)) == self.last_number + 1:
            cut = a + glued.start(1)
            row = self.rows[-1]
            row.pieces[-1] = (row.pieces[-1][0], cut)
            row.pieces[-1] = (
                row.pieces[-1][0],
                len(line.text[: cut - line.start].rstrip()) + line.start,
            )
            self._open(cut, b, glued.group(1))


def read_annex(lines: list[Line], position: int) -> Annex:
    m = ANNEX.match(lines[0].text)
    printed = m.group(1) if m else str(position)
    # keyed by position: the printed number may be OCR'd ("Phụ lục ỉ") or repeated
    annex = Annex(str(position), printed, lines)
    builder = _RowBuilder()
    in_header = False
    for line in lines:
        if line.blank:
            continue
        text = line.stripped
        if (text.startswith("Ghi chú") and not in_header) or annex.note:
            annex.note.append(line)
            continue
        if not builder.rows and not in_header and not _HEADER.match(line.text):
            annex.caption.append(line)
            continue
        if _HEADER.match(line.text):
            in_header = True
        elif in_header and _ROW.match(line.text) and not _column_numbers(text):
            in_header = False
        builder.add(line, in_header)
    annex.rows = builder.rows
    return annex


def _column_numbers(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}(?: \d{1,2})+", text))
