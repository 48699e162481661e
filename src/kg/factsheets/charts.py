"""Charts drawn on the server as SVG, in Python: no script, no network, no chart runtime.

The SVG goes inline into the HTML and, through Typst, into the PDF, so a printed or saved
sheet shows the chart exactly as the browser does. Bars are horizontal because Vietnamese
category names are long; series differ by shade as well as hue, for black-and-white
printing; axis numbers are written as the reader writes them ("1.200,5" in Vietnamese).

The charts were drawn by Vega-Lite through vl-convert before; its JavaScript engine took
85–150 ms of CPU per chart, more than the sheet's queries, for two chart types this
module draws in about a millisecond.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from decimal import Decimal
from html import escape

from kg.factsheets.format import format_number
from kg.factsheets.model import ChartData

FONT = "DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif"
PALETTE = ["#9ecae1", "#08519c", "#fd8d3c", "#636363"]
WIDTH = 680  # the line chart's plot; a bar chart's plot is WIDTH - LABELS wide
LABELS = 300  # the widest category label, in pixels, before it is cut with "…"
BAR = 12  # one bar's thickness
GAP = 8  # between two categories' groups of bars
HEIGHT = 240  # the line chart's plot
SIZE = 11  # font size of labels, in pixels
_NARROW = set("ijlrtf.,:;'!|()[] ")
_WIDE = set("mwMW—–%@")


def chart_svg(chart: ChartData) -> str:
    """SVG markup of a grouped horizontal bar chart or a line chart."""
    return _bars(chart) if chart.type == "bar" else _lines(chart)


def text_width(text: str, size: float = SIZE) -> float:
    """DejaVu Sans's width of a text, near enough to leave room for it (no font file read)."""
    em = sum(0.34 if c in _NARROW else 0.86 if c in _WIDE else 0.62 for c in text)
    return em * size


def ticks(low: float, high: float, count: int = 8) -> list[float]:
    """Round values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [k * step for k in range(first, last + 1)]


def _bars(chart: ChartData) -> str:
    values = {(c, s): float(v) for c, s, v in chart.points}
    scale = ticks(min(0.0, *values.values()), max(0.0, *values.values()))
    labels = [_cut(c, LABELS) for c in chart.categories]
    left = min(LABELS, max(text_width(t) for t in labels)) + 10
    plot = WIDTH - LABELS
    band = BAR * len(chart.series) + GAP
    top = 30
    height = top + band * len(chart.categories)
    width = left + plot + 20

    def x(v: float) -> float:
        return left + (v - scale[0]) / (scale[-1] - scale[0]) * plot

    out = [*_legend(chart, left), *_x_axis(chart, scale, x, top, height, chart.lang)]
    for row, (category, label) in enumerate(zip(chart.categories, labels, strict=True)):
        y0 = top + row * band + GAP / 2
        out.append(_text(left - 6, y0 + band / 2 - GAP / 2 + 4, label, "end", title=category))
        for n, series in enumerate(chart.series):
            if (category, series) not in values:
                continue
            v = values[(category, series)]
            a, b = sorted((x(0), x(v)))
            out.append(
                f'<rect x="{a:.1f}" y="{y0 + n * BAR:.1f}" width="{max(b - a, 0.5):.1f}" '
                f'height="{BAR - 1}" fill="{PALETTE[n % len(PALETTE)]}">'
                f"<title>{escape(category)} · {escape(series)}: "
                f"{format_number(Decimal(str(v)), chart.lang)}</title></rect>"
            )
    return _svg(width, height + 44, out, chart.axis)


def _lines(chart: ChartData) -> str:
    values = {(c, s): float(v) for c, s, v in chart.points}
    scale = ticks(min(0.0, *values.values()), max(0.0, *values.values()), 6)
    left, top = 50.0, 30.0
    step = WIDTH / max(len(chart.categories), 1)

    def y(v: float) -> float:
        return top + HEIGHT - (v - scale[0]) / (scale[-1] - scale[0]) * HEIGHT

    out = list(_legend(chart, left))
    for tick in scale:
        out.append(_line(left, y(tick), left + WIDTH, y(tick), "#ddd"))
        label = format_number(Decimal(str(tick)), chart.lang)
        out.append(_text(left - 5, y(tick) + 4, label, "end"))
    out.append(_line(left, top + HEIGHT, left + WIDTH, top + HEIGHT, "#888"))
    for i, category in enumerate(chart.categories):
        cx = left + step * (i + 0.5)
        out.append(_text(cx, top + HEIGHT + 15, _cut(category, step - 4), "middle", title=category))
    for n, series in enumerate(chart.series):
        colour = PALETTE[n % len(PALETTE)]
        points = [
            (left + step * (i + 0.5), y(values[(c, series)]))
            for i, c in enumerate(chart.categories)
            if (c, series) in values
        ]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in points]
    out.append(_text(left + WIDTH / 2, top + HEIGHT + 34, chart.axis, "middle", bold=True))
    return _svg(left + WIDTH + 10, top + HEIGHT + 42, out, chart.axis)


def _x_axis(
    chart: ChartData,
    scale: list[float],
    x: Callable[[float], float],
    top: float,
    bottom: float,
    lang: str,
) -> Iterator[str]:
    for tick in scale:
        yield _line(x(tick), top, x(tick), bottom, "#ddd" if tick else "#888")
        yield _text(x(tick), bottom + 14, format_number(Decimal(str(tick)), lang), "middle")
    middle = (x(scale[0]) + x(scale[-1])) / 2
    yield _text(middle, bottom + 32, chart.axis, "middle", bold=True)


def _legend(chart: ChartData, left: float) -> Iterator[str]:
    at = left
    for n, series in enumerate(chart.series):
        colour = PALETTE[n % len(PALETTE)]
        yield f'<rect x="{at:.1f}" y="8" width="11" height="11" fill="{colour}"/>'
        yield _text(at + 15, 18, series, "start")
        at += 15 + text_width(series) + 18


def _cut(text: str, room: float) -> str:
    if text_width(text) <= room:
        return text
    while text and text_width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _text(
    x: float, y: float, text: str, anchor: str, bold: bool = False, title: str | None = None
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    tip = f"<title>{escape(title)}</title>" if title and title != text else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{weight}>{escape(text)}{tip}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
        'stroke-width="1"/>'
    )


def _svg(width: float, height: float, parts: list[str], label: str) -> str:
    return (
        f'<svg role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family="{FONT}" font-size="{SIZE}" fill="#222">' + "".join(parts) + "</svg>"
    )
