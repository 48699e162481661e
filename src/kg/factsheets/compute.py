"""Compute a sheet from a store: run each section's canned query, shape rows into records.

Nothing here knows a figure: values, labels and citations all come from the query rows,
so a changed graph gives a changed sheet. Parameters are bound by the catalogue's `bind`
(typed RDF terms, never text pasted into a query).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

import pyoxigraph

from kg.errors import ParameterError
from kg.factsheets.citations import Footnotes, citation_finder
from kg.factsheets.deadline import Deadline
from kg.factsheets.format import (
    decimal,
    format_change,
    format_date,
    format_number,
    format_percent,
    format_period,
    format_rank_change,
    format_yes_no,
)
from kg.factsheets.model import Card, Cell, ChartData, Item, SectionResult, Sheet
from kg.factsheets.rows import QueryRunner, Row
from kg.factsheets.spec import (
    Chart,
    Cites,
    Column,
    Entities,
    Headline,
    Section,
    SheetSpec,
    Text,
)
from kg.iris import Iris
from kg.queries import CannedQuery

NUMERIC = frozenset({"number", "percent", "change", "same-period", "rank-change"})
_WORDS = {
    "vi": {"plan": "kế hoạch", "same": "so với cùng kỳ", "growth": "tăng trưởng"},
    "en": {"plan": "of plan", "same": "on the same period", "growth": "growth"},
}


def sheet_params(spec: SheetSpec, raw: Mapping[str, str]) -> dict[str, str]:
    """The sheet's parameters with defaults; unknown or missing ones are a `ParameterError`."""
    unknown = sorted(set(raw) - {p.name for p in spec.parameters})
    if unknown:
        known = ", ".join(p.name for p in spec.parameters) or "none"
        raise ParameterError(
            f"fact sheet {spec.name!r} has no parameter {unknown[0]!r} (parameters: {known})"
        )
    values: dict[str, str] = {}
    for param in spec.parameters:
        value = raw.get(param.name) or param.default
        if not value:
            example = f", e.g. {param.name}={param.example}" if param.example else ""
            raise ParameterError(
                f"fact sheet {spec.name!r} needs parameter {param.name!r}{example}"
            )
        values[param.name] = value
    return values


def fill_parameters(spec: SheetSpec, params: dict[str, str]) -> SheetSpec:
    """Put parameter values where the YAML writes `$name` (labels and query parameters)."""
    text = spec.model_dump_json()
    for name in sorted(params, key=len, reverse=True):
        text = text.replace(f"${name}", json.dumps(params[name], ensure_ascii=False)[1:-1])
    return SheetSpec.model_validate_json(text)


def compute_sheet(
    spec: SheetSpec,
    store: pyoxigraph.Store,
    catalog: dict[str, CannedQuery],
    iris: Iris,
    raw_params: Mapping[str, str],
    lang: str,
    deadline: Deadline | None = None,
) -> Sheet:
    params = sheet_params(spec, raw_params)
    spec = fill_parameters(spec, params)
    runner = QueryRunner(store, catalog, iris, deadline or Deadline())
    found = [runner.rows(section) for section in spec.sections]
    runner.deadline.check("citations")
    subjects = (
        row[column]
        for section, result in zip(spec.sections, found, strict=True)
        for row in result.rows
        for column in cited_columns(section)
        if row.get(column)
    )
    notes = Footnotes(citation_finder(store, catalog, lang, subjects))
    sections = tuple(
        replace(
            _section(section, result.rows, notes, lang),
            total=result.total,
            kept=len(result.rows),
            params=tuple(sorted(section.params.items())),
        )
        for section, result in zip(spec.sections, found, strict=True)
    )
    return Sheet(
        name=spec.name,
        lang=lang,
        title=spec.title.get(lang),
        description=spec.description.get(lang),
        params=params,
        sections=sections,
        footnotes=tuple(notes.order),
    )


def cited_columns(section: Section) -> set[str]:
    """Columns holding IRIs the section may cite, to fetch their citations in one query."""
    columns: set[str] = set()
    for column in [*(section.table or []), *(section.entities.details if section.entities else [])]:
        columns.update(_cite_values(column.cite))
    if section.figures is not None:
        f = section.figures
        for cites in (f.cite, f.percent_of_plan_cite, f.same_period_cite, f.growth_cite):
            columns.update(_cite_values(cites))
    if section.chart is not None:
        columns.update(c for series in section.chart.series for c in series.cite)
    if section.entities is not None:
        columns.update([*section.entities.cite, section.entities.link])
    return columns


def _cite_values(cites: Cites) -> list[str]:
    return [c for cols in cites.values() for c in cols] if isinstance(cites, dict) else cites


def pick(row: Row, fields: list[str], lang: str) -> tuple[str, str] | None:
    """The first field with a value, in the reader's language first: (field, value)."""
    for name in fields:
        for column in (f"{name}_{lang}", name, f"{name}_vi", f"{name}_en"):
            if row.get(column):
                return name, row[column]
    return None


def _section(section: Section, rows: list[Row], notes: Footnotes, lang: str) -> SectionResult:
    base = {
        "title": section.title.get(lang),
        "kind": section.present,
        "query": section.query,
        "note": section.note.get(lang) if section.note else "",
    }
    if section.figures is not None:
        cards = tuple(_card(section.figures, row, notes, lang) for row in rows)
        return SectionResult(**base, cards=tuple(c for c in cards if c is not None))
    if section.table is not None:
        return SectionResult(**base, **_table(section.table, rows, notes, lang))
    if section.chart is not None:
        return _chart_section(base, section.chart, rows, notes, lang)
    assert section.entities is not None
    return SectionResult(**base, items=_items(section.entities, rows, notes, lang))


def _table(columns: list[Column], rows: list[Row], notes: Footnotes, lang: str) -> dict:
    return {
        "headers": tuple(c.label.get(lang) for c in columns),
        "numeric_columns": tuple(c.format in NUMERIC for c in columns),
        "rows": tuple(tuple(cell(c, row, notes, lang) for c in columns) for row in rows),
    }


def cell(column: Column, row: Row, notes: Footnotes, lang: str) -> Cell:
    found = pick(row, column.field, lang)
    if found is None:
        return Cell("–" if column.format != "text" else "")
    used, text = found
    obs = _cited(column.cite, used, row)
    numbers = tuple(n for n in (notes.cite(o) for o in obs) if n is not None)
    link = row.get(column.link) if column.link else None
    value = decimal(text) if column.format in NUMERIC else None
    if value is None:
        return Cell(_format_text(column.format, text, lang), obs=obs, notes=numbers, link=link)
    direct = len(obs) == 1 and column.format in ("number", "percent", "same-period")
    shown = _format_value(column.format, value, lang)
    return Cell(shown, True, value, obs, numbers, link, direct)


def _cited(cites: Cites, used: str, row: Row) -> tuple[str, ...]:
    columns = cites.get(used, []) if isinstance(cites, dict) else cites
    return tuple(dict.fromkeys(row[c] for c in columns if row.get(c)))


def _format_text(fmt: str, text: str, lang: str) -> str:
    if fmt == "period":
        return format_period(text, lang)
    if fmt == "date":
        return format_date(text, lang)
    if fmt == "yes-no":
        return format_yes_no(text, lang)
    if fmt == "iri":
        return text.rstrip("/").rsplit("/", 1)[-1]
    return text


def _format_value(fmt: str, value: Decimal, lang: str) -> str:
    if fmt == "percent":
        return format_percent(value, lang)
    if fmt == "change":
        return format_change(value, lang, "")
    if fmt == "same-period":
        return format_change(value - 100, lang)
    if fmt == "rank-change":
        return format_rank_change(value, lang)
    return format_number(value, lang)


def _card(spec: Headline, row: Row, notes: Footnotes, lang: str) -> Card | None:
    label = pick(row, spec.label, lang)
    value = cell(
        Column(field=[spec.value], label=_blank(), format="number", cite=spec.cite),
        row,
        notes,
        lang,
    )
    if label is None or value.value is None:
        return None
    unit = pick(row, spec.unit, lang) if spec.unit else None
    unit = unit or (("", spec.unit_text.get(lang)) if spec.unit_text else None)
    period = pick(row, spec.period, lang) if spec.period else None
    area = pick(row, spec.area, lang) if spec.area else None
    when = " · ".join(
        t for t in (format_period(period[1], lang) if period else "", area[1] if area else "") if t
    )
    return Card(
        label=label[1],
        value=value,
        unit=unit[1] if unit else "",
        period=when,
        plan=_plan(spec, row, notes, lang),
        change=_change(spec, row, notes, lang),
    )


def _plan(spec: Headline, row: Row, notes: Footnotes, lang: str) -> Cell | None:
    if not spec.percent_of_plan:
        return None
    column = Column(
        field=spec.percent_of_plan, label=_blank(), format="percent", cite=spec.percent_of_plan_cite
    )
    found = cell(column, row, notes, lang)
    if found.value is None:
        return None
    return Cell(
        f"{found.text} {_WORDS[lang]['plan']}",
        True,
        found.value,
        found.obs,
        found.notes,
        None,
        found.direct,
    )


def _change(spec: Headline, row: Row, notes: Footnotes, lang: str) -> Cell | None:
    for field, fmt, cites in (
        (spec.same_period, "same-period", spec.same_period_cite),
        (spec.growth, "change", spec.growth_cite),
    ):
        if field and row.get(field):
            found = cell(
                Column(field=[field], label=_blank(), format=fmt, cite=cites), row, notes, lang
            )
            suffix = "%" if fmt == "change" else ""
            return Cell(
                f"{found.text}{suffix} {_WORDS[lang]['same']}", True, found.value,
                found.obs, found.notes, None, len(found.obs) == 1,
            )  # fmt: skip
    return None


def _blank() -> Text:
    """A label nobody prints, for the columns built in code for cards."""
    return Text(vi="-", en="-")


def _chart_section(
    base: dict, spec: Chart, rows: list[Row], notes: Footnotes, lang: str
) -> SectionResult:
    """A chart and, beneath it, the same numbers as a table carrying their citations.

    One bar per category: a later row for a category already drawn (the same capital
    source at an earlier cut-off date) is left out rather than stacked onto it, so queries
    feeding charts put the row to show first.
    """
    seen: set[str] = set()
    unique = []
    for row in rows:
        key = (pick(row, spec.category, lang) or ("", ""))[1]
        if key not in seen:
            seen.add(key)
            unique.append(row)
    rows = unique
    columns = [Column(field=spec.category, label=spec.category_label)] + [
        Column(field=[s.field], label=s.label, format="number", cite=s.cite) for s in spec.series
    ]
    table = _table(columns, rows, notes, lang)
    points = []
    for cells in table["rows"]:
        for series, value in zip(spec.series, cells[1:], strict=True):
            if value.value is not None:
                points.append((cells[0].text, series.label.get(lang), value.value))
    chart = ChartData(
        type=spec.type,
        axis=spec.axis.get(lang),
        categories=tuple(dict.fromkeys(c[0].text for c in table["rows"])),
        series=tuple(s.label.get(lang) for s in spec.series),
        points=tuple(points),
        lang=lang,
    )
    return SectionResult(**base, **table, chart=chart)


def _items(spec: Entities, rows: list[Row], notes: Footnotes, lang: str) -> tuple[Item, ...]:
    items: dict[str, Item] = {}
    for row in rows:
        label, link = pick(row, spec.label, lang), row.get(spec.link)
        if label is None or link is None or link in items:
            continue
        cites = _cited(spec.cite, "", row) or (link,)
        numbers = tuple(n for n in (notes.cite(o) for o in cites) if n is not None)
        details = tuple((c.label.get(lang), cell(c, row, notes, lang)) for c in spec.details)
        shown = tuple((k, v) for k, v in details if v.text not in ("", "–"))
        items[link] = Item(label[1], link, shown, numbers)
    return tuple(items.values())
