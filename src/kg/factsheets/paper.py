"""The PDF of a sheet, laid out by Typst (`templates/sheet.typ`) from the computed sheet.

WeasyPrint, which printed the HTML before, spent 0.2–0.3 s of CPU per page in its Python
layout, more with CSS footnotes, so a four-page sheet took over a second. Typst lays the
same sheets out in 20–185 ms of CPU (nothing memoized) and has footnotes of its own. The template
receives the sheet as JSON in `sys.inputs` (text is data there, never markup to escape)
and each chart as the same SVG the HTML shows.

Footnotes keep the screen's numbers: each citation is a footnote at the first figure that
prints it (decided here, in print order), and later figures repeat its number.
"""

from __future__ import annotations

import json
import re
import threading
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from kg.factsheets.charts import chart_svg
from kg.factsheets.citations import Citation
from kg.factsheets.model import Card, Cell, SectionResult, Sheet

TEMPLATE = Path(__file__).parent / "templates" / "sheet.typ"
CONTENT_WIDTH_PT = (210 - 2 * 14) / 25.4 * 72  # A4 less the template's side margins
QUOTE_CHARACTERS = 220  # a footnote keeps the start of a long quote; the link has it all
_WIDTH = re.compile(r'<svg[^>]*\swidth="([0-9.]+)"')
_local = threading.local()


def pdf(sheet: Sheet, words: dict[str, str], api: str | None = None) -> bytes:
    """The sheet as a PDF: A4 pages, footnoted citations, vector charts, embedded fonts.
    Same sheet, same bytes (no creation date is written)."""
    data = _compiler().compile(
        _template(), sys_inputs=inputs(sheet, words, api), format="pdf", timestamp=0
    )
    assert isinstance(data, bytes)
    return data


def inputs(sheet: Sheet, words: dict[str, str], api: str | None = None) -> dict[str, str]:
    """What the template reads from `sys.inputs`: the sheet as JSON, each chart's SVG."""
    charts = {
        f"chart-{number}": chart_svg(section.chart)
        for number, section in enumerate(sheet.sections)
        if section.chart is not None and not section.empty
    }
    payload = _Payload(sheet, words, api).build(charts)
    return {"sheet": json.dumps(payload, ensure_ascii=False), **charts}


def _compiler() -> Any:
    """One compiler per thread (a compiler is not shared between threads; the service lays
    sheets out in worker threads), all reading the same fonts, scanned once."""
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        import typst

        compiler = _local.compiler = typst.Compiler(font_paths=_fonts())
    return compiler


@cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


@cache
def _fonts() -> Any:
    """The system's fonts (DejaVu Sans, as on screen) and Typst's own as a fallback."""
    import typst

    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)


class _Payload:
    """The sheet as plain data for the template, with each footnote marked where it is
    printed first: the template walks the sheet in the order this class does."""

    def __init__(self, sheet: Sheet, words: dict[str, str], api: str | None) -> None:
        self.sheet, self.words, self.api = sheet, words, api
        self.printed: set[int] = set()

    def build(self, charts: dict[str, str]) -> dict[str, Any]:
        sheet = self.sheet
        return {
            "lang": sheet.lang,
            "title": sheet.title,
            "description": sheet.description,
            "params": list(sheet.params.items()),
            "words": self.words,
            "sections": [
                self.section(n, s, charts.get(f"chart-{n}")) for n, s in enumerate(sheet.sections)
            ],
            "notes": [self.citation(c) for c in sheet.footnotes],
        }

    def section(self, number: int, section: SectionResult, svg: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": section.title,
            "note": section.note,
            "kind": section.kind,
            "empty": section.empty,
            "query": section.query,
            "more": self.more(section),
            "chart": f"chart-{number}" if svg else None,
            "chart-width": _chart_width(svg) if svg else 0,
        }
        out["cards"] = [self.card(c) for c in section.cards]
        out["items"] = [
            {
                "label": i.label,
                "link": i.link,
                "notes": self.notes(i.notes),
                "details": [[label, self.cell(c)] for label, c in i.details],
            }
            for i in section.items
        ]
        out["headers"] = list(section.headers)
        out["numeric"] = list(section.numeric_columns)
        out["rows"] = [[self.cell(c) for c in row] for row in section.rows]
        return out

    def card(self, card: Card) -> dict[str, Any]:
        change = card.change
        trend = ""
        if change is not None:
            trend = "up" if change.text.startswith("▲") else "down" if "▼" in change.text else ""
        return {
            "label": card.label,
            "value": self.cell(card.value),
            "unit": card.unit,
            "period": card.period,
            "plan": self.cell(card.plan) if card.plan else None,
            "change": self.cell(change) if change else None,
            "trend": trend,
        }

    def cell(self, cell: Cell) -> dict[str, Any]:
        link = cell.obs[0] if len(cell.obs) == 1 else cell.link
        return {"text": cell.text, "link": link, "notes": self.notes(cell.notes)}

    def notes(self, numbers: tuple[int, ...]) -> list[dict[str, Any]]:
        out = []
        for n in numbers:
            out.append({"n": n, "first": n not in self.printed})
            self.printed.add(n)
        return out

    def citation(self, c: Citation) -> dict[str, str]:
        place = f", {c.place}" if c.place else ""
        return {"source": c.source + place, "quote": _shorten(c.quote), "link": c.subject}

    def more(self, section: SectionResult) -> dict[str, Any] | None:
        if not section.cut:
            return None
        command = " ".join(
            ["kg query", section.query, *(f"--param {k}={v}" for k, v in section.params)]
        )
        link = None
        if self.api:
            link = f"{self.api}{section.query}?{urlencode([*section.params, ('format', 'csv')])}"
        shown = self.words["shown"].format(shown=section.kept, total=section.total)
        return {"shown": shown, "link": link, "command": command}


def _shorten(quote: str) -> str:
    """The start of a long quote, cut between words."""
    if len(quote) <= QUOTE_CHARACTERS:
        return quote
    cut = quote[: QUOTE_CHARACTERS - 1]
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _chart_width(svg: str) -> float:
    """The chart's own width in points (CSS pixels), never wider than the text column."""
    found = _WIDTH.search(svg)
    width = float(found.group(1)) * 0.75 if found else CONTENT_WIDTH_PT
    return round(min(width, CONTENT_WIDTH_PT), 1)
