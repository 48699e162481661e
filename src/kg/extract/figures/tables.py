"""Appendix tables: one row per indicator, one column per measure kind.

The header names the columns ("KH 2023", "Lũy kế 6 tháng", "… so với KH năm 2023 (%)",
"… so với cùng kỳ", "Điểm 2021", "xếp hạng 2022", "Tăng/giảm điểm", "Mục tiêu"); the
order in which those cues appear is the order of the values in each row. Tables write
decimals with a point ("8.00"), so a cell is read in that style unless it groups
thousands ("2.838" tỷ đồng).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.figures import periods
from kg.extract.figures.indicators import name_index
from kg.extract.figures.lexicon import Lexicon
from kg.extract.figures.words import lower, word_pattern
from kg.extract.numbers import parse_number
from kg.extract.records import Figure, ReviewItem, Segment, Span

_SPACED = r"\d(?: \d)+ ?\.\d+"  # OCR spaced a cell out ("3 7 .4" is 37.4): no cell starts with "."
_CELL = rf"(?:[<>≥≤]\s?)?[+\-−]?\s?(?:{_SPACED}|\d[\d.,]*)\s?%?"
_NUMBERS = re.compile(r"\d")
_BROKEN = re.compile(r"\d\s+\.\d")  # OCR split a cell ("3 7 .4"): unreadable
COLUMN_UNITS = {
    "score": "point",
    "rank": "rank-place",
    "score-change": "point",
    "rank-change": "rank-place",
    "target": "point",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    year: str | None


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    label: str
    unit: str | None
    cells: tuple[tuple[str, int], ...]  # cell text and its offset


def columns(lex: Lexicon, header: str) -> list[Column]:
    """Columns named in the header, in the order they appear."""
    found: list[tuple[int, Column]] = []
    for name, (kind, cues) in lex.table_columns.items():
        for cue in cues:
            for m in cue.finditer(header):
                year = m.groupdict().get("y")
                found.append((m.start(), Column(name, kind, year)))
    found.sort(key=lambda p: p[0])
    out: list[Column] = []
    for _, col in found:
        if not any(c.name == col.name and c.year == col.year for c in out):
            out.append(col)
    return out


def _unit_regex(lex: Lexicon) -> str:
    forms = sorted({f for u in lex.units.values() for f in u.forms}, key=len, reverse=True)
    return "|".join(word_pattern(f) for f in forms)


def parse_row(lex: Lexicon, text: str, seg: Segment, with_unit: bool) -> Row | None:
    """A row segment's label, unit and cells; None when it holds no values."""
    unit = rf"\s(?P<unit>{_unit_regex(lex)})" if with_unit else ""
    row_re = re.compile(
        rf"^(?P<label>.*?\D){unit}\s+(?P<cells>{_CELL}(?:\s+{_CELL})*)(?:\s+\D.*)?$", re.S
    )
    raw = text[seg.start : seg.end]
    m = row_re.match(lower(raw))
    if (
        not m
        or not _NUMBERS.search(m.group("cells"))
        or _BROKEN.search(re.sub(_SPACED, "", m.group("cells")))
    ):
        return None
    cells = tuple(
        (c.group(0).strip(), seg.start + m.start("cells") + c.start())
        for c in re.finditer(_CELL, m.group("cells"))
    )
    label = " ".join(m.group("label").split())
    return Row(seg.start, seg.end, label, m.groupdict().get("unit"), cells)


def _unit_key(lex: Lexicon, form: str | None) -> str | None:
    if form is None:
        return None
    squashed = " ".join(form.split())
    return next((u.key for u in lex.units.values() if squashed in u.forms), None)


def _value(cell: str, point_style: bool) -> tuple[Decimal, str | None]:
    qualifier = {">": "more-than", "≥": "at-least", "<": "less-than", "≤": "less-than"}.get(cell[0])
    body = cell.lstrip("<>≥≤ ").rstrip("% ").replace("−", "-")
    if re.fullmatch(_SPACED, body):
        body = body.replace(" ", "")
    return parse_number(body, decimal_point_style=point_style), qualifier


def _indicator(lex: Lexicon, label: str) -> str | None:
    hits = [h for h in name_index(lex).hits(label) if not h.key.startswith(("var:", "item:"))]
    if not hits:
        return None
    return max(hits, key=lambda h: (h.end - h.start, h.end)).key


def _row_figures(
    lex: Lexicon, row: Row, cols: list[Column], span: Span, period: str, area: str, estimate: bool
) -> tuple[list[Figure], list[ReviewItem]]:
    key = _indicator(lex, row.label)
    if key is None:
        return [], [
            ReviewItem(span, c, "table row label names no lexicon indicator") for c, _ in row.cells
        ]
    years = sorted({c.year for c in cols if c.year})
    figures, review = [], []
    for (cell, _), col in zip(row.cells, cols, strict=False):
        unit = _unit_key(lex, row.unit) or COLUMN_UNITS.get(col.name) or ""
        if col.kind in ("percent-of-plan", "percent-of-same-period"):
            unit = "percent"
        try:
            value, qualifier = _value(
                cell,
                point_style=not re.fullmatch(r"\d{1,3}(\.\d{3})+", cell.strip())
                or unit == "percent",
            )
        except ValueError:
            review.append(ReviewItem(span, cell, "table cell is not a number"))
            continue
        kind = col.kind
        bare = lex.indicators[key].bare if key in lex.indicators else None
        if kind == "actual" and unit == "percent" and bare:
            kind = bare
        when = _column_period(col, kind, years, period)
        compare = None
        if kind == "percent-of-same-period" or (kind == "growth-rate"):
            compare = periods.same_period_before(when)
        if kind == "change" and len(years) > 1:
            compare = years[0]
        figures.append(
            Figure(
                indicator=key,
                value=value,
                unit=unit,
                measure_kind=kind,
                period=when,
                span=span,
                area=area,
                estimate=estimate and col.kind != "plan-target" and not col.year,
                qualifier=qualifier,
                comparison_period=compare,
                value_text=cell,
            )
        )
    for cell, _ in row.cells[len(cols) :]:
        review.append(ReviewItem(span, cell, "table cell beyond the columns of the header"))
    return figures, review


def _column_period(col: Column, kind: str, years: list[str], period: str) -> str:
    """A column's own year; else the latest year of a year-by-year table (PCI); else
    the report's year for plans and the report's period for values."""
    if col.year:
        return col.year
    if kind == "plan-target":
        return years[-1] if years else str(periods.year_of(period))
    return years[-1] if years and col.name in COLUMN_UNITS else period


def read_table(
    lex: Lexicon, text: str, table: Segment, segments: list[Segment], period: str, area: str
) -> tuple[list[Figure], list[ReviewItem]]:
    """Figures of one appendix table, row by row; rows that do not parse go to review."""
    inner = [s for s in segments if s.parent == table.key or s.key.startswith(table.key + "/")]
    headers = [s for s in inner if "/header" in s.key]
    header = " ".join(lower(text[headers[0].start : headers[0].end]).split()) if headers else ""
    cols = columns(lex, header)
    with_unit = not any(c.name in COLUMN_UNITS for c in cols)
    estimate = re.search(r"(?<!\w)ước(?!\w)", header) is not None
    figures: list[Figure] = []
    review: list[ReviewItem] = []
    for seg in (s for s in inner if "/row/" in s.key):
        span = Span(seg.start, seg.end, text[seg.start : seg.end], seg.key)
        row = parse_row(lex, text, seg, with_unit)
        if row is None:
            if _NUMBERS.search(span.quote):
                review.append(
                    ReviewItem(
                        span,
                        " ".join(span.quote.split()),
                        "table row without values in the header's columns",
                    )
                )
            continue
        f, r = _row_figures(lex, row, cols, span, period, area, estimate)
        figures.extend(f)
        review.extend(r)
    return figures, review
