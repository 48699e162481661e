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

_CELL = r"(?:[<>≥≤]\s?)?[+\-−]?\s?\d[\d.,]*\s?%?"
_NUMBERS = re.compile(r"\d")
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


def rows(
    lex: Lexicon, text: str, seg: Segment, with_unit: bool
) -> tuple[list[Row], list[tuple[int, int]]]:
    """Data rows of a table, and the lines holding numbers that are not data rows."""
    unit = rf"\s(?P<unit>{_unit_regex(lex)})" if with_unit else ""
    row_re = re.compile(
        rf"^(?P<label>.*?\D){unit}\s+(?P<cells>{_CELL}(?:\s+{_CELL})*)(?:\s+\D.*)?$"
    )
    out, other, label_lines = [], [], []
    pos = seg.start
    for line in text[seg.start : seg.end].split("\n"):
        start, pos = pos, pos + len(line) + 1
        m = row_re.match(lower(line))
        if m and _NUMBERS.search(m.group("cells")):
            label = " ".join([*label_lines, m.group("label")])
            cells = tuple(
                (c.group(0), start + m.start("cells") + c.start())
                for c in re.finditer(_CELL, m.group("cells"))
            )
            out.append(
                Row(start, start + len(line.rstrip()), label, m.groupdict().get("unit"), cells)
            )
            label_lines = []
        elif line.strip() and _NUMBERS.search(line):
            other.append((start, start + len(line.rstrip())))
            label_lines = []
        elif line.strip():
            label_lines = [*label_lines[-1:], lower(line)]
    return out, other


def _unit_key(lex: Lexicon, form: str | None) -> str | None:
    if form is None:
        return None
    squashed = " ".join(form.split())
    return next((u.key for u in lex.units.values() if squashed in u.forms), None)


def _value(cell: str, point_style: bool) -> tuple[Decimal, str | None]:
    qualifier = {">": "more-than", "≥": "at-least", "<": "less-than", "≤": "less-than"}.get(cell[0])
    body = cell.lstrip("<>≥≤ ").rstrip("% ").replace("−", "-")
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
        if "%" in cell and col.kind in ("percent-of-plan", "percent-of-same-period"):
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
    if col.year:
        return col.year
    if years:
        return years[-1]
    if kind == "plan-target":
        return str(periods.year_of(period))
    return period


def read_table(
    lex: Lexicon, text: str, table: Segment, segments: list[Segment], period: str, area: str
) -> tuple[list[Figure], list[ReviewItem]]:
    """Figures of one appendix table; numbers outside data rows go to review."""
    head_end = table.end
    plain = rows(lex, text, table, with_unit=True)[0]
    scored = rows(lex, text, table, with_unit=False)[0]
    for r in (plain + scored)[:1]:
        head_end = min(r.start for r in plain + scored)
    header = " ".join(lower(text[table.start : head_end]).split())
    cols = columns(lex, header)
    with_unit = not any(c.name in COLUMN_UNITS for c in cols)
    data, other = rows(lex, text, table, with_unit)
    estimate = re.search(r"(?<!\w)ước(?!\w)", header) is not None
    figures: list[Figure] = []
    review: list[ReviewItem] = []
    for row in data:
        span = _span(text, row.start, row.end, table, segments)
        f, r = _row_figures(lex, row, cols, span, period, area, estimate)
        figures.extend(f)
        review.extend(r)
    for a, b in other:
        if a < head_end:
            continue
        span = _span(text, a, b, table, segments)
        review.append(
            ReviewItem(span, text[a:b].strip(), "numbers in a table line that is not a data row")
        )
    return figures, review


def _span(text: str, a: int, b: int, table: Segment, segments: list[Segment]) -> Span:
    while a < b and text[a].isspace():
        a += 1
    inner = [s for s in segments if s.parent == table.key and s.start <= a < s.end]
    key = inner[0].key if inner else table.key
    return Span(a, b, text[a:b], key)
