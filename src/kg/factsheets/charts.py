"""Charts drawn on the server as SVG (Vega-Lite through vl-convert): no script, no network.

The SVG goes inline into the HTML and the PDF, so a printed or saved sheet shows the
chart exactly as the browser does. Bars are horizontal because Vietnamese category
names are long; series differ by shade as well as hue, for black-and-white printing.
"""

from __future__ import annotations

import json
from functools import lru_cache

import vl_convert

from kg.factsheets.model import ChartData

FONT = "DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif"
PALETTE = ["#9ecae1", "#08519c", "#fd8d3c", "#636363"]
WIDTH = 680
# d3-format has no Vietnamese locale: "1.200,5" as Vietnamese readers write it.
LOCALES: dict[str, dict | str] = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": "en-US",
}


def chart_spec(chart: ChartData) -> dict:
    """The Vega-Lite specification of a grouped bar or a line chart."""
    values = [{"category": c, "series": s, "value": float(v)} for c, s, v in chart.points]
    color = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "sort": list(chart.series),
        "scale": {"domain": list(chart.series), "range": PALETTE[: len(chart.series)]},
        "legend": {"orient": "top", "labelFontSize": 12},
    }
    category = {
        "field": "category",
        "type": "nominal",
        "title": None,
        "sort": list(chart.categories),
        "axis": {"labelLimit": 300, "labelFontSize": 12},
    }
    value = {"field": "value", "type": "quantitative", "title": chart.axis}
    if chart.type == "line":
        mark: dict = {"type": "line", "point": True}
        encoding = {"x": category, "y": value, "color": color}
    else:
        mark = {"type": "bar"}
        encoding = {
            "y": category,
            "x": value,
            "yOffset": {"field": "series", "sort": list(chart.series)},
            "color": color,
        }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH - 300 if chart.type == "bar" else WIDTH,
        "height": {"step": 14} if chart.type == "bar" else 240,
        "data": {"values": values},
        "mark": mark,
        "encoding": encoding,
        "config": {"font": FONT, "view": {"stroke": None}, "axis": {"grid": True}},
    }


def chart_svg(chart: ChartData) -> str:
    """SVG markup of the chart (cached: the same data always gives the same drawing)."""
    return _svg(json.dumps(chart_spec(chart), sort_keys=True, ensure_ascii=False), chart.lang)


@lru_cache(maxsize=256)
def _svg(spec_json: str, lang: str) -> str:
    svg = vl_convert.vegalite_to_svg(
        json.loads(spec_json), format_locale=LOCALES[lang], allowed_base_urls=[]
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)
