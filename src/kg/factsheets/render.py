"""Lay a computed sheet out as HTML, Markdown or PDF.

All three print the same computed `Sheet`, so they cannot disagree on a figure. Every
figure links to its observation IRI, shows its quoted source as a tooltip, and carries a
footnote number; Markdown uses `[^n]` footnotes; the PDF (Typst, `kg.factsheets.paper`)
puts each quote in a footnote at the foot of the page where it is first cited.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from kg.factsheets.charts import chart_svg
from kg.factsheets.model import Cell, SectionResult, Sheet

HERE = Path(__file__).parent
FORMATS = ("html", "pdf", "md")
WORDS = {
    "vi": {
        "kicker": "Phiếu thông tin · Đồ thị tri thức báo cáo kinh tế – xã hội",
        "empty": "Đồ thị chưa có dữ liệu cho mục này.",
        "query": "Truy vấn",
        "sources": "Nguồn trích dẫn",
        "no_sources": "Không có số liệu nào cần trích dẫn.",
        "colophon": "Mọi số liệu được tính từ đồ thị tri thức khi tạo phiếu; mỗi số liệu dẫn "
        "về quan sát (IRI) và câu nguyên văn trong báo cáo.",
        "index_title": "Phiếu thông tin",
        "index_lede": "Các trang tóm tắt số liệu từ báo cáo, không cần viết SPARQL.",
        "sheet": "Phiếu",
        "parameters": "Tham số",
        "formats": "Định dạng",
        "default": "mặc định",
        "example": "ví dụ",
        "chart": "Biểu đồ",
        "shown": "Hiển thị {shown} trên {total} dòng.",
        "full_list": "Toàn bộ (CSV)",
    },
    "en": {
        "kicker": "Fact sheet · Knowledge graph of socio-economic reports",
        "empty": "The graph has nothing for this section yet.",
        "query": "Query",
        "sources": "Sources",
        "no_sources": "No figure to cite.",
        "colophon": "Every figure is computed from the knowledge graph when the sheet is made; "
        "each links to its observation (IRI) and the sentence of the report it was read from.",
        "index_title": "Fact sheets",
        "index_lede": "Readable summaries of the reports' figures, no SPARQL needed.",
        "sheet": "Sheet",
        "parameters": "Parameters",
        "formats": "Formats",
        "default": "default",
        "example": "e.g.",
        "chart": "Chart",
        "shown": "{shown} of {total} rows shown.",
        "full_list": "Full list (CSV)",
    },
}


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=False,
        lstrip_blocks=False,
    )


@cache
def stylesheet() -> str:
    return (HERE / "static" / "sheet.css").read_text(encoding="utf-8")


def render_html(
    sheet: Sheet,
    links: list[tuple[str, str]] | None = None,
    api: str | None = None,
) -> str:
    """A self-contained page: inline CSS and SVG, no script, nothing fetched."""
    charts = [chart_svg(s.chart) if s.chart and not s.empty else "" for s in sheet.sections]
    return (
        environment()
        .get_template("sheet.html")
        .render(
            sheet=sheet,
            footnotes=sheet.footnotes,
            charts=charts,
            css=stylesheet(),
            words=WORDS[sheet.lang],
            links=links or [],
            api=api,
        )
    )


def render_pdf(sheet: Sheet, api: str | None = None) -> bytes:
    """A4 pages laid out by Typst from the same sheet (see `kg.factsheets.paper`)."""
    from kg.factsheets.paper import pdf  # loads Typst's fonts: only when a PDF is asked for

    return pdf(sheet, WORDS[sheet.lang], api)


def render_index(sheets: list[dict], lang: str) -> str:
    return (
        environment()
        .get_template("index.html")
        .render(sheets=sheets, lang=lang, words=WORDS[lang], css=stylesheet())
    )


def render_markdown(sheet: Sheet) -> str:
    words = WORDS[sheet.lang]
    lines = [f"# {sheet.title}", "", sheet.description, ""]
    if sheet.params:
        lines += [", ".join(f"`{k}` = {v}" for k, v in sheet.params.items()), ""]
    for section in sheet.sections:
        lines += [f"## {section.title}", ""]
        if section.note:
            lines += [f"_{section.note}_", ""]
        lines += _md_section(section, words)
        if section.cut:
            command = " ".join(["kg query", section.query, *_params(section)])
            shown = words["shown"].format(shown=section.kept, total=section.total)
            lines += [f"{shown} `{command}`", ""]
        lines += [f"{words['query']}: `{section.query}`", ""]
    lines += [f"## {words['sources']}", ""]
    for number, c in enumerate(sheet.footnotes, start=1):
        place = f", {c.place}" if c.place else ""
        iris = " ".join(f"<{iri}>" for iri in c.subjects)
        lines.append(f"[^{number}]: {c.source}{place}: “{_md(c.quote)}” {iris}")
    return "\n".join(lines).rstrip() + "\n"


def _md_section(section: SectionResult, words: dict[str, str]) -> list[str]:
    if section.empty:
        return [f"_{words['empty']}_", ""]
    if section.kind == "figures":
        out = []
        for card in section.cards:
            parts = [f"**{_md(card.label)}**: {_md_cell(card.value)} {_md(card.unit)}".rstrip()]
            parts += [_md(card.period)] if card.period else []
            parts += [_md_cell(c) for c in (card.plan, card.change) if c is not None]
            out.append("- " + " · ".join(parts))
        return [*out, ""]
    if section.kind == "entities":
        out = []
        for item in section.items:
            details = "; ".join(f"{k}: {_md_cell(v)}" for k, v in item.details)
            refs = "".join(f"[^{n}]" for n in item.notes)
            out.append(
                f"- [{_md(item.label)}]({item.link}){refs}" + (f" — {details}" if details else "")
            )
        return [*out, ""]
    head = "| " + " | ".join(_md(h) or " " for h in section.headers) + " |"
    rule = "|" + "|".join("---:" if n else "---" for n in section.numeric_columns) + "|"
    body = ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.rows]
    return [head, rule, *body, ""]


def _params(section: SectionResult) -> list[str]:
    return [f"--param {k}={v}" for k, v in section.params]


def _md_cell(cell: Cell) -> str:
    return _md(cell.text) + "".join(f"[^{n}]" for n in cell.notes)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
